"""Whether this machine has a display to open the window on: plain environment reading, so
that the CLI can refuse in one line before anything loads Qt (curator.gui.app checks too)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

NO_DISPLAY = (
    "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set): run Curator "
    "in a desktop session, or set QT_QPA_PLATFORM=offscreen to run it without one (for "
    "example for a screenshot)"
)


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the window cannot open here, or None. On Linux without DISPLAY or WAYLAND_DISPLAY
    (and no QT_QPA_PLATFORM chosen), Qt would abort the process (SIGABRT) after a misleading
    hint about libxcb-cursor; this says what is missing instead."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY
