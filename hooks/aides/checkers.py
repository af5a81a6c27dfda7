"""Data of the eligibility checkers, gathered for the templates and the browser.

Two checkers run on the compiled rule trees (``conditions.py``), evaluated in the
browser by ``overrides/assets/js/eligibility.js``:

- "Suis-je concerné ?" on each aid page (``overrides/partials/checker.html``):
  the aid's own questions; its tree, and what normalising answers needs, are
  embedded in the page (``checker``).
- The questionnaire of ``/eligibilite/`` (``overrides/eligibilite.html``): the
  questions of every current aid, one at a time; the rules of every current aid
  are downloaded from one compact file, ``assets/questionnaire.json``
  (``questionnaire_data``).

The questionnaire file is an internal format (``/donnees/eligibilite.json`` is
the stable export for reuse). It stays small at 10,000 aids because every
distinct node is stored once and trees refer to nodes by index::

    {
      "version": 1,
      "groupes": {"toutes": "Remplir toutes ces conditions :", "une_de": "..."},
      "noeuds": [                       # children always come before their parents
        ["c", "profil", "parmi", ["particulier"], "Être un particulier"],   # critere
        ["v", "Être orienté par ..."],                                      # a_verifier
        ["t", [0, 1]],                                                      # toutes
        ["u", [0, 1]]                                                       # une_de
      ],
      "contacts": [{"nom": ..., "territoire": "Provence-Alpes-Côte d'Azur et Corse",
                    "regions": ["93", "94"], "departements": [], ...}],
      "aides": [["visale", "Visale, la garantie…", 12], ["id", "titre", 40, [0]]]
    }

Each aid is ``[id, title, root node, contact indexes]`` (the last one left out
when empty); its page is ``aides/<id>/``. Only current aids are listed, sorted
by title: an ended scheme is never offered as possible.

Engine-independent: no MkDocs import.
"""

from __future__ import annotations

import json
import weakref
from typing import Any

from .catalogue import Catalogue
from .conditions import GROUPS, Node, questions_of
from .formatting import typography
from .views import Views

FORMAT_VERSION = 1
KINDS = {"toutes": "t", "une_de": "u", "a_verifier": "v", "critere": "c"}
FIRST_QUESTION = "profil"  # who the person is: an individual, a social landlord, an association...
LISTED_WITHOUT_JS = 40  # without JavaScript, /eligibilite/ links to each aid's conditions, up to this many
_FIELDS: weakref.WeakKeyDictionary[Any, dict[str, dict[str, Any]]] = weakref.WeakKeyDictionary()  # per Views


# --- the compact file of the questionnaire ----------------------------------------


class NodeTable:
    """Interns nodes: each distinct node is stored once, children before parents."""

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []
        self._index: dict[str, int] = {}

    def add(self, node: Node) -> int:
        kind = node["type"]
        if kind in GROUPS:
            entry: list[Any] = [KINDS[kind], [self.add(child) for child in node["enfants"]]]
        elif kind == "a_verifier":
            entry = [KINDS[kind], node["texte"]]
        else:
            entry = [KINDS[kind], node["question"], node["operateur"], node["valeur"], node["texte"]]
        key = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        if key not in self._index:
            self._index[key] = len(self.entries)
            self.entries.append(entry)
        return self._index[key]


def decode_nodes(entries: list[list[Any]], groups: dict[str, str]) -> list[Node]:
    """The compiled nodes back from the table (the JS twin is ``decodeQuestionnaire``)."""
    nodes: list[Node] = []
    for entry in entries:
        kind = entry[0]
        if kind in ("t", "u"):
            name = "toutes" if kind == "t" else "une_de"
            nodes.append({"type": name, "texte": groups[name], "enfants": [nodes[i] for i in entry[1]]})
        elif kind == "v":
            nodes.append({"type": "a_verifier", "texte": entry[1]})
        else:
            _, question, operator, value, text = entry
            nodes.append({"type": "critere", "question": question, "operateur": operator, "valeur": value, "texte": text})
    return nodes


def current_aids(catalogue: Catalogue) -> list[str]:
    """Aids that have not ended, sorted by title (French-friendly: case-insensitive)."""
    ids = [aide_id for aide_id, aide in catalogue.aides.items() if not catalogue.is_ended(aide)]
    return sorted(ids, key=lambda aide_id: (catalogue.aides[aide_id].titre.casefold(), aide_id))


def contact_record(catalogue: Catalogue, contact_id: str, territory: str) -> dict[str, Any]:
    contact = catalogue.contacts[contact_id]
    partner = catalogue.partenaires[contact.partenaire]
    record = {
        "nom": typography(contact.nom),
        "partenaire": typography(partner.nom),
        "partenaire_id": contact.partenaire,
        "email": contact.email,
        "telephone": contact.telephone,
        "url": contact.url,
        "adresse": typography(contact.adresse or ""),
        "territoire": territory,
        "regions": contact.territoire.regions,
        "departements": contact.territoire.departements,
    }
    return {key: value for key, value in record.items() if value not in (None, "")}


def questionnaire_data(catalogue: Catalogue) -> dict[str, Any]:
    """The content of ``assets/questionnaire.json`` (see the module docstring)."""
    territory_text = Views(catalogue).territoire
    table = NodeTable()
    contacts: dict[str, int] = {}
    records: list[dict[str, Any]] = []
    aides: list[list[Any]] = []
    for aide_id in current_aids(catalogue):
        aide = catalogue.aides[aide_id]
        refs = []
        for contact_id in aide.contacts:
            if contact_id not in contacts:
                contacts[contact_id] = len(records)
                territory = territory_text(catalogue.contacts[contact_id].territoire)
                records.append(contact_record(catalogue, contact_id, territory))
            refs.append(contacts[contact_id])
        entry = [aide_id, typography(aide.titre), table.add(catalogue.rules[aide_id])]
        if refs:
            entry.append(refs)
        aides.append(entry)
    return {
        "version": FORMAT_VERSION,
        "groupes": dict(GROUPS),
        "noeuds": table.entries,
        "contacts": records,
        "aides": aides,
    }


# --- the page views -------------------------------------------------------------------


def question_meta(catalogue: Catalogue, question_ids: list[str]) -> list[dict[str, Any]]:
    """What parsing a fragment and normalising answers need: id, type, and the source of a derived answer."""
    meta = []
    for qid in question_ids:
        question = catalogue.questions[qid]
        item: dict[str, Any] = {"id": qid, "type": question.type.value}
        if question.deduite_de:
            item["deduite_de"] = question.deduite_de
        meta.append(item)
    return meta


def asked_question(catalogue: Catalogue, question_id: str) -> str:
    """The question a person answers for ``question_id``: a derived one is asked through its source."""
    return catalogue.questions[question_id].deduite_de or question_id


def question_field(views: Views, question_id: str) -> dict[str, Any]:
    """The view of one question for a fieldset (``partials/checker-questions.html``), built once per question."""
    cache = _FIELDS.setdefault(views, {})
    if question_id not in cache:
        cache[question_id] = _question_field(views, question_id)
    return cache[question_id]


def _question_field(views: Views, question_id: str) -> dict[str, Any]:
    view = dict(views.question_view(question_id))  # a shared, cached dict: copy before changing it
    kind = view["type"]
    if kind == "oui_non":
        view["choix"] = [{"id": "oui", "libelle": "Oui"}, {"id": "non", "libelle": "Non"}]
    elif kind == "region":
        regions = views.cat.territoires.regions
        view["choix"] = [{"id": region.code, "libelle": region.nom} for region in regions]
    # (id, label) pairs: Jinja unpacks a tuple much faster than it looks up dict keys, which counts
    # for the hundred départements of the list on thousands of aid pages.
    view["options"] = [(choice["id"], choice["libelle"]) for choice in view["choix"]]
    return view


def checker(views: Views, aide_id: str) -> dict[str, Any]:
    """The per-aid checker: its fieldsets, and the data eligibility.js runs on (embedded in the page)."""
    catalogue: Catalogue = views.cat
    tree = catalogue.rules[aide_id]
    used = questions_of(tree)
    asked = list(dict.fromkeys(asked_question(catalogue, qid) for qid in used))
    involved = list(dict.fromkeys([*asked, *used]))
    data: dict[str, Any] = {"conditions": tree, "questions": question_meta(catalogue, involved)}
    if any(catalogue.questions[qid].deduite_de for qid in used):
        data["region_of"] = catalogue.region_of
    return {
        "termine": catalogue.is_ended(catalogue.aides[aide_id]),
        "questions": [question_field(views, qid) for qid in asked],
        "donnees": data,
    }


def questionnaire(views: Views) -> dict[str, Any]:
    """The /eligibilite/ page: the questions of every current aid, and links for readers without JavaScript."""
    catalogue: Catalogue = views.cat
    current = current_aids(catalogue)
    used: dict[str, None] = {FIRST_QUESTION: None} if FIRST_QUESTION in catalogue.questions else {}
    for aide_id in current:
        for qid in questions_of(catalogue.rules[aide_id]):
            used.setdefault(asked_question(catalogue, qid))
    # Asked questions in the order of data/questions.yml: it breaks ties between equally useful questions.
    asked = [qid for qid in catalogue.questions if qid in used]
    derived = [qid for qid, question in catalogue.questions.items() if question.deduite_de in used]
    return {
        "questions": [question_field(views, qid) for qid in asked],
        "donnees": {
            "questions": question_meta(catalogue, [*asked, *derived]),
            "region_of": catalogue.region_of,
            "premiere": FIRST_QUESTION,
        },
        "fichier": "assets/questionnaire.json",
        "aides": [
            {"titre": typography(catalogue.aides[aid].titre), "url": f"aides/{aid}/"} for aid in current[:LISTED_WITHOUT_JS]
        ],
        "nombre_aides": len(current),
    }
