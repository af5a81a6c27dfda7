"""What several page families share: the catalogue with its cards, filters, checkers and history
(``Pieces``), and the small views pages are made of (figures, sources, amounts, status, history).

Every editor text goes through ``typography``; escaping is the templates' job (they render with
autoescape on). Amounts and dates are formatted by Babel (``formatting``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from aides.model import formatting as fmt
from aides.model import territory
from aides.model.catalogue import Catalogue
from aides.model.conditions import Compiler, leaves, questions_of
from aides.model.labels import APPROXIMATIONS, PERIODICITIES, STATUS_NOTICES, STATUSES
from aides.model.models import Chiffre, Montant, SourceRef, Territoire, Valeur
from aides.site import urls
from aides.site.cards import Cards
from aides.site.checkers import Checkers
from aides.site.emergency import EmergencyView, emergency_view
from aides.site.facets import ALL_PAGES_TERM, DEFAULT_STATUS, Departement, Facet, Facets
from aides.site.fields import Fields
from aides.site.listing import Listing
from aides.site.sheets import SheetChoices
from aides.trust import rgaa
from aides.trust.changes import Names
from aides.trust.history import CONTACT, Change, History, aides_history

t = fmt.typography


def change_names(cat: Catalogue) -> Names:
    """What the history's sentences take from the catalogue: labels, names, and each criterion in French."""
    compiler = Compiler(cat.questions, cat.territoires, cat.places, cat.parameter, cat.today)

    def criteria(conditions: Any, territoire: Any) -> list[str] | None:
        compiler.errors.clear()
        tree = compiler.compile(conditions) if conditions else None
        if tree is None or compiler.errors:
            return None
        try:  # the aid's territory is listed with its criteria unless they name a place (data/loading.py)
            place = territory.criterion(cat, Territoire.model_validate(territoire or {}))
        except (ValidationError, KeyError):
            return None
        said = [leaf["texte"] for leaf in leaves(tree)]
        territorial = any(cat.questions[qid].kind.territorial for qid in questions_of(tree))
        return [place["texte"], *said] if place and not territorial else said

    return Names(
        publics=cat.public_labels,
        types=cat.type_labels,
        partenaires={pid: cat.partner_name(pid) for pid in cat.partenaires},
        contacts={cid: cat.contact_name(cid) for cid in cat.contacts},
        criteria=criteria,
        key=f"{cat.shared_fingerprint}/{cat.today.isoformat()}",
    )


def change_page(change: Change) -> str:
    """Where a change is read: the aid's page; for a contact, « Où s'adresser ? »."""
    return urls.CONTACTS if change.kind == CONTACT else urls.aide(change.record)


def paragraphs(text: str | None) -> list[str]:
    """Editor text split on blank lines: paragraphs without any markup."""
    return [t(" ".join(block.split())) for block in (text or "").split("\n\n") if block.strip()]


@dataclass(frozen=True, slots=True)
class FigureView:
    valeur: str
    libelle: str
    contexte: str
    source: str


@dataclass(frozen=True, slots=True)
class SourceView:
    titre: str
    editeur: str
    date: str
    extraits: list[str]
    url: str


@dataclass(frozen=True, slots=True)
class RoleView:
    nom: str
    url: str
    role: str
    avant_a: str  # « aux  », « à l' »: the partner's name after « à » (french_names.Name)


@dataclass(frozen=True, slots=True)
class AmountView:
    libelle: str
    montant: str
    precision: str


@dataclass(frozen=True, slots=True)
class AmountRow:
    libelle: str
    valeurs: list[str]


@dataclass(frozen=True, slots=True)
class AmountTable:
    titre: str
    zones: list[str]
    lignes: list[AmountRow]
    note: str


@dataclass(frozen=True, slots=True)
class AmountsView:
    valeurs: list[AmountView]
    tableaux: list[AmountTable]
    precision: str


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One change of an aid, as the public reads it (history.py)."""

    date: str
    iso: str  # the day, for <time datetime>
    titre: str
    url: str
    resume: str  # the sentences of the change, one after the other


@dataclass(frozen=True, slots=True)
class HistoryView:
    indisponible: str  # why the history is missing (shallow clone, outside git), "" when complete
    changements: list[ChangeView]
    flux: str  # the Atom feed's address


@dataclass(frozen=True, slots=True)
class StatusView:
    """What the status of an aid means, at the top of its page."""

    id: str
    libelle: str
    avis: str  # STATUS_NOTICES, "" for en_cours
    precision: str  # what the editor says about it (statut_precision)


@dataclass(frozen=True, slots=True)
class FilterPanel:
    """The filter form of /aides/ and /recherche/ and what its script needs."""

    facettes: list[Facet]
    departements: list[Departement]
    vocabulaire: dict[str, Any]
    statut_defaut: list[str]


@dataclass(frozen=True, slots=True)
class SiteView:
    """What every page's header needs (the same object for all pages)."""

    statut_defaut: list[str]
    etat_accessibilite: str  # what the RGAA audit found (« partiellement conforme »), said in every page's footer
    terme_tout: str = ALL_PAGES_TERM
    pagefind: str = urls.PAGEFIND
    adresses: dict[str, str] = field(default_factory=lambda: dict(urls.PATTERNS))


class Pieces:
    """A catalogue's shared page material, made once per build: each page family reads it."""

    def __init__(self, catalogue: Catalogue, base_url: str = "/") -> None:
        self.cat = catalogue
        self.base_url = base_url  # the site's public address (exports and printed pages need it whole)
        self.cards = Cards(catalogue)
        self.fields = Fields(catalogue)
        self.checkers = Checkers(catalogue, self.fields)
        self.facets = Facets(catalogue)
        self.listing = Listing(catalogue)
        self.site = SiteView(statut_defaut=DEFAULT_STATUS, etat_accessibilite=rgaa.grid().taux.etat)

    @cached_property
    def history(self) -> History:
        """The aids' and contacts' history from git, read once per build (empty, with its reason, outside git)."""
        return aides_history(names=change_names(self.cat))

    def change(self, change: Change) -> ChangeView:
        day = change.date[:10]
        return ChangeView(
            fmt.date(dt.date.fromisoformat(day)), day, t(change.titre), change_page(change), " ".join(change.changes)
        )

    def history_of(self, aid_id: str) -> HistoryView:
        aide = self.cat.aides.get(aid_id)
        changes = [self.change(change) for change in self.history.of(aid_id, aide.contacts)] if aide else []
        return HistoryView(self.history.status or "", changes, urls.aide_feed(aid_id))

    def figure(self, chiffre: Chiffre) -> FigureView:
        if chiffre.unite == "euros":
            value = fmt.euros(chiffre.valeur)
        elif chiffre.unite == "pourcentage":
            value = fmt.percent(chiffre.valeur)
        else:
            value = fmt.number(chiffre.valeur)
        context = [text for text in (chiffre.periode, chiffre.territoire) if text]
        return FigureView(
            APPROXIMATIONS[chiffre.approximation.value] + value,
            t(chiffre.libelle),
            t(", ".join(context)),
            self.cat.sources[chiffre.source].titre,
        )

    def sources(self, refs: list[SourceRef]) -> list[SourceView]:
        """One entry per article, with every passage quoted from it."""
        extracts: dict[str, list[str]] = {}
        for ref in refs:
            extracts.setdefault(ref.article, [])
            if ref.extrait:
                extracts[ref.article].append(t(ref.extrait))
        views = []
        for article, quotes in extracts.items():
            source = self.cat.sources[article]
            date = fmt.date(source.date) if source.date else t(source.date_texte or "date non précisée")
            views.append(SourceView(t(source.titre), t(source.editeur or ""), date, quotes, source.url or ""))
        return views

    def role(self, partner_id: str, role: str) -> RoleView:
        link = self.cards.partner_link(partner_id)
        return RoleView(link.nom, link.url, t(role), link.avant_a)

    def amount(self, valeur: Valeur) -> AmountView:
        amount = fmt.euros(valeur.montant) if valeur.montant is not None else fmt.percent(valeur.pourcentage)
        text = amount + PERIODICITIES[valeur.periodicite]
        if valeur.duree_max_mois:
            text += f", pendant {valeur.duree_max_mois}{fmt.NBSP}mois au plus"
        return AmountView(t(valeur.libelle), text, t(valeur.precision or ""))

    def amounts(self, montant: Montant | None) -> AmountsView | None:
        if montant is None:
            return None
        tables = [
            AmountTable(
                t(table.titre),
                [t(zone.libelle) for zone in table.zones],
                [
                    AmountRow(
                        t(line.libelle), [fmt.euros(line.valeurs[z.id]) if z.id in line.valeurs else "" for z in table.zones]
                    )
                    for line in table.lignes
                ],
                t(table.note or ""),
            )
            for table in montant.tableaux
        ]
        return AmountsView([self.amount(valeur) for valeur in montant.valeurs], tables, t(montant.precision or ""))

    def status(self, aid_id: str) -> StatusView:
        aide = self.cat.aides[aid_id]
        status = self.cat.status(aide)
        precision = t(aide.statut_precision or "") if status == aide.statut else ""
        return StatusView(status, STATUSES[status], t(STATUS_NOTICES.get(status, "")), precision)

    def review(self, aid_id: str) -> str:
        """When the information must be confirmed again, in a sentence: a day already past is said as such,
        never as a deadline still to meet (« à confirmer avant le 1er janvier 2018 »)."""
        aide = self.cat.aides[aid_id]
        due = self.cat.review_date(aide)
        if due is None:
            return "À confirmer auprès de l'organisme."
        if due > self.cat.today:
            return f"À confirmer de nouveau auprès de l'organisme avant le {fmt.date(due)}."
        again = " de nouveau" if aide.confirmation is not None else ""
        return fmt.typography(f"Cette information aurait dû être confirmée{again} en {fmt.month(due)} ; elle ne l'a pas été.")

    @cached_property
    def emergency(self) -> EmergencyView | None:
        """The « En cas d'urgence » block (emergency.py), the same for every page that shows it."""
        return emergency_view(self.cat)

    @cached_property
    def current_rank(self) -> dict[str, int]:
        """Each current aid's place in the French order of titles (``Catalogue.current_aids``)."""
        return {aid_id: index for index, aid_id in enumerate(self.cat.current_aids)}

    @cached_property
    def current_by_public(self) -> dict[str, list[str]]:
        """The current aids of each public, in the French order of their titles."""
        found: dict[str, list[str]] = {}
        for aid_id in self.cat.current_aids:
            for public in self.cat.aides[aid_id].publics:
                found.setdefault(public, []).append(aid_id)
        return found

    @cached_property
    def filter_panel(self) -> FilterPanel:
        return FilterPanel(self.facets.facets(), self.facets.departements, self.facets.vocabulary, DEFAULT_STATUS)

    @cached_property
    def sheet_choices(self) -> SheetChoices:
        """Which aids each région's printed sheet shows (sheets.py)."""
        return SheetChoices(self.cat)
