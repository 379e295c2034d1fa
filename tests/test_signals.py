"""Pipes and Ctrl-C, in a real process: a reader that goes away ends the program
quietly, and SIGINT anywhere ends it with status 130 and one line, never a traceback."""

from __future__ import annotations

import errno
import gc
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from articlecli import __main__ as entry
from articlecli.articles.loader import dump_yaml
from articlecli.model import Article, Section

from .conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and pipes")

INTERRUPTED = b"articlecli: error: interrupted\n"
TIMEOUT = 20


@pytest.fixture
def program_env(tmp_path: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("ARTICLECLI_") and name not in ("NO_COLOR", "PAGER")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "articlecli", *args]


@pytest.fixture(scope="module")
def big_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 2 MB of article: far more than a pipe holds, so writing it blocks."""
    paragraph = "A sentence about the talks, repeated to fill the pipe. " * 12
    article = Article(title="A long article", published=datetime(2025, 1, 2, 3, 4, 5),
                      summary="Long.", key_takeaways=("One.",),
                      sections=tuple(Section(f"Part {number}", (paragraph, paragraph))
                                     for number in range(1, 1500)))
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(dump_yaml(article), encoding="utf-8")
    return path


# --- Pipes -----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["read"], ["export", "--format", "json"]])
def test_output_into_head_ends_quietly(big_article: Path, program_env: dict[str, str],
                                       args: list[str]) -> None:
    """``articlecli read | head -1``: head exits after one line, mid-output."""
    writer = subprocess.Popen(command("--data", str(big_article), *args), env=program_env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writer.stdout is not None and writer.stderr is not None
    head = subprocess.Popen(["head", "-1"], stdin=writer.stdout, stdout=subprocess.PIPE)
    writer.stdout.close()  # only head reads it now
    first, _ = head.communicate(timeout=TIMEOUT)
    errors = writer.stderr.read()
    assert writer.wait(timeout=TIMEOUT) == 0
    assert errors == b""  # no BrokenPipeError, no "Exception ignored"
    assert first.strip()


@pytest.mark.parametrize("args", [["read"], ["faq", "--json"], ["read", "no such section"]])
def test_a_reader_gone_before_the_first_write(program_env: dict[str, str],
                                              args: list[str]) -> None:
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = subprocess.run(command(*args), env=program_env, stdout=writing,
                                stderr=subprocess.PIPE, timeout=TIMEOUT, check=False)
    finally:
        os.close(writing)
    assert b"Traceback" not in result.stderr
    assert b"Exception ignored" not in result.stderr
    if args[-1] == "no such section":  # the error still reaches stderr
        assert result.returncode == 2
        assert result.stderr.startswith(b"articlecli: error: no section matches")
    else:
        assert (result.returncode, result.stderr) == (0, b"")


# --- Ctrl-C ----------------------------------------------------------------------------


def assert_interrupted(process: subprocess.Popen[bytes], errors: bytes) -> None:
    # 130 from the program; -SIGINT only if the signal lands as the interpreter exits.
    assert process.returncode in (130, -signal.SIGINT), errors
    assert b"Traceback" not in errors
    assert errors == INTERRUPTED


def reading_stdin(pid: int) -> bool:
    """Whether ``pid`` is blocked reading file descriptor 0 (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        pytest.skip("needs /proc/PID/syscall to see that the program waits on stdin")
    read_calls = {"x86_64": "0", "aarch64": "63"}
    machine = os.uname().machine
    if machine not in read_calls:
        pytest.skip(f"read(2)'s number on {machine} is not known to this test")
    return len(fields) > 1 and fields[0] == read_calls[machine] and fields[1] == "0x0"


def wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "article.yaml"
    os.mkfifo(path)
    yield path


def test_ctrl_c_while_loading_an_article(fifo: Path, program_env: dict[str, str]) -> None:
    """--data names a FIFO nobody writes to: the program waits inside the command."""
    process = subprocess.Popen(command("--data", str(fifo), "read"), env=program_env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    writer: list[int] = []

    def program_opened_it() -> bool:
        try:  # succeeds only once the program has the FIFO open for reading
            writer.append(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError as error:
            assert error.errno == errno.ENXIO
            return False
        return True

    try:
        wait_for(program_opened_it, "the program to open the FIFO")
        time.sleep(0.05)  # from open() into read()
        process.send_signal(signal.SIGINT)
        out, errors = process.communicate(timeout=TIMEOUT)
    finally:
        for descriptor in writer:
            os.close(descriptor)
        if process.poll() is None:
            process.kill()
    assert out == b""
    assert_interrupted(process, errors)


@pytest.mark.parametrize("args", [["ask"], ["ask", "--json"], ["import", "-"]])
def test_ctrl_c_while_waiting_on_a_pipe(program_env: dict[str, str], args: list[str]) -> None:
    """Batch ``ask`` (and ``import -``) on a pipe that stays open."""
    process = subprocess.Popen(command(*args), env=program_env, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdin is not None
        process.stdin.write(b"what did Putin say?\n")
        process.stdin.flush()
        wait_for(lambda: reading_stdin(process.pid), "the program to wait on stdin")
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
    assert_interrupted(process, errors)


def test_ctrl_c_at_the_interactive_prompt(program_env: dict[str, str]) -> None:
    """``ask`` on a terminal: Ctrl-C typed at the prompt (the tty sends SIGINT)."""
    import pty

    pid, terminal = pty.fork()
    if pid == 0:  # the child: the program, with the pty as its controlling terminal
        try:
            os.chdir(REPO)
            os.execve(sys.executable, command("ask"), program_env)
        finally:
            os._exit(127)
    seen = b""
    status: int | None = None
    try:
        deadline = time.monotonic() + TIMEOUT
        while b"ask> " not in seen:
            if time.monotonic() > deadline:
                pytest.fail(f"no prompt; the program wrote {seen!r}")
            if select.select([terminal], [], [], 1.0)[0]:  # never block past the deadline
                seen += os.read(terminal, 4096)
        time.sleep(0.2)  # the prompt is on screen a moment before input() waits for it
        os.write(terminal, b"\x03")  # Ctrl-C, as typed
        while True:
            if time.monotonic() > deadline:
                pytest.fail(f"still running after Ctrl-C; the program wrote {seen!r}")
            if not select.select([terminal], [], [], 1.0)[0]:
                continue
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # EIO: the program has exited and closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        _, status = os.waitpid(pid, 0)
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(terminal)
    assert os.waitstatus_to_exitcode(status) == 130
    assert b"Traceback" not in seen
    # the reader's way out: quiet, with the shell's prompt on a fresh line
    assert seen.replace(b"\r\n", b"\n").endswith(b"ask> \n") or \
        seen.replace(b"\r\n", b"\n").endswith(b"ask> ^C\n")
    assert b"error" not in seen


# --- Ctrl-C before the error boundary runs (in-process, so the timing is exact) --------


class _InterruptImport:
    """A meta path finder that acts as if Ctrl-C came while ``name`` was imported."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, name: str, *_: object) -> None:
        if name == self.name:
            raise KeyboardInterrupt


@pytest.mark.parametrize("module", ["articlecli.cli.app", "typer"])
def test_ctrl_c_while_starting_up(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str], module: str) -> None:
    for name in [name for name in sys.modules if name == module or
                 name.startswith(f"{module}.") or name == "articlecli.cli.app"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_InterruptImport(module), *sys.meta_path])
    with pytest.raises(SystemExit) as exited:
        entry.run()
    assert exited.value.code == 130
    assert capsys.readouterr().err == INTERRUPTED.decode()
    assert gc.isenabled()  # the imports ran without it, and it is back on


def test_ctrl_c_while_typer_builds_the_commands(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import typer.main

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(typer.main, "get_command", interrupted)
    with pytest.raises(SystemExit) as exited:
        entry.run()
    assert exited.value.code == 130
    assert capsys.readouterr().err == INTERRUPTED.decode()


def test_ctrl_c_inside_a_command_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """typer turns KeyboardInterrupt in a command into a silent Exit(130); the
    boundary still writes its line."""
    from articlecli.cli import app as cli

    from .conftest import run_cli

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "open_library", interrupted)
    outcome = run_cli("read")
    assert (outcome.status, outcome.stdout, outcome.stderr) == (130, "", INTERRUPTED.decode())
