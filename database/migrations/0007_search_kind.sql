-- Where a search's records came from, as PRISMA 2020 counts them: a bibliographic database,
-- a study register, or one of the "other methods" (websites, organisations, citation
-- searching), whose records the flow diagram counts in their own column. Every existing
-- search was a database search.
ALTER TABLE searches ADD COLUMN kind TEXT NOT NULL DEFAULT 'database'
    CHECK (kind IN ('database', 'register', 'website', 'organisation', 'citation'));
