"""``montage class`` and ``montage follow``: the class's parts put together and run."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from typing import TextIO

from montage.classroom.coach import ClassServer
from montage.classroom.discovery import Announcement, find_classes
from montage.classroom.follower import ClassFollower
from montage.safe_text import visible
from montage.settings import load_settings
from montage.sound.service import AudioService
from montage.web.addresses import describe_bind, is_local, reachable_at
from montage.workout.catalogue import Entry


def class_lines(host: str, port: int, code: str, web_port: int | None) -> list[str]:
    """What a class exposes, and how to join it."""
    first = reachable_at(host)[0]
    lines = [f"Join code {code}", "Followers: montage follow " + f"{first}:{port}"]
    lines += describe_bind(host, port, "ws")[1:]
    if web_port is not None:
        lines.append(f"Browsers: http://{first}:{web_port}")
    lines.append("Followers see the session and the whiteboard, and send only their own counts.")
    return lines


def run_class(entry: Entry, host: str, port: int, code: str | None, web_port: int | None) -> int:
    """Run a class of ``entry``: the coach's app, its server, its announcement and its page.

    Returns:
        The exit status.
    """
    return asyncio.run(_run_class(entry, host, port, code, web_port))


async def _run_class(
    entry: Entry, host: str, port: int, code: str | None, web_port: int | None
) -> int:
    from montage.app.coach import CoachApp
    from montage.log.recording import RecordingService

    assert entry.timeline is not None
    server = ClassServer(entry.timeline, code, host, port)
    try:
        await server.open()
    except OSError as error:
        print(
            f"montage: the class cannot listen on {host}:{port}: {error.strerror}", file=sys.stderr
        )
        return 1
    announcement = Announcement(entry.timeline.name, host, server.port)
    page = None if web_port is None else _class_page(host, server.port, web_port)
    settings, notice = load_settings()
    where = class_lines(host, server.port, server.code, web_port)
    try:
        with contextlib.suppress(OSError):
            await announcement.open()
        app = CoachApp(
            settings,
            entry,
            server,
            where,
            audio=AudioService(settings, time.monotonic),
            recording=RecordingService(),
        )
        if notice:
            app.call_later(app.notify, notice, severity="warning")
        await app.run_async()
        return 0 if app.return_code is None else app.return_code
    finally:
        if page is not None:
            page.terminate()
        with contextlib.suppress(OSError):
            await announcement.close()
        await server.close()


def _class_page(host: str, port: int, web_port: int) -> subprocess.Popen[bytes]:
    """The class page for browsers: a follower for each, served by a process of its own."""
    coach = "127.0.0.1" if host in ("0.0.0.0", "") or is_local(host) else host
    command = [sys.executable, "-m", "montage", "follow", f"ws://{coach}:{port}"]
    return subprocess.Popen(
        [sys.executable, "-m", "montage.web.server", host, str(web_port), "--", *command],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )


def run_follow(address: str | None, name: str | None, code: str | None, err: TextIO) -> int:
    """Follow a class: at ``address``, or the one found on the network.

    Returns:
        The exit status.
    """
    return asyncio.run(_run_follow(address, name, code, err))


async def _run_follow(address: str | None, name: str | None, code: str | None, err: TextIO) -> int:
    from montage.app.follow import FollowApp, JoinRefused

    if address is None:
        print("montage: looking for a class on your network...", file=err)
        found = await find_classes()
        if len(found) != 1:
            if not found:
                print(
                    "montage: no class found; give the coach's address: montage follow HOST",
                    file=err,
                )
            for each in found:
                print(f"  montage follow {each.where}    {visible(each.workout)}", file=err)
            return 1
        address = found[0].where
    link = ClassFollower(address)
    if name and code:
        try:
            await link.join(code, name)
        except JoinRefused as error:
            print(f"montage: not joined: {visible(str(error))}", file=err)
            return 1
    settings, _ = load_settings()
    app = FollowApp(settings, link, name, code)
    try:
        await app.run_async()
    finally:
        await link.close()
    return 0 if app.return_code is None else app.return_code
