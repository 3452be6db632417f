"""The import pipeline: search log, duplicate files, all-or-nothing, cancel, progress, bad
input leaves the review file byte-for-byte unchanged, and the after-import hook."""

from __future__ import annotations

import hashlib
import threading

import pytest

from curator.core import library
from curator.core.errors import CuratorError
from curator.core.importers import (
    ImportCancelled,
    ImportSpec,
    identification,
    import_file,
    import_files,
    imports,
    new_paper_ids,
    pipeline,
)
from curator.core.papers import get_paper
from curator.core.review import Review
from curator.core.searches import searches
from curator.core.tasks import TaskState

RECORD = "TY  - JOUR\nTI  - Paper {n} on anxiety\nAU  - Andersson, Gerhard\nAU  - Doe, J.\nT2  - Journal of Tests\nPY  - 2020\nID  - r{n}\nER  - \n"


def ris(tmp_path, name="refs.ris", n=3, start=0):
    path = tmp_path / name
    path.write_text("".join(RECORD.format(n=i) for i in range(start, start + n)), encoding="utf-8")
    return path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_fills_search_log_records_and_papers(review, tmp_path):
    report = import_file(
        review,
        ris(tmp_path),
        "Scopus 2024",
        database="Scopus",
        query="anxiety AND cbt",
        run_on="2024-05-01",
        hits_reported=3,
    )
    assert (report.read, report.imported, report.warnings, report.skipped) == (3, 3, [], [])
    (search,) = searches(review)
    assert (search["name"], search["database"], search["query"], search["hits_reported"]) == (
        "Scopus 2024",
        "Scopus",
        "anxiety AND cbt",
        3,
    )
    assert (search["files"], search["records"]) == (1, 3)
    (imported,) = imports(review)
    assert (imported["format"], imported["records_imported"], imported["encoding"]) == (
        "ris",
        3,
        "utf-8",
    )
    record = review.db.execute(
        "SELECT source_id, position, paper_id FROM records ORDER BY position"
    ).fetchall()
    assert record == [
        ("r0", 1, report.paper_ids[0]),
        ("r1", 2, report.paper_ids[1]),
        ("r2", 3, report.paper_ids[2]),
    ]
    paper = get_paper(review, report.paper_ids[0])
    assert paper["venue"] == "Journal of Tests" and paper["year"] == 2020
    assert [a["family"] for a in paper["authors"]] == ["Andersson", "Doe"]
    assert (
        paper["authors_text"] == "Andersson, G.; Doe, J." and paper["first_author"] == "Andersson"
    )
    # authors and venues are shared, not duplicated per paper
    assert review.db.execute("SELECT COUNT(*) FROM authors").fetchone()[0] == 2
    assert review.db.execute("SELECT COUNT(*) FROM venues").fetchone()[0] == 1
    # the full-text index knows the new papers, and its trigger is back for later inserts
    assert len(library.paper_ids(review, search="anxiety")) == 3
    assert (
        review.db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'papers_ai'").fetchone()[
            0
        ]
        == 1
    )
    assert new_paper_ids(review, report.import_id) == report.paper_ids
    assert review.audit_log("imports")[-1]["action"] == "import"


def test_several_files_one_search(review, tmp_path):
    specs = [
        ImportSpec(ris(tmp_path, "a.ris"), "PubMed", database="PubMed"),
        ImportSpec(ris(tmp_path, "b.ris", start=10), "PubMed"),
    ]
    reports, changes = import_files(review, specs)
    assert [r.imported for r in reports] == [3, 3] and changes.searches and changes.papers
    assert searches(review)[0]["files"] == 2
    import_file(review, ris(tmp_path, "c.ris", start=20, n=2), "Scopus", database="Scopus")
    counts = [
        (r["search"], r["database"], r["files"], r["records"]) for r in identification(review)
    ]
    assert counts == [("PubMed", "PubMed", 2, 6), ("Scopus", "Scopus", 1, 2)]


def test_same_file_twice_is_refused_unless_forced(review, tmp_path):
    path = ris(tmp_path)
    import_file(review, path, "S")
    copy = tmp_path / "renamed.ris"
    copy.write_bytes(path.read_bytes())
    with pytest.raises(CuratorError, match="already imported.*refs.ris"):
        import_file(review, copy, "Other search")
    assert import_file(review, copy, "S", force=True).imported == 3
    assert review.db.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 2


def bad_inputs(tmp_path):
    good = RECORD.format(n=1)
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(
        '<?xml version="1.0"?><xml><records><record><titles><title>A</title></titles></record><record><titles><ti',
        encoding="utf-8",
    )
    empty = tmp_path / "empty.ris"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.ris"
    blank.write_text("\n\n   \n", encoding="utf-8")
    binary = tmp_path / "binary.ris"
    binary.write_bytes(b"\x00\x01\x02\xff" * 5000)
    wrong_enc = tmp_path / "wrong.ris"
    wrong_enc.write_bytes(codecs_utf16_without_bom(good))
    no_records = tmp_path / "norecords.ris"
    no_records.write_text("Provider: Someone\nContent: nothing\n", encoding="utf-8")
    json_bad = tmp_path / "bad.json"
    json_bad.write_text('[{"title": "x"}, {"title": ', encoding="utf-8")
    return {
        "truncated EndNote XML": (truncated, r"truncated.xml, record 2.*broken EndNote XML"),
        "empty": (empty, "the file is empty"),
        "blank": (blank, "holds no text"),
        "binary": (binary, "binary data"),
        "misaligned UTF-16": (wrong_enc, r"wrong.ris"),
        "no records": (no_records, "no RIS record|not a citation format"),
        "broken JSON": (json_bad, r"bad.json, record 2: broken JSON"),
    }


def codecs_utf16_without_bom(text: str) -> bytes:
    return b"\x00" + text.encode("utf-16-le")  # misaligned: neither UTF-16 nor text


BAD_CASES = [
    "truncated EndNote XML",
    "empty",
    "blank",
    "binary",
    "misaligned UTF-16",
    "no records",
    "broken JSON",
]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_changes_nothing(review_path, tmp_path, case):
    good = ris(tmp_path, "good.ris")
    with Review.open(review_path) as review:
        import_file(review, good, "S")
    before = digest(review_path)
    path, message = bad_inputs(tmp_path)[case]
    with Review.open(review_path) as review:
        with pytest.raises(CuratorError, match=message):
            # with a good file first in the same import: all or nothing
            import_files(
                review,
                [
                    ImportSpec(ris(tmp_path, "other.ris", start=100), "S"),
                    ImportSpec(path, "New search"),
                ],
            )
        assert review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 3
        assert review.db.execute("SELECT COUNT(*) FROM searches").fetchone()[0] == 1
    assert digest(review_path) == before


def test_failure_mid_file_rolls_back_written_batches(review_path, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH", 2)
    path = tmp_path / "late.json"
    items = ",".join(f'{{"id": "i{n}", "title": "T{n}"}}' for n in range(5))
    path.write_text(f"[{items}, 7]", encoding="utf-8")
    before = digest(review_path)
    with Review.open(review_path) as review:
        with pytest.raises(CuratorError, match=r"late.json, record 6: not a CSL-JSON item"):
            import_file(review, path, "S")
        assert review.db.execute("SELECT COUNT(*) FROM papers").fetchone()[0] == 0
        assert (
            review.db.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'papers_ai'"
            ).fetchone()[0]
            == 1
        )
    assert digest(review_path) == before


def test_fifty_megabyte_single_line(review_path, tmp_path):
    path = tmp_path / "oneline.ris"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("TY  - JOUR\nAB  - ")
        handle.write("x" * (50 * 1024 * 1024))
        handle.write("\nTI  - Huge abstract\nER  - \n")
    before = digest(review_path)
    with Review.open(review_path) as review:
        report = import_file(review, path, "S")
        assert report.read == 1
        assert (
            review.db.execute("SELECT length(abstract) FROM record_rows").fetchone()[0]
            == 50 * 1024 * 1024
        )
    # and a 50 MB line that is no record is refused, changing nothing
    junk = tmp_path / "junk.csv"
    junk.write_text("title\n" + '"' + "y" * (50 * 1024 * 1024), encoding="utf-8")
    before = digest(review_path)
    with Review.open(review_path) as review, pytest.raises(CuratorError, match="junk.csv"):
        import_file(review, junk, "S")
    assert digest(review_path) == before


def test_record_with_ten_thousand_authors(review, tmp_path):
    path = tmp_path / "many.ris"
    authors = "".join(f"AU  - Author{n}, A.\n" for n in range(10_000))
    path.write_text(f"TY  - JOUR\nTI  - Big team\n{authors}ER  - \n", encoding="utf-8")
    report = import_file(review, path, "S")
    paper = get_paper(review, report.paper_ids[0])
    assert len(paper["authors"]) == 10_000 and paper["first_author"] == "Author0"


def test_empty_records_are_skipped_with_a_reason(review, tmp_path):
    path = tmp_path / "gaps.ris"
    path.write_text(
        "TY  - JOUR\nER  - \nTY  - JOUR\nTI  - Real\nER  - \nTY  - JOUR\nAU  - Doe, J.\nER  - \n",
        encoding="utf-8",
    )
    report = import_file(review, path, "S")
    assert report.read == 3 and report.imported == 2
    assert report.skipped == [(1, "empty record (no title, authors, DOI or abstract)")]
    assert (3, "no title") in report.warnings


def test_progress_and_cancel(review_path, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH", 10)
    path = ris(tmp_path, "big.ris", n=200)
    seen = []
    state = TaskState(lambda done, total, message: seen.append((done, total)))
    with Review.open(review_path) as review:
        import_file(review, path, "S", state=state)
    assert seen and seen[-1][0] == seen[-1][1] == path.stat().st_size
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)

    before = digest(review_path)
    other = ris(tmp_path, "other.ris", n=200, start=500)

    def cancel_halfway(done, total, message):
        if len(calls) == 3:
            state.cancel()
        calls.append(done)

    calls: list[int] = []
    state = TaskState(cancel_halfway)
    with Review.open(review_path) as review:
        with pytest.raises(ImportCancelled):
            import_file(review, other, "S2", state=state)
        assert review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 200
    assert digest(review_path) == before


def test_cancel_from_another_thread(review, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH", 5)
    path = ris(tmp_path, "big.ris", n=100)
    started = threading.Event()
    state = TaskState(lambda *args: started.set())
    error: list[BaseException] = []

    def run():
        local = Review.open(review.path)
        try:
            import_file(local, path, "S", state=state)
        except BaseException as exc:  # noqa: BLE001
            error.append(exc)
        finally:
            local.close()

    state.cancel()  # cancelled before it starts: it must stop at the first check
    worker = threading.Thread(target=run)
    worker.start()
    worker.join(30)
    assert error and isinstance(error[0], ImportCancelled)
    assert review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0


def test_a_search_update_is_deduplicated_against_the_review(review, tmp_path):
    """Records 0-2 come again in a second search (plus 3-4): the repeats merge into the
    papers already there, so the second search adds only what is new, and PRISMA's
    duplicates box counts the merged records."""
    from curator.core.flow.prisma import flow

    first = import_file(review, ris(tmp_path, "first.ris", n=3), "PubMed")
    second = import_file(review, ris(tmp_path, "second.ris", n=5), "Scopus")
    assert "3 merged automatically" in second.dedup
    listed = review.db.execute("SELECT COUNT(*) FROM papers WHERE merged_into IS NULL").fetchone()[
        0
    ]
    assert listed == 5
    assert review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 8
    owners = {
        row[0]
        for row in review.db.execute(
            "SELECT paper_id FROM records WHERE import_id IN (?, ?)",
            (first.import_id, second.import_id),
        )
    }
    assert len(owners) == 5
    assert flow(review).duplicates == 3


def test_import_without_deduplication(review, tmp_path):
    import_file(review, ris(tmp_path, "first.ris", n=3), "PubMed")
    reports, _ = import_files(
        review,
        [ImportSpec(ris(tmp_path, "again.ris", n=3), "Scopus", force=True)],
        deduplicate=False,
    )
    assert reports[-1].dedup is None
    assert (
        review.db.execute("SELECT COUNT(*) FROM papers WHERE merged_into IS NULL").fetchone()[0]
        == 6
    )


def test_import_cache_size_is_put_back(review, tmp_path):
    """The import's larger page cache is for the import only, after success and failure."""
    before = review.db.execute("PRAGMA cache_size").fetchone()[0]
    path = tmp_path / "refs.ris"
    path.write_text("".join(RECORD.format(n=n) for n in range(3)), encoding="utf-8")
    import_file(review, path, "S")
    assert review.db.execute("PRAGMA cache_size").fetchone()[0] == before
    bad = tmp_path / "late.json"
    bad.write_text('[{"id": "i1", "title": "T1"}, 7]', encoding="utf-8")
    with pytest.raises(CuratorError):
        import_file(review, bad, "S")
    assert review.db.execute("PRAGMA cache_size").fetchone()[0] == before


def test_a_kill_between_import_and_dedup_leaves_dedup_pending(review, tmp_path, monkeypatch):
    """Import and duplicate detection are two transactions: the import marks its papers as
    pending in its own, so a kill before detection finishes leaves the work marked, and the
    next import (or `curator dedup`) does it."""
    from curator.core import dedup
    from curator.core.dedup import engine

    import_file(review, ris(tmp_path, "first.ris", n=3), "PubMed")
    assert dedup.pending_ids(review) == []

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies here

    monkeypatch.setattr(engine, "run", killed)
    with pytest.raises(KeyboardInterrupt):
        import_files(review, [ImportSpec(ris(tmp_path, "second.ris", n=3), "Scopus", force=True)])
    monkeypatch.undo()
    assert len(dedup.pending_ids(review)) == 3
    assert (
        review.db.execute("SELECT COUNT(*) FROM papers WHERE merged_into IS NULL").fetchone()[0]
        == 6
    )
    later = import_file(review, ris(tmp_path, "third.ris", n=1, start=50), "Embase")
    assert "3 merged automatically" in later.dedup
    assert dedup.pending_ids(review) == []
    assert (
        review.db.execute("SELECT COUNT(*) FROM papers WHERE merged_into IS NULL").fetchone()[0]
        == 4
    )


def test_resume_pending_finishes_an_interrupted_detection(review, tmp_path, monkeypatch):
    from curator.core import dedup
    from curator.core.dedup import engine

    import_file(review, ris(tmp_path, "first.ris", n=2), "PubMed")
    monkeypatch.setattr(engine, "run", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        import_files(review, [ImportSpec(ris(tmp_path, "second.ris", n=2), "Scopus", force=True)])
    monkeypatch.undo()
    result = dedup.resume_pending(review)
    assert result is not None and result.merged == 2
    assert dedup.resume_pending(review) is None
    assert review.setting(engine.PENDING_SETTING) is None
