"""Companies' documents (NIB from OSS, deed of establishment, ...): the write path and the
reads of the pages that show them. A document is a PDF in the region's private folder
(storage.py); only the company's members and Disnaker's verifiers read it, and every
upload and every reading is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import formats
from django.utils.translation import gettext as _

from audit import api as audit
from core.private_files import stream_private_file
from modules.jobs import selectors
from modules.jobs.models import Company, CompanyDocument

MAX_MB = 5
PDF_MAGIC = b"%PDF-"
PDF_TYPES = ("application/pdf", "application/x-pdf")


def documents_of(company: Company) -> QuerySet[CompanyDocument]:
    return company.documents.all()


def check_document(upload: UploadedFile, field: str = "file") -> None:
    """A PDF of at most MAX_MB, or a message under `field` that says what is wrong."""
    if upload.size > MAX_MB * 1024 * 1024:
        raise ValidationError(
            {field: _("Dokumen paling besar %(mb)s MB; ukuran berkas ini %(size)s MB.")
             % {"mb": MAX_MB, "size": formats.number_format(upload.size / 1048576, 1)}}
        )  # fmt: skip
    name_ok = (upload.name or "").lower().endswith(".pdf")
    type_ok = (upload.content_type or "").split(";")[0].strip() in PDF_TYPES
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if not (name_ok and type_ok and head == PDF_MAGIC):
        raise ValidationError({field: _("Dokumen harus berupa berkas PDF (.pdf).")})


@transaction.atomic
def add_document(
    company: Company, kind: str, upload: UploadedFile, *, actor, request=None, field="file"
) -> CompanyDocument:
    if actor is None or not selectors.is_member(actor, company):
        raise PermissionDenied(_("Anda bukan anggota perusahaan ini."))
    if kind not in CompanyDocument.Kind.values:
        raise ValidationError({"kind": _("Pilih jenis dokumen.")})
    check_document(upload, field)
    document = CompanyDocument(
        company=company,
        kind=kind,
        file_name=_safe_name(upload.name),
        size=upload.size,
        uploaded_by=actor,
    )
    document.file.save(document.file_name, upload, save=False)
    document.save()
    audit.record(
        "jobs.add_company_document",
        actor=actor,
        obj=company,
        request=request,
        details={"document_id": document.pk, "kind": kind, "size": document.size},
    )
    return document


@transaction.atomic
def remove_document(document: CompanyDocument, *, actor, request=None) -> None:
    """A member takes a document back while Disnaker has not yet verified the company
    (afterwards the documents it was verified on stay)."""
    company = Company.objects.select_for_update().get(pk=document.company_id)
    if actor is None or not selectors.is_member(actor, company):
        raise PermissionDenied(_("Anda bukan anggota perusahaan ini."))
    if company.status not in (Company.Status.PENDING, Company.Status.REJECTED):
        raise ValidationError(
            _("Dokumen perusahaan yang sudah diverifikasi Disnaker tidak dapat dihapus.")
        )
    storage, name = document.file.storage, document.file.name
    audit.record(
        "jobs.remove_company_document",
        actor=actor,
        obj=company,
        request=request,
        details={"document_id": document.pk, "kind": document.kind},
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


def document_response(document: CompanyDocument, *, actor, request=None) -> FileResponse:
    """The document as a download; the reading is audited (deeds name people)."""
    with transaction.atomic():
        audit.record(
            "jobs.read_company_document",
            actor=actor,
            obj=document.company,
            request=request,
            details={"document_id": document.pk, "kind": document.kind},
        )
    return stream_private_file(request, document.file.name, document.file_name, "application/pdf")


def _safe_name(name: str) -> str:
    base = "".join(c for c in (name or "") if c.isalnum() or c in " ._-()").strip()
    return (base or "dokumen.pdf")[-150:]
