"""The codebook tree: codes with their colour, quick key and counts (this document · all)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from ...model import Codebook
from ...cells import shorten


def matches(query: str, path: str) -> bool:
    """Filter as you type: every word of the query appears in the code's path."""
    haystack = path.casefold()
    return all(word in haystack for word in query.casefold().split())


class CodebookTree(Tree[str]):
    """Node data is the code id; the root is hidden."""

    BINDINGS = [
        Binding("enter", "apply", "Apply code", id="tree.apply", tooltip="Apply the highlighted code to the selection"),
        Binding("e,f2", "app.rename_code", "Rename", id="tree.rename"),
        Binding("o", "app.move_code", "Move", id="tree.move"),
        Binding("j", "app.merge_code", "Merge into…", id="tree.merge"),
        Binding("plus", "app.new_code", "New code", id="tree.new"),
        Binding("escape", "app.focus_transcript", "Back to text", id="tree.back"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__("Codebook", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.codebook = Codebook()
        self.nodes_by_code: dict = {}
        self.doc_counts: dict[str, int] = {}
        self.total_counts: dict[str, int] = {}
        self.quick_keys: dict[str, str] = {}  # code id -> key
        self.colour_of = lambda code_id: "#888888"
        self.query = ""
        self._component_rich_styles: dict[tuple, Style] = {}

    def get_component_rich_style(self, *names: str, partial: bool = False, default: Style | None = None) -> Style:
        """Textual forgets a widget's component styles at every refresh, and the tree asks for four of
        them to draw one row: about half the time of redrawing the row of a code whose count changed.
        They change only with the tree's styles (focus, theme), when ``notify_style_update`` runs."""
        key = (names, partial, default)
        style = self._component_rich_styles.get(key)
        if style is None:
            style = self._component_rich_styles[key] = super().get_component_rich_style(
                *names, partial=partial, default=default)
        return style

    def notify_style_update(self) -> None:
        self._component_rich_styles = {}
        super().notify_style_update()

    def label_for(self, code_id: str) -> Text:
        code = self.codebook.by_id[code_id]
        label = Text()
        label.append("■ ", style=self.colour_of(code_id))
        key = self.quick_keys.get(code_id)
        if key:
            label.append(f"{key} ", style="bold reverse")
        here, total = self.doc_counts.get(code_id, 0), self.total_counts.get(code_id, 0)
        counts = f" {here}·{total}" if here or total else ""
        # Shorten the name, never the counts: guides, expander and scrollbar take the rest of the row.
        room = (self.size.width or 32) - self.guide_depth * self.codebook.depth(code_id) - 3 - label.cell_len - len(counts)
        name = shorten(code.name, max(room, 4))
        label.append(name)
        label.append(counts, style="dim")
        return label

    def rebuild(self, codebook: Codebook, keep: str | None = None) -> None:
        """Rebuild from ``codebook``, keeping the highlighted code (or ``keep``) highlighted."""
        current = keep or self.highlighted_code
        self.codebook = codebook
        self.clear()
        self.nodes_by_code = {}
        query = self.query.strip()
        visible: set[str] | None = None
        if query:
            visible = set()
            for code_id, path in codebook.paths.items():
                if matches(query, path):
                    visible.add(code_id)
                    visible.update(a.id for a in codebook.ancestors(code_id))

        def add(parent, parent_id):
            for code in codebook.children(parent_id):
                if visible is not None and code.id not in visible:
                    continue
                children = [c for c in codebook.children(code.id) if visible is None or c.id in visible]
                if children:
                    node = parent.add(self.label_for(code.id), data=code.id, expand=True)
                    add(node, code.id)
                else:
                    node = parent.add_leaf(self.label_for(code.id), data=code.id)
                self.nodes_by_code[code.id] = node

        add(self.root, None)
        self.root.expand()
        target = current if current in self.nodes_by_code else None
        if target is None and query:
            target = next((c for c, p in codebook.paths.items() if c in self.nodes_by_code and matches(query, p)), None)
        if target:
            self.call_after_refresh(self.highlight, target)

    def highlight(self, code_id: str) -> None:
        node = self.nodes_by_code.get(code_id)
        if node is not None:
            parent = node.parent
            while parent is not None:
                parent.expand()
                parent = parent.parent
            self.move_cursor(node)

    def refresh_codes(self, code_ids) -> None:
        for code_id in code_ids:
            node = self.nodes_by_code.get(code_id)
            if node is not None:
                node.set_label(self.label_for(code_id))

    def on_resize(self) -> None:
        """Labels are fitted to the width: refit them all when it changes."""
        self.refresh_codes(list(self.nodes_by_code))

    @property
    def highlighted_code(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None and node.data else None

    class Apply(Message):
        """Apply this code to the transcript's selection."""

        def __init__(self, code_id: str) -> None:
            super().__init__()
            self.code_id = code_id

    def action_apply(self) -> None:
        if self.highlighted_code:
            self.post_message(self.Apply(self.highlighted_code))
