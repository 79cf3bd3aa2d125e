"""The app as snapshot tests build it: the sample project, coder ana (path from QDA_SNAPSHOT_PROJECT)."""

import os

from qda.tui.app import QdaApp

app = QdaApp(os.environ.get("QDA_SNAPSHOT_PROJECT", "sample.qda"), "ana")
