"""Coding queries: a small language over codes and their subtrees (docs/queries.md).

``passages`` finds the passages of a query; ``query_quotes`` gives them as quotes
with citable references, ``query_counts`` counts them by document or attribute,
``query_matrix`` puts several queries against documents or an attribute's values
(for the heat map).  ``parse`` reads a query and says where it is wrong.
"""

from .grammar import Query, QueryError, parse
from .results import query_counts, query_matrix, query_quotes
from .run import passages

__all__ = ["Query", "QueryError", "parse", "passages", "query_counts", "query_matrix", "query_quotes"]
