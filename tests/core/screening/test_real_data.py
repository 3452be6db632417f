"""Screening a real labelled search (Cohen 2006 Antihistamines, 310 records) end to end:
decisions by CSV keyed on PMIDs, a second reviewer's packet, agreement, PRISMA counts."""

from __future__ import annotations

import csv

import pytest

from curator.core.flow.prisma import flow, reconcile
from curator.core.review import Review
from curator.core.screening.agreement import pair_agreement
from curator.core.screening.decisions import record_decision
from curator.core.screening.decisions_csv import import_csv
from curator.core.screening.highlighting import Highlighter
from curator.core.screening.packets import export_packet, import_packet
from curator.core.screening.queue import queue
from tests.screening_real import load_cohen


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "decision", "reason", "note", "reviewer"])
        writer.writerows(rows)


def test_real_search_through_both_stages_with_two_reviewers(review, tmp_path, shared_fixtures):
    frame = load_cohen(review, shared_fixtures)
    assert len(frame) == 310
    # Reviewer ana's title/abstract decisions are the dataset's labels, keyed by PMID.
    ta = tmp_path / "ta.csv"
    write(
        ta,
        [
            [r.pubmedID, "include" if r.label_abstract_screening else "exclude", "", "", "ana"]
            for r in frame.itertuples()
        ],
    )
    _, count, _ = import_csv(review, ta, "title_abstract")
    assert count == 310
    assert len(queue(review, "full_text")) == 92
    # Full text: the 16 finally included; the others excluded for study design.
    ft = tmp_path / "ft.csv"
    write(
        ft,
        [
            [
                r.pubmedID,
                "include" if r.label_included else "exclude",
                "" if r.label_included else "Wrong study design",
                "",
                "ana",
            ]
            for r in frame.itertuples()
            if r.label_abstract_screening
        ],
    )
    import_csv(review, ft, "full_text")

    # Bob screens a blind packet: he agrees except on 5 includes and 5 excludes.
    packet = tmp_path / "bob.curator"
    export_packet(review, packet, "title_abstract", reviewer="bob")
    included = frame[frame.label_abstract_screening == 1].paper_id.tolist()
    excluded = frame[frame.label_abstract_screening == 0].paper_id.tolist()
    flipped = set(included[:5]) | set(excluded[:5])
    with Review.open(packet) as opened:
        assert opened.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0
        for pid in frame.paper_id:
            forward = (pid in included) != (pid in flipped)
            record_decision(
                opened, pid, "title_abstract", "include" if forward else "exclude", reviewer="bob"
            )
    import_packet(review, packet)

    found = pair_agreement(review, "title_abstract", "ana", "bob")
    assert (found.both_forward, found.a_forward_b_out, found.a_out_b_forward, found.both_out) == (
        87,
        5,
        5,
        213,
    )
    po = 300 / 310
    pe = (92 * 92 + 218 * 218) / 310**2
    assert found.observed == pytest.approx(po)
    assert found.kappa == pytest.approx((po - pe) / (1 - pe))
    assert found.pabak == pytest.approx(2 * po - 1)

    counts = flow(review)
    assert counts.records_screened == 310
    assert counts.ta_conflict == 10
    assert counts.records_excluded == 213
    # 5 of ana's includes are now conflicts, so 87 reports sent on; their FT decisions are
    # stale (PRISMA's "sought" still counts the 5 papers that have a full-text decision).
    assert counts.sought - counts.ft_stale == 87
    assert counts.ft_stale == 5
    notes = reconcile(counts).notes  # reported, not hidden, until the conflicts are resolved
    assert "10 paper(s) have conflicting title/abstract decisions" in notes
    assert any(
        n.startswith("5 paper(s) have a full-text decision but are no longer") for n in notes
    )
    for pid in flipped:
        record_decision(
            review,
            pid,
            "title_abstract",
            "include" if pid in included else "exclude",
            reviewer="(consensus)",
        )
    counts = flow(review)
    assert (counts.sought, counts.included, counts.dbr_excluded) == (92, 16, 76)
    assert dict(counts.excluded_reasons) == {"Wrong study design": 76}
    assert counts.ft_stale == 0
    assert not [n for n in reconcile(counts).notes if "added by hand" not in n]


def test_highlighting_real_abstracts(review, shared_fixtures):
    frame = load_cohen(review, shared_fixtures)
    h = Highlighter(
        {
            "include": ["antihistamin*", "cetirizine", "allergic rhinitis"],
            "exclude": ["non-small cell lung cancer"],
        }
    )
    first = frame.abstract[0]
    marked = [(first[s.start : s.end], s.list) for s in h.spans(first)]
    assert ("non-small cell lung cancer", "exclude") in marked
    assert ("cetirizine", "include") in marked
    hits = sum(1 for text in frame.abstract if any(s.list == "include" for s in h.spans(text)))
    assert hits > 50
