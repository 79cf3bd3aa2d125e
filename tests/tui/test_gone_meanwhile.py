"""What another terminal deleted while this one was asking: nothing the user typed is lost, and the
message says what happened in the coder's words.

Ana selects a sentence, codes it, presses m and writes a memo; meanwhile Luis, at another terminal,
deletes the code (`qda codebook --delete`, which deletes its codings).  Saving the memo failed with
"no coding '…'" and the memo Ana typed was gone.  Applying a code Luis deleted while it stood in
Ana's picker said "row 1: no code 'ee6b…' in the codebook"."""

from __future__ import annotations

import qda
from qda.tui.app import QdaApp

from .coded_sample import keys_done, press, run, until

MEMO = "She went back twice before anyone wrote it down"


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@run
async def test_a_memo_whose_coding_was_deleted_meanwhile_is_kept(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s", "s", "1")
        await until(pilot, lambda: len([c for c in app.transcript.codings.values() if c.coder_id == app.me.id]) >= 1,
                    "the coding")
        code_id = app.quick["1"]
        path = app.codebook.paths[code_id]
        await press(app, pilot, "m")
        await press(app, pilot, *MEMO)
        with qda.open_project(sample_project_path) as other:
            other.delete_code(code_id, "luis")
        await press(app, pilot, "ctrl+s")
        await keys_done(app, pilot)
        with qda.open_project(sample_project_path) as project:
            kept = project.memo("document", app.document_id, "ana")
        assert MEMO in kept and path in kept, kept
        said = (await until(pilot, lambda: [m for m in messages(app) if "memo" in m], "the app's message"))[-1]
        assert "deleted" in said and "document memo" in said, said
        assert app.codebook.by_id.get(code_id) is None  # the tree shows the codebook as it now is


@run
async def test_a_code_deleted_while_in_the_picker_is_said_in_words(sample_project_path):
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        target = app.codebook.find("Unlinked records")
        path = app.codebook.paths[target.id]
        await press(app, pilot, "s", "c", *"unlinked")
        with qda.open_project(sample_project_path) as other:
            before = len(other.codings())
            other.delete_code(target.id, "luis")
        # the app hears of it while the picker is open (on a server at once, by LISTEN/NOTIFY): the path is kept
        await until(pilot, lambda: target.id not in app.codebook.by_id, "the codebook reloaded")
        await press(app, pilot, "enter")
        await keys_done(app, pilot)
        with qda.open_project(sample_project_path) as project:
            assert len(project.codings()) == before  # nothing added
        said = (await until(pilot, lambda: [m for m in messages(app) if path in m], "the app's message"))[-1]
        assert said == f"{path} is no longer in the codebook: another coder deleted or merged it meanwhile; nothing was coded"


@run
async def test_undo_after_another_coders_merge_says_who_changed_what_and_what_to_do(sample_project_path):
    """Ana codes a sentence; Luis merges that code into another; Ana's ctrl+z said "cannot apply: a
    row of codings was removed or changed by another action meanwhile"."""
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(app, pilot, "s", "1")
        await until(pilot, lambda: any(c.coder_id == app.me.id for c in app.transcript.codings.values()), "the coding")
        source = app.codebook.paths[app.quick["1"]]
        target = app.codebook.paths[app.quick["2"]]
        with qda.open_project(sample_project_path) as other:
            other.merge_codes(source, target, "luis")
        await press(app, pilot, "ctrl+z")
        await keys_done(app, pilot)
        said = messages(app)[-1]
        assert "row of" not in said and "meanwhile" not in said, said
        assert said.startswith("Nothing was undone"), said
        assert "luis" in said and f"merge {source} into {target}" in said, said
        assert "x removes" in said, said
        with qda.open_project(sample_project_path) as project:  # the coding stays as Luis left it
            assert [c.code_id for c in project.codings(coder="ana")] == [project.code(target).id]


@run
async def test_a_quick_key_whose_code_was_merged_elsewhere_says_so_not_that_it_never_had_one(sample_project_path):
    """Luis, at another terminal, merges the code on Ana's key 3 into another; Ana's 3 said "No code on key 3
    yet", as if she had never put one there, and she could not tell where her code had gone."""
    app = QdaApp(sample_project_path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        source = app.codebook.paths[app.quick["3"]]
        target = app.codebook.paths[app.quick["2"]]
        with qda.open_project(sample_project_path) as other:
            before = len(other.codings())
            other.merge_codes(source, target, "luis")
        await until(pilot, lambda: "3" not in app.quick, "the codebook reloaded")
        await press(app, pilot, "s", "3")
        await keys_done(app, pilot)
        said = (await until(pilot, lambda: [m for m in messages(app) if "key 3" in m.lower()], "the app's message"))[-1]
        assert said.startswith(f"Key 3 was {source}, which another coder deleted or merged meanwhile"), said
        assert "nothing was coded" in said
        with qda.open_project(sample_project_path) as project:
            assert len(project.codings()) == before
