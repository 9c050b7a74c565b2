"""A coach and its followers on this machine: how far apart each step starts on their screens.

The coach runs a real engine on the monotonic clock, driven like the app drives it
(the event loop wakes at each deadline), and publishes every change through its
class server; each follower is a process of its own. Every process on this
machine reads the same monotonic clock, so the moments a new step reached each
follower compare directly: the spread of a step is the latest minus the earliest.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from montage.classroom.coach import ClassServer
from montage.session.engine import Engine
from montage.session.events import Event, StepStarted
from montage.session.timeline import Step, Timeline


@dataclass
class Spread:
    """How far apart the followers saw each step start, and how late after the coach."""

    spreads: list[float]
    """Per step: the latest follower's arrival minus the earliest, in seconds."""
    delays: list[float]
    """Per step and follower: arrival minus the coach's step start, in seconds."""
    offsets: list[float]
    """Each follower's measured clock offset (0 on one machine, up to its error)."""

    def percentile(self, values: list[float], share: float) -> float:
        """The value below which ``share`` of ``values`` fall."""
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def median_spread(self) -> float:
        """The median spread of a step start."""
        return statistics.median(self.spreads)


def timeline_of(steps: int, seconds: int) -> Timeline:
    """Alternating work and rest steps of ``seconds`` each, after a 2 s get-ready."""
    made = [Step(0, "prepare", "Get ready", 2)]
    for index in range(1, steps + 1):
        if index % 2:
            made.append(Step(index, "work", "Chop", seconds))
        else:
            made.append(Step(index, "rest", "Rest", seconds))
    return Timeline("Class Bench", tuple(made), bpm=None)


async def coach(server: ClassServer, timeline: Timeline) -> dict[int, float]:
    """Run the coach's session, publishing each change; the moment each step started."""
    engine = Engine(timeline, time.monotonic)
    loop = asyncio.get_running_loop()
    finished = asyncio.Event()
    started: dict[int, float] = {}

    def apply(events: list[Event]) -> None:
        for event in events:
            if isinstance(event, StepStarted):
                started[event.step.index] = event.at
        if events:
            server.publish(engine.snapshot(), None)
        if engine.state == "finished":
            finished.set()
            return
        deadline = engine.next_deadline()
        if deadline is not None:
            wake = deadline + (loop.time() - time.monotonic())
            loop.call_at(wake, lambda: apply(engine.poll()))

    apply(engine.start())
    await finished.wait()
    return started


async def _run(followers: int, timeline: Timeline) -> Spread:
    server = ClassServer(timeline, code="424242")
    await server.open()
    address = f"127.0.0.1:{server.port}"
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "benchmarks.class_follower",
            address,
            "424242",
            f"Athlete {n}",
            stdout=subprocess.PIPE,
        )
        for n in range(followers)
    ]
    try:
        for process in processes:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), 60)
            assert line.strip() == b"joined", line
        started = await coach(server, timeline)
        reports = []
        for process in processes:
            out, _ = await asyncio.wait_for(process.communicate(), 60)
            reports.append(json.loads(out.decode().splitlines()[-1]))
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
        await server.close()
    arrivals: dict[int, list[float]] = {}
    for report in reports:
        for _, step, at in report["starts"]:
            arrivals.setdefault(step, []).append(at)
    spreads = [max(times) - min(times) for step, times in arrivals.items() if step > 0]
    delays = [at - started[step] for step, times in arrivals.items() if step > 0 for at in times]
    return Spread(spreads, delays, [report["offset"] for report in reports])


def run(minutes: float = 3.0, followers: int = 3, step_seconds: int = 5) -> Spread:
    """Run a class of ``followers`` for about ``minutes``; the spread of its step starts."""
    steps = max(2, int(minutes * 60 / step_seconds))
    return asyncio.run(_run(followers, timeline_of(steps, step_seconds)))


def report(spread: Spread, minutes: float) -> None:
    """Print the figures."""
    spreads = [value * 1000 for value in spread.spreads]
    delays = [value * 1000 for value in spread.delays]
    print(f"\nclass: a coach and 3 followers (processes), {minutes:g} minutes, step starts:")
    print(
        f"  steps {len(spreads)}   spread median {statistics.median(spreads):.2f} ms   "
        f"p99 {spread.percentile(spreads, 0.99):.2f} ms   max {max(spreads):.2f} ms"
    )
    print(
        f"  after the coach: median {statistics.median(delays):.2f} ms   "
        f"max {max(delays):.2f} ms;  clock offsets measured "
        + ", ".join(f"{offset * 1000:+.3f} ms" for offset in spread.offsets)
    )
