"""Every model of the project has a factory, so tests build data one way (factory_boy)."""

import importlib
import pkgutil
from pathlib import Path

import factory
from django.apps import apps

import tests

# Rows that only the platform itself writes, through one function each, never a test's data.
WRITTEN_BY_THE_PLATFORM = {
    "core.AuditEntry": "audit.record() writes it; tests read it",
    "core.WorkerHeartbeat": "the worker writes its own heartbeat",
    "matching.IndexState": "one row kept by the matching index",
    "matching.IndexChange": "search_index.refresh() records it; tests read it",
    "api.IdempotencyKey": "written by the API with the object it created",
    "accounts.ApiToken": "api_token_create() makes the key and stores its hash",
    "meetings.Meeting": "meetings services place a meeting with its two seats in one step",
    "meetings.MeetingSeat": "written with its meeting by the meetings services",
}


def _factories() -> set[str]:
    root = Path(tests.__file__).parent
    found = set()
    for info in pkgutil.walk_packages([str(root)], prefix="tests."):
        if not info.name.endswith("factories"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
                model = value._meta.model
                if model is not None:
                    found.add(model._meta.label)
    return found


def test_every_model_has_a_factory():
    models = {
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("innonet.") and not model.__name__.startswith("Historical")
    }
    missing = models - _factories() - set(WRITTEN_BY_THE_PLATFORM)
    assert not missing, f"models without a factory: {sorted(missing)}"
