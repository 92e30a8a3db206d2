"""A bare Django "hello" view: the throughput baseline for region pages (same gunicorn)."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("hello")


settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-" + "x" * 40,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
urlpatterns = [path("", hello)]
application = get_wsgi_application()
