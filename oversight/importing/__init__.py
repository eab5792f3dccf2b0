"""Importing an office's past Word letters (issue 17): .docx in, letter YAML, report entries and
bank questions out.

The pipeline, one module a stage:

- ``package``: open a .docx safely (zip and XML limits, no entities or network, encrypted and
  macro-enabled files refused) and hand out its parts;
- ``numbering``: the label Word shows for each paragraph ("(3)", "b.", "•"), its level and the
  list it counts in, resolved from numbering.xml and the styles as Word does;
- ``cites``: footnote text to report entries of the citation registry's kinds (or notes), with
  Id. and short forms resolved to the entry they repeat.
"""
