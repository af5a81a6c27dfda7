"""The territorial reference (referentiel/territoires/), cog.py over it, and its browser twin lib/model/place-names.js.

Nothing here needs the network: the committed files are checked (counts, known examples, the
format the generator writes, the shard budget), the generator's pure transform runs on a tiny
sample, and the shared vectors and a few hundred random queries run through both twins.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aides.model import cog
from aides.model.place_names import name_keys, normalise_name
from commune_search import as_dict, search
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import commune_lookup as lookup
import territoires as gen

FOLDER = ROOT / "referentiel" / "territoires"
LOOKUP = FOLDER / "recherche"
VECTORS = json.loads((ROOT / "tests" / "vectors" / "communes.json").read_text(encoding="utf-8"))
COMMUNES_JS = ROOT / "overrides" / "assets" / "js" / "lib" / "model" / "place-names.js"
NODE = shutil.which("node")


def node() -> str:
    assert NODE, "Node.js manque : « make test » l'installe (paquet Debian nodejs)"
    return NODE


@pytest.fixture(scope="module")
def ref() -> cog.Referentiel:
    return cog.referentiel()


@pytest.fixture(scope="module")
def committed_lookup() -> dict[str, str]:
    return {path.relative_to(LOOKUP).as_posix(): path.read_text(encoding="utf-8") for path in LOOKUP.rglob("*.json")}


# --- counts and known places ------------------------------------------------------------


def test_counts(ref: cog.Referentiel) -> None:
    assert len(ref.regions) == 18
    assert len(ref.departements) == 101
    assert len(ref.collectivites) == 8
    assert len(ref.communes) >= 34_900
    assert 1_200 <= len(ref.epci) <= 1_300
    assert len(ref.arrondissements) == 45  # Paris 20, Lyon 9, Marseille 16
    assert len(ref.by_postcode) >= 6_000
    departements = {commune.departement for commune in ref.communes.values()}
    assert set(ref.departements) <= departements
    assert {"01", "13", "2A", "2B", "75", "971", "972", "973", "974", "976"} <= departements
    assert "20" not in departements
    assert all(dep.region in ref.regions for dep in ref.departements.values())
    assert all(commune.epci is None or commune.epci in ref.epci for commune in ref.communes.values())


@pytest.mark.parametrize(
    ("siren", "name", "members"),
    [
        ("200054807", "Aix-Marseille-Provence", 92),
        ("248300543", "Toulon-Provence-Méditerranée", 12),
        ("200030195", "Nice Côte d'Azur", 51),
        ("200054781", "Grand Paris", 130),
    ],
)
def test_metropoles(ref: cog.Referentiel, siren: str, name: str, members: int) -> None:
    epci = ref.epci[siren]
    assert name in epci.nom and epci.type == "METRO"
    assert len(epci.membres) == members


def test_known_communes(ref: cog.Referentiel) -> None:
    toulon = ref.communes["83137"]
    assert toulon.nom == "Toulon" and toulon.codes_postaux == ("83000", "83100", "83200")
    assert ref.by_postcode["04000"][0].code == "04070"
    assert [c.code for c in ref.by_postcode["13001"]] == ["13055"]
    assert len(ref.by_postcode["01400"]) == 10
    assert ref.communes["2A004"].departement == "2A"
    assert ref.communes["97411"].departement == "974"
    assert "13201" not in ref.communes  # an arrondissement is not a commune…
    assert ref.current_commune("13201").code == "13055"  # …it leads to one


def test_old_and_delegated_codes(ref: cog.Referentiel) -> None:
    assert ref.current_commune("01033").nom == "Valserhône"  # also Bellegarde-sur-Valserine's code, now délégué
    assert ref.current_commune("01126").code == "01033"  # Coupy, an older merger
    assert ref.current_commune("20004").code == "2A004"  # Ajaccio before Corsica's two départements
    assert ref.current_commune("99999") is None
    bellegarde = [a for a in ref.anciennes if a.nom == "Bellegarde-sur-Valserine"]
    assert [(a.code, a.type, a.commune) for a in bellegarde] == [("01033", "deleguee", "01033")]


def test_departement_region_epci_of_a_commune(ref: cog.Referentiel) -> None:
    def region(departement: str) -> cog.Region:
        return ref.regions[ref.departements[departement].region]

    assert ref.current_commune("13208").departement == "13"
    assert region("13").code == "93"
    assert region(ref.communes["2A004"].departement).nom == "Corse" and region("2B").code == "94"
    assert region("974").nom == "La Réunion"
    saint_martin = ref.communes["97801"].departement  # a collectivité d'outre-mer, no département
    assert saint_martin in ref.collectivites and saint_martin not in ref.departements
    assert ref.current_commune("13208").epci == "200054807"
    assert ref.communes["83137"].epci == "248300543"
    assert ref.communes["29155"].epci is None  # Ouessant belongs to no EPCI


# --- the committed files are what the generator writes ----------------------------------


def test_reference_format() -> None:
    text = (FOLDER / "territoires.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert gen.dumps_reference(data) == text  # one record per line, as written
    assert data["colonnes"] == gen.COLUMNS
    assert data["source"]["paquet"] == "@etalab/decoupage-administratif"
    assert data["source"]["version"] == gen.VERSION
    assert data["source"]["noms_anciens"]["version"] == gen.NAMES_VERSION
    for table, columns in gen.COLUMNS.items():
        assert all(len(row) == len(columns) for row in data[table]), table
        assert all(isinstance(row[0], str) for row in data[table]), table  # codes stay strings ("01", "2A")


def test_lookup_files_are_the_generator_output(ref: cog.Referentiel, committed_lookup: dict[str, str]) -> None:
    assert lookup.lookup_files(ref) == committed_lookup


def test_readme_states_source_and_sizes(committed_lookup: dict[str, str]) -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    measured = lookup.sizes(committed_lookup)
    for text in ("@etalab/decoupage-administratif", f"**{gen.VERSION}**", "Licence Ouverte", "make territoires"):
        assert text in readme
    assert (
        f"| `cp/` | {measured['cp']['fichiers']} | {measured['cp']['max']} octets | {measured['cp']['mediane']} octets |"
        in readme
    )
    assert (
        f"| `noms/` | {measured['noms']['fichiers']} | {measured['noms']['max']} octets | {measured['noms']['mediane']} octets |"
        in readme
    )
    assert re.search(r"Généré le \*\*\d{4}-\d{2}-\d{2}\*\*", readme)


def test_shard_budget(committed_lookup: dict[str, str]) -> None:
    """index.json plus any one shard: at most 15 KB gzipped, the most one lookup downloads."""
    index = gzip_size(committed_lookup["index.json"])
    shards = {path: gzip_size(text) for path, text in committed_lookup.items() if path != "index.json"}
    too_big = {path: size for path, size in shards.items() if index + size > lookup.LOOKUP_BUDGET}
    assert not too_big
    assert max(shards.values()) <= lookup.SHARD_BUDGET


def test_index_lists_every_shard(committed_lookup: dict[str, str]) -> None:
    index = json.loads(committed_lookup["index.json"])
    listed = {f"cp/{p}.json" for p in index["cp"]} | {f"noms/{k}.json" for k in index["noms"]}
    listed |= {f"noms/{k}-.json" for k in index["exacts"]}
    assert listed == set(committed_lookup) - {"index.json"}
    leaves = index["noms"]
    assert not [(a, b) for a in leaves for b in leaves if a != b and b.startswith(a)], "les préfixes se recouvrent"
    assert {"20", "97", "98"} <= set(index["cp"])


def gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=lookup.GZIP_LEVEL, mtime=0))


# --- the generator's transform, on a tiny sample --------------------------------------------

SAMPLE = {
    "regions": [{"code": "84", "nom": "Auvergne-Rhône-Alpes", "typeLiaison": 1, "zone": "metro"}, {"code": "978", "nom": "Saint-Martin", "typeLiaison": 0, "zone": "com"}],
    "departements": [
        {"code": "01", "nom": "Ain", "region": "84", "typeLiaison": 5, "zone": "metro"},
        {"code": "978", "nom": "Saint-Martin", "region": "978", "typeLiaison": 0, "zone": "com"},
    ],
    "communes": [
        {"code": "01033", "nom": "Valserhône", "departement": "01", "region": "84", "type": "commune-actuelle",
         "anciensCodes": ["01126", "01091"], "codesPostaux": ["01200"], "population": 16712},
        {"code": "01033", "nom": "Bellegarde-sur-Valserine", "departement": "01", "region": "84", "type": "commune-deleguee", "chefLieu": "01033"},
        {"code": "01091", "nom": "Châtillon-en-Michaille", "departement": "01", "region": "84", "type": "commune-deleguee", "chefLieu": "01033"},
        {"code": "01120", "nom": "Cordieux", "departement": "01", "region": "84", "type": "commune-associee", "chefLieu": "01262"},
        {"code": "01262", "nom": "Montluel", "departement": "01", "region": "84", "type": "commune-actuelle", "codesPostaux": ["01120"], "population": 7000},
        {"code": "97801", "nom": "Saint-Martin", "departement": "978", "region": "978", "type": "commune-actuelle", "codesPostaux": ["97150"]},
    ],
    "epci": [{"code": "240100891", "nom": "CC du Pays Bellegardien", "type": "CC", "membres": [{"code": "01033"}]}],
}  # fmt: skip
OLD_SAMPLE = [
    {"code": "01126", "nom": "Coupy", "type": "commune-absorbee"},
    {"code": "01126", "nom": "Coupy (ancien code)", "type": "ancien-code"},
]


def test_transform_sample() -> None:
    tables = gen.transform(SAMPLE, OLD_SAMPLE)
    assert tables["regions"] == [["84", "Auvergne-Rhône-Alpes", 1]]
    assert tables["departements"] == [["01", "Ain", "84", 5]]
    assert tables["collectivites"] == [["978", "Saint-Martin"]]
    assert tables["communes"] == [
        ["01033", "Valserhône", "01", "240100891", ["01200"], 16712],
        ["01262", "Montluel", "01", None, ["01120"], 7000],
        ["97801", "Saint-Martin", "978", None, ["97150"], 0],
    ]
    assert tables["anciennes"] == [
        ["01033", "Bellegarde-sur-Valserine", "deleguee", "01033"],
        ["01091", "Châtillon-en-Michaille", "deleguee", "01033"],  # also in anciensCodes: listed once
        ["01120", "Cordieux", "associee", "01262"],
        ["01126", "Coupy", "ancienne", "01033"],  # named from the older version
    ]
    ref = cog.Referentiel({"source": {"version": "test"}, **tables})
    assert ref.current_commune("01126").nom == "Valserhône"
    assert ref.epci["240100891"].membres == ("01033",)
    assert [m.code for m in search(ref, "coupy")] == ["01126"]
    assert search(ref, "montluel")[0].as_row() == ["01262", "Montluel", "01", ["01120"]]
    assert search(ref, "cordieux")[0].as_row() == ["01120", "Cordieux", "01", ["01120"], "associee", "01262", "Montluel"]


def test_transform_refuses_an_epci_member_that_is_not_a_commune() -> None:
    broken = {**SAMPLE, "epci": [{"code": "1", "nom": "X", "type": "CC", "membres": [{"code": "01999"}]}]}
    with pytest.raises(ValueError, match="01999"):
        gen.transform(broken)


def test_unnamed_old_codes_are_kept_for_codes_not_for_names() -> None:
    tables = gen.transform(SAMPLE)  # no older version: Coupy has no name
    assert ["01126", None, "ancienne", "01033"] in tables["anciennes"]
    ref = cog.Referentiel(tables)
    assert ref.current_commune("01126").code == "01033"
    assert all(match.nom for match in ref.entries)


# --- shared vectors through Python -------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS["normalisation"], ids=[repr(v["texte"]) for v in VECTORS["normalisation"]])
def test_normalise_vector(vector: dict[str, str]) -> None:
    assert normalise_name(vector["texte"]) == vector["attendu"]


@pytest.mark.parametrize("vector", VECTORS["cles"], ids=[v["nom"] for v in VECTORS["cles"]])
def test_name_keys_vector(vector: dict[str, Any]) -> None:
    assert name_keys(vector["nom"]) == vector["attendu"]


@pytest.mark.parametrize("vector", VECTORS["recherches"], ids=[v["nom"] for v in VECTORS["recherches"]])
def test_search_vector(ref: cog.Referentiel, vector: dict[str, Any]) -> None:
    results = [as_dict(match) for match in search(ref, vector["texte"])]
    codes = [result["code"] for result in results]
    if "premier" in vector:
        assert results[0] == vector["premier"]
    if "codes" in vector:
        assert codes == vector["codes"]
    if "nombre" in vector:
        assert len(results) == vector["nombre"]
    for code in vector.get("contient", []):
        assert code in codes


def test_merged_results_are_flagged(ref: cog.Referentiel) -> None:
    [bellegarde] = search(ref, "Bellegarde-sur-Valserine")
    assert bellegarde.type == "deleguee" and bellegarde.actuelle == ("01033", "Valserhône")
    assert search(ref, "Toulon")[0].type == cog.CURRENT


# --- the Node twin ------------------------------------------------------------------------------


def test_node_suite() -> None:
    command = [node(), "--test", "tests/js/communes.test.mjs"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"node --test a échoué :\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"


JS_RUNNER = """
import { readFileSync } from "node:fs";
import { createLookup, nameKeys, normalise } from "%s";
const { folder, queries, texts, names } = JSON.parse(readFileSync(process.argv[1], "utf8"));
const lookup = createLookup({ fetchJson: (path) => JSON.parse(readFileSync(folder + "/" + path, "utf8")) });
const results = [];
for (const query of queries) results.push(await lookup(query));
process.stdout.write(JSON.stringify({ results, normalised: texts.map(normalise), keys: names.map(nameKeys) }));
"""
SEED = 20261130
ODD_CHARACTERS = "ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆàâäçéèêëîïôöùûüÿœæ'’-  .()İıßøñ1ºª\t"


def random_queries(ref: cog.Referentiel, rng: random.Random) -> list[str]:
    entries = rng.sample(ref.entries, 300)
    queries = [entry.nom for entry in entries[:100]]
    for entry in entries[100:]:
        key = rng.choice(name_keys(entry.nom))
        queries.append(key[: rng.randint(2, min(len(key), 9))])
    postcodes = sorted(ref.by_postcode)
    queries += rng.sample(postcodes, 100) + [f"{rng.randint(0, 99999):05d}" for _ in range(50)]
    queries += ["st " + entry.nom.split("-")[-1] for entry in entries[:50]]
    return queries


def test_random_queries_agree(ref: cog.Referentiel, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    queries = random_queries(ref, rng)
    texts = [
        "".join(rng.choice(ODD_CHARACTERS + "abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(0, 20))) for _ in range(500)
    ]
    path = tmp_path / "queries.json"
    names = [entry.nom for entry in rng.sample(ref.entries, 3000)]
    path.write_text(json.dumps({"folder": str(LOOKUP), "queries": queries, "texts": texts, "names": names}), encoding="utf-8")
    run = subprocess.run(
        [node(), "--input-type=module", "-e", JS_RUNNER % COMMUNES_JS.as_uri(), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    actual = json.loads(run.stdout)
    assert actual["normalised"] == [normalise_name(text) for text in texts]
    assert actual["keys"] == [name_keys(name) for name in names]
    complete = [(query, js) for query, js in zip(queries, actual["results"], strict=True) if not js["incomplet"]]
    assert len(complete) >= 0.8 * len(queries), "trop de requêtes trop courtes : l'échantillon ne prouve rien"
    differences = [
        (query, js["resultats"]) for query, js in complete if js["resultats"] != [as_dict(m) for m in search(ref, query)]
    ]
    assert not differences, f"{len(differences)} requêtes diffèrent ; première : {differences[0]}"
    assert sum(bool(js["resultats"]) for _, js in complete) >= 0.7 * len(complete)
