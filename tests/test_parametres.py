"""Dated reference values (referentiel/parametres/): what is in force on a day, the stale ones refused,
the PLAI typo corrected, French errors with file and line, and the import from OpenFisca-France's
wheel (scripts/parametres.py) run on a small wheel made here: no network, no build.

One test downloads the pinned wheel from PyPI (as ``make test`` installs its packages; kept in
``.cache/``) and checks that the committed files are exactly what the import writes from it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from aides.data import loading
from aides.data.errors import DataErrors
from aides.data.loading import load_catalogue, load_parameters
from aides.model.parameters import PARAMETERS, ParameterError, StaleParameter, stale_since
from conftest import ROOT

D = dt.date
ZONES = ("paris_communes_limitrophes", "ile_de_france", "autres_regions")


def load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("parametres_script", ROOT / "scripts" / "parametres.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def parameters() -> dict[str, Any]:
    return load_parameters()


# --- what is in force -----------------------------------------------------------------------


def test_the_smic_in_force_changes_on_the_day_of_its_revision(parameters: dict[str, Any]) -> None:
    smic = parameters["smic_brut_mensuel"]
    assert smic.unite == "euros_par_mois"
    before, on = smic.at(D(2026, 5, 31)), smic.at(D(2026, 6, 1))
    assert (before.valeur, before.debut) == (1823.03, D(2026, 1, 1))
    assert (on.valeur, on.debut) == (1867.02, D(2026, 6, 1))
    assert "22 mai 2026" in on.source.titre and on.source.url
    assert smic.at(D(2026, 11, 22)) == on
    assert smic.at(D(2024, 11, 1)).valeur == 1801.8
    with pytest.raises(ParameterError, match="n'a pas de valeur avant le 1er"):
        smic.at(D(2014, 12, 31))


def test_plus_ceilings_by_category_and_zone_with_extra_persons(parameters: dict[str, Any]) -> None:
    plus = parameters["plafonds_plus"]
    assert plus.categories["categorie_1"] == "Une personne seule."
    assert "jeunes ménages" in plus.categories["categorie_2"]
    assert plus.zones["ile_de_france"] == "Île-de-France hors Paris et communes limitrophes"
    assert [plus.at(D(2025, 12, 31)).ceiling(2, zone) for zone in ZONES] == [39885, 39885, 30984]
    today = plus.at(D(2026, 11, 22))
    assert today.debut == D(2026, 1, 1)
    assert [today.ceiling(2, zone) for zone in ZONES] == [40233, 40233, 31254]
    assert today.ceiling(1, "autres_regions") == 23403  # as the design notes had it
    assert today.ceiling(8, "autres_regions") == 60156 + 2 * 6710
    assert any("19/12/2025" in source.titre for source in today.sources)
    with pytest.raises(ParameterError, match="zone inconnue « paris »"):
        today.ceiling(2, "paris")
    with pytest.raises(ParameterError, match="catégorie 0"):
        today.ceiling(0, "autres_regions")


def test_the_plai_typo_is_corrected_and_says_so(parameters: dict[str, Any]) -> None:
    plai = parameters["plafonds_plai"]
    year = plai.at(D(2022, 6, 1))
    assert [year.ceiling(2, zone) for zone in ZONES] == [21805, 21805, 16939]
    [fix] = plai.corrections
    assert (fix.debut, fix.categorie, fix.zone, fix.lu, fix.retenu) == (
        D(2022, 1, 1),
        "categorie_2",
        "paris_communes_limitrophes",
        218805,
        21805,
    )
    assert "faute de frappe" in fix.raison.lower()
    text = (PARAMETERS / "plafonds_plai.yml").read_text(encoding="utf-8")
    assert "21805, ile_de_france: 21805, autres_regions: 16939}  # corrigé : 218805" in text


def test_a_series_past_its_revision_period_is_refused_not_used(parameters: dict[str, Any]) -> None:
    """The PLAI table stops in 2022: a build of 2026 must not compare incomes with it."""
    plai = parameters["plafonds_plai"]
    assert "s'arrête au 1er janvier 2022" in plai.remarques[0]
    assert plai.at(D(2023, 1, 31)).debut == D(2022, 1, 1)
    with pytest.raises(StaleParameter, match=r"périmé depuis le 1er\sfévrier 2023") as stale:
        plai.at(D(2026, 11, 22))
    assert (stale.value.last, stale.value.since) == (D(2022, 1, 1), D(2023, 2, 1))
    assert plai.at(D(2021, 6, 1)).ceiling(1, "autres_regions") == 11531  # a later value exists: not stale
    # Revised each year: 13 months after its last start, a value is no longer trusted.
    assert parameters["plafonds_plus"].at(D(2027, 1, 31)).debut == D(2026, 1, 1)
    with pytest.raises(StaleParameter):
        parameters["plafonds_plus"].at(D(2027, 2, 1))
    assert parameters["smic_brut_mensuel"].at(D(2027, 6, 30)).valeur == 1867.02
    with pytest.raises(StaleParameter):
        parameters["smic_brut_mensuel"].at(D(2027, 7, 1))
    assert stale_since(D(2025, 12, 1), "annuelle") == D(2027, 1, 1)


def test_the_catalogue_holds_the_parameters() -> None:
    catalogue = load_catalogue(today=D(2026, 11, 22))
    assert catalogue.parameter("smic_brut_mensuel").at(catalogue.today).valeur == 1867.02
    assert set(catalogue.parameters) == {"smic_brut_mensuel", "plafonds_plus", "plafonds_plai"}
    with pytest.raises(ParameterError, match="paramètre inconnu : « smic » "):
        catalogue.parameter("smic")


# --- errors in a file -----------------------------------------------------------------------

SERIES = """\
id: smic
nature: serie
libelle: Smic
unite: euros_par_mois
revision: annuelle
origine: {paquet: p, version: "1", chemin: c}
valeurs:
  - debut: 2025-01-01
    valeur: 10
    source: {titre: Décret}
"""


def _errors(folder: Path, files: dict[str, str]) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_parameters(folder)
    return _shown(raised.value)


def test_a_wrong_series_gives_french_errors_with_file_and_line(tmp_path: Path) -> None:
    broken = SERIES.replace("libelle:", "libele:").replace("valeur: 10", 'valeur: "dix"')
    broken += "  - debut: 2024-01-01\n    valeur: 9\n    source: {titre: Décret, url: http://exemple.fr}\n"
    assert _errors(tmp_path, {"smic.yml": broken}) == [
        "smic.yml:1:1: libelle : champ obligatoire manquant",
        "smic.yml:3:1: libele : clé inconnue « libele » ; vouliez-vous dire « libelle » ?",
        "smic.yml:9:13: valeurs[0].valeur : doit être un nombre, pas « dix »",
        "smic.yml:13:34: valeurs[1].source.url : « http://exemple.fr » n'est pas une adresse web valide (elle doit commencer par https://)",
    ]
    unordered = SERIES + "  - debut: 2024-01-01\n    valeur: 9\n    source: {titre: Décret}\n"
    assert _errors(tmp_path, {"smic.yml": unordered}) == [
        "smic.yml:11:12: valeurs[1].debut : les dates doivent croître : 2024-01-01 vient après 2025-01-01"
    ]
    assert _errors(tmp_path, {"smic.yml": SERIES.replace("id: smic", "id: smic_brut")}) == [
        "smic.yml:1:5: id : l'identifiant doit être le nom du fichier, « smic »"
    ]


def test_a_file_of_unknown_nature_says_which_are_allowed(tmp_path: Path) -> None:
    assert _errors(tmp_path, {"smic.yml": SERIES.replace("nature: serie", "nature: tableau")}) == [
        "smic.yml:2:9: nature : « tableau » n'est pas une valeur permise (choix : serie, bareme)"
    ]
    assert _errors(tmp_path, {"smic.yml": SERIES.replace("nature: serie\n", "")}) == [
        "smic.yml:1:1: nature : champ obligatoire manquant"
    ]


BAREME = """\
id: plafonds
nature: bareme
libelle: Plafonds
unite: euros_par_an
revision: annuelle
origine: {paquet: p, version: "1", chemin: c}
categories: {categorie_1: Une personne seule., categorie_2: Deux personnes.}
zones: {paris: Paris, ailleurs: Ailleurs}
valeurs:
  - debut: 2025-01-01
    sources: [{titre: Arrêté}]
    plafonds:
      categorie_1: {paris: 100, ailleurs: 90}
      categorie_2: {paris: 200, ailleurs: 180}
    par_personne_supplementaire: {paris: 50, ailleurs: 40}
corrections:
  - {debut: 2025-01-01, categorie: categorie_2, zone: paris, lu: 2000, retenu: 200, raison: Un zéro de trop.}
"""


def test_a_wrong_bareme_gives_french_errors_with_file_and_line(tmp_path: Path) -> None:
    assert load_parameters(_folder(tmp_path, BAREME))["plafonds"].at(D(2025, 6, 1)).ceiling(4, "ailleurs") == 260
    broken = (
        BAREME.replace("categorie_2: {paris: 200, ailleurs: 180}", "categorie_2: {paris: 200}")
        .replace("{paris: 50, ailleurs: 40}", "{paris: 50, ailleurs: 0}")
        .replace("retenu: 200", "retenu: 20")
    )
    assert _errors(tmp_path, {"plafonds.yml": broken}) == [
        "plafonds.yml:15:56: valeurs[0].par_personne_supplementaire.ailleurs : doit être supérieur à 0",
    ]
    broken = broken.replace("ailleurs: 0}", "ailleurs: 40}")
    assert _errors(tmp_path, {"plafonds.yml": broken}) == [
        "plafonds.yml:14:20: valeurs[0].plafonds.categorie_2 : il faut un montant par zone : paris, ailleurs",
        "plafonds.yml:17:5: corrections[0] : les valeurs du 2025-01-01 ne donnent pas 20 en categorie_2, paris",
    ]
    renumbered = BAREME.replace("categorie_2", "categorie_3")
    assert _errors(tmp_path, {"plafonds.yml": renumbered}) == [
        "plafonds.yml:7:13: categories : les catégories doivent être categorie_1, categorie_2, dans l'ordre"
    ]


def test_the_data_check_reports_parameter_errors_with_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "PARAMETERS", _folder(tmp_path, SERIES.replace("valeur: 10", "valeur: -1")))
    with pytest.raises(DataErrors) as raised:
        load_catalogue(today=D(2026, 11, 22))
    assert _shown(raised.value) == ["smic.yml:9:13: valeurs[0].valeur : doit être supérieur ou égal à 0"]


def _shown(errors: DataErrors) -> list[str]:
    """The errors as printed, with the file's name only (its folder is a temporary one)."""
    return [str(error).removeprefix(str(Path(error.file).parent) + "/") for error in errors.errors]


def _folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "parametres"
    folder.mkdir(exist_ok=True)
    name = "smic.yml" if "nature: serie" in text else "plafonds.yml"
    (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- the import from the wheel ----------------------------------------------------------------


def _openfisca(values: dict[dt.date, float], references: dict[dt.date, Any] | None = None, **metadata: Any) -> str:
    node = {
        "values": {day: {"value": value} for day, value in values.items()},
        "metadata": {"reference": references or {}, **metadata},
    }
    return yaml.safe_dump(node, allow_unicode=True)


def _wheel(generator: Any, plai_cell: int = 218805, plus_odd: int | None = None) -> zipfile.ZipFile:
    """A wheel with the three parameters over two years: the real layout, made-up amounts."""
    files = {
        generator.SERIES["smic_brut_mensuel"]["chemin"]: _openfisca(
            {D(2014, 1, 1): 1445.38, D(2015, 1, 1): 1457.5200000001, D(2016, 1, 1): 1466.62, D(2017, 1, 1): 1480.27},
            {D(2015, 1, 1): {"title": "Décret\u00a02014-1569", "href": "https://www.legifrance.gouv.fr/a"}},
            notes={D(2016, 1, 1): [{"title": "Décret 2015-1688"}]},
        )
    }
    for parameter_id, base in (("plafonds_plus", 1000), ("plafonds_plai", 500)):
        root = generator.BAREMES[parameter_id]["chemin"]
        days = (D(2025, 1, 1), D(2026, 1, 1)) if parameter_id == "plafonds_plus" else (D(2021, 1, 1), D(2022, 1, 1))
        cells = [(f"par_categorie_de_menage/{category}", base * n) for n, category in enumerate(generator.CATEGORIES, 1)]
        for position, (folder, amount) in enumerate([*cells, ("par_personne_supplementaire", base // 2)]):
            for zone in generator.ZONES:
                values = {days[0]: amount, days[1]: amount * 1.01}
                if (parameter_id, position, zone) == ("plafonds_plai", 1, "paris_communes_limitrophes"):
                    values = {days[0]: 21589, days[1]: plai_cell}  # the real typo: 21805 (+1 %) written 218805
                if (parameter_id, position, zone) == ("plafonds_plus", 0, "ile_de_france"):
                    values[D(2026, 1, 2)] = amount * 1.01  # a repeated value on another day is harmless
                if (parameter_id, position, zone) == ("plafonds_plus", 1, "ile_de_france") and plus_odd:
                    values[days[1]] = plus_odd
                texts = [
                    {"title": "Arrêté du 29 juillet 1987"},
                    {"title": "Arrêté de l'année", "href": "https://www.legifrance.gouv.fr/b"},
                ]
                cited = {day: texts[: 1 if position == 3 and zone == "ile_de_france" else 2] for day in days}
                files[f"{root}/{folder}/{zone}.yaml"] = _openfisca(values, cited)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, text in files.items():
            archive.writestr(zipfile.ZipInfo(generator.PARAMETERS + path, date_time=(2026, 10, 27, 7, 59, 0)), text)
    return zipfile.ZipFile(buffer)


def test_the_import_writes_valid_files_from_the_wheel(tmp_path: Path) -> None:
    generator = load_generator()
    files = generator.convert(_wheel(generator))
    assert set(files) == {"smic_brut_mensuel.yml", "plafonds_plus.yml", "plafonds_plai.yml"}
    for name, text in files.items():
        lines = text.splitlines()
        assert lines[0] == "# yaml-language-server: $schema=../../schemas/parametre.schema.json"
        assert "Généré par « make parametres »" in lines[1] and "ne pas modifier à la main" in lines[1]
        assert f"openfisca-france {generator.VERSION}, openfisca_france/parameters/" in lines[2]
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = load_parameters(tmp_path)
    smic = found["smic_brut_mensuel"]
    assert [(entry.debut.year, entry.valeur, entry.source.titre) for entry in smic.valeurs] == [
        (2015, 1457.52, "Décret 2014-1569"),  # from 2015 on, to the cent, its text (spaces made plain)
        (2016, 1466.62, "Décret 2015-1688"),  # no reference: the notes
        (
            2017,
            1480.27,
            "OpenFisca-France 176.1.8, openfisca_france/parameters/" + generator.SERIES["smic_brut_mensuel"]["chemin"],
        ),
    ]
    plus = found["plafonds_plus"]
    assert [period.debut for period in plus.valeurs] == [D(2025, 1, 1), D(2026, 1, 1)]  # not 2 January
    assert plus.at(D(2026, 3, 1)).ceiling(3, "ile_de_france") == 3030
    assert [source.titre for source in plus.valeurs[1].sources] == ["Arrêté du 29 juillet 1987", "Arrêté de l'année"]
    assert not plus.corrections and "s'arrête" not in plus.remarques[0]
    plai = found["plafonds_plai"]
    assert plai.at(D(2022, 6, 1)).ceiling(2, "paris_communes_limitrophes") == 21805
    assert plai.corrections[0].lu == 218805
    assert plai.remarques[0].startswith("La série d'OpenFisca-France 176.1.8 s'arrête au 1er janvier 2022")


def test_the_import_stops_on_a_stray_amount_or_a_correction_that_no_longer_applies() -> None:
    generator = load_generator()
    with pytest.raises(ValueError, match=r"categorie_2/ile_de_france \(\+20\.00%\) contre \+1\.00% ailleurs"):
        generator.convert(_wheel(generator, plus_odd=2400))
    with pytest.raises(ValueError, match="21805 le 2022-01-01, et non 218805 : revoir CORRECTIONS"):
        generator.convert(_wheel(generator, plai_cell=21805))


def test_the_committed_files_are_what_the_import_writes_from_the_pinned_wheel() -> None:
    generator = load_generator()
    cache = ROOT / ".cache" / "parametres"
    cache.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache.glob(f"*{generator.VERSION}*.whl"))
    wheel = wheels[0] if wheels else generator.download(cache)
    generator.check_pinned(wheel)
    with zipfile.ZipFile(wheel) as archive:
        files = generator.convert(archive)
    assert {path.name for path in PARAMETERS.glob("*.yml")} == set(files)
    for name, text in files.items():
        assert (PARAMETERS / name).read_text(encoding="utf-8") == text, f"{name} : lancez « make parametres »"
