"""Regenerate referentiel/territoires/ from Etalab's npm package (``make territoires``).

The only step that needs Node (npm) and the network: ``npm pack`` downloads the pinned
versions into a temporary folder; everything else reads the committed files.

    PYTHONPATH=hooks python scripts/territoires.py [--date AAAA-MM-JJ] [--reecrire]

Writes:
- referentiel/territoires/territoires.json: the build-time reference (read by hooks/aides/model/cog.py);
- referentiel/territoires/recherche/: the browser lookup files (commune_lookup.py; read by overrides/assets/js/lib/model/place-names.js);
- referentiel/territoires/README.md: source, versions, licence, date, counts and shard sizes.

Then lists the codes of the data that the new reference changes, and rewrites those with a unique
successor when asked (territoires_millesime.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from aides.data.loading import data_dir
from aides.model.cog import Referentiel
from aides.model.formatting import NNBSP
from commune_lookup import GZIP_LEVEL, LOOKUP_BUDGET, dumps_rows, gz_size, lookup_files, sizes, write_lookup
from territoires_millesime import previous_references, review

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "referentiel" / "territoires"
PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"  # millésime 2026 of the Code officiel géographique
# 6.0.0 lists the old codes of merged communes (anciensCodes) without their names when they are no
# longer communes déléguées or associées; 0.3.0 still lists them with their names.
NAMES_VERSION = "0.3.0"
# What npm must hand back for these versions: a republished tarball stops the generation.
INTEGRITY = {
    "6.0.0": "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ==",
    "0.3.0": "sha512-tpXVQ2kv8cZPe9DXfflsKK4xF18VwNTitpgnj2nvZO1jmg5co3wDg8qGucSVoPK6LTzD3ON7U6E1yxNX9s4/XQ==",
}
FILES = ("regions", "departements", "communes", "epci")

COLUMNS = {
    "regions": ["code", "nom", "tncc"],
    "departements": ["code", "nom", "region", "tncc"],
    "collectivites": ["code", "nom"],
    "communes": ["code", "nom", "departement", "epci", "codes_postaux", "population"],
    "arrondissements": ["code", "nom", "commune", "codes_postaux", "population"],
    "anciennes": ["code", "nom", "type", "commune"],
    "epci": ["siren", "nom", "type"],
}
MERGED_TYPES = {"commune-deleguee": "deleguee", "commune-associee": "associee"}


# --- download (npm) -------------------------------------------------------------------


def npm_pack(version: str, folder: Path) -> tuple[dict[str, Any], Path]:
    """``npm pack`` one version into ``folder``; returns npm's description and the unpacked package folder."""
    spec = f"{PACKAGE}@{version}"
    result = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(folder)], capture_output=True, text=True, check=True
    )
    info = json.loads(result.stdout)[0]
    if version in INTEGRITY and info["integrity"] != INTEGRITY[version]:
        raise SystemExit(
            f"{spec} : intégrité {info['integrity']} au lieu de {INTEGRITY[version]} (mettre à jour INTEGRITY si c'est voulu)"
        )
    target = folder / version
    with tarfile.open(folder / info["filename"]) as archive:
        archive.extractall(target, filter="data")
    return info, target / "package"


def read_package(folder: Path, names: Iterable[str] = FILES) -> dict[str, Any]:
    data = {name: json.loads((folder / "data" / f"{name}.json").read_text(encoding="utf-8")) for name in names}
    data["package.json"] = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    return data


# --- transform (pure: tested on a tiny sample) -------------------------------------------


def transform(raw: Mapping[str, Any], old_communes: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """The package's JSON (and an older version's communes, for old names) → the reference's tables."""
    outre_mer = {dep["code"] for dep in raw["departements"] if dep["zone"] == "com"}
    epci_of = {member["code"]: epci["code"] for epci in raw["epci"] for member in epci["membres"]}
    communes = raw["communes"]
    current = [c for c in communes if c["type"] == "commune-actuelle"]
    missing = sorted(set(epci_of) - {c["code"] for c in current})
    if missing:
        raise ValueError(f"membres d'EPCI qui ne sont pas des communes actuelles : {missing[:5]}")
    tables: dict[str, list[list[Any]]] = {
        # tncc: the Insee's « type de nom en clair » (typeLiaison), the name's article (cog.Region)
        "regions": [[r["code"], r["nom"], r["typeLiaison"]] for r in raw["regions"] if r["zone"] != "com"],
        "departements": [
            [d["code"], d["nom"], d["region"], d["typeLiaison"]] for d in raw["departements"] if d["code"] not in outre_mer
        ],
        "collectivites": [[d["code"], d["nom"]] for d in raw["departements"] if d["code"] in outre_mer],
        "communes": [
            [c["code"], c["nom"], c["departement"], epci_of.get(c["code"]), c.get("codesPostaux", []), c.get("population", 0)]
            for c in current
        ],
        "arrondissements": [
            [a["code"], a["nom"], a["commune"], a.get("codesPostaux", []), a.get("population", 0)]
            for a in communes
            if a["type"] == "arrondissement-municipal"
        ],
        "anciennes": anciennes(communes, old_communes),
        "epci": [[e["code"], e["nom"], e["type"]] for e in sorted(raw["epci"], key=lambda e: e["code"])],
    }
    for name in ("regions", "departements", "collectivites", "communes", "arrondissements"):
        tables[name].sort(key=lambda row: row[0])
    return {"colonnes": COLUMNS, **tables}


def anciennes(communes: list[Mapping[str, Any]], old_communes: Iterable[Mapping[str, Any]]) -> list[list[Any]]:
    """Communes déléguées and associées, then old codes (anciensCodes) named from an older version when possible."""
    rows = [[c["code"], c["nom"], MERGED_TYPES[c["type"]], c["chefLieu"]] for c in communes if c["type"] in MERGED_TYPES]
    listed = {c["code"] for c in communes}
    names = old_names(old_communes)
    for commune in communes:
        for old in commune.get("anciensCodes", []):
            if old not in listed:
                rows.append([old, names.get(old), "ancienne", commune["code"]])
    unique = {(row[0], row[2], row[3], row[1] or ""): row for row in rows}
    return sorted(unique.values(), key=lambda row: (row[0], row[2], row[1] or ""))


def old_names(old_communes: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Code → name in an older version, preferring the record of the commune itself over its later fates."""
    preference = [
        "commune-actuelle",
        "commune-deleguee",
        "commune-associee",
        "commune-absorbee",
        "commune-perimee",
        "ancien-code",
    ]
    best: dict[str, tuple[int, str]] = {}
    for commune in old_communes:
        rank = preference.index(commune["type"]) if commune.get("type") in preference else len(preference)
        if commune["code"] not in best or rank < best[commune["code"]][0]:
            best[commune["code"]] = (rank, commune["nom"])
    return {code: name for code, (_, name) in best.items()}


# --- writing --------------------------------------------------------------------------


def dumps_reference(reference: Mapping[str, Any]) -> str:
    """The reference as JSON: header objects on one line each, then one table row per line."""
    parts = []
    for name, value in reference.items():
        if isinstance(value, list):
            body = dumps_rows(value).rstrip("\n")
        else:
            body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        parts.append(f"{json.dumps(name)}:{body}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def readme(ref: Referentiel, reference_text: str, measured: Mapping[str, Any]) -> str:
    source = ref.source
    counts = {
        "régions": len(ref.regions),
        "départements": len(ref.departements),
        "collectivités d'outre-mer": len(ref.collectivites),
        "communes actuelles": len(ref.communes),
        "dont dans un département": sum(c.departement in ref.departements for c in ref.communes.values()),
        "arrondissements municipaux": len(ref.arrondissements),
        "communes déléguées": sum(a.type == "deleguee" for a in ref.anciennes),
        "communes associées": sum(a.type == "associee" for a in ref.anciennes),
        "anciens codes": sum(a.type == "ancienne" for a in ref.anciennes),
        "dont sans nom connu": sum(a.nom is None for a in ref.anciennes),
        "EPCI à fiscalité propre": len(ref.epci),
        "codes postaux": len(ref.by_postcode),
    }
    table = "\n".join(f"| {name} | {count:,} |".replace(",", NNBSP) for name, count in counts.items())
    cp, noms = measured["cp"], measured["noms"]
    template = (Path(__file__).with_name("territoires_readme.md")).read_text(encoding="utf-8")
    return template.format(
        package=PACKAGE,
        version=source["version"],
        integrite=source["integrite"],
        names_version=source["noms_anciens"]["version"],
        licence=source["licence"],
        date=source["genere_le"],
        counts=table,
        reference_kb=round(len(reference_text.encode()) / 1024),
        reference_gz_kb=round(gz_size(reference_text) / 1024),
        index_gz=measured["index"],
        cp_files=cp["fichiers"],
        cp_max=cp["max"],
        cp_median=cp["mediane"],
        noms_files=noms["fichiers"],
        noms_max=noms["max"],
        noms_median=noms["mediane"],
        budget=LOOKUP_BUDGET,
        level=GZIP_LEVEL,
    )


def generation_date(text: str | None) -> str:
    if text:
        return dt.date.fromisoformat(text).isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return today.date().isoformat()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", help="date de génération écrite dans les fichiers (AAAA-MM-JJ ; défaut : aujourd'hui)")
    parser.add_argument(
        "--reecrire", action="store_true", help="remplacer dans data/ les codes qui ont un successeur unique, sans demander"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        info, folder = npm_pack(VERSION, Path(tmp))
        old_info, old_folder = npm_pack(NAMES_VERSION, Path(tmp))
        raw = read_package(folder)
        old = read_package(old_folder, ["communes"])
    licence = f"données : Licence Ouverte (README du paquet) ; code du paquet : {raw['package.json']['license']}"
    reference = {
        "source": {
            "paquet": PACKAGE,
            "version": info["version"],
            "integrite": info["integrity"],
            "noms_anciens": {"version": old_info["version"], "integrite": old_info["integrity"]},
            "licence": licence,
            "genere_le": generation_date(args.date),
        },
        **transform(raw, old["communes"]),
    }
    text = dumps_reference(reference)
    ref = Referentiel(reference)
    files = lookup_files(ref)
    measured = sizes(files)
    previous = previous_references(OUT / "territoires.json", ROOT)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "territoires.json").write_text(text, encoding="utf-8")
    write_lookup(files, OUT / "recherche")
    (OUT / "README.md").write_text(readme(ref, text, measured), encoding="utf-8")
    print(json.dumps(measured, indent=2))
    sys.exit(review(data_dir(), previous, ref, ROOT, rewrite_now=args.reecrire))


if __name__ == "__main__":
    main()
