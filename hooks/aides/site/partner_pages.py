"""The pages for partners: /pour-les-partenaires/ (examples and the link builder) and each région's
printable sheet (a few current aids per public, where to find all of them, the région's contacts)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from aides.model import formatting as fmt
from aides.model.conditions import leaves
from aides.model.formatting import sort_key
from aides.site import urls
from aides.site.cards import ContactCard, Link
from aides.site.fields import QuestionField
from aides.site.list_pages import questionnaire
from aides.site.pieces import FilterPanel, Pieces, t
from aides.site.sheets import PER_GROUP, GroupChoice


@dataclass(frozen=True, slots=True)
class AidChoice:
    id: str
    titre: str
    termine: bool


@dataclass(frozen=True, slots=True)
class ToolsView:
    """/pour-les-partenaires/: working examples and the link builder (pages/outils.js)."""

    aides: list[AidChoice]  # every aid, current ones first, for the builder's list
    exemple: AidChoice | None  # the aid the examples link to (none in a catalogue without aids)
    sections: dict[str, str]  # section anchors of an aid page (URL contract) → label
    filtres: FilterPanel
    questions: list[QuestionField]  # the questionnaire's questions, for prefilled answers
    jeux: dict[str, int]  # aid id → the set of those questions its checker asks (donnees["questions_aides"])
    donnees: dict[str, Any]  # what the script needs: question types, each aid's questions, filter vocabulary
    adresses: dict[str, str]  # the pages a link can open, and their embeddable views
    feuilles: list[Link]  # the printable sheet of each région


@dataclass(frozen=True, slots=True)
class SheetAid:
    titre: str
    resume: str
    territoire: str
    avis: str  # the card's notice of information not confirmed, "" when there is none
    url: str
    url_canonique: str


@dataclass(frozen=True, slots=True)
class SheetList:
    """A filtered list of /aides/ that a sheet sends to: link, address written out, QR code (drawn in the browser)."""

    url: str  # urls.CATALOGUE, for the `url` filter
    requete: str  # its query (urls.catalogue_query), written after it
    url_canonique: str
    qr_titre: str  # the accessible name of its QR code, drawn in the browser (pages/impression.js)


@dataclass(frozen=True, slots=True)
class SheetGroup:
    """One public on a région's sheet (sheets.py): a few aids, and the list of all of them."""

    id: str
    titre: str
    aides: list[SheetAid]
    autres: int  # aids of that list printed nowhere on the sheet
    liste: SheetList


@dataclass(frozen=True, slots=True)
class RegionSheetView:
    """/aides/region/<code>/imprimer/: a few of a région's current aids per public, where to find all of them, and its contacts."""

    code: str
    nom: str
    lieu: str  # « à La Réunion », « dans les Hauts-de-France » (french_names.Name.lieu)
    nombre: int  # the région's current aids, national ones included
    imprimees: int  # how many of them the sheet prints
    par_public: int  # at most this many per public (sheets.PER_GROUP)
    liste: SheetList  # every current aid of the région
    groupes: list[SheetGroup]
    contacts: list[ContactCard]


def aid_choices(p: Pieces) -> list[AidChoice]:
    """Every aid for the link builder: the current ones, then the others, each in the French order of titles."""
    current = p.cat.current_aids
    offered = set(current)
    ended = sorted((a for a in p.cat.aides if a not in offered), key=lambda a: (sort_key(p.cat.aides[a].titre), a))
    return [AidChoice(a, t(p.cat.aides[a].titre), a not in offered) for a in [*current, *ended]]


def question_sets(p: Pieces, choices: list[AidChoice], questions: list[str]) -> tuple[dict[str, int], list[list[str]]]:
    """The ``questions`` that each aid's checker asks (none for a closed aid: its page has no checker;
    a stale measure keeps its checker, Catalogue.is_closed), as an index in a list of sets: thousands of aids share a few sets, so that the
    page lists each set once."""
    sets: dict[tuple[str, ...], int] = {}
    by_aid = {}
    for choice in choices:
        checked = not p.cat.is_closed(p.cat.aides[choice.id])
        asked = set(p.checkers.asked_of(p.checkers.used_by(choice.id))) if checked else set()
        by_aid[choice.id] = sets.setdefault(tuple(qid for qid in questions if qid in asked), len(sets))
    return by_aid, [list(found) for found in sets]


# The ages partners count their publics by (minors, young adults under 26, seniors). The link builder offers age
# bands cut there and at every age the catalogue's conditions compare with, so that no band straddles a limit.
USUAL_AGE_LIMITS = frozenset({18, 26, 60})
YEARS = "ans"  # the unit of a question asked in years


def age_limits(p: Pieces, question_id: str) -> set[int]:
    """The ages the conditions of the aids and of the emergency numbers compare ``question_id`` with (« moins de 30 ans »: 30)."""
    trees = [*p.cat.rules.values(), *([p.cat.emergency.questionnaire] if p.cat.emergency else [])]
    return {
        leaf["valeur"]
        for tree in trees
        if tree
        for leaf in leaves(tree)
        if leaf.get("question") == question_id and leaf.get("operateur") in ("moins_de", "au_moins")
    }


def age_bands(limits: set[int], low: int, high: int) -> list[tuple[str, str]]:
    """(the age a link carries, the band in words), cut at each limit between ``low`` and ``high``: every age of a
    band meets the same conditions. A band carries its highest age, the open last one its lowest (« 60 ans ou plus »: 60)."""
    cuts = sorted(limit for limit in limits if low < limit <= high)
    bands = []
    for start, end in zip([low, *cuts], [*cuts, None], strict=True):
        if end is None:
            bands.append((str(start), f"{start}{fmt.NBSP}ans ou plus"))
        elif start == low:
            bands.append((str(end - 1), f"Moins de {end}{fmt.NBSP}ans"))
        else:
            bands.append((str(end - 1), f"{start} à {end - 1}{fmt.NBSP}ans" if end - 1 > start else f"{start}{fmt.NBSP}ans"))
    return bands


def offered(p: Pieces, field: QuestionField) -> QuestionField:
    """A question as the link builder asks it: an age the conditions compare with, by bands (a list); the others as asked."""
    limits = age_limits(p, field.id) if field.unite == YEARS and field.min is not None and field.max is not None else set()
    if not limits:
        return field
    return replace(field, widget="liste", options=age_bands(limits | USUAL_AGE_LIMITS, field.min, field.max))


def tools(p: Pieces, key: None = None) -> ToolsView:
    asked = questionnaire(p)
    choices = aid_choices(p)
    by_aid, sets = question_sets(p, choices, [q.id for q in asked.questions])
    panel = p.filter_panel
    return ToolsView(
        aides=choices,
        # An aid with every section of the URL contract (#montant is there only when it has amounts).
        exemple=next((c for c in choices if p.cat.aides[c.id].montant and not c.termine), next(iter(choices), None)),
        sections=dict(urls.AID_SECTIONS),
        filtres=panel,
        questions=[offered(p, field) for field in asked.questions],
        jeux=by_aid,
        donnees={
            "questions": asked.donnees["questions"],
            "questions_aides": sets,
            "lieux": asked.donnees["lieux"],  # the territorial lists are filled from it (lib/places.js)
            "vocabulaire": panel.vocabulaire,
        },
        adresses={
            "aide": urls.PATTERNS["aide"],
            "integrer_aide": urls.PATTERNS["integrer_aide"],
            "catalogue": urls.CATALOGUE,
            "integrer_catalogue": urls.EMBED_CATALOGUE,
            "questionnaire": urls.QUESTIONNAIRE,
            "integrer_questionnaire": urls.EMBED_QUESTIONNAIRE,
            "script_hote": urls.EMBED_HOST_SCRIPT,
        },
        feuilles=[Link(region.nom, urls.region_sheet(region.code)) for region in p.cat.served_regions],
    )


def region_sheet(p: Pieces, code: str) -> RegionSheetView:
    name = p.cat.region_name(code)
    where = t(name.lieu)  # « à La Réunion », « dans les Hauts-de-France », « en Normandie »
    groups = [_sheet_group(p, choice, code, where) for choice in p.sheet_choices.groups(code)]
    contacts = [p.cards.contact(cid) for cid, c in p.cat.contacts.items() if p.cat.covers(c.territoire, code)]
    # Then the partners' public ways in there: a région without a contact of its own still gets someone to reach.
    partners = sorted(p.cat.partenaires, key=lambda pid: sort_key(p.cat.partenaires[pid].nom))
    contacts += [
        p.cards.ways_in(pid)
        for pid in partners
        if p.cat.partenaires[pid].acces and p.cat.covers(p.cat.partenaires[pid].territoire, code)
    ]
    whole = _sheet_list(p, [("region", code)], f"Code QR de la liste des aides en cours {where}")
    count = len(p.sheet_choices.by_region[code])
    printed = sum(len(group.aides) for group in groups)
    return RegionSheetView(code, t(name.nom), where, count, printed, PER_GROUP, whole, groups, contacts)


def _sheet_group(p: Pieces, choice: GroupChoice, code: str, where: str) -> SheetGroup:
    label = t(p.cat.public_labels[choice.public])
    title = f"Code QR de la liste des aides «{fmt.NBSP}{label}{fmt.NBSP}» {where}"
    return SheetGroup(
        choice.public,
        label,
        [_sheet_aid(p, aid_id) for aid_id in choice.printed],
        choice.others,
        _sheet_list(p, [("region", code), ("public", choice.public)], title),
    )


def _sheet_aid(p: Pieces, aid_id: str) -> SheetAid:
    card = p.cards.aid(aid_id)
    return SheetAid(card.titre, card.resume, card.territoire, card.avis, card.url, p.base_url + card.url)


def _sheet_list(p: Pieces, filters: list[tuple[str, str]], title: str) -> SheetList:
    """A filtered catalogue, its address written out and the accessible name of its QR code."""
    query = urls.catalogue_query(filters)
    address = f"{p.base_url}{urls.CATALOGUE}?{query}"
    return SheetList(urls.CATALOGUE, query, address, f"{title}{fmt.NBSP}: {address}")
