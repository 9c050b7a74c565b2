"""The web server: textual-serve, with montage's own page, its cue sounds and a limit.

Every browser that opens the page gets a montage process of its own on this
machine, started by textual-serve with Textual's web driver; the page plays the
cues that process asks for. The server binds to one address (127.0.0.1 unless
told otherwise) and says what it exposes as it starts.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from montage.paths import shipped_sounds_dir, user_sounds_dir
from montage.web import CUES, SOUNDS_PATH
from montage.web.addresses import describe_bind

MAX_BROWSERS = 8
"""How many browsers may run montage at once: each is a process on this machine."""

PAGE = Path(__file__).with_name("page")
"""The folder of the page template."""


class MontageServer(Server):
    """textual-serve's server with montage's page.

    Args:
        command: What to run for each browser (a shell command line).
        host: The address to listen on.
        port: The port to listen on.
        title: The page's title.
        max_browsers: How many browsers may be connected at once.
        sounds: The folders the cue WAVs are read from, first match wins.
        out: Where the server says what it exposes.
    """

    def __init__(
        self,
        command: Sequence[str],
        host: str,
        port: int,
        title: str = "montage",
        max_browsers: int = MAX_BROWSERS,
        sounds: Sequence[Path] | None = None,
        out: Any = None,
    ) -> None:
        super().__init__(
            shlex.join(command), host=host, port=port, title=title, templates_path=PAGE
        )
        self.max_browsers = max_browsers
        self.browsers = 0
        """The browsers connected now."""
        self._sounds = tuple(sounds or (user_sounds_dir(), shipped_sounds_dir()))
        self._out = out or sys.stderr

    def initialize_logging(self) -> None:
        """Only problems reach the terminal, one plain line each."""
        logging.basicConfig(level=logging.WARNING, format="montage serve: %(message)s")
        logging.getLogger("aiohttp.access").setLevel(logging.ERROR)

    async def _make_app(self) -> web.Application:
        # textual-serve's routes, and the cue sounds before the router is frozen
        app = await super()._make_app()
        app.router.add_get(SOUNDS_PATH + "{name}.wav", self.handle_sound)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Say where the page is and what it exposes."""
        for line in describe_bind(self.host, self.port, "http"):
            print(line, file=self._out, flush=True)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with its links made from the address the browser used.

        A phone that opened ``http://192.168.1.5:8000`` gets its socket there, whatever
        address the server listens on (``0.0.0.0`` is no address to connect to).
        """
        origin = f"{request.scheme}://{request.host}"
        socket = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws"
        size = request.query.get("fontsize", "16")
        return {
            "font_size": int(size) if size.isdigit() and 6 <= int(size) <= 64 else 16,
            "app_websocket_url": socket,
            "config": {"static": {"url": f"{origin}/static/"}},
            "application": {"name": self.title},
            "sounds_path": SOUNDS_PATH,
        }

    async def handle_sound(self, request: web.Request) -> web.StreamResponse:
        """A cue's WAV: the user's own if there is one, else the built-in one."""
        name = request.match_info["name"]
        if name in CUES:
            for folder in self._sounds:
                path = folder / f"{name}.wav"
                if path.is_file():
                    return web.FileResponse(path, headers={"Cache-Control": "max-age=3600"})
        raise web.HTTPNotFound()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Start a montage for a browser, unless as many run as the limit allows."""
        if self.browsers >= self.max_browsers:
            socket = web.WebSocketResponse()
            await socket.prepare(request)
            await socket.send_bytes(
                f"\r\n  montage is open in {self.browsers} browsers already, as many as this"
                " machine allows. Close one and try again.\r\n".encode()
            )
            await socket.close()
            return socket
        self.browsers += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.browsers -= 1


def serve(command: Sequence[str], host: str, port: int, title: str = "montage") -> int:
    """Serve ``command`` to browsers until Ctrl-C.

    Returns:
        The exit status: 0 once stopped, 1 when the address cannot be listened on.
    """
    server = MontageServer(command, host, port, title)
    try:
        socket.create_server((host, port)).close()  # a port in use is told before any address
        asyncio.set_event_loop(asyncio.new_event_loop())
        server.serve()
    except OSError as error:
        print(f"montage: cannot listen on {host}:{port}: {error.strerror}", file=sys.stderr)
        return 1
    return 0


def app_command() -> list[str]:
    """The command each browser runs: montage's app, as a browser shows it."""
    return [sys.executable, "-m", "montage.web.browser"]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m montage.web.server HOST PORT -- COMMAND...``: serve a command's app."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) < 4 or arguments[2] != "--" or not arguments[1].isdigit():
        print("usage: python -m montage.web.server HOST PORT -- COMMAND...", file=sys.stderr)
        return 2
    return serve(arguments[3:], arguments[0], int(arguments[1]), title="montage class")


if __name__ == "__main__":
    raise SystemExit(main())
