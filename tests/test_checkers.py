"""The eligibility checkers' data and pages, without a browser.

- ``assets/questionnaire.json``: every current aid's compiled tree, interned, comes
  back unchanged in Python (``decode_nodes``) and in JavaScript (``decodeQuestionnaire``);
  ended schemes are left out.
- The pages: fieldsets with « Je ne sais pas » on every question, the form hidden
  until JavaScript shows it, an explanation and links to the conditions without it.
- ``assets/lieux.json``: the places tables and territorial lists, once per build, that
  no page carries (its lists come empty, marked ``data-lieux``).
- A rule change that changes an example's outcome fails the build, with file:line.

The browser side is in ``test_checkers_browser.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from aides.model.conditions import normalise, questions_of
from aides.model.formatting import typography
from aides.site import urls
from aides.site.checkers import NodeTable, amount_zones, decode_nodes, places_file, questionnaire_data
from aides.site.fields import Fields
from aides.trust import freshness
from conftest import ROOT, Builder
from test_eligibility_twins import node

ENDED = "sous-location-femmes-victimes-violences"  # ended on 2023-09-22
STALE = "aide-exceptionnelle-loyer-150-euros"  # a temporary measure of 2020, never confirmed: catalogue.STALE_MEASURE


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


# --- the questionnaire file ---------------------------------------------------------


def contact_indexes(data: dict[str, Any], position: int) -> list[int]:
    """The contacts of the aid at that position in the columns, through its follow-up (``suites``)."""
    return data["suites"][data["aides"]["suite"][position]][0]


def test_questionnaire_file_lists_current_aids_with_their_exact_trees(catalogue: Any) -> None:
    data = questionnaire_data(catalogue)
    nodes = decode_nodes(data["noeuds"], data["groupes"])
    columns = data["aides"]
    ids = columns["id"]
    assert ENDED in catalogue.aides and catalogue.is_ended(catalogue.aides[ENDED])
    assert ENDED not in ids, "un dispositif terminé ne doit jamais être proposé"
    assert STALE in catalogue.aides and STALE not in ids, "une mesure temporaire ancienne, non confirmée, n'est pas proposée"
    assert set(ids) == {aid for aid, aide in catalogue.aides.items() if not catalogue.is_ended(aide)} - {STALE}
    assert ids == catalogue.current_aids  # sorted by title
    assert all(len(column) == len(ids) for column in columns.values())
    follow_ups = [(tuple(refs), notice) for refs, notice in data["suites"]]
    assert len(set(follow_ups)) == len(follow_ups), "une suite partagée par plusieurs aides est écrite une fois"
    for position, aid_id in enumerate(ids):
        assert nodes[columns["noeud"][position]] == catalogue.rules[aid_id], aid_id
        assert columns["titre"][position] == typography(catalogue.aides[aid_id].titre)
        contacts = contact_indexes(data, position)
        # Its own contacts, then its partners' public ways in (Cards.reach): someone to reach for every aid.
        own = [catalogue.contacts[cid].nom for cid in catalogue.aides[aid_id].contacts]
        ways_in = [catalogue.partenaires[pid].nom for pid in catalogue.ways_in(aid_id)]
        assert [data["contacts"][index]["nom"] for index in contacts] == own + ways_in, aid_id
        assert contacts, f"{aid_id} : personne à joindre dans les résultats du questionnaire"
        index = data["suites"][columns["suite"][position]][1]
        notice = data["avis"][index] if index is not None else ""
        assert notice == (freshness.notice(catalogue, catalogue.aides[aid_id]) or ""), aid_id
    assert len(data["avis"]) == len(set(data["avis"]))  # each notice stored once


def test_nodes_are_stored_once_and_children_come_first(catalogue: Any) -> None:
    data = questionnaire_data(catalogue)
    entries = [json.dumps(entry, ensure_ascii=False) for entry in data["noeuds"]]
    assert len(entries) == len(set(entries))
    for index, entry in enumerate(data["noeuds"]):
        if entry[0] in ("t", "u"):
            assert all(child < index for child in entry[1])
    # "Être un particulier" is written once for every aid that asks for it.
    particulier = [entry for entry in data["noeuds"] if entry[:2] == ["c", "profil"] and entry[3] == ["particulier"]]
    assert len(particulier) == 1


def test_interning_shrinks_many_similar_trees() -> None:
    leaf = {"type": "critere", "question": "age", "operateur": "moins_de", "valeur": 30, "texte": "Avoir moins de 30 ans"}
    tree = {"type": "toutes", "texte": "Remplir toutes ces conditions\u00a0:", "enfants": [leaf, dict(leaf)]}
    table = NodeTable()
    roots = {table.add(json.loads(json.dumps(tree))) for _ in range(1000)}
    assert len(roots) == 1 and len(table.entries) == 2


def test_contacts_carry_their_territory(catalogue: Any) -> None:
    data = questionnaire_data(catalogue)
    (contact,) = [record for record in data["contacts"] if "email" in record]
    assert contact["email"] == "accompagnementpaca.als@actionlogement.fr"
    assert contact["zones"] == ["r93", "r94"]  # lib/model/territory.js picks the contacts of a place by them
    assert contact["territoire"] == "Provence-Alpes-Côte d'Azur et Corse"
    assert contact["partenaire_url"] == "partenaires/action-logement-services/"


def test_partners_ways_in_come_with_their_zones_and_an_aid_s_form_only(catalogue: Any) -> None:
    """A partner's ways in are contacts of the questionnaire too: national (zone f) for Action Logement, the
    Rhône for Habitat et Humanisme; the Visale form only in Visale's result, not in the Hlm loans'."""
    data = questionnaire_data(catalogue)
    columns = data["aides"]
    by_aid = {aid: [data["contacts"][i] for i in contact_indexes(data, n)] for n, aid in enumerate(columns["id"])}
    (visale,) = [c for c in by_aid["visale"] if c["nom"] == "Action Logement"]
    assert "telephone" not in visale and visale["url"] == "https://www.actionlogement.fr"  # no number no source shows
    assert visale["formulaire_url"] == "https://www.visale.fr" and visale["zones"] == ["f"]
    (loans,) = [c for c in by_aid["requalification-logements-sociaux"] if c["nom"] == "Action Logement"]
    assert "formulaire" not in loans and loans["url"] == "https://www.actionlogement.fr"
    (rhone,) = [c for c in by_aid["logement-temporaire-habitat-humanisme-rhone"] if c["nom"] == "Habitat et Humanisme Rhône"]
    assert rhone["zones"] == ["d69"]


def test_questionnaire_file_carries_the_amounts_of_each_zone_with_its_territory(catalogue: Any) -> None:
    """/eligibilite/ shows the row of the person's zone (seed 004: PLUS/PLAI by métropole), as the aid page does."""
    data = questionnaire_data(catalogue)
    nodes = decode_nodes(data["noeuds"], data["groupes"])
    assert set(data["montants"]) == {aid for aid in catalogue.current_aids if amount_zones(catalogue, aid)}
    assert "reconstitution-offre-renouvellement-urbain" in data["montants"]
    for aid_id, zones in data["montants"].items():
        assert [{**zone, "lieu": nodes[zone["lieu"]]} for zone in zones] == amount_zones(catalogue, aid_id)


def test_javascript_decodes_the_built_file_into_the_published_rules(site: Path, catalogue: Any) -> None:
    """The browser rebuilds, from the compact file, exactly the trees of /donnees/eligibilite.json,
    and the amounts by zone of the aid pages."""
    module = (ROOT / "overrides" / "assets" / "js" / "lib" / "site" / "checkers.js").as_uri()
    script = (
        'import { readFileSync } from "node:fs";\n'
        f'import {{ decodeQuestionnaire }} from "{module}";\n'
        'const aides = decodeQuestionnaire(JSON.parse(readFileSync(process.argv[1], "utf8")));\n'
        "process.stdout.write(JSON.stringify(aides.map(({ id, conditions, zones }) => [id, [conditions, zones]])));\n"
    )
    run = subprocess.run(
        [node(), "--input-type=module", "-e", script, str(site / "assets" / "questionnaire.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    decoded = {aid_id: conditions for aid_id, (conditions, _) in json.loads(run.stdout)}
    zones = {aid_id: found for aid_id, (_, found) in json.loads(run.stdout) if found}
    assert zones == {aid_id: amount_zones(catalogue, aid_id) for aid_id in decoded if amount_zones(catalogue, aid_id)}
    published = json.loads((site / "donnees" / "eligibilite.json").read_text(encoding="utf-8"))
    current = {aide["id"]: aide["conditions"] for aide in published["aides"] if aide["statut"] in ("en_cours", "a_confirmer")}
    assert decoded == current


# --- the pages ------------------------------------------------------------------------------


def fieldsets(html: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r'<fieldset[^>]*data-question="([^"]+)".*?</fieldset>', html, re.S)}


def test_aid_page_checker_asks_only_the_aids_questions(site: Path, catalogue: Any) -> None:
    html = read(site, "aides/relogement-prioritaires-dalo-ile-de-france")
    found = fieldsets(html)
    # The région is asked through the commune, the département staying as a fallback.
    assert list(found) == ["profil", "commune", "departement", "statut", "decision_dalo"]
    for qid, fieldset in found.items():
        assert "<legend" in fieldset, qid
        assert "Je ne sais pas" in fieldset, qid
    assert re.search(r'<div class="verificateur__corps" data-checker[^>]* hidden>', html), (
        "le formulaire doit être caché sans JavaScript"
    )
    assert "data-sans-js" in html and 'href="#conditions"' in html
    data = json.loads(re.search(r"data-checker-donnees>(.*?)</script>", html, re.S).group(1))
    assert data["conditions"] == catalogue.rules["relogement-prioritaires-dalo-ile-de-france"]
    # The places tables and the département list are in the shared file, not in the page.
    assert data["lieux"] == urls.PLACES_FILE and "places" not in data
    select = re.search(r"<select[^>]*>.*?</select>", found["departement"], re.S).group(0)
    assert 'data-lieux="departements"' in select
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "nsp"]
    assert "Choisissez dans la liste" in select and "Bouches-du-Rhône" not in html
    # « Condition par condition » is not in the page twice: the script copies the Conditions section's tree.
    assert '<div class="conditions conditions--etats" data-etats></div>' in html
    assert html.count("data-arbre-conditions") == 1 and "data-etat>" not in html
    assert set(questions_of(data["conditions"])) <= {q["id"] for q in data["questions"]}


def test_ended_aid_has_no_checker(site: Path) -> None:
    html = read(site, f"aides/{ENDED}")
    assert "Suis-je concerné" in html
    assert "data-checker" not in html
    assert "Le questionnaire n'est donc plus proposé" in html


def test_questionnaire_page_without_javascript(site: Path, catalogue: Any) -> None:
    html = read(site, "eligibilite")
    assert re.search(r'<div class="questionnaire" data-questionnaire hidden', html)
    assert "a besoin de JavaScript" in html
    assert "résultats indicatifs" in html.lower()
    links = re.findall(r'<a href="\.\./aides/([^/"]+)/#conditions">', html)
    assert sorted(links) == sorted(catalogue.current_aids)
    assert ENDED not in links
    for section in ("eligible", "a-verifier", "non-eligible"):
        assert f'id="{section}"' in html
    found = fieldsets(html)
    assert next(iter(found)) == "profil"
    # "genre" only matters to the ended scheme: no current aid needs it, so it is never asked.
    assert "genre" not in found
    assert "region" not in found  # asked through the département
    for qid, fieldset in found.items():
        opening = fieldset[: fieldset.index(">") + 1]
        assert "Je ne sais pas" in fieldset and "<legend" in fieldset and opening.endswith(" hidden>"), qid


def test_an_aid_with_contacts_for_part_of_the_country_asks_the_commune_to_pick_them(site: Path) -> None:
    """Its rules never name a place, but « Où s'adresser ? » needs one: its only contact is for Paca-Corse."""
    found = fieldsets(read(site, "aides/accompagnement-social-action-logement-services"))
    assert list(found)[-2:] == ["commune", "departement"]  # asked last, the département as a fallback
    assert "commune" not in fieldsets(read(site, "aides/visale"))  # no contact: nothing to pick


def test_the_questionnaire_asks_the_commune_last_when_contacts_depend_on_it(site: Path) -> None:
    html = read(site, "eligibilite")
    data = json.loads(
        re.search(r"<script type=\"application/json\" data-questionnaire-donnees>(.*?)</script>", html, re.S).group(1)
    )
    assert data["lieu_contacts"] == "commune"
    assert data["lieux"] == urls.PLACES_FILE and "places" not in data and "epci_noms" not in data
    departement = re.search(r"<select[^>]*>.*?</select>", fieldsets(html)["departement"], re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"', departement) == ["", "nsp"]


def test_javascript_derives_places_from_the_built_file_as_python_does(site: Path, catalogue: Any) -> None:
    """The browser derives the région and the EPCI from the shared file exactly as Python does from the catalogue."""
    lib = ROOT / "overrides" / "assets" / "js" / "lib"
    cases = [
        {"commune": "83137"},  # Toulon: département 83, région 93, its métropole
        {"commune": "13055"},  # Marseille
        {"commune": "2A004"},  # Ajaccio
        {"commune": "01033"},  # an EPCI the data does not name: « autre »
        {"commune": "nsp", "departement": "93"},  # Seine-Saint-Denis: Île-de-France
        {"departement": "974"},
        {"region": "11"},
    ]
    questions = [
        {"id": qid, "type": q.type.value, **({"deduite_de": q.deduite_de} if q.deduite_de else {})}
        for qid, q in catalogue.questions.items()
    ]
    script = (
        'import { readFileSync } from "node:fs";\n'
        f'import {{ normalise }} from "{(lib / "model" / "conditions.js").as_uri()}";\n'
        f'import {{ placeTables }} from "{(lib / "places.js").as_uri()}";\n'
        'const places = placeTables(JSON.parse(readFileSync(process.argv[1], "utf8")));\n'
        "const { questions, cases } = JSON.parse(process.argv[2]);\n"
        "process.stdout.write(JSON.stringify(cases.map((answers) => normalise(answers, questions, places))));\n"
    )
    run = subprocess.run(
        [
            node(),
            "--input-type=module",
            "-e",
            script,
            str(site / urls.PLACES_FILE),
            json.dumps({"questions": questions, "cases": cases}),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    expected = [normalise(answers, catalogue.questions, catalogue.places) for answers in cases]
    assert json.loads(run.stdout) == expected
    assert expected[0]["region"] == "93" and expected[0]["epci"] == "248300543" and expected[4]["region"] == "11"


def test_places_file_is_written_once_with_tables_and_lists(site: Path, catalogue: Any) -> None:
    """One file for every page and every person: what deriving a place needs, the territorial lists, the EPCI names."""
    written = json.loads((site / urls.PLACES_FILE).read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(places_file(catalogue, Fields(catalogue))))
    assert written["region_of"]["93"] == "11"  # the département 93, not the région 93 (PACA)
    assert written["region_of"] == catalogue.places["region_of"] and written["epci_of"] == catalogue.places["epci_of"]
    assert written["epci_of"]["83137"] == "248300543"  # Toulon, in the EPCI the data names
    departements = dict(written["choix"]["departements"])
    assert (
        len(departements) == 101 and departements["13"] == "13 – Bouches-du-Rhône" and departements["2A"] == "2A – Corse-du-Sud"
    )
    assert dict(written["choix"]["regions"])["93"] == "Provence-Alpes-Côte d'Azur"
    assert dict(written["choix"]["epci"])["248300543"] == "Métropole Toulon-Provence-Méditerranée"
    # The shared file is the only copy: no page repeats the département list or the tables.
    for page in ("aides/visale", "aides/relogement-prioritaires-dalo-ile-de-france", "eligibilite", "integrer/eligibilite"):
        html = read(site, page)
        assert "Alpes-de-Haute-Provence" not in html and '"region_of"' not in html, page


def test_no_ordinary_space_before_french_punctuation_in_checker_text(site: Path) -> None:
    pieces = {
        "eligibilite": re.search(r"<article.*?</article>", read(site, "eligibilite"), re.S).group(0),
        "aides/visale": re.search(r'<section class="verificateur".*?</section>', read(site, "aides/visale"), re.S).group(0),
    }
    for page, html in pieces.items():
        text = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
        assert not re.findall(r"\S {1,}[:;!?](?=\s|$)", text), page
    for path in sorted((ROOT / "overrides" / "assets" / "js").rglob("*.js")):
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"(?m)(^|\s)//.*$", "", source)  # comments are not shown
        strings = re.findall(r'"([^"\n]*)"', source) + [
            # a placeholder stands for a word: « ${name} : » is caught, « ${where}${NBSP}: » is not
            re.sub(r"\$\{[^}]*\}", "x", text)
            for text in re.findall(r"`([^`]*)`", source)
        ]
        for text in strings:
            assert not re.search(r"\S [:;!?](?:\s|$)", text), f"{path.name} : « {text} »"


# --- an example whose outcome changes fails the build -----------------------------------


def test_build_fails_when_a_rule_change_changes_an_example(data_copy: Path, tmp_path: Path, build_site: Builder) -> None:
    visale = data_copy / "aides" / "visale.yml"
    text = visale.read_text(encoding="utf-8")
    assert "age: { moins_de: 30 }" in text
    visale.write_text(text.replace("age: { moins_de: 30 }", "age: { moins_de: 22 }"), encoding="utf-8")
    lines = visale.read_text(encoding="utf-8").splitlines()
    line = next(number for number, content in enumerate(lines, 1) if content.strip() == "resultat: eligible")
    column = lines[line - 1].index("eligible") + 1

    site = tmp_path / "site"
    result = build_site(site, data_copy)

    assert result.returncode != 0
    expected = (
        f"aides/visale.yml:{line}:{column}: exemples[0].resultat : l'exemple « Jeune salariée de 25 ans qui entre dans "
        "un logement » attend eligible mais les conditions donnent maintenant non_eligible"
    )
    assert expected in result.stderr, result.stderr
    assert not site.exists()
