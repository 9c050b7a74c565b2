"""Where the progress log is, as the settings put it, or one line saying why not."""

from __future__ import annotations

from pathlib import Path

from montage.log.errors import LogError
from montage.paths import DatabaseURL
from montage.settings import log_location


def where_log_is(location: Path | DatabaseURL | None = None) -> Path | DatabaseURL:
    """The log at ``location``; by default where the settings put it (``log_location``).

    Raises:
        LogError: ``$MONTAGE_DB`` or the setting names a database montage cannot use.
    """
    if location is not None:
        return location
    try:
        return log_location()
    except ValueError as error:
        raise LogError(f"the progress log: {error}") from None
