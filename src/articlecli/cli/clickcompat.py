"""The one module that touches typer's private parts: the click exceptions typer 0.28
vendors as ``typer._click`` and does not re-export. tests/test_architecture.py pins
them, so a typer upgrade that moves them fails a test rather than a user's command."""

from __future__ import annotations

from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

__all__ = ["ClickException", "NoArgsIsHelpError", "UsageError"]
