-- Deduplication merges: what each merge moved, so that it can be undone exactly.
-- A merge never deletes anything: the merged-away paper keeps its row (papers.merged_into),
-- its records are re-pointed to the kept paper, and `undo` (JSON) lists the records moved,
-- the decisions appended, the tags added, the claim links moved and the kept paper's fields
-- before the merge. `undone_at` is set when the merge is undone.
CREATE TABLE merges (
    id INTEGER PRIMARY KEY,
    kept_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    dropped_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    pair_id INTEGER REFERENCES duplicate_pairs(id) ON DELETE SET NULL,
    rule TEXT,
    undo TEXT NOT NULL,
    merged_by TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX merges_kept ON merges(kept_id);
CREATE INDEX merges_dropped ON merges(dropped_id);
