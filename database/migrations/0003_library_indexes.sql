-- Indexes that let the Library list, sort and count 100,000 papers without reading the wide
-- paper rows (abstracts). Each is partial over the listed papers (merged_into IS NULL) and
-- covers one sort key of curator.core.library.SORT_COLUMNS; the stage and decision ones
-- index exactly the expressions STAGE_SQL and DECISION_SQL (keep them in step: a test checks
-- that every sort is read in index order).
CREATE INDEX papers_list_citation ON papers(first_author COLLATE NOCASE, year)
    WHERE merged_into IS NULL;
CREATE INDEX papers_list_title ON papers(title COLLATE NOCASE) WHERE merged_into IS NULL;
CREATE INDEX papers_list_year ON papers(year) WHERE merged_into IS NULL;
CREATE INDEX papers_list_venue ON papers(venue_id) WHERE merged_into IS NULL;
CREATE INDEX papers_list_screening ON papers(ta_decision, ft_decision, is_key)
    WHERE merged_into IS NULL;
CREATE INDEX papers_list_stage ON papers((
    CASE WHEN ft_decision IS NOT NULL OR ta_decision IN ('include', 'maybe')
    THEN 1 ELSE 0 END
)) WHERE merged_into IS NULL;
CREATE INDEX papers_list_decision ON papers((
    CASE WHEN ft_decision IS NOT NULL THEN ft_decision
    WHEN ta_decision IN ('include', 'maybe') THEN NULL ELSE ta_decision END
)) WHERE merged_into IS NULL;
CREATE INDEX venues_name ON venues(name COLLATE NOCASE);
