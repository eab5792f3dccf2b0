"""Citations: the report entries letters cite, their footnote forms, libraries and CSL import."""
