"""The XML fast path (expat without defusedxml) is taken only when no DTD can be present."""

from __future__ import annotations

import pytest

from qda.export.refi.safety import RefiError, declares_nothing, parse_xml

DOCTYPE = '<!DOCTYPE a [<!ENTITY e "boom">]>'


@pytest.mark.parametrize("data, fast", [
    (b'<?xml version="1.0" encoding="utf-8"?><a/>', True),
    (b"\xef\xbb\xbf<?xml version='1.0'?><a/>", True),
    (b"<a>text &amp; more</a>", True),
    (b'<?xml version="1.0" encoding="UTF-16"?><a/>', False),
    (b'<?xml version="1.0" encoding="cp1252"?><a/>', False),
    ("<a/>".encode("utf-16"), False),
    ("<a/>".encode("utf-16-le"), False),
    (b" <a/>", False),
    (f'<?xml version="1.0"?>{DOCTYPE}<a>&e;</a>'.encode(), False),
    (b"<a><!-- <!ENTITY x 'y'> --></a>", False),
])
def test_fast_path_only_without_declarations(data, fast):
    assert declares_nothing(data) is fast


@pytest.mark.parametrize("encoding, problem", [("utf-8", "refused"), ("utf-16", "refused"), ("utf-16-le", "refused"),
                                               ("utf-32", "not well-formed")])  # expat does not read UTF-32 at all
def test_entities_refused_in_any_encoding(encoding, problem):
    header = f'<?xml version="1.0" encoding="{encoding.replace("-le", "")}"?>'
    data = (header + DOCTYPE + "<a>&e;</a>").encode(encoding)
    with pytest.raises(RefiError, match=problem):
        parse_xml(data, "x.qde", "the project XML")


def test_undeclared_entity_is_not_well_formed():
    with pytest.raises(RefiError, match="not well-formed"):
        parse_xml(b"<a>&e;</a>", "x.qde", "the project XML")


def test_doctype_in_a_comment_parsed_the_careful_way():
    root = parse_xml(b"<a><!-- <!DOCTYPE is only words here --><b/></a>", "x.qde", "the project XML")
    assert [child.tag for child in root] == ["b"]


def test_same_tree_either_way():
    data = ('<?xml version="1.0" encoding="utf-8"?><P xmlns="urn:QDA-XML:project:1.0" name="x &lt; y">'
            '<S guid="1">caf\u00e9 \U0001F600<![CDATA[<raw>]]></S><!-- note --><?pi x?></P>').encode()
    fast = parse_xml(data, "x.qde", "the project XML")
    from defusedxml.ElementTree import fromstring
    slow = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    flat = lambda root: [(e.tag, sorted(e.attrib.items()), e.text, e.tail) for e in root.iter()]  # noqa: E731
    assert flat(fast) == flat(slow)
