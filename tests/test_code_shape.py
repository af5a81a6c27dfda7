"""The shape the code keeps: no import cycle, an engine-free core, one registry of pages,
templates that read their view only, a strict view undefined that fails the build, and modules
and scripts short enough to say one thing."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aides.registry import HAND_WRITTEN
from aides.site import urls
from conftest import EPOCH, ROOT

CORE = ROOT / "hooks" / "aides"
OVERRIDES = ROOT / "overrides"


# Each sub-package of ``aides`` and what it may import (its docstring says the same, in words). The
# package's own modules (``registry``, ``__main__``) sit on top and may import everything.
LAYERS = {
    "model": set(),
    "data": {"model"},
    "trust": {"model", "data"},
    "site": {"model", "data", "trust"},
    "publishing": {"model", "data", "trust", "site"},
    "preview": {"model", "data"},
}


def _module(path: Path) -> str:
    """``aides.site.cards`` for hooks/aides/site/cards.py."""
    return ".".join(path.relative_to(CORE.parent).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """The modules of the ``aides`` package that a module imports, by dotted name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "aides":
            assert node.level == 0, f"{path.name} : import relatif, écrire « from aides.… import »"
            found.update(
                f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module for alias in node.names
            )
    return found


MODULES = {_module(path) for path in CORE.rglob("*.py")}


def test_the_core_has_no_import_cycle() -> None:
    graph = {_module(path): _imports(path) & MODULES for path in CORE.rglob("*.py")}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        assert module not in path, "cycle d'imports : " + " → ".join([*path[path.index(module) :], module])
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_each_sub_package_imports_only_the_layers_below_it() -> None:
    """The model never imports the site or publishing; the site never imports publishing; and so on."""
    assert {path.parent.name for path in CORE.glob("*/__init__.py")} == set(LAYERS)
    for path in CORE.glob("*/*.py"):
        layer = path.parent.name
        for imported in _imports(path):
            other = imported.split(".")[1]
            if other != layer:
                assert other in LAYERS[layer], (
                    f"{_module(path)} importe {imported} : {layer} ne peut importer que {sorted(LAYERS[layer])}"
                )


def test_each_sub_package_says_what_it_owns_and_may_import() -> None:
    for path in CORE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        allowed = LAYERS[path.parent.name]
        assert (
            ("Imports nothing else" in doc)
            if not allowed
            else all(f"``{name}``" in doc.split("May import")[-1] for name in allowed)
        ), path


# The browser's twins of core modules sit at parallel paths, each naming the other: hooks/aides/model/
# conditions.py and overrides/assets/js/lib/model/conditions.js (shared vectors hold them to the same answers).
JS_LIB = OVERRIDES / "assets" / "js" / "lib"
TWINS = (
    "model/question_types",
    "model/conditions",
    "model/territory",
    "model/place_names",
    "model/household",
    "model/income_rules",
    "model/formatting",
    "trust/freshness",
    "site/facets",
    "site/checkers",
)
JS_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}/[^"']+)["']""")


def test_browser_twins_sit_at_parallel_paths() -> None:
    for name in TWINS:
        python, script = CORE / f"{name}.py", JS_LIB / f"{name.replace('_', '-')}.js"
        assert python.is_file() and script.is_file(), f"{name} : un jumeau manque ({python.name}, {script.name})"
        assert f"lib/{script.relative_to(JS_LIB).as_posix()}" in python.read_text(encoding="utf-8"), (
            f"{python} ne nomme pas {script.name}"
        )
        assert f"hooks/aides/{name}.py" in script.read_text(encoding="utf-8"), f"{script} ne nomme pas {python.name}"


def test_browser_sub_packages_import_only_the_layers_below_them() -> None:
    """lib/model/ imports nothing outside itself, lib/site/ only model, data and trust: as the Python layers."""
    for script in JS_LIB.glob("*/*.js"):
        layer = script.parent.name
        assert layer in LAYERS, f"{script} : lib/{layer}/ n'est pas une couche de hooks/aides/"
        for specifier in JS_IMPORT.findall(script.read_text(encoding="utf-8")):
            target = (script.parent / specifier).resolve().relative_to(JS_LIB)
            other = target.parts[0] if len(target.parts) > 1 else "lib"
            assert other == layer or other in LAYERS[layer], (
                f"{script.name} importe {target} : {layer} ne peut importer que {sorted(LAYERS[layer])}"
            )


def test_the_core_never_imports_the_engine() -> None:
    for path in CORE.rglob("*.py"):
        assert not re.search(r"^\s*(from|import) mkdocs", path.read_text(encoding="utf-8"), re.M), path.name


def test_templates_read_their_view_and_nothing_global() -> None:
    for path in OVERRIDES.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert "site_views" not in source, path.name
        assert "getattr" not in source, path.name


def test_templates_write_no_page_address_and_name_only_pages_that_exist() -> None:
    """Addresses come from urls.py (``adresse.<name>``), and each named page is one the registry lists."""
    for path in OVERRIDES.rglob("*.html"):
        assert not re.search(r"['\"][a-z0-9/-]*['\"]\s*\|\s*url", path.read_text(encoding="utf-8")), path.name
    listed = {entry.url for entry in HAND_WRITTEN} | {urls.CATALOGUE, urls.PARTNERS, urls.CONTACTS, urls.PAGEFIND}
    assert set(urls.PAGES.values()) <= listed


def test_the_registry_lists_every_hand_written_page() -> None:
    content = {path.relative_to(ROOT / "content").as_posix() for path in (ROOT / "content").rglob("*.md")}
    assert {entry.path for entry in HAND_WRITTEN} == content


@pytest.mark.build  # mkdocs build with another configuration: not run_build
def test_a_misspelt_view_field_fails_the_build_naming_it(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    shutil.copytree(OVERRIDES, overrides)
    template = overrides / "aide.html"
    text = template.read_text(encoding="utf-8")
    assert "{{ a.carte.resume }}" in text
    template.write_text(text.replace("{{ a.carte.resume }}", "{{ a.carte.resumé }}", 1), encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {overrides}").replace(
        "docs_dir: content", f"docs_dir: {ROOT / 'content'}"
    )
    config = config.replace("  - hooks/site.py", f"  - {ROOT / 'hooks' / 'site.py'}")
    config = config.split("\nwatch:")[0] + "\n" + config.split("\nwatch:")[1].split("\n\n", 1)[1]
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT / "hooks"),
            "SOURCE_DATE_EPOCH": EPOCH,
            "NO_MKDOCS_2_WARNING": "1",
            "AIDES_LOCAL": "1",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "has no attribute 'resumé'" in result.stderr
    assert "aide.html" in result.stderr


# A module says one thing: past these sizes it says several, and is split where its subject changes.
MODULE_LINES = 400
SCRIPT_LINES = 300


def _too_long(folder: Path, limit: int) -> list[str]:
    sizes = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in sorted(folder.rglob("*.py"))}
    return [f"{path.relative_to(ROOT).as_posix()} ({lines} lignes)" for path, lines in sizes.items() if lines > limit]


def test_no_module_of_the_hooks_is_over_400_lines() -> None:
    too_long = _too_long(ROOT / "hooks", MODULE_LINES)
    assert not too_long, f"modules de plus de {MODULE_LINES} lignes, à scinder par sujet : " + ", ".join(too_long)


def test_no_script_is_over_300_lines() -> None:
    too_long = _too_long(ROOT / "scripts", SCRIPT_LINES)
    assert not too_long, f"scripts de plus de {SCRIPT_LINES} lignes, à scinder par sujet : " + ", ".join(too_long)
