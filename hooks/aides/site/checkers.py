"""Data of the eligibility checkers, gathered for the templates and the browser.

Two checkers run on the compiled rule trees (``conditions.py``), evaluated in the
browser by ``overrides/assets/js/lib/model/conditions.js``:

- "Suis-je concerné ?" on each aid page (``overrides/partials/checker.html``):
  the aid's own questions; its tree, and the ids and types of the questions that
  normalising answers needs, are embedded in the page (``Checkers.checker``).
- The questionnaire of ``/eligibilite/`` (``overrides/eligibilite.html``): the
  questions of every current aid, one at a time; the rules of every current aid
  are downloaded from one compact file, ``assets/questionnaire.json``
  (``questionnaire_data``).

Both fetch the shared places file, ``assets/lieux.json`` (``places_file``), when their
questions derive a place or list territories: the tables that derive answers (région of
each département, EPCI of the communes of the EPCI the data names), the options of the
territorial lists (a page renders them empty, marked ``data-lieux``) and the EPCI names.
Written once per build, the same for everyone (no answer in the request), cached by the
browser from one page to the next: no aid page carries it::

    {"region_of": {"13": "93", …}, "epci_of": {"83137": "248300543", …},
     "choix": {"departements": [["01", "01 – Ain"], …], "regions": [["84", "Auvergne-Rhône-Alpes"], …],
               "epci": [["248300543", "Métropole Toulon-Provence-Méditerranée"], …]}}

The questionnaire file is an internal format (``/donnees/eligibilite.json`` is
the stable export for reuse). It stays small at 10,000 aids because every
distinct node is stored once and trees refer to nodes by index::

    {
      "version": 4,
      "groupes": {"toutes": "Remplir toutes ces conditions :", "une_de": "..."},
      "noeuds": [                       # children always come before their parents
        ["c", "profil", "parmi", ["particulier"], "Être un particulier"],   # critere
        ["v", "Être orienté par ..."],                                      # a_verifier
        ["l", "commune", "Habiter…", {lieux}, {zones}, {departements_de}],  # territoire
        ["t", [0, 1]],                                                      # toutes
        ["u", [0, 1]]                                                       # une_de
      ],
      "contacts": [{"nom": ..., "territoire": "Provence-Alpes-Côte d'Azur et Corse",
                    "zones": ["r93", "r94"], "partenaire_url": "partenaires/x/", ...}],   # and partners' ways in
      "avis": ["Information de 2017, non confirmée depuis : vérifiez auprès d'Action Logement."],
      "suites": [[[0, 2], 0], [[1], null]],         # what follows a verdict: [contact indexes, notice index]
      "aides": {"id": ["visale", "autre"], "titre": ["Visale, la garantie…", "Autre aide"], "noeud": [12, 40],
                "suite": [0, 1]},
      "montants": {"id": [{"tableau": "Prêts PLUS et PLAI", "zone": "Métropoles…", "lieu": 7,
                           "montants": ["Prêt PLUS : 8 000 €", …]}]}
    }

The aids come in columns (a list per field, the n-th aid in the n-th place of each: one aid costs
its id, its title and two numbers, not the brackets and separators of a record): id, title, root
node and follow-up. A follow-up is what a result shows after its verdict, stored once in ``suites``
as [its contacts' indexes, its notice's index or null]: thousands of aids share a few (the same
partners' ways in, the same notice), so an aid costs one small number for both. The notice
(``freshness.notice``) says its information is old and unconfirmed: the browser then never shows
it as possible (``lib/trust/freshness.js``).
Its page's URL comes from the pattern the page ships. ``montants`` gives, for an aid whose
amounts vary by place, each zone's row with its territory as a node (``amount_zones``). Only current
aids are listed, sorted by title: an ended scheme is never offered as possible.

Engine-independent: no MkDocs import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aides.model import territory
from aides.model.catalogue import Catalogue
from aides.model.conditions import GROUPS, Node, questions_of
from aides.model.formatting import euros, typography
from aides.site import urls
from aides.site.cards import BLANK_CONTACT, Cards, ContactCard, Link
from aides.site.emergency import EmergencyView
from aides.site.fields import SHARED_CHOICES, Fields, QuestionField
from aides.trust import freshness

FORMAT_VERSION = 4
KINDS = {"toutes": "t", "une_de": "u", "a_verifier": "v", "critere": "c", "territoire": "l"}
PLACE_KEYS = ("question", "texte", "lieux", "zones", "departements_de")  # a territoire node, in this order
FIRST_QUESTION = "profil"  # who the person is: an individual, a social landlord, an association...
LISTED_WITHOUT_JS = 40  # without JavaScript, /eligibilite/ links to each aid's conditions, up to this many


# --- the compact file of the questionnaire ----------------------------------------


CRITERION_EXTRAS = ("montant", "menage")  # optional keys of a criterion, kept by the table


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
        elif kind == "territoire":
            entry = [KINDS[kind], *(node[key] for key in PLACE_KEYS)]
        else:
            entry = [KINDS[kind], node["question"], node["operateur"], node["valeur"], node["texte"]]
            extras = {key: node[key] for key in CRITERION_EXTRAS if key in node}
            entry += [extras] if extras else []  # an amount's flag and the household it asks (income_rules.py)
        key = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        if key not in self._index:
            self._index[key] = len(self.entries)
            self.entries.append(entry)
        return self._index[key]


def decode_nodes(entries: list[list[Any]], groups: dict[str, str]) -> list[Node]:
    """The compiled nodes back from the table (the JS twin is ``decodeQuestionnaire`` of ``lib/site/checkers.js``)."""
    nodes: list[Node] = []
    for entry in entries:
        kind = entry[0]
        if kind in ("t", "u"):
            name = "toutes" if kind == "t" else "une_de"
            nodes.append({"type": name, "texte": groups[name], "enfants": [nodes[i] for i in entry[1]]})
        elif kind == "v":
            nodes.append({"type": "a_verifier", "texte": entry[1]})
        elif kind == "l":
            nodes.append({"type": "territoire", **dict(zip(PLACE_KEYS, entry[1:], strict=True))})
        else:
            _, question, operator, value, text, *extras = entry
            node = {"type": "critere", "question": question, "operateur": operator, "valeur": value, "texte": text}
            nodes.append(node | (extras[0] if extras else {}))
    return nodes


def amount_zones(catalogue: Catalogue, aid_id: str) -> list[dict[str, Any]]:
    """The amount rows of an aid's tables whose zones are territories: both checkers show the row of the
    person's place (« Pour une opération à Toulon (…) : Prêt PLUS jusqu'à 8 000 € ; … », lib/amounts.js)."""
    aide = catalogue.aides[aid_id]
    found = []
    for table in aide.montant.tableaux if aide.montant else []:
        for zone in table.zones:
            node = territory.criterion(catalogue, zone.territoire) if zone.territoire else None
            if node is None:
                continue
            values = [
                f"{typography(line.libelle)} : {euros(line.valeurs[zone.id])}" for line in table.lignes if zone.id in line.valeurs
            ]
            found.append({"tableau": typography(table.titre), "zone": typography(zone.libelle), "lieu": node, "montants": values})
    return found


def places_file(catalogue: Catalogue, fields: Fields) -> dict[str, Any]:
    """The content of the shared places file, ``urls.PLACES_FILE`` (see the module docstring). The EPCI
    list also names the person's EPCI next to an amount: « à Toulon (Métropole Toulon-Provence-Méditerranée) »."""
    choices = fields.shared_choices()
    return {**catalogue.places, "choix": {source: [list(pair) for pair in choices[source]] for source in SHARED_CHOICES}}


def questionnaire_data(catalogue: Catalogue, cards: Cards | None = None) -> dict[str, Any]:
    """The content of ``assets/questionnaire.json`` (see the module docstring)."""
    cards = cards or Cards(catalogue)
    table = NodeTable()
    contacts = _Interned()  # (card id, the form it shows): a partner's ways in show an aid's form only
    records: list[dict[str, Any]] = []
    notices = _Interned()
    follow_ups = _Interned()  # (contact indexes, notice index): thousands of aids share a few
    aides: dict[str, Any] = {"id": [], "titre": [], "noeud": [], "suite": []}
    amounts: dict[str, list[dict[str, Any]]] = {}
    for aid_id in catalogue.current_aids:
        aide = catalogue.aides[aid_id]
        refs = []
        for card in cards.reach(aid_id):  # its contacts, then its partners' ways in: always a next step
            key = (card.id, card.formulaire)
            if key not in contacts:
                records.append(card.browser_record())
            refs.append(contacts.index(key))
        avis = freshness.notice(catalogue, aide)
        aides["id"].append(aid_id)
        aides["titre"].append(typography(aide.titre))
        aides["noeud"].append(table.add(catalogue.rules[aid_id]))
        aides["suite"].append(follow_ups.index((tuple(refs), notices.index(avis) if avis else None)))
        zones = amount_zones(catalogue, aid_id)
        if zones:
            amounts[aid_id] = [{**zone, "lieu": table.add(zone["lieu"])} for zone in zones]
    return {
        "version": FORMAT_VERSION,
        "groupes": dict(GROUPS),
        "noeuds": table.entries,
        "contacts": records,
        "avis": list(notices),
        "suites": [[list(refs), notice] for refs, notice in follow_ups],
        "aides": aides,
        "montants": amounts,
    }


class _Interned(dict):
    """Each distinct value once, numbered in order of first use: ``index`` gives its number."""

    def index(self, value: Any) -> int:
        return self.setdefault(value, len(self))


# --- the page views -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckerView:
    """The per-aid checker: its fieldsets, and the data lib/model/conditions.js runs on (embedded in the page)."""

    termine: bool
    questions: list[QuestionField]
    donnees: dict[str, Any]
    montants: bool = False  # a condition on an amount: its notes (the figure to compare) join the verdict's template


@dataclass(frozen=True, slots=True)
class QuestionnaireView:
    """The /eligibilite/ page: every question, what the script needs, links for readers without JavaScript."""

    questions: list[QuestionField]
    donnees: dict[str, Any]
    fichier: str
    adresses: dict[str, str]
    aides: list[Link]
    nombre_aides: int
    modele_contact: ContactCard = BLANK_CONTACT  # the blank card the script clones
    montants: bool = False  # one of the aids has a condition on an amount (CheckerView.montants)
    urgences: EmergencyView | None = None  # shown with the results when the answers meet donnees["urgence"]


class Checkers:
    def __init__(self, catalogue: Catalogue, fields: Fields) -> None:
        self.cat = catalogue
        self.fields = fields
        self._asked: dict[str, tuple[str, ...]] = {}  # asked(), once per question: thousands of aids ask the same few

    def question_meta(self, question_ids: list[str]) -> list[dict[str, Any]]:
        """What parsing a fragment and normalising answers need: id, type, and the source of a derived answer."""
        meta = []
        for qid in question_ids:
            question = self.cat.questions[qid]
            item: dict[str, Any] = {"id": qid, "type": question.type.value}
            if question.deduite_de:
                item["deduite_de"] = question.deduite_de
            meta.append(item)
        return meta

    def asked(self, question_id: str) -> list[str]:
        """The questions a person answers for ``question_id``: a derived one through its first source
        (the commune for the région); a derived question that others derive from stays asked too,
        as the answer of those who prefer not to give the first one (the département)."""
        if question_id not in self._asked:
            self._asked[question_id] = self._asked_for(question_id)
        return list(self._asked[question_id])

    def _asked_for(self, question_id: str) -> tuple[str, ...]:
        chain = [question_id]
        while (source := self.cat.questions[chain[-1]].deduite_de) and source not in chain:
            chain.append(source)
        sources = {q.deduite_de for q in self.cat.questions.values() if q.deduite_de}
        fallbacks = [qid for qid, q in self.cat.questions.items() if q.deduite_de == chain[-1] and qid in sources]
        return (chain[-1], *fallbacks)

    def derived_from(self, question_ids: list[str]) -> list[str]:
        """The questions derived, directly or not, from these ones (what normalising needs to know)."""
        found = list(question_ids)
        for question_id in found:  # grows while it is read: a breadth-first walk
            found += [qid for qid, q in self.cat.questions.items() if q.deduite_de == question_id and qid not in found]
        return found

    def where_to_go(self, aide_ids: list[str]) -> list[str]:
        """The commune question, when one of these aids has a contact (or a partner's ways in) for part of the country only: the
        answer then picks the person's contacts (lib/model/territory.js personZones), even where no rule needs it."""
        places = [self.cat.contacts[cid].territoire for aid in aide_ids for cid in self.cat.aides[aid].contacts]
        places += [self.cat.partenaires[pid].territoire for aid in aide_ids for pid in self.cat.ways_in(aid)]
        local = any(not where.national for where in places)
        communes = [qid for qid, question in self.cat.questions.items() if question.kind.choices == "communes"]
        return communes[:1] if local else []

    def used_by(self, aid_id: str) -> list[str]:
        """The questions an aid's rules depend on, and the commune when its contacts are local."""
        return questions_of(self.cat.rules[aid_id]) + self.where_to_go([aid_id])

    def asked_of(self, question_ids: list[str]) -> list[str]:
        """The questions a person answers for these ones (``asked``), each once, in order."""
        return list(dict.fromkeys(asked for qid in question_ids for asked in self.asked(qid)))

    def checker(self, aid_id: str) -> CheckerView:
        tree = self.cat.rules[aid_id]
        used = self.used_by(aid_id)
        asked = self.asked_of(used)
        known = self.derived_from(list(dict.fromkeys([*asked, *used])))
        fields = [self.fields.field(qid) for qid in asked]
        data: dict[str, Any] = {"conditions": tree, "questions": self.question_meta(known)}
        avis = freshness.notice(self.cat, self.cat.aides[aid_id])
        if avis:
            data["avis"] = avis  # old, unconfirmed information: never « eligible » (lib/trust/freshness.js)
        zones = amount_zones(self.cat, aid_id)
        if zones:
            data["zones"] = zones  # shown with the name of the person's EPCI, from the places file
        # Deriving a place, filling a territorial list, naming an EPCI: the shared places file.
        if zones or any(field.lieux for field in fields) or any(self.cat.questions[qid].deduite_de for qid in known):
            data["lieux"] = urls.PLACES_FILE
        # A stale temporary measure keeps its checker: it may still exist, and its notice keeps it « à vérifier ».
        closed = self.cat.is_closed(self.cat.aides[aid_id])
        return CheckerView(termine=closed, questions=fields, donnees=data, montants=self._amounts(used))

    def _amounts(self, question_ids: list[str]) -> bool:
        return any(self.cat.questions[qid].kind.amount for qid in question_ids if qid in self.cat.questions)

    def questionnaire(self, emergency: EmergencyView | None = None) -> QuestionnaireView:
        current = self.cat.current_aids
        used: dict[str, None] = {FIRST_QUESTION: None} if FIRST_QUESTION in self.cat.questions else {}
        # The emergency numbers' rule (data/urgences.yml): its questions are asked like an undecided aid's.
        urgence = self.cat.emergency.questionnaire if self.cat.emergency and emergency else None
        trees = [self.cat.rules[aid_id] for aid_id in current] + ([urgence] if urgence else [])
        for tree in trees:
            for qid in questions_of(tree):
                used.update(dict.fromkeys(self.asked(qid)))
        where = self.where_to_go(current)
        for qid in where:
            used.update(dict.fromkeys(self.asked(qid)))
        # Asked questions in the order of data/questions.yml: it breaks ties between equally useful questions.
        asked = [qid for qid in self.cat.questions if qid in used]
        derived = [qid for qid, question in self.cat.questions.items() if question.deduite_de in used and qid not in used]
        return QuestionnaireView(
            questions=[self.fields.field(qid) for qid in asked],
            donnees={
                "questions": self.question_meta([*asked, *derived]),
                "lieux": urls.PLACES_FILE,  # places tables, territorial lists and EPCI names (places_file)
                "premiere": FIRST_QUESTION,
                "lieu_contacts": where[0] if where else None,  # asked last, to pick the person's contacts
                "urgence": urgence,  # met: the results show the emergency numbers (pages/questionnaire.js)
            },
            fichier=urls.QUESTIONNAIRE_RULES,
            adresses={"aide": urls.PATTERNS["aide"]},
            aides=[Link(typography(self.cat.aides[aid].titre), urls.aide(aid)) for aid in current[:LISTED_WITHOUT_JS]],
            nombre_aides=len(current),
            montants=self._amounts(list(used)),
            urgences=emergency if urgence else None,
        )
