"""The Textual app for coding transcripts at the keyboard (``qda code``)."""
