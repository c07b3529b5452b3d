"""The engine's index: every host keeps its own copy, built from the database, and follows the
changes recorded there, so several app servers never depend on each other's disk.

The database holds the truth about the index's version: `IndexState` (one row) with the shared
build id and a generation counter, and `IndexChange` with the document keys that changed at
each generation. `refresh` (the worker, after a committed change) only records: it bumps the
generation and writes the changed keys. Every process compares its copy's stamp (build id,
generation) with the row on each question; a copy that is behind re-reads the changed documents
itself and applies them in place. A copy of another build, or one so far behind that the record
was pruned or would take longer than a build, is built anew from the database, locally: only a
full rebuild asked for (command, button, bulk change) changes the shared build id, after which
every host builds its copy once.

On one host the processes share a file (`MATCHING_INDEX_PATH`) so that a new process starts
from it instead of building: it is written after a build and whenever a process's copy has
moved `SAVE_AFTER` generations past it; a lock file lets one process of a host build while the
others wait for its file. Searches read a copy under a shared lock (`reading`); applying changes
takes it exclusively, so a search never sees a half-applied document.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import engine
from .documents import all_documents, documents_for, expected_documents, parse_key
from .engine import Weights
from .models import IndexChange, IndexState

if TYPE_CHECKING:
    from .engine import Index

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 500
REBUILD_ABOVE = 5000  # changed documents in one transaction beyond which a full build is faster
CATCH_UP_MAX = 1000  # changed documents beyond which a copy that is behind is built anew
SAVE_AFTER = 100  # generations a host's file may lag behind a process's copy
CHANGES_KEPT = timedelta(days=2)  # a copy older than this is built anew
PRUNE_EVERY = 50  # generations between looks for changes older than CHANGES_KEPT
# A university with twenty units must not outrank the one institute that fits on size alone:
# an organisation's further units and profiles add a quarter of their score.
WEIGHTS = Weights(further_documents=0.25)

Stamp = tuple[str, int]


class _ReadWriteLock:
    """Many searches at once, or one thread changing the copy; a waiting writer goes first.
    Reading is re-entrant within a thread."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting = 0
        self._local = threading.local()

    @contextmanager
    def reading(self) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        if depth == 0:
            with self._condition:
                while self._writing or self._waiting:
                    self._condition.wait()
                self._readers += 1
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth
            if depth == 0:
                with self._condition:
                    self._readers -= 1
                    self._condition.notify_all()

    def held(self) -> bool:
        """Whether this thread is reading (and so must not wait to write)."""
        return getattr(self._local, "depth", 0) > 0

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._condition:
            self._waiting += 1
            while self._writing or self._readers:
                self._condition.wait()
            self._waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


@dataclass
class _Copy:
    """This process's index and the stamp it is at; `saved`: the generation in the file."""

    index: Index | None = None
    stamp: Stamp | None = None
    saved: int = -1


_copy = _Copy()
_updating = threading.RLock()  # one thread per process loads, builds or catches up
_searching = _ReadWriteLock()


def index_path() -> Path:
    return Path(settings.MATCHING_INDEX_PATH)


def state() -> IndexState:
    found = IndexState.objects.order_by("pk").first()
    return found or IndexState.objects.create()


def _stamp(row: IndexState) -> Stamp:
    return (row.build_id, row.generation)


def current() -> Index:
    """This process's copy, brought up to the database's generation first."""
    row = state()
    if row.build_id and _copy.stamp == _stamp(row):
        return _copy.index  # type: ignore[return-value]
    if _copy.index is not None and _searching.held():
        return _copy.index  # asked again within a search: that search's copy
    with _updating:
        return _bring_up_to_date(row)


@contextmanager
def reading() -> Iterator[Index]:
    """The current copy, held so that no change is applied while the caller searches it."""
    index = current()
    with _searching.reading():
        yield index


def _usable(stamp: Stamp | None, row: IndexState) -> bool:
    """A copy at `stamp` can be brought to `row` by applying recorded changes."""
    return (
        stamp is not None
        and stamp[0] == row.build_id
        and row.pruned_through <= stamp[1] <= row.generation
    )


def _bring_up_to_date(row: IndexState) -> Index:
    row = state()  # another thread may have moved it while this one waited
    if not row.build_id:
        return rebuild(first=True)
    if _copy.stamp == _stamp(row):
        return _copy.index  # type: ignore[return-value]
    live = _usable(_copy.stamp, row)
    index = _copy.index if live else _read(row)
    if index is None:
        index = _build_here()
        row = state()
        if not _usable(index.stamp, row):  # a shared rebuild came in between: next time
            _publish(index, saved=index.stamp[1])
            return index
    if not _catch_up(index, row, live=live):
        index = _build_here(force=True)
        _catch_up(index, state(), live=False)
    return index


def _catch_up(index: Index, row: IndexState, *, live: bool) -> bool:
    """Apply the documents changed since the copy's generation; False when the record of
    them was pruned or they are too many (a build is faster)."""
    generation = index.stamp[1]
    if generation < row.generation:
        if generation < row.pruned_through:
            return False
        changed = IndexChange.objects.filter(
            generation__gt=generation, generation__lte=row.generation
        )
        keys = set(changed.values_list("key", flat=True))
        if len(keys) > CATCH_UP_MAX:
            return False
        found, gone = documents_for(keys)
        with _searching.writing() if live else _nothing():
            for document in found:
                index.update(document)
            for key in gone:
                index.remove(key)
            index.stamp = _stamp(row)
    saved = _copy.saved if live else generation
    _publish(index, saved=saved)
    if row.generation - saved >= SAVE_AFTER:
        with _searching.writing():
            _write(index)
        _copy.saved = row.generation
    return True


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _publish(index: Index, *, saved: int) -> None:
    _copy.index, _copy.stamp, _copy.saved = index, index.stamp, saved


def _read(row: IndexState) -> Index | None:
    """The host's file, when it can be brought up to `row`."""
    try:
        index = engine.Index.load(index_path())
    # Any unreadable file (missing, truncated, written by older classes) means the same.
    except Exception as error:
        logger.info("matching index file unusable (%s); building", type(error).__name__)
        return None
    if not _usable(getattr(index, "stamp", None), row):
        return None
    index.weights = WEIGHTS  # weights only steer searching: this code's weights hold
    return index


def _write(index: Index) -> None:
    path = index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    index.save(path)


@contextmanager
def _host_lock() -> Iterator[None]:
    """Held by the one process of this host that builds; the others wait, then read its file."""
    path = index_path().with_name(index_path().name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(progress: Callable[[int, int], None] | None = None) -> Index:
    """Every document read from the database and indexed. `progress(done, total)` counts
    every document twice: once read, once indexed."""
    total = expected_documents()
    documents = []
    for document in all_documents():
        documents.append(document)
        if progress and len(documents) % PROGRESS_EVERY == 0:
            progress(len(documents), 2 * total)
    total = len(documents)
    return engine.Index.build(
        documents,
        weights=WEIGHTS,
        progress=(lambda done, _n: progress(total + done, 2 * total)) if progress else None,
    )


def _build_here(*, force: bool = False) -> Index:
    """A copy of the current build for this host, from its file if another process of the
    host has just written one, else built from the database (without a new build id). Its
    generation is the one before reading: later changes are applied on top."""
    with _host_lock():
        return _build_here_locked(state(), force=force)


def _build_here_locked(row: IndexState, *, force: bool = False) -> Index:
    index = None if force else _read(row)
    if index is None:
        index = _build()
        index.stamp = _stamp(row)
        _write(index)
        logger.info("matching index built on this host: %d documents", len(index))
    return index


def rebuild(progress: Callable[[int, int], None] | None = None, *, first: bool = False) -> Index:
    """A full build from the database under a new build id, which every host follows by
    building its own copy (`first`: only when there is no build yet)."""
    with _updating, _host_lock():
        start = state()
        if first and start.build_id:  # another process made the first build meanwhile
            index = _build_here_locked(start)
            _catch_up(index, state(), live=False)
            return index
        index = _build(progress)
        with transaction.atomic():
            row = IndexState.objects.select_for_update().get(pk=start.pk)
            if first and row.build_id:  # another host made the first build meanwhile
                index.stamp = (row.build_id, start.generation)
            else:
                unchanged = row.generation == start.generation  # no change since reading
                row.build_id = uuid.uuid4().hex
                row.generation += 1
                row.documents = len(index)
                row.built_at = row.updated_at = timezone.now()
                # Copies of earlier builds are built anew, so their changes are not needed.
                row.pruned_through = start.generation
                row.save()
                IndexChange.objects.filter(generation__lte=start.generation).delete()
                index.stamp = _stamp(row) if unchanged else (row.build_id, start.generation)
        _write(index)
        _catch_up(index, state(), live=False)
    logger.info("matching index built: %d documents", len(index))
    return index


def refresh(keys: Iterable[str]) -> int:
    """Record that the documents behind `keys` changed (a new generation) and bring this
    process's copy up to date (as every other process does before its next question); returns
    how many document keys were recorded. Without a build
    there is nothing to follow: the first question builds from the current data."""
    keys = {key for key in keys if parse_key(key)}
    if not keys:
        return 0
    with transaction.atomic():
        row = IndexState.objects.select_for_update().get(pk=state().pk)
        if not row.build_id:
            return 0
        row.generation += 1
        IndexChange.objects.bulk_create(
            IndexChange(generation=row.generation, key=key) for key in sorted(keys)
        )
        if row.generation % PRUNE_EVERY == 0:
            _prune(row)
        row.updated_at = timezone.now()
        row.save()
    # The worker's own copy follows at once, and with it this host's file and the count.
    index = current()
    IndexState.objects.filter(pk=row.pk, generation=index.stamp[1]).update(documents=len(index))
    return len(keys)


def _prune(row: IndexState) -> None:
    """Forget changes older than `CHANGES_KEPT`; copies older than them are built anew."""
    old = IndexChange.objects.filter(recorded_at__lt=timezone.now() - CHANGES_KEPT)
    last = old.aggregate(last=Max("generation"))["last"]
    if last is not None:
        IndexChange.objects.filter(generation__lte=last).delete()
        row.pruned_through = max(row.pruned_through, last)


def forget() -> None:
    """Drop this process's copy (tests, and after a restore of the database)."""
    with _updating:
        _copy.index, _copy.stamp, _copy.saved = None, None, -1
