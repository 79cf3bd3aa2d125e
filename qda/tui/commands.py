"""The command palette (ctrl+p): every action of the app by name, with its key."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, action, help); the key is looked up from the bindings so the palette never disagrees with them
COMMANDS: list[tuple[str, str, str]] = [
    ("Apply a code…", "pick_code", "find a code by name and apply it to the selection (or create it)"),
    ("Remove coding", "remove_coding", "remove your coding under the cursor"),
    ("Recode…", "recode", "give your coding under the cursor another code, keeping its memo"),
    ("Memo on coding", "memo_coding", "write or edit the memo of your coding under the cursor"),
    ("Memo on document", "memo_document", "write or edit your memo on this document"),
    ("Assign quick key", "assign_key", "give the highlighted code a key 1-9"),
    ("Undo", "undo", "undo your last action (works across restarts)"),
    ("Redo", "redo", "redo what you undid"),
    ("Search the text", "search", "find a word, phrase or re:regex in this document"),
    ("Next search hit", "next_hit", ""),
    ("Previous search hit", "previous_hit", ""),
    ("Clear selection and search", "clear", "drop the selection and the search hits' highlight"),
    ("Next coding of the highlighted code", "next_coding", "across documents"),
    ("Previous coding of the highlighted code", "previous_coding", "across documents"),
    ("Go to position", "goto", "an offset, a percentage or a turn"),
    ("Auto-code…", "autocode", "code every hit of a search, widened to sentence, turn or paragraph"),
    ("Documents", "documents", "switch document; see attributes and progress"),
    ("Mark document done / not done", "toggle_done", ""),
    ("View: mine, all coders, another coder", "cycle_view", ""),
    ("Find code in the tree", "focus_filter", "filter the codebook as you type"),
    ("Details pane", "toggle_details", "show or hide the codings under the cursor and the code's definition"),
    ("Rename code", "rename_code", "rename the highlighted code"),
    ("Move code", "move_code", "move the highlighted code under another"),
    ("Merge code into…", "merge_code", "fold the highlighted code into another; its codings follow"),
    ("New code", "new_code", "add a code under the highlighted one"),
    ("Frequencies", "frequencies", "codings, documents and words per code; by document, coder or attribute"),
    ("Co-occurrence", "cooccurrence", "the strongest pairs of codes, the matrix; unit and measure switchable"),
    ("Heat map", "heatmap", "codes by documents (or an attribute) as a coloured grid; Enter: the quotes of a cell"),
    ("Neighbours of the highlighted code", "neighbours", "the codes it co-occurs with, in the network"),
    ("Quotes of the highlighted code", "quotes", "its passages with references; Enter goes to one"),
    ("Coding query…", "query", "passages found by codes joined by AND, OR, NOT, relations and IN SAME TURN; "
     "Enter goes to one"),
    ("Keyword in context", "concordance", "every occurrence of a word across documents; sort; auto-code the hits"),
    ("Memos", "memos", "every memo on the project, documents, codes and passages; search; go to one"),
    ("Agreement between coders", "agreement", "the per-code table; Enter adjudicates a code's disagreements"),
    ("Adjudicate disagreements", "adjudicate", "decide disputed units as the consensus coder"),
    ("Back to the text", "focus_transcript", "from the code filter, the codebook tree or the details pane"),
    ("Keys", "help", "every key binding"),
    ("Quit", "quit", "your place in each document is kept for next time"),
]


class QdaCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str]]:
        """COMMANDS, then one per quick key in use: "Quick code 2: Police > Distrust of police"."""
        app = self.app
        paths = app.codebook.paths
        quick = [(f"Quick code {key}: {paths[code_id]}", f"quick_code('{key}')", "apply this code to the selection")
                 for key, code_id in sorted(app.quick.items()) if code_id in paths]
        return COMMANDS + quick

    def _key_for(self, action: str) -> str:
        for binding in self.app.BINDINGS:
            if getattr(binding, "action", "") == action:
                return binding.key_display or binding.key.split(",")[0]
        from .widgets.codebook_tree import CodebookTree
        from .widgets.transcript import Transcript

        for where, bindings in (("text", Transcript.BINDINGS), ("tree", CodebookTree.BINDINGS)):
            for binding in bindings:
                if binding.action == f"app.{action}":
                    return f"{where}: " + (binding.key_display or binding.key.split(",")[0])
        return ""

    def _run(self, action: str):
        return partial(self.app.run_action, action)

    async def discover(self) -> Hits:
        for title, action, help_text in self._commands():
            key = self._key_for(action)
            yield DiscoveryHit(f"{title}  ({key})" if key else title, self._run(action), help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self._commands():
            key = self._key_for(action)
            shown = f"{title}  ({key})" if key else title
            score = matcher.match(shown)
            if score > 0:
                yield Hit(score, matcher.highlight(shown), self._run(action), help=help_text or None)
