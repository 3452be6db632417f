"""What the relevance model learns from: the decision column of each stage and which
decisions count as relevant. Kept apart from curator.core.ranking.model so that code which only
needs these (the stopping test, the GUI at start-up) does not load scikit-learn."""

STAGE_COLUMNS = {"title_abstract": "ta_decision", "full_text": "ft_decision"}
# A 'maybe' goes on to the next stage like an include, so the model learns it as relevant.
POSITIVE = ("include", "maybe")
NEGATIVE = ("exclude",)
DEFAULT_SEED = 0
