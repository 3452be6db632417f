"""What a core mutation changed, so each pane refreshes only what it must (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    papers: bool = False
    decisions: bool = False
    searches: bool = False
    facets: bool = False
    tags: bool = False
    claims: bool = False
    questions: bool = False
    sections: bool = False
    settings: bool = False
    id: int | None = None

    def __or__(self, other: Changes) -> Changes:
        merged = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "id"
        }
        return Changes(**merged, id=self.id if self.id is not None else other.id)

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "id")
