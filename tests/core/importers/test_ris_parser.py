"""`ris.parse_records`, Curator's own RIS line loop, gives exactly what rispy's parser (as
Curator configures it, `ris._parser()`) gives: on every real RIS file and on generated text
full of what real files contain (continuation lines, repeated and list tags, `UR` with `;`,
long tags, stray text, blank lines, records without `ER`)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.importers import ris
from curator.core.importers.encoding import sniff

TAGS = ["TY", "ER", "AU", "A1", "KW", "UR", "TI", "T1", "AB", "N1", "PY", "DO", "UK", "ID", "AD"]
CONTENT = st.text(alphabet="ab ;-\t", max_size=8)
LINE = st.one_of(
    st.builds(lambda tag, text: f"{tag}  - {text}", st.sampled_from(TAGS), CONTENT),
    st.builds(lambda tag, text: f"{tag}  -{text}", st.sampled_from(TAGS), CONTENT),
    st.builds(
        lambda tag, text: f"{tag} - {text}", st.sampled_from(["PMID", "SN", "TYPE"]), CONTENT
    ),
    CONTENT,  # continuation lines, blank lines and stray text
    st.sampled_from(["TY", "ER", "TYPE", "  - x", "ER  -", "TY  - JOUR"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE, max_size=40))
def test_same_records_as_rispy_on_generated_text(lines):
    text = "\n".join(lines)
    assert ris.parse_records(text) == ris._parser().parse(text)


def test_same_records_as_rispy_on_every_real_ris_file(shared_fixtures: Path):
    checked = 0
    for path in sorted(shared_fixtures.rglob("*")):
        if not path.is_file():
            continue
        try:
            source = sniff(path)
        except Exception:  # noqa: BLE001 - not a text file
            continue
        if source.zip:
            continue
        text = path.read_bytes().decode(source.encoding or "utf-8", errors="replace")
        text = ris.normalise_chunk(text.replace("\r\n", "\n").replace("\r", "\n"))
        if "TY  -" not in text:
            continue
        expected = ris._parser().parse(text)
        assert ris.parse_records(text) == expected, path
        checked += 1
    assert checked >= 20
