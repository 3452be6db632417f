-- Curator review file, schema version 1: the data model for the whole review.
-- Runs inside one transaction together with its PRAGMA user_version bump.

-- Review-level settings (title, strength scale, eligibility criteria, ...): JSON values.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Identification: searches, the files imported for them, and the records each file held.
CREATE TABLE searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    database TEXT,
    query TEXT,
    run_on TEXT,
    hits_reported INTEGER,
    notes TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    search_id INTEGER NOT NULL REFERENCES searches(id) ON DELETE RESTRICT,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT,
    records_read INTEGER NOT NULL DEFAULT 0,
    records_imported INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    report TEXT,
    column_mapping TEXT,
    imported_at TEXT NOT NULL,
    imported_by TEXT
);
CREATE INDEX imports_search ON imports(search_id);
CREATE INDEX imports_sha256 ON imports(sha256);

-- Venues (journals, proceedings) and the spellings that name them.
CREATE TABLE venues (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    abbreviation TEXT,
    issn TEXT
);
CREATE TABLE venue_aliases (
    alias_key TEXT PRIMARY KEY,
    venue_id INTEGER NOT NULL REFERENCES venues(id) ON DELETE CASCADE,
    alias TEXT NOT NULL
);
CREATE INDEX venue_aliases_venue ON venue_aliases(venue_id);

-- Authors: identity is the normalised surname plus initials (the key).
CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    family TEXT NOT NULL,
    given TEXT,
    initials TEXT NOT NULL DEFAULT '',
    key TEXT NOT NULL,
    orcid TEXT
);
CREATE INDEX authors_key ON authors(key);
CREATE TABLE author_aliases (
    alias_key TEXT PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE
);
CREATE INDEX author_aliases_author ON author_aliases(author_id);

-- Papers: one row per work after deduplication. A paper merged into another keeps its row
-- (merged_into) so that the merge can be undone; lists show papers with merged_into NULL.
-- ta_decision / ft_decision are the effective screening decision per stage, kept by triggers
-- on decisions so that a 100,000-paper library can sort and filter on them.
CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    abstract TEXT,
    year INTEGER,
    venue_id INTEGER REFERENCES venues(id) ON DELETE SET NULL,
    volume TEXT,
    issue TEXT,
    pages TEXT,
    doi TEXT,
    pmid TEXT,
    pmcid TEXT,
    url TEXT,
    keywords TEXT,
    type TEXT,
    language TEXT,
    publisher TEXT,
    authors_text TEXT NOT NULL DEFAULT '',
    first_author TEXT NOT NULL DEFAULT '',
    extra TEXT,
    is_key INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)),
    key_result TEXT,
    notes TEXT,
    rank_score REAL,
    manual_rank INTEGER,
    ta_decision TEXT,
    ft_decision TEXT,
    merged_into INTEGER REFERENCES papers(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX papers_doi ON papers(doi);
CREATE INDEX papers_pmid ON papers(pmid);
CREATE INDEX papers_year ON papers(year);
CREATE INDEX papers_venue ON papers(venue_id);
CREATE INDEX papers_merged_into ON papers(merged_into);
CREATE INDEX papers_first_author ON papers(first_author, year);
CREATE INDEX papers_title ON papers(title COLLATE NOCASE);
CREATE INDEX papers_ta_decision ON papers(ta_decision);
CREATE INDEX papers_ft_decision ON papers(ft_decision);

CREATE TABLE paper_authors (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE RESTRICT,
    PRIMARY KEY (paper_id, position)
);
CREATE INDEX paper_authors_author ON paper_authors(author_id);

-- Records: what each imported file held, in file order, with the source's own identifier.
-- Fields are the parsed, normalised citation; `raw` keeps the fields as the parser gave them.
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    source_id TEXT,
    paper_id INTEGER REFERENCES papers(id) ON DELETE SET NULL,
    type TEXT,
    title TEXT,
    authors TEXT,
    year INTEGER,
    venue TEXT,
    volume TEXT,
    issue TEXT,
    pages TEXT,
    doi TEXT,
    pmid TEXT,
    pmcid TEXT,
    abstract TEXT,
    keywords TEXT,
    url TEXT,
    language TEXT,
    raw TEXT,
    warnings TEXT,
    UNIQUE (import_id, position)
);
CREATE INDEX records_paper ON records(paper_id);
CREATE INDEX records_source_id ON records(source_id);
CREATE INDEX records_doi ON records(doi);

-- Deduplication: candidate pairs with their field scores and the rule that decided them.
CREATE TABLE duplicate_pairs (
    id INTEGER PRIMARY KEY,
    paper_a INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    paper_b INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    score REAL,
    scores TEXT,
    rule TEXT,
    status TEXT NOT NULL DEFAULT 'candidate'
        CHECK (status IN ('candidate', 'duplicate', 'not_duplicate', 'version')),
    decided_by TEXT,
    decided_at TEXT,
    CHECK (paper_a < paper_b),
    UNIQUE (paper_a, paper_b)
);
CREATE INDEX duplicate_pairs_b ON duplicate_pairs(paper_b);
CREATE INDEX duplicate_pairs_status ON duplicate_pairs(status);

-- Screening: exclusion reasons per stage and append-only decisions.
CREATE TABLE exclusion_reasons (
    id INTEGER PRIMARY KEY,
    stage TEXT NOT NULL CHECK (stage IN ('title_abstract', 'full_text')),
    label TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (stage, label)
);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('title_abstract', 'full_text')),
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL
        CHECK (decision IN ('include', 'exclude', 'maybe', 'not_retrieved', 'cleared')),
    reason_id INTEGER REFERENCES exclusion_reasons(id) ON DELETE RESTRICT,
    note TEXT,
    source TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX decisions_paper ON decisions(paper_id, stage, reviewer);

-- The latest decision per paper, stage and reviewer (kept by the trigger below).
CREATE TABLE screening_status (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    decision_id INTEGER NOT NULL,
    decision TEXT NOT NULL,
    reason_id INTEGER,
    PRIMARY KEY (paper_id, stage, reviewer)
);

CREATE TRIGGER decisions_append_only BEFORE UPDATE ON decisions BEGIN
    SELECT RAISE(ABORT, 'decisions are append-only');
END;

CREATE TRIGGER decisions_status AFTER INSERT ON decisions BEGIN
    INSERT INTO screening_status (paper_id, stage, reviewer, decision_id, decision, reason_id)
    VALUES (NEW.paper_id, NEW.stage, NEW.reviewer, NEW.id, NEW.decision, NEW.reason_id)
    ON CONFLICT (paper_id, stage, reviewer) DO UPDATE SET
        decision_id = excluded.decision_id,
        decision = excluded.decision,
        reason_id = excluded.reason_id;
    UPDATE papers SET ta_decision = (
        SELECT CASE WHEN COUNT(DISTINCT decision) > 1 THEN 'conflict' ELSE MAX(decision) END
        FROM screening_status
        WHERE paper_id = NEW.paper_id AND stage = 'title_abstract' AND decision != 'cleared'
    ) WHERE id = NEW.paper_id AND NEW.stage = 'title_abstract';
    UPDATE papers SET ft_decision = (
        SELECT CASE WHEN COUNT(DISTINCT decision) > 1 THEN 'conflict' ELSE MAX(decision) END
        FROM screening_status
        WHERE paper_id = NEW.paper_id AND stage = 'full_text' AND decision != 'cleared'
    ) WHERE id = NEW.paper_id AND NEW.stage = 'full_text';
END;

-- Keyword highlighting for screening.
CREATE TABLE highlight_terms (
    id INTEGER PRIMARY KEY,
    list TEXT NOT NULL CHECK (list IN ('include', 'exclude')),
    pattern TEXT NOT NULL,
    UNIQUE (list, pattern)
);

-- Curation: facets -> terms -> paper terms.
CREATE TABLE facets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    facet_id INTEGER NOT NULL REFERENCES facets(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES terms(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    definition TEXT,
    shortcut TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (facet_id, name)
);
CREATE TABLE paper_terms (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    term_id INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,
    PRIMARY KEY (paper_id, term_id)
);
CREATE INDEX paper_terms_term ON paper_terms(term_id);

-- Claims with graded evidence and ordered linked papers.
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    strength TEXT,
    reasoning TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE claim_papers (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    relation TEXT CHECK (relation IN ('supports', 'contradicts', 'context')),
    PRIMARY KEY (claim_id, paper_id)
);
CREATE INDEX claim_papers_paper ON claim_papers(paper_id);
CREATE TABLE claim_grade (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    domain TEXT NOT NULL,
    judgement TEXT,
    reason TEXT,
    PRIMARY KEY (claim_id, domain)
);

-- Open research questions and the free-text sections of the report.
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL CHECK (length(trim(question)) > 0),
    why TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE report_sections (
    key TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

-- Audit log of every change: who, when, what, before and after (JSON).
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_table_row ON audit(table_name, row_id);

-- Full-text search over title, abstract and authors (sqlite-utils' FTS5 layout).
CREATE VIRTUAL TABLE papers_fts USING FTS5 (
    title, abstract, authors_text,
    tokenize='unicode61 remove_diacritics 2',
    content="papers"
);
CREATE TRIGGER papers_ai AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts (rowid, title, abstract, authors_text)
    VALUES (new.rowid, new.title, new.abstract, new.authors_text);
END;
CREATE TRIGGER papers_ad AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors_text)
    VALUES ('delete', old.rowid, old.title, old.abstract, old.authors_text);
END;
CREATE TRIGGER papers_au AFTER UPDATE OF title, abstract, authors_text ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors_text)
    VALUES ('delete', old.rowid, old.title, old.abstract, old.authors_text);
    INSERT INTO papers_fts (rowid, title, abstract, authors_text)
    VALUES (new.rowid, new.title, new.abstract, new.authors_text);
END;
