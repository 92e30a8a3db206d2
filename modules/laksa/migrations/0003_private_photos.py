"""Report photos move from the region's public media folder (where a rahasia report's photo
was protected only by its random name) to its private folder (core.private_files), under
the same name. Runs in each region's schema; re-running moves nothing twice, and a photo
whose file is gone (redacted) is skipped."""

import core.private_files
import modules.laksa.models
from django.db import migrations, models


def move_photos(apps, schema_editor):
    from core.private_files import move_from_public_media

    schema = schema_editor.connection.schema_name
    if schema == "public":
        return
    ReportPhoto = apps.get_model("laksa", "ReportPhoto")
    for name in ReportPhoto.objects.exclude(image="").values_list("image", flat=True).iterator():
        move_from_public_media(schema, name)


class Migration(migrations.Migration):
    dependencies = [("laksa", "0002_abuse_open311_followers")]

    operations = [
        migrations.AlterField(
            model_name="reportphoto",
            name="image",
            field=models.FileField(
                max_length=200,
                storage=core.private_files.private_storage,
                upload_to=modules.laksa.models.photo_path,
                verbose_name="foto",
            ),
        ),
        migrations.RunPython(move_photos, migrations.RunPython.noop),
    ]
