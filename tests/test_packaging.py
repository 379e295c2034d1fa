"""The wheel carries the bundled article: installed into a fresh venv, it reads from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO

UV = os.environ.get("UV") or shutil.which("uv")


@pytest.mark.skipif(UV is None, reason="uv is not installed")
def test_wheel_in_a_fresh_venv_reads_the_bundled_article(tmp_path: Path) -> None:
    assert UV is not None
    def uv(*args: str) -> None:
        subprocess.run([UV, *args], check=True, capture_output=True, timeout=120)

    uv("build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(REPO))
    wheel = next((tmp_path / "dist").glob("articlecli-*.whl"))
    uv("venv", "--quiet", str(tmp_path / "venv"))
    uv("pip", "install", "--quiet", "--python", str(tmp_path / "venv" / "bin" / "python"),
       str(wheel))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("ARTICLECLI_DATA", "VIRTUAL_ENV", "PYTHONPATH")}
    result = subprocess.run([str(tmp_path / "venv" / "bin" / "articlecli"), "read", "--toc"],
                            cwd=elsewhere, env=environment, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Why Does Putin Maintain His Hardline Stance")
    assert "11. What Lies Ahead for Ukraine and Russia?" in result.stdout
