"""Catalogues at their limits build, and their key pages say something true in French.

One real build per case (``build_site`` in conftest.py, MkDocs + Pagefind + CSP), each from a copy of
data/ changed in one way: no aid at all, a single aid, no contact at all, no contact but the partners'
public ways in, only ended aids (their
validity ends before the build's « today », SOURCE_DATE_EPOCH 2026-11-22), an aid without partner.
For each: the build succeeds, the pages a person or a partner reaches first exist (home, /aides/,
/eligibilite/, /contacts/, /pour-les-partenaires/), and each says what is true for that catalogue,
with a next step (« Aucune aide en cours », where to turn), rather than an empty heading or « 0 aides ».
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from aides.model.formatting import NBSP, NNBSP
from conftest import DATA, Builder
from test_site import visible_text

KEY_PAGES = ["", "aides/", "eligibilite/", "contacts/", "pour-les-partenaires/"]
ENDED_ON = dt.date(2025, 12, 31)  # before the build's « today » (2026-11-22)


def _edit(path: Path, change: Callable[[dict], object]) -> None:
    """Load a data file, change it, write it back (comments are lost: these are throwaway copies)."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _keep_aids(data: Path, kept: set[str]) -> None:
    """Only the ``kept`` aids; agreements keep their links to those only."""
    for path in (data / "aides").glob("*.yml"):
        if path.stem not in kept:
            path.unlink()
    for path in (data / "conventions").glob("*.yml"):
        _edit(path, lambda doc: doc.update(aides=[a for a in doc.get("aides", []) if a in kept]))
    for path in (data / "partenaires").glob("*.yml"):
        _edit(path, lambda doc: _keep_forms(doc, kept))


def _keep_forms(partner: dict, kept: set[str]) -> None:
    """A partner's online form for removed aids goes with them (an empty list would mean « every aid »)."""
    form = partner.get("acces", {}).get("formulaire")
    if form and form.get("aides") and not set(form["aides"]) & kept:
        del partner["acces"]["formulaire"]


def no_aid(data: Path) -> None:
    _keep_aids(data, set())


def one_aid(data: Path) -> None:
    _keep_aids(data, {"visale"})


def national_ways_in_only(data: Path) -> None:
    """No contact file: only the partners' public ways in (acces) remain."""
    for path in (data / "contacts").glob("*.yml"):
        path.unlink()
    for path in (data / "aides").glob("*.yml"):
        _edit(path, lambda doc: doc.pop("contacts", None))


def no_contact(data: Path) -> None:
    """No contact, and no partner's way in either."""
    national_ways_in_only(data)
    for path in (data / "partenaires").glob("*.yml"):
        _edit(path, lambda doc: doc.pop("acces", None))


def only_ended(data: Path) -> None:
    def end(doc: dict) -> None:
        validite = {k: v for k, v in doc.get("validite", {}).items() if k != "debut"}
        doc["validite"] = {**validite, "fin": ENDED_ON}
        doc.pop("statut", None)  # a declared status (« à confirmer ») would hide the end date
        doc.pop("statut_precision", None)

    for path in (data / "aides").glob("*.yml"):
        _edit(path, end)


def aid_without_partner(data: Path) -> None:
    _edit(data / "aides" / "visale.yml", lambda doc: doc.pop("partenaires", None))


# case: (change to data/, {page: phrases it must say}, {page: phrases it must not say})
CASES: dict[str, tuple[Callable[[Path], None], dict[str, list[str]], dict[str, list[str]]]] = {
    "aucune-aide": (
        no_aid,
        {
            "": ["Voir toutes les aides", "Trouver à qui s'adresser"],
            "aides/": ["Aucune aide n'est en cours pour le moment.", "voyez la page Où s'adresser ?", "Aucune aide en cours."],
            "eligibilite/": ["Aucune aide n'est en cours pour le moment : ce questionnaire n'a rien à vous proposer."],
            "contacts/": ["Accompagnement social d'Action Logement Services en Paca-Corse"],
            "pour-les-partenaires/": ["Aucune aide n'est publiée pour le moment.", "La liste des aides, filtrée"],
        },
        {
            "aides/": ["0 aides", "dispositifs terminés restent listés", "Les filtres ont besoin de JavaScript"],
            "eligibilite/": ["Vous êtes…", "Des résultats indicatifs"],
            "pour-les-partenaires/": ["Par exemple, pour « ", "Section de la fiche"],
        },
    ),
    "une-aide": (
        one_aid,
        {
            "aides/": ["1 aide en cours. Pour savoir ce qui vous concerne", "Visale, la garantie gratuite des loyers"],
            "eligibilite/": ["Vous êtes…", "Visale, la garantie gratuite des loyers"],
            "pour-les-partenaires/": ["Par exemple, pour « Visale, la garantie gratuite des loyers", "la section « Conditions »"],
        },
        {"aides/": ["1 aides", "Aucune aide"], "eligibilite/": ["Aucune aide en cours"]},
    ),
    "aucun-contact": (
        no_contact,
        {
            "contacts/": ["Nos sources ne citent aucun contact public pour le moment.", "voyez les fiches des aides."],
            "aides/accompagnement-soli-al/": ["La source ne donne pas de contact public pour cette aide."],
        },
        {"contacts/": ["voyez les contacts nationaux", "Les contacts publics cités par nos sources"]},
    ),
    "seulement-acces-des-partenaires": (
        national_ways_in_only,
        {
            "contacts/": [
                "Partout en France Action Logement",
                "ceux de la rubrique Partout en France valent aussi ici (Action Logement, Action Logement Services",
            ],
            "aides/accompagnement-soli-al/": ["La source ne cite pas de contact pour cette aide.", "Action Logement Services"],
        },
        {"contacts/": ["Nos sources ne citent aucun contact public", "voyez les contacts nationaux"]},
    ),
    "seulement-terminees": (
        only_ended,
        {
            "aides/": [
                "Aucune aide n'est en cours pour le moment ; les dispositifs terminés restent listés plus bas",
                "Dispositifs terminés, fermés ou non confirmés",
            ],
            "eligibilite/": ["ce questionnaire n'a rien à vous proposer", "la liste des aides"],
            "aides/visale/": ["Ce dispositif est terminé depuis le 31 décembre 2025."],
            "pour-les-partenaires/": ["Par exemple, pour « "],
        },
        {"aides/": ["0 aides"], "eligibilite/": ["Vous êtes…"]},
    ),
    "aide-sans-partenaire": (
        aid_without_partner,
        {
            "aides/": ["Visale, la garantie gratuite des loyers"],
            "aides/visale/": ["Adressez-vous à l'organisme qui la propose, ou consultez la page Où s'adresser ?"],
        },
        {"aides/visale/": ["Partenaires Action Logement"]},
    ),
}


def _text(site: Path, url: str) -> str:
    """The page's visible text, spaces made plain, to compare with the phrases above."""
    return " ".join(visible_text(site / url / "index.html").replace(NBSP, " ").replace(NNBSP, " ").split())


@pytest.mark.parametrize("case", CASES)
def test_catalogue_limite_se_construit_et_dit_vrai(case: str, tmp_path: Path, build_site: Builder) -> None:
    change, expected, forbidden = CASES[case]
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    change(data)
    site = tmp_path / "site"
    result = build_site(site, data)
    assert result.returncode == 0, f"{case} : la construction échoue\n{result.stderr[-3000:]}"
    bad_space = re.compile(r"\w ([:;!?€])|\d \d{3}\b")
    for url in sorted({*KEY_PAGES, *expected}):
        page = site / url / "index.html"
        assert page.is_file(), f"{case} : /{url} manque"
        raw = visible_text(page)
        problems = [raw[max(0, m.start() - 30) : m.end() + 5] for m in bad_space.finditer(raw)]
        assert not problems, f"{case} : /{url} : espace ordinaire avant la ponctuation : {problems[:3]}"
        text = _text(site, url)
        for phrase in expected.get(url, []):
            assert phrase in text, f"{case} : /{url} ne dit pas « {phrase} »"
        for phrase in forbidden.get(url, []):
            assert phrase not in text, f"{case} : /{url} dit « {phrase} », faux pour ce catalogue"
    assert (site / "pagefind" / "pagefind.js").is_file(), f"{case} : pas d'index de recherche"
