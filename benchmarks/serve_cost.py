"""What ``montage serve`` costs this machine: the server's memory, and one browser's montage
(its memory and CPU while a session runs), read from /proc."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class ServeCost:
    """The figures."""

    server_mb: float
    """The server's resident memory, one browser connected."""
    browser_mb: float
    """One browser's montage process, its resident memory in a session."""
    browser_cpu: float
    """Its CPU, percent of a core, in a session."""


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


async def _measure(port: int, server: int, window: float) -> ServeCost:
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30") as socket_,
    ):
        await asyncio.sleep(4.0)  # the browser's montage starts and draws the picker
        await socket_.send_json(["stdin", "\r"])  # start the first workout
        await asyncio.sleep(2.0)
        child = max(_descendants(server), key=_rss_mb)
        start = _cpu_seconds(child), time.monotonic()
        reader = asyncio.create_task(_drain(socket_))
        await asyncio.sleep(window)
        cpu = (_cpu_seconds(child) - start[0]) / (time.monotonic() - start[1]) * 100
        cost = ServeCost(_rss_mb(server), _rss_mb(child), cpu)
        reader.cancel()
        return cost


async def _drain(socket_: aiohttp.ClientWebSocketResponse) -> None:
    async for _ in socket_:
        pass


def run(window: float = 10.0) -> ServeCost:
    """Serve montage, connect one browser's socket, and measure."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "MONTAGE_HOME": home, "MONTAGE_CONFIG": f"{home}/settings.json"}
        process = subprocess.Popen(
            [sys.executable, "-m", "montage", "serve", "--port", str(port)],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(2.0)
            return asyncio.run(_measure(port, process.pid, window))
        finally:
            process.terminate()
            process.wait(timeout=10)


def report(cost: ServeCost) -> None:
    """Print the figures."""
    print("\nmontage serve, one browser in a session (its montage runs on this machine):")
    print(
        f"  server {cost.server_mb:.1f} MB;  each browser's montage {cost.browser_mb:.1f} MB, "
        f"{cost.browser_cpu:.2f}% of a core"
    )
