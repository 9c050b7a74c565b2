"""Each wing, imported whole in a fresh interpreter, loads only what the house's rule allows.

The import-linter contracts in ``pyproject.toml`` check the imports as written; this
checks what really loads at import time, every module of a wing found anew each run.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import montage

BASE = (
    "montage.memory",
    "montage.files",
    "montage.paths",
    "montage.settings",
    "montage.durations",
    "montage.measures",
    "montage.safe_text",
)
"""The base modules, imported by any wing."""

FRONT_ENDS = (
    "montage.cli",
    "montage.plain",
    "montage.wiring",
    "montage.racing",
    "montage.validation",
    "montage.web",
    "montage.classroom",
)
"""The front ends outside the app: they wire the wings and load Textual only to run the app."""

ALLOWED: dict[str, tuple[str, ...]] = {
    "session": ("montage.session",),
    "workout": ("montage.session", "montage.workout", *BASE),
    "sound": ("montage.session", "montage.sound", *BASE),
    "log": ("montage.session", "montage.log", *BASE),
}
"""The montage modules each wing may load."""

UI = ("textual", "rich")
VALIDATION = ("pydantic", "pydantic_core", "yaml")


def modules_of(package: str) -> list[str]:
    """Every module of a package of montage, found on disk."""
    found = __import__(package, fromlist=["_"])
    return [package] + [
        info.name for info in pkgutil.walk_packages(found.__path__, prefix=f"{package}.")
    ]


def loaded_after_importing(names: list[str]) -> list[str]:
    """The modules a fresh interpreter holds after importing ``names``."""
    code = (
        "import json, sys\n"
        + "".join(f"import {name}\n" for name in names)
        + "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def roots(modules: list[str], names: tuple[str, ...]) -> set[str]:
    return {module for module in modules if module.split(".")[0] in names}


def test_every_module_is_in_a_wing_the_app_or_the_front_ends_and_base() -> None:
    top = {info.name for info in pkgutil.iter_modules(montage.__path__, prefix="montage.")}
    assert top == {
        *(f"montage.{wing}" for wing in ALLOWED),
        "montage.app",
        "montage.__main__",
        *FRONT_ENDS,
        *BASE,
    }


@pytest.mark.parametrize("wing", sorted(ALLOWED))
def test_a_wing_loads_only_itself_the_session_wing_and_the_base(wing: str) -> None:
    modules = modules_of(f"montage.{wing}")
    assert len(modules) > 3
    loaded = loaded_after_importing(modules)
    ours = {module for module in loaded if module.startswith("montage.")}
    allowed = ALLOWED[wing]
    strays = sorted(m for m in ours if not any(m == a or m.startswith(a + ".") for a in allowed))
    assert strays == []
    assert roots(loaded, UI) == set()
    if wing != "workout":
        assert roots(loaded, VALIDATION) == set()
    if wing == "session":
        assert roots(loaded, ("platformdirs", "simpleaudio")) == set()


def test_the_front_ends_load_no_textual_until_the_app_runs() -> None:
    loaded = loaded_after_importing([*FRONT_ENDS, *BASE])
    assert roots(loaded, UI) == set()
    assert "montage.cli" in loaded
