"""Errors a user can act on: the CLI prints them as one line, the GUI as a message."""


class CuratorError(Exception):
    """A problem with the user's input or files, described in words the user understands."""


class ValidationError(CuratorError):
    """A value that cannot be saved; `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
