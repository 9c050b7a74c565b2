"""A real headless Chromium for the browser tests, and a server of montage's to point it at.

The system's Chromium and chromedriver (Debian's ``chromium`` and ``chromium-driver``)
drive the page through selenium. The page is drawn by xterm.js on a canvas; the tests
take canvases away from it, so xterm.js draws the same terminal as text in the page,
which they read.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
    "--window-size=1280,900",
)
"""How Chromium runs here: headless, with nothing of its own reaching out to the network."""

TEXT_TERMINAL = """
HTMLCanvasElement.prototype.getContext = function () { return null; };
window.__played = [];
HTMLMediaElement.prototype.play = function () {
    window.__played.push(new URL(this.src).pathname);
    return Promise.resolve();
};
"""
"""Run before the page's own scripts: no canvas (xterm.js falls back to text in the page),
and every sound the page plays noted instead of sent to a device this machine lacks."""


def browser_programs() -> tuple[str, str]:
    """The Chromium and chromedriver to use; a missing one skips the test, or fails it in CI."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        why = (
            "the browser tests need Chromium and chromedriver: on Debian"
            " `apt-get install chromium chromium-driver` (scripts/system-deps.sh does it as root)"
        )
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    return chromium, driver


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"the server ended early: {process.stderr and process.stderr.read()!r}"
            )
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listened on port {port} within {timeout} s")


@contextmanager
def montage_server(
    arguments: list[str], port: int, home: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``montage ARGUMENTS`` until the block ends, once its port listens."""
    env = {**os.environ, "MONTAGE_HOME": str(home), "MONTAGE_CONFIG": str(home / "settings.json")}
    process = subprocess.Popen(
        [sys.executable, "-m", "montage", *arguments],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium with a profile of its own, driven by selenium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = browser_programs()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="montage-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            driver.execute_cdp_cmd(
                "Page.addScriptToEvaluateOnNewDocument", {"source": TEXT_TERMINAL}
            )
            yield driver
        finally:
            driver.quit()


def screen_lines(driver: Any) -> list[str]:
    """The terminal's lines as the page shows them."""
    lines: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('.xterm-rows > div'))"
        ".map(row => row.textContent)"
    )
    return lines


def wait_until(
    driver: Any, check: Callable[[list[str]], bool], what: str, timeout: float = 20.0
) -> list[str]:
    """Wait for the screen to pass ``check``; fail saying ``what`` was awaited, with the screen."""
    deadline = time.monotonic() + timeout
    lines = screen_lines(driver)
    while time.monotonic() < deadline:
        lines = screen_lines(driver)
        if check(lines):
            return lines
        time.sleep(0.1)
    screen = "\n".join(lines)
    raise AssertionError(f"the page never showed {what}; it shows:\n{screen}")


def type_keys(driver: Any, *keys: str) -> None:
    """Type into the terminal as a person would, one key at a time."""
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
    for key in keys:
        box.send_keys(key)
        time.sleep(0.15)
