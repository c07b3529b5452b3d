"""The matching engine: text analysis, ranking and consortium proposals, free of Django.

The Django app builds `Document`s from its models, keeps an `Index` fresh and asks it
questions; everything here works on plain data so it can be tested and measured on its own.
"""

from .analysis import Analyser
from .compounds import CompoundSplitter
from .consortium import propose_consortium
from .index import Index
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
