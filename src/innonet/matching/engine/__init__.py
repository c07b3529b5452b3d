"""The matching engine: text analysis, ranking and consortium proposals, free of Django.

The Django app builds `Document`s from its models, keeps an `Index` fresh and asks it
questions; everything here works on plain data so it can be tested and measured on its own.
"""

import importlib
from typing import TYPE_CHECKING, Any

from .types import (
    COMPLEMENTARY_KINDS,
    Constraints,
    Document,
    Member,
    Proposal,
    Query,
    Result,
    Weights,
)

if TYPE_CHECKING:
    from .analysis import Analyser
    from .compounds import CompoundSplitter
    from .consortium import propose_consortium
    from .index import Index

# The index, the analyser and the consortium search bring numpy and scipy (some 45 MB per
# process): they load on first use, so that a web process which only serves the registry does
# not carry them (decisions.md, "Heavy libraries"). The plain types load at once.
_LAZY = {
    "Analyser": ".analysis",
    "CompoundSplitter": ".compounds",
    "Index": ".index",
    "propose_consortium": ".consortium",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "COMPLEMENTARY_KINDS",
    "Analyser",
    "CompoundSplitter",
    "Constraints",
    "Document",
    "Index",
    "Member",
    "Proposal",
    "Query",
    "Result",
    "Weights",
    "propose_consortium",
]
