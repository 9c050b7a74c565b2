"""montage in a browser: textual-serve runs the app for each browser that opens the page.

A front end: it wires the app and the sound wing, and is imported only by the
``serve`` and ``class`` commands, so plain ``montage`` never loads the web server.
"""

SOUNDS_PATH = "/sounds/"
"""Where the page fetches the cue WAVs; the app asks for a cue by opening a URL here."""

CUES = frozenset(
    ("tick", "go", "rest", "halfway", "round", "last-round", "finish", "pause", "resume")
)
"""The cues the page may fetch: nothing else of this machine is served."""
