"""Hostile and broken files: each refused with exit 2 and one line naming the file, the folder left as it was."""

from __future__ import annotations

import zipfile

import pytest

from qda.export import read_codebook_file
from qda.export.refi import RefiError, read_qdpx
from qda.export.refi.safety import open_archive

from refi_helpers import (CODE_A, listing, make_qdpx, positions, project_xml, run, selection, text_source)

PLAIN = "P01: They did not believe me. I went back twice.\n"
GOOD = project_xml(text_source(selection(*positions(PLAIN, "They did not believe me.", "codepoints"))))


def refused(tmp_path, qdpx, *fragments: str, named=None) -> str:
    before = listing(tmp_path)
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and str(named or qdpx) in lines[0], result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert listing(tmp_path) == before
    return lines[0]


def test_xxe_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xml = GOOD.replace('<?xml version="1.0" encoding="utf-8"?>',
                       f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file://{secret}">]>')
    xml = xml.replace('name="Fixture"', 'name="&xxe;"')
    refused(tmp_path, make_qdpx(tmp_path / "xxe.qdpx", xml, {"sources/s1.txt": PLAIN}), "refused", "DTD")


def test_billion_laughs_refused(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    xml = GOOD.replace('<?xml version="1.0" encoding="utf-8"?>',
                       f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE Project [{entities}]>')
    xml = xml.replace("Reactions of the police.", "&lol9;")
    refused(tmp_path, make_qdpx(tmp_path / "laughs.qdpx", xml, {"sources/s1.txt": PLAIN}), "refused")


def test_entities_in_a_codebook_refused(tmp_path):
    path = tmp_path / "laughs.qdc"
    path.write_text('<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY a "aaaa">]>'
                    f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="{CODE_A}" name="&a;" isCodable="true"/>'
                    '</Codes></CodeBook>')
    with pytest.raises(RefiError, match="refused"):
        read_codebook_file(path)


def test_zip_slip_refused(tmp_path):
    inner = tmp_path / "inner"
    inner.mkdir()
    qdpx = make_qdpx(inner / "slip.qdpx", GOOD, {"sources/s1.txt": PLAIN, "../../evil.txt": "owned"})
    refused(tmp_path, qdpx, "refused", "..")
    assert not (tmp_path / "evil.txt").exists()


def test_absolute_path_refused(tmp_path):
    qdpx = make_qdpx(tmp_path / "abs.qdpx", GOOD, {"sources/s1.txt": PLAIN, "/tmp/evil.txt": "owned"})
    refused(tmp_path, qdpx, "refused", "absolute")


def test_zip_bomb_refused(tmp_path):
    qdpx = make_qdpx(tmp_path / "bomb.qdpx", GOOD, {"sources/s1.txt": PLAIN, "sources/big.txt": b"\0" * (16 * 1024 * 1024)})
    assert qdpx.stat().st_size < 100_000
    refused(tmp_path, qdpx, "refused", "zip bomb")


def test_total_size_cap(tmp_path):
    qdpx = make_qdpx(tmp_path / "big.qdpx", GOOD, {"sources/s1.txt": PLAIN})
    with pytest.raises(RefiError, match="once uncompressed"):
        open_archive(qdpx, max_total=100)
    with pytest.raises(RefiError, match="entries"):
        open_archive(qdpx, max_entries=1)


def test_symlink_entry_refused(tmp_path):
    qdpx = tmp_path / "link.qdpx"
    with zipfile.ZipFile(qdpx, "w") as archive:
        archive.writestr("project.qde", GOOD)
        link = zipfile.ZipInfo("sources/s1.txt")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    refused(tmp_path, qdpx, "refused", "symbolic link")


def test_truncated_zip_refused(tmp_path):
    whole = make_qdpx(tmp_path / "whole.qdpx", GOOD, {"sources/s1.txt": PLAIN * 50})
    cut = tmp_path / "cut.qdpx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    refused(tmp_path, cut, "zip")


def test_not_a_zip_refused(tmp_path):
    path = tmp_path / "plain.qdpx"
    path.write_text("hello")
    refused(tmp_path, path, "not a readable zip")


def test_qdpx_without_qde_refused(tmp_path):
    qdpx = tmp_path / "noqde.qdpx"
    with zipfile.ZipFile(qdpx, "w") as archive:
        archive.writestr("sources/s1.txt", PLAIN)
    refused(tmp_path, qdpx, "no project XML")


def test_qde_not_xml_refused(tmp_path):
    refused(tmp_path, make_qdpx(tmp_path / "bad.qdpx", b"\x89PNG not xml at all", {"sources/s1.txt": PLAIN}),
            "not well-formed XML")


def test_wrong_root_refused(tmp_path):
    xml = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>'
    refused(tmp_path, make_qdpx(tmp_path / "html.qdpx", xml), "not a REFI-QDA project")


def test_selection_past_the_end_refused(tmp_path):
    xml = project_xml(text_source(selection(10, len(PLAIN) + 5)))
    refused(tmp_path, make_qdpx(tmp_path / "past.qdpx", xml, {"sources/s1.txt": PLAIN}), "outside the text")


def test_coding_naming_unknown_code_refused(tmp_path):
    xml = project_xml(text_source(selection(0, 3, code="99999999-0000-0000-0000-000000000000")))
    refused(tmp_path, make_qdpx(tmp_path / "code.qdpx", xml, {"sources/s1.txt": PLAIN}), "codebook does not hold")


def test_coding_naming_unknown_user_refused(tmp_path):
    xml = project_xml(text_source(selection(0, 3, user="99999999-0000-0000-0000-000000000000")))
    refused(tmp_path, make_qdpx(tmp_path / "user.qdpx", xml, {"sources/s1.txt": PLAIN}), "not among the project's <Users>")


def test_existing_project_untouched(tmp_path):
    qdpx = make_qdpx(tmp_path / "good.qdpx", GOOD, {"sources/s1.txt": PLAIN})
    (tmp_path / "target.qda").write_bytes(b"mine")
    refused(tmp_path, qdpx, "already there", named=tmp_path / "target.qda")
    assert (tmp_path / "target.qda").read_bytes() == b"mine"


def test_failure_while_storing_leaves_no_project(tmp_path, monkeypatch):
    import qda.store.exchange as exchange

    def broken(*args, **kwargs):
        raise RefiError("x.qdpx", "simulated failure while storing")

    monkeypatch.setattr(exchange, "insert_records", broken)
    qdpx = make_qdpx(tmp_path / "good.qdpx", GOOD, {"sources/s1.txt": PLAIN})
    before = listing(tmp_path)
    result = run("init", tmp_path / "target.qda", "--from", qdpx)
    assert result.exit_code == 2 and "simulated" in result.output
    assert listing(tmp_path) == before


def test_good_fixture_is_accepted(tmp_path):
    records, _ = read_qdpx(make_qdpx(tmp_path / "good.qdpx", GOOD, {"sources/s1.txt": PLAIN}))
    assert len(records.codings) == 1
