"""YouTube's automatic captions (.vtt as yt-dlp and youtube-dl save them) roll: each cue shows the
line before it again above the line being spoken, word timings (``<00:00:01.100><c> la</c>``) on the
new line only, and a cue of 10 ms holds the finished line alone.  Read cue by cue, every line came in
two or three times (yt-dlp/yt-dlp#1734, ytdl-org/youtube-dl#21914, the rolling-caption fixes of
bradautomates/claude-video #129, #151 and #182).  Each line must come in once, with a warning that
says so, and no word of a cue that is not a repeat may be lost: the speaker who says "nadie" twice
keeps both (fictional captions in the shape of those files)."""

from __future__ import annotations

from qda.ingest import parse_file

from test_shapes import SHAPES, cues_of


def test_each_rolling_line_comes_in_once_with_its_own_time_and_a_warning():
    parsed = parse_file(SHAPES / "youtube_auto.vtt")
    assert parsed.text == ("fuimos a la comisaría del barrio y nadie nos atendió nadie nadie vino [Música]")
    assert cues_of(parsed) == [("fuimos a la comisaría del barrio", 0.4, 3.12),
                               ("y nadie nos atendió", 3.13, 5.8),
                               ("nadie", 5.81, 7.2),
                               ("nadie vino [Música]", 7.21, 9.0)]
    assert [w for w in parsed.warnings if "rolling" in w] == [
        "rolling captions (YouTube's automatic captions): 6 of 7 cues repeat the line above the one being "
        "spoken; each line was imported once, with the time of the cue that first shows it"]


def test_ordinary_subtitles_that_repeat_a_line_keep_it(tmp_path):
    """A speaker who says the same short line in two cues, in a file that does not roll: both kept."""
    path = tmp_path / "repeat.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n¿Volvió?\n\n00:00:02.000 --> 00:00:03.000\nNo.\n\n"
                    "00:00:03.000 --> 00:00:04.000\nNo.\n\n00:00:04.000 --> 00:00:05.000\nNunca más.\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.text == "¿Volvió? No. No. Nunca más."
    assert not any("rolling" in warning for warning in parsed.warnings)


def test_rolling_captions_saved_as_srt_without_word_timings(tmp_path):
    """``yt-dlp --convert-subs srt`` drops the word timings but keeps the rolling cues."""
    path = tmp_path / "rolled.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nfuimos a la comisaría\n\n"
                    "2\n00:00:03,000 --> 00:00:03,010\nfuimos a la comisaría\n\n"
                    "3\n00:00:03,010 --> 00:00:05,000\nfuimos a la comisaría\ny nadie nos atendió\n\n"
                    "4\n00:00:05,000 --> 00:00:05,010\ny nadie nos atendió\n\n"
                    "5\n00:00:05,010 --> 00:00:07,000\ny nadie nos atendió\nnos fuimos\n", encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.text == "fuimos a la comisaría y nadie nos atendió nos fuimos"
    assert any("rolling" in warning for warning in parsed.warnings)
