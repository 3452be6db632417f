"""Every importer module says what it is for and stays small (Qt-free: tests/core/test_core_is_qt_free.py)."""

from __future__ import annotations

import pkgutil

import curator.core.importers as package


def test_each_module_has_a_docstring_and_stays_small():
    for info in pkgutil.iter_modules(package.__path__):
        module = __import__(f"curator.core.importers.{info.name}", fromlist=["_"])
        assert module.__doc__ and module.__doc__.strip(), info.name
        with open(module.__file__, encoding="utf-8") as handle:
            assert sum(1 for _ in handle) < 400, info.name
