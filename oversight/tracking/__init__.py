"""After the letter is sent (issue 18, docs/tracking.md).

``record``: the ``LETTER.tracking.yaml`` beside each letter, changed under a lock.
``summary``: what the tracker needs of a letter (agency, deadline, questions) and the status
derived from it, the record and today. ``folder``: the letters of a folder with their records,
through a cache that is rebuilt from the files whenever one changes. ``calendar``: deadlines as
iCalendar events. ``followup``: the next letter, asking what is still open.
"""
