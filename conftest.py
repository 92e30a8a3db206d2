"""Root of every test suite: the harness in tests/harness/ is loaded from here."""

import pytest

pytest_plugins = ["tests.harness.plugin", "tests.harness.fixtures"]


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_blocker):
    """Declared here, not in the plugin, so that it overrides pytest-django's own."""
    from tests.harness.plugin import worker_database

    yield from worker_database(request, django_db_blocker)
