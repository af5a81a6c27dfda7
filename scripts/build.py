"""Build the whole site into site/, atomically.

MkDocs builds into a fresh folder next to site/ (its hooks validate the data
first and index the result with Pagefind); only a complete, successful build
replaces site/. A failed build leaves the previous site untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(staging)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Échec de la construction : {site_dir.name}/ n'a pas été modifié.", file=sys.stderr)
        return result.returncode
    staging.chmod(0o755)  # mkdtemp makes it private; a site is public
    old = site_dir.with_name(f".site-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    sys.exit(build(target))
