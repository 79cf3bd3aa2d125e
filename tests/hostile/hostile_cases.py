"""The cases of the hostile-input suite (test_hostile_inputs.py): for each, how its file is
built (fictional, small) and the command line that reads it, and a fragment of the problem
the one line of error must name besides the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import hostile_files as make

DOCUMENT = "P01_police_limanorte"
CODE = "Shame"


@dataclass
class Case:
    id: str
    build: Callable[[Path, Path], Path]  # (folder, good project) -> the hostile file or path
    argv: Callable[[Path, Path], list]  # (good project, hostile) -> the command line
    problem: str = ""  # a fragment the one line must hold besides the file's name
    named: Callable[[Path], str] = lambda hostile: hostile.name


CASES: list[Case] = []


def case(*args, **kwargs) -> None:
    CASES.append(Case(*args, **kwargs))


# -- project files that are not projects, are cut short, damaged or of a future schema -------------

PROJECT_VARIANTS = {
    "empty": (lambda f, g: make.empty(f, "study.qda"), "not a qda project"),
    "text": (lambda f, g: make.text(f, "study.qda"), "not a qda project"),
    "random": (lambda f, g: make.random_bytes(f, "study.qda"), "not a qda project"),
    "other-sqlite": (lambda f, g: make.other_sqlite(f, "study.qda"), "not a qda project"),
    "header-only": (lambda f, g: make.header_only(f, "study.qda", g), "cut short"),
    "half": (lambda f, g: make.cut_short(f, "study.qda", g, 0.5), "cut short"),
    "nine-tenths": (lambda f, g: make.cut_short(f, "study.qda", g, 0.9), "cut short"),
    "future-schema": (lambda f, g: make.future_schema(f, "study.qda", g), "newer qda"),
    "damaged-pages": (lambda f, g: make.damaged_pages(f, "study.qda", g), "damaged"),
    "zip-named-qda": (lambda f, g: make.zip_named(f, "study.qda"), "not a qda project"),
    "missing": (lambda f, g: f / "study.qda", "no project there"),
}
PROJECT_COMMANDS = {
    "documents": lambda p, h: ["documents", h],
    "codings": lambda p, h: ["codings", h],
    "stats": lambda p, h: ["stats", h],
    "export": lambda p, h: ["export", h, "-o", h.parent / "out.qdpx"],
    "copy-for-coder": lambda p, h: ["copy-for-coder", h, "--coder", "luis", "-o", h.parent / "luis.qda"],
    "merge-other": lambda p, h: ["merge", p, h],
}
for variant, (build, problem) in PROJECT_VARIANTS.items():
    for command, argv in PROJECT_COMMANDS.items():
        if variant == "missing" and command == "merge-other":
            continue  # click checks that the file exists
        case(f"project-{variant}-{command}", build, argv, problem)

EVERY_PROJECT_COMMAND = {
    "codebook": lambda p, h: ["codebook", h],
    "crosstab": lambda p, h: ["crosstab", h, "--rows", "role"],
    "cooccur": lambda p, h: ["cooccur", h],
    "quotes": lambda p, h: ["quotes", h, "--code", CODE],
    "saturation": lambda p, h: ["saturation", h],
    "agree": lambda p, h: ["agree", h, "--coders", "ana,luis"],
    "history": lambda p, h: ["history", h],
    "undo": lambda p, h: ["undo", h, "--coder", "ana"],
    "redo": lambda p, h: ["redo", h, "--coder", "ana"],
    "memo": lambda p, h: ["memo", h, "--coder", "ana", "--text", "a note"],
    "done": lambda p, h: ["done", h, DOCUMENT, "--coder", "ana"],
    "purge": lambda p, h: ["purge", h],
    "import": lambda p, h: ["import", h, make.text(h.parent, "P99.txt", make.TRANSCRIPT)],
    "import-attributes": lambda p, h: ["import", h, "--attributes",
                                       make.csv_file(h.parent, "participants.csv", f"document,role\n{DOCUMENT},a\n")],
    "codings-add": lambda p, h: ["codings", h, "--add",
                                 make.csv_file(h.parent, "codings.csv", f"document,code,start,end,coder\n{DOCUMENT},{CODE},0,5,ana\n")],
    "codebook-import": lambda p, h: ["codebook", h, "--import",
                                     make.yaml_file(h.parent, "codebook.yaml", "codes:\n  - name: Police\n")],
    "query": lambda p, h: ["query", h, CODE],
    "query-save": lambda p, h: ["query", h, CODE, "--save", "shame"],
    "query-run": lambda p, h: ["query", h, "--run", "shame"],
    "sets": lambda p, h: ["sets", h],
    "sets-add": lambda p, h: ["sets", h, "--add", "police", DOCUMENT],
    "kwic": lambda p, h: ["kwic", h, "police"],
    "kwic-apply": lambda p, h: ["kwic", h, "police", "--code", CODE, "--apply"],
    "words": lambda p, h: ["words", h],
    "keyness": lambda p, h: ["keyness", h, "role=police officer"],
    "memos": lambda p, h: ["memos", h],
    "heatmap": lambda p, h: ["heatmap", h, "-o", h.parent / "map.png"],
    "bars": lambda p, h: ["bars", h, "--by", "role", "-o", h.parent / "bars.png"],
    "portrait": lambda p, h: ["portrait", h, DOCUMENT, "-o", h.parent / "portrait.png"],
    "push": lambda p, h: ["push", h, "postgresql://qda@127.0.0.1:1/nowhere"],
    "code": lambda p, h: ["code", h, "--coder", "ana"],
}
for command, argv in EVERY_PROJECT_COMMAND.items():
    for variant in ("half", "future-schema", "text"):
        build, problem = PROJECT_VARIANTS[variant]
        case(f"project-{variant}-{command}", build, argv, problem)

# -- codebooks -------------------------------------------------------------------------------------------

YAML_CASES = {
    "billion-laughs": (make.billion_laughs(), "alias"),
    "contains-itself": (make.self_containing(), "alias"),
    "code-contains-itself": (make.self_containing_code(), "alias"),
    "nested-3000": (make.nested_block(3000), "nested"),
    "flow-5000": (make.nested_flow(5000), "nested"),
    "empty": ("", "empty"),
    "list-at-top": ("- name: Police\n", "mapping"),
    "no-codes": ("name: A codebook\n", "codes"),
    "unknown-key": ("codes:\n  - name: Police\n    colour: '#FF0000'\n    owner: me\n", "unknown key"),
    "syntax": ("codes:\n  - name: Police\n   - name: Courts\n", "YAML syntax"),
    "tab-indent": ("codes:\n\t- name: Police\n", "YAML syntax"),
    "bad-colour": ("codes:\n  - name: Police\n    colour: red\n", "colour"),
    "duplicate-ids": ("codes:\n  - name: A\n    id: 6f1c2c4e-1d57-4a8e-9c1a-2b7e3f9a0d11\n"
                      "  - name: B\n    id: 6f1c2c4e-1d57-4a8e-9c1a-2b7e3f9a0d11\n", "used by two"),
    "not-a-uuid": ("codes:\n  - name: A\n    id: 12\n", "UUID"),
    "duplicate-siblings": ("codes:\n  - name: Police\n  - name: police\n", "duplicate"),
    "name-with-separator": ("codes:\n  - name: Police > Courts\n", "'>'"),
    "children-not-list": ("codes:\n  - name: Police\n    children: Courts\n", "lists of codes"),
    # shapes from PyYAML's issue tracker (yaml/pyyaml#895, #896, #604): a deep block sequence,
    # an !!omap that contains itself, fuzzed tags
    "dash-nesting-1100": ("codes:\n" + "\n".join("-  " * level for level in range(1100)) + "\n", "nested"),
    "omap-loop": ("codes: !!omap &loop\n- key: *loop\n", "alias"),
    "fuzzed-tags": ("codes: {!![  \r{!  \r{!![  \r{!  \r{![  \r{  \r{!![\n", "YAML syntax"),
    "python-tag": ("codes:\n  - name: !!python/object/apply:os.system ['true']\n", "must be text"),
}
for name, (content, problem) in YAML_CASES.items():
    build = (lambda content: lambda f, g: make.yaml_file(f, "codebook.yaml", content))(content)
    case(f"codebook-init-{name}", build, lambda p, h: ["init", h.parent / "new.qda", "--codebook", h], problem)
for name in ("billion-laughs", "contains-itself", "nested-3000", "flow-5000", "syntax", "bad-colour"):
    content, problem = YAML_CASES[name]
    build = (lambda content: lambda f, g: make.yaml_file(f, "codebook.yaml", content))(content)
    case(f"codebook-import-{name}", build, lambda p, h: ["codebook", p, "--import", h], problem)
case("codebook-not-utf8", lambda f, g: make.text(f, "codebook.yaml", "codes:\n  - name: Señora\n", "latin-1"),
     lambda p, h: ["init", h.parent / "new.qda", "--codebook", h], "UTF-8")
case("codebook-binary", lambda f, g: make.random_bytes(f, "codebook.yaml"),
     lambda p, h: ["init", h.parent / "new.qda", "--codebook", h], "UTF-8")
case("codebook-missing", lambda f, g: f / "codebook.yaml", lambda p, h: ["init", h.parent / "new.qda", "--codebook", h],
     "cannot read")
case("codebook-qdc-not-xml", lambda f, g: make.text(f, "codes.qdc", "not xml at all"),
     lambda p, h: ["codebook", p, "--import", h], "XML")
case("codebook-qdc-empty", lambda f, g: make.empty(f, "codes.qdc"), lambda p, h: ["codebook", p, "--import", h], "XML")
case("codebook-unknown-suffix", lambda f, g: make.text(f, "codes.json", "{}"), lambda p, h: ["codebook", p, "--import", h],
     ".json")

# -- transcripts ------------------------------------------------------------------------------------------

TRANSCRIPT_CASES = {
    "docx-zip-bomb": (make.docx_zip_bomb, "interview.docx", "zip bomb"),
    "docx-entity": (make.docx_with_entity, "interview.docx", "DTD"),
    "docx-not-zip": (make.docx_not_zip, "interview.docx", "not a readable .docx"),
    "docx-truncated": (make.docx_truncated, "interview.docx", "not a readable .docx"),
    "docx-no-document": (make.docx_without_document, "interview.docx", "word/document.xml"),
    "vtt-broken-cue": (make.vtt_broken_cue, "interview.vtt", "line 6"),
    "srt-broken-cue": (make.srt_broken_cue, "interview.srt", "line 6"),
    "txt-invalid-utf8": (make.invalid_utf8, "interview.txt", "line 1 has byte 0xff"),
    "txt-empty": (lambda f, n: make.empty(f, n), "interview.txt", "empty"),
    "txt-binary": (lambda f, n: make.random_bytes(f, n, 20000), "interview.txt", "binary"),
    "pdf": (lambda f, n: make.text(f, n, "%PDF-1.4\n"), "interview.pdf", ".pdf"),
    "missing": (lambda f, n: f / n, "interview.txt", "no such file"),
    "a-folder": (lambda f, n: make.a_folder(f, n), "interview.txt", "not a file"),
    "docx-external-entity": (make.docx_external_entity, "interview.docx", "DTD"),
    "docx-bomb-in-styles": (lambda f, n: make.zip_bomb(f, n, "word/styles.xml", others=make.docx_parts(["P01: Hola."])),
                            "interview.docx", "zip bomb"),
    "vtt-no-header": (lambda f, n: make.text(f, n, "00:00:01.000 --> 00:00:04.000\nP01: We waited.\n"), "interview.vtt", "WEBVTT"),
    "srt-garbage": (lambda f, n: make.text(f, n, "this is not\na subtitle file\n"), "interview.srt", "no subtitle cues"),
    "md-binary": (lambda f, n: make.random_bytes(f, n, 20000), "interview.md", "binary"),
    # nested 3,000 deep, the reader's walk of Word's XML stopped with Python's RecursionError
    "docx-tables-in-tables": (make.docx_nested("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"), "interview.docx", "nests"),
    "docx-nested-custom-xml": (make.docx_nested("<w:customXml>", "</w:customXml>"), "interview.docx", "nests"),
    "docx-nested-content-controls": (make.docx_nested("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
                                     "interview.docx", "nests"),
    "docx-nested-insertions": (make.docx_nested("<w:ins>", "</w:ins>", in_paragraph=True), "interview.docx", "nests"),
}
for name, (builder, file_name, problem) in TRANSCRIPT_CASES.items():
    build = (lambda builder, file_name: lambda f, g: builder(f, file_name))(builder, file_name)
    case(f"transcript-{name}", build, lambda p, h: ["import", p, h], problem)

# a researcher's own speaker pattern that backtracks without end over a held note's run of a's: the import
# never ended (qda/user_patterns.py)
case("transcript-speaker-pattern-backtracks",
     lambda f, g: make.text(f, "P09_held.txt", f"ANA: Hola.\n{'a' * 300}!\nLUIS: Buenas.\n"),
     lambda p, h: ["import", p, h, "--speaker-pattern", r"^(?P<speaker>(a|aa)+|[A-Z]+):"], "takes too long")

# -- attribute CSVs ----------------------------------------------------------------------------------------

ATTRIBUTE_CASES = {
    "no-document-column": ("name,role\nP01_police_limanorte,police officer\n", "document"),
    "empty": ("", "empty"),
    "binary": (None, "binary"),
    "ragged-row": ("document,role,site\nP01_police_limanorte,police officer\nP02_fiscal_limanorte,prosecutor,Lima,extra\n", "line 2"),
    "duplicate-column": ("document,role,role\nP01_police_limanorte,a,b\n", "appears twice"),
    "clashing-column": ("document,words\nP01_police_limanorte,12\n", "clash"),
    "duplicate-document": ("document,role\nP01_police_limanorte,a\nP01_police_limanorte,b\n", "line 3"),
    # pandas-dev/pandas#47073: a quote opened and never closed swallows the rows after it
    "unclosed-quote": ('document,role\nP01_police_limanorte,"police officer\nP02_fiscal_limanorte,prosecutor\n', "line 3"),
    "nul-bytes": ("document,role\nP01_police_limanorte,a\0b\n", "binary"),
}
for name, (content, problem) in ATTRIBUTE_CASES.items():
    if content is None:
        build = lambda f, g: make.random_bytes(f, "participants.csv")
    else:
        build = (lambda content: lambda f, g: make.csv_file(f, "participants.csv", content))(content)
    case(f"attributes-{name}", build, lambda p, h: ["import", p, "--attributes", h], problem)

# -- codings CSVs ------------------------------------------------------------------------------------------

CODINGS_HEADER = "document,code,start,end,coder\n"
CODINGS_CASES = {
    "start-not-number": (CODINGS_HEADER + f"{DOCUMENT},{CODE},first,20,ana\n", "line 2"),
    "end-before-start": (CODINGS_HEADER + f"{DOCUMENT},{CODE},20,10,ana\n", "line 2"),
    "beyond-text": (CODINGS_HEADER + f"{DOCUMENT},{CODE},10,99999999,ana\n", "outside"),
    "negative": (CODINGS_HEADER + f"{DOCUMENT},{CODE},-5,10,ana\n", "line 2"),
    "unknown-document": (CODINGS_HEADER + f"P77_nowhere,{CODE},0,10,ana\n", "P77_nowhere"),
    "unknown-code": (CODINGS_HEADER + f"{DOCUMENT},No such code,0,10,ana\n", "No such code"),
    "missing-columns": ("document,code\n" + f"{DOCUMENT},{CODE}\n", "missing"),
    "empty": ("", "empty"),
    "no-coder": ("document,code,start,end\n" + f"{DOCUMENT},{CODE},0,10\n", "coder"),
    "quote-not-found": ("document,code,quote,coder\n" + f"{DOCUMENT},{CODE},words nobody said,ana\n", "does not occur"),
    "bad-occurrence": ("document,code,quote,coder,occurrence\n" + f"{DOCUMENT},{CODE},the,ana,second\n", "occurrence"),
    "occurrence-zero": ("document,code,quote,coder,occurrence\n" + f"{DOCUMENT},{CODE},the,ana,0\n", "occurrence"),
    "unclosed-quote": (CODINGS_HEADER + f'{DOCUMENT},{CODE},0,5,"ana\n{DOCUMENT},{CODE},6,9,ana\n', "line"),
    "huge-number": (CODINGS_HEADER + f"{DOCUMENT},{CODE},0,1{'0' * 400},ana\n", "outside"),
}
for name, (content, problem) in CODINGS_CASES.items():
    build = (lambda content: lambda f, g: make.csv_file(f, "codings.csv", content))(content)
    case(f"codings-{name}", build, lambda p, h: ["codings", p, "--add", h], problem)
case("codings-binary", lambda f, g: make.random_bytes(f, "codings.csv"), lambda p, h: ["codings", p, "--add", h], "binary")

# -- REFI-QDA files ----------------------------------------------------------------------------------------

def _qdpx(entries: dict[str, bytes | str]):
    def build(folder: Path, good: Path) -> Path:
        import zipfile

        path = folder / "other.qdpx"
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
        return path
    return build


QDPX_PROBLEMS = {"not-zip": "zip", "empty": "zip", "no-qde": ".qde", "qde-not-xml": "XML", "qde-wrong-root": "root element",
                 "truncated": "zip", "sqlite-renamed": "zip"}
QDPX_CASES = {
    "not-zip": lambda f, g: make.text(f, "other.qdpx", "not a zip"),
    "empty": lambda f, g: make.empty(f, "other.qdpx"),
    "no-qde": _qdpx({"sources/a.txt": "text"}),
    "qde-not-xml": _qdpx({"project.qde": "this is not xml"}),
    "qde-wrong-root": _qdpx({"project.qde": '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>'}),
    "truncated": lambda f, g: make.cut_short(f, "other.qdpx", make.zip_named(f, "seed.zip"), 0.5),
    "sqlite-renamed": lambda f, g: make.header_only(f, "other.qdpx", g),
}
for name, build in QDPX_CASES.items():
    case(f"qdpx-{name}", build, lambda p, h: ["init", h.parent / "new.qda", "--from", h], QDPX_PROBLEMS[name])

# -- output paths ------------------------------------------------------------------------------------------

def _missing_folder(name: str):
    return lambda f, g: f / "no such folder" / name


def _under_a_file(name: str):
    def build(folder: Path, good: Path) -> Path:
        (folder / "notes.txt").write_text("a file, not a folder")
        return folder / "notes.txt" / name
    return build


OUTPUT_CASES = {
    "export-missing-folder": (_missing_folder("out.qdpx"), lambda p, h: ["export", p, "-o", h], "does not exist"),
    "export-under-a-file": (_under_a_file("out.qdpx"), lambda p, h: ["export", p, "-o", h], "does not exist"),
    "export-qdc-missing-folder": (_missing_folder("out.qdc"), lambda p, h: ["export", p, "-o", h], "does not exist"),
    "export-bad-suffix": (lambda f, g: f / "out.zip", lambda p, h: ["export", p, "-o", h], ".qdpx"),
    "quotes-missing-folder": (_missing_folder("q.csv"), lambda p, h: ["quotes", p, "--code", CODE, "-o", h], "does not exist"),
    "quotes-docx-missing-folder": (_missing_folder("q.docx"), lambda p, h: ["quotes", p, "--code", CODE, "-o", h],
                                   "does not exist"),
    "quotes-bad-suffix": (lambda f, g: f / "q.pdf", lambda p, h: ["quotes", p, "--code", CODE, "-o", h], ".docx"),
    "cooccur-missing-folder": (_missing_folder("pairs.csv"), lambda p, h: ["cooccur", p, "-o", h], "no such folder"),
    "saturation-missing-folder": (_missing_folder("curve.png"), lambda p, h: ["saturation", p, "-o", h], "does not exist"),
    "agree-missing-folder": (_missing_folder("report.docx"), lambda p, h: ["agree", p, "--coders", "ana,luis", "-o", h],
                             "does not exist"),
    "codebook-export-missing-folder": (_missing_folder("codes.yaml"), lambda p, h: ["codebook", p, "--export", h],
                                       "does not exist"),
    "copy-missing-folder": (_missing_folder("luis.qda"), lambda p, h: ["copy-for-coder", p, "--coder", "luis", "-o", h],
                            "does not exist"),
    "copy-onto-existing": (lambda f, g: make.text(f, "luis.qda", "keep me"),
                           lambda p, h: ["copy-for-coder", p, "--coder", "luis", "-o", h], "already there"),
    "init-missing-folder": (_missing_folder("new.qda"), lambda p, h: ["init", h], "does not exist"),
    "init-onto-existing": (lambda f, g: make.text(f, "new.qda", "keep me"), lambda p, h: ["init", h], "already there"),
    "sample-onto-existing": (lambda f, g: make.text(f, "sample.qda", "keep me"), lambda p, h: ["sample", h], "already there"),
    "init-from-onto-existing": (lambda f, g: make.text(f, "new.qda", "keep me"),
                                lambda p, h: ["init", h, "--from", h.parent / "missing.qdpx"], "already there"),
}
for name, (build, argv, problem) in OUTPUT_CASES.items():
    case(f"output-{name}", build, argv, problem, named=lambda hostile: hostile.stem)  # pairs.csv: pairs.nodes.csv




# -- files the newer commands read ---------------------------------------------------------------------------

STOP_LIST_CASES = {
    "latin-1": (lambda f, g: make.text(f, "stop.txt", "señora\npolicía\n", "latin-1"), "UTF-8"),
    "binary": (lambda f, g: make.random_bytes(f, "stop.txt"), "UTF-8"),
    "docx": (lambda f, g: make.docx_file(f, "stop.docx", ["señora"]), "UTF-8"),
}
for name, (build, problem) in STOP_LIST_CASES.items():
    case(f"stop-list-words-{name}", build, lambda p, h: ["words", p, "--stop-list", h], problem)
    case(f"stop-list-keyness-{name}", build, lambda p, h: ["keyness", p, "role=police officer", "--stop-list", h], problem)

# -- REFI-QDA: bombs, entities, escapes ----------------------------------------------------------------------

REFI_PROBLEMS = {"qdpx-zip-bomb": "zip bomb", "qdpx-entity": "DTD", "qdpx-external-entity": "DTD", "qdpx-laughs": "DTD",
                 "qdpx-escaping-name": "outside the archive", "qdpx-absolute-name": "absolute path", "qdc-laughs": "DTD",
                 "qdc-entity": "DTD", "qdc-wrong-root": "root element", "qdc-nested-3000": "nested more than 100 levels",
                 "qdpx-nested-3000": "nested more than 100 levels"}
REFI_CASES = {
    "qdpx-zip-bomb": (lambda f, g: make.zip_bomb(f, "other.qdpx", "project.qde"), "init"),
    "qdpx-entity": (lambda f, g: make.qdpx_entries(f, "other.qdpx", {"project.qde": make.qde_with_entity()}), "init"),
    "qdpx-external-entity": (lambda f, g: make.qdpx_entries(f, "other.qdpx", {"project.qde": make.qde_external_entity()}),
                             "init"),
    "qdpx-laughs": (lambda f, g: make.qdpx_entries(
        f, "other.qdpx", {"project.qde": make.xml_laughs("Project", "urn:QDA-XML:project:1.0")}), "init"),
    "qdpx-escaping-name": (lambda f, g: make.qdpx_entries(f, "other.qdpx", {"project.qde": "<Project/>",
                                                                           "../../escaped.txt": "out"}), "init"),
    "qdpx-absolute-name": (lambda f, g: make.qdpx_entries(f, "other.qdpx", {"project.qde": "<Project/>",
                                                                           "/tmp/escaped.txt": "out"}), "init"),
    "qdc-laughs": (lambda f, g: make.text(f, "codes.qdc", make.xml_laughs()), "codebook"),
    "qdc-entity": (lambda f, g: make.text(f, "codes.qdc", make.xml_laughs().replace("&l9;", "&l0;")), "codebook"),
    "qdc-wrong-root": (lambda f, g: make.text(f, "codes.qdc", make.qde_with_entity().split("<!DOCTYPE")[0]
                                                + '<Project xmlns="urn:QDA-XML:project:1.0"/>'), "codebook"),
    # one code inside another, 3,000 deep: read by recursion, it stopped with Python's RecursionError
    "qdc-nested-3000": (lambda f, g: make.text(f, "codes.qdc", make.nested_codes(3000)), "codebook"),
    "qdpx-nested-3000": (lambda f, g: make.qdpx_entries(
        f, "other.qdpx", {"project.qde": make.nested_codes(3000, "Project", "urn:QDA-XML:project:1.0")}), "init"),
}
for name, (build, command) in REFI_CASES.items():
    argv = ((lambda p, h: ["init", h.parent / "new.qda", "--from", h]) if command == "init"
            else (lambda p, h: ["codebook", p, "--import", h]))
    case(f"refi-{name}", build, argv, REFI_PROBLEMS[name])

# -- a named pipe (FIFO) given where a file is read: reading it waited for ever -----------------------------

FIFO_CASES = {
    "codebook-yaml": ("codebook.yaml", lambda p, h: ["init", h.parent / "new.qda", "--codebook", h]),
    "codebook-import-yaml": ("codebook.yaml", lambda p, h: ["codebook", p, "--import", h]),
    "codebook-qdc": ("codes.qdc", lambda p, h: ["codebook", p, "--import", h]),
    "attributes": ("participants.csv", lambda p, h: ["import", p, "--attributes", h]),
    "codings": ("codings.csv", lambda p, h: ["codings", p, "--add", h]),
    "stop-list": ("stop.txt", lambda p, h: ["words", p, "--stop-list", h]),
    "transcript": ("interview.txt", lambda p, h: ["import", p, h]),
    "qdpx": ("other.qdpx", lambda p, h: ["init", h.parent / "new.qda", "--from", h]),
}
for name, (file_name, argv) in FIFO_CASES.items():
    problem = "not a file" if name in ("transcript", "qdpx") else "named pipe"
    case(f"fifo-{name}", (lambda file_name: lambda f, g: make.a_fifo(f, file_name))(file_name), argv, problem)

# -- more output paths: the newer commands' files ---------------------------------------------------------

MORE_OUTPUTS = {
    "heatmap-missing-folder": (_missing_folder("map.png"), lambda p, h: ["heatmap", p, "-o", h], "does not exist"),
    "heatmap-bad-suffix": (lambda f, g: f / "map.gif", lambda p, h: ["heatmap", p, "-o", h], ".png"),
    "bars-missing-folder": (_missing_folder("bars.png"), lambda p, h: ["bars", p, "--by", "role", "-o", h], "does not exist"),
    "bars-bad-suffix": (lambda f, g: f / "bars.jpg", lambda p, h: ["bars", p, "--by", "role", "-o", h], ".png"),
    "portrait-missing-folder": (_missing_folder("p.png"), lambda p, h: ["portrait", p, DOCUMENT, "-o", h], "does not exist"),
    "memos-missing-folder": (_missing_folder("memos.docx"), lambda p, h: ["memos", p, "--export", h], "does not exist"),
    "memos-bad-suffix": (lambda f, g: f / "memos.pdf", lambda p, h: ["memos", p, "--export", h], ".docx"),
    "kwic-missing-folder": (_missing_folder("kwic.csv"), lambda p, h: ["kwic", p, "police", "-o", h], "does not exist"),
    "words-missing-folder": (_missing_folder("words.csv"), lambda p, h: ["words", p, "-o", h], "does not exist"),
    "query-missing-folder": (_missing_folder("q.csv"), lambda p, h: ["query", p, CODE, "-o", h], "does not exist"),
    "stats-missing-folder": (_missing_folder("stats.csv"), lambda p, h: ["stats", p, "-o", h], "does not exist"),
    "crosstab-under-a-file": (_under_a_file("x.csv"), lambda p, h: ["crosstab", p, "--rows", "code", "--cols", "role", "-o", h],
                              "does not exist"),
    "codings-export-missing-folder": (_missing_folder("codings.csv"), lambda p, h: ["codings", p, "-o", h],
                                      "does not exist"),
    "pull-onto-existing": (lambda f, g: make.text(f, "team.qda", "keep me"),
                           lambda p, h: ["pull", "postgresql://qda@127.0.0.1:1/nowhere", h], "already there"),
    "pull-missing-folder": (_missing_folder("team.qda"), lambda p, h: ["pull", "postgresql://qda@127.0.0.1:1/nowhere", h],
                            "does not exist"),
}
for name, (build, argv, problem) in MORE_OUTPUTS.items():
    case(f"output-{name}", build, argv, problem, named=lambda hostile: hostile.stem)
