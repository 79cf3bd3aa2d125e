"""The analysis and export modules are a library: they never import the CLI's or the UI's packages."""

from __future__ import annotations

import subprocess
import sys


def test_no_click_rich_or_textual():
    code = ("import sys, qda.analysis, qda.analysis.saturation, qda.export.quotes, qda.export.network_files, "
            "qda.export.codebook_docx, qda.analysis.words, qda.analysis.keyness, qda.analysis.concordance, "
            "qda.analysis.memos, qda.export.memos, qda.autocode; bad = [m for m in ('click', 'rich', 'textual') if m in sys.modules]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
