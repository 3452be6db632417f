"""Options shared by the CLI's commands: the one spelling of a screening stage."""

from __future__ import annotations

import click

# As documented and shown in help; each also accepted with an underscore (title_abstract),
# the stage's internal name. Commands receive the internal name.
STAGE_NAMES = {"title-abstract": "title_abstract", "full-text": "full_text"}


class StageChoice(click.Choice):
    """`title-abstract` or `full-text` (also `title_abstract`, `full_text`), as the internal
    stage name."""

    def __init__(self) -> None:
        super().__init__(list(STAGE_NAMES))

    def convert(self, value, param, ctx):
        if value in STAGE_NAMES.values():
            return value
        text = value.replace("_", "-") if isinstance(value, str) else value
        return STAGE_NAMES[super().convert(text, param, ctx)]


STAGE = StageChoice()
