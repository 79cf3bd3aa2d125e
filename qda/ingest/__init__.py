"""Transcripts in: .txt, .md, .docx, .vtt and .srt, with speaker turns, paragraphs and sentences."""

from .importer import ImportReport, import_files, parse_file, read_attributes
from .readers import SUFFIXES
from .segment import DEFAULT_SPEAKER_PATTERN

__all__ = ["DEFAULT_SPEAKER_PATTERN", "ImportReport", "SUFFIXES", "import_files", "parse_file", "read_attributes"]
