"""Widgets of the app; each renders state it is given and posts messages, nothing more."""
