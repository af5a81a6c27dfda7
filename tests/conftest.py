"""Shared fixtures: real builds of the site with MkDocs, into temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# 2026-11-22 00:00 UTC: the build's "today", so that results do not depend on the day tests run.
EPOCH = "1795305600"


def run_build(site_dir: Path, data_dir: Path = DATA, **env: str) -> subprocess.CompletedProcess[str]:
    """Build the site with the real build script (MkDocs + Pagefind) into ``site_dir``."""
    environment = {**os.environ, "AIDES_DATA_DIR": str(data_dir), "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": "hooks", **env}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), str(site_dir)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the bundled data."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_build(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy
