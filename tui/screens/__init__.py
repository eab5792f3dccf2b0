"""Modal screens of the drafting UI, one per module; each takes the keyboard when it opens."""
