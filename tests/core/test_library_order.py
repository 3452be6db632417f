"""paper_ids: every sort, filter and search gives the same order by either path, from indexes."""

from __future__ import annotations

import itertools
import random
import shutil

import pytest

from curator.core import library
from curator.core.library import FILTERS, SORT_COLUMNS, SORT_INDEX, paper_ids, stage_and_decision
from curator.core.papers import add_paper, find_papers
from curator.core.review import Review
from curator.core.screening.decisions import Decision, reasons, record_decisions


@pytest.fixture(scope="module")
def mixed_review(template_review, tmp_path_factory):
    """A review holding the mixed papers, built once for this module (tests only read it)."""
    path = tmp_path_factory.mktemp("mixed") / "mixed.curator"
    shutil.copy(template_review, path)
    review = Review.open(path)
    ids = _fill(review)
    yield review, ids
    review.close()


@pytest.fixture
def review(mixed_review):
    return mixed_review[0]


@pytest.fixture
def mixed(mixed_review):
    return mixed_review[1]


def _fill(review):
    """60 papers with repeated, missing and case-differing sort keys and all decision kinds."""
    rng = random.Random(7)
    venues = ["Brain", "brain research", "Cortex", None, "Ärzteblatt"]
    ids = []
    with review.atomic():
        for n in range(60):
            ids.append(
                add_paper(
                    review,
                    title=rng.choice(["alpha study", "Beta trial", "gamma", "Alpha study"])
                    + f" {n % 7}",
                    year=rng.choice([None, 2001, 2010, 2010, 2020]),
                    venue=rng.choice(venues),
                    authors=[rng.choice(["Smith, J.", "adams, B.", "Östlund, K.", "Young, T."])],
                    abstract=rng.choice(["plasticity of the brain", "therapy outcome", ""]),
                    audit=False,
                ).id
            )
    ta = reasons(review, "title_abstract")[0]["id"]
    ft = reasons(review, "full_text")[0]["id"]
    items = []
    for pid in ids[:40]:
        kind = rng.choice(["include", "exclude", "maybe"])
        items.append(Decision(pid, "title_abstract", kind, ta if kind == "exclude" else None))
        if kind == "include" and rng.random() < 0.7:
            verdict = rng.choice(["include", "exclude", "not_retrieved"])
            items.append(Decision(pid, "full_text", verdict, ft if verdict == "exclude" else None))
    record_decisions(review, items)
    record_decisions(review, [Decision(ids[41], "title_abstract", "include")], reviewer="second")
    record_decisions(review, [Decision(ids[41], "title_abstract", "exclude")], reviewer="third")
    review.db.execute("UPDATE papers SET is_key = 1 WHERE id IN (?, ?)", (ids[0], ids[5]))
    return ids


def reference(review, ids, sort, descending):
    """The order the SORT_COLUMNS SQL defines, computed in Python."""
    rows = find_papers(review, ids)

    def key(pid):
        row = rows[pid]
        stage, decision = stage_and_decision(row["ta_decision"], row["ft_decision"])
        value = {
            "citation": ((row["first_author"] or "").casefold(), row["year"] or -1),
            "title": row["title"].casefold(),
            "year": row["year"] if row["year"] is not None else -1,
            "venue": (row["venue"] or "").casefold(),
            "stage": 0 if stage == "title_abstract" else 1,  # pipeline order
            "decision": decision or "",
            "added": 0,
        }[sort]
        return value

    return sorted(ids, key=lambda pid: (key(pid), pid), reverse=descending)


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_each_sort_matches_its_definition(review, mixed, sort, descending):
    listed = paper_ids(review, sort=sort, descending=descending)
    assert sorted(listed) == sorted(mixed)
    assert listed == reference(review, mixed, sort, descending)


@pytest.mark.parametrize("filter", list(FILTERS))
@pytest.mark.parametrize("search", ["", "plasticity", "alpha"])
def test_both_paths_agree_for_every_filter_and_search(review, mixed, monkeypatch, filter, search):
    """Few matches sorted by SQL, many cut from the whole ordered list, or from one the
    caller keeps: the same result."""
    for sort, descending in itertools.product(SORT_COLUMNS, (False, True)):
        monkeypatch.setattr(library, "SMALL_MATCH", 10_000)
        small = paper_ids(review, sort=sort, descending=descending, filter=filter, search=search)
        monkeypatch.setattr(library, "SMALL_MATCH", -1)
        large = paper_ids(review, sort=sort, descending=descending, filter=filter, search=search)
        assert small == large
        whole = library.ordered_ids(review, sort, descending)
        kept = paper_ids(
            review, sort=sort, descending=descending, filter=filter, search=search, ordered=whole
        )
        assert kept == small
        where = f"merged_into IS NULL AND {FILTERS[filter].replace('p.', '')}"
        expected = {r[0] for r in review.db.execute(f"SELECT id FROM papers WHERE {where}")}
        if search:
            expected &= {
                r[0]
                for r in review.db.execute(
                    "SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?",
                    [library.fts_query(search)],
                )
            }
        assert set(small) == expected


def test_merged_papers_are_not_listed(review, mixed):
    with review.atomic():
        review.db.execute("UPDATE papers SET merged_into = ? WHERE id = ?", (mixed[0], mixed[1]))
        try:
            for sort in SORT_COLUMNS:
                assert mixed[1] not in paper_ids(review, sort=sort)
                assert mixed[1] not in paper_ids(review, sort=sort, search="study alpha")
        finally:
            review.db.execute("UPDATE papers SET merged_into = NULL WHERE id = ?", (mixed[1],))


@pytest.mark.parametrize("sort", list(SORT_INDEX))
def test_whole_library_sorts_are_read_in_index_order(review, mixed, sort):
    """No temporary sort: the 0002 index for each column gives the order (fast at 100,000)."""
    order = SORT_COLUMNS[sort].format(dir="ASC")
    plan = review.db.execute(
        f"EXPLAIN QUERY PLAN SELECT p.id FROM papers p INDEXED BY {SORT_INDEX[sort]} "
        f"WHERE p.merged_into IS NULL ORDER BY {order}, p.id ASC"
    ).fetchall()
    text = " ".join(str(row[3]) for row in plan)
    assert SORT_INDEX[sort] in text
    assert "TEMP B-TREE" not in text


def test_search_words_match_as_prefixes_from_three_letters():
    assert library.fts_query("neuro plast") == '"neuro"* "plast"*'
    assert library.fts_query("CT of the brain") == '"CT" "of" "the"* "brain"*'
    assert library.fts_query("  ¿—! ") is None
    assert library.fts_query('title:"x" OR y*') == '"title"* "x" "OR" "y"'
    # The index holds no positions, so no query term may be a phrase: "_" splits words.
    assert library.fts_query("foo_bar") == '"foo"* "bar"*'


def test_words_the_index_splits_are_still_found(review_path):
    """ "foo_bar" and a word holding a letter that SQLite's Unicode 6.1 tables call a
    separator (U+19B0, New Tai Lue) are phrases to the index, which it cannot answer
    (detail=none); the search asks again with the index's own terms instead of failing."""
    with Review.open(review_path) as fresh:
        wanted = add_paper(fresh, title="Reading xa\u19b0by scripts", abstract="see foo_bar").id
        add_paper(fresh, title="Unrelated xa paper", abstract="foo only")
        assert paper_ids(fresh, search="xa\u19b0by") == [wanted]
        assert paper_ids(fresh, search="foo_bar") == [wanted]
        assert paper_ids(fresh, search="FOO_BA") == []  # "ba": a short word matches whole only


def test_full_text_index_keeps_no_positions(review):
    """Migration 0005: detail=none (a fifth of the size, 2-3x faster to fill on import)."""
    sql = review.db.execute("SELECT sql FROM sqlite_master WHERE name = 'papers_fts'").fetchone()
    assert "detail=none" in sql[0].replace(" ", "")


def test_short_words_find_whole_words_only(review_path):
    with Review.open(review_path) as fresh:
        add_paper(fresh, title="AI in screening")
        add_paper(fresh, title="Aims and scope of airway research")
        found = paper_ids(fresh, search="ai")
        assert [find_papers(fresh, found)[pid]["title"] for pid in found] == ["AI in screening"]
        assert len(paper_ids(fresh, search="air")) == 1
