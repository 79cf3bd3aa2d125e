"""Broken and hostile files, each built small and fictional, of the shapes the world produces:
partial copies, files of another kind under a qda suffix, YAML bombs, damaged zips, CSVs of
other tools, and output paths that cannot be written."""

from __future__ import annotations

import io
import shutil
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

TRANSCRIPT = "P01: We waited at the station for hours.\nINT: And then?\nP01: Nobody came.\n"

# -- project files ---------------------------------------------------------------------------

def empty(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"")
    return path


def text(folder: Path, name: str, content: str = "just some notes, not a project\n", encoding="utf-8") -> Path:
    path = folder / name
    path.write_bytes(content.encode(encoding))
    return path


def random_bytes(folder: Path, name: str, size: int = 5000) -> Path:
    path = folder / name
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(size)))
    return path


def other_sqlite(folder: Path, name: str) -> Path:
    """An SQLite database of another program (a browser's history, say)."""
    path = folder / name
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("CREATE TABLE visits (url TEXT, time INTEGER)")
        db.execute("INSERT INTO visits VALUES ('https://example.org', 1)")
    return path


def header_only(folder: Path, name: str, good: Path) -> Path:
    path = folder / name
    path.write_bytes(good.read_bytes()[:100])
    return path


def cut_short(folder: Path, name: str, good: Path, fraction: float = 0.5) -> Path:
    """A partial copy: the download or the copy to a USB stick stopped half-way."""
    data = good.read_bytes()
    path = folder / name
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def future_schema(folder: Path, name: str, good: Path) -> Path:
    path = folder / name
    shutil.copyfile(good, path)
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA user_version = 42")
    return path


def damaged_pages(folder: Path, name: str, good: Path) -> Path:
    """Every page after the schema overwritten (a failing disk, a bad sync tool)."""
    data = bytearray(good.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 2, len(data), page):
        data[offset:offset + 64] = b"\xa5" * 64
    path = folder / name
    path.write_bytes(bytes(data))
    return path


def zip_named(folder: Path, name: str) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", "<Project/>")
    return path


def a_folder(folder: Path, name: str) -> Path:
    path = folder / name
    path.mkdir()
    return path


def a_fifo(folder: Path, name: str) -> Path:
    """A named pipe nobody writes to (``mkfifo``; a process substitution, ``<(...)``, gives one too):
    reading it waits for ever."""
    import os

    path = folder / name
    os.mkfifo(path)
    return path


# -- codebooks (YAML) -------------------------------------------------------------------------------

def yaml_file(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def billion_laughs() -> str:
    lines = ["a0: &a0 [lol, lol]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 28)]
    return "\n".join(lines) + "\ncodes:\n  - name: Laughs\n    children: *a27\n"


def self_containing() -> str:
    return "codes: &codes\n  - name: Police\n    children: *codes\n"


def self_containing_code() -> str:
    return "codes:\n  - &police\n    name: Police\n    children:\n      - *police\n"


def nested_block(levels: int = 3000) -> str:
    lines = ["codes:"]
    for level in range(levels):
        lines.append("  " * level + f"- name: Level {level}")
        lines.append("  " * level + "  children:")
    lines.append("  " * levels + "- name: Leaf")
    return "\n".join(lines) + "\n"


def nested_flow(levels: int = 5000) -> str:
    return "codes: " + "[" * levels + "]" * levels + "\n"


# -- transcripts -------------------------------------------------------------------------------------

def docx_parts(paragraphs: list[str]) -> dict[str, bytes]:
    """The members of a small good .docx, by name."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes(paragraphs))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_bytes(paragraphs: list[str], document_xml: str | None = None) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = document_xml or ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                           f"<w:body>{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                         "</Types>")
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                         "</Relationships>")
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def docx_file(folder: Path, name: str, paragraphs: list[str]) -> Path:
    path = folder / name
    path.write_bytes(docx_bytes(paragraphs))
    return path


def docx_nested(opening: str, closing: str, levels: int = 3000, in_paragraph: bool = False):
    """A .docx whose one paragraph (or, ``in_paragraph``, its one run) lies ``levels`` deep inside
    ``opening`` ... ``closing``."""
    def build(folder: Path, name: str) -> Path:
        run = "<w:r><w:t>P01: Hola.</w:t></w:r>"
        body = opening * levels + (run if in_paragraph else f"<w:p>{run}</w:p>") + closing * levels
        if in_paragraph:
            body = f"<w:p>{body}</w:p>"
        xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
               f'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
        path = folder / name
        path.write_bytes(docx_bytes([], xml))
        return path
    return build


def docx_zip_bomb(folder: Path, name: str) -> Path:
    """A .docx whose document.xml inflates a thousandfold, to 64 MB (zeros)."""
    return zip_bomb(folder, name, "word/document.xml", others={"[Content_Types].xml": "<Types/>"})


def docx_with_doctype(folder: Path, name: str, entities: str, body: str) -> Path:
    """A .docx whose document.xml declares ``entities`` in a DOCTYPE before ``body`` (w:p elements)."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE w:document [{entities}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           f"{body}</w:body></w:document>")
    path = folder / name
    path.write_bytes(docx_bytes([], xml))
    return path


def docx_with_entity(folder: Path, name: str) -> Path:
    return docx_with_doctype(folder, name, '<!ENTITY who "someone">',
                             "<w:p><w:r><w:t>P01: It was &who; who came.</w:t></w:r></w:p>"
                             "<w:p><w:r><w:t>INT: And then?</w:t></w:r></w:p>")


def docx_not_zip(folder: Path, name: str) -> Path:
    return text(folder, name, "This was saved as plain text and renamed .docx\n")


def docx_truncated(folder: Path, name: str) -> Path:
    data = docx_bytes(["P01: We waited.", "INT: And then?"] * 50)
    path = folder / name
    path.write_bytes(data[: len(data) // 2])
    return path


def docx_without_document(folder: Path, name: str) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return path


def vtt_broken_cue(folder: Path, name: str) -> Path:
    content = ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v P01>We waited at the station.\n\n"
               "00:00:05.000 --> 00:0x:09.000\n<v P01>This cue's time is broken.\n\n"
               "00:00:10.000 --> 00:00:12.000\n<v INT>And then?\n")
    return text(folder, name, content)


def srt_broken_cue(folder: Path, name: str) -> Path:
    content = ("1\n00:00:01,000 --> 00:00:04,000\nP01: We waited at the station.\n\n"
               "2\n00:00:05,000 --> 00:00:0?,000\nP01: This cue's time is broken.\n\n"
               "3\n00:00:10,000 --> 00:00:12,000\nINT: And then?\n")
    return text(folder, name, content)


def invalid_utf8(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(TRANSCRIPT.encode("utf-8").replace(b"waited", b"wa\xff\xfeted") + b"P01: Se\xf1ora \x81\x82 left.\n")
    return path


# -- CSVs ------------------------------------------------------------------------------------------------

def csv_file(folder: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(content.encode(encoding))
    return path


# -- more zips and XML: .qdpx and .qdc from elsewhere, spreadsheets that are not --------------------

def zip_bomb(folder: Path, name: str, member: str, megabytes: int = 64, others: dict | None = None) -> Path:
    """A zip whose ``member`` inflates a thousandfold (zeros), beside small ``others``."""
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for other, data in (others or {}).items():
            archive.writestr(other, data)
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(megabytes):
                entry.write(chunk)
    return path


def qdpx_entries(folder: Path, name: str, entries: dict) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in entries.items():
            archive.writestr(member, data)
    return path


QDE_HEAD = '<?xml version="1.0" encoding="utf-8"?>'
QDE_ROOT = '<Project xmlns="urn:QDA-XML:project:1.0" name="Study">'


def qde_with_entity() -> str:
    return (QDE_HEAD + '<!DOCTYPE Project [<!ENTITY who "someone">]>' + QDE_ROOT
            + "<Description>&who;</Description></Project>")


def qde_external_entity() -> str:
    return (QDE_HEAD + '<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/hostname">]>' + QDE_ROOT
            + "<Description>&secret;</Description></Project>")


def xml_laughs(root: str = "CodeBook", namespace: str = "urn:QDA-XML:codebook:1.0") -> str:
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return f'{QDE_HEAD}<!DOCTYPE {root} [{entities}]><{root} xmlns="{namespace}"><Codes>&l9;</Codes></{root}>'


def nested_codes(levels: int, root: str = "CodeBook", namespace: str = "urn:QDA-XML:codebook:1.0") -> str:
    """A codebook (or a project's) of one code inside another, ``levels`` deep."""
    codes = ("".join(f'<Code guid="00000000-0000-4000-8000-{level:012x}" name="Level {level}" isCodable="true">'
                     for level in range(levels)) + "</Code>" * levels)
    body = f"<CodeBook><Codes>{codes}</Codes></CodeBook>" if root == "Project" else f"<Codes>{codes}</Codes>"
    return f'{QDE_HEAD}<{root} xmlns="{namespace}" name="Study">{body}</{root}>'


def docx_external_entity(folder: Path, name: str) -> Path:
    return docx_with_doctype(folder, name, '<!ENTITY secret SYSTEM "file:///etc/hostname">',
                             "<w:p><w:r><w:t>P01: &secret;</w:t></w:r></w:p>")
