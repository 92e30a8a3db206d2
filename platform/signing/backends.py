"""Signer backends: who holds the keys and whom verification trusts.

DOCUMENT_SIGNING_BACKEND names the class. A backend works in the current region's schema and
implements four methods:

  ensure_ready() -> None
      Make whatever the region needs to sign (our CA); idempotent. SigningUnavailable
      outside a region.
  sign(pdf_bytes, identity, *, reason, location, field_name) -> BackendSignature
      Return the file with a PAdES signature by `identity` and the signing certificate's
      serial. Raise SigningError when it cannot.
  validation_context(moment=None) -> pyhanko_certvalidator.ValidationContext | None
      Trust anchors and current revocation data for verification, judging certificates as
      they stood at `moment` (our recorded signing time; None: now). None: nothing to
      trust yet.
  revoke(user_id, *, compromised=False) -> int | None
      Stop trusting the person's certificates from now on (from their start when the key
      was compromised); how many were revoked (0: none to revoke, nothing is audited). A
      national CA does this on its side.

A national CA (BSrE) backend would call its signing service in `sign` (it returns the
signed PDF) and trust its root in `validation_context`; the rest of the platform does not
change.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from signing import authority, pdf
from signing.types import BackendSignature, SignerIdentity


class SignerBackend:
    def ensure_ready(self) -> None:
        raise NotImplementedError

    def sign(
        self,
        pdf_bytes: bytes,
        identity: SignerIdentity,
        *,
        reason: str,
        location: str,
        field_name: str,
    ) -> BackendSignature:
        raise NotImplementedError

    def validation_context(self, moment=None):
        raise NotImplementedError

    def revoke(self, user_id: int, *, compromised: bool = False) -> None:
        raise NotImplementedError


class LocalCASigner(SignerBackend):
    """The region's own CA (signing.authority); keys encrypted in the region's schema."""

    def ensure_ready(self) -> None:
        authority.ensure_ca()

    def sign(self, pdf_bytes, identity, *, reason, location, field_name) -> BackendSignature:
        material = authority.signer_material(identity.user_id, identity.name, identity.email)
        content = pdf.sign(
            pdf_bytes,
            certificate=material.certificate,
            key=material.key,
            ca_certificate=material.ca_certificate,
            crl_der=material.crl_der,
            field_name=field_name,
            signer_name=identity.name,
            reason=reason,
            location=location,
        )
        return BackendSignature(content=content, certificate_serial=material.serial)

    def validation_context(self, moment=None):
        trust = authority.trust_material()
        return None if trust is None else pdf.validation_context(*trust, moment=moment)

    def revoke(self, user_id: int, *, compromised: bool = False) -> int:
        return authority.revoke_user(user_id, compromised=compromised)


@cache
def _backend_class(dotted: str) -> type[SignerBackend]:
    return import_string(dotted)


def get_backend() -> SignerBackend:
    return _backend_class(settings.DOCUMENT_SIGNING_BACKEND)()
