-- The full-text index keeps which papers hold each word, not where in them (detail=none).
-- Library search only asks for papers holding every typed word as a prefix (no phrases, no
-- NEAR, no snippets), which detail=none answers; the index is a fifth of the size and the
-- import's fill about a third cheaper (docs/benchmarks.md, Import, third round). The
-- triggers keep their bodies (they name the table, not its options); the index is rebuilt
-- from the papers.
DROP TABLE papers_fts;
CREATE VIRTUAL TABLE papers_fts USING FTS5 (
    title, abstract, authors_text,
    tokenize='unicode61 remove_diacritics 2',
    content="papers",
    detail=none
);
INSERT INTO papers_fts (papers_fts) VALUES ('rebuild');
