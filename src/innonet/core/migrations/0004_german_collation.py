# The German collation that core.collation.german_order sorts names with. PostgreSQL gets a
# deterministic ICU collation (DIN 5007-1 order: "ä" as "a", case a tie-breaker only); a server
# built without ICU falls back to its "de_DE" libc locale, else to the default order. SQLite
# needs nothing stored: each connection registers the collation (CoreConfig.ready).
from django.db import migrations

# The name is core.collation.COLLATION; written out here, as a migration must not change.
CREATE = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'de_german') THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i') THEN
        CREATE COLLATION de_german (provider = icu, locale = 'de', deterministic = true);
    ELSIF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'de_DE.utf8') THEN
        CREATE COLLATION de_german FROM "de_DE.utf8";
    ELSE
        CREATE COLLATION de_german FROM "default";
    END IF;
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS de_german")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_worker_heartbeat")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
