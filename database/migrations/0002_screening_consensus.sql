-- Screening: a conflict can be resolved. The pseudo-reviewer '(consensus)' records the
-- team's resolution; when it has a current decision at a stage, that decision is the paper's
-- effective one there, whatever the individual reviewers said (their decisions stay, so
-- agreement statistics still see them). Also an index for per-reviewer queues and filters.

DROP TRIGGER decisions_status;

CREATE TRIGGER decisions_status AFTER INSERT ON decisions BEGIN
    INSERT INTO screening_status (paper_id, stage, reviewer, decision_id, decision, reason_id)
    VALUES (NEW.paper_id, NEW.stage, NEW.reviewer, NEW.id, NEW.decision, NEW.reason_id)
    ON CONFLICT (paper_id, stage, reviewer) DO UPDATE SET
        decision_id = excluded.decision_id,
        decision = excluded.decision,
        reason_id = excluded.reason_id;
    UPDATE papers SET ta_decision = COALESCE(
        (SELECT decision FROM screening_status
         WHERE paper_id = NEW.paper_id AND stage = 'title_abstract'
           AND reviewer = '(consensus)' AND decision != 'cleared'),
        (SELECT CASE WHEN COUNT(DISTINCT decision) > 1 THEN 'conflict' ELSE MAX(decision) END
         FROM screening_status
         WHERE paper_id = NEW.paper_id AND stage = 'title_abstract'
           AND reviewer != '(consensus)' AND decision != 'cleared')
    ) WHERE id = NEW.paper_id AND NEW.stage = 'title_abstract';
    UPDATE papers SET ft_decision = COALESCE(
        (SELECT decision FROM screening_status
         WHERE paper_id = NEW.paper_id AND stage = 'full_text'
           AND reviewer = '(consensus)' AND decision != 'cleared'),
        (SELECT CASE WHEN COUNT(DISTINCT decision) > 1 THEN 'conflict' ELSE MAX(decision) END
         FROM screening_status
         WHERE paper_id = NEW.paper_id AND stage = 'full_text'
           AND reviewer != '(consensus)' AND decision != 'cleared')
    ) WHERE id = NEW.paper_id AND NEW.stage = 'full_text';
END;

CREATE INDEX screening_status_stage ON screening_status(stage, reviewer, decision_id, decision);

-- Screening counts (progress, PRISMA) over 100,000 papers read this index only, never the
-- wide papers rows with their abstracts.
CREATE INDEX papers_screening ON papers(merged_into, ta_decision, ft_decision);
