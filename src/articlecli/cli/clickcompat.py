"""The one module that touches typer's private parts: the click exceptions typer 0.28
vendors as ``typer._click`` and does not re-export, and its number ranges, said here in
words. tests/test_architecture.py pins them, so a typer upgrade that moves them fails a
test rather than a user's command."""

from __future__ import annotations

from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.types import FloatRange, IntRange

__all__ = ["ClickException", "NoArgsIsHelpError", "UsageError", "at_least"]


class _WholeAtLeast(IntRange):
    def _describe_range(self) -> str:
        return f"{self.min} or more"


class _NumberAtLeast(FloatRange):
    def _describe_range(self) -> str:
        return f"{self.min:g} or more"


def at_least(minimum: float) -> IntRange | FloatRange:
    """A number option's type: ``minimum`` or more, a whole number if ``minimum`` is
    one. --help and an error say the range in words ("[default: 1; 1 or more]", "must
    be 1 or more, not 0") rather than as click writes it ("x>=1")."""
    if isinstance(minimum, int):
        return _WholeAtLeast(min=minimum)
    return _NumberAtLeast(min=minimum)
