-- GRADE: a claim's starting level of certainty. NULL means "from the linked papers' designs"
-- (randomised evidence starts high, observational low); 'high' or 'low' is the curator's
-- override, which must say why (grade_start_reason). The certainty itself is not stored: it
-- is computed from the start and the domain judgements in claim_grade
-- (curator.core.curation.grade).
ALTER TABLE claims ADD COLUMN grade_start TEXT CHECK (grade_start IN ('high', 'low'));
ALTER TABLE claims ADD COLUMN grade_start_reason TEXT;
