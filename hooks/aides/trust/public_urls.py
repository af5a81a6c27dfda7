"""A URL published once keeps answering: the committed list of every public address.

``referentiel/urls-publiques.txt``, next to the data directory (``<data>/../referentiel/``), lists
every page and open data file of the site, one per line (``/aides/visale/``). ``make urls`` writes
it from the page registry (``Registry.public_urls``). A build fails when an address of the list
is gone without a redirect (``anciens_ids`` of an aid) or a tombstone (``data/archives/<id>.yml``);
new addresses are fine (run ``make urls`` to add them). A data set without the file is not checked.

Engine-independent (no MkDocs import).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

FILE_NAME = "urls-publiques.txt"
HEADER = (
    "# Toutes les adresses publiques du site (pages et données ouvertes), une par ligne.\n"
    "# Écrit par « make urls ». Une adresse ne disparaît jamais : redirection (anciens_ids)\n"
    "# ou page d'archive (data/archives/<id>.yml).\n"
)


def registry_file(data_dir: Path) -> Path:
    return data_dir.resolve().parent / "referentiel" / FILE_NAME


def read(path: Path) -> list[str] | None:
    """The committed addresses; None when the data set has no list."""
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write(path: Path, addresses: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(f"{url}\n" for url in sorted(addresses)), encoding="utf-8")


def missing(published: list[str], current: Iterable[str]) -> list[str]:
    have = set(current)
    return [url for url in published if url not in have]


def problems(data_dir: Path, current: Iterable[str]) -> list[str]:
    """One French message per address that disappeared, for the build to fail with."""
    path = registry_file(data_dir)
    published = read(path)
    if published is None:
        return []
    current = list(current)
    gone = missing(published, current)
    messages = [
        f"{url} : adresse publiée (dans {path.name}) qui disparaît ; gardez-la par une redirection "
        f"(anciens_ids de l'aide qui la remplace) ou une page d'archive (data/archives/<id>.yml)"
        for url in gone
    ]
    added = len(set(current) - set(published))
    if added and not gone:
        print(f"{added} nouvelle(s) adresse(s) publique(s) : lancez « make urls » pour les inscrire dans {path.name}.")
    return messages
