"""The full-screen Textual app: picker, session, summary."""
