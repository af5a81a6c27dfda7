"""The RGAA audit's sample (issue 18): twelve pages, P01 to P12, and how a reader reaches each one.

One source for the automated checks (tests/test_accessibilite_automatique.py) and for the audit grid:
each page has its id, what it is, its address and the steps a reader takes on it (plain data, so that
the grid can print them). A step is a tuple: ``("cocher", selector)``, ``("cliquer", selector)``,
``("saisir", selector, text)`` (types the text and presses Entrée) or ``("attendre", js_condition)``.
"""

from __future__ import annotations

from dataclasses import dataclass

Step = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SamplePage:
    id: str
    nom: str  # what the page is, as the grid names it
    adresse: str  # its address, from the site's root
    parcours: tuple[Step, ...] = ()  # what a reader does once there
    integree: bool = False  # an embeddable view: shown in a partner's page, without the site's header and footer


TOULON_CHOISI = "() => document.querySelector('[data-contacts-statut]').textContent.includes('Toulon')"

ECHANTILLON: tuple[SamplePage, ...] = (
    SamplePage("P01", "Accueil", ""),
    SamplePage("P02", "Liste des aides", "aides/"),
    SamplePage(
        "P03",
        "Fiche d'une aide avec son vérificateur (Visale), réponses données",
        "aides/visale/",
        (
            ("cocher", "#verif-profil-particulier"),
            ("saisir", "#verif-age-valeur", "25"),
            ("cocher", "#verif-statut-etudiant"),
            ("cocher", "#verif-entree_logement-oui"),
            ("attendre", "() => location.hash.includes('statut=etudiant')"),
        ),
    ),
    SamplePage(
        "P04",
        "Questionnaire « Suis-je concerné ? », réponses données",
        "eligibilite/",
        (
            ("cocher", "#q-profil-particulier"),
            ("cliquer", "[data-questionnaire] [data-valider]"),
            ("cocher", "#q-statut-salarie"),
            ("cliquer", "[data-questionnaire] [data-valider]"),
            ("saisir", "#q-commune [data-commune-texte]", "Toulon"),
            ("cocher", "#q-commune input[value='83137']"),
            ("cliquer", "[data-questionnaire] [data-valider]"),
            ("attendre", "() => document.querySelector('[data-questionnaire] [data-annonce]').textContent.trim() !== ''"),
        ),
    ),
    SamplePage(
        "P05",
        "Où s'adresser, une commune choisie (Toulon)",
        "contacts/",
        (
            ("saisir", "#contacts-commune-texte", "Toulon"),
            ("cocher", "#contacts-commune-commune-0"),
            ("attendre", TOULON_CHOISI),
        ),
    ),
    SamplePage(
        "P06",
        "Recherche, une requête faite (« garantie »)",
        "recherche/",
        (("saisir", "#recherche-q", "garantie"), ("attendre", "() => document.querySelector('.resultat-recherche')")),
    ),
    SamplePage("P07", "Pour les partenaires (outils)", "pour-les-partenaires/"),
    SamplePage("P08", "Vue intégrable d'une fiche (Visale)", "integrer/aides/visale/", integree=True),
    SamplePage("P09", "Fiche à imprimer d'une région (Provence-Alpes-Côte d'Azur)", "aides/region/93/imprimer/"),
    SamplePage("P10", "Accessibilité", "accessibilite/"),
    SamplePage("P11", "Plan du site", "plan-du-site/"),
    SamplePage("P12", "Page introuvable (erreur 404)", "cette-page-n-existe-pas/"),
)

PAR_ID = {page.id: page for page in ECHANTILLON}
