"""Changes in plain words, end to end: a temporary repository holding the real data, then one commit per kind
of change; the home page's list and the site's Atom feed say one sentence per change and leave out a commit
that touches nothing a person reads. (The commits below are test data, never published.)"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from aides.data.loading import load_catalogue
from aides.model.formatting import NBSP, NNBSP
from aides.publishing.feeds import ATOM, site_feed
from aides.site import list_pages
from aides.site.pieces import Pieces
from conftest import DATA, TODAY
from test_history import _git

BASE = "https://aides.exemple.fr/"
LOYER = "aides/aide-exceptionnelle-loyer-150-euros.yml"
CONTACT = "contacts/accompagnement-social-als-paca-corse.yml"


def _edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / "data" / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _commit(repo: Path, day: str, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, date=f"2027-01-{day}T10:00:00+01:00")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    repo = tmp_path / "depot"
    shutil.copytree(DATA, repo / "data")
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "01", "Données de départ")
    _edit(repo, LOYER, "      montant: 150\n", "      montant: 200\n")
    _commit(repo, "02", "Montant")
    _edit(repo, "aides/visale.yml", "age: { moins_de: 30 }", "age: { moins_de: 26 }")
    _commit(repo, "03", "Condition d'âge")
    _edit(repo, LOYER, "statut: a_confirmer\n", "statut: suspendu\n")
    _commit(repo, "04", "Statut")
    _edit(repo, CONTACT, "email:", "telephone: 04 91 00 00 00\nemail:")
    _commit(repo, "05", "Téléphone du service")
    confirmation = "confirmation:\n  date: 2027-01-06\n  par: Action Logement Services\n  moyen: telephone\n"
    _edit(repo, "aides/visale.yml", "enregistre_le: 2026-11-22\n", "enregistre_le: 2026-11-22\n" + confirmation)
    _commit(repo, "06", "Confirmation")
    # Schema and bookkeeping only: a recorded-at date, a source's extract, a comment, a re-wrapped paragraph.
    _edit(repo, "aides/accompagnement-soli-al.yml", "enregistre_le: 2026-11-22", "enregistre_le: 2026-11-23")
    _edit(repo, "aides/visale.yml", '"Visale, le service gratuit de cautionnement des loyers"', '"Visale, le service gratuit"')
    _edit(repo, "aides/visale.yml", "resume: >-\n  Visale est", "# un commentaire\nresume: >-\n  Visale\n  est")
    _commit(repo, "07", "Champs renommés, date d'enregistrement, extrait de source")
    wording = "changement_public: Le formulaire de demande change <b>bientôt</b>.\n"
    _edit(repo, "aides/visale.yml", "enregistre_le:", wording + "enregistre_le:")
    _commit(repo, "08", "Mot de l'éditeur dans la fiche")
    _edit(repo, LOYER, "Par ménage, jusqu'à 6 mois consécutifs.", "Par ménage, 6 mois consécutifs au plus.")
    _commit(repo, "09", "Précision\n\nChangement-public: La durée de l'aide est précisée & reformulée.")
    monkeypatch.setenv("AIDES_DATA_DIR", str(repo / "data"))
    return repo


# The sentences each commit should say, newest first (the schema-only commit of the 7th says nothing).
EXPECTED = [
    ("2027-01-09", "Aide de 150 € par mois", "La durée de l'aide est précisée & reformulée."),
    ("2027-01-08", "Visale", "Le formulaire de demande change <b>bientôt</b>."),
    (
        "2027-01-06",
        "Visale",
        f"Information confirmée auprès d'Action Logement Services le 6{NBSP}janvier 2027 (par téléphone).",
    ),
    (
        "2027-01-05",
        "Accompagnement social d'Action Logement Services en Paca-Corse",
        f"Nouveau numéro de téléphone de l'Accompagnement social d'Action Logement Services en Paca-Corse{NBSP}: 04 91 00 00 00.",
    ),
    ("2027-01-04", "Aide de 150 € par mois", f"Cette aide est suspendue{NBSP}: aucune demande n'est acceptée pour le moment."),
    ("2027-01-03", "Visale", f"La condition «{NBSP}Avoir moins de 30 ans{NBSP}» devient «{NBSP}Avoir moins de 26 ans{NBSP}»."),
    ("2027-01-02", "Aide de 150 € par mois", f"Le montant passe de 150{NBSP}€ à 200{NBSP}€ par mois."),
]


def _home(repo: Path) -> list[tuple[str, str, str]]:
    view = list_pages.home(Pieces(load_catalogue(repo / "data", TODAY)), limit=20)
    assert view.indisponible == ""
    return [(change.iso, change.titre, change.resume) for change in view.changements]


def _starts(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [
        (day, titre.replace(NBSP, " ").replace(NNBSP, " ")[: len(title)], said)
        for (day, titre, said), (_, title, _) in zip(rows, EXPECTED, strict=False)
    ]


def test_the_home_list_says_each_change_in_a_sentence_and_leaves_out_bookkeeping(repo: Path) -> None:
    rows = _home(repo)
    assert _starts(rows[: len(EXPECTED)]) == EXPECTED
    days = [day for day, _, _ in rows]
    assert "2027-01-07" not in days  # the schema-only commit adds no entry
    assert set(days[len(EXPECTED) :]) == {"2027-01-01"}  # then the records created by the first commit
    assert all(said.startswith(("Nouvelle aide sur ce site.", "Nouveau contact")) for _, _, said in rows[len(EXPECTED) :])


def test_the_site_feed_says_the_same_sentences(repo: Path) -> None:
    pieces = Pieces(load_catalogue(repo / "data", TODAY))
    feed = ET.fromstring(site_feed(pieces.history, BASE, TODAY).encode("utf-8"))
    entries = feed.findall(f"{{{ATOM}}}entry")
    summaries = [(entry.findtext(f"{{{ATOM}}}updated", "")[:10], entry.findtext(f"{{{ATOM}}}summary")) for entry in entries]
    assert summaries[: len(EXPECTED)] == [(day, said) for day, _, said in EXPECTED]
    assert "2027-01-07" not in {day for day, _ in summaries}
    assert entries[3].find(f"{{{ATOM}}}link").get("href") == BASE + "contacts/"  # type: ignore[union-attr]
    assert b"<b>" not in site_feed(pieces.history, BASE, TODAY).encode()  # the editor's text is escaped, never markup


def test_an_aid_page_shows_the_changes_of_its_contacts(repo: Path) -> None:
    pieces = Pieces(load_catalogue(repo / "data", TODAY))
    said = [change.resume for change in pieces.history_of("aide-exceptionnelle-loyer-150-euros").changements]
    assert said[:4] == [EXPECTED[0][2], EXPECTED[3][2], EXPECTED[4][2], EXPECTED[6][2]]
