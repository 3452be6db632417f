"""The fuzzer's fast slice in the default test run: 40 mutated inputs and the explicit hostile
cases of issue 18, each imported in a worker bounded by time and memory. Every input is
imported whole or refused with one sentence: no traceback, no silent loss, no control
characters stored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.cases import slice_cases

ROOT = Path(__file__).resolve().parents[2]

# What the hostile cases must end in: the outcome and a word of the message, or the records.
EXPECTED = {
    "csv-ty-line-3": ("imported", 3),
    "csv-ty-line-12": ("imported", 12),
    "csv-unclosed-quote": ("refused", "quote opened on line 3"),
    "tsv-unclosed-quote": ("refused", "quote opened on line 3"),
    "ris-late-nul-and-control": ("imported", 6),
    "csv-author-control": ("imported", 6),
    "csl-trailing-garbage": ("refused", "after the end of the JSON list"),
    "csl-second-array": ("refused", "after the end of the JSON list"),
    "json-deep-array": ("refused", "levels deep"),
    "json-deep-in-item": ("refused", "levels deep"),
    "json-lone-surrogate": ("imported", 1),
    "xml-billion-laughs": ("refused", "EndNote XML"),
    "xml-external-entity": ("refused", "EndNote XML"),
    "xlsx-truncated": ("refused", "damaged"),
    "xlsx-bad-deflate": ("refused", "Excel"),
    "xlsx-entities": ("refused", "Excel"),
    "medline-long-continuation": ("imported", 1),
    "wos-long-continuation": ("imported", 1),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("fuzz") / "outcomes.json"
    subprocess.run(
        [sys.executable, "-m", "tests.robustness.fuzz", "--slice", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        timeout=600,
    )
    return {o["case"]: o for o in json.loads(out.read_text())}


NAMES = [case.name for case in slice_cases()]


def test_the_slice_holds_forty_mutations_and_every_hostile_case(outcomes):
    assert len(outcomes) == len(NAMES) and len(NAMES) >= 40 + len(EXPECTED)
    assert set(EXPECTED) <= set(outcomes)


@pytest.mark.parametrize("name", NAMES)
def test_imported_whole_or_refused_in_one_sentence(outcomes, name):
    outcome = outcomes[name]
    assert outcome["kind"] in ("imported", "refused"), outcome
    assert outcome["stored_control"] == 0, outcome
    if outcome["kind"] == "refused":
        assert "\n" not in outcome["message"].strip() and "Traceback" not in outcome["message"]
    if outcome["expected"] is not None and outcome["kind"] == "imported":
        assert outcome["records"] == outcome["expected"], outcome
    assert outcome["seconds"] < 30 and outcome["peak_mb"] < 1024


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_case_ends_as_expected(outcomes, name):
    kind, detail = EXPECTED[name]
    outcome = outcomes[name]
    assert outcome["kind"] == kind, outcome
    if kind == "imported":
        assert outcome["records"] == detail, outcome
    else:
        assert detail in outcome["message"], outcome
