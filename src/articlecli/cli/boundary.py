"""The one place where exceptions become exit statuses and one-line messages."""

from __future__ import annotations

import contextlib
import re
import traceback
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from typer import Abort

from ..errors import ArticleError
from ..ui.render import error_line
from ..ui.terminal import Environment, Interrupted, OutputClosed, OutputFailed, write
from .clickcompat import ClickException, NoArgsIsHelpError
from .clickcompat import UsageError as ClickUsageError
from .messages import describe
from .status import ExitStatus


def run_guarded(program: Callable[[], Any], env: Environment,
                argv: Sequence[str] = ()) -> int:
    """Run ``program`` and return its exit status; never let a traceback escape.
    ``argv``: the command line's words, for the hint to a misplaced option."""
    try:
        result = program()
    except NoArgsIsHelpError as error:  # no command: a usage error, as in click 8.2
        return _fail(env, _no_command(error), ExitStatus.USAGE)
    except ClickUsageError as error:
        if error.message == "Missing command." and error.ctx is not None \
                and getattr(error.ctx.command, "commands", None):  # "articlecli --debug"
            return _fail(env, _no_command(error), ExitStatus.USAGE)
        hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
        return _fail(env, _plain(error.format_message()) + _misplaced(error, argv) + hint,
                     ExitStatus.USAGE)
    except ClickException as error:
        return _fail(env, error.format_message(), ExitStatus.USAGE)
    except ArticleError as error:
        if env.debug:
            traceback.print_exc(file=env.stderr)
        return _fail(env, *describe(error))
    except OutputClosed:
        return ExitStatus.OK
    except Interrupted:  # Ctrl-C at the ask prompt: the reader's way out, said nothing more
        return ExitStatus.INTERRUPTED
    except OutputFailed as error:
        return _fail(env, str(error), ExitStatus.USAGE)
    except (KeyboardInterrupt, Abort):
        return _fail(env, "interrupted", ExitStatus.INTERRUPTED)
    except Exception as error:  # a bug: still one line, and the traceback on request
        if env.debug:
            traceback.print_exc(file=env.stderr)
        return _fail(env, f"internal error: {type(error).__name__}: {error} "
                     "(run with --debug for the traceback)", ExitStatus.INTERNAL)
    if result == ExitStatus.INTERRUPTED:
        # typer turns a KeyboardInterrupt inside a command into a silent Exit(130).
        return _fail(env, "interrupted", ExitStatus.INTERRUPTED)
    return result if isinstance(result, int) else ExitStatus.OK


# click names the type a number option wants as a programmer would.
_TYPE_NAMES = {"is not a valid int range.": "is not a whole number.",
               "is not a valid integer range.": "is not a whole number.",
               "is not a valid float range.": "is not a number.",
               "is not a valid integer.": "is not a whole number.",
               "is not a valid float.": "is not a number."}


@lru_cache(maxsize=1)
def _out_of_range() -> re.Pattern[str]:
    """click's "-1 is not in the range 0 or more." (the range in words:
    clickcompat.at_least), to say as "must be 0 or more, not -1.": compiled for a
    usage error, not on every start."""
    return re.compile(r"(?P<value>\S+) is not in the range (?P<range>.+?)\.(?=\s|$)")


def _plain(message: str) -> str:
    for name, plain in _TYPE_NAMES.items():
        message = message.replace(name, plain)
    return _out_of_range().sub(r"must be \g<range>, not \g<value>.", message)


def _misplaced(error: ClickUsageError, argv: Sequence[str]) -> str:
    """For an option of articlecli itself given after a command (``list --data x``),
    or of a command given before it (``-a x read``), where it goes instead; git's
    options work the same way."""
    name = getattr(error, "option_name", None)  # a NoSuchOption's
    if not name or error.ctx is None:
        return ""
    if error.ctx.parent is None:
        typed = _command_typed(error.ctx, argv)
        command = getattr(error.ctx.command, "commands", {}).get(typed)
        value = _option_value(command.params, name) if command else None
        return "" if value is None else \
            f"; {name} goes after the command: '{error.ctx.command_path} {typed} {name}{value}'"
    root = error.ctx.find_root()
    value = _option_value(root.command.params, name)
    if value is None:
        return ""
    command = error.ctx.command_path.removeprefix(root.command_path).strip()
    return f"; {name} goes before the command: '{root.command_path} {name}{value} {command}'"


def _option_value(params: Sequence[Any], name: str) -> str | None:
    """How the option ``name`` among ``params`` is written after its name: " ..." for
    one that takes a value, "" for a flag; None if none of them is ``name``."""
    found = [param for param in params if name in (*param.opts, *param.secondary_opts)]
    if not found:
        return None
    return "" if getattr(found[0], "is_flag", False) else " ..."


def _command_typed(ctx: Any, argv: Sequence[str]) -> str | None:
    """The command named in ``argv``: its first word that names one and is not the
    value of an option of articlecli's own ("--data list search x" runs search)."""
    commands = getattr(ctx.command, "commands", {})
    taking = {name for param in ctx.command.params if not getattr(param, "is_flag", True)
              for name in param.opts}
    words = iter(argv)
    for word in words:
        if word in taking:
            next(words, None)
        elif word in commands:
            return str(word)
    return None


def _no_command(error: ClickUsageError) -> str:
    path = error.ctx.command_path if error.ctx else "articlecli"
    group = getattr(error.ctx.command, "commands", {}) if error.ctx else {}
    names = ", ".join(group)
    return f"no command given; one of: {names} (see '{path} --help')" if names else \
        f"no command given (see '{path} --help')"


def _fail(env: Environment, message: str, status: int) -> int:
    with contextlib.suppress(OutputClosed):
        write(env.stderr, error_line(message))
    return status
