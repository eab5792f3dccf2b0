"""The editor's sections, one per module: each edits one part of the letter through the Draft."""
