"""The log wing: the progress log in SQLite, written as a session runs and read for review."""
