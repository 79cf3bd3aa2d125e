"""Coding queries: a small language over codes and their subtrees (docs/queries.md).

``passages`` finds the passages of a query; ``query_quotes`` gives them as quotes
with citable references, ``query_counts`` counts them by document or attribute,
``query_matrix`` puts several queries against documents or an attribute's values
(for the heat map).  ``parse`` reads a query and says where it is wrong.
"""

from .grammar import Query, QueryError, parse
from .run import passages

__all__ = ["Query", "QueryError", "parse", "passages", "query_counts", "query_matrix", "query_quotes"]
_RESULTS = ("query_counts", "query_matrix", "query_quotes")  # qda.query.results: imported (with pandas) on first use


def __getattr__(name: str):
    if name in _RESULTS:
        from . import results

        return getattr(results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
