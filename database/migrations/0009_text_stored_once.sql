-- Import speed (issue 16, item 6), without losing what a file said.
--
-- 1. An imported record's title and abstract are stored once. An import makes one paper per
--    record with the record's own title and abstract, so the record keeps them only in its
--    paper (`text_in_paper` = 1, its own columns NULL). The moment that would stop being
--    true, the triggers below copy the paper's text back into the record first: before the
--    paper's title or abstract changes (an edit, a merge taking the other record's title),
--    before the paper is deleted, and when the record moves to another paper (a merge). So a
--    record always reads as its file gave it; read records through the view `record_rows`,
--    which takes the text from the paper while the record shares it. Existing records keep
--    their own copy (`text_in_paper` = 0); nothing is rewritten.
ALTER TABLE records ADD COLUMN text_in_paper INTEGER NOT NULL DEFAULT 0
    CHECK (text_in_paper IN (0, 1));

CREATE TRIGGER papers_text_kept_by_records BEFORE UPDATE OF title, abstract ON papers
WHEN OLD.title IS NOT NEW.title OR OLD.abstract IS NOT NEW.abstract BEGIN
    UPDATE records SET title = OLD.title, abstract = OLD.abstract, text_in_paper = 0
    WHERE paper_id = OLD.id AND text_in_paper = 1;
END;

CREATE TRIGGER papers_text_kept_on_delete BEFORE DELETE ON papers BEGIN
    UPDATE records SET title = OLD.title, abstract = OLD.abstract, text_in_paper = 0
    WHERE paper_id = OLD.id AND text_in_paper = 1;
END;

CREATE TRIGGER records_text_kept_on_move AFTER UPDATE OF paper_id ON records
WHEN OLD.text_in_paper = 1 AND OLD.paper_id IS NOT NEW.paper_id BEGIN
    UPDATE records SET
        title = (SELECT title FROM papers WHERE id = OLD.paper_id),
        abstract = (SELECT abstract FROM papers WHERE id = OLD.paper_id),
        text_in_paper = 0
    WHERE id = NEW.id;
END;

CREATE VIEW record_rows AS
SELECT r.id, r.import_id, r.position, r.source_id, r.paper_id, r.type,
    CASE WHEN r.text_in_paper THEN p.title ELSE r.title END AS title,
    r.authors, r.year, r.venue, r.volume, r.issue, r.pages, r.doi, r.pmid, r.pmcid,
    CASE WHEN r.text_in_paper THEN p.abstract ELSE r.abstract END AS abstract,
    r.keywords, r.url, r.language, r.raw, r.warnings
FROM records r LEFT JOIN papers p ON p.id = r.paper_id;

-- 2. Indexes that others already serve, which every import had to keep up to date: the
--    Library's partial indexes (0003) serve title, year, venue and first-author lookups of the
--    listed papers, and papers_screening (merged_into, ta_decision, ft_decision) serves
--    merged_into and the decision lookups. Queries that need them say `merged_into IS NULL`
--    (tests/core/importers/test_text_stored_once.py and tests/core/test_library_order.py
--    check that the queries that matter use an index).
DROP INDEX papers_title;
DROP INDEX papers_year;
DROP INDEX papers_venue;
DROP INDEX papers_first_author;
DROP INDEX papers_ta_decision;
DROP INDEX papers_ft_decision;
DROP INDEX papers_merged_into;
