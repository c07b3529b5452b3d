# The German collation that core.collation.german_order sorts names with. PostgreSQL gets a
# deterministic ICU collation (DIN 5007-1 order: "ä" as "a", case a tie-breaker only); a server
# built without ICU falls back to its "de_DE" libc locale, else to the default order. SQLite
# needs nothing stored: each connection registers the collation (CoreConfig.ready).
from django.db import migrations

COLLATION = "de_german"

CREATE = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = '%(name)s') THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i') THEN
        CREATE COLLATION %(name)s (provider = icu, locale = 'de', deterministic = true);
    ELSIF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'de_DE.utf8') THEN
        CREATE COLLATION %(name)s FROM "de_DE.utf8";
    ELSE
        CREATE COLLATION %(name)s FROM "default";
    END IF;
END
$$;
""" % {"name": COLLATION}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP COLLATION IF EXISTS {COLLATION}")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_worker_heartbeat")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
