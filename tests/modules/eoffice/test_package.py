"""Hand-over: a letter exported as a package (PDF + metadata JSON in a zip) and imported by
another region as an incoming letter; damaged packages are refused with a clear message."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError

from tests.modules.eoffice.conftest import HEAD, head, in_region, incoming, position

pytestmark = pytest.mark.django_db


def test_export_then_import_in_another_region(tangsel, balikpapan):
    from modules.eoffice import services

    letter = incoming(tangsel, subject="Kerja sama data kependudukan", number="470/12/X/2026")
    content = services.export_package(head(tangsel), letter)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        meta = json.loads(archive.read("metadata.json"))
        assert archive.read("naskah.pdf").startswith(b"%PDF-")
    assert meta["nomor"] == "470/12/X/2026" and meta["asal"] == "Kota Tangerang Selatan"

    in_region(balikpapan)
    imported = services.import_package(head(balikpapan), content, addressed_to=position(HEAD))

    assert imported.subject == "Kerja sama data kependudukan"
    assert imported.kind == "masuk" and imported.imported_from == "Kota Tangerang Selatan"
    assert imported.deliveries.get().position.code == HEAD


def test_damaged_packages_are_refused(tangsel):
    from modules.eoffice import services

    letter = incoming(tangsel)
    content = services.export_package(head(tangsel), letter)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        target.writestr("metadata.json", source.read("metadata.json"))
        target.writestr("naskah.pdf", source.read("naskah.pdf") + b"\n% diubah")

    for bad, message in ((b"bukan zip", "bukan paket"), (buffer.getvalue(), "tidak cocok")):
        with pytest.raises(ValidationError) as error:
            services.import_package(head(tangsel), bad, addressed_to=position(HEAD))
        assert message in str(error.value)
