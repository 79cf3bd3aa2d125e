"""Co-occurrence of codes: counts, Jaccard, the c-coefficient, lift and a test against chance.

Two codes co-occur in a unit when both are present in it.  The units
(docs/analysis.md defines each with a worked example):

* ``sentence``, ``paragraph``, ``turn``, ``document``: the project's spans of
  that kind in the selected documents; a code is present in a unit when one of
  its codings shares at least one character with it.
* ``overlap``: the *coded regions*: in each document, the maximal stretches of
  text covered by chains of overlapping codings.  A code is present in a region
  when one of its codings lies in it; two codes co-occur in a region when a
  coding of one and a coding of the other share at least one character.

For a pair of codes (1, 2) with N units, n1 and n2 units holding each code and
n12 units where they co-occur, q1 and q2 the codes' quotations (distinct coded
spans, whoever coded them):

* ``count`` = n12
* ``jaccard`` = n12 / (n1 + n2 - n12)
* ``c`` = n12 / (q1 + q2 - n12), ATLAS.ti's c-coefficient, capped at 1 (``c_capped`` says it was)
* ``lift`` = n12 * N / (n1 * n2), observed over expected under independence
* ``p``, by ``test``: ``"fisher"``, P(X >= n12) for X ~ Hypergeometric(N, n1, n2), the
  one-sided Fisher exact test, which takes the units as independent draws; or
  ``"shift"``, the circular-shift test within documents (``qda.analysis.significance``)
* ``p_adjusted``: Benjamini-Hochberg over every candidate pair of codes present in the selection.

A code applied twice in one unit (by one coder or by several) is present once.
Pairs within one branch of the code tree (a code and its ancestor) are left
out unless ``same_branch``: a child co-occurs with its parent because it is part
of it.  With ``rollup`` a coding also makes every ancestor of its code present,
and such pairs are always left out.  The result's ``attrs`` say what was done:
``unit``, ``test``, ``same_branch`` and ``branch_pairs_left_out``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..arrays import distinct
from ..errors import QdaError
from ..rows import Rows
from ..store.coded_spans import coded_spans
from .selection import check_coders, check_unit, choose_documents, parse_where, resolve_codes
from .significance import benjamini_hochberg, circular_shift_p, hypergeom_sf
from .tally import expand_chains

MEASURES = ("count", "jaccard", "c", "lift")
TESTS = ("fisher", "shift")
SHIFT_UNITS = ("sentence", "paragraph", "turn")
PAIR_COLUMNS = ["code_a", "code_b", "count", "n_a", "n_b", "units", "jaccard", "c", "c_capped", "lift", "expected", "p",
                "p_adjusted", "code_a_id", "code_b_id"]
NODE_COLUMNS = ["code_id", "path", "code", "level", "colour", "units", "quotations"]

if TYPE_CHECKING:  # the command prints ``Pairs.rows()``: only the library's DataFrames need pandas
    import pandas as pd


def _global(document_index: np.ndarray, offsets: np.ndarray, stride: int) -> np.ndarray:
    return document_index.astype(np.int64) * stride + offsets.astype(np.int64)


def overlap_pairs(document_index: np.ndarray, starts: np.ndarray, ends: np.ndarray, stride: int):
    """Every pair of spans that share a character, by sort and sweep.

    Arrays are (M,); returns (order, i, j, region): ``order`` sorts the spans,
    ``i`` < ``j`` index the sorted spans of each overlapping pair, and
    ``region`` (M,) numbers the coded region of each sorted span."""
    g_start = _global(document_index, starts, stride)
    g_end = _global(document_index, ends, stride)
    if len(g_start) and (int(document_index.max()) + 1) * stride * stride < 2 ** 62:  # by start, then end: one key
        order = np.argsort(g_start * stride + (g_end - g_start), kind="stable")
    else:
        order = np.lexsort((g_end, g_start))
    g_start, g_end = g_start[order], g_end[order]
    running = np.maximum.accumulate(g_end)
    new = np.ones(len(order), dtype=bool)
    new[1:] = g_start[1:] >= running[:-1]
    region = np.cumsum(new) - 1
    last = np.searchsorted(g_start, g_end, side="left")  # spans j < last start before span i ends
    i, j = _later_partners(last)
    return order, i, j, region


def _later_partners(last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j) with i < j < last[i], as two arrays, ``last`` (M,) for each i; by offsets
    j - i = 1, 2, ... over the i that still have a partner that far, so that no array is larger
    than the pairs (a span's partners are few; one's far partners do not cost the others)."""
    firsts, seconds = [], []
    active = np.flatnonzero(last > np.arange(len(last)) + 1)
    offset = 1
    while len(active):
        firsts.append(active)
        seconds.append(active + offset)
        offset += 1
        active = active[last[active] > active + offset]
    if not firsts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def _chosen_codings(spans, codebook, position: dict[str, int], rollup: bool, selected) -> tuple[np.ndarray, ...]:
    """(document, code, start, end) (M,) of the codings counted: those in the ``selected`` documents
    (ids; None for all), their codes numbered by ``position`` (codes not in it left out); with
    ``rollup`` a coding stands for its code and for every ancestor of it."""
    document, start, end, own = spans.document, spans.start, spans.end, spans.code
    if selected is not None:
        inside = np.isin(document, _document_numbers(spans, selected))
        document, start, end, own = document[inside], start[inside], end[inside], own[inside]
    if not rollup:
        lookup = np.array([position.get(code_id, -1) for code_id in spans.codes], dtype=np.int64)
        codes = lookup[own] if len(lookup) else own
        if (codes < 0).any():
            kept = codes >= 0
            return document[kept], codes[kept], start[kept], end[kept]
        return document, codes, start, end
    chains = [[position.get(code_id, -1)] + [position.get(a.id, -1) for a in codebook.ancestors(code_id)]
              if code_id in codebook.by_id else [position.get(code_id, -1)] for code_id in spans.codes]
    rows, codes = expand_chains(own, chains)
    kept = codes >= 0
    rows = rows[kept]
    return document[rows], codes[kept], start[rows], end[rows]


def _document_numbers(spans, selected) -> np.ndarray:
    number = {document_id: n for n, document_id in enumerate(spans.documents)}
    return np.array([number[d] for d in selected if d in number], dtype=np.int64)


def _by_overlap(documents, codes, starts, ends, k: int):
    """(N regions, units of each code (k,), co-occurrences (k, k) above the diagonal) in coded regions."""
    if not len(codes):
        return 0, np.zeros(k, np.int64), np.zeros((k, k), np.int64)
    order, i, j, region = overlap_pairs(documents, starts, ends, int(ends.max()) + 1)
    codes_sorted = codes[order]
    n = np.bincount(distinct(region * k + codes_sorted) % k, minlength=k)  # a code twice in a region: once
    a, b = codes_sorted[i], codes_sorted[j]
    kept = a != b
    pairs = distinct((region[i][kept] * k + np.minimum(a, b)[kept]) * k + np.maximum(a, b)[kept])
    return int(region[-1]) + 1, n, np.bincount(pairs % (k * k), minlength=k * k).reshape(k, k)


def _by_units(documents, codes, starts, ends, u_doc, u_start, u_end, k: int, n_documents: int):
    """(N units, units of each code (k,), co-occurrences (k, k) above the diagonal, what the shift
    test needs or None): a code is present in every unit its coding shares a character with."""
    stride = max(int(ends.max()) if len(ends) else 0, int(u_end.max()) if len(u_end) else 0) + 1
    u_start, u_end = _global(u_doc, u_start, stride), _global(u_doc, u_end, stride)
    order = np.argsort(u_start, kind="stable")
    u_start, u_end, u_doc = u_start[order], u_end[order], u_doc[order]
    c_start = _global(documents, starts, stride)
    by_start = np.argsort(c_start, kind="stable")  # codings in the order of the text: the searches walk the units
    c_start, c_end, codes = c_start[by_start], _global(documents, ends, stride)[by_start], codes[by_start]
    first = np.searchsorted(u_end, c_start, side="right")   # first unit ending after the span starts
    last = np.searchsorted(u_start, c_end, side="left")      # units before this one start before the span ends
    present = distinct(np.concatenate(_units_of_codings(first, last, codes, k)), kind="stable")  # (unit, code) once; in runs
    unit_of, code_of = present // k, present % k
    n = np.bincount(code_of, minlength=k)
    n12 = _pairs_in_units(unit_of, code_of, k)
    place = np.arange(len(u_doc)) - np.searchsorted(u_doc, u_doc, side="left")  # units sorted by document
    presence = (unit_of, code_of, u_doc, place, np.bincount(u_doc, minlength=n_documents)) if len(present) else None
    return len(u_doc), n, n12, presence


def _pairs_in_units(unit_of: np.ndarray, code_of: np.ndarray, k: int) -> np.ndarray:
    """(k, k) units holding each pair of codes (above the diagonal), from (unit, code) present once
    each and sorted: the codes of a unit are consecutive, so a pair is an entry and one ``offset``
    places later in the same unit, counted offset by offset over the entries still in their unit."""
    n12 = np.zeros(k * k, np.int64)
    active = np.arange(len(unit_of))
    offset = 1
    while True:
        active = active[:np.searchsorted(active, len(unit_of) - offset)]
        active = active[unit_of[active] == unit_of[active + offset]]
        if not len(active):
            return n12.reshape(k, k)
        n12 += np.bincount(code_of[active] * k + code_of[active + offset], minlength=k * k)
        offset += 1


def _units_of_codings(first: np.ndarray, last: np.ndarray, codes: np.ndarray, k: int) -> list[np.ndarray]:
    """Keys unit * k + code of every unit a coding shares a character with (units ``first`` to
    ``last`` - 1 of each coding), by steps over the codings still spanning that many units."""
    keys = []
    active = np.flatnonzero(last > first)
    step = 0
    while len(active):
        keys.append((first[active] + step) * k + codes[active])
        step += 1
        active = active[last[active] > first[active] + step]
    return keys or [np.zeros(0, np.int64)]


def _quotations(documents, codes, starts, ends, k: int) -> np.ndarray:
    """Distinct coded spans (document, start, end) of each code (k,), whoever coded them."""
    if not len(codes):
        return np.zeros(k, np.int64)
    stride = int(ends.max()) + 1
    if (int(documents.max()) + 1) * stride * stride * k < 2 ** 62:  # one int64 key a coding
        key = distinct(((documents * stride + starts) * stride + ends) * k + codes)
        return np.bincount(key % k, minlength=k)
    order = np.lexsort((ends, starts, documents, codes))
    columns = [column[order] for column in (codes, documents, starts, ends)]
    new = np.ones(len(order), dtype=bool)
    new[1:] = np.any([column[1:] != column[:-1] for column in columns], axis=0)
    return np.bincount(columns[0][new], minlength=k)


def cooccurrence(project, unit: str = "overlap", coder=None, codes=None, where=None, rollup: bool = False,
                 min_count: int = 1, same_branch: bool = False, test: str = "fisher") -> pd.DataFrame:
    """Pairs of codes that co-occur in ``unit``, with every measure.

    Parameters
    ----------
    unit : "overlap", "sentence", "paragraph", "turn" or "document".
    coder, codes, where, rollup : as in ``qda.analysis.frequencies``.
    min_count : only pairs co-occurring in at least this many units.
    same_branch : keep pairs of a code and its own ancestor (left out by default).
    test : "fisher" (the hypergeometric tail) or "shift" (within documents; sentence,
        paragraph or turn units only).

    Returns
    -------
    DataFrame, one row a pair (code_a before code_b in codebook order), sorted by
    count then lift, descending; columns ``PAIR_COLUMNS``.  ``n_a``/``n_b`` are
    the units holding each code and ``units`` is N; ``attrs`` as in the module's doc.
    The rows are those of ``cooccurring_pairs``.
    """
    return cooccurring_pairs(project, unit, coder, codes, where, rollup, min_count, same_branch, test).frame()


def cooccurring_pairs(project, unit: str = "overlap", coder=None, codes=None, where=None, rollup: bool = False,
                      min_count: int = 1, same_branch: bool = False, test: str = "fisher") -> Pairs:
    """The pairs of ``cooccurrence`` as ``Pairs``, without pandas (``qda cooccur`` prints their ``rows()``)."""
    check_unit(unit)
    return _pairs(project, unit, coder, codes, where, rollup, same_branch, test).at_least(min_count)


@dataclass
class Pairs:
    """Pairs of codes with every measure: ``columns`` holds one array (P,) a name of ``PAIR_COLUMNS``, rows
    sorted by count then lift (descending); ``attrs`` as in the module's doc; ``nodes`` one list (k,) a name
    of ``NODE_COLUMNS``, the codes chosen in codebook order."""

    columns: dict[str, np.ndarray]
    attrs: dict = field(default_factory=dict)
    nodes: dict[str, list] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.columns["count"])

    def take(self, index: np.ndarray) -> "Pairs":
        """These rows (indexes or a mask), in this order."""
        return Pairs({name: column[index] for name, column in self.columns.items()}, dict(self.attrs), self.nodes)

    def at_least(self, min_count: int) -> "Pairs":
        return self.take(self.columns["count"] >= max(min_count, 1))

    def around(self, code_id: str) -> "Pairs":
        """The pairs of one code (its neighbourhood)."""
        return self.take((self.columns["code_a_id"] == code_id) | (self.columns["code_b_id"] == code_id))

    def ranked(self, measure: str) -> "Pairs":
        """Sorted by ``measure`` then count, descending; ties keep their order (a stable sort)."""
        return self.take(np.lexsort((-self.columns["count"], -self.columns[measure])))

    def rows(self, columns: list[str] | None = None) -> Rows:
        """The rows as plain Python values (int, float, bool, str), ``columns`` only if named."""
        names = columns or PAIR_COLUMNS
        return Rows(names, zip(*[self.columns[name].tolist() for name in names]))

    def frame(self) -> pd.DataFrame:
        """As a DataFrame of ``PAIR_COLUMNS`` (int64, float64, bool, object), with ``attrs``."""
        import pandas as pd

        frame = pd.DataFrame(self.columns, columns=PAIR_COLUMNS)
        frame.attrs = dict(self.attrs)
        return frame

    def node_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.nodes, columns=NODE_COLUMNS)


def check_test(test: str, unit: str) -> None:
    if test not in TESTS:
        raise QdaError(f"unknown test {test!r}: use fisher or shift")
    if test == "shift" and unit not in SHIFT_UNITS:
        raise QdaError(f"the shift test moves codes between the units of a document: use it with --unit sentence, "
                       f"paragraph or turn, not {unit} (by document, fisher's units are the documents themselves)")


def _cooccurrence(project, unit, coder, codes, where, rollup, same_branch=False, test="fisher"):
    """(every pair as a DataFrame, the codes as a DataFrame of ``NODE_COLUMNS``), for the network and matrix."""
    pairs = _pairs(project, unit, coder, codes, where, rollup, same_branch, test)
    return pairs.frame(), pairs.node_frame()


def _pairs(project, unit, coder, codes, where, rollup, same_branch=False, test="fisher") -> Pairs:
    check_test(test, unit)
    names = check_coders(project, coder)
    chosen = resolve_codes(project, codes)
    codebook = project.codebook
    selected = choose_documents(project, where).ids if parse_where(where) else None
    coder_ids = [c.id for c in project.coders() if c.name in names] if names else None
    spans, units = coded_spans(project, None if unit == "overlap" else unit, coder_ids)
    wanted = None if chosen is None else set(chosen)
    table = [(code, depth) for code, depth in codebook.walk() if wanted is None or code.id in wanted]
    ids = [code.id for code, _ in table]
    paths = [codebook.paths[code_id] for code_id in ids]
    position = {code_id: i for i, code_id in enumerate(ids)}
    k = len(ids)
    documents, codings, starts, ends = _chosen_codings(spans, codebook, position, rollup, selected)
    n_documents = len(spans.documents)

    presence = None
    if unit == "overlap":
        n_units, n, n12 = _by_overlap(documents, codings, starts, ends, k)
    else:
        u_doc, u_start, u_end = units.document, units.start, units.end
        if selected is not None:
            inside = np.isin(u_doc, _document_numbers(spans, selected))
            u_doc, u_start, u_end = u_doc[inside], u_start[inside], u_end[inside]
        if not len(u_doc) and (n_documents if selected is None else len(selected)):
            what = {"turn": "speaker turns", "sentence": "sentences", "paragraph": "paragraphs"}.get(unit, unit + "s")
            raise QdaError(f"the selected documents have no {what} (none were found on import); use another --unit")
        n_units, n, n12, presence = _by_units(documents, codings, starts, ends, u_doc, u_start, u_end, k, n_documents)
    q = _quotations(documents, codings, starts, ends, k)

    # candidate pairs: both codes present, and (by default) not a code and its own ancestor
    present = np.flatnonzero(n > 0)
    branch = np.zeros((k, k), dtype=bool)
    for code_id in ids:
        for ancestor in codebook.ancestors(code_id):
            if ancestor.id in position:
                x, y = sorted((position[code_id], position[ancestor.id]))
                branch[x, y] = True
    candidates = np.zeros((k, k), dtype=bool)
    candidates[np.ix_(present, present)] = True
    candidates = np.triu(candidates, 1)
    left_out = 0
    if rollup or not same_branch:
        left_out = int(((n12 > 0) & candidates & branch).sum())
        candidates &= ~branch
    m = int(candidates.sum())

    xs, ys = np.nonzero((n12 > 0) & candidates)
    count = n12[xs, ys]
    na, nb, qa, qb = n[xs], n[ys], q[xs], q[ys]
    big_n = n_units
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = count / (na + nb - count)
        denominator = qa + qb - count
        raw_c = np.where(denominator > 0, count / np.where(denominator > 0, denominator, 1), 1.0)
        expected = na * nb / big_n if big_n else np.zeros(len(count))
        lift = count / expected
    if test == "shift" and presence is not None:
        p = circular_shift_p(*presence, xs, ys, count)
    else:
        p = hypergeom_sf(count, big_n, na, nb)
    path_of, id_of = np.array(paths, dtype=object), np.array(ids, dtype=object)
    columns = {
        "code_a": path_of[xs], "code_b": path_of[ys], "count": count.astype(np.int64),
        "n_a": na.astype(np.int64), "n_b": nb.astype(np.int64), "units": np.full(len(count), big_n, dtype=np.int64),
        "jaccard": np.asarray(jaccard, dtype=np.float64), "c": np.minimum(raw_c, 1.0).astype(np.float64),
        "c_capped": raw_c >= 1.0, "lift": np.asarray(lift, dtype=np.float64),
        "expected": np.asarray(expected, dtype=np.float64), "p": np.asarray(p, dtype=np.float64),
        "p_adjusted": np.asarray(benjamini_hochberg(p, m), dtype=np.float64),
        "code_a_id": id_of[xs], "code_b_id": id_of[ys],
    }
    # count and lift descending, then code_a and code_b ascending (one order: a pair of codes is one row)
    order = np.lexsort((columns["code_b"].astype(str), columns["code_a"].astype(str), -columns["lift"], -columns["count"]))
    attrs = {"unit": unit, "test": test, "same_branch": bool(same_branch and not rollup), "branch_pairs_left_out": left_out}
    nodes = {"code_id": ids, "path": paths, "code": [code.name for code, _ in table],
             "level": [depth + 1 for _, depth in table], "colour": [code.colour for code, _ in table],
             "units": n.tolist(), "quotations": q.tolist()}
    return Pairs(columns, attrs, nodes).take(order)


def cooccurrence_matrix(project, unit: str = "overlap", measure: str = "count", **options) -> pd.DataFrame:
    """The square code-by-code matrix of one measure (codes in codebook order, paths as labels).

    The diagonal holds each code's units for ``count`` and is empty otherwise."""
    import pandas as pd

    if measure not in MEASURES + ("p", "p_adjusted"):
        raise QdaError(f"unknown measure {measure!r}: use count, jaccard, c, lift, p or p_adjusted")
    check_unit(unit)
    pairs, nodes = _cooccurrence(project, unit, options.get("coder"), options.get("codes"), options.get("where"),
                                 options.get("rollup", False), options.get("same_branch", False),
                                 options.get("test", "fisher"))
    labels = list(nodes["path"])
    matrix = pd.DataFrame(0 if measure == "count" else np.nan, index=labels, columns=labels, dtype=float)
    for row in pairs.itertuples(index=False):
        value = getattr(row, measure)
        matrix.loc[row.code_a, row.code_b] = value
        matrix.loc[row.code_b, row.code_a] = value
    if measure == "count":
        for label, units in zip(labels, nodes["units"]):
            matrix.loc[label, label] = units
        matrix = matrix.astype("int64")
    return matrix
