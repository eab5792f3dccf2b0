"""Widgets of the drafting UI, one per module."""
