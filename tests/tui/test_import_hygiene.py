"""qda's core never imports Textual or rich (only the CLI and the app may)."""

import subprocess
import sys

CORE = ["qda", "qda.model", "qda.store", "qda.codebook", "qda.ingest", "qda.analysis", "qda.export", "qda.navigation",
        "qda.store.ui_queries"]


def test_core_modules_import_no_textual_or_rich():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
