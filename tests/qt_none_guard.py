"""Keep test processes alive under PySide6 6.12.0 on CPython < 3.12 (see docs/benchmarks.md).

With that pair, every call of a Qt method that returns nothing drops one reference to None
that it never took (True/False likewise for bool results; measured: 1,000 `QLabel.setText` calls lower `sys.getrefcount(None)` by
1,000); after a few thousand calls CPython aborts with "none_dealloc: deallocating None".
From Python 3.12 None is immortal and the bug is harmless. Raising None's reference count
once (never given back) lets a long GUI test run or benchmark finish; it does not fix the
application, which needs a PySide6 without the bug or Python >= 3.12.
"""

from __future__ import annotations

import ctypes
import sys

if sys.version_info < (3, 12):  # ob_refcnt is the first field of every PyObject
    for singleton in (None, True, False):  # bool results lose references the same way
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
NONE_GUARD = True
