from django.conf import settings


def region(request):
    """The region being served (None on the platform site), and what links to other hosts
    need: the platform's domain and the port this request came in on, if not a default."""
    port = request.get_port() if hasattr(request, "get_port") else "80"
    return {
        "region": getattr(request, "region", None),
        "platform_name": settings.PLATFORM_NAME,
        "platform_domain": settings.PLATFORM_DOMAIN,
        "port_suffix": "" if port in ("80", "443") else f":{port}",
    }
