"""A spoken coach through espeak-ng: "go", "rest" and the next exercise, rendered once per session.

Speech is rendered to WAV before it is needed, on a thread of the sound
player's, matched in loudness to the cues and mixed like them: the score
ducks under every line, and no line is placed over a countdown tick. Without
espeak-ng montage simply has no voice.
"""

from __future__ import annotations

import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

from montage.session.timeline import Timeline
from montage.sound.bank import Sound, SoundError, read_wav

ENGINE = "espeak-ng"
"""The speech program montage looks for."""

SPEED = 170
"""Words per minute: brisk, like a coach."""

VOICE = "en-us+m3"
"""The espeak-ng voice: a man's, with a deeper variant."""

PITCH = 28
"""espeak-ng's pitch, 0 to 99 (50 is its usual): lower, a coach rather than a robot."""

RENDER_TIMEOUT = 10.0
"""Seconds one phrase may take to render before it is given up."""


def voice_program() -> str | None:
    """The path of espeak-ng, or None when it is not installed."""
    return shutil.which(ENGINE)


def phrases(timeline: Timeline) -> dict[str, str]:
    """Everything a session of ``timeline`` may say, by key.

    Returns:
        ``go`` and ``rest``, and for each work step that follows a rest or the
        prepare step ``next:<index>`` ("Next: <its name>.") and the shorter
        ``name:<index>`` ("<its name>."), said where the first does not fit.
    """
    said = {"go": "Go!", "rest": "Rest."}
    for before, step in pairwise(timeline.steps):
        if step.kind == "work" and before.kind in ("prepare", "rest"):
            said[f"next:{step.index}"] = f"Next: {step.name}."
            said[f"name:{step.index}"] = f"{step.name}."
    return said


def render_phrases(texts: dict[str, str], program: str) -> tuple[dict[str, Sound], list[str]]:
    """Render each phrase to sound with espeak-ng, a few at a time.

    Args:
        texts: Phrases by key.
        program: The espeak-ng executable.

    Returns:
        The sounds by key, and a line for each phrase that could not be rendered.
    """
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="montage-voice-") as folder:

        def render(item: tuple[int, tuple[str, str]]) -> tuple[str, Sound | None]:
            number, (key, text) = item
            path = Path(folder) / f"{number}.wav"
            try:
                subprocess.run(
                    [
                        program,
                        "-v",
                        VOICE,
                        "-p",
                        str(PITCH),
                        "-s",
                        str(SPEED),
                        "-w",
                        str(path),
                        "--",
                        text,
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=RENDER_TIMEOUT,
                    check=True,
                )
                return key, read_wav(path)
            except (OSError, subprocess.SubprocessError, SoundError) as error:
                problems.append(f"the voice could not say {text!r} ({type(error).__name__})")
                return key, None

        with ThreadPoolExecutor(max_workers=4) as pool:
            rendered = dict(pool.map(render, enumerate(texts.items())))
    sounds = {key: sound for key, sound in rendered.items() if sound is not None}
    return sounds, problems[:1]
