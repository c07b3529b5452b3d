"""The engine's index for this installation: built from the registry, kept in one file that
every process shares, and updated document by document in the background.

`IndexState` (one row) holds the current build and generation. A process keeps the index it
loaded in memory and reloads the file only when the row says it changed; a process that finds
no usable file builds the index from the database and writes it. Incremental updates lock the
row, apply the changed documents, write the file (atomically) and bump the generation, so two
workers never lose each other's changes.
"""

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .documents import all_documents, documents_for, expected_documents
from .engine import Index, Weights
from .models import IndexState

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 500
REBUILD_ABOVE = 5000
# A university with twenty units must not outrank the one institute that fits on size alone:
# an organisation's further units and profiles add a quarter of their score.
WEIGHTS = Weights(further_documents=0.25)  # changed documents beyond which a full build is faster

_lock = threading.RLock()
_loaded: dict[str, object] = {"stamp": None, "index": None}


def index_path() -> Path:
    return Path(settings.MATCHING_INDEX_PATH)


def state() -> IndexState:
    found = IndexState.objects.order_by("pk").first()
    return found or IndexState.objects.create()


def _stamp(row: IndexState) -> tuple[str, int]:
    return (row.build_id, row.generation)


def current() -> Index:
    """The up-to-date index: from memory, from the shared file, or built now."""
    row = state()
    with _lock:
        if row.build_id and _loaded["stamp"] == _stamp(row):
            return _loaded["index"]  # type: ignore[return-value]
        index = _read(row) if row.build_id else None
        if index is None:
            return rebuild()
        _remember(index, row)
        return index


def _read(row: IndexState) -> Index | None:
    path = index_path()
    try:
        index = Index.load(path)
    # Any unreadable file (missing, truncated, written by older classes) means the same.
    except Exception as error:
        logger.info("matching index file unusable (%s); rebuilding", type(error).__name__)
        return None
    if getattr(index, "stamp", None) != _stamp(row):
        return None
    index.weights = WEIGHTS  # weights only steer searching: this code's weights hold
    return index


def _remember(index: Index, row: IndexState) -> None:
    _loaded["stamp"] = _stamp(row)
    _loaded["index"] = index


def _write(index: Index, row: IndexState) -> None:
    index.stamp = _stamp(row)
    path = index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    index.save(path)


def rebuild(progress: Callable[[int, int], None] | None = None) -> Index:
    """Build the whole index from the database and make it current. `progress(done, total)`
    counts every document twice: once read from the database, once indexed."""
    total = expected_documents()
    documents = []
    for document in all_documents():
        documents.append(document)
        if progress and len(documents) % PROGRESS_EVERY == 0:
            progress(len(documents), 2 * total)
    total = len(documents)
    index = Index.build(
        documents,
        weights=WEIGHTS,
        progress=(lambda done, _n: progress(total + done, 2 * total)) if progress else None,
    )
    with transaction.atomic():
        row = IndexState.objects.select_for_update().get(pk=state().pk)
        row.build_id = uuid.uuid4().hex
        row.generation += 1
        row.documents = len(index)
        row.built_at = row.updated_at = timezone.now()
        row.save()
        _write(index, row)
    with _lock:
        _remember(index, row)
    logger.info("matching index built: %d documents", len(index))
    return index


def refresh(keys: Iterable[str]) -> int:
    """Re-read the documents behind `keys` and update the shared index; returns how many
    documents changed. Without a built index there is nothing to update: the first search
    builds it from the current data."""
    keys = set(keys)
    if not keys:
        return 0
    with transaction.atomic():
        row = IndexState.objects.select_for_update().get(pk=state().pk)
        if not row.build_id:
            return 0
        with _lock:
            index = _loaded["index"] if _loaded["stamp"] == _stamp(row) else _read(row)
        if index is None:
            transaction.on_commit(rebuild)
            return 0
        found, gone = documents_for(keys)
        for document in found:
            index.update(document)
        for key in gone:
            index.remove(key)
        row.generation += 1
        row.documents = len(index)
        row.updated_at = timezone.now()
        row.save()
        _write(index, row)
    with _lock:
        _remember(index, row)
    return len(found) + len(gone)


def forget() -> None:
    """Drop this process's copy (tests, and after a restore of the database)."""
    with _lock:
        _loaded["stamp"] = None
        _loaded["index"] = None
