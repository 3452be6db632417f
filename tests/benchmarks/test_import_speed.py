"""Import benchmark: 100,000 RIS records made by varying the real fixtures, imported into a
fresh review, beside rispy's bare parse of the same file (time and peak memory).

Run: CURATOR_SHARED=../shared PYTHONPATH=. .venv/bin/python -m pytest tests/benchmarks/test_import_speed.py -q -s
(CURATOR_BENCH_N changes the record count). Targets (issue 16): the import at most 2x the bare
parse of the same file, and peak memory bounded by the batch size (a 4x larger file must not
need ~4x). What a user waits for, import with duplicate detection, is import_end_to_end.py.
The timed import is the import itself (records, papers, authors, venues, full-text index,
committed); deduplication of the new papers, which `import_file` runs after the commit, is
timed separately with CURATOR_BENCH_DEDUP=1 (its own target is in the Deduplication section
of docs/benchmarks.md; on these near-copies of the same few hundred records it takes minutes).
"""

from __future__ import annotations

import gc
import os
import re
import resource
import time
import tracemalloc
from pathlib import Path

import rispy

from curator.core.importers import ImportSpec, batches, detect, import_files
from curator.core.importers.detect import Reading
from curator.core.review import Review

N = int(os.environ.get("CURATOR_BENCH_N", "100000"))
RIS_SOURCES = (
    "formats/asreview_demo/_baseline.ris",
    "formats/citesource_gambling/20221207_gambling-harms_scopus_255.ris",
    "formats/citesource_gambling/20221207_gambling-harms_pubmed_176.ris",
    "formats/citesource_gambling/20221207_gambling-harms_psycinfo_124.ris",
    "formats/synthesisr/extdata_scopus.ris",
    "formats/asysd/endnote_export.ris.txt",
)


def real_records(shared: Path) -> list[str]:
    records = []
    for name in RIS_SOURCES:
        text = (shared / name).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        for piece in re.split(r"(?m)^(?=TY  - )", text):
            if piece.startswith("TY  - ") and "\nER  -" in piece:
                records.append(piece[: piece.index("\nER  -")] + "\nER  - \n\n")
    return records


def generate(path: Path, n: int, shared: Path) -> Path:
    """n records cycling through the real ones; each gets its own title, DOI and ID."""
    records = real_records(shared)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = records[i % len(records)]
            record = re.sub(r"(?m)^(TI|T1)  - (.*)$", rf"\1  - \2 (variant {i})", record, count=1)
            record = re.sub(r"(?m)^DO  - .*$", f"DO  - 10.9999/bench.{i}", record)
            record = record.replace("TY  - ", "TY  - ", 1).replace(
                "\nER  - ", f"\nID  - bench-{i}\nER  - ", 1
            )
            out.write(record)
    return path


def measure(fn):
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak


def timed(fn):
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def test_import_100k_ris(shared_fixtures: Path, tmp_path: Path, monkeypatch):
    big = generate(tmp_path / "bench.ris", N, shared_fixtures)
    small = generate(tmp_path / "bench_quarter.ris", N // 4, shared_fixtures)
    size_mb = big.stat().st_size / 1e6

    def bare(path):
        with path.open(encoding="utf-8") as handle:
            return rispy.load(handle)

    def curator_import(path, name, deduplicate=False):
        with Review.create(tmp_path / name) as review:
            reports, _ = import_files(review, [ImportSpec(path, "bench")], deduplicate=deduplicate)
            return reports[0]

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    reader_peaks: list[int] = []  # the reader process's own peak RSS (KB), per import
    original_iter = batches.ReaderProcess.__iter__

    def iter_noting_peak(self):
        for batch in original_iter(self):
            if batch.last and batch.peak_kb:
                reader_peaks.append(batch.peak_kb)
            yield batch

    monkeypatch.setattr(batches.ReaderProcess, "__iter__", iter_noting_peak)

    def children_peak_mb() -> float:  # the last reader process's peak RSS (0: none ran)
        return reader_peaks[-1] / 1024 if reader_peaks else 0.0

    def reader_only(path):
        with Reading(detect(path)) as reading:
            return sum(1 for _ in reading.citations)

    parsed, bare_s = timed(lambda: bare(big))
    assert len(parsed) == N
    del parsed
    read_count, read_s = timed(lambda: reader_only(big))
    assert read_count == N
    cpu, child_cpu = time.process_time(), children_cpu()
    report, import_s = timed(lambda: curator_import(big, "timed.curator"))
    cpu, child_cpu = time.process_time() - cpu, children_cpu() - child_cpu
    assert report.read == N and report.imported == N
    dedup_line = "(not timed; CURATOR_BENCH_DEDUP=1 times it)"
    if os.environ.get("CURATOR_BENCH_DEDUP"):
        found, dedup_s = timed(lambda: curator_import(big, "dedup.curator", deduplicate=True))
        dedup_line = f"{dedup_s:.2f} s ({found.dedup})"
    _, _, bare_peak = measure(lambda: len(bare(big)))
    _, _, peak_small = measure(lambda: curator_import(small, "mem_small.curator").read)
    child_small = children_peak_mb()
    _, _, peak_big = measure(lambda: curator_import(big, "mem_big.curator").read)
    child_big = children_peak_mb()
    ratio = import_s / bare_s
    print(
        f"\n## Import benchmark ({N} RIS records, {size_mb:.1f} MB; load {open('/proc/loadavg').read()[:14]})\n"
        f"rispy bare parse: {bare_s:.2f} s ({N / bare_s:,.0f} records/s), peak {bare_peak / 1e6:.0f} MB\n"
        f"curator reader alone (detect + repaired parse + normalise, no database): {read_s:.2f} s\n"
        f"curator import:   {import_s:.2f} s ({N / import_s:,.0f} records/s), ratio {ratio:.2f}x, "
        f"CPU {cpu:.2f} s in this process, {child_cpu:.2f} s in the reader process "
        f"({'used' if child_cpu else 'not used: no core was free by the load average'})\n"
        f"curator import then dedup of the new papers (import_file's default): {dedup_line}\n"
        f"curator peak memory (tracemalloc, this process): {peak_big / 1e6:.1f} MB for {N}, "
        f"{peak_small / 1e6:.1f} MB for {N // 4}; reader process peak RSS (VmHWM) "
        f"{child_small:.0f} MB for {N // 4}, {child_big:.0f} MB for {N} (0: not used)"
    )
    db_mb = (tmp_path / "timed.curator").stat().st_size / 1e6
    print(f"review file after import: {db_mb:.0f} MB; target: at most 2x the bare parse")
    assert peak_big < 2 * peak_small + 20e6, "memory grows with the file, not the batch"
    if child_small:  # both files were read by the reader process
        assert child_big < child_small + 50, "the reader process's memory grows with the file"
    if os.environ.get("CURATOR_BENCH_STRICT"):  # the time targets (docs/benchmarks.md)
        assert ratio <= 2.0
