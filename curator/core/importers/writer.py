"""Writing imported records in bulk: records, papers, ordered authors, venues and aliases.

Fills the same columns as `curator.core.papers.add_paper` (authors through the author and
alias tables, venues through venue aliases, the FTS index through its triggers), but a batch
at a time with `executemany` and ids assigned in order, so 100,000 records import in seconds.
Lookups of existing authors and venues go to the database per batch; the caches in memory
are bounded, so memory follows the batch size, not the file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from curator.core import collector
from curator.core.importers.base import Citation
from curator.core.names import PersonName, parse_person, venue_key
from curator.core.timeutil import now

if TYPE_CHECKING:  # the reader process prepares rows without loading the review's modules
    from curator.core.review import Review

CACHE_LIMIT = 200_000
# Tables whose secondary indexes a large import drops and builds again (see BulkWriter).
REBUILT_TABLES = ("papers", "records", "paper_authors")
REBUILD_MIN_RECORDS = 5000
# The columns the writer fills, ids first: `prepare` gives the rest of each row.
_PAPER_COLUMNS = (
    "id, venue_id, created_at, updated_at, title, abstract, year, volume, issue, pages, doi, "
    "pmid, pmcid, url, keywords, type, language, publisher, authors_text, first_author"
)
_RECORD_COLUMNS = (
    "import_id, paper_id, position, source_id, type, title, authors, year, venue, volume, "
    "issue, pages, doi, pmid, pmcid, abstract, keywords, url, language, raw, warnings, "
    "text_in_paper"
)


IN_COLUMNS = "_in_columns"  # raw key: {field: column} for fields whose value a column holds


def slim_raw(c: Citation) -> dict:
    """`c.raw` without the fields whose value a records column already holds word for word;
    `IN_COLUMNS` names the column of each (so `full_raw` gives back the same dict). The
    abstract and title were stored three times (raw, record, paper) before."""
    raw = c.raw
    if not raw or IN_COLUMNS in raw:
        return raw
    # a dict display keeps the last column of a value, as the columns' order says
    held = {
        c.source_id: "source_id", c.type: "type", c.title: "title", c.venue: "venue",
        c.volume: "volume", c.issue: "issue", c.pages: "pages", c.doi: "doi", c.pmid: "pmid",
        c.pmcid: "pmcid", c.abstract: "abstract", c.url: "url", c.language: "language",
    }  # fmt: skip
    held.pop(None, None)
    held.pop("", None)
    if c.year is not None:
        held.setdefault(str(c.year), "year")
    authors = c.authors if c.authors and not any("; " in a for a in c.authors) else None
    kept: dict = {}
    moved: dict[str, str] = {}
    for key, value in raw.items():
        if value.__class__ is str:
            column = held.get(value)
            if column is not None:
                moved[key] = column
                continue
        elif value.__class__ is list and value:
            if value == authors:
                moved[key] = "authors"
                continue
            if value == c.keywords:
                moved[key] = "keywords"
                continue
        kept[key] = value
    if moved:
        kept[IN_COLUMNS] = moved
    return kept


def full_raw(record: dict) -> dict:
    """The fields of a stored record as its file gave them (`raw` with the column-held ones
    back); `record` is a row of the view `record_rows` (which holds the record's title and
    abstract even where they are stored only in its paper)."""
    raw = json.loads(record["raw"]) if record.get("raw") else {}
    moved = raw.pop(IN_COLUMNS, None)
    if not isinstance(moved, dict):
        if moved is not None:
            raw[IN_COLUMNS] = moved
        return raw
    for key, column in moved.items():
        value = record[column]
        if column == "year":
            value = str(value)
        elif column == "authors":
            value = value.split("; ")
        elif column == "keywords":
            value = json.loads(value)
        raw[key] = value
    return raw


class Person(NamedTuple):
    """An author as the writer stores one: `person[:4]` is the row `Prepared.people` holds."""

    key: str
    family: str
    given: str
    initials: str
    display: str


@lru_cache(maxsize=65536)
def person(name: str) -> Person:
    """An author string parsed once: its key and APA display computed with it."""
    p: PersonName = parse_person(name)
    return Person(p.key, p.family, p.given, p.initials, p.display())


# A venue's spelling recurs across thousands of records; fold it once (bounded like `person`).
_venue_key = lru_cache(maxsize=65536)(venue_key)
# One encoder each instead of one per call (`json.dumps` with options builds a new one).
_json = json.JSONEncoder(ensure_ascii=False).encode
_raw_json = json.JSONEncoder(ensure_ascii=False, default=str).encode


class Prepared(NamedTuple):
    """A batch of citations turned into rows, all but the ids (which only the writer, in the
    import's transaction, can assign). Plain tuples and strings: cheap to pickle, so a reader
    process can make them (see `curator.core.importers.batches`)."""

    papers: list[tuple]  # per citation: the papers columns after `updated_at`
    records: list[tuple]  # per citation: the records columns after `paper_id`
    venues: list[tuple[str, str] | None]  # per citation: (alias key, name) or None
    people: list[list[tuple[str, str, str, str]]]  # per citation: (key, family, given, initials)


def prepare(batch: list[Citation]) -> Prepared:
    """Everything about writing `batch` that needs no database: names parsed, venues folded,
    JSON encoded. Pure, so it gives the same rows in any process."""
    papers, records, venues, people = [], [], [], []
    for c in batch:
        group = [p for a in c.authors if (p := person(a)).family]
        key = _venue_key(c.venue) if c.venue else None
        venues.append((key, c.venue) if key else None)
        people.append([p[:4] for p in group])
        keywords = _json(c.keywords) if c.keywords else None
        papers.append((
            c.title, c.abstract, c.year, c.volume, c.issue, c.pages, c.doi, c.pmid, c.pmcid,
            c.url, keywords, c.type, c.language, c.publisher,
            "; ".join([p.display for p in group]), group[0].family if group else "",
        ))  # fmt: skip
        # The record's title and abstract are its new paper's (text_in_paper = 1): stored once,
        # in the paper; migration 0009's triggers copy them back before they could differ.
        records.append((
            c.position, c.source_id, c.type, None, "; ".join(c.authors) or None, c.year,
            c.venue, c.volume, c.issue, c.pages, c.doi, c.pmid, c.pmcid, None, keywords,
            c.url, c.language, _raw_json(slim_raw(c)),
            _json(c.warnings) if c.warnings else None, 1,
        ))  # fmt: skip
    return Prepared(papers, records, venues, people)


def _next_id(review: Review, table: str) -> int:
    return (review.db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]) + 1


def _lookup(review: Review, sql: str, keys: list[str]) -> dict[str, tuple]:
    found: dict[str, tuple] = {}
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for row in review.db.execute(sql.format(marks=marks), chunk):
            found[row[0]] = tuple(row[1:])
    return found


class BulkWriter:
    """Writes batches of Citations of one import; call inside the import's transaction."""

    def __init__(self, review: Review, import_id: int, *, expected: int = 0):
        """`expected`: about how many records will come; when that is at least as many papers
        as the review holds, the secondary indexes of the tables written are dropped for the
        import and built again by `finish` (sorting once is cheaper than growing every index
        record by record; figures in docs/benchmarks.md, Import)."""
        self.review = review
        self.conn = review.db.conn
        self.import_id = import_id
        self.next_paper = _next_id(review, "papers")
        self.next_author = _next_id(review, "authors")
        self.next_venue = _next_id(review, "venues")
        self.authors: dict[str, list] = {}  # key -> [id, length of the given name kept]
        self.venues: dict[str, int] = {}
        self.stamp = now()
        # The FTS index is filled per batch with one INSERT ... SELECT, several times faster
        # than its per-row trigger; the trigger is dropped inside the import's transaction and
        # put back, word for word, by `finish` (a rollback restores it too).
        row = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'papers_ai'"
        ).fetchone()
        self._fts_trigger = row[0] if row else None
        if self._fts_trigger:
            self.conn.execute("DROP TRIGGER papers_ai")
        self._indexes: list[tuple[str, str]] = []
        if expected >= REBUILD_MIN_RECORDS and expected >= self.next_paper - 1:
            self._indexes = self.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({','.join(repr(t) for t in REBUILT_TABLES)}) ORDER BY name"
            ).fetchall()
            for name, _sql in self._indexes:
                self.conn.execute(f'DROP INDEX "{name}"')

    def finish(self) -> None:
        """Put the FTS trigger and any dropped index back, word for word (call before the
        transaction commits; a rollback restores them too)."""
        if self._fts_trigger:
            self.conn.execute(self._fts_trigger)
            self._fts_trigger = None
        for _name, sql in self._indexes:
            self.conn.execute(sql)
        self._indexes = []

    def _venue_ids(self, venues: list[tuple[str, str] | None]) -> list[int | None]:
        missing = sorted({v[0] for v in venues if v and v[0] not in self.venues})
        if missing:
            for key, (venue_id,) in _lookup(
                self.review,
                "SELECT alias_key, venue_id FROM venue_aliases WHERE alias_key IN ({marks})",
                missing,
            ).items():
                self.venues[key] = venue_id
            new_venues, new_aliases = [], []
            for venue in venues:
                if venue and venue[0] not in self.venues:
                    key, name = venue
                    self.venues[key] = self.next_venue
                    new_venues.append((self.next_venue, name))
                    new_aliases.append((key, self.next_venue, name))
                    self.next_venue += 1
            self.conn.executemany("INSERT INTO venues (id, name) VALUES (?, ?)", new_venues)
            self.conn.executemany(
                "INSERT INTO venue_aliases (alias_key, venue_id, alias) VALUES (?, ?, ?)",
                new_aliases,
            )
        known = self.venues
        return [known[v[0]] if v else None for v in venues]

    def _author_ids(self, people: list[list[tuple[str, str, str, str]]]) -> list[list[int]]:
        known_authors = self.authors
        keys = sorted({p[0] for group in people for p in group if p[0] not in known_authors})
        if keys:
            for key, (author_id, given) in _lookup(
                self.review,
                "SELECT al.alias_key, a.id, a.given FROM author_aliases al "
                "JOIN authors a ON a.id = al.author_id WHERE al.alias_key IN ({marks})",
                keys,
            ).items():
                known_authors[key] = [author_id, len(given or "")]
        new_authors, new_aliases, longer = [], [], []
        ids: list[list[int]] = []
        for group in people:
            row = []
            for key, family, given, initials in group:
                known = known_authors.get(key)
                if known is None:
                    known = known_authors[key] = [self.next_author, len(given)]
                    new_authors.append((self.next_author, family, given or None, initials, key))
                    new_aliases.append((key, self.next_author))
                    self.next_author += 1
                elif len(given) > known[1]:
                    known[1] = len(given)
                    longer.append((given, known[0]))
                row.append(known[0])
            ids.append(row)
        self.conn.executemany(
            "INSERT INTO authors (id, family, given, initials, key) VALUES (?, ?, ?, ?, ?)",
            new_authors,
        )
        self.conn.executemany(
            "INSERT INTO author_aliases (alias_key, author_id) VALUES (?, ?)", new_aliases
        )
        self.conn.executemany("UPDATE authors SET given = ? WHERE id = ?", longer)
        return ids

    def write(self, batch: list[Citation] | Prepared) -> list[int]:
        """Insert one paper and one record per citation (or per row of `prepare`d citations);
        return the new paper ids."""
        with collector.paused():
            return self._write(batch if isinstance(batch, Prepared) else prepare(batch))

    def _write(self, rows: Prepared) -> list[int]:
        if len(self.authors) > CACHE_LIMIT:
            self.authors.clear()
        if len(self.venues) > CACHE_LIMIT:
            self.venues.clear()
        venue_ids = self._venue_ids(rows.venues)
        author_ids = self._author_ids(rows.people)
        first = self.next_paper
        paper_ids = list(range(first, first + len(rows.papers)))
        self.next_paper = first + len(paper_ids)
        stamp, import_id = self.stamp, self.import_id
        papers = [
            (paper_id, venue_id, stamp, stamp, *paper)
            for paper_id, venue_id, paper in zip(paper_ids, venue_ids, rows.papers, strict=True)
        ]
        links = [
            (paper_id, i, author_id)
            for paper_id, ids in zip(paper_ids, author_ids, strict=True)
            for i, author_id in enumerate(ids)
        ]
        records = [
            (import_id, paper_id, *record)
            for paper_id, record in zip(paper_ids, rows.records, strict=True)
        ]
        self.conn.executemany(
            f"INSERT INTO papers ({_PAPER_COLUMNS}) VALUES ({','.join('?' * 20)})", papers
        )
        self.conn.executemany(
            "INSERT INTO paper_authors (paper_id, position, author_id) VALUES (?, ?, ?)", links
        )
        if self._fts_trigger and paper_ids:
            self.conn.execute(
                "INSERT INTO papers_fts (rowid, title, abstract, authors_text) "
                "SELECT id, title, abstract, authors_text FROM papers WHERE id BETWEEN ? AND ?",
                (paper_ids[0], paper_ids[-1]),
            )
        self.conn.executemany(
            f"INSERT INTO records ({_RECORD_COLUMNS}) VALUES ({','.join('?' * 22)})", records
        )
        return paper_ids
