"""Pictures a paper can print: the code network, heat maps, frequency bars and a document's portrait.

Each picture is a function returning a matplotlib ``Figure`` (drawn without
pyplot, at a journal's width: ``TWO_COLUMNS`` 7 in, ``ONE_COLUMN`` 3.5 in) from
a DataFrame or graph that a second function computes, so a notebook gets both
the numbers and the picture::

    import qda
    from qda.pictures import heatmap_table, heatmap_figure, save_figure
    project = qda.open_project("study.qda")
    matrix = heatmap_table(project, by="role", percent=True, cluster=True)
    save_figure(heatmap_figure(matrix, width=3.5), "codes_by_role.png")

docs/analysis.md ("Pictures") says how each is drawn and why.
"""

from __future__ import annotations

from .charts import bars_figure, bars_table, portrait_figure, portrait_table
from .figure import ONE_COLUMN, TWO_COLUMNS, save_figure
from .heatmap import heatmap_figure, heatmap_table
from .network import network_figure

__all__ = ["ONE_COLUMN", "TWO_COLUMNS", "bars_figure", "bars_table", "heatmap_figure", "heatmap_table",
           "network_figure", "portrait_figure", "portrait_table", "save_figure"]
