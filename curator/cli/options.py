"""Options shared by the CLI's commands: the one spelling of a screening stage, and the check
that an output's extension is one the command writes."""

from __future__ import annotations

from pathlib import Path

import click

from curator.core.errors import CuratorError
from curator.core.review import STAGES

# As documented and shown in help (the core's stages, hyphenated); each also accepted with an
# underscore (title_abstract), the stage's internal name. Commands receive the internal name.
STAGE_NAMES = {stage.replace("_", "-"): stage for stage in STAGES}


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


def check_out_file(out: Path, suffixes: tuple[str, ...], command: str) -> None:
    """Refuse an output file whose extension `command` cannot write (one clear line)."""
    if out.suffix.lower() not in suffixes:
        given = f"a {out.suffix} file" if out.suffix else "a file without an extension"
        raise CuratorError(
            f"{out.name}: curator {command} cannot write {given}; give a {_or(suffixes)} file name"
        )


def check_out_folder(out: Path, command: str) -> None:
    """Refuse a file name where `command` writes a folder of files."""
    if out.is_file() or (out.suffix and not out.is_dir()):
        raise CuratorError(
            f"{out.name}: curator {command} writes a folder of files; give a folder name"
        )


def _or(suffixes: tuple[str, ...]) -> str:
    return suffixes[0] if len(suffixes) == 1 else ", ".join(suffixes[:-1]) + " or " + suffixes[-1]
