"""Hardening, round 2 (issue 14): 22 ways a hostile library, file name, locale,
cache or input could crash, hang, mislead or inject. One test (or a few) per case,
numbered as in the issue; each asserts what a user would notice."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import resource
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from articlecli.articles.loader import MAX_BYTES_VARIABLE, dump_yaml, load_article
from articlecli.model import Section
from articlecli.store import db, location

from .conftest import BUNDLED, REPO, run_cli
from .test_cache import no_parsing

ARTICLE = load_article(BUNDLED)
PLAIN_ARTICLE = REPO / "tests" / "fixtures" / "volcano.txt"
TIMEOUT = 30
SGR = re.compile("\x1b\\[[0-9;]*m")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and streams")


def settle(path: Path, moment: int | None = None) -> None:
    """A modification time safely in the past, as the cache trusts."""
    moment = moment or time.time_ns() - 3_600 * 10**9
    os.utime(path, ns=(moment, moment))


def article_file(path: Path | bytes, title: str = "Title") -> None:
    """A well-formed article at ``path`` (a str path or the bytes of one)."""
    with open(path, "w", encoding="utf-8") as stream:  # noqa: PTH123 - bytes paths too
        stream.write(dump_yaml(replace(ARTICLE, title=title)))


def library(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir(exist_ok=True)
    for name in names:
        article_file(folder / name, name.split(".")[0])
        settle(folder / name)
    return folder


def program(*args: str | bytes, env: dict[str, str] | None = None, stdin: bytes = b"",
            shell_redirect: str = "") -> subprocess.CompletedProcess[bytes]:
    """articlecli in its own process (locale, closed streams and hangs need one), with
    at most 2 GB of memory so that a test of a memory bomb cannot take the machine."""
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("ARTICLECLI_") and name not in ("NO_COLOR", "PAGER")}
    environment.update(env or {})
    command: list[str | bytes] = [sys.executable, "-m", "articlecli", *args]
    if shell_redirect:  # e.g. ">&-": run through sh to close a standard stream
        command = ["sh", "-c", f'exec "$@" {shell_redirect}', "sh", *command]

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run(command, input=stdin, capture_output=True, env=environment,
                          timeout=TIMEOUT, check=False, preexec_fn=limit_memory)


def one_error_line(stderr: str | bytes, status: int = 2) -> str:
    text = stderr.decode("utf-8") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text
    assert len(text.splitlines()) == 1, text
    assert text.startswith("articlecli: error: "), text
    return text


# --- 1: file names on a colour terminal -------------------------------------------------

HOSTILE_NAMES = ["\x1b]52;c;ZWNobyBwd25lZA==\x1b\\x.yaml", "\x1b[8mhidden.yaml",
                 "evil\u202elmth.exe.yaml"]


@posix_only
@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) for a real tty")
def test_01_hostile_file_names_are_escaped_on_a_colour_terminal(tmp_path: Path) -> None:
    folder = library(tmp_path, *HOSTILE_NAMES)
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("ARTICLECLI_") and name != "NO_COLOR"}
    environment.update(TERM="xterm-256color", COLUMNS="100", XDG_CACHE_HOME=str(tmp_path / "c"))
    line = shlex.join([sys.executable, "-m", "articlecli", "--data", str(folder), "list"])
    done = subprocess.run(["script", "-qc", line, "/dev/null"], capture_output=True,
                          env=environment, timeout=TIMEOUT, check=False)
    shown = done.stdout.decode("utf-8")
    assert done.returncode == 0
    assert "\x1b[1m" in shown or "\x1b[36m" in shown, "not styled: not a real terminal"
    bare = SGR.sub("", shown)
    assert "\x1b" not in bare and "\u202e" not in bare, "a raw escape reached the terminal"
    for escaped in ("\\x1b]52;c;ZWNobyBwd25lZA==\\x1b\\x", "\\x1b[8mhidden", "evil\\u202elmth"):
        assert escaped in bare


# --- 2, 3: the cache tells files apart ---------------------------------------------------

def test_02_same_name_in_two_folders_of_the_current_folder(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for folder, title in (("world", "World"), ("local", "Local")):  # the same size
        (tmp_path / folder).mkdir()
        article_file(tmp_path / folder / "story.yaml", title)
        settle(tmp_path / folder / "story.yaml", 1_600_000_000 * 10**9)  # and time
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        listed = run_cli("--data", ".", "list")
        assert listed.status == 0
        rows = {line.split()[0]: line for line in listed.stdout.splitlines()}
        assert "Local" in rows["local/story"] and "World" in rows["world/story"]


def test_03_a_file_replaced_keeping_size_and_time_is_read_again(tmp_path: Path) -> None:
    folder = library(tmp_path)
    target = folder / "story.yaml"
    article_file(target, "AAAA")
    settle(target)
    assert "AAAA" in run_cli("--data", str(folder), "list").stdout
    other = tmp_path / "other.yaml"
    article_file(other, "BBBB")  # the same size; then as cp -p would leave it
    status = target.stat()
    os.utime(other, ns=(status.st_atime_ns, status.st_mtime_ns))
    other.replace(target)
    assert "BBBB" in run_cli("--data", str(folder), "list").stdout


# --- 4, 5, 6: bytes that are not UTF-8, and other locales -------------------------------

STRICT_UTF8 = {"PYTHONIOENCODING": "utf-8:strict", "PYTHONUTF8": "0"}  # as en_US.UTF-8
UTF8_MODE = {"PYTHONUTF8": "1"}  # as C.UTF-8


@posix_only
def test_04_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = library(tmp_path, "other.yaml")
    article_file(os.fsencode(folder) + b"/caf\xe9.yaml", "Cafe")
    cache_env = {"XDG_CACHE_HOME": str(tmp_path / "c")}
    for args in (["list"], ["search", "Putin"], ["ask", "-a", "caf\udce9", "what did Putin say"]):
        done = program("--data", str(folder), *args, env={**STRICT_UTF8, **cache_env})
        assert done.returncode == 0, done.stderr
        assert "caf\\xe9" in done.stdout.decode("utf-8")
    listed = program("--data", str(folder), "list", "--json", env={**UTF8_MODE, **cache_env})
    assert listed.returncode == 0
    ids = [entry["id"] for entry in json.loads(listed.stdout.decode("utf-8"))]
    assert "caf\udce9" in ids  # exact: \udce9 in the JSON, as Python reads the name


@posix_only
def test_05_questions_that_are_not_utf8(tmp_path: Path) -> None:
    environment = {**STRICT_UTF8, "XDG_CACHE_HOME": str(tmp_path / "c")}
    piped = program("ask", stdin=b"qu\xe9 dijo\n", env=environment)
    assert piped.returncode == 1, piped.stderr
    assert b"qu\\xe9 dijo" in piped.stdout
    typed = program("ask", b"zzqx \xff", env=environment)
    assert typed.returncode == 1, typed.stderr
    assert b"zzqx \\xff" in typed.stdout


@posix_only
@pytest.mark.parametrize("args", [["read"], ["search", "Putin"], ["export", "-f", "markdown"]])
def test_06_output_in_a_latin1_locale(tmp_path: Path, args: list[str]) -> None:
    done = program(*args, env={"PYTHONIOENCODING": "iso-8859-1",
                               "XDG_CACHE_HOME": str(tmp_path / "c")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("iso-8859-1").strip()


def test_06_the_bundled_article_really_has_characters_latin1_lacks() -> None:
    with pytest.raises(UnicodeEncodeError):
        BUNDLED.read_text(encoding="utf-8").encode("iso-8859-1")


# --- 7: closed standard streams --------------------------------------------------------

@posix_only
def test_07_closed_standard_streams_keep_the_documented_status(tmp_path: Path) -> None:
    environment = {"XDG_CACHE_HOME": str(tmp_path / "c")}
    no_stdout = program("read", "--toc", shell_redirect=">&-", env=environment)
    assert no_stdout.returncode == 2
    assert "cannot write" in one_error_line(no_stdout.stderr)
    no_stdin = program("ask", shell_redirect="<&-", env=environment)
    assert (no_stdin.returncode, no_stdin.stderr) == (0, b"")  # as from an empty file
    no_stderr = program("--data", str(tmp_path / "nonexistent"), "read", shell_redirect="2>&-",
                        env=environment)
    assert no_stderr.returncode == 2


# --- 8, 10: huge numbers ------------------------------------------------------------------

@pytest.mark.parametrize("limit", ["100000000000", str(2**63 - 1), "9" * 5000])
def test_08_a_huge_size_limit_is_just_no_limit(monkeypatch: pytest.MonkeyPatch,
                                               limit: str) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, limit)
    outcome = run_cli("--no-cache", "read")
    assert outcome.status == 0, outcome.stderr
    assert outcome.stdout.startswith(ARTICLE.title)
    piped = run_cli("import", "-", stdin=PLAIN_ARTICLE.read_text(encoding="utf-8"))
    assert piped.status == 0, piped.stderr


def test_10_a_section_number_of_5000_digits() -> None:
    outcome = run_cli("read", "9" * 5000)
    assert outcome.status == 2
    line = one_error_line(outcome.stderr)
    assert "no section matches '999" in line
    assert len(line) < 200  # a short excerpt of what was typed, not all of it


# --- 9, 20: links at the output ---------------------------------------------------------

def refused_import(output: Path) -> str:
    """The error line of ``import -o OUTPUT`` (without --force), which must refuse."""
    outcome = run_cli("import", str(PLAIN_ARTICLE), "-o", str(output))
    assert outcome.status == 2
    return one_error_line(outcome.stderr)


@posix_only
def test_09_an_output_link_that_loops(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    assert os.strerror(errno.ELOOP) in refused_import(loop)


@posix_only
def test_20_an_output_link_to_a_missing_file_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.symlink_to("missing.yaml")
    assert "link to a missing file" in refused_import(out)
    assert not (tmp_path / "missing.yaml").exists()
    forced = run_cli("import", str(PLAIN_ARTICLE), "-o", str(out), "--force")
    assert forced.status == 0, forced.stderr
    assert out.is_symlink() and (tmp_path / "missing.yaml").is_file()


# --- 11, 16: walking the library ----------------------------------------------------------

def test_11_a_library_nested_a_thousand_folders_deep(tmp_path: Path) -> None:
    folder = library(tmp_path, "top.yaml")
    deep = folder
    for _ in range(1000):  # Path.mkdir(parents=True) would recurse too deep itself
        deep /= "d"
        deep.mkdir()
    article_file(deep / "bottom.yaml", "Bottom")
    try:
        listed = run_cli("--data", str(folder), "list")
        assert listed.status == 0, listed.stderr
        assert "Bottom" in listed.stdout and "top" in listed.stdout
        checked = run_cli("validate", str(folder))
        assert checked.status == 0, checked.stderr
        assert "2 files checked" in checked.stderr
    finally:  # shutil.rmtree (and so pytest's clean-up) recurses: remove it from below
        (deep / "bottom.yaml").unlink()
        while deep != folder:
            deep.rmdir()
            deep = deep.parent


def test_16_an_unreadable_folder_is_reported(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = library(tmp_path, "good.yaml")
    locked = folder / "locked"
    locked.mkdir()
    article_file(locked / "hidden.yaml")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: make the failure happen
            real, real_open = os.scandir, os.open

            def scandir(path: str | int) -> object:
                if not isinstance(path, int) and Path(path) == locked:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
                return real(path)

            def open_folder(path: str, flags: int, *args: Any) -> int:  # the walk opens it
                if Path(path) == locked:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
                return real_open(path, flags, *args)

            monkeypatch.setattr(os, "scandir", scandir)
            monkeypatch.setattr(os, "open", open_folder)
        listed = run_cli("--data", str(folder), "list")
        assert listed.status == 0
        assert "good" in listed.stdout
        assert f"warning: skipped {locked}" in listed.stderr
        assert os.strerror(errno.EACCES) in listed.stderr
        checked = run_cli("validate", str(folder))
        assert checked.status == 1
        assert str(locked) in checked.stdout
    finally:
        locked.chmod(0o755)


# --- 12, 14, 17, 19: the cache ---------------------------------------------------------------

@posix_only
@pytest.mark.parametrize("hostile", ["sparse-40GB", "link-to-dev-zero", "fifo", "garbage",
                                     "forged-records", "wal-is-a-fifo"])
def test_12_a_hostile_database_is_moved_aside_or_read_safely(tmp_path: Path,
                                                             hostile: str) -> None:
    folder = library(tmp_path, "a.yaml", "b.yaml")
    environment = {"XDG_CACHE_HOME": str(tmp_path / "c")}
    first = program("--data", str(folder), "ask", "--json", "what did Putin say",
                    env=environment)
    assert first.returncode == 0
    [file] = (tmp_path / "c" / "articlecli").glob("*.sqlite")
    if hostile == "forged-records":  # each article's record too deep to decode
        with contextlib.closing(sqlite3.connect(file)) as forged:
            forged.execute("UPDATE articles SET data = ?", ("[" * 100_000,))
            forged.commit()
    elif hostile == "wal-is-a-fifo":
        os.mkfifo(file.with_name(file.name + "-wal"))
    else:
        file.unlink()
        if hostile == "sparse-40GB":
            with file.open("wb") as stream:
                stream.truncate(40 << 30)
        elif hostile == "link-to-dev-zero":
            file.symlink_to("/dev/zero")
        elif hostile == "fifo":
            os.mkfifo(file)
        else:
            file.write_bytes(b"\xff" * 100_000)
    again = program("--data", str(folder), "ask", "--json", "what did Putin say",
                    env=environment)
    assert (again.returncode, again.stdout) == (0, first.stdout)
    if hostile == "forged-records":
        assert again.stderr == b""
    else:
        assert again.stderr.decode().count("\n") == 1 and b"moved aside" in again.stderr
        assert list(file.parent.glob("*.broken-*"))


@posix_only
def test_14_a_build_killed_at_any_moment_leaves_no_stray_files(tmp_path: Path) -> None:
    """SQLite writes in place, under its journal: a killed writer leaves nothing but the
    database and its WAL, which the next run uses (test_store.py kills a real build)."""
    folder = library(tmp_path, "a.yaml")
    store = tmp_path / "cache" / "articlecli"
    legacy = [store / ".lib-0000.articles.999999999.tmp", store / "lib-0000.index"]
    store.mkdir(parents=True)
    for path in legacy:  # what the JSON cache of earlier versions left behind
        path.write_bytes(b"x" * 1000)
    assert run_cli("--data", str(folder), "list").status == 0
    assert not any(path.exists() for path in legacy)
    assert [path.suffix for path in store.iterdir()] == [".sqlite"]


def test_14_ctrl_c_while_the_database_is_written_leaves_it_usable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = library(tmp_path, "a.yaml", "b.yaml")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(db.Store, "_store", interrupted)
        assert run_cli("--data", str(folder), "list").status == 130
    assert [path.suffix for path in (tmp_path / "cache" / "articlecli").iterdir()] == [".sqlite"]
    listed = run_cli("--data", str(folder), "list")
    assert (listed.status, listed.stderr) == (0, "")
    assert len(listed.stdout.splitlines()) == 2


def test_17_many_broken_files_are_summarised_and_not_parsed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = library(tmp_path, "good.yaml")
    for number in range(2000):
        empty = folder / f"empty{number:04}.yaml"
        empty.touch()
        settle(empty)
    first = run_cli("--data", str(folder), "list")
    assert first.status == 0
    warnings = first.stderr.splitlines()
    assert len(warnings) <= 6
    assert warnings[-1] == ("articlecli: warning: ... and 1,995 more skipped; run "
                            "'articlecli validate' to see them all")
    parsed = no_parsing(monkeypatch)
    assert run_cli("--data", str(folder), "list") == first
    assert parsed == []


@pytest.mark.parametrize(("variable", "value"), [("HOME", ""), ("HOME", "relative/home"),
                                                 ("XDG_CACHE_HOME", "relative/cache")])
def test_19_no_cache_in_an_unlikely_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          variable: str, value: str) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(variable, value)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert run_cli("read").status == 0
    assert list(work.iterdir()) == []
    if variable == "HOME":
        assert location.cache_dir() is None  # not /.cache, where an empty $HOME points
    else:
        assert location.cache_dir() == tmp_path / "home" / ".cache" / "articlecli"


# --- 13, 21: links that leave the library ---------------------------------------------

@posix_only
def test_21_a_link_to_a_file_outside_the_library_is_not_followed(tmp_path: Path) -> None:
    folder = library(tmp_path, "good.yaml")
    secret = tmp_path / "secret.yaml"
    secret.write_text("published: hunter2-the-password\n", encoding="utf-8")
    (folder / "leak.yaml").symlink_to(secret)
    (folder / "inside.yaml").symlink_to(folder / "good.yaml")  # inside: followed
    listed = run_cli("--data", str(folder), "list")
    assert listed.status == 0
    assert "hunter2" not in listed.stdout + listed.stderr
    assert f"skipped {folder / 'leak.yaml'}:1:1: a link to a file outside the library" \
        in listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines()] == ["good", "inside"]


def test_a_link_to_nothing_and_a_loop_of_links_are_reported_not_passed_over(
        tmp_path: Path) -> None:
    folder = library(tmp_path, "good.yaml")
    (folder / "gone.yaml").symlink_to(folder / "missing.yaml")
    (folder / "one.yaml").symlink_to(folder / "two.yaml")
    (folder / "two.yaml").symlink_to(folder / "one.yaml")
    checked = run_cli("validate", str(folder))
    assert checked.status == 0
    assert [line for line in checked.stdout.splitlines() if "warning: a link" in line] == [
        f"{folder / 'gone.yaml'}:1:1: warning: a link to a file that does not exist "
        "(not followed)",
        f"{folder / 'one.yaml'}:1:1: warning: a link in a loop of links (not followed)",
        f"{folder / 'two.yaml'}:1:1: warning: a link in a loop of links (not followed)"]
    listed = run_cli("--data", str(folder), "list")
    assert listed.status == 0 and listed.stdout.split()[0] == "good"
    assert listed.stderr.count("skipped") == 3


def test_21_error_messages_quote_a_short_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(f"title: t\npublished: {'s3cret' * 1000}\n{'k' * 1000}: v\n",
                    encoding="utf-8")
    checked = run_cli("validate", str(path))
    assert checked.status == 1
    reported = checked.stdout.splitlines()
    assert any("published: expected a date and time" in line for line in reported)
    assert any("unknown key 'kkk" in line for line in reported)
    for line in reported:
        assert len(line) < len(str(path)) + 400, line  # not the 1,000 characters


@posix_only
@pytest.mark.skipif(os.geteuid() != 0 or not Path("/proc/kmsg").exists(),
                    reason="needs root and /proc/kmsg")
def test_13_a_link_to_proc_kmsg_neither_hangs_nor_is_read(tmp_path: Path) -> None:
    folder = library(tmp_path, "good.yaml")
    (folder / "k.yaml").symlink_to("/proc/kmsg")
    done = program("--data", str(folder), "list", env={"XDG_CACHE_HOME": str(tmp_path / "c")})
    assert done.returncode == 0
    assert b"a link to a file outside the library" in done.stderr


# --- 15: newlines in names ----------------------------------------------------------------

@posix_only
def test_15_a_newline_in_a_file_name_cannot_forge_lines(tmp_path: Path) -> None:
    name = "nl\nfake 2099-01-01 00:00:00  FAKE ENTRY [x]\nend"
    folder = library(tmp_path, "real.yaml", f"{name}.yaml")
    listed = run_cli("--data", str(folder), "list")
    assert listed.status == 0
    assert len(listed.stdout.splitlines()) == 2
    assert not any(line.startswith("fake") for line in listed.stdout.splitlines())
    assert "nl\\nfake 2099" in listed.stdout
    (folder / f"{name}.yaml").write_text("title: [\n", encoding="utf-8")
    checked = run_cli("validate", str(folder))
    assert checked.status == 1
    reported = checked.stdout.splitlines()
    assert all(line.startswith(str(folder)) for line in reported)
    assert any(line.startswith(f"{folder}/nl\\nfake 2099") for line in reported)
    skipped = run_cli("--data", str(folder), "list")
    assert len(skipped.stderr.splitlines()) == 1


# --- 18: what import writes -----------------------------------------------------------------

def test_18_import_refuses_to_write_what_reading_would_refuse(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = PLAIN_ARTICLE.stat().st_size
    monkeypatch.setenv(MAX_BYTES_VARIABLE, str(size))  # the text fits, its YAML does not
    target = tmp_path / "out.yaml"
    outcome = run_cli("import", str(PLAIN_ARTICLE), "-o", str(target))
    assert outcome.status == 2
    assert "over the limit" in one_error_line(outcome.stderr)
    assert not target.exists()


# --- 22: long paragraphs and long questions -------------------------------------------------

def test_22_wrapping_a_long_paragraph_on_a_terminal_is_linear(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.segment import Segment

    longest: list[int] = [0]
    split = Segment.split_and_crop_lines

    def watched(segments: object, *args: object, **kwargs: object) -> object:
        def each() -> object:
            for segment in segments:  # type: ignore[attr-defined]
                longest[0] = max(longest[0], len(segment.text))
                yield segment
        return split(each(), *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Segment, "split_and_crop_lines", watched)
    paragraph = "lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20_000
    path = tmp_path / "long.yaml"
    path.write_text(dump_yaml(replace(ARTICLE, sections=(Section("Long", (paragraph,)),))),
                    encoding="utf-8")
    started = time.perf_counter()
    outcome = run_cli("--data", str(path), "read", "1", tty=True, color=True)
    assert outcome.status == 0
    assert time.perf_counter() - started < 20
    # rich splits its output into lines by copying what follows each newline: one
    # piece of a whole paragraph made that quadratic (76 s for 9 MB).
    assert longest[0] <= 100


def test_22_a_question_too_long_is_declined(tmp_path: Path) -> None:
    outcome = run_cli("ask", "what did Putin say " * 1000)
    assert outcome.status == 2
    assert one_error_line(outcome.stderr) == ("articlecli: error: the question is 18,999 "
                                              "characters long; ask in at most 1,000\n")
