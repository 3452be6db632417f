"""What the window does with an exception nobody caught: one sentence, never a lost session.

Qt calls Python slots from its event loop; an exception escaping one would otherwise print a
traceback to a terminal the curator never sees and leave them wondering. `install` sets
`sys.excepthook`: a CuratorError, or a failure of the disk or SQLite (core.files
.describe_failure), is shown as its one sentence; anything else (a bug) is shown as a short
message and its traceback is logged. The review stays open and every committed change stays.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from curator.core.errors import CuratorError
from curator.core.files import describe_failure

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> str:
    if isinstance(exc, CuratorError):
        return str(exc)
    known = describe_failure(exc)
    if known:
        return known[:1].upper() + known[1:]
    return (f"Something went wrong ({type(exc).__name__}: {exc}). Your saved work is safe; "
            "please report this with the log.")  # fmt: skip


def install(parent: QWidget | None, show: Callable[[QWidget | None, str], None] | None = None):
    """Route uncaught exceptions to a message box over `parent`."""
    show = show or (lambda p, text: QMessageBox.warning(p, "Curator", text))

    def hook(kind, exc, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if not isinstance(exc, CuratorError) and describe_failure(exc) is None:
            log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        show(parent, message_for(exc))

    sys.excepthook = hook
    return hook
