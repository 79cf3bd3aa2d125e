"""Building REFI-QDA files by hand, the way other tools write them, and checking ours against the schemas."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from click.testing import CliRunner

from qda.cli import main

# The official schemas (MIT licence, REFI 2019), copied with their provenance in schemas/SOURCE.txt.
SCHEMAS = Path(__file__).resolve().parent / "schemas"

USER = "11111111-1111-1111-1111-111111111111"
USER2 = "22222222-2222-2222-2222-222222222222"
CODE_A = "aaaaaaaa-0000-0000-0000-000000000001"
CODE_B = "aaaaaaaa-0000-0000-0000-000000000002"
CODE_PARENT = "aaaaaaaa-0000-0000-0000-000000000003"
SOURCE = "bbbbbbbb-0000-0000-0000-000000000001"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def schema(name: str):
    """The official schema, to validate what qda writes."""
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / name))


def positions(raw: str, target: str, convention: str, occurrence: int = 0) -> tuple[int, int]:
    """Where ``target`` lies in ``raw`` (BOM not counted) as a tool using ``convention`` counts it."""
    raw = raw.lstrip("\ufeff")
    index = -1
    for _ in range(occurrence + 1):
        index = raw.index(target, index + 1)
    end = index + len(target)

    def count(i: int) -> int:
        if convention == "utf16":
            return len(raw[:i].encode("utf-16-le")) // 2
        if convention == "crlf1":
            return len(raw[:i].replace("\r\n", "\n"))
        return i

    return count(index), count(end)


def selection(start: int, end: int, code: str = CODE_A, user: str | None = USER, name: str | None = None,
              number: int = 1, memo: str | None = None) -> str:
    user_attr = f' creatingUser="{user}"' if user else ""
    name_attr = f" name={quoteattr(name)}" if name is not None else ""
    note = f'<NoteRef targetGUID="{memo}"/>' if memo else ""
    return (f'<PlainTextSelection guid="cccccccc-0000-0000-0000-{number:012d}"{name_attr} startPosition="{start}" '
            f'endPosition="{end}"{user_attr} creationDateTime="2024-01-02T03:04:05Z">'
            f'<Coding guid="dddddddd-0000-0000-0000-{number:012d}"{user_attr}><CodeRef targetGUID="{code}"/>{note}</Coding>'
            f'</PlainTextSelection>')


def project_xml(sources: str, namespace: str = "urn:QDA-XML:project:1.0", extra: str = "", notes: str = "",
                users: str | None = None, head: str = "") -> str:
    users = users if users is not None else f'<Users><User guid="{USER}" name="Ana"/><User guid="{USER2}" name="Ben"/></Users>'
    return (f'<?xml version="1.0" encoding="utf-8"?>{head}'
            f'<Project xmlns="{namespace}" name="Fixture" creationDateTime="2024-01-01T00:00:00Z">'
            f'{users}'
            f'<CodeBook><Codes>'
            f'<Code guid="{CODE_PARENT}" name="Police" isCodable="false" color="#a0b">'
            f'<Description>Reactions of the police.</Description>'
            f'<Code guid="{CODE_A}" name="Distrust" isCodable="true" color="#FF0000"/></Code>'
            f'<Code guid="{CODE_B}" name="Support" isCodable="true"/>'
            f'</Codes></CodeBook>'
            f'<Sources>{sources}</Sources>{notes}{extra}</Project>')


def text_source(selections: str, path: str = "internal://s1.txt", name: str = "Interview 1", rich: str | None = None,
                guid: str = SOURCE, inner: str = "") -> str:
    plain = f' plainTextPath="{path}"' if path else ""
    rich_attr = f' richTextPath="{rich}"' if rich else ""
    return f'<TextSource guid="{guid}" name="{name}"{plain}{rich_attr}>{selections}{inner}</TextSource>'


def make_qdpx(path: Path, qde: str | bytes, files: dict[str, bytes | str] | None = None, qde_name: str = "project.qde") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(qde_name, qde.encode("utf-8") if isinstance(qde, str) else qde)
        for name, data in (files or {}).items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"") for p in sorted(folder.rglob("*"))}


@pytest.fixture
def coded_project(sample_project):
    """The sample project with two coders' codings (some with memos) and memos on project, document and code."""
    import random

    rng = random.Random(7)
    project = sample_project
    codes = [c.id for c in project.codebook.codes]
    rows = []
    for document in project.documents():
        for span in project.units(document.id, "sentence")[::4]:
            rows.append((document.id, rng.choice(codes), span.start, span.end,
                         rng.choice(["", "", "Memo: né 😀 <&> \"quoted\"\n\nsecond paragraph"]), rng.choice(["ana", "ben"])))
    project.add_codings(rows)
    first = project.documents()[0]
    project.set_memo("project", "", "Why this study.", "ana")
    project.set_memo("document", first.name, "A rich interview.", "ben")
    project.set_memo("code", codes[0], "Watch the boundary with support.", "ana")
    project.update_code(codes[1], definition="A definition.\n\nWhen to use: inside the definition",
                        when_to_use="When it is so.", when_not_to_use="Example: a trap", example="“Quoted.”")
    project.set_done(first.name, "ana")
    return project
