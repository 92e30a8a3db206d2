{{- define "sinergi.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sinergi.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* selector labels for one component: include "sinergi.selector" (list . "web") */}}
{{- define "sinergi.selector" -}}
app.kubernetes.io/name: {{ (index . 0).Chart.Name }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "sinergi.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "sinergi.fullname" .)) -}}
{{- end -}}

{{- define "sinergi.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "sinergi.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "sinergi.image" -}}
{{ printf "%s:%s" .Values.image.repository .Values.image.tag }}
{{- end -}}

{{/* The migration Job's command; the test harness builds its database the same way. */}}
{{- define "sinergi.migrateCommand" -}}
["python", "manage.py", "prepare_platform"]
{{- end -}}

{{/* Environment of every Sinergi container: settings, then secrets. */}}
{{- define "sinergi.envFrom" -}}
- configMapRef:
    name: {{ include "sinergi.fullname" . }}
- secretRef:
    name: {{ include "sinergi.secretName" . }}
{{- end -}}

{{- define "sinergi.volumes" -}}
- name: tmp
  emptyDir:
    medium: Memory
    sizeLimit: 256Mi
{{- if not .Values.media.s3.bucket }}
- name: media
{{- if .Values.media.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .Values.media.existingClaim }}
{{- else }}
  emptyDir: {}
{{- end }}
{{- end }}
{{- end -}}

{{- define "sinergi.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if not .Values.media.s3.bucket }}
- name: media
  mountPath: /media
# Private files on the same volume, in a folder /media does not serve (no hyphen in a schema).
- name: media
  mountPath: /private-media
  subPath: private-media
{{- end }}
{{- end -}}

{{- define "sinergi.podSpecCommon" -}}
serviceAccountName: {{ include "sinergi.serviceAccountName" . }}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Restart pods when their settings change. */}}
{{- define "sinergi.checksums" -}}
checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}
