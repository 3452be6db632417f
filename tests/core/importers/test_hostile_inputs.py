"""Hostile import files found by the robustness fuzzer (issue 18): each is imported whole,
or refused with one sentence naming the line and changing nothing; never silently short."""

from __future__ import annotations

import json
import re

import pytest

from curator.core.errors import CuratorError
from curator.core.importers import detect, import_file
from tests.robustness import seeds as S

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def count(review) -> int:
    return review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]


def stored_text(review) -> str:
    rows = review.db.execute("SELECT title, authors, abstract, venue, raw FROM record_rows")
    return " ".join(str(v) for row in rows for v in row if v)


def csv_with_ris_line(rows: int) -> str:
    body = ["Title,Authors,Year,Abstract"]
    for i in range(rows):
        body.append(f'Paper {i},Doe {i},2020,"Background.\nTY  - looks like RIS {i}\nER  - too"')
    return "\n".join(body) + "\n"


@pytest.mark.parametrize("rows", [3, 12])
def test_a_quoted_ris_tag_inside_a_csv_does_not_make_it_ris(review, tmp_path, rows):
    path = write(tmp_path, "export.csv", csv_with_ris_line(rows))
    report = import_file(review, path, "S")
    assert (report.format, report.imported, count(review)) == ("csv", rows, rows)


def test_a_csv_with_bare_cr_line_endings_is_read(review, tmp_path):
    path = write(tmp_path, "mac.csv", S.table(S.records(4)).replace("\n", "\r"))
    assert import_file(review, path, "S").imported == 4


def test_content_overriding_the_extension_is_said(review, tmp_path):
    path = write(tmp_path, "export.csv", S.ris(S.records(2)))
    report = import_file(review, path, "S")
    assert report.format == "ris" and report.imported == 2
    assert any("named .csv" in note and "RIS" in note for _pos, note in report.warnings)


@pytest.mark.parametrize(("name", "sep"), [("rows.csv", ","), ("rows.tsv", "\t")])
def test_an_unclosed_quote_is_refused_naming_the_line_it_opened(review, tmp_path, name, sep):
    lines = [sep.join(["Title", "Authors", "Year"]), sep.join(["First", "Doe", "2020"])]
    lines += [sep.join(['"Unclosed', "Roe", "2021"]), sep.join(["Third", "Poe", "2022"])]
    lines += [sep.join(["Fourth", "Moe", "2023"])]
    path = write(tmp_path, name, "\n".join(lines) + "\n")
    with pytest.raises(CuratorError, match=r"line 3.*quote|quote.*line 3"):
        import_file(review, path, "S")
    assert count(review) == 0


def test_a_closed_multiline_quote_still_imports(review, tmp_path):
    path = write(tmp_path, "ok.csv", 'Title,Abstract\nOne,"two\nlines"\nTwo,"say ""hi"""\n')
    assert import_file(review, path, "S").imported == 2


@pytest.mark.parametrize("where", ["start", "late"])
def test_nul_and_control_bytes_are_removed_with_a_warning_wherever_they_are(
    review, tmp_path, where
):
    rows = S.records(6)
    rows[0 if where == "start" else -1]["abstract"] = "Bad\x00NUL and \x01con\x1ftrol " + "x" * 5000
    rows[1]["authors"] = ["Doe\x02, Jane"]
    path = write(tmp_path, "dirty.ris", S.ris(rows))
    report = import_file(review, path, "S")
    assert report.imported == 6
    assert not CONTROL.search(stored_text(review))
    assert any("control" in note for _pos, note in report.warnings)


def test_control_characters_in_a_csv_author_are_removed(review, tmp_path):
    rows = S.records(3)
    rows[0]["authors"] = ["Doe\x01, J"]
    report = import_file(review, write(tmp_path, "a.csv", S.table(rows)), "S")
    assert report.imported == 3 and not CONTROL.search(stored_text(review))


def test_a_binary_file_is_still_refused(review, tmp_path):
    with pytest.raises(CuratorError, match="binary"):
        import_file(review, write(tmp_path, "x.ris", b"TY  - JOUR\n" + bytes(range(32)) * 200), "S")


@pytest.mark.parametrize("tail", [b"\n]garbage{", b"\n[]", b' {"title": "x"}'])
def test_data_after_a_json_array_is_refused(review, tmp_path, tail):
    path = write(tmp_path, "items.json", S.csl_json(S.records(3)).encode() + tail)
    with pytest.raises(CuratorError, match="after the end of the JSON list"):
        import_file(review, path, "S")
    assert count(review) == 0


def test_whitespace_after_a_json_array_is_fine(review, tmp_path):
    path = write(tmp_path, "items.json", S.csl_json(S.records(3)) + "\n\n  \n")
    assert import_file(review, path, "S").imported == 3


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'[{"title": "x", "n": ' + b"[" * 50_000 + b"]" * 50_000 + b"}]",
    ],
)
def test_deeply_nested_json_is_refused_naming_the_limit(review, tmp_path, content):
    with pytest.raises(CuratorError, match="nested .* levels"):
        import_file(review, write(tmp_path, "deep.json", content), "S")


def test_a_lone_surrogate_in_json_is_replaced_with_a_warning(review, tmp_path):
    item = b'[{"type": "article", "title": "A \\ud800 B", "author": [{"family": "X\\udfff"}]}]'
    report = import_file(review, write(tmp_path, "s.json", item), "S")
    assert report.imported == 1
    title = review.db.execute("SELECT title FROM record_rows").fetchone()[0]
    assert title == "A \ufffd B"
    assert any("surrogate" in note for _pos, note in report.warnings)


def test_utf16_with_a_broken_surrogate_is_refused_not_a_traceback(review, tmp_path):
    data = "\ufeffTY  - JOUR\nTI  - A\nER  - \n".encode("utf-16-le") + b"\x00\xd8A\x00"
    with pytest.raises(CuratorError, match="s.ris"):
        import_file(review, write(tmp_path, "s.ris", data), "S")


def test_detection_notes_a_csv_named_file_read_as_another_format(tmp_path):
    detected = detect(write(tmp_path, "x.csv", S.medline(S.records(1))))
    assert detected.format == "medline"
    assert any(".csv" in note for note in detected.notes)
    assert json.dumps(detected.notes)


@pytest.mark.parametrize(
    ("name", "head", "indent", "tail"),
    [
        ("long.nbib", "PMID- 1\nTI  - Long\nAB  - start\n", "      ", "\n"),
        ("long.txt", "FN Web of Science\nVR 1.0\nPT J\nTI Long\nAB start\n", "   ", "ER\nEF\n"),
    ],
)
def test_continuation_lines_are_joined_in_linear_time(review, tmp_path, name, head, indent, tail):
    import time

    line = indent + "word " * 14 + "\n"
    path = write(tmp_path, name, head + line * 250_000 + tail)  # an 18 MB field
    began = time.monotonic()
    report = import_file(review, path, "S")
    assert time.monotonic() - began < 20  # quadratic joining took over 60 s
    abstract = review.db.execute("SELECT abstract FROM record_rows").fetchone()[0]
    assert report.imported == 1 and abstract.startswith("start word word")
    assert abstract.count("word") == 14 * 250_000
