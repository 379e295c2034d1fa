"""The config file, ``$XDG_CONFIG_HOME/articlecli/config.toml`` (``ARTICLECLI_CONFIG``
names another), and how its settings, the environment and the command line's
options combine: an option wins over the environment, which wins over the file.

Reading it costs one ``stat`` when there is no file; tomllib is imported only for
a file that exists.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import BadConfig
from ..ui.terminal import NARROWEST, Environment

CONFIG_VARIABLE = "ARTICLECLI_CONFIG"
MAX_CONFIG_BYTES = 1 << 20


class Color(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Theme(str, Enum):
    DARK = "dark"
    LIGHT = "light"


class Config(NamedTuple):  # not a dataclass: made on every start, at a fifth of the cost
    """The settings a config file gives; None where it gives none."""

    data: Path | None = None
    width: int | None = None
    color: Color | None = None
    theme: Theme | None = None
    pager: str | bool | None = None  # a command, or false for no paging


def config_path() -> Path:
    named = os.environ.get(CONFIG_VARIABLE)
    if named:
        expanded = _expanded(named)
        if expanded is None:
            raise BadConfig(named, None, f"no such home folder (named by ${CONFIG_VARIABLE})")
        return expanded
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    folder = Path(base) if Path(base).is_absolute() else Path.home() / ".config"
    return folder / "articlecli" / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """The settings in the config file; none when there is no file (unless
    ARTICLECLI_CONFIG names one, which must then exist)."""
    path = path or config_path()
    name = str(path)
    try:
        if path.is_dir() or (path.exists() and not path.is_file()):
            raise BadConfig(name, None, "cannot read it: not a regular file")
        with path.open("rb") as stream:
            raw = stream.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        if os.environ.get(CONFIG_VARIABLE):
            raise BadConfig(name, None, f"no such file (named by ${CONFIG_VARIABLE})") from None
        return Config()
    except OSError as error:
        raise BadConfig(name, None, f"cannot read it: {error.strerror or error}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise BadConfig(name, None, f"larger than {MAX_CONFIG_BYTES // 1024} KB; is it the "
                        "right file?")
    return parse_config(raw, path)


def parse_config(raw: bytes, path: Path) -> Config:
    from ..tomltext import TomlError, read_toml

    name = str(path)
    try:
        table = read_toml(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadConfig(name, None, "not UTF-8 text") from None
    except TomlError as error:
        raise BadConfig(name, None, f"not valid TOML: {error}") from None
    unknown = sorted(set(table) - set(_READERS))
    if unknown:
        raise BadConfig(name, unknown[0], f"one of the keys {', '.join(_READERS)}",
                        "an unknown key")
    values = {key: _READERS[key](name, key, value, path) for key, value in table.items()}
    return Config(**values)


def _got(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, str)):
        return repr(value) if isinstance(value, str) else str(value)
    return f"a {type(value).__name__}"


def _data(name: str, key: str, value: Any, path: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise BadConfig(name, key, "a path to an article file or folder (text)", _got(value))
    given = _expanded(value)
    if given is None:
        raise BadConfig(name, key, "a path whose ~ names a home folder", _got(value))
    return given if given.is_absolute() else path.parent / given


def _expanded(text: str) -> Path | None:
    """``text`` as a path with ``~`` expanded; None for ``~user`` of no user (Path's
    RuntimeError, not an OSError)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return None


def _width(name: str, key: str, value: Any, path: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadConfig(name, key, "a whole number of columns, 0 for no wrapping", _got(value))
    return value


def _choice(choices: type[Color] | type[Theme]) -> Any:
    def read(name: str, key: str, value: Any, path: Path) -> Color | Theme:
        allowed = [choice.value for choice in choices]
        if not isinstance(value, str) or value.lower() not in allowed:
            raise BadConfig(name, key, " or ".join(f'"{choice}"' for choice in allowed),
                            _got(value))
        return choices(value.lower())

    return read


def _pager(name: str, key: str, value: Any, path: Path) -> str | bool:
    if not isinstance(value, (str, bool)):
        raise BadConfig(name, key, 'a command such as "less", or false for no paging',
                        _got(value))
    return value


_READERS = {"data": _data, "width": _width, "color": _choice(Color), "theme": _choice(Theme),
            "pager": _pager}



def _at_least_narrowest(width: int) -> int:
    """A wrap width of 1 to 19 columns is 20 (0 stays no wrapping): narrower, a label
    such as "Q:" would leave its text no room at all, and the text would be lost."""
    return width and max(width, NARROWEST)


def apply(env: Environment, config: Config, *, color: Color | None, width: int | None,
          theme: Theme | None, pager: bool | None) -> None:
    """Settle the display settings on ``env``: each option given wins, then the
    environment (NO_COLOR, FORCE_COLOR, ARTICLECLI_PAGER, PAGER), then the file."""
    if color is None and not (env.no_color or env.force_color):
        color = config.color
    if color is not None:
        env.color = color.value
    if width is not None:
        env.wrap, env.wrap_pipes = _at_least_narrowest(width), True
    elif config.width is not None:
        env.wrap = _at_least_narrowest(config.width)  # a terminal's cap: pipes stay unwrapped
    env.theme = (theme or config.theme or Theme.DARK).value
    if pager is not None:
        env.pager = pager
    elif config.pager is False and env.pager is None:
        env.pager = False
    if isinstance(config.pager, str):
        env.pager_command = config.pager
