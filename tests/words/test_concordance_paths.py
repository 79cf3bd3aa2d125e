"""The concordance's paths of the fifth pass (kwic18b), each against the lines found on each document's
whole text (``reference`` of test_concordance_pieces.py), on both engines: turns stored out of order
(their bounds sorted once, by numpy, for all documents), a few documents read by name and most read
whole, the speakers of more turns than one statement names, --skip-speaker naming a label only turns
without a hit have (every label then read) or none (the same error as before), and the context
windows that reach their bound with fewer words than asked.  And `qda kwic --skip-speaker` imports no
pandas (issue 20: a command imports only what it uses)."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import unicodedata

import pytest

import qda
from qda.analysis.concordance import concordance_rows, context_bounds, contexts
from qda.errors import QdaError
from qda.model import Span

from .test_concordance_pieces import PIECES, document, labelled, lines, reference

pytestmark = pytest.mark.both_engines

# turns stored in no order, two of them starting together (at 35; the later, ANA's, ends at 45)
OUT_OF_ORDER = document("O01_desorden", "E: una familia\n\nANA: otra familia\n\nE: la familia sola",
                        [("E", 35, 53), ("ANA", 16, 33), ("E", 0, 14), ("ANA", 35, 45)],
                        [Span(0, 14), Span(16, 33), Span(35, 53)])
MANY_TURNS = labelled("M01_muchos", [("E" if n % 3 else "ENTREVISTADORA", f"la familia {n} y familia")
                                     for n in range(450)])
QUIET = labelled("Q01_callado", [("ENTREVISTADORA", "¿Y la familia?"), ("SILENCIO", "nada que decir"),
                                 ("E01", "Mi familia, sí.")])


@pytest.fixture(scope="session")
def paths_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("concordance-paths") / "paths.qda"
    with qda.create_project(path) as project:
        project.add_documents([OUT_OF_ORDER, MANY_TURNS, QUIET,
                               *(labelled(f"F{n:02d}_relleno", [("E", "sin la palabra"), ("F", f"familia {n}")])
                                 for n in range(6))])
    return path


@pytest.fixture
def paths(paths_template, tmp_path, engine, request):
    """The documents above in a file, or pushed to a new database of the tests' PostgreSQL."""
    if engine == "file":
        location = tmp_path / paths_template.name
        shutil.copyfile(paths_template, location)
    else:
        from qda.store.transfer import push

        location = request.getfixturevalue("server_url")
        push(paths_template, location)
    with qda.open_project(location) as project:
        yield project


def test_turns_stored_out_of_order_are_found_as_in_the_whole_text(paths):
    names = dict(paths.document_names())
    found = [row for row in lines(paths, "familia", 2) if names[row[0]] == "O01_desorden"]
    # of the two turns starting at 35, the later (ANA's) holds the hit at 41
    assert [(speaker, hit, start) for _, speaker, _, hit, _, start, _ in found] == [
        ("E", "familia", 7), ("ANA", "familia", 26), ("ANA", "familia", 41)]
    for query in ("familia", "la familia", "famili*", "e"):
        for words in (0, 1, 3, 8):
            assert lines(paths, query, words) == reference(paths, query, words), (query, words)


def test_a_few_documents_are_read_by_name_and_most_whole(paths):
    ids = dict((name, document_id) for document_id, name in paths.document_names())
    everything = reference(paths, "familia", 3)
    for chosen in ([ids["Q01_callado"]], [ids["O01_desorden"], ids["F03_relleno"]], list(ids.values())[1:]):
        table = concordance_rows(paths, "familia", context=3, document_ids=chosen)
        got = list(zip(*(table.column(name) for name in ("document_id", "speaker", "left", "hit", "right", "start", "end"))))
        assert got == [line for line in everything if line[0] in chosen]


def test_the_speakers_of_more_turns_than_a_statement_names(paths):
    names = dict(paths.document_names())
    found = [row for row in lines(paths, "familia", 1) if names[row[0]] == "M01_muchos"]
    assert len(found) == 900  # two hits in each of 450 turns: 450 turns' speakers read, 400 a statement
    assert [row[1] for row in found[::2]] == ["E" if n % 3 else "ENTREVISTADORA" for n in range(450)]
    assert lines(paths, "familia", 1) == reference(paths, "familia", 1)


def test_skip_speaker_reads_every_label_only_when_a_hit_s_turns_lack_one(paths):
    names = dict(paths.document_names())
    # SILENCIO speaks in no turn with a hit: still a label of these documents, so no error
    table = concordance_rows(paths, "familia", context=2, skip_speakers=["silencio", "ENTREVISTADORA"])
    kept = {(speaker, names[document_id]) for speaker, document_id in zip(table.column("speaker"),
                                                                         table.column("document_id"))}
    assert ("E01", "Q01_callado") in kept and not {speaker for speaker, _ in kept} & {"ENTREVISTADORA", "SILENCIO"}
    expected = [line for line in reference(paths, "familia", 2) if line[1] not in ("ENTREVISTADORA", "SILENCIO")]
    assert list(zip(*(table.column(name) for name in ("document_id", "speaker", "left", "hit", "right", "start",
                                                       "end")))) == expected
    with pytest.raises(QdaError, match=r"no speaker 'NADIE' in these documents \(speakers: ANA, E, E01, "
                                       r"ENTREVISTADORA, F, SILENCIO\)"):
        concordance_rows(paths, "familia", skip_speakers=["NADIE"])


def test_kwic_skip_speaker_imports_no_pandas(hand_path):
    code = ("import sys\nfrom qda.cli import main\n"
            f"try:\n    main(['kwic', {str(hand_path)!r}, 'police', '--skip-speaker', 'INTERVIEWER'], prog_name='qda')\n"
            "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print('\\n' + str('pandas' in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "police" in result.stdout and result.stdout.splitlines()[-1] == "False", result.stdout[-300:]


@pytest.mark.file_only
def test_contexts_are_context_bounds_for_every_hit():
    """``contexts`` settles most sides on the first window, or on the words there are when the window
    reached its bound; each must be what ``context_bounds`` finds alone."""
    rng = random.Random("contexts")
    for _ in range(200):
        text = unicodedata.normalize("NFC", "".join(rng.choice(PIECES + ["uno", " dos ", "-", "x" * 30])
                                                    for _ in range(rng.randint(1, 120))))
        hits = [(m, m + 1) for m in sorted(rng.sample(range(len(text)), min(len(text), 5)))]
        lows = [rng.randint(0, start) for start, _ in hits]
        highs = [rng.randint(end, len(text)) for _, end in hits]
        for words in (1, 2, 8):
            got = contexts([text] * len(hits), [s for s, _ in hits], [e for _, e in hits], words, lows, highs)
            assert list(zip(*got)) == [context_bounds(text, s, e, words, low, high)
                                       for (s, e), low, high in zip(hits, lows, highs)]
