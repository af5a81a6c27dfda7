"""The built site, as the public, partners and re-users get it (real MkDocs builds)."""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from aides.model.formatting import NBSP, NNBSP
from aides.trust import rgaa
from conftest import DATA, EPOCH, REMOVED, ROOT, Builder


class _Text(HTMLParser):
    """Visible text of a page, without scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "code", "pre"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.parts)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_aid_page_has_the_contract_anchors(site: Path) -> None:
    for aid in sorted((DATA / "aides").glob("*.yml")):
        page = read(site, f"aides/{aid.stem}")
        for anchor in ("pour-qui", "conditions", "demarche", "contacts", "sources"):
            assert f'id="{anchor}"' in page, f"{aid.stem}: #{anchor} manquant"


def test_plus_plai_amounts_render_as_a_table_by_zone(site: Path) -> None:
    page = read(site, "aides/reconstitution-offre-renouvellement-urbain")
    table = page[page.index('<table class="tableau-montants">') : page.index("</table>")]
    assert "<caption>Reconstitution de l" in table
    assert '<th scope="col">Métropoles de Marseille, Toulon et Nice</th>' in table
    row = re.search(r'<tr><th scope="row">Prêt PLUS</th>(.*?)</tr>', table)
    assert row, table
    assert re.findall(r"<td>(.*?)</td>", row.group(1)) == [f"8{NNBSP}000{NBSP}€", f"6{NNBSP}700{NBSP}€"]
    assert 'id="montant"' in page


def test_ended_scheme_stays_online_with_a_notice_and_out_of_the_current_list(site: Path) -> None:
    page = read(site, "aides/sous-location-femmes-victimes-violences")
    assert "Ce dispositif est terminé depuis le 22" in html.unescape(page)
    catalogue = read(site, "aides")
    current, ended = catalogue.split('id="termines"')
    assert "sous-location-femmes-victimes-violences/" not in current
    assert "sous-location-femmes-victimes-violences/" in ended


def test_conditions_are_french_sentences(site: Path) -> None:
    text = visible_text(site / "aides" / "visale" / "index.html")
    assert "Avoir moins de 30 ans" in text
    assert "Entrer dans un logement en location" in text


def test_partner_page_lists_agreements_as_a_dated_timeline_and_its_aids(site: Path) -> None:
    text = visible_text(site / "partenaires" / "soli-al" / "index.html")
    assert "23 septembre 2020".replace(" ", NBSP, 1) in text
    assert "Conventions et accords" in text
    assert "Aides et dispositifs" in text


def test_every_page_is_french_with_the_mandatory_footer(site: Path) -> None:
    for page in pages(site):
        source = page.read_text(encoding="utf-8")
        assert '<html lang="fr"' in source, page
        if page.name == "404.html" or "Cette page a changé d'adresse" in source:
            continue
        assert f"Accessibilité{NBSP}: {rgaa.grid().taux.etat}" in html.unescape(source), page  # tests/test_rgaa.py
        for link in ("accessibilite/", "mentions-legales/", "donnees-personnelles/", "plan-du-site/"):
            assert link in source, (page, link)


def test_no_page_requests_another_host(site: Path) -> None:
    resource = re.compile(r'<(?:script|img|iframe|source)[^>]*\ssrc="([^"]+)"|<link[^>]*\shref="([^"]+)"')
    for page in pages(site):
        source = page.read_text(encoding="utf-8")
        for match in resource.finditer(source):
            url = match.group(1) or match.group(2)
            if match.group(0).startswith("<link") and 'rel="canonical"' in match.group(0):
                continue
            assert not re.match(r"(https?:)?//", url), f"{page}: {url}"
        assert "fonts.googleapis" not in source and "fonts.gstatic" not in source


def test_french_typography_in_every_page(site: Path) -> None:
    bad_space = re.compile(r"\w ([:;!?€])|\d \d{3}\b")
    for page in pages(site):
        text = visible_text(page)
        problems = [text[max(0, m.start() - 30) : m.end() + 5] for m in bad_space.finditer(text)]
        assert not problems, f"{page.relative_to(site)}: {problems[:5]}"


def test_dates_and_amounts_are_formatted_by_babel(site: Path) -> None:
    text = visible_text(site / "aides" / "aide-exceptionnelle-loyer-150-euros" / "index.html")
    assert f"150{NBSP}€ par mois" in text
    assert "mai 2020" in text or "1er mai 2020".replace(" ", NBSP, 1) in text


def test_personal_contact_data_from_the_seed_is_not_published(site: Path) -> None:
    for folder in (DATA, site):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".yml", ".html", ".json", ".csv"):
                text = path.read_text(encoding="utf-8")
                assert "06 34 28 71 44" not in text and "nathalie.berthelot@" not in text, path


def test_open_data_files(site: Path) -> None:
    aides = json.loads((site / "donnees" / "aides.json").read_text(encoding="utf-8"))
    assert {record["id"] for record in aides} == {path.stem for path in (DATA / "aides").glob("*.yml")}
    required = {"id", "titre", "url", "publics", "types", "territoires", "partenaires", "statut", "conditions"}
    for record in aides:
        assert required <= record.keys(), record["id"]
        assert record["statut"] in ("en_cours", "a_confirmer", "mesure_ancienne", "suspendu", "budget_epuise", "termine")
    statuses = {record["id"]: record["statut"] for record in aides}
    assert statuses["sous-location-femmes-victimes-violences"] == "termine"
    assert statuses["visale"] == "en_cours"
    rows = list(csv.DictReader((site / "donnees" / "aides.csv").open(encoding="utf-8")))
    assert [row["id"] for row in rows] == [record["id"] for record in aides]
    for name in ("partenaires", "conventions", "contacts"):
        records = json.loads((site / "donnees" / f"{name}.json").read_text(encoding="utf-8"))
        assert {record["id"] for record in records} == {path.stem for path in (DATA / name).glob("*.yml")}
    assert (site / "donnees" / "schemas" / "aide.schema.json").is_file()
    # The aid's schema refers to its neighbour: the published one is the committed one, made from the same data.
    published = (site / "donnees" / "schemas" / "conditions.schema.json").read_text(encoding="utf-8")
    assert published == (ROOT / "schemas" / "conditions.schema.json").read_text(encoding="utf-8")
    assert "Licence Ouverte 2.0" in read(site, "donnees")


def test_contacts_page_groups_by_region_and_departement(site: Path) -> None:
    page = read(site, "contacts")
    paca = page[page.index('id="region-93"') : page.index("</section>", page.index('id="region-93"'))]
    assert "accompagnementpaca.als@actionlogement.fr" in paca
    assert 'id="dep-13"' in paca


def test_field_reference_is_generated_from_the_models(site: Path) -> None:
    page = read(site, "contribuer")
    for field in ("titre", "pour_qui", "conditions", "enregistre_le", "confirmation", "anciens_ids", "consentement_publication"):
        assert f"<code>{field}</code>" in page


def test_two_builds_of_the_same_inputs_are_byte_identical(site: Path, tmp_path: Path, build_site: Builder) -> None:
    """The only determinism test: every file, feeds and review included, byte for byte."""
    again = tmp_path / "site"
    result = build_site(again)
    assert result.returncode == 0, result.stderr

    def digest(root: Path) -> dict[str, str]:
        return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}

    first, second = digest(site), digest(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_editor_text_cannot_inject_markup(hostile_site: Path) -> None:
    for page in pages(hostile_site):
        source = page.read_text(encoding="utf-8")
        assert '<script>alert("titre")' not in source, page
        assert "<img src=x" not in source, page
        assert 'href="javascript:' not in source, page
    page = read(hostile_site, "aides/aide-piegee")
    assert "&lt;script&gt;" in page


def test_old_ids_redirect_to_the_current_page(hostile_site: Path) -> None:
    page = read(hostile_site, "aides/ancienne-aide")
    assert 'http-equiv="refresh"' in page
    assert "../aide-piegee/" in page


def test_another_data_directory_builds_another_site(hostile_site: Path, site: Path) -> None:
    """hostile_site is built from a copy of data/ without one aid (conftest.py)."""
    assert (site / "aides" / REMOVED / "index.html").is_file()
    assert not (hostile_site / "aides" / REMOVED).exists()
    assert (hostile_site / "aides" / "visale" / "index.html").is_file()


def test_today_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The build loads the data as here, « today » left to SOURCE_DATE_EPOCH, and writes this export; that the build
    script passes the variable on, the session site shows (its review is dated 2026-11-22: test_fraicheur.py)."""
    from aides.data.loading import load_catalogue
    from aides.publishing.exports import data_files
    from aides.site import urls

    def status(aid_id: str) -> str:
        aides = json.loads(data_files(load_catalogue(DATA))[urls.open_data("aides.json")])
        return {record["id"]: record["statut"] for record in aides}[aid_id]

    # On 2023-01-01 the three-year sub-letting experiment (until 2023-09-22) was still running.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1672531200")
    assert status("sous-location-femmes-victimes-violences") == "en_cours"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert status("sous-location-femmes-victimes-violences") == "termine"


def test_schemas_in_the_repository_match_the_models() -> None:
    from aides.publishing.schemas import SCHEMA_DIR, all_schema_texts

    for name, text in all_schema_texts().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"{name} : lancez « make schemas »"


def test_every_data_file_references_its_schema() -> None:
    for path in sorted(DATA.rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), (path, schema)


def test_the_list_of_open_data_files_names_every_one_written(catalogue: object) -> None:
    """open_data_paths() is what partners may keep (referentiel/urls-publiques.txt) and what `make serve` tells
    MkDocs exists before writing it: the same files as data_files() writes, but the questionnaire's own rules."""
    from aides.publishing.exports import data_files, open_data_paths
    from aides.site import urls

    assert sorted(open_data_paths()) == sorted(set(data_files(catalogue)) - {urls.QUESTIONNAIRE_RULES})
