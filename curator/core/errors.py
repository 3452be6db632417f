"""Errors a user can act on: the CLI prints them as one line, the GUI as a message.

Messages are written lower-case, as the CLI prints them after "curator: error: "; the window
shows them as sentences (`sentence`), so a dialog never opens on "a reviewer needs a name"."""


class CuratorError(Exception):
    """A problem with the user's input or files, described in words the user understands."""


class ValidationError(CuratorError):
    """A value that cannot be saved; `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def sentence(message: object) -> str:
    """`message` (an error or text) as a sentence: first letter capital, a full stop at the end."""
    text = str(message).strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…)\"'" else text + "."
