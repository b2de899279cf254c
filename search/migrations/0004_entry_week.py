from django.db import migrations, models

from search.weeks import WEEK_SECONDS, week_of

#: The vector's GIN index, before and after this migration: the week beside it.
GIN_VECTOR = "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector)"
GIN_VECTOR_WEEK = (
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector, (ARRAY[week]))"
)


def weeks_and_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        # SQLite (make run) has no GIN: the week is written, not indexed.
        SearchEntry = apps.get_model("search", "SearchEntry")
        entries = list(SearchEntry.objects.only("pk", "published"))
        for entry in entries:
            entry.week = week_of(entry.published)
        SearchEntry.objects.bulk_update(entries, ["week"], batch_size=500)
        return
    # The index goes first: writing every row's week with it in place would
    # update it row by row, many times slower than building it afresh.
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
    schema_editor.execute(
        "UPDATE search_searchentry"
        f" SET week = floor(extract(epoch FROM published) / {WEEK_SECONDS})::int"
        " WHERE published IS NOT NULL"
    )
    schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    schema_editor.execute(GIN_VECTOR_WEEK)


def vector_index_alone(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
        schema_editor.execute(GIN_VECTOR)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_ordering_by_column"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="week",
            field=models.IntegerField(blank=True, null=True, verbose_name="发布周（检索用）"),
        ),
        migrations.RunPython(weeks_and_index, vector_index_alone, elidable=False),
    ]
