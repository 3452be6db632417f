"""An import reads, prepares and writes each batch with Python's cyclic garbage collector
paused (`collector.paused`), and turns it back on after: the collector's passes over a batch's
thousand records were a quarter of the import's CPU."""

from __future__ import annotations

import gc
from pathlib import Path

from curator.core.importers import ImportSpec, batches, import_files, writer

RECORD = "TY  - JOUR\nTI  - Paper {n}\nAU  - Doe, J.\nPY  - 2020\nER  - \n"


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
