"""Screening packets (blind dual screening) and decision CSVs: round trips, all-or-nothing."""

from __future__ import annotations

import csv

import pytest

from curator.core.errors import CuratorError
from curator.core.review import Review
from curator.core.screening.decisions import (
    CONSENSUS,
    current_decision,
    find_reason,
    record_decision,
)
from curator.core.screening.decisions_csv import export_csv, import_csv
from curator.core.screening.highlighting import set_terms, terms
from curator.core.screening.packets import export_packet, import_packet, packet_info
from curator.core.screening.queue import queue
from tests.screening_data import add_papers


def test_packet_round_trip_blind_and_all_or_nothing(review, tmp_path):
    ids = add_papers(review)
    review.set_setting("eligibility_criteria", "Adults; psychotherapy; neuroimaging.")
    set_terms(review, "include", ["neuroplastic*"])
    for pid in ids:
        record_decision(review, pid, "title_abstract", "include", reviewer="ana")
    packet_path = tmp_path / "bob.curator"
    assert export_packet(review, packet_path, "title_abstract", reviewer="bob") == 5
    with Review.open(packet_path, who="bob") as packet:
        assert packet_info(packet)["stage"] == "title_abstract"
        assert packet.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0  # blind
        assert packet.setting("eligibility_criteria") == "Adults; psychotherapy; neuroimaging."
        assert terms(packet)["include"] == ["neuroplastic*"]
        assert queue(packet, "title_abstract") == ids
        off_topic = find_reason(packet, "title_abstract", "Off topic")
        record_decision(packet, ids[0], "title_abstract", "include", reviewer="bob")
        record_decision(
            packet,
            ids[1],
            "title_abstract",
            "exclude",
            reason_id=off_topic,
            note="animals",
            reviewer="bob",
        )
        stamp = current_decision(packet, ids[1], "title_abstract", "bob")["created_at"]
    changes, contents = import_packet(review, packet_path)
    assert contents.reviewers == ["bob"] and len(contents.decisions) == 2
    bob = current_decision(review, ids[1], "title_abstract", "bob")
    assert (bob["decision"], bob["note"], bob["created_at"]) == ("exclude", "animals", stamp)
    assert bob["source"] == "packet:bob.curator"
    assert review.db["papers"].get(ids[1])["ta_decision"] == "conflict"
    assert review.db["papers"].get(ids[0])["ta_decision"] == "include"


def test_packet_from_another_review_is_refused(review, tmp_path):
    add_papers(review)
    packet_path = tmp_path / "p.curator"
    export_packet(review, packet_path, "title_abstract")
    other = Review.create(tmp_path / "other.curator", title="Other")
    try:
        with pytest.raises(CuratorError, match="exported from another review"):
            import_packet(other, packet_path)
        with pytest.raises(CuratorError, match="not a screening packet"):
            import_packet(review, tmp_path / "other.curator")
    finally:
        other.close()


def test_full_text_packet_carries_consensus_ta_only(review, tmp_path):
    ids = add_papers(review)
    record_decision(review, ids[0], "title_abstract", "include", reviewer="ana")
    record_decision(review, ids[1], "title_abstract", "exclude", reviewer="ana")
    export_packet(review, tmp_path / "ft.curator", "full_text", reviewer="bob")
    with Review.open(tmp_path / "ft.curator") as packet:
        assert queue(packet, "full_text") == [ids[0]]
        assert {r[0] for r in packet.db.execute("SELECT reviewer FROM decisions")} == {CONSENSUS}
        record_decision(packet, ids[0], "full_text", "include", reviewer="bob")
    import_packet(review, tmp_path / "ft.curator")
    assert review.db["papers"].get(ids[0])["ft_decision"] == "include"


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "decision", "reason", "note", "reviewer"])
        writer.writerows(rows)


def test_csv_import_by_source_id_and_paper_id(review, tmp_path):
    ids = add_papers(review)
    search = review.db["searches"].insert({"name": "PubMed", "created_at": "2026"}).last_pk
    imp = (
        review.db["imports"]
        .insert(
            {
                "search_id": search,
                "file_name": "x.nbib",
                "sha256": "0",
                "format": "medline",
                "imported_at": "2026",
            }
        )
        .last_pk
    )
    review.db["records"].insert(
        {"import_id": imp, "position": 0, "source_id": "PMID31234567", "paper_id": ids[3]}
    )
    path = tmp_path / "d.csv"
    write_csv(
        path,
        [
            [ids[0], "include", "", "", "ana"],
            ["PMID31234567", "exclude", "5", "rats", "ana"],
            [f"paper:{ids[1]}", "Maybe", "", "", ""],
            [ids[2], "", "", "", ""],
        ],
    )
    changes, count, skipped = import_csv(review, path, "title_abstract")
    assert (count, skipped) == (3, 1)
    rec = current_decision(review, ids[3], "title_abstract", "ana")
    assert rec["note"] == "rats" and rec["reason_id"] == find_reason(
        review, "title_abstract", "Off topic"
    )
    assert current_decision(review, ids[1], "title_abstract", "tester")["decision"] == "maybe"


def test_csv_import_is_all_or_nothing_with_line_numbers(review, tmp_path):
    ids = add_papers(review)
    path = tmp_path / "bad.csv"
    write_csv(
        path,
        [
            [ids[0], "include", "", "", ""],
            ["nope", "include", "", "", ""],
            [ids[1], "yes", "", "", ""],
            [ids[2], "exclude", "Unheard-of", "", ""],
        ],
    )
    before = review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
    with pytest.raises(CuratorError) as caught:
        import_csv(review, path, "title_abstract")
    message = str(caught.value)
    assert "bad.csv line 3: no paper or record with id 'nope'" in message
    assert "bad.csv line 4: decision 'yes'" in message
    assert "line 5: 'Unheard-of' is not an exclusion reason" in message
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == before
    write_csv(path, [[ids[0], "exclude", "", "", ""]])
    with pytest.raises(CuratorError, match="line 2: an exclusion at full text needs a reason"):
        import_csv(review, path, "full_text")
    write_csv(path, [[ids[0], "include", "", "", ""]])
    with pytest.raises(CuratorError, match="not at full text"):
        import_csv(review, path, "full_text")


def test_csv_export_then_import_round_trip(review, tmp_path):
    ids = add_papers(review)
    for pid in ids[:3]:
        record_decision(review, pid, "title_abstract", "include", reviewer="ana")
    reason = find_reason(review, "full_text", "Wrong outcome")
    record_decision(
        review, ids[0], "full_text", "exclude", reason_id=reason, note="n", reviewer="ana"
    )
    record_decision(review, ids[1], "full_text", "not_retrieved", reviewer="ana")
    out = tmp_path / "ft.csv"
    assert export_csv(review, "full_text", out, reviewer="ana") == 3
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert [(r["id"], r["decision"], r["reason"], r["reviewer"]) for r in rows] == [
        (str(ids[0]), "exclude", "Wrong outcome", "ana"),
        (str(ids[1]), "not-retrieved", "", "ana"),
        (str(ids[2]), "", "", ""),
    ]
    rows[2]["decision"], rows[2]["reviewer"] = "include", "bob"
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _, count, skipped = import_csv(review, out, "full_text")
    assert (count, skipped) == (3, 0)
    assert review.db["papers"].get(ids[2])["ft_decision"] == "include"
