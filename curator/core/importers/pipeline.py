"""Importing files into a review: search log, duplicate-file check, one transaction, report.

`import_files` reads each file as a stream, in batches of `BATCH` records, and writes the
records, papers, authors and venues of every file inside ONE transaction: a file that cannot
be read, or a cancel, rolls everything back and the review file stays as it was. Problems
that can be repaired become warnings; records with nothing in them are skipped, with a
reason. After the commit, the new papers are compared with everything already in the review
(curator.core.dedup.dedup_new): certain duplicates merge, uncertain pairs wait in the queue.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from curator.core import searches as searchmod
from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.importers.base import ImportCancelled, ImportFailure, ImportReport
from curator.core.importers.batches import ReaderProcess, read_batches, use_process
from curator.core.importers.detect import Detected, detect, header
from curator.core.importers.tabular import column_plan
from curator.core.importers.writer import BulkWriter
from curator.core.review import STAGES, Review
from curator.core.screening.carried import bring_decisions
from curator.core.screening.decisions import check_reviewer_name
from curator.core.tasks import Cancelled, TaskState
from curator.core.timeutil import now

BATCH = 1000
MAPPING_SETTING = "import.column_mapping"
MAX_REPORTED = 1000  # warnings and skips kept in the stored report per file
# SQLite's page cache during an import, in KiB (a fixed bound, not per record). With the
# default 2 MB, a 100,000-record transaction spilled index pages to the WAL and read them
# back: 12 GB read and 10 GB written through system calls, against 2.3 and 2.0 GB with 64 MB.
IMPORT_CACHE_KIB = 65536
# Files at least this large, or with at least this many lines, are read and prepared by a
# second process while this one writes (`batches.ReaderProcess`); starting it costs about
# 0.15 s, so smaller files are read here. Where the two ways cross, measured on RIS files of
# short (13 lines) and long (32 lines, with abstracts) records: near 130,000 lines for the
# short, between 100,000 and 200,000 for the long, where bytes alone put it at 3 MB for the
# short records and over 8 MB for the long (tests/benchmarks/reader_rule.py;
# docs/benchmarks.md, "Which files the reader process reads"). Bytes still decide for a
# table, a record to a line.
PROCESS_MIN_BYTES = 16 << 20
PROCESS_MIN_LINES = 150_000
# A low guess of the records in a file from its size (exports hold 1-3 KB per record), for
# the writer's choice to build the indexes once at the end (`BulkWriter(expected=...)`).
BYTES_PER_RECORD = 4096


@dataclass
class ImportSpec:
    """One file to import and the search it belongs to (created when new)."""

    path: Path
    search: str
    database: str | None = None
    kind: str | None = None  # curator.core.searches.KINDS; a new search is a database search
    query: str | None = None
    run_on: str | None = None
    hits_reported: int | None = None
    format: str | None = None
    mapping: dict[str, str] | None = None
    force: bool = False
    decisions: str | None = None  # a stage: record the decisions the file carries at it
    reviewer: str | None = None  # whose decisions they are (None: as the file names them)
    detected: Detected | None = field(default=None, repr=False)


def saved_mapping(review: Review) -> dict[str, str]:
    """The column mapping this review uses for CSV/XLSX headers Curator does not know."""
    return dict(review.setting(MAPPING_SETTING, {}) or {})


def previous_import(review: Review, sha256: str) -> dict | None:
    rows = list(
        review.db.query(
            "SELECT i.id, i.file_name, i.imported_at, s.name AS search FROM imports i "
            "JOIN searches s ON s.id = i.search_id WHERE i.sha256 = ? ORDER BY i.id LIMIT 1",
            [sha256],
        )
    )
    return rows[0] if rows else None


def new_paper_ids(review: Review, import_id: int) -> list[int]:
    """The papers an import created, in file order (for dedup after import)."""
    return [
        row[0]
        for row in review.db.execute(
            "SELECT paper_id FROM records WHERE import_id = ? AND paper_id IS NOT NULL ORDER BY position",
            (import_id,),
        )
    ]


def import_files(
    review: Review,
    specs: Sequence[ImportSpec],
    state: TaskState | None = None,
    *,
    deduplicate: bool = True,
) -> tuple[list[ImportReport], Changes]:
    """Import every file in `specs` in one transaction; CuratorError leaves the review as it was.

    Then (unless `deduplicate` is false) the new papers are deduplicated against the review;
    the last report says what that found (`dedup`).
    """
    state = state or TaskState()
    if not specs:
        raise CuratorError("no files to import")
    for spec in specs:  # detect every file before writing anything
        spec.path = Path(spec.path)
        if spec.detected is None:
            spec.detected = detect(spec.path, spec.format)
        if not spec.search or not spec.search.strip():
            raise CuratorError(
                f"{spec.path}: every import belongs to a search; give it a search name"
            )
        if spec.decisions is not None and spec.decisions not in STAGES:
            raise CuratorError(
                f"unknown stage {spec.decisions!r} for the decisions; use one of "
                + ", ".join(STAGES)
            )
        if spec.reviewer is not None:
            check_reviewer_name(spec.reviewer)
    seen: dict[str, Path] = {}
    for spec in specs:
        sha = spec.detected.source.sha256
        if sha in seen and not spec.force:
            raise CuratorError(f"{spec.path}: the same file as {seen[sha]} (identical contents)")
        seen[sha] = spec.path
        _refuse_imported(review, spec)
    total = sum(s.detected.source.size for s in specs)
    reports: list[ImportReport] = []
    offset = 0
    cache = review.db.execute("PRAGMA cache_size").fetchone()[0]
    review.db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        with review.atomic():
            for spec in specs:
                _refuse_imported(review, spec)  # again: another writer may have come first
                reports.append(_import_one(review, spec, state, offset, total))
                offset += spec.detected.source.size
                if spec.decisions is not None:
                    reports[-1].decisions = bring_decisions(
                        review,
                        reports[-1].import_id,  # type: ignore[arg-type]
                        spec.decisions,
                        spec.reviewer,
                        source=f"import:{spec.path.name}",
                    )
            state.check()
            new_ids = [paper_id for report in reports for paper_id in report.paper_ids]
            if deduplicate and new_ids:
                from curator.core.dedup import mark_pending

                mark_pending(review, new_ids)
    except Cancelled:  # the transaction is rolled back: say so in the importer's words
        raise ImportCancelled("import cancelled; nothing was imported") from None
    finally:
        review.db.execute(f"PRAGMA cache_size = {int(cache)}")
    carried = any(spec.decisions is not None for spec in specs)
    changes = Changes(
        searches=True,
        papers=True,
        decisions=carried,
        tags=carried,
        facets=carried,
        settings=carried,
        id=reports[0].import_id,
    )
    if deduplicate and new_ids:
        from curator.core.dedup import dedup_new, pending_ids  # dedup never imports files

        found = dedup_new(review, pending_ids(review))
        reports[-1].dedup = (
            f"duplicates: {found.merged} merged automatically, "
            f"{found.candidates} pair(s) to review, {found.versions} version link(s)"
        )
        changes = changes | found.changes
    return reports, changes


def _refuse_imported(review: Review, spec: ImportSpec) -> None:
    earlier = previous_import(review, spec.detected.source.sha256)
    if earlier and not spec.force:
        raise CuratorError(
            f"{spec.path}: this file was already imported on {earlier['imported_at'][:10]} "
            f"into search {earlier['search']!r} (as {earlier['file_name']}); "
            "use --force (or 'Import again') to import it twice"
        )


def _search_for(review: Review, spec: ImportSpec) -> int:
    found = searchmod.search_id(review, spec.search)
    if found is not None:
        return found
    fields = {
        k: v
        for k, v in (
            ("database", spec.database),
            ("kind", spec.kind),
            ("query", spec.query),
            ("run_on", spec.run_on),
            ("hits_reported", spec.hits_reported),
        )
        if v not in (None, "")
    }
    return searchmod.add_search(review, spec.search, **fields).id  # type: ignore[return-value]


def _import_one(
    review: Review, spec: ImportSpec, state: TaskState, offset: int, total: int
) -> ImportReport:
    detected = spec.detected
    assert detected is not None
    source = detected.source
    mapping = None
    if detected.format in ("csv", "tsv", "xlsx"):
        mapping = {**saved_mapping(review), **(spec.mapping or {})}
    report = ImportReport(
        file=source.path.name,
        format=detected.format,
        encoding=source.encoding_label,
        search=spec.search.strip(),
    )
    search_id = _search_for(review, spec)
    import_id = (
        review.db["imports"]
        .insert(
            {
                "search_id": search_id,
                "file_name": source.path.name,
                "sha256": source.sha256,
                "format": detected.format,
                "encoding": source.encoding,
                "column_mapping": json.dumps(mapping, ensure_ascii=False) if mapping else None,
                "imported_at": now(),
                "imported_by": review.who,
            }
        )
        .last_pk
    )
    report.import_id = import_id
    report.warnings.extend((0, note) for note in detected.notes)  # file-level: record 0
    if mapping is not None:
        _describe_columns(report, detected, mapping)
    writer = BulkWriter(review, import_id, expected=source.size // BYTES_PER_RECORD)
    name = source.path.name
    reader = (
        ReaderProcess(detected, mapping, BATCH)
        if use_process(detected, PROCESS_MIN_BYTES, PROCESS_MIN_LINES)
        else None
    )
    try:
        for batch in reader if reader is not None else read_batches(detected, mapping, BATCH):
            report.read += batch.read
            report.skipped.extend(batch.skipped)
            report.warnings.extend(batch.warnings)
            state.check()
            if batch.rows is not None:
                report.paper_ids.extend(writer.write(batch.rows))
            if batch.last:
                writer.finish()
            state.report(offset + batch.done, total, f"{name}: {report.read} records")
    finally:
        if reader is not None:
            reader.close()
    if report.read == 0:
        raise CuratorError(
            f"{source.path}: no records found in this {detected.label} file; nothing was imported"
        )
    report.imported = len(report.paper_ids)
    review.db["imports"].update(
        import_id,
        {
            "records_read": report.read,
            "records_imported": report.imported,
            "warnings": len(report.warnings),
            "skipped": len(report.skipped),
            "report": json.dumps(
                {
                    **report.as_dict(),
                    "warnings": [list(w) for w in report.warnings[:MAX_REPORTED]],
                    "skipped": [list(s) for s in report.skipped[:MAX_REPORTED]],
                },
                ensure_ascii=False,
            ),
        },
    )
    if spec.mapping and detected.format in ("csv", "tsv", "xlsx"):
        review.set_setting(MAPPING_SETTING, {**saved_mapping(review), **spec.mapping})
    review.audit(
        "import",
        "imports",
        import_id,
        None,
        {
            "file": source.path.name,
            "search": report.search,
            "format": detected.format,
            "read": report.read,
            "imported": report.imported,
            "papers": [report.paper_ids[0], report.paper_ids[-1]] if report.paper_ids else [],
        },
    )
    return report


def _describe_columns(report: ImportReport, detected: Detected, mapping: dict[str, str]) -> None:
    """Put the exporter recognised and the columns not kept as fields in a table's report."""
    try:
        names = header(detected)
    except ImportFailure:
        return  # the reader names the problem with its line
    if names:
        exporter, plan = column_plan(names, mapping)
        report.exporter = exporter.name if exporter is not None else None
        report.not_kept = [h for h, target in plan if target is None and h]


def import_file(
    review: Review, path: str | Path, search: str, *, state: TaskState | None = None, **options
) -> ImportReport:
    """Import one file (see `ImportSpec` for the options); returns its report."""
    reports, _changes = import_files(review, [ImportSpec(Path(path), search, **options)], state)
    return reports[0]


def imports(review: Review, search_id: int | None = None) -> list[dict]:
    """The imported files, with their search, newest last (for the Searches view)."""
    sql = (
        "SELECT i.id, i.search_id, s.name AS search, i.file_name, i.format, i.encoding, "
        "i.records_read, i.records_imported, i.warnings, i.skipped, i.imported_at, i.imported_by "
        "FROM imports i JOIN searches s ON s.id = i.search_id"
    )
    params: list[object] = []
    if search_id is not None:
        sql += " WHERE i.search_id = ?"
        params.append(search_id)
    return list(review.db.query(sql + " ORDER BY i.id", params))


def identification(review: Review) -> list[dict]:
    """Records identified per search and database (PRISMA 2020's identification box)."""
    return list(
        review.db.query(
            "SELECT s.id AS search_id, s.name AS search, s.database, s.hits_reported, "
            "COUNT(DISTINCT i.id) AS files, COALESCE(SUM(i.records_read), 0) AS records_read, "
            "COALESCE(SUM(i.records_imported), 0) AS records "
            "FROM searches s LEFT JOIN imports i ON i.search_id = s.id "
            "GROUP BY s.id ORDER BY s.position, s.id"
        )
    )
