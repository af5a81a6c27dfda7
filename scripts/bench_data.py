"""What the benchmark builds: synthetic aids, and the plain MkDocs baseline carrying the same text.

``make_data(count, work)`` writes ``count`` synthetic aids next to the bundled vocabularies
(``work/data-<count>``); ``make_baseline(count, body, work)`` writes ``count`` plain Markdown pages
carrying ``body`` (the reading text of a built aid page, ``markdown_like``), built by MkDocs +
Material with the site's theme and navigation but without our hooks (``work/baseline-<count>``).
Used by ``bench.py`` and by the suite's guard (``tests/test_bench_smoke.py``).
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from aides.registry import NAV_ORDER  # hooks/ is not an installed package

ROOT = Path(__file__).resolve().parents[1]

REGIONS = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]
PUBLICS = ["jeunes", "salaries", "demandeurs_emploi", "salaries_en_difficulte", "bailleurs_sociaux"]
TYPES = ["accompagnement_social", "aide_financiere", "pret", "subvention", "garantie"]
LOREM = (
    "Cette aide fictive sert à mesurer la construction du site à grande échelle. Elle décrit un dispositif "
    "d'accompagnement des ménages, ses conditions, son montant et la démarche à suivre auprès de l'organisme."
)
SAMPLE_AID = Path("aides") / "aide-fictive-1" / "index.html"  # the aid page measured (a current one)


def synthetic_aid(index: int, source: str) -> dict:
    region = REGIONS[index % len(REGIONS)]
    return {
        "titre": f"Aide fictive numéro {index}",
        "resume": f"Dispositif fictif {index} pour mesurer la construction du catalogue.",
        "description": " ".join([LOREM] * 3),
        "publics": [PUBLICS[index % len(PUBLICS)]],
        "types": [TYPES[index % len(TYPES)]],
        "territoire": {"regions": [region]} if index % 4 else {},
        "pour_qui": ["Les ménages de la région", "Les salariés en difficulté"],
        "conditions": {
            "toutes": [
                {"profil": "particulier"},
                {"age": {"moins_de": 25 + index % 20}},
                {"une_de": [{"statut": {"parmi": ["salarie"]}}, {"decision_dalo": "oui"}]},
                {"region": {"parmi": [region]}},
            ]
        },
        "montant": {"valeurs": [{"libelle": "Aide", "montant": 100 + index % 900, "periodicite": "par_mois"}]},
        "demarche": ["Contacter l'organisme", "Remplir le dossier"],
        "partenaires": [{"partenaire": "action-logement-services", "role": "Porte l'aide"}],
        "sources": [{"article": source}],
        "enregistre_le": "2026-11-22",
        "validite": {"debut": "2020-01-01", "fin": "2022-01-01"} if index % 10 == 0 else {},
    }


BIN = ".corbeille"  # earlier outputs wait here, under the work folder, until every figure is taken


def set_aside(path: Path) -> None:
    """Move an earlier output out of the way instead of deleting it: deleting tens of thousands of
    files just before writing as many keeps the file system busy for a while (ext4 scans its recently
    deleted inodes), and the next timed build would pay for it. ``empty_bin`` deletes them at the end."""
    if path.exists():
        (path.parent / BIN).mkdir(exist_ok=True)
        path.rename(path.parent / BIN / f"{path.name}-{time.monotonic_ns()}")


def empty_bin(work: Path) -> None:
    shutil.rmtree(work / BIN, ignore_errors=True)


def make_data(count: int, work: Path) -> Path:
    """A data directory with ``count`` synthetic aids (none of the real ones, no agreement)."""
    target = work / f"data-{count}"
    set_aside(target)
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("aides"))
    (target / "aides").mkdir()
    (target / "conventions").mkdir(exist_ok=True)
    for path in (target / "conventions").glob("*.yml"):
        path.unlink()  # conventions link real aids; the synthetic set has none of them
    for path in (target / "partenaires").glob("*.yml"):  # nor do partners' forms kept for some real aids
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^    aides: \[[^\]]*\]\n", "", text), encoding="utf-8")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    source = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))["sources"][0]["id"]
    for index in range(count):
        text = yaml.dump(synthetic_aid(index, source), Dumper=dumper, allow_unicode=True, sort_keys=False)
        (target / "aides" / f"aide-fictive-{index}.yml").write_text(text, encoding="utf-8")
    return target


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags the safe loader does not know."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


class _ArticleText(HTMLParser):
    """The text blocks of a built page's article, to write them again as Markdown."""

    SKIPPED = ("form", "script", "style")  # controls and code are not reading text

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.depth = 0
        self.skipped = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += tag == "article"
        self.skipped += tag in self.SKIPPED

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "article"
        self.skipped -= tag in self.SKIPPED

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipped and data.strip():
            self.blocks.append(" ".join(data.split()))


def markdown_like(page: Path) -> str:
    """An aid page's reading text (not its form controls) as plain Markdown, one list item per block."""
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return "\n".join(f"- {block}" for block in parser.blocks) + "\n"


BASELINE_HOOK = """import sys
sys.path.insert(0, "{hooks}")
from aides.site import urls


def on_env(env, config, files):
    env.globals["adresse"] = urls.PAGES
    return env
"""


def make_baseline(count: int, body: str, work: Path) -> Path:
    """N plain Markdown pages carrying the same visible text as an aid page, built by
    MkDocs + Material with the site's theme and nav but without hooks."""
    target = work / f"baseline-{count}"
    set_aside(target)
    docs = target / "docs" / "aides"
    docs.mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    for index in range(count):
        page = f"# Aide fictive numéro {index}\n\n{body}"
        (docs / f"aide-fictive-{index}.md").write_text(page, encoding="utf-8")
    # Same theme, features, CSS and navigation as the real site: only the hooks differ.
    site_config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    nav_size = len(NAV_ORDER)  # the navigation comes from the page registry
    for name, path in [("index", "index.md")] + [(f"page-{i}", f"page-{i}.md") for i in range(nav_size - 1)]:
        (target / "docs" / path).write_text(f"# {name}\n", encoding="utf-8")
    config = {
        "site_name": "Base",
        "theme": {**site_config["theme"], "custom_dir": str(ROOT / "overrides")},
        "extra_css": site_config["extra_css"],
        "markdown_extensions": site_config["markdown_extensions"],
        "plugins": [],
        "nav": [{"Accueil": "index.md"}] + [{f"Page {i}": f"page-{i}.md"} for i in range(nav_size - 1)],
        "not_in_nav": "/aides/",
        # The theme's header names the pages it links to (adresse.aides): the only global our hooks give every
        # template, set here by a three-line hook so that the baseline renders the same header, nothing more.
        "hooks": [str(target / "adresses.py")],
    }
    (target / "adresses.py").write_text(BASELINE_HOOK.format(hooks=ROOT / "hooks"), encoding="utf-8")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return target
