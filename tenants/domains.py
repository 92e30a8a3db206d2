"""A region's own domains: claimed by its admin, proven by a DNS TXT record, then routed.

The admin adds a domain and gets a token; they publish it as a TXT record at
`_sinergi-verifikasi.<domain>`; `verify_claim` looks it up (dnspython, against the
resolvers in CUSTOM_DOMAIN_NAMESERVERS when set) and only then adds the Domain row that
routes the host. A domain verified for one region cannot be claimed by another.
A daily schedule (`tenants.tasks.recheck_domain_claims`) looks again at every pending
claim, so the admin need not come back: a domain found verified starts routing and the
region's admins are mailed once.
"""

from __future__ import annotations

import logging
import re
import secrets
from datetime import time

import dns.exception
import dns.resolver
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import api as audit
from tenants.models import Domain, DomainClaim, Region

log = logging.getLogger(__name__)

RECHECK_SCHEDULE = "tenants.recheck_domain_claims"
RECORD_PREFIX = "_sinergi-verifikasi"
RECORD_VALUE_PREFIX = "sinergi-verifikasi="
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def record_name(claim: DomainClaim) -> str:
    return f"{RECORD_PREFIX}.{claim.domain}"


def record_value(claim: DomainClaim) -> str:
    return f"{RECORD_VALUE_PREFIX}{claim.token}"


def normalise(domain: str) -> str:
    """The host name as routing sees it: lower case, no scheme, port, path or final dot."""
    domain = (domain or "").strip().lower()
    domain = re.sub(r"^[a-z]+://", "", domain).split("/", 1)[0].split(":", 1)[0].rstrip(".")
    return domain.removeprefix("www.")


def validate_domain(domain: str) -> None:
    labels = domain.split(".")
    if len(domain) > 253 or len(labels) < 2 or not all(_LABEL.match(x) for x in labels):
        raise ValidationError(
            _("“%(domain)s” bukan nama domain yang sah (contoh: laksa.kotaanda.go.id).")
            % {"domain": domain}
        )
    platform = settings.PLATFORM_DOMAIN
    if domain == platform or domain.endswith(f".{platform}"):
        raise ValidationError(
            _("Subdomain %(platform)s sudah diatur oleh platform; tambahkan domain milik daerah.")
            % {"platform": platform}
        )


def add_claim(region: Region, domain: str, *, actor=None, request=None) -> DomainClaim:
    """Record the region's wish for `domain` and the token that will prove it."""
    domain = normalise(domain)
    validate_domain(domain)
    connection.set_schema_to_public()
    _refuse_if_taken(region, domain)
    with transaction.atomic():
        claim, created = DomainClaim.objects.get_or_create(
            region=region, domain=domain, defaults={"token": secrets.token_urlsafe(24)}
        )
        if created:
            audit.record(
                "tenants.domain_claim",
                actor=actor,
                obj=region,
                request=request,
                details={"domain": domain},
            )
    return claim


def verify_claim(
    claim: DomainClaim, *, actor=None, request=None, tell_admins: bool = False
) -> DomainClaim:
    """Look the token up in DNS; when it is there, the domain routes to the region (and,
    with `tell_admins`, the region's admins are mailed in the same transaction)."""
    connection.set_schema_to_public()
    if claim.verified_at is not None:
        return claim
    _refuse_if_taken(claim.region, claim.domain)
    found = txt_values(record_name(claim))
    claim.last_checked_at = timezone.now()
    claim.save(update_fields=["last_checked_at"])
    if record_value(claim) not in found:
        raise ValidationError(
            _(
                "Catatan TXT %(name)s belum berisi “%(value)s”. Perubahan DNS bisa perlu "
                "beberapa menit sampai beberapa jam; periksa lagi nanti."
            )
            % {"name": record_name(claim), "value": record_value(claim)}
        )
    taken = ValidationError(
        _("Domain %(domain)s sudah dipakai daerah lain.") % {"domain": claim.domain}
    )
    try:
        with transaction.atomic():
            claim.verified_at = timezone.now()
            claim.save(update_fields=["verified_at"])
            Domain.objects.create(domain=claim.domain, tenant=claim.region, is_primary=False)
            audit.record(
                "tenants.domain_verified",
                actor=actor,
                obj=claim.region,
                request=request,
                details={"domain": claim.domain},
            )
            if tell_admins:
                _tell_verified(claim)
    except IntegrityError as exc:  # verified for another region a moment ago
        claim.verified_at = None
        raise taken from exc
    return claim


def ensure_recheck_schedule(**_kwargs) -> None:
    from core.schedules import ensure_schedule

    ensure_schedule(RECHECK_SCHEDULE, "tenants.tasks.recheck_domain_claims", daily_at=time(4, 30))


def recheck_pending_claims() -> list[str]:
    """The daily job: look again at every live region's pending claims. Returns the
    domains verified now. Idempotent: a verified claim is not looked at again, and its
    mail is written with the verification."""
    connection.set_schema_to_public()
    pending = DomainClaim.objects.filter(
        verified_at__isnull=True, region__status__in=Region.LIVE_STATUSES
    ).select_related("region")
    verified = []
    for claim in pending.order_by("id"):
        try:
            verify_claim(claim, tell_admins=True)
        except ValidationError:
            continue  # not published yet, or taken by another region: the admin sees why
        verified.append(claim.domain)
        log.info("domain verified on recheck", extra={"region": claim.region.schema_name})
    return verified


def _tell_verified(claim: DomainClaim) -> None:
    """From the region's own outbox: the mail is about the region only."""
    from django_tenants.utils import schema_context

    from notifications.api import send_email
    from tenants.lifecycle import admin_emails

    region = claim.region
    values = {"domain": claim.domain, "region": region.name}
    with schema_context(region.schema_name):
        for address in admin_emails(region.schema_name):
            send_email(
                address,
                _("Domain %(domain)s terverifikasi") % values,
                _(
                    "Catatan TXT untuk %(domain)s sudah ditemukan: situs %(region)s kini juga "
                    "dapat dibuka di %(domain)s. Untuk menjadikannya domain utama, buka menu "
                    "Domain di admin daerah."
                )
                % values,
                idempotency_key=f"tenants.domain_verified:{claim.pk}:{address}",
            )


def set_primary(region: Region, domain: str, *, actor=None, request=None) -> Domain:
    """The host the region's links and emails use."""
    connection.set_schema_to_public()
    with transaction.atomic():
        chosen = Domain.objects.select_for_update().filter(tenant=region, domain=domain).first()
        if chosen is None:
            raise ValidationError(_("Domain ini bukan milik daerah Anda."))
        Domain.objects.filter(tenant=region).exclude(pk=chosen.pk).update(is_primary=False)
        chosen.is_primary = True
        chosen.save(update_fields=["is_primary"])  # the signal clears the routing cache
        _site_answers_on(region, domain)
        audit.record(
            "tenants.domain_primary",
            actor=actor,
            obj=region,
            request=request,
            details={"domain": domain},
        )
    return chosen


def remove_claim(claim: DomainClaim, *, actor=None, request=None) -> None:
    """Stop answering on the domain (never the platform's own subdomain)."""
    connection.set_schema_to_public()
    region = claim.region
    with transaction.atomic():
        routed = Domain.objects.filter(tenant=region, domain=claim.domain).first()
        if routed is not None:
            if routed.is_primary:
                Domain.objects.filter(tenant=region, domain=default_hostname(region)).update(
                    is_primary=True
                )
                _site_answers_on(region, default_hostname(region))
            routed.delete()
        claim.delete()
        audit.record(
            "tenants.domain_removed",
            actor=actor,
            obj=region,
            request=request,
            details={"domain": claim.domain},
        )


def _site_answers_on(region: Region, hostname: str) -> None:
    """The region's Wagtail site names its primary host: full page URLs (sitemaps, links
    in messages) use it. Cached anonymous pages carry the old links, so they go."""
    from django_tenants.utils import schema_context
    from wagtail.models import Site

    from pages.cache import invalidate_region

    with schema_context(region.schema_name):
        Site.objects.filter(is_default_site=True).update(hostname=hostname)
    invalidate_region(region.schema_name)


def default_hostname(region: Region) -> str:
    return f"{region.slug}.{settings.PLATFORM_DOMAIN}"


def txt_values(name: str) -> set[str]:
    """Every TXT string published at `name`; empty when there is none or DNS fails."""
    try:
        answer = _resolver().resolve(name, "TXT", lifetime=settings.CUSTOM_DOMAIN_DNS_TIMEOUT)
    except (dns.exception.DNSException, OSError):
        return set()
    return {b"".join(record.strings).decode("utf-8", "replace") for record in answer}


def _resolver() -> dns.resolver.Resolver:
    servers = settings.CUSTOM_DOMAIN_NAMESERVERS
    if not servers:
        return dns.resolver.Resolver()
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [server.rsplit(":", 1)[0] for server in servers]
    ports = {server.rsplit(":", 1)[1] for server in servers if ":" in server}
    resolver.port = int(ports.pop()) if ports else 53
    return resolver


def _refuse_if_taken(region: Region, domain: str) -> None:
    owner = (
        Domain.objects.filter(domain=domain).exclude(tenant=region).exists()
        or DomainClaim.objects.filter(domain=domain, verified_at__isnull=False)
        .exclude(region=region)
        .exists()
    )
    if owner:
        raise ValidationError(
            _("Domain %(domain)s sudah dipakai daerah lain.") % {"domain": domain}
        )
