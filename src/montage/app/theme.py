"""The scenes of the montage, as Textual themes: Rocky's barn, Drago's lab, the neon night.

Each theme sets the colour of every phase of a session, the pause display, the
title cards' sunset, the digits' dark segments and grid, and the log's heatmap,
as variables the stylesheet uses. ``montage`` is the neon night under which each
workout's session is shown in its own scene.
"""

from __future__ import annotations

from textual.theme import Theme

from montage.session.timeline import Scene

SUNSET = {
    "card-1": "#ffe14d",
    "card-2": "#ff8c2e",
    "card-3": "#ff2a8a",
    "card-4": "#9b3dff",
}
"""The title cards' gradient, top to bottom: yellow, orange, pink, violet."""

PHASE_DEFAULTS = {
    "phase-prepare": "#e0a800",
    "phase-work": "#e8335f",
    "phase-rest": "#1fa8c4",
    "phase-cooldown": "#8e6bd8",
    "phase-paused": "#3ad13a",
    "unlit-alpha": "0%",
    "scene-grid": "#00000000",
    "scene-planks": "#00000000",
    "card-background": "#120a1e",
    "card-scan": "#07040d",
    "heat": "#39d353",
    "record": "#39ff14",
    "ghost-behind": "#e8335f",
    "ghost-ahead": "#39d353",
    **SUNSET,
}
"""The montage variables under any other theme, which does not define them."""

OSD_GREEN = "#39ff14"
"""The VHS on-screen display's colour: the pause, in every scene; no phase uses it."""

NEON = {
    "phase-prepare": "#ffd319",
    "phase-work": "#ff2a6d",
    "phase-rest": "#05d9e8",
    "phase-cooldown": "#b967ff",
    "phase-paused": OSD_GREEN,
    "unlit-alpha": "0%",
    "scene-grid": "#00000000",
    "scene-planks": "#00000000",
    "card-background": "#1a0733",
    "card-scan": "#0d0221",
    "heat": "#ff2a6d",
    "record": OSD_GREEN,
    "ghost-behind": "#ff3864",
    "ghost-ahead": "#39ff14",
    **SUNSET,
    "footer-key-foreground": "#ffd319",
    "block-cursor-background": "#ff2a6d",
    "block-cursor-foreground": "#0d0221",
    "input-selection-background": "#ff2a6d 40%",
}
"""The neon night's variables."""


def _neon(name: str) -> Theme:
    return Theme(
        name=name,
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
        variables=dict(NEON),
    )


MONTAGE_THEME = _neon("montage")
"""The default: the neon night, with each workout's session in its own scene."""

NEON_THEME = _neon("neon")
"""The 80s night: hot pink, cyan and violet on deep indigo."""

BARN_THEME = Theme(
    name="barn",
    primary="#ffb347",
    secondary="#f3ede2",
    accent="#e2703a",
    warning="#ffcf66",
    error="#e0452b",
    success="#ffd27a",
    foreground="#f5e6c8",
    background="#150c06",
    surface="#22150b",
    panel="#3b2513",
    dark=True,
    variables={
        "phase-prepare": "#ff5e3a",
        "phase-work": "#ffa31a",
        "phase-rest": "#eef4f8",
        "phase-cooldown": "#b8875a",
        "phase-paused": OSD_GREEN,
        "unlit-alpha": "0%",
        "scene-grid": "#00000000",
        "scene-planks": "#2e1c0e",
        "card-background": "#2a170a",
        "card-scan": "#150c06",
        "heat": "#ffa31a",
        "record": "#ffe14d",
        "ghost-behind": "#e0452b",
        "ghost-ahead": "#b8d86b",
        **SUNSET,
        "footer-key-foreground": "#ffb347",
        "block-cursor-background": "#ffa31a",
        "block-cursor-foreground": "#150c06",
        "input-selection-background": "#ffa31a 40%",
    },
)
"""Rocky's barn: lamplight amber and ember on dark wood, snow white for rest."""

LAB_THEME = Theme(
    name="lab",
    primary="#8fdcff",
    secondary="#aebccb",
    accent="#ff2b2b",
    warning="#ffb000",
    error="#ff2b2b",
    success="#8fdcff",
    foreground="#dce8f3",
    background="#05080c",
    surface="#0b131c",
    panel="#18242f",
    dark=True,
    variables={
        "phase-prepare": "#ffb000",
        "phase-work": "#ff2020",
        "phase-rest": "#57c7ff",
        "phase-cooldown": "#9aabbd",
        "phase-paused": OSD_GREEN,
        "unlit-alpha": "13%",
        "scene-grid": "#142a3c",
        "scene-planks": "#00000000",
        "card-background": "#0d1620",
        "card-scan": "#05080c",
        "heat": "#57c7ff",
        "record": "#ff2020",
        "ghost-behind": "#ff2b2b",
        "ghost-ahead": "#5cf2b0",
        **SUNSET,
        "footer-key-foreground": "#8fdcff",
        "block-cursor-background": "#57c7ff",
        "block-cursor-foreground": "#05080c",
        "input-selection-background": "#57c7ff 40%",
    },
)
"""Drago's lab: ice blue and steel, red LED digits with their dark segments, a grid."""

THEMES = (MONTAGE_THEME, NEON_THEME, BARN_THEME, LAB_THEME)
"""Every theme montage registers."""

SCENE_THEMES: dict[Scene, str] = {"barn": "barn", "lab": "lab", "neon": "neon"}
"""The theme each scene is shown in."""

WIDE = 64
"""Columns from which a screen is wide (``-wide``), and narrow (``-narrow``) below."""

FOLLOWS_SCENES = "montage"
"""The theme under which each session takes its workout's scene."""
