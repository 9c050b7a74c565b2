"""Take the README's pictures from the app itself, on the tests' fake clock: ``make screenshots``.

Each picture is the app's own SVG screenshot, turned into a PNG by ``rsvg-convert``
(librsvg; ``apt-get install librsvg2-bin``), a development tool only.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from textual.pilot import Pilot

from harness import Harness
from log_data import TODAY, week_log
from montage.app.screens.summary import SummaryScreen
from montage.log.reading import LogService
from montage.paths import shipped_workouts_dir
from montage.workout.catalogue import load_entry
from month_data import MONTH_TODAY, month_log

DOCS = Path(__file__).resolve().parent.parent / "docs"
"""Where the pictures go."""

Script = tuple[str | float, ...]
"""Keys to press (text) and moments of the fake clock to move to (numbers), in order."""


@dataclass(frozen=True)
class Shot:
    """One picture."""

    name: str
    """Its file name, without ``.png``."""
    script: Script
    """How to get there."""
    size: tuple[int, int] = (100, 30)
    """The terminal's columns and lines."""
    start: str | None = None
    """A shipped workout to open in a session at once, by name."""
    log: bool = False
    """Whether the app has a week of sessions in its progress log."""
    month: bool = False
    """Whether it has a month of the Barn Taster instead."""
    records_of: int | None = None
    """The logged session whose records and comparison the summary shows."""
    files: tuple[str, ...] = field(default=())
    """Shipped workouts offered instead of the tests' own, by file stem."""


LIBRARY = tuple(path.stem for path in sorted(shipped_workouts_dir().glob("*.yaml")))

SHOTS = (
    Shot("session-barn", (30.0,), start="Siberian Barn"),
    Shot("session-lab", (0.0, "n", 60.5), start="Drago's Lab"),
    Shot("session-big", (30.0,), size=(200, 60), start="Siberian Barn"),
    Shot("card", (*("n",) * 12, 0.5), start="Siberian Barn"),  # round 2 of the circuit
    Shot("paused", (0.0, "n", 64.0, "space"), start="Drago's Lab"),
    Shot("picker", ("down", "down"), files=LIBRARY),
    Shot(
        "summary",
        ("enter", 45.0, 75.0, "d", 95.0, 150.0, "d", 160.0, "d", "d", 400.0),
        log=True,
        records_of=4,
    ),
    Shot("review", ("l",), log=True),
    # the Barn Taster against Drago's best of a month: ahead after the first press
    Shot("ghost", (71.0, "d", 103.0), start="Barn Taster", month=True),
    Shot("chart", ("l", "2"), month=True),
    Shot("help", (30.0, "question_mark"), start="Siberian Barn"),
)
"""Every picture the README shows."""


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def take(shot: Shot, folder: Path) -> str:
    """Run the app to the shot's moment and return its SVG screenshot."""
    log_service = None
    if shot.log:
        week_log(folder / f"{shot.name}.db")
        log_service = LogService(folder / f"{shot.name}.db", today=lambda: TODAY)
    if shot.month:
        month_log(folder / f"{shot.name}.db")
        log_service = LogService(folder / f"{shot.name}.db", today=lambda: MONTH_TODAY)
    stems = sorted(set(shot.files) | {"siberian-barn", "dragos-lab"})
    shipped = [load_entry(shipped_workouts_dir() / f"{stem}.yaml", "shipped") for stem in stems]
    workouts = shipped if shot.files else None
    extra = None if shot.files else shipped
    harness = Harness(start=shot.start, workouts=workouts, extra=extra, log_service=log_service)
    async with harness.app.run_test(size=shot.size) as pilot:
        await settle(pilot)
        for item in shot.script:
            if isinstance(item, str):
                await pilot.press(item)
            else:
                harness.scheduler.advance_to(item)
            await settle(pilot)
        if shot.records_of is not None and isinstance(harness.app.screen, SummaryScreen):
            harness.app.screen.read_records(shot.records_of)
            await settle(pilot)
        return harness.app.export_screenshot()


def save_png(svg: str, path: Path) -> None:
    """Turn an SVG into a PNG; leading spaces are kept, as the terminal shows them."""
    svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    subprocess.run(
        ["rsvg-convert", "--format", "png", "--output", str(path)], input=svg.encode(), check=True
    )


def main() -> int:
    if shutil.which("rsvg-convert") is None:
        print("rsvg-convert is missing: apt-get install librsvg2-bin", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as home:
        os.environ["MONTAGE_HOME"] = home
        for shot in SHOTS:
            svg = asyncio.run(take(shot, Path(home)))
            save_png(svg, DOCS / f"{shot.name}.png")
            print(DOCS / f"{shot.name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
