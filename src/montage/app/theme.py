"""The montage theme: neon on a dark night, with sunset accents and a colour per phase."""

from __future__ import annotations

from textual.theme import Theme

PHASE_COLOURS = {
    "phase-prepare": "#ffd319",
    "phase-work": "#ff2a6d",
    "phase-rest": "#05d9e8",
    "phase-cooldown": "#b967ff",
}
"""The colour of each phase of a session, as theme variables used from the CSS."""

PHASE_DEFAULTS = {
    "phase-prepare": "#e0a800",
    "phase-work": "#e8335f",
    "phase-rest": "#1fa8c4",
    "phase-cooldown": "#8e6bd8",
}
"""The phase colours under any other theme, which does not define them."""

MONTAGE_THEME = Theme(
    name="montage",
    primary="#ff2a6d",
    secondary="#05d9e8",
    accent="#ff8c42",
    warning="#ffd319",
    error="#ff3864",
    success="#39ff14",
    foreground="#f6e9ff",
    background="#0d0221",
    surface="#180536",
    panel="#261447",
    dark=True,
    variables={
        **PHASE_COLOURS,
        "footer-key-foreground": "#ffd319",
        "block-cursor-background": "#ff2a6d",
        "block-cursor-foreground": "#0d0221",
        "input-selection-background": "#ff2a6d 40%",
    },
)
"""Registered with the app as ``montage``, and its default."""
