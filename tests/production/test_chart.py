"""The Helm chart, rendered and linted by Helm's own library, every manifest checked against
the Kubernetes API schemas, and the values schema refusing what would break a deploy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import helm_python as helm
import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "sinergi"
PRODUCTION = yaml.safe_load((Path(__file__).parent / "values-production.yaml").read_text())
KUBE_VERSION = "1.33"
VALUE_SETS = {"defaults": {}, "production": PRODUCTION}


@pytest.fixture(scope="module")
def chart():
    return helm.Chart.load(CHART)


def render(chart, values):
    rendered = chart.render(values, name="sinergi", namespace="sinergi", is_install=True)
    docs = [
        doc
        for text in rendered.values()
        for doc in yaml.safe_load_all(text)
        if doc  # templates switched off render to nothing
    ]
    return {(doc["kind"], doc["metadata"]["name"]): doc for doc in docs}


def pod_spec(manifest):
    if manifest["kind"] == "CronJob":
        return manifest["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return manifest["spec"]["template"]["spec"]


@pytest.mark.parametrize("values", VALUE_SETS.values(), ids=VALUE_SETS.keys())
def test_helm_lint_finds_no_warning_or_error(values):
    report = helm.lint(CHART, values, strict=True, kube_version=f"v{KUBE_VERSION}.0")
    problems = [m for m in report["messages"] if m["severity"] >= 2]
    assert not problems and not report["errors"], report


@pytest.mark.parametrize("values", VALUE_SETS.values(), ids=VALUE_SETS.keys())
def test_every_rendered_manifest_is_valid_kubernetes(chart, values):
    manifests = render(chart, values)
    for manifest in manifests.values():
        if manifest["apiVersion"] == "monitoring.coreos.com/v1":
            continue  # the Prometheus Operator's CRD: not in the Kubernetes schemas
        # strict: an unknown or misspelt field is an error, not silently dropped.
        kubernetes_validate.validate(manifest, KUBE_VERSION, strict=True)
    kinds = {kind for kind, _ in manifests}
    assert kinds >= {
        "Deployment",
        "Job",
        "Service",
        "Ingress",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "ConfigMap",
        "CronJob",
    }


def test_kubernetes_validate_does_catch_a_broken_manifest(chart):
    deployment = render(chart, {})["Deployment", "sinergi-web"]
    deployment["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBE_VERSION, strict=True)


@pytest.mark.parametrize(
    ("bad", "complaint"),
    [
        ({"web": {"replicas": 0}}, "/web/replicas"),
        ({"worker": {"replicas": 0}}, "/worker/replicas"),
        ({"platformDomain": ""}, "/platformDomain"),
        ({"platformDomain": None}, "platformDomain"),
        ({"platformDomain": "https://sinergi.id/"}, "/platformDomain"),
        ({"image": {"tag": 1.1}}, "/image/tag"),
        ({"secrets": {"existingSecret": ""}}, "SECRET_KEY"),
        ({"settings": {"logLevel": "LOUD"}}, "/settings/logLevel"),
        ({"customDomains": [{"host": "portal.go.id"}]}, "tlsSecretName"),
        ({"podSecurityContext": {"runAsNonRoot": False}}, "runAsNonRoot"),
        ({"media": {"s3": {"bucket": "Sinergi_Media"}}}, "/media/s3/bucket"),
        ({"media": {"s3": {"endpointUrl": "s3.example.id"}}}, "/media/s3/endpointUrl"),
        ({"media": {"s3": {"prefix": "/media/"}}}, "/media/s3/prefix"),
        ({"metrics": {"serviceMonitor": {"interval": "often"}}}, "/metrics/serviceMonitor"),
        ({"migrations": {"processes": 0}}, "/migrations/processes"),
    ],
)
def test_the_values_schema_rejects_bad_values(chart, bad, complaint):
    with pytest.raises(helm.HelmError, match=complaint):
        chart.render(bad, name="sinergi", namespace="sinergi", is_install=True)


def test_inline_secrets_are_accepted_when_no_existing_secret_is_named(chart):
    values = {"secrets": {"existingSecret": "", "values": {"SECRET_KEY": "k", "DATABASE_URL": "x"}}}
    secret = render(chart, values)["Secret", "sinergi-secrets"]
    assert secret["stringData"]["DATABASE_URL"] == "x"
    # The migration Job runs before install: its settings and secrets must exist by then.
    assert "pre-install" in secret["metadata"]["annotations"]["helm.sh/hook"]


def test_migration_job_runs_before_new_code_with_the_command_the_test_database_is_built_with(
    chart,
):
    manifests = render(chart, PRODUCTION)
    job = manifests["Job", "sinergi-migrate"]
    hooks = job["metadata"]["annotations"]["helm.sh/hook"].split(",")
    assert set(hooks) == {"pre-install", "pre-upgrade"}
    (container,) = pod_spec(job)["containers"]
    command = container["command"]
    assert command == ["python", "manage.py", "prepare_platform"]
    # tests/harness/database.py builds the golden database (public schema, the regions and
    # the region template) with exactly this command, so every test run proves it migrates.
    harness = (ROOT / "tests" / "harness" / "database.py").read_text()
    assert f'call_command("{command[-1]}", verbosity=0)' in harness
    # Regions migrate `migrations.processes` at a time (migrate_regions reads this).
    assert {"name": "MIGRATION_PROCESSES", "value": "4"} in container["env"]
    configmap = manifests["ConfigMap", "sinergi"]
    assert "pre-install" in configmap["metadata"]["annotations"]["helm.sh/hook"]
    assert configmap["data"]["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"


def test_worker_pods_outlive_the_longest_task_when_stopped(chart):
    for values in VALUE_SETS.values():
        merged = chart.merge_values(values)
        worker = render(chart, values)["Deployment", "sinergi-worker"]
        (container,) = pod_spec(worker)["containers"]
        assert container["command"] == ["python", "manage.py", "qcluster"]
        grace = pod_spec(worker)["terminationGracePeriodSeconds"]
        assert grace > merged["settings"]["qTimeout"]


def test_web_pods_probe_health_and_run_gunicorn_non_root_on_a_read_only_root(chart):
    web = render(chart, PRODUCTION)["Deployment", "sinergi-web"]
    spec = pod_spec(web)
    (container,) = spec["containers"]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["command"][:3] == ["gunicorn", "config.wsgi", "--pythonpath=platform,."]
    assert spec["securityContext"]["runAsNonRoot"] is True
    # The same fixed UID the image's Dockerfile creates.
    assert spec["securityContext"]["runAsUser"] == 10001
    assert "USER 10001:10001" in (ROOT / "Dockerfile").read_text()
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
    assert "/tmp" in mounts  # noqa: S108 - the emptyDir a read-only root needs
    assert container["resources"]["limits"]["memory"] == "1536Mi"


def test_ingress_serves_the_platform_every_region_subdomain_and_custom_domains_over_tls(chart):
    ingress = render(chart, PRODUCTION)["Ingress", "sinergi"]
    hosts = [rule["host"] for rule in ingress["spec"]["rules"]]
    assert hosts == [
        "sinergi.id",
        "*.sinergi.id",
        "portal.tangerangselatankota.go.id",
        "layanan.balikpapan.go.id",
    ]
    tls_hosts = {host for entry in ingress["spec"]["tls"] for host in entry["hosts"]}
    assert tls_hosts == set(hosts)
    configmap = render(chart, PRODUCTION)["ConfigMap", "sinergi"]
    assert "layanan.balikpapan.go.id" in configmap["data"]["EXTRA_ALLOWED_HOSTS"].split(",")


def test_backups_dump_public_and_each_live_region_schema_on_its_own(chart):
    cron = render(chart, PRODUCTION)["CronJob", "sinergi-backup"]
    (container,) = pod_spec(cron)["containers"]
    script = container["command"][-1]
    assert "--schema=public" in script
    from tenants.models import Region

    live = ", ".join(f"'{status}'" for status in Region.LIVE_STATUSES)
    assert f"FROM public.{Region._meta.db_table} WHERE status IN ({live})" in script
    assert '--schema="$schema"' in script
    # The script is valid shell.
    assert subprocess.run(["sh", "-n", "-c", script], capture_output=True).returncode == 0


def test_media_go_to_the_bucket_in_production_and_to_a_volume_without_one(chart):
    production = render(chart, PRODUCTION)
    config = production["ConfigMap", "sinergi"]["data"]
    assert config["MEDIA_S3_BUCKET"] == "sinergi-media"
    assert config["MEDIA_S3_ENDPOINT_URL"] == "https://s3.sinergi.id"
    assert config["MEDIA_S3_PREFIX"] == "media"
    assert config["MEDIA_S3_PRIVATE_PREFIX"] == "private"
    for name in ("sinergi-web", "sinergi-worker"):
        volumes = {v["name"] for v in pod_spec(production["Deployment", name])["volumes"]}
        assert "media" not in volumes
    default = render(chart, {})
    assert "MEDIA_S3_BUCKET" not in default["ConfigMap", "sinergi"]["data"]
    (container,) = pod_spec(default["Deployment", "sinergi-web"])["containers"]
    mounts = {mount["mountPath"]: mount for mount in container["volumeMounts"]}
    assert "/media" in mounts
    # Private files: on the same volume (kept with the pod's data), outside MEDIA_ROOT.
    assert mounts["/private-media"]["name"] == "media"
    assert default["ConfigMap", "sinergi"]["data"]["PRIVATE_MEDIA_ROOT"] == "/private-media"
    # On a shared volume the migrations (which move old private files) see it too.
    claimed = render(chart, {"media": {"existingClaim": "sinergi-media"}})
    (migrate,) = pod_spec(claimed["Job", "sinergi-migrate"])["containers"]
    mounts = {mount["mountPath"] for mount in migrate["volumeMounts"]}
    assert {"/media", "/private-media"} <= mounts


def test_metrics_are_scraped_with_the_secret_token_from_every_web_worker(chart):
    production = render(chart, PRODUCTION)
    monitor = production["ServiceMonitor", "sinergi"]
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["path"] == "/metrics"
    assert endpoint["authorization"]["credentials"] == {
        "name": "sinergi-production",
        "key": "METRICS_TOKEN",
    }
    service = production["Service", "sinergi"]
    assert (
        monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    )
    assert endpoint["port"] in {port["name"] for port in service["spec"]["ports"]}
    (web,) = pod_spec(production["Deployment", "sinergi-web"])["containers"]
    assert {"name": "PROMETHEUS_MULTIPROC_DIR", "value": "/tmp/prometheus"} in web["env"]  # noqa: S108
    # Prometheus' namespace may reach the web pods.
    policy = production["NetworkPolicy", "sinergi-web"]
    allowed = [
        source["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]
        for source in policy["spec"]["ingress"][0]["from"]
    ]
    assert allowed == ["ingress-nginx", "monitoring"]
    assert ("ServiceMonitor", "sinergi") not in render(chart, {})
