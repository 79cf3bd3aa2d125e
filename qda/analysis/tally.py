"""Codings, documents and words coded per code and group, counted in plain Python from the project's rows.

The one computation behind ``frequencies`` and ``crosstab`` (which make DataFrames of its rows)
and ``qda stats`` / ``qda crosstab`` (which print the same rows without importing pandas).
Definitions (docs/analysis.md):

* codings: the codings of a code in a group; with ``rollup`` each coding also counts for every
  ancestor of its code, a passage (document, coder, start, end) that several codes of a subtree
  carry once for their common ancestor;
* documents: the documents with at least one such coding;
* words: the words that begin inside the union of those codings' spans, document by document:
  the union of their spans in words (``qda.store.coding_words``, stored with each coding: no text
  and no word starts are read), one by one or with arrays.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .selection import Documents, check_attribute, check_coders, choose_documents, parse_where, resolve_codes

ALL = "all"  # the one group of ``by="code"``
MANY = 200_000  # codings from which they are counted with numpy arrays (numpy's import costs more below)


class CodeRow:
    """A code of the codebook as tables show it.  (Plain classes here: a dataclass costs a
    millisecond or two to make when the module is imported, which every `qda stats` pays.)"""

    __slots__ = ("code_id", "path", "name", "level")

    def __init__(self, code_id: str, path: str, name: str, level: int):
        self.code_id, self.path, self.name = code_id, path, name
        self.level = level  # 1 for a top-level code


PER_GROUP = ("codings", "with_code", "words")  # the counts per (group, code)


class Tally:
    """Counts per (group, code id), the groups in the order tables show them, and per code over every group.

    ``codings``, ``with_code`` and ``words`` are Counters keyed (group, code id); counted with arrays,
    they are kept as arrays (``dense``) and made into Counters when first read (a table by document
    has millions of cells, which ``qda.analysis.frequencies`` reads from the arrays)."""

    def __init__(self, groups: list[str], codes: list[CodeRow], documents: Documents,
                 group_of_document: dict[str, str] | None = None):
        self.groups, self.codes, self.documents = groups, codes, documents
        self.plain: Counter = Counter()           # group -> codings of the shown codes, each once
        self.code_codings: Counter = Counter()    # code -> codings in every group (``totals``)
        self.code_documents: Counter = Counter()  # code -> documents in every group (``totals``)
        self.code_words: Counter = Counter()      # code -> words coded in every group (``totals``)
        self.group_of_document = group_of_document  # document id -> group (None: by code or coder)
        # (the groups, {name in PER_GROUP: int64 array (groups, codes), codes in the order of ``codes``}) or None
        self.dense: tuple[list[str], dict] | None = None
        self._per_group: dict[str, Counter] = {}

    @property
    def codings(self) -> Counter:
        """(group, code) -> codings."""
        return self._counter("codings")

    @property
    def with_code(self) -> Counter:
        """(group, code) -> documents."""
        return self._counter("with_code")

    @property
    def words(self) -> Counter:
        """(group, code) -> words coded."""
        return self._counter("words")

    def _counter(self, name: str) -> Counter:
        counter = self._per_group.get(name)
        if counter is None:
            counter = self._per_group[name] = Counter()
            if self.dense is not None:
                _fill(counter, self.dense[1][name].ravel(), self.dense[0], self.codes)
        return counter


def code_rows(project, codes=None) -> list[CodeRow]:
    """The codes in codebook order (only ``codes`` and their subtrees when named)."""
    codebook = project.codebook
    wanted = resolve_codes(project, codes)
    chosen = None if wanted is None else set(wanted)
    paths = codebook.paths
    return [CodeRow(code.id, paths[code.id], code.name, depth + 1) for code, depth in codebook.walk()
            if chosen is None or code.id in chosen]


def tally(project, by: str = "code", coder=None, codes=None, where=None, rollup: bool = False,
          totals: bool = False, words: bool = True) -> Tally:
    """Count the codings of the selection per code and per group of ``by``: "code" (one group),
    "document" (document names in import order), "coder" (names, sorted) or a document attribute
    (its values, sorted); with ``totals``, per code over every group too (``code_codings``...).
    Without ``words`` the words coded are not counted (``words`` and ``code_words`` stay empty):
    what a table of codings or documents spares (reading every document's word starts).
    Raises QdaError for an unknown coder, code, attribute or value.  Every read sees one moment
    of the project (``Project.snapshot``), whatever another coder commits meanwhile."""
    with project.snapshot():
        return _tally(project, by, coder, codes, where, rollup, totals, words)


def _tally(project, by: str, coder, codes, where, rollup: bool, totals: bool, words: bool) -> Tally:
    from ..store.queries import coding_count

    documents = choose_documents(project, where, attributes=by not in ("code", "document", "coder"))
    if by not in ("code", "document", "coder"):
        check_attribute(documents.columns, by, project)
    names = check_coders(project, coder)
    shown = code_rows(project, codes)
    if by == "document":
        group_of = dict(zip(documents.ids, documents.names))
    elif by in ("code", "coder"):
        group_of = None
    else:
        group_of = dict(zip(documents.ids, map(str, documents.attributes[by])))
    result = Tally([], shown, documents, group_of_document=group_of if by != "code" else None)
    codebook = project.codebook
    shown_ids = {row.code_id for row in shown}
    chain = {code_id: [code_id] + ([a.id for a in codebook.ancestors(code_id) if a.id in shown_ids] if rollup else [])
             for code_id in shown_ids}
    if coding_count(project) >= MANY:
        _count_arrays(project, result, by, names, set(documents.ids), chain, group_of, rollup, totals, words)
    else:  # every document is counted unless ``where`` chose some
        selected = set(documents.ids) if parse_where(where) else None
        _count_rows(project, result, by, names, selected, chain, group_of, rollup, totals, words)
    if by == "code":
        result.groups = [ALL]
    elif by == "document":
        result.groups = list(documents.names)
    elif by == "coder":
        used = ([label for label, row in zip(result.dense[0], result.dense[1]["codings"]) if row.any()]
                if result.dense is not None else {group for group, _ in result.codings})
        result.groups = sorted(used) or sorted(c.name for c in project.coders())
    else:
        result.groups = sorted(set(group_of.values()))
    return result


def _count_rows(project, result: Tally, by: str, names: list[str], selected: set[str] | None,
                chain: dict[str, list[str]], group_of: dict[str, str] | None, rollup: bool, totals: bool,
                words: bool) -> None:
    """The counts of ``tally`` (into ``result``), coding by coding: a few thousand codings (``selected``:
    the documents counted, None for all of them).

    Grouped by coder or rolled up, the spans of each (group, code, document), in words
    (``qda.store.coding_words``), are gathered (one span kept as a tuple, the usual case, several in a
    list) and their words counted once a key; otherwise ``_count_in_order``."""
    from ..store.counting import coding_rows

    if by != "coder" and not rollup:
        _count_in_order(project, result, names, selected, chain, group_of, totals, words)
        return
    coder_of, rows = coding_rows(project, names, with_coder=True, with_offsets=rollup)
    spans: dict[tuple[str, str, str], tuple | list] = {}
    get = spans.get
    seen: set[tuple] = set()
    for row in rows:
        code_id, document_id, start, end = row[:4]
        if (selected is not None and document_id not in selected) or code_id not in chain:
            continue
        group = coder_of[row[4]] if by == "coder" else group_of[document_id] if group_of is not None else ALL
        result.plain[group] += 1
        for target in chain[code_id]:
            if rollup:  # a passage (its span in code points) once for each code of its chain
                passage = (document_id, row[4], row[5], row[6], target)
                if passage in seen:
                    continue
                seen.add(passage)
            key = (group, target, document_id)
            found = get(key)
            if found is None:
                spans[key] = (start, end)
            elif found.__class__ is tuple:
                spans[key] = [found, (start, end)]
            else:
                found.append((start, end))
    per_pair: dict[tuple[str, str], list[int]] = {}  # (group, code) -> [codings, documents, words]
    by_code: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for (group, code_id, document_id), found in spans.items():
        if found.__class__ is tuple:
            codings, coded = 1, found[1] - found[0]
            found = [found]
        else:
            codings, coded = len(found), words_in_union(found)
        counts = per_pair.get((group, code_id))
        if counts is None:
            per_pair[group, code_id] = [codings, 1, coded]
        else:
            counts[0] += codings
            counts[1] += 1
            counts[2] += coded
        if totals:
            result.code_codings[code_id] += codings
            by_code[code_id, document_id] += found
    _put(result, per_pair, words, plain=False, totals=False)
    for (code_id, document_id), found in by_code.items():
        result.code_documents[code_id] += 1
        if words:
            result.code_words[code_id] += words_in_union(found)


def _count_in_order(project, result: Tally, names: list[str], selected: set[str] | None,
                    chain: dict[str, list[str]], group_of: dict[str, str] | None, totals: bool, words: bool) -> None:
    """The counts of ``_count_rows`` grouped by code, document or attribute, not rolled up: the codings
    read in the order of the index on code and document, so that the codings of a (code, document) come
    together and each is told from the one before by comparing its ids with theirs, without making and
    hashing a key a coding (which took as many instructions as reading the codings); the ids of a code's
    first coding, whose hash is kept, name it in the counts.  Each coding counts for its own code only."""
    from ..store.counting import coding_rows

    _, rows = coding_rows(project, names, in_order=True)
    per_pair: dict[tuple[str, str], list[int]] = {}  # (group, code) -> [codings, documents, words]
    last_code = last_document = None
    counts: list[int] = []
    keep_code = keep = False
    first_start = first_end = 0
    several: list[tuple[int, int]] | None = None  # the spans of a (code, document) of several codings
    for code_id, document_id, start, end in rows:
        if document_id == last_document and code_id == last_code:  # another coding of this (code, document)
            if keep:
                counts[0] += 1
                if several is None:
                    several = [(first_start, first_end)]
                several.append((start, end))
            continue
        if several is not None:  # the (code, document) before: the union of its spans, not its first span
            counts[2] += words_in_union(several) - (first_end - first_start)
            several = None
        if code_id != last_code:
            last_code, keep_code = code_id, code_id in chain
        last_document = document_id
        keep = keep_code and (selected is None or document_id in selected)
        if not keep:
            continue
        key = (ALL if group_of is None else group_of[document_id], last_code)
        counts = per_pair.get(key)
        if counts is None:
            counts = per_pair[key] = [0, 0, 0]
        counts[0] += 1
        counts[1] += 1
        counts[2] += end - start
        first_start, first_end = start, end
    if several is not None:
        counts[2] += words_in_union(several) - (first_end - first_start)
    _put(result, per_pair, words, plain=True, totals=totals)


def _put(result: Tally, per_pair: dict[tuple[str, str], list[int]], words: bool, plain: bool, totals: bool) -> None:
    """The counts of each (group, code), [codings, documents, words coded], into ``result``; with ``plain``
    a group's codings are its codes' summed (each coding counted for its own code only), with ``totals`` a
    code's counts over every group its groups' summed (each document in one group)."""
    for pair, (codings, documents, coded) in per_pair.items():
        result.codings[pair], result.with_code[pair] = codings, documents
        if plain:
            result.plain[pair[0]] += codings
        if words:
            result.words[pair] = coded
        if totals:
            result.code_codings[pair[1]] += codings
            result.code_documents[pair[1]] += documents
            if words:
                result.code_words[pair[1]] += coded


def _count_arrays(project, result: Tally, by: str, names: list[str], selected: set[str], chain: dict[str, list[str]],
                  group_of: dict[str, str] | None, rollup: bool, totals: bool, words: bool) -> None:
    """The counts of ``tally`` (into ``result``) with numpy arrays: the same counts as ``_count_rows``,
    for hundreds of thousands of codings, where a loop over them would take seconds."""
    import numpy as np

    from ..store.counting import coding_arrays

    read, passage = coding_arrays(project, names, with_coder=by == "coder" or rollup, with_offsets=rollup)
    document, code, coder, starts, ends = read.document, read.code, read.coder, read.start, read.end  # in words
    document_ids = read.documents
    number = {row.code_id: index for index, row in enumerate(result.codes)}  # shown codes, in codebook order
    code = np.array([number.get(c, -1) for c in read.codes] or [0], dtype=np.int64)[code]
    keep = (code >= 0) & np.array([d in selected for d in document_ids] or [False], dtype=bool)[document]
    document, code, starts, ends = document[keep], code[keep], starts[keep], ends[keep]
    if coder is not None:
        coder = coder[keep]
    if passage is not None:
        passage = passage[keep]
    if by == "coder":
        labels, group = read.coders, coder
    elif group_of is None:
        labels, group = [ALL], np.zeros(len(code), dtype=np.int64)
    else:
        labels = sorted(set(group_of.values()))
        place = {label: index for index, label in enumerate(labels)}
        group = np.array([place.get(group_of.get(d), -1) for d in document_ids] or [0], dtype=np.int64)[document]
    for index, count in enumerate(np.bincount(group, minlength=len(labels)).tolist()):
        if count:
            result.plain[labels[index]] = count
    if rollup:  # each coding once for its code and each shown ancestor, a passage (its span in code points) once per code
        rows, target = expand_chains(code, [[number[c] for c in chain[row.code_id]] for row in result.codes])
        columns = [document[rows], coder[rows], passage[rows], target]
        order = np.lexsort(columns[::-1])
        new = np.zeros(len(order), dtype=bool)
        new[:1] = True
        for column in columns:
            in_order = column[order]
            new[1:] |= in_order[1:] != in_order[:-1]
        kept = order[new]  # the first row of each (passage, code)
        document, coder, code = (column[kept] for column in (columns[0], columns[1], target))
        starts, ends, group = starts[rows][kept], ends[rows][kept], group[rows][kept]
    codes, pairs = len(result.codes), len(labels) * len(result.codes)
    pair = group * codes + code
    shape = (len(labels), codes)
    coded, with_code = _union_words(words, document * pairs + pair, starts, ends, pairs)
    result.dense = (list(labels), {"codings": np.bincount(pair, minlength=pairs).reshape(shape),
                                   "with_code": with_code.reshape(shape), "words": coded.reshape(shape)})
    if totals:
        if by == "coder":  # a document's codings are split among coders: its spans are joined again
            coded, with_code = _union_words(words, document * codes + code, starts, ends, codes)
        else:  # each document is in one group: a code's documents and words are those of its groups summed
            coded, with_code = (result.dense[1][name].sum(axis=0) for name in ("words", "with_code"))
        _fill(result.code_codings, np.bincount(code, minlength=codes), None, result.codes)
        _fill(result.code_documents, with_code, None, result.codes)
        if words:
            _fill(result.code_words, coded, None, result.codes)


def _fill(counter: Counter, counts, labels: list[str] | None, codes: list[CodeRow]) -> None:
    """``counter[(label, code id)]`` from ``counts`` laid out label after label, each label's codes in order;
    ``counter[code id]`` when ``labels`` is None (one count a code).  Zeros are left out, as Counters do.
    The keys are made and stored without a loop in Python: a table by document has millions."""
    import numpy as np

    present = np.flatnonzero(counts)
    label, code = np.divmod(present, len(codes))
    code_ids = list(map([row.code_id for row in codes].__getitem__, code.tolist()))
    keys = code_ids if labels is None else zip(map(labels.__getitem__, label.tolist()), code_ids)
    counter.update(dict(zip(keys, np.asarray(counts)[present].tolist())))


def _union_words(words: bool, keys, starts, ends, pairs: int) -> tuple:
    """(the words in the union of the spans in words of each key (a document's number * ``pairs`` + a
    pair's number) summed per pair, the keys of each pair: its documents), two int64 arrays of ``pairs``;
    the words are zeros without ``words`` (words not counted)."""
    import numpy as np

    keys, starts, ends = merge_spans(keys, starts, ends)
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    with_code = np.bincount(keys[first] % pairs, minlength=pairs)
    if not words:
        return np.zeros(pairs, dtype=np.int64), with_code
    return np.bincount(keys % pairs, weights=ends - starts, minlength=pairs).astype(np.int64), with_code


def merge_spans(keys, starts, ends) -> tuple:
    """The union of spans per key: overlapping or touching spans of one key merge into one.

    ``keys`` is an integer array (M,); returns (keys, starts, ends) of the merged spans, sorted."""
    import numpy as np

    if len(keys) == 0:
        return keys, starts, ends
    span = int(starts.max()) + 1
    if int(keys.min()) >= 0 and int(starts.min()) >= 0 and int(keys.max()) < (1 << 62) // span:
        order = np.argsort(keys * span + starts, kind="stable")  # one integer sort: several times a lexsort's speed
    else:
        order = np.lexsort((starts, keys))
    keys, starts, ends = keys[order], starts[order], ends[order]
    # the running maximum of the end within each key, in one cumulative maximum over every row:
    # each key's ends are lifted above every end of the keys before it (keys numbered 0, 1, ... in order)
    first_of_key = np.ones(len(keys), dtype=bool)
    first_of_key[1:] = keys[1:] != keys[:-1]
    lift = (np.cumsum(first_of_key) - 1) * (int(ends.max()) + 1)
    running = np.maximum.accumulate(ends + lift) - lift
    new = first_of_key.copy()
    new[1:] |= starts[1:] > running[:-1]
    last = np.append(np.flatnonzero(new)[1:] - 1, len(keys) - 1)  # each merged span's last row holds its end
    return keys[new], starts[new], running[last]


def words_in_union(spans: list[tuple[int, int]]) -> int:
    """Words in the union of ``spans`` in words ([start_word, end_word), ``qda.store.coding_words``):
    the length of the union of these integer ranges, each word counted once however many spans hold it."""
    if len(spans) == 1:
        return spans[0][1] - spans[0][0]
    spans = sorted(spans)
    total = 0
    low, high = spans[0]
    for start, end in spans[1:]:
        if start > high:
            total += high - low
            low, high = start, end
        elif end > high:
            high = end
    return total + high - low


def expand_chains(keys, chains: list[list[int]]):
    """Each row ``i`` of ``keys`` (M,) repeated once a member of ``chains[keys[i]]``: (row numbers,
    members), both (sum of the chains' lengths,), a row's members in the order of its chain.  The
    roll-up of codings to their ancestors, in array operations (numpy)."""
    import numpy as np

    lengths = np.array([len(chain) for chain in chains], dtype=np.int64)
    flat = np.array([member for chain in chains for member in chain], dtype=np.int64)
    repeat = lengths[keys]
    rows = np.repeat(np.arange(len(keys)), repeat)
    step = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    return rows, flat[np.repeat((np.cumsum(lengths) - lengths)[keys], repeat) + step]
