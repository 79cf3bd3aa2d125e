"""Editing the codebook from the tree: new code, rename, move, merge (each one undoable action)."""

from __future__ import annotations

from ..errors import QdaError
from .counted import counted
from .guarded import guarded
from .keygate import dialog_action
from .screens.code_picker import CodePicker
from .screens.prompt import Prompt


class CodebookEditing:
    """Part of ``QdaApp``: the tree's codebook actions."""

    @dialog_action
    @guarded
    async def action_rename_code(self) -> None:
        code_id = self.tree.highlighted_code
        if code_id is None:
            raise QdaError("highlight a code in the tree first")
        name = await self.push_screen_wait(Prompt(f"Rename {self.codebook.paths[code_id]}", self.codebook.by_id[code_id].name))
        if name and name.strip() != self.codebook.by_id[code_id].name:
            self.project.rename_code(code_id, name.strip(), self.me)
            self.reload_codebook()
            self.tree.highlight(code_id)

    @dialog_action
    @guarded
    async def action_move_code(self) -> None:
        code_id = self.tree.highlighted_code
        if code_id is None:
            raise QdaError("highlight a code in the tree first")
        parent = await self.push_screen_wait(CodePicker(
            self.codebook, f"Move {self.codebook.paths[code_id]} under…", self.transcript.colour, top="(top level)",
            exclude=set(self.codebook.subtree_ids(code_id))))
        if parent is not None:
            self.project.move_code(code_id, parent.code_id, self.me)
            self.reload_codebook()
            self.tree.highlight(code_id)

    @dialog_action
    @guarded
    async def action_merge_code(self) -> None:
        code_id = self.tree.highlighted_code
        if code_id is None:
            raise QdaError("highlight a code in the tree first")
        source = self.codebook.paths[code_id]
        target = await self.push_screen_wait(CodePicker(
            self.codebook, f"Merge {source} into…", self.transcript.colour, exclude=set(self.codebook.subtree_ids(code_id))))
        if target is not None and target.code_id:
            moved = self.project.merge_codes(code_id, target.code_id, self.me)
            self.resync()
            self.tree.highlight(target.code_id)
            self.notify(f"Merged {source} into {self.codebook.paths[target.code_id]} ({counted(moved, 'coding')} moved); ctrl+z undoes")

    @dialog_action
    @guarded
    async def action_new_code(self) -> None:
        parent = self.tree.highlighted_code
        where = self.codebook.paths[parent] if parent else "the top level"
        name = await self.push_screen_wait(Prompt(f"New code under {where}", placeholder="its name"))
        if name and name.strip():
            code = self.project.add_code(name.strip(), parent=parent, coder=self.me)
            self.reload_codebook()
            self.tree.highlight(code.id)
