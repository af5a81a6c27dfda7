"""What each page shows, gathered in Python as plain dicts for the Jinja templates.

Every editor text goes through ``typography`` here; escaping is the templates'
job (they render inside ``{% autoescape true %}``). Amounts and dates are
formatted by Babel (``formatting``), never by hand in a template.
"""

from __future__ import annotations

import json
from typing import Any

from . import formatting as fmt
from .catalogue import Catalogue
from .conditions import questions_of
from .models import Aide, Chiffre, Contact, Convention, Montant, Partenaire, SourceRef, Territoire, Valeur
from .reference import field_reference
from .search import KIND_CHOICES, Search, list_url, sort_key

t = fmt.typography

CATEGORIES = {
    "groupe_action_logement": "Groupe Action Logement",
    "etat": "État et services de l'État",
    "association": "Association",
    "bailleur_social": "Bailleur social",
    "federation": "Fédération ou union",
    "etablissement_public": "Établissement public",
}
NATURES = {
    "convention_partenariat": "Convention de partenariat",
    "convention_cadre": "Convention cadre",
    "convention_mecenat": "Convention de mécénat",
    "convention_regionale": "Convention régionale de partenariat",
    "convention_quinquennale": "Convention quinquennale",
    "avenant": "Avenant",
    "protocole_accord": "Protocole d'accord",
}
APPROXIMATIONS = {"exact": "", "environ": "environ ", "pres_de": "près de ", "plus_de": "plus de ", "jusqu_a": "jusqu'à "}
PERIODICITIES = {"unique": "", "par_mois": " par mois", "par_an": " par an"}


def aide_url(aide_id: str) -> str:
    return f"aides/{aide_id}/"


def partenaire_url(partner_id: str) -> str:
    return f"partenaires/{partner_id}/"


def convention_url(conv_id: str) -> str:
    return f"conventions/{conv_id}/"


def paragraphs(text: str | None) -> list[str]:
    """Editor text split on blank lines: paragraphs without any markup."""
    return [t(" ".join(block.split())) for block in (text or "").split("\n\n") if block.strip()]


class Views:
    """Builds the view of each page from the catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue
        self._question_views: dict[str, dict[str, Any]] = {}

    # --- small pieces ---------------------------------------------------------

    def territoire(self, territoire: Territoire) -> str:
        if territoire.national:
            return "Toute la France"
        names = [self.cat.region_names[code] for code in territoire.regions]
        names += [f"{self.cat.departement_names[code]} ({code})" for code in territoire.departements]
        return fmt.join_and(names)

    def chiffre(self, chiffre: Chiffre) -> dict[str, str]:
        if chiffre.unite == "euros":
            value = fmt.euros(chiffre.valeur)
        elif chiffre.unite == "pourcentage":
            value = fmt.percent(chiffre.valeur)
        else:
            value = fmt.number(chiffre.valeur)
        context = [text for text in (chiffre.periode, chiffre.territoire) if text]
        return {
            "valeur": APPROXIMATIONS[chiffre.approximation.value] + value,
            "libelle": t(chiffre.libelle),
            "contexte": t(", ".join(context)),
            "source": self.cat.sources[chiffre.source].titre,
        }

    def sources(self, refs: list[SourceRef]) -> list[dict[str, Any]]:
        """One entry per article, with every passage quoted from it."""
        extracts: dict[str, list[str]] = {}
        for ref in refs:
            extracts.setdefault(ref.article, [])
            if ref.extrait:
                extracts[ref.article].append(t(ref.extrait))
        views = []
        for article, quotes in extracts.items():
            source = self.cat.sources[article]
            views.append(
                {
                    "titre": t(source.titre),
                    "editeur": t(source.editeur or ""),
                    "date": fmt.date(source.date) if source.date else t(source.date_texte or "date non précisée"),
                    "extraits": quotes,
                    "url": source.url,
                }
            )
        return views

    def partner_link(self, partner_id: str) -> dict[str, str]:
        partner = self.cat.partenaires[partner_id]
        return {"nom": t(partner.nom), "url": partenaire_url(partner_id)}

    def contact(self, contact_id: str) -> dict[str, Any]:
        contact: Contact = self.cat.contacts[contact_id]
        return {
            "id": contact_id,
            "nom": t(contact.nom),
            "partenaire": self.partner_link(contact.partenaire),
            "description": t(contact.description or ""),
            "email": contact.email,
            "telephone": contact.telephone,
            "telephone_lien": (contact.telephone or "").replace(" ", ""),
            "url": contact.url,
            "adresse": t(contact.adresse or ""),
            "territoire": self.territoire(contact.territoire),
        }

    def valeur(self, valeur: Valeur) -> dict[str, str]:
        amount = fmt.euros(valeur.montant) if valeur.montant is not None else fmt.percent(valeur.pourcentage)
        text = amount + PERIODICITIES[valeur.periodicite]
        if valeur.duree_max_mois:
            text += f", pendant {valeur.duree_max_mois}{fmt.NBSP}mois au plus"
        return {"libelle": t(valeur.libelle), "montant": text, "precision": t(valeur.precision or "")}

    def montant(self, montant: Montant | None) -> dict[str, Any] | None:
        if montant is None:
            return None
        tableaux = [
            {
                "titre": t(tableau.titre),
                "zones": [t(zone.libelle) for zone in tableau.zones],
                "lignes": [
                    {
                        "libelle": t(line.libelle),
                        "valeurs": [fmt.euros(line.valeurs[z.id]) if z.id in line.valeurs else "" for z in tableau.zones],
                    }
                    for line in tableau.lignes
                ],
                "note": t(tableau.note or ""),
            }
            for tableau in montant.tableaux
        ]
        return {
            "valeurs": [self.valeur(valeur) for valeur in montant.valeurs],
            "tableaux": tableaux,
            "precision": t(montant.precision or ""),
        }

    # --- pages ----------------------------------------------------------------

    def aide_summary(self, aide_id: str) -> dict[str, Any]:
        """What a listing shows of one aid."""
        aide = self.cat.aides[aide_id]
        return {
            "id": aide_id,
            "url": aide_url(aide_id),
            "titre": t(aide.titre),
            "resume": t(aide.resume),
            "publics": [self.cat.public_labels[p] for p in aide.publics],
            "types": [self.cat.type_labels[k] for k in aide.types],
            "territoire": self.territoire(aide.territoire),
            "statut": self.cat.status(aide),
        }

    def aide(self, aide_id: str) -> dict[str, Any]:
        aide: Aide = self.cat.aides[aide_id]
        validite = aide.validite
        view = self.aide_summary(aide_id)
        view.update(
            description=paragraphs(aide.description),
            territoire_precision=t(aide.territoire.precision or ""),
            pour_qui=[t(text) for text in aide.pour_qui],
            conditions=self.cat.rules[aide_id],
            precisions_conditions=[t(text) for text in aide.precisions_conditions],
            montant=self.montant(aide.montant),
            demarche=[t(text) for text in aide.demarche],
            partenaires=[{**self.partner_link(role.partenaire), "role": t(role.role)} for role in aide.partenaires],
            conventions=[self.convention_summary(conv_id) for conv_id in self.cat.conventions_by_aide.get(aide_id, [])],
            contacts=[self.contact(contact_id) for contact_id in aide.contacts],
            chiffres=[self.chiffre(chiffre) for chiffre in aide.chiffres],
            sources=self.sources(aide.sources),
            verifie_le=fmt.date(aide.verifie_le),
            debut=fmt.date(validite.debut) if validite.debut else "",
            fin=fmt.date(validite.fin) if validite.fin else "",
            validite_precision=t(validite.precision or ""),
            questions=[self.question_view(qid) for qid in self.checker_questions(aide_id)],
        )
        return view

    def checker_questions(self, aide_id: str) -> list[str]:
        """Questions a person answers for this aid: derived ones are asked through their source."""
        asked: dict[str, None] = {}
        for qid in questions_of(self.cat.rules[aide_id]):
            asked.setdefault(self.cat.questions[qid].deduite_de or qid)
        return list(asked)

    def question_view(self, question_id: str) -> dict[str, Any]:
        # Every aid page asks some of the same questions: build each view once.
        if question_id not in self._question_views:
            self._question_views[question_id] = self._question_view(question_id)
        return self._question_views[question_id]

    def _question_view(self, question_id: str) -> dict[str, Any]:
        question = self.cat.questions[question_id]
        choices = [{"id": choice.id, "libelle": t(choice.libelle)} for choice in question.choix]
        if question.type.value == "departement":
            choices = [{"id": dep.code, "libelle": f"{dep.code} – {dep.nom}"} for dep in self.cat.territoires.departements]
        return {
            "id": question.id,
            "type": question.type.value,
            "libelle": t(question.libelle),
            "aide": t(question.aide or ""),
            "unite": question.unite or "",
            "min": question.min,
            "max": question.max,
            "choix": choices,
        }

    def convention_summary(self, conv_id: str) -> dict[str, Any]:
        convention = self.cat.conventions[conv_id]
        return {
            "id": conv_id,
            "url": convention_url(conv_id),
            "titre": t(convention.titre),
            "nature": NATURES[convention.nature],
            "date": self.convention_date(convention),
            "tri": convention.date_signature.isoformat() if convention.date_signature else "",
        }

    @staticmethod
    def convention_date(convention: Convention) -> str:
        if convention.date_signature:
            return fmt.date(convention.date_signature)
        return t(convention.date_texte or "")

    def convention(self, conv_id: str) -> dict[str, Any]:
        convention = self.cat.conventions[conv_id]
        later = [other for other, conv in self.cat.conventions.items() if conv_id in conv.suit]
        view = self.convention_summary(conv_id)
        view.update(
            duree=t(convention.duree or ""),
            objet=paragraphs(convention.objet),
            engagements=[t(text) for text in convention.engagements],
            parties=[{**self.partner_link(role.partenaire), "role": t(role.role)} for role in convention.parties],
            signataires=[
                {"nom": t(s.nom), "fonction": t(s.fonction), "partenaire": self.partner_link(s.partenaire)}
                for s in convention.signataires
            ],
            aides=[self.aide_summary(aide_id) for aide_id in convention.aides],
            suit=[self.convention_summary(other) for other in convention.suit],
            suivie_par=[self.convention_summary(other) for other in later],
            chiffres=[self.chiffre(chiffre) for chiffre in convention.chiffres],
            sources=self.sources(convention.sources),
        )
        return view

    def partenaire_summary(self, partner_id: str) -> dict[str, Any]:
        partner: Partenaire = self.cat.partenaires[partner_id]
        return {
            **self.partner_link(partner_id),
            "id": partner_id,
            "sigle": t(partner.sigle or ""),
            "categorie": CATEGORIES[partner.categorie],
        }

    def partenaire(self, partner_id: str) -> dict[str, Any]:
        partner = self.cat.partenaires[partner_id]
        conventions = [self.convention_summary(c) for c in self.cat.conventions_by_partenaire.get(partner_id, [])]
        conventions.sort(key=lambda conv: (conv["tri"] == "", conv["tri"], conv["titre"]))
        members = [pid for pid, other in self.cat.partenaires.items() if other.rattachement == partner_id]
        view = self.partenaire_summary(partner_id)
        view.update(
            description=paragraphs(partner.description),
            rattachement=self.partner_link(partner.rattachement) if partner.rattachement else None,
            membres=[self.partner_link(member) for member in members],
            territoire=self.territoire(partner.territoire),
            territoire_precision=t(partner.territoire.precision or ""),
            conventions=conventions,
            aides=[self.aide_summary(aide_id) for aide_id in self.cat.aides_by_partenaire.get(partner_id, [])],
            contacts=[self.contact(cid) for cid, contact in self.cat.contacts.items() if contact.partenaire == partner_id],
            chiffres=[self.chiffre(chiffre) for chiffre in partner.chiffres],
            sources=self.sources(partner.sources),
        )
        return view

    def partenaires(self) -> list[dict[str, Any]]:
        """Partners grouped by category, in a stable order."""
        groups: dict[str, list[dict[str, Any]]] = {label: [] for label in CATEGORIES.values()}
        for partner_id in sorted(self.cat.partenaires, key=lambda pid: self.cat.partenaires[pid].nom.lower()):
            summary = self.partenaire_summary(partner_id)
            groups[summary["categorie"]].append(summary)
        return [{"titre": label, "partenaires": items} for label, items in groups.items() if items]

    def aides(self) -> dict[str, Any]:
        """The catalogue: current aids grouped by their main public, ended ones apart."""
        current, ended = [], []
        for aide_id in sorted(self.cat.aides, key=lambda aid: self.cat.aides[aid].titre.lower()):
            (ended if self.cat.is_ended(self.cat.aides[aide_id]) else current).append(aide_id)
        groups = []
        for public in self.cat.referentiels.publics:
            items = [self.aide_summary(aid) for aid in current if self.cat.aides[aid].publics[0] == public.id]
            if items:
                groups.append({"id": public.id, "titre": t(public.libelle), "aides": items})
        return {"groupes": groups, "termines": [self.aide_summary(aid) for aid in ended], "total": len(current)}

    def contacts(self) -> dict[str, Any]:
        """Contacts by region, then by département; national contacts first."""
        national = [cid for cid, c in self.cat.contacts.items() if c.territoire.national]
        regions = []
        for region in sorted(self.cat.territoires.regions, key=lambda r: r.nom):
            regional = [cid for cid, c in self.cat.contacts.items() if region.code in c.territoire.regions]
            departements = []
            for dep in self.cat.territoires.departements:
                if dep.region != region.code:
                    continue
                local = [cid for cid, c in self.cat.contacts.items() if dep.code in c.territoire.departements]
                departements.append({"code": dep.code, "nom": dep.nom, "contacts": [self.contact(cid) for cid in local]})
            regions.append(
                {
                    "code": region.code,
                    "nom": region.nom,
                    "contacts": [self.contact(cid) for cid in regional],
                    "departements": departements,
                    "a_des_contacts": bool(regional) or any(d["contacts"] for d in departements),
                }
            )
        return {"national": [self.contact(cid) for cid in national], "regions": regions}

    def reference(self) -> list[dict[str, Any]]:
        return field_reference()

    def plan(self) -> dict[str, Any]:
        """Every generated page, for the site map."""
        return {
            "aides": [self.aide_summary(aid) for aid in sorted(self.cat.aides, key=lambda a: self.cat.aides[a].titre.lower())],
            "partenaires": [
                self.partner_link(pid) for pid in sorted(self.cat.partenaires, key=lambda p: self.cat.partenaires[p].nom.lower())
            ],
            "conventions": sorted(
                (self.convention_summary(cid) for cid in self.cat.conventions), key=lambda c: (c["tri"] == "", c["tri"])
            ),
        }

    # --- eligibility checkers (gathered in checkers.py) -----------------------------

    def checker(self, aide_id: str) -> dict[str, Any]:
        """The per-aid "Suis-je concerné ?": fieldsets and the data embedded for eligibility.js."""
        from . import checkers  # checkers imports this module

        return checkers.checker(self, aide_id)

    def questionnaire(self) -> dict[str, Any]:
        """The /eligibilite/ questionnaire page (its rules come from assets/questionnaire.json)."""
        from . import checkers

        return checkers.questionnaire(self)

    # --- search and filters (data gathered in search.py) ----------------------------

    @property
    def search(self) -> Search:
        if "_search" not in self.__dict__:
            self._search = Search(self.cat)
        return self._search

    def aide_recherche(self, aide_id: str) -> dict[str, Any]:
        """Pagefind filters (ids), sort key and result metadata of an aid page."""
        aide = self.cat.aides[aide_id]
        return {"filtres": self.search.filters(aide_id), "tri": sort_key(aide.titre)}

    def catalogue(self, numero: str = "1") -> dict[str, Any]:
        """One page of the static catalogue; the first one also carries the filter form."""
        search = self.search
        page = search.list_page(int(numero))
        headings = search.headings
        labels = {**self.cat.public_labels, "termines": "Dispositifs terminés"}
        ended = headings.get("termines", (0, 0))[1]
        view: dict[str, Any] = {
            "numero": page.number,
            "nombre_pages": page.count,
            "pages": [{"numero": n, "url": list_url(n)} for n in range(1, page.count + 1)],
            "groupes": [
                {
                    "id": heading,
                    "titre": t(labels[heading]),
                    "suite": headings[heading][0] < page.number,
                    "aides": [self.aide_summary(aide_id) for aide_id in ids],
                }
                for heading, ids in page.runs
            ],
            "sommaire": [
                {"id": heading, "titre": t(labels[heading]), "nombre": count, "page": start, "url": list_url(start)}
                for heading, (start, count) in headings.items()
            ],
            "total": len(search.order) - ended,
            "termines": ended,
        }
        if page.number == 1:
            view.update(facettes=search.facets(), departements=search.departements(), vocabulaire=search.vocabulary())
        return view

    def catalogue_files(self) -> dict[str, str]:
        """The /aides/ filter index and one small card per aid, fetched by filters-index.js."""
        files = {"aides/catalogue.json": _compact_json(self.search.catalogue_index())}
        for aide_id in self.cat.aides:
            summary = self.aide_summary(aide_id)
            card = {key: summary[key] for key in ("titre", "resume", "territoire", "statut")}
            files[f"aides/{aide_id}/carte.json"] = _compact_json({**card, "types": ", ".join(summary["types"])})
        return files

    def recherche(self) -> dict[str, Any]:
        """The search page: the kinds of page and the aid facets, without counts (they follow the words typed)."""
        search = self.search
        kinds = {
            "id": "rubrique",
            "legende": "Rubrique",
            "valeurs": [{"id": k, "libelle": v, "nombre": None} for k, v in KIND_CHOICES.items()],
        }
        facets = [{**facet, "valeurs": [{**value, "nombre": None} for value in facet["valeurs"]]} for facet in search.facets()]
        return {"facettes": [kinds, *facets], "departements": search.departements(), "vocabulaire": search.vocabulary()}


def _compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
