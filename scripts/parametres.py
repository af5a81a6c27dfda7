"""Regenerate referentiel/parametres/ from OpenFisca-France's parameters (``make parametres``).

The only step that needs the network: ``pip download`` fetches the pinned wheel into a temporary
folder, without installing it; its YAML files are read straight from the zip. Only values are taken
(they come from the legal texts each file cites), none of OpenFisca's code.

    PYTHONPATH=hooks python scripts/parametres.py [--roue openfisca_france-….whl]

Writes referentiel/parametres/<id>.yml, read by hooks/aides/model/parameters.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from aides.model.formatting import NBSP
from aides.model.formatting import date as french_date
from aides.model.parameters import EXTRA_PERSON, stale_since

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "referentiel" / "parametres"
PACKAGE = "openfisca-france"
VERSION = "176.1.8"
SHA256 = "046811951e02186a40af939bea8ec50dc0c1a148a487788d8d3d69099dd2f1e5"  # a republished wheel stops the import
PARAMETERS = "openfisca_france/parameters/"
SINCE = dt.date(2015, 1, 1)  # older values are of no use to the site's rules
# Within a year's barème every amount moves by the same rate; one that strays further is a typo to correct.
GROWTH_TOLERANCE = 0.005

SERIES: dict[str, dict[str, Any]] = {
    "smic_brut_mensuel": {
        "chemin": "marche_travail/salaire_minimum/smic/smic_b_mensuel.yaml",
        "libelle": "Smic brut mensuel",
        "unite": "euros_par_mois",
        "remarques": [
            "Pour 151,67 heures par mois (35 heures par semaine), en métropole, arrondi au centime.",
        ],
    },
}
# Arrêté du 29 juillet 1987 relatif aux plafonds de ressources (HLM), article 2 and annexe I.
CATEGORIES = {
    "categorie_1": "Une personne seule.",
    "categorie_2": "Deux personnes ne comportant aucune personne à charge, à l'exclusion des jeunes ménages.",
    "categorie_3": "Trois personnes, ou une personne seule avec une personne à charge, ou jeune ménage sans personne à charge.",
    "categorie_4": "Quatre personnes, ou une personne seule avec deux personnes à charge.",
    "categorie_5": "Cinq personnes, ou une personne seule avec trois personnes à charge.",
    "categorie_6": "Six personnes, ou une personne seule avec quatre personnes à charge.",
}
ZONES = {
    "paris_communes_limitrophes": "Paris et communes limitrophes",
    "ile_de_france": "Île-de-France hors Paris et communes limitrophes",
    "autres_regions": "Autres régions",
}
HOUSEHOLD_NOTES = [
    "Ressources comparées, en règle générale : la somme des revenus fiscaux de référence de l'année N-2 des personnes du ménage.",
    "Jeune ménage : couple sans personne à charge dont la somme des âges est au plus de 55 ans.",
    "Au-delà de six personnes, chaque personne de plus ajoute le montant « par personne supplémentaire ».",
]
BAREMES: dict[str, dict[str, Any]] = {
    "plafonds_plus": {
        "chemin": "prestations_sociales/aides_logement/logement_social/plu",
        "libelle": "Plafonds de ressources des logements financés par un prêt locatif à usage social (PLUS)",
    },
    "plafonds_plai": {
        "chemin": "prestations_sociales/aides_logement/logement_social/plai/plafond_ressources",
        "libelle": "Plafonds de ressources des logements financés par un prêt locatif aidé d'intégration (PLAI)",
    },
}
# Values of the source that are wrong, each with its proof: the import stops if the source no longer says ``lu``.
CORRECTIONS: dict[str, list[dict[str, Any]]] = {
    "plafonds_plai": [
        {
            "debut": dt.date(2022, 1, 1),
            "categorie": "categorie_2",
            "zone": "paris_communes_limitrophes",
            "lu": 218805,
            "retenu": 21805,
            "raison": (
                "Faute de frappe d'OpenFisca-France (un 8 de trop) : l'Île-de-France a 21805 la même année, Paris et "
                "l'Île-de-France ont le même plafond en catégories 1 et 2 chaque année, et 218805 ferait une hausse de "
                "912 % quand toutes les autres cases montent de 0,83 % ; une reproduction du tableau 2022 (arrêté du 27 décembre "
                "2021) donne bien 21805."
            ),
        }
    ],
}


# --- reading the wheel ------------------------------------------------------------------


def download(folder: Path) -> Path:
    """``pip download`` the pinned wheel into ``folder`` (no install, no dependencies)."""
    command = [sys.executable, "-m", "pip", "download", f"{PACKAGE}=={VERSION}", "--no-deps", "--only-binary=:all:"]
    subprocess.run([*command, "--dest", str(folder), "--quiet"], check=True)
    [wheel] = folder.glob("*.whl")
    return wheel


def check_pinned(wheel: Path) -> None:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{wheel.name} : empreinte {digest} au lieu de {SHA256} (mettre à jour SHA256 si c'est voulu)")


def _read(wheel: zipfile.ZipFile, path: str) -> dict[str, Any]:
    return yaml.load(wheel.read(PARAMETERS + path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _values(node: dict[str, Any]) -> dict[dt.date, float]:
    return {day: entry["value"] for day, entry in sorted(node["values"].items()) if entry.get("value") is not None}


def _references(node: dict[str, Any], day: dt.date, path: str) -> list[dict[str, str]]:
    """The legal texts OpenFisca cites for a date (``reference``, else ``notes``), else the file itself."""
    metadata = node.get("metadata", {})
    found = metadata.get("reference", {}).get(day) or metadata.get("notes", {}).get(day) or []
    texts = [{"titre": " ".join(str(item["title"]).split()), "url": item.get("href")} for item in _as_list(found)]
    texts = [{key: value for key, value in text.items() if value} for text in texts]
    return texts or [{"titre": f"OpenFisca-France {VERSION}, {PARAMETERS}{path}"}]


def _as_list(found: Any) -> list[dict[str, Any]]:
    return found if isinstance(found, list) else [found]


def _in_force(values: dict[dt.date, float], day: dt.date) -> float:
    return values[max(start for start in values if start <= day)]


# --- conversion (pure: tested on a small synthetic wheel) --------------------------------------


def _head(parameter_id: str, nature: str, libelle: str, unite: str, path: str) -> dict[str, Any]:
    origin = {"paquet": PACKAGE, "version": VERSION, "chemin": PARAMETERS + path}
    return {"id": parameter_id, "nature": nature, "libelle": libelle, "unite": unite, "revision": "annuelle", "origine": origin}


def series(wheel: zipfile.ZipFile, parameter_id: str, spec: dict[str, Any]) -> dict[str, Any]:
    node = _read(wheel, spec["chemin"])
    entries = []
    for day, value in _values(node).items():
        if day < SINCE:
            continue
        [source, *others] = _references(node, day, spec["chemin"])
        if others:
            raise ValueError(f"{spec['chemin']} : plusieurs textes le {day} : choisir la source")
        entries.append({"debut": day, "valeur": round(value, 2), "source": source})
    head = _head(parameter_id, "serie", spec["libelle"], spec["unite"], spec["chemin"])
    return {**head, "remarques": spec["remarques"], "valeurs": entries}


def bareme(wheel: zipfile.ZipFile, parameter_id: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Each 1st January's amounts by category and zone, with the texts most of the cells cite that day."""
    base = spec["chemin"]
    paths = {
        (category, zone): f"{base}/par_categorie_de_menage/{category}/{zone}.yaml" for category in CATEGORIES for zone in ZONES
    }
    paths |= {(EXTRA_PERSON, zone): f"{base}/{EXTRA_PERSON}/{zone}.yaml" for zone in ZONES}
    nodes = {cell: _read(wheel, path) for cell, path in paths.items()}
    cells = {cell: _values(node) for cell, node in nodes.items()}
    starts = sorted({day for values in cells.values() for day in values if day >= SINCE and (day.month, day.day) == (1, 1)})
    for cell, values in cells.items():  # a revision on another day would be lost: only repeats are allowed
        for day in (day for day in values if day >= SINCE and day not in starts):
            if values[day] != _in_force({k: v for k, v in values.items() if k < day}, day):
                raise ValueError(f"{paths[cell]} : nouvelle valeur le {day}, pas un 1er janvier")
    amounts = {day: {cell: round(_in_force(values, day)) for cell, values in cells.items()} for day in starts}
    corrections = CORRECTIONS.get(parameter_id, [])
    for fix in corrections:
        cell = (fix["categorie"], fix["zone"])
        if amounts[fix["debut"]][cell] != fix["lu"]:
            raise ValueError(
                f"{paths[cell]} : {amounts[fix['debut']][cell]} le {fix['debut']}, et non {fix['lu']} : revoir CORRECTIONS"
            )
        amounts[fix["debut"]][cell] = fix["retenu"]
    check_growth(parameter_id, amounts)
    periods = [
        {
            "debut": day,
            "sources": _most_cited([_references(nodes[cell], day, paths[cell]) for cell in cells]),
            "plafonds": {category: _Row({zone: row[(category, zone)] for zone in ZONES}) for category in CATEGORIES},
            EXTRA_PERSON: _Row({zone: row[(EXTRA_PERSON, zone)] for zone in ZONES}),
        }
        for day, row in amounts.items()
    ]
    released = dt.date(*wheel.getinfo(PARAMETERS + paths[("categorie_1", "autres_regions")]).date_time[:3])
    return {
        **_head(parameter_id, "bareme", spec["libelle"], "euros_par_an", base + "/"),
        "remarques": [*_stale_note(starts[-1], released), *HOUSEHOLD_NOTES],
        "categories": CATEGORIES,
        "zones": ZONES,
        "valeurs": periods,
        **({"corrections": corrections} if corrections else {}),
    }


def _stale_note(last: dt.date, released: dt.date) -> list[str]:
    """Say so when the package was released after the series stopped being current."""
    since = stale_since(last, "annuelle")
    if since > released:
        return []
    last_text, since_text = (french_date(day).replace(NBSP, " ") for day in (last, since))
    return [
        f"La série d'OpenFisca-France {VERSION} s'arrête au {last_text} : révisé chaque année, ce barème est "
        f"périmé depuis le {since_text} et n'y donne plus de valeur (la recherche répond « périmé »)."
    ]


def _most_cited(lists: list[list[dict[str, str]]]) -> list[dict[str, str]]:
    """The list of texts most cells give (OpenFisca's cells sometimes cite one text more, or one less)."""
    counts = Counter(tuple(tuple(text.items()) for text in texts) for texts in lists)
    return [dict(text) for text in counts.most_common(1)[0][0]]


def check_growth(parameter_id: str, amounts: dict[dt.date, dict[Any, int]]) -> None:
    """Refuse a barème in which one amount moves unlike the others from one year to the next."""
    days = list(amounts)
    for before, after in itertools.pairwise(days):
        rates = {cell: amounts[after][cell] / amounts[before][cell] for cell in amounts[after]}
        usual = statistics.median(rates.values())
        odd = [f"{cell[0]}/{cell[1]} ({rate - 1:+.2%})" for cell, rate in rates.items() if abs(rate - usual) > GROWTH_TOLERANCE]
        if odd:
            raise ValueError(
                f"{parameter_id} le {after} : {', '.join(odd)} contre {usual - 1:+.2%} ailleurs : ajouter à CORRECTIONS"
            )


# --- writing ------------------------------------------------------------------------------------


class _Row(dict):
    """An amount by zone, written on one line."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Row, lambda dumper, row: dumper.represent_mapping("tag:yaml.org,2002:map", row, flow_style=True))


def render(data: dict[str, Any]) -> str:
    """The file's text: where it comes from, then the values; a corrected amount says so on its line."""
    chemin = data["origine"]["chemin"]
    header = [
        "# yaml-language-server: $schema=../../schemas/parametre.schema.json",
        "# Généré par « make parametres » (scripts/parametres.py) : ne pas modifier à la main.",
        f"# Source : paquet Python {PACKAGE} {VERSION}, {chemin}",
        "# (valeurs des textes officiels cités ; aucun code d'OpenFisca n'est repris).",
    ]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000).splitlines()
    fixes = {(fix["debut"].isoformat(), fix["categorie"]): fix for fix in data.get("corrections", [])}
    day = ""
    for index, line in enumerate(body):
        if line.startswith("- debut: ") or line.startswith("  - debut: "):
            day = line.split(": ", 1)[1]
        fix = fixes.get((day, line.strip().split(":", 1)[0]))
        if fix and "{" in line:
            body[index] = f"{line}  # corrigé : {fix['lu']} dans la source ({fix['zone']}), voir corrections"
    return "\n".join([*header, *body]) + "\n"


def convert(wheel: zipfile.ZipFile) -> dict[str, str]:
    """File name → text of every file of referentiel/parametres/."""
    files = {f"{pid}.yml": render(series(wheel, pid, spec)) for pid, spec in SERIES.items()}
    return files | {f"{pid}.yml": render(bareme(wheel, pid, spec)) for pid, spec in BAREMES.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roue", type=Path, help="une roue déjà téléchargée (sinon : pip download)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.roue or download(Path(folder))
        check_pinned(path)
        with zipfile.ZipFile(path) as wheel:
            files = convert(wheel)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"{(OUT / name).relative_to(ROOT)} : {text.count(chr(10))} lignes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
