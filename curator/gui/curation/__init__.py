"""Curation panes: tagging included papers, the vocabulary, claims with graded evidence, questions.

`CurationWorkspace` (tagging + vocabulary) and `ClaimsWorkspace` (claims + open questions and
research-gap notes) are the two workspaces the main window registers. Every edit is one
undoable command over curator.core (see `edits.py` and curator.gui.undo).
"""

from curator.gui.curation.claims_workspace import ClaimsWorkspace
from curator.gui.curation.curation_workspace import CurationWorkspace

__all__ = ["ClaimsWorkspace", "CurationWorkspace"]
