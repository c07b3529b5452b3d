"""What changed between two frozen versions of a report: figures and their parts, and the
records each figure counts (added, removed). Both sides are read from the frozen documents, so
the list says what the two reports showed, whatever has happened to the data since."""

from __future__ import annotations

from typing import Any

from innonet.core.collation import german_key


def compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The differences from the frozen document `before` (the previous version) to `after`."""
    old = {row["code"]: row for row in before.get("indicators", [])}
    old_labels = before.get("record_labels", {})
    new_labels = after.get("record_labels", {})
    figures, records = [], []
    for row in after.get("indicators", []):
        previous = old.get(row["code"])
        if previous is None:
            figures.append(_figure(row, None))
            continue
        if _figure_changed(previous, row):
            figures.append(_figure(row, previous))
        if row.get("records") is not None and previous.get("records") is not None:
            change = _records(row, previous, old_labels, new_labels)
            if change["added"] or change["removed"]:
                records.append(change)
    return {"figures": figures, "records": records, "unchanged": not figures and not records}


def _figure_changed(previous: dict[str, Any], row: dict[str, Any]) -> bool:
    return previous["value"] != row["value"] or _parts(previous) != _parts(row)


def _parts(row: dict[str, Any]) -> dict[str, Any]:
    return {part["key"]: part["value"] for part in row.get("parts", [])}


def _figure(row: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
    before_parts = _parts(previous) if previous else {}
    after_parts = {part["key"]: part for part in row.get("parts", [])}
    labels = {part["key"]: part["label"] for part in (previous or {}).get("parts", [])}
    labels.update({key: part["label"] for key, part in after_parts.items()})
    parts = []
    for key, label in labels.items():
        old_value = before_parts.get(key)
        new_value = after_parts[key]["value"] if key in after_parts else None
        if old_value != new_value:
            parts.append({"key": key, "label": label, "before": old_value, "after": new_value})
    return {
        "code": row["code"],
        "label": row["label"],
        "unit": row["unit"],
        "before": previous["value"] if previous else None,
        "after": row["value"],
        "before_display": previous["display"] if previous else "",
        "after_display": row["display"],
        "new": previous is None,
        "parts": parts,
    }


def _records(
    row: dict[str, Any],
    previous: dict[str, Any],
    old_labels: dict[str, str],
    new_labels: dict[str, str],
) -> dict[str, Any]:
    now, then = set(row["records"]), set(previous["records"])

    def named(keys: set[str], labels: dict[str, str]) -> list[dict[str, str]]:
        rows = [{"key": key, "label": labels.get(key, key)} for key in keys]
        return sorted(rows, key=lambda item: (german_key(item["label"]), item["key"]))

    return {
        "code": row["code"],
        "label": row["label"],
        "record_kind_label": row.get("record_kind_label", ""),
        "added": named(now - then, new_labels),
        "removed": named(then - now, old_labels),
    }
