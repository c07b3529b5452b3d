"""The database cache's table on PostgreSQL: created here, UNLOGGED.

A cache write (the API throttle writes on every request) in a logged table waits for the WAL to
reach the disk on commit; an unlogged table writes no WAL, so its commits do not wait. After a
crash PostgreSQL empties unlogged tables, which a cache may lose. `createcachetable` creates the
table on SQLite, and leaves this one alone because it exists.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "innonet_cache"


def unlogged_cache_table(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    if TABLE not in connection.introspection.table_names():
        call_command("createcachetable", TABLE, database=connection.alias, verbosity=0)
    schema_editor.execute(f"ALTER TABLE {connection.ops.quote_name(TABLE)} SET UNLOGGED")


def logged_cache_table(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql" and TABLE in connection.introspection.table_names():
        schema_editor.execute(f"ALTER TABLE {connection.ops.quote_name(TABLE)} SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("core", "0007_outbox")]

    operations = [migrations.RunPython(unlogged_cache_table, logged_cache_table)]
