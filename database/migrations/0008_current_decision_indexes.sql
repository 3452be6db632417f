-- The Library lists each paper by its current decision: the one at the latest stage decided
-- (its full-text decision when it has one, else its title/abstract decision), with that
-- stage. Before, a paper included at title/abstract showed the full-text stage "Undecided".
-- These indexes hold exactly curator.core.screening.decisions.CURRENT_STAGE_SQL and
-- CURRENT_DECISION_SQL (keep them in step: a test checks every sort is read in index order).
DROP INDEX papers_list_stage;
DROP INDEX papers_list_decision;
CREATE INDEX papers_list_stage ON papers((
    CASE WHEN ft_decision IS NOT NULL THEN 1 ELSE 0 END
)) WHERE merged_into IS NULL;
CREATE INDEX papers_list_decision ON papers((
    COALESCE(ft_decision, ta_decision)
)) WHERE merged_into IS NULL;
