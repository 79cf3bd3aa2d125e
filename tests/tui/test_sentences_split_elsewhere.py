"""An app open while `qda resegment` runs in another process moves by the new sentences.

Ana codes the prosecutor's interview; the PI, at another terminal, splits the project's sentences again
(`qda resegment --pipeline …`).  The app kept the sentences it read when the document was opened, so
``s`` selected the old sentences (and coded them) until Ana closed and reopened the app.  Now the app
reads the open document's sentences again when another process commits, and says so.

The pipeline is a fictional one saved to disk: a sentencizer that ends sentences at ";" only."""

from __future__ import annotations

from click.testing import CliRunner

from qda.cli import main
from qda.tui.app import QdaApp

from .coded_sample import press, run, until

TEXT = "FISCAL: En Huamanga; la gente no denuncia. Dicen «manam yachanichu»; no sé nada.\n"


@run
async def test_the_open_document_moves_by_sentences_split_again_in_another_process(tmp_path):
    import spacy

    nlp = spacy.blank("es")
    nlp.add_pipe("sentencizer", config={"punct_chars": [";"]})
    nlp.to_disk(tmp_path / "punto_y_coma")
    (tmp_path / "fiscal.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "equipo.qda"
    for args in (["init", path], ["import", path, tmp_path / "fiscal.txt", "--language", "es"]):
        assert CliRunner().invoke(main, [str(a) for a in args]).exit_code == 0
    app = QdaApp(path, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = app.transcript.text
        await press(app, pilot, "s")
        assert text[slice(*app.transcript.selection)] == "En Huamanga; la gente no denuncia."
        await press(app, pilot, "escape")

        seen = app._data_version
        result = CliRunner().invoke(main, ["resegment", str(path), "--pipeline", str(tmp_path / "punto_y_coma")])
        assert result.exit_code == 0, result.output

        await until(pilot, lambda: app._data_version != seen, "the app noticing the other process's commit")
        await pilot.pause()
        app.transcript.move_to(text.index("En Huamanga"))
        await press(app, pilot, "s")
        assert text[slice(*app.transcript.selection)] == "En Huamanga;"
        assert any("split again elsewhere" in str(n.message) for n in app._notifications)
