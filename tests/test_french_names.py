"""Names in French sentences (hooks/aides/model/french_names.py), over every name of the data and of the
Code officiel géographique: « auprès des Comités locaux… », « à La Réunion », « dans les Hauts-de-France »,
« au Havre ». The browser's twin for communes runs the same vectors (tests/js/shared-vectors.test.mjs)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from aides.model import cog, french_names
from conftest import ROOT

VECTORS = json.loads((ROOT / "tests" / "vectors" / "french-names.json").read_text(encoding="utf-8"))
REF = cog.referentiel()

# Contractions French never leaves undone, and the elisions it always makes.
WRONG = re.compile(r"\b(de|à) (le|les|Le|Les) |\bde [AEIOUYÉÈÊÎÔÂ]|\ben (La|Le|Les|L')")


def well_formed(text: str) -> bool:
    return WRONG.search(text) is None


# --- organisations: every partner and contact of the data, with the article its editor wrote ---------

ORGANISATIONS = {
    "action-logement": ("Action Logement", "d'Action Logement", "à Action Logement"),
    "action-logement-services": ("Action Logement Services", "d'Action Logement Services", "à Action Logement Services"),
    "alliade-habitat": ("Alliade Habitat", "d'Alliade Habitat", "à Alliade Habitat"),
    "amallia": ("Amallia Action Logement", "d'Amallia Action Logement", "à Amallia Action Logement"),
    "anru": ("l'ANRU", "de l'ANRU", "à l'ANRU"),
    "ar-hlm-paca-corse": ("l'AR Hlm Paca & Corse", "de l'AR Hlm Paca & Corse", "à l'AR Hlm Paca & Corse"),
    "cllaj": (
        "les Comités locaux pour le logement autonome des jeunes",
        "des Comités locaux pour le logement autonome des jeunes",
        "aux Comités locaux pour le logement autonome des jeunes",
    ),
    "comite-regional-action-logement-ile-de-france": (
        "le Comité régional Action Logement Île-de-France",
        "du Comité régional Action Logement Île-de-France",
        "au Comité régional Action Logement Île-de-France",
    ),
    "etat": (
        "l'État (ministère chargé du Logement)",
        "de l'État (ministère chargé du Logement)",
        "à l'État (ministère chargé du Logement)",
    ),
    "federation-nationale-solidarite-femmes": (
        "la Fédération nationale Solidarité Femmes",
        "de la Fédération nationale Solidarité Femmes",
        "à la Fédération nationale Solidarité Femmes",
    ),
    "habitat-humanisme-rhone": ("Habitat et Humanisme Rhône", "d'Habitat et Humanisme Rhône", "à Habitat et Humanisme Rhône"),
    "nqt": ("NQT", "de NQT", "à NQT"),
    "prefecture-ile-de-france": (
        "la Préfecture de la région d'Île-de-France",
        "de la Préfecture de la région d'Île-de-France",
        "à la Préfecture de la région d'Île-de-France",
    ),
    "soli-al": (
        "Soli'AL (Solidarité Action Logement)",
        "de Soli'AL (Solidarité Action Logement)",
        "à Soli'AL (Solidarité Action Logement)",
    ),
    "uncllaj": (
        "l'Union nationale des comités locaux pour le logement autonome des jeunes",
        "de l'Union nationale des comités locaux pour le logement autonome des jeunes",
        "à l'Union nationale des comités locaux pour le logement autonome des jeunes",
    ),
    "union-sociale-pour-l-habitat": (
        "l'Union sociale pour l'habitat",
        "de l'Union sociale pour l'habitat",
        "à l'Union sociale pour l'habitat",
    ),
}
CONTACTS = {
    "accompagnement-social-als-paca-corse": (
        "l'Accompagnement social d'Action Logement Services en Paca-Corse",
        "de l'Accompagnement social d'Action Logement Services en Paca-Corse",
        "à l'Accompagnement social d'Action Logement Services en Paca-Corse",
    ),
}


def forms(name: french_names.Name) -> tuple[str, str, str]:
    return name.avec_article, name.de, name.a


def test_every_partner_and_contact_states_its_article(catalogue: Any) -> None:
    """A new file without ``article`` gets a warning (make check); the bundled data says them all."""
    missing = [f"partenaires/{pid}" for pid, p in catalogue.partenaires.items() if p.article is None]
    missing += [f"contacts/{cid}" for cid, c in catalogue.contacts.items() if c.article is None]
    assert missing == [], f"sans « article: » : {missing}"


def test_every_partner_is_said_with_its_article(catalogue: Any) -> None:
    assert set(ORGANISATIONS) == set(catalogue.partenaires), "un partenaire nouveau : ajoutez ses formes ici"
    for partner_id, expected in ORGANISATIONS.items():
        assert forms(catalogue.partner_name(partner_id)) == expected, partner_id


def test_every_contact_is_said_with_its_article(catalogue: Any) -> None:
    assert set(CONTACTS) == set(catalogue.contacts), "un contact nouveau : ajoutez ses formes ici"
    for contact_id, expected in CONTACTS.items():
        assert forms(catalogue.contact_name(contact_id)) == expected, contact_id


@pytest.mark.parametrize("article", french_names.ARTICLES)
def test_each_article_contracts_or_elides(article: str) -> None:
    expected = {
        "le": ("le Comité", "du Comité", "au Comité"),
        "la": ("la Préfecture", "de la Préfecture", "à la Préfecture"),
        "les": ("les Comités", "des Comités", "aux Comités"),
        "l'": ("l'Union", "de l'Union", "à l'Union"),
        "aucun": ("Action Logement", "d'Action Logement", "à Action Logement"),
    }[article]
    name = {"le": "Comité", "la": "Préfecture", "les": "Comités", "l'": "Union", "aucun": "Action Logement"}[article]
    assert forms(french_names.organisation(name, article)) == expected


def test_a_name_without_its_article_is_said_bare() -> None:
    """Not yet stated (a warning says so): as before, « de » elided before a vowel or a mute h."""
    assert forms(french_names.organisation("Habitat et Humanisme", None))[1] == "d'Habitat et Humanisme"
    assert forms(french_names.organisation("NQT", None))[1] == "de NQT"


def test_the_whom_to_ask_notice_names_each_organisation_with_its_article(catalogue: Any) -> None:
    from aides.trust.freshness import ask

    assert ask(catalogue, catalogue.aides["accompagnement-jeunes-cllaj"]) == (
        "auprès des Comités locaux pour le logement autonome des jeunes ou de l'Union nationale des comités "
        "locaux pour le logement autonome des jeunes"
    )
    assert ask(catalogue, catalogue.aides["accompagnement-social-action-logement-services"]) == (
        "auprès de l'Accompagnement social d'Action Logement Services en Paca-Corse"
    )
    for aide in catalogue.aides.values():
        assert well_formed(ask(catalogue, aide)), aide.titre


# --- régions and départements: the Code's type of name (TNCC) -----------------------------------------

REGIONS = {
    "01": ("de la Guadeloupe", "en Guadeloupe"),
    "02": ("de la Martinique", "en Martinique"),
    "03": ("de la Guyane", "en Guyane"),
    "04": ("de La Réunion", "à La Réunion"),
    "06": ("de Mayotte", "à Mayotte"),
    "11": ("d'Île-de-France", "en Île-de-France"),
    "24": ("du Centre-Val de Loire", "dans le Centre-Val de Loire"),
    "27": ("de Bourgogne-Franche-Comté", "en Bourgogne-Franche-Comté"),
    "28": ("de Normandie", "en Normandie"),
    "32": ("des Hauts-de-France", "dans les Hauts-de-France"),
    "44": ("du Grand Est", "dans le Grand Est"),
    "52": ("des Pays de la Loire", "dans les Pays de la Loire"),
    "53": ("de Bretagne", "en Bretagne"),
    "75": ("de la Nouvelle-Aquitaine", "en Nouvelle-Aquitaine"),
    "76": ("d'Occitanie", "en Occitanie"),
    "84": ("d'Auvergne-Rhône-Alpes", "en Auvergne-Rhône-Alpes"),
    "93": ("de Provence-Alpes-Côte d'Azur", "en Provence-Alpes-Côte d'Azur"),
    "94": ("de Corse", "en Corse"),
}
DEPARTEMENTS = {  # one or more of each type of name, and those the Code says apart
    "01": ("de l'Ain", "en Ain"),
    "07": ("de l'Ardèche", "en Ardèche"),
    "06": ("des Alpes-Maritimes", "dans les Alpes-Maritimes"),
    "13": ("des Bouches-du-Rhône", "dans les Bouches-du-Rhône"),
    "14": ("du Calvados", "dans le Calvados"),
    "2A": ("de la Corse-du-Sud", "en Corse-du-Sud"),
    "28": ("d'Eure-et-Loir", "en Eure-et-Loir"),
    "41": ("du Loir-et-Cher", "dans le Loir-et-Cher"),
    "49": ("de Maine-et-Loire", "en Maine-et-Loire"),
    "69": ("du Rhône", "dans le Rhône"),
    "75": ("de Paris", "à Paris"),
    "83": ("du Var", "dans le Var"),
    "90": ("du Territoire de Belfort", "dans le Territoire de Belfort"),
    "93": ("de la Seine-Saint-Denis", "en Seine-Saint-Denis"),
    "95": ("du Val-d'Oise", "dans le Val-d'Oise"),
    "971": ("de la Guadeloupe", "en Guadeloupe"),
    "974": ("de La Réunion", "à La Réunion"),
    "976": ("de Mayotte", "à Mayotte"),
}


def test_every_region(catalogue: Any) -> None:
    assert set(REGIONS) == set(REF.regions)
    for code, (of, where) in REGIONS.items():
        name = catalogue.region_name(code)
        assert (name.de, name.lieu) == (of, where), code


def test_every_departement(catalogue: Any) -> None:
    assert len(REF.departements) == 101
    for code, departement in REF.departements.items():
        name = catalogue.departement_name(code)
        if code in DEPARTEMENTS:
            assert (name.de, name.lieu) == DEPARTEMENTS[code], code
        assert well_formed(name.de) and well_formed(name.lieu), (code, name)
        article = {2: "le", 3: "la", 4: "les", 5: "l'"}.get(departement.tncc, "")
        of = {"le": "du ", "les": "des ", "la": "de la ", "l'": "de l'", "": "d'" if departement.tncc == 1 else "de "}
        assert name.de == (f"de {departement.nom}" if departement.nom.startswith("La ") else of[article] + departement.nom)
        if code in french_names.AT_PLACES["departements"]:
            assert name.lieu == f"à {departement.nom}", code
        elif article in ("le", "les"):
            assert name.lieu == f"dans {article} {departement.nom}", code
        else:
            assert name.lieu == f"en {departement.nom}", code


# --- communes: the article is in the official name -----------------------------------------------------


@pytest.mark.parametrize("case", VECTORS["communes"], ids=lambda case: case["nom"])
def test_commune_vectors(case: dict[str, str]) -> None:
    name = french_names.commune(case["nom"])
    assert name.a == name.lieu == case["a"]


def test_communes_with_an_article() -> None:
    assert french_names.commune("Le Havre").de == "du Havre"
    assert french_names.commune("Les Mureaux").de == "des Mureaux"
    assert french_names.commune("La Rochelle").de == "de La Rochelle"
    assert french_names.commune("Aix-en-Provence").de == "d'Aix-en-Provence"
    assert REF.communes["76351"].nom == "Le Havre" and REF.communes["78440"].nom == "Les Mureaux"


def test_every_commune_of_the_code() -> None:
    """Current communes, arrondissements and former communes: « à » contracts « Le » and « Les », never « La » or « L' »."""
    names = [c.nom for c in REF.communes.values()] + [a.nom for a in REF.arrondissements.values()]
    names += [a.nom for a in REF.anciennes if a.nom]
    counted = {"au ": 0, "aux ": 0}
    for nom in names:
        at = french_names.commune(nom).a
        assert well_formed(at), nom
        if nom.startswith("Le "):
            assert at == "au " + nom[3:], nom
        elif nom.startswith(("Les ", "Aux ")):
            assert at == "aux " + nom[4:], nom
        else:
            assert at == "à " + nom, nom
        counted[at.split(" ")[0] + " "] = counted.get(at.split(" ")[0] + " ", 0) + 1
    assert counted["au "] > 700 and counted["aux "] > 300  # the Code's types 2 (le) and 4 (les)


# --- the conditions say their places with them ----------------------------------------------------------


def test_conditions_on_places_say_their_preposition(catalogue: Any) -> None:
    from aides.model.conditions import Compiler

    compiler = Compiler(catalogue.questions, REF)
    cases = {
        ("region", ("04", "94")): "Habiter ou chercher un logement à La Réunion ou en Corse",
        ("region", ("32",)): "Habiter ou chercher un logement dans les Hauts-de-France",
        ("departement", ("83", "13")): "Habiter ou chercher un logement dans le Var ou dans les Bouches-du-Rhône",
        ("commune", ("76351",)): "Habiter ou avoir son projet au Havre",
    }
    for (question, codes), expected in cases.items():
        node = compiler.compile({question: {"parmi": list(codes)}}, ())
        assert node is not None and node["texte"] == expected, compiler.errors


def test_printed_sentences_name_the_places_and_organisations_rightly(site: Path) -> None:
    """The built site, as a person reads it: no bare name after « de », « à », « en » or « auprès de »."""
    forbidden = [
        "auprès de Comités",
        "auprès d'Accompagnement",
        "auprès d'Union",
        "de Préfecture",
        "en La Réunion",
        "en Mayotte",
        "en Hauts-de-France",
        "en Grand Est",
        "à Comités",
        "d'ANRU",
    ]
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8").replace("&#39;", "'")
        found = [phrase for phrase in forbidden if phrase in text]
        assert found == [], (page, found)
    sheet = (site / "aides" / "region" / "04" / "imprimer" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Les aides au logement à La Réunion</h1>" in sheet
    hauts = (site / "aides" / "region" / "32" / "imprimer" / "index.html").read_text(encoding="utf-8")
    assert "<title>Les aides au logement dans les Hauts-de-France" in hauts
    aid = (site / "aides" / "accompagnement-jeunes-cllaj" / "index.html").read_text(encoding="utf-8").replace("&#39;", "'")
    assert "vérifiez auprès des Comités locaux pour le logement autonome des jeunes ou de l'Union nationale" in aid
