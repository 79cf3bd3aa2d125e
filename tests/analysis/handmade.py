"""A small hand-built project whose every count is worked out by hand in the tests.

Three documents, five codes, two coders (ana, ben).  Sentences are numbered
s0..s7 in P01, t0..t4 in P02; the codings, with the passage each covers:

    P01_police (role police, site North)          P02_ngo (role ngo, site South)
    s0 Tell me about reports.                      t0 What do women say?
    s1 We take every report.                       t1 They say the police laugh at them.
    s2 Some women never come back.                 t2 They say the family comes first.
    s3 The files pile up.                          t3 Shelters are full.
    s4 Why do they not come back?                  t4 Nobody calls back.
    s5 They fear the police.
    s6 Their families push them to forgive.        P03_ngo (role ngo, site North): no codings,
    s7 Nobody helps them.                          2 sentences, 2 turns, 2 paragraphs.

    a1 ana Refusal   s2        a5 ana Distrust t1
    a7 ana Distrust  s2        a6 ana Framing  t1-t2
    a2 ana Distrust  s5        b3 ben Framing  t2
    b1 ben Distrust  s5        b4 ben Police   t4   (the parent code itself)
    a4 ana Distrust  s5-s6
    a3 ana Framing   s6
    b2 ben Refusal   s1-s2

Each sentence is its own paragraph's part: P01 has paragraphs/turns
[s0] [s1 s2 s3] [s4] [s5 s6 s7]; P02 has [t0] [t1 t2] [t3 t4].
"""

from __future__ import annotations

from pathlib import Path

import qda
from qda.ingest import import_files

P01 = (
    "INTERVIEWER: Tell me about reports.\n\n"
    "P01: We take every report. Some women never come back. The files pile up.\n\n"
    "INTERVIEWER: Why do they not come back?\n\n"
    "P01: They fear the police. Their families push them to forgive.\nNobody helps them.\n"
)
P02 = (
    "INTERVIEWER: What do women say?\n\n"
    "P02: They say the police laugh at them. They say the family comes first.\n\n"
    "P02: Shelters are full. Nobody calls back.\n"
)
P03 = "INTERVIEWER: Anything else?\n\nP03: No, that is all.\n"

CODEBOOK = """\
name: Hand-made
description: A codebook small enough to count by hand.
codes:
  - name: Police
    definition: What the police do.
    when_to_use: Talk about officers.
    when_not_to_use: Not for courts.
    example: The officer laughed.
    colour: "#1F4E79"
    children:
      - name: Distrust
        definition: Doubt that the police will help.
        colour: "#2E75B6"
      - name: Refusal
        definition: Reports turned away.
        colour: "#9DC3E6"
  - name: Family
    definition: The family in the story.
    colour: "#C00000"
    children:
      - name: Framing
        definition: Violence framed as a family matter.
        colour: "#FF6666"
  - name: Services
    definition: Shelters and helplines.
    colour: "#00B050"
"""

ATTRIBUTES = "document,pseudonym,role,site\nP01_police,P01,police,North\nP02_ngo,P02,ngo,South\nP03_ngo,P03,ngo,North\n"

# (document, code, quote, coder, memo)
CODINGS = [
    ("P01_police", "Refusal", "Some women never come back.", "ana", ""),                       # a1
    ("P01_police", "Distrust", "Some women never come back.", "ana", ""),                      # a7
    ("P01_police", "Distrust", "They fear the police.", "ana", "fear, not distrust?"),         # a2
    ("P01_police", "Distrust", "They fear the police.", "ben", ""),                            # b1
    ("P01_police", "Distrust", "They fear the police. Their families push them to forgive.", "ana", ""),  # a4
    ("P01_police", "Framing", "Their families push them to forgive.", "ana", ""),              # a3
    ("P01_police", "Refusal", "We take every report. Some women never come back.", "ben", ""),  # b2
    ("P02_ngo", "Distrust", "They say the police laugh at them.", "ana", ""),                  # a5
    ("P02_ngo", "Framing", "They say the police laugh at them. They say the family comes first.", "ana", ""),  # a6
    ("P02_ngo", "Framing", "They say the family comes first.", "ben", ""),                     # b3
    ("P02_ngo", "Police", "Nobody calls back.", "ben", ""),                                    # b4
]


def build(folder: Path) -> Path:
    """Write the files into ``folder`` and build ``folder/hand.qda``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"P01_police": P01, "P02_ngo": P02, "P03_ngo": P03}
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "attributes.csv").write_text(ATTRIBUTES, encoding="utf-8")
    (folder / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    path = folder / "hand.qda"
    with qda.create_project(path, folder / "codebook.yaml") as project:
        import_files(project, [folder / f"{n}.txt" for n in texts], attributes=folder / "attributes.csv", language="en")
        rows = []
        for document, code, quote, coder, memo in CODINGS:
            start = texts[document].index(quote)
            rows.append((document, code, start, start + len(quote), memo, coder))
        project.add_codings(rows)
    return path
