"""An import reads, prepares and writes each batch with Python's cyclic garbage collector
paused (`base.gc_paused`), and turns it back on after: the collector's passes over a batch's
thousand records were a quarter of the import's CPU."""

from __future__ import annotations

import gc
from pathlib import Path

from curator.core.importers import ImportSpec, base, batches, import_files, writer

RECORD = "TY  - JOUR\nTI  - Paper {n}\nAU  - Doe, J.\nPY  - 2020\nER  - \n"


def test_gc_paused_turns_the_collector_off_and_back_on_only_if_it_was_on():
    assert gc.isenabled()
    with base.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with base.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # someone else's choice stays
    finally:
        gc.enable()


def test_each_batch_is_prepared_and_written_with_the_collector_paused(
    review, tmp_path: Path, monkeypatch
):
    path = tmp_path / "three.ris"
    path.write_text("".join(RECORD.format(n=n) for n in range(5)), encoding="utf-8")
    monkeypatch.setattr("curator.core.importers.pipeline.BATCH", 2)
    seen: list[tuple[str, bool]] = []

    def spy(name, original):
        def wrapped(*args, **kwargs):
            seen.append((name, gc.isenabled()))
            return original(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(batches, "prepare", spy("prepare", batches.prepare))
    monkeypatch.setattr(writer.BulkWriter, "_write", spy("write", writer.BulkWriter._write))
    import_files(review, [ImportSpec(path=path, search="S")], deduplicate=False)
    assert [name for name, _ in seen] == ["prepare", "write"] * 3
    assert not any(enabled for _, enabled in seen)
    assert gc.isenabled()
