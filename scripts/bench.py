"""Start-up and library benchmarks for articlecli: medians of repeated whole-process
runs (hyperfine when installed, else a timing loop here) and peak memory, printed
with the exact commands and against the targets of issue 6.

    uv run python scripts/bench.py              # everything, libraries up to 10,000
    uv run python scripts/bench.py --sizes 1 100 1000 --runs 10

Generated libraries (scripts/make_library.py) and the cache go to a temporary
folder, so the user's own cache is never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_library import write_library

from articlecli.store.library import bundled_article_path

PYTHON = sys.executable
ARTICLECLI = str(Path(PYTHON).with_name("articlecli"))
QUESTION = "what did putin say"


@dataclass
class Measure:
    name: str
    command: list[str]
    median: float  # seconds
    peak_mib: float


def shell(command: list[str]) -> str:
    return " ".join(shlex.quote(part) for part in command)


def peak_memory(command: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run, in MiB: a fresh Python process runs the
    command and reports the largest child it waited for (Linux: ru_maxrss in KiB)."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    output = subprocess.run([PYTHON, "-c", probe, *command], env=env, capture_output=True,
                            text=True, check=True).stdout
    kib = int(output.split()[-1])
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def timed_runs(command: list[str], env: dict[str, str], runs: int, warmup: int,
               clear: Path | None) -> float:
    """The median wall time of ``runs`` runs, each after ``clear`` is removed (cold)."""
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as export:
            options = ["--runs", str(runs), "--warmup", str(warmup), "--export-json",
                       export.name, "--style", "none", "--output", "null"]
            if clear is not None:
                options += ["--prepare", f"rm -rf {shlex.quote(str(clear))}"]
            run = subprocess.run(["hyperfine", "-N", *options, shell(command)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if run.returncode:
                sys.exit(f"hyperfine failed:\n{run.stderr}")
            return float(json.loads(Path(export.name).read_text())["results"][0]["median"])
    times = []
    for number in range(warmup + runs):
        if clear is not None:
            shutil.rmtree(clear, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if number >= warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(name: str, command: list[str], env: dict[str, str], runs: int, warmup: int = 3,
            clear: Path | None = None) -> Measure:
    median = timed_runs(command, env, runs, warmup, clear)
    if clear is not None:
        shutil.rmtree(clear, ignore_errors=True)
    peak = peak_memory(command, env)
    result = Measure(name, command, median, peak)
    print(f"{median * 1000:9.1f} ms {peak:7.1f} MiB  {name:<26} $ {shell(command)}", flush=True)
    return result


def verdict(label: str, value: float, limit: float, unit: str = "x") -> None:
    mark = "met" if value <= limit else "MISSED"
    print(f"  {label:<58} {value:7.2f}{unit} (target <= {limit:g}{unit}): {mark}")


def library(work: Path, size: int) -> Path:
    """A folder of ``size`` articles: the bundled one (so the question has its
    answer) and ``size - 1`` generated ones."""
    folder = work / f"library-{size}"
    if not folder.exists():
        started = time.perf_counter()
        write_library(size - 1, folder)
        shutil.copy(bundled_article_path(), folder / "article.yaml")
        print(f"  (generated {size - 1} articles in {time.perf_counter() - started:.1f} s: "
              f"scripts/make_library.py {size - 1} {folder}, plus data/article.yaml)",
              flush=True)
    # A file modified in the last two seconds is never trusted to the cache (its
    # modification time may not yet tell a later change apart), so date them back.
    past = time.time_ns() - 60 * 10**9
    for path in folder.iterdir():
        os.utime(path, ns=(past, past))
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 100, 1000, 10000],
                        help="library sizes to time ask on")
    parser.add_argument("--work", type=Path, help="keep libraries here (default: a temp dir)")
    options = parser.parse_args(argv)
    work = options.work or Path(tempfile.mkdtemp(prefix="articlecli-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "cache"
    env = {**os.environ, "ARTICLECLI_CACHE_DIR": str(cache)}
    for name in ("ARTICLECLI_DATA", "ARTICLECLI_NO_CACHE", "ARTICLECLI_MAX_BYTES"):
        env.pop(name, None)
    tool = "hyperfine" if shutil.which("hyperfine") else "a Python timing loop"
    print(f"medians of {options.runs} whole-process runs ({tool}); peak RSS of one run; "
          f"Python {sys.version.split()[0]} at {PYTHON}\n")
    runs = options.runs

    bare = measure("bare python", [PYTHON, "-c", "pass"], env, runs)
    baseline = measure("import typer, rich.console", [PYTHON, "-c", "import typer, rich.console"],
                       env, runs)
    measure("import typer", [PYTHON, "-c", "import typer"], env, runs)
    single = measure("ask (bundled article)", [ARTICLECLI, "ask", QUESTION], env, runs)
    measure("read | head", ["sh", "-c", f"{shlex.quote(ARTICLECLI)} read | head -5"], env, runs)
    measure("ask --no-cache (bundled)", [ARTICLECLI, "--no-cache", "ask", QUESTION], env, runs)

    print("\nask on generated libraries (cold: no cache; warm: cache from an earlier run)")
    rows: dict[int, tuple[Measure, Measure]] = {}
    for size in options.sizes:
        folder = library(work, size)
        command = [ARTICLECLI, "--data", str(folder), "ask", QUESTION]
        cold_runs = 1 if size >= 10000 else min(runs, 3)
        cold = measure(f"ask, {size} articles, cold", command, env, cold_runs, warmup=0,
                       clear=cache)
        timed_runs(command, env, 1, 0, None)  # fill the cache
        warm = measure(f"ask, {size} articles, warm", command, env, runs)
        rows[size] = (cold, warm)

    print("\ntargets (issue 6)")
    print(f"  python start-up {bare.median * 1000:.0f} ms; "
          f"import typer, rich.console {baseline.median * 1000:.0f} ms")
    verdict("ask / import typer, rich.console", single.median / baseline.median, 1.5)
    verdict("ask peak memory", single.peak_mib, 60, " MiB")
    if 1000 in rows:
        cold, warm = rows[1000]
        verdict("first ask, 1,000 articles", cold.median, 10, " s")
        verdict("later ask, 1,000 articles / ask on one article", warm.median / single.median,
                2.5)
        verdict("peak memory, 1,000 articles (cold or warm)", max(cold.peak_mib, warm.peak_mib),
                200, " MiB")
    print("\n| articles | first ask (cold cache) | later ask (warm) | peak memory cold / warm |")
    print("|---:|---:|---:|---:|")
    for size, (cold, warm) in rows.items():
        print(f"| {size:,} | {cold.median * 1000:,.0f} ms | {warm.median * 1000:,.0f} ms "
              f"| {cold.peak_mib:.0f} / {warm.peak_mib:.0f} MiB |")
    if options.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
