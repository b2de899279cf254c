from django.db import migrations, models


class Migration(migrations.Migration):
    """Pages are dropped by what they show, not by one generation for everything."""

    dependencies = [
        ("sitecache", "0001_content_generation"),
    ]

    operations = [
        migrations.DeleteModel(name="ContentGeneration"),
        migrations.CreateModel(
            name="Stamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=200, verbose_name="键")),
                ("value", models.BigIntegerField(verbose_name="时刻")),
            ],
            options={
                "verbose_name": "缓存时刻",
                "verbose_name_plural": "缓存时刻",
                "ordering": ["key"],
                "constraints": [models.UniqueConstraint(fields=("key",), name="stamp_unique_key")],
            },
        ),
    ]
