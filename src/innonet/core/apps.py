from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def seed_empty_taxonomies(sender, using: str = "default", **kwargs) -> None:
    """Put the seeded RIS3 fields, competences, districts and countries back into tables that
    are completely empty after `migrate` or `flush` (a flush also runs this signal). Tables
    with any rows are left alone, so terms the office retired or deleted never come back."""
    from importlib import import_module

    from django.apps import apps

    seeds = import_module("innonet.core.migrations.0002_seed_taxonomies")
    for model_name, seed in (
        ("Ris3Field", seeds.seed_ris3_fields),
        ("Competence", seeds.seed_competences),
        ("District", seeds.seed_districts),
        ("Country", seeds.seed_countries),
    ):
        model = apps.get_model("core", model_name)
        if not model.objects.using(using).exists():
            seed(model)


class CoreConfig(AppConfig):
    name = "innonet.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import choice_cache, policies  # noqa: F401 - policies: the permission policies
        from .collation import register_sqlite_collation
        from .models import Competence, Country, District, Ris3Field
        from .privacy import (
            access_log,  # noqa: F401 - registers the access log's privacy part
            audit_log,  # noqa: F401 - registers the audit log's privacy part
            core_retention,  # noqa: F401 - registers core's retention rules
            outbox,  # noqa: F401 - registers the outbox's privacy part
        )
        from .search_index import ensure_search_indexes

        post_migrate.connect(seed_empty_taxonomies, sender=self)
        post_migrate.connect(ensure_search_indexes, sender=self)
        connection_created.connect(register_sqlite_collation)
        for model in (Competence, Country, District, Ris3Field):
            choice_cache.register(model)  # drop-down rows kept between requests
