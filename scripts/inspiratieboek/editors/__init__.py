"""Editors' tasks: a new record, the submission form, the translation check."""
