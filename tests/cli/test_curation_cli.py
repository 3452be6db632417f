"""`curator claims` and `curator tag`: scripted curation, and bad values changing nothing."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from curator.cli import cli
from curator.core.curation import claims, facets
from curator.core.review import Review
from tests.curation_data import build


@pytest.fixture
def built(review_path):
    with Review.open(review_path, who="tester") as review:
        ids = build(review)
    return review_path, ids


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def digest(path):
    with Review.open(path) as review:  # flush WAL into the file first
        review.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_add_list_edit(built):
    path, ids = built
    result = run(
        "claims",
        path,
        "add",
        "--text",
        "Psychotherapy induces neuroplasticity",
        "--strength",
        "Strong",
        "--reasoning",
        "Imaging and molecular evidence",
        "--paper",
        "Månsson et al., 2016",
        "--paper",
        "10.3390/jcm10215082",
        "--paper",
        str(ids[3]),
        "--relation",
        "supports",
        "--relation",
        "none",
        "--relation",
        "context",
    )
    assert result.exit_code == 0, result.output
    assert "added claim 1" in result.output
    listed = run("claims", path, "list")
    assert "1. [Strong] Psychotherapy induces neuroplasticity" in listed.output
    assert "(Månsson et al., 2016; Piotrkowicz et al., 2021; Beauregard, 2014)" in listed.output
    result = run(
        "claims", path, "edit", "1", "--strength", "Moderate", "--paper", "Price & Duman, 2019"
    )
    assert result.exit_code == 0, result.output
    with Review.open(path) as review:
        claim = claims.claims(review)[0]
    assert claim["strength"] == "Moderate"
    assert claim["papers"] == [ids[4]]
    assert claim["reasoning"] == "Imaging and molecular evidence"


@pytest.mark.parametrize(
    "args, message",
    [
        (["add", "--text", "T", "--strength", "Huge", "--paper", "1"], "strength 'Huge' is not on"),
        (["add", "--text", "T", "--strength", "Strong", "--paper", "Nobody, 1999"], "no paper"),
        (["add", "--text", "  ", "--strength", "Strong", "--paper", "1"], "needs its text"),
        (
            ["add", "--text", "T", "--strength", "Strong", "--paper", "1", "--relation", "x"],
            "relation",
        ),
        (["edit", "1", "--strength", "Huge"], "not on"),
        (["edit", "7", "--text", "X"], "no claim number 7"),
        (["edit", "1", "--text", ""], "needs its text"),
    ],
)
def test_bad_values_exit_nonzero_and_change_nothing(built, args, message):
    path, ids = built
    assert (
        run("claims", path, "add", "--text", "A", "--strength", "Weak", "--paper", ids[0]).exit_code
        == 0
    )
    before = digest(path)
    result = run("claims", path, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert digest(path) == before


def test_tag_and_untag(built):
    path, ids = built
    result = run(
        "tag", path, "Beauregard, 2014", "--facet", "topic", "--term", "Depression", "--create"
    )
    assert result.exit_code == 0, result.output
    with Review.open(path) as review:
        term = facets.term_id(review, facets.facet_id(review, "Topic"), "Depression")
        assert facets.tagged_with(review, ids, term) == {ids[3]}
    assert (
        run(
            "tag", path, str(ids[3]), "--facet", "Topic", "--term", "depression", "--remove"
        ).exit_code
        == 0
    )
    with Review.open(path) as review:
        assert facets.tagged_with(review, ids, term) == set()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--facet", "Nope", "--term", "X"], "no facet named 'Nope'"),
        (["--facet", "Topic", "--term", "Unknown"], "has no term 'Unknown'"),
    ],
)
def test_tag_bad_values(built, args, message):
    path, ids = built
    before = digest(path)
    result = run("tag", path, ids[0], *args)
    assert result.exit_code == 1 and message in result.output
    assert digest(path) == before


def test_key_paper(built):
    path, ids = built
    result = run("key", path, "Månsson et al., 2016", "--result", "CBT reduces amygdala volume")
    assert result.exit_code == 0 and "is a key paper" in result.output
    with Review.open(path) as review:
        row = review.db.execute(
            "SELECT is_key, key_result FROM papers WHERE id = ?", (ids[0],)
        ).fetchone()
    assert row == (1, "CBT reduces amygdala volume")


def test_every_command_has_help():
    for name in ("claims", "tag", "key"):
        command = cli.commands[name]
        assert command.help
        for param in command.params:
            assert getattr(param, "help", None) or param.param_type_name == "argument"
    for sub in cli.commands["claims"].commands.values():
        assert sub.help
        assert all(getattr(p, "help", None) or p.param_type_name == "argument" for p in sub.params)


def test_list_json_and_empty(built):
    import json

    path, ids = built
    assert run("claims", path, "list").output.strip() == "no claims yet"
    run("claims", path, "add", "--text", "A", "--strength", "Weak", "--paper", "Beauregard 2014")
    rows = json.loads(run("claims", path, "list", "--json").output)
    assert rows[0]["papers"] == [ids[3]] and rows[0]["citations"] == ["Beauregard, 2014"]


def test_unknown_review_file(tmp_path):
    result = run("claims", tmp_path / "missing.curator", "list")
    assert result.exit_code == 1 and "no such file" in result.output


def test_grade_round_trip_and_show(built):
    path, ids = built
    assert (
        run(
            "claims",
            path,
            "add",
            "--text",
            "CBT changes the amygdala",
            "--strength",
            "Strong",
            "--paper",
            ids[0],
            "--paper",
            ids[1],
        ).exit_code
        == 0
    )
    result = run(
        "claims",
        path,
        "grade",
        1,
        "--domain",
        "risk-of-bias",
        "--rating",
        "serious",
        "--reason",
        "Unblinded outcome assessors",
    )
    assert result.exit_code == 0, result.output
    assert result.output == "graded claim 1: High, rated down 1 level: Moderate\n"
    result = run("claims", path, "grade", 1, "--start", "low", "--reason", "Surrogate outcome")
    assert result.output == "graded claim 1: Low, rated down 1 level: Very low\n"
    assert (
        run(
            "claims",
            path,
            "grade",
            1,
            "--domain",
            "Large effect",
            "--rating",
            "large",
            "--reason",
            "RR above 2",
        ).exit_code
        == 0
    )
    with Review.open(path) as review:
        claim = claims.claim_by_number(review, 1)
    assert (claim["grade_start"], claim["grade_start_reason"]) == ("low", "Surrogate outcome")
    assert claim["grades"]["risk_of_bias"] == {
        "judgement": "Serious",
        "reason": "Unblinded outcome assessors",
    }
    shown = run("claims", path, "show", 1)
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[0] == "1. CBT changes the amygdala"
    assert "   starting level: Low (set by the curator: Surrogate outcome)" in lines
    assert "   Risk of bias: Serious: Unblinded outcome assessors" in lines
    assert "   Large effect: Large: RR above 2" in lines
    assert "   Indirectness: not judged" in lines
    assert "   certainty: Low (starts low, rated down 1 level and up 1 level)" in lines
    assert "   on this review's strength scale: Weak" in lines
    result = run("claims", path, "grade", 1, "--start", "auto")
    assert result.output == "graded claim 1: High, rated down 1 level and up 1 level: High\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--domain", "bias", "--rating", "serious"), "unknown GRADE domain 'bias'"),
        (("--domain", "imprecision", "--rating", "large"), "Imprecision: 'large' is not one of"),
        (("--domain", "imprecision"), "--domain needs --rating"),
        (("--start", "low"), "say why the evidence starts low"),
        (("--start", "low", "--domain", "imprecision", "--reason", "x"), "either --domain"),
        ((), "either --domain"),
    ],
)
def test_grade_bad_values_change_nothing(built, args, message):
    path, ids = built
    run("claims", path, "add", "--text", "T", "--strength", "Strong", "--paper", ids[0])
    before = digest(path)
    result = run("claims", path, "grade", 1, *args)
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert digest(path) == before
    assert run("claims", path, "show", 7).exit_code == 1
