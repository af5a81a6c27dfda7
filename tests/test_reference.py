"""/contribuer/ for editors who are not developers: every field of every block they write is described,
every block has its section in the field reference, the conditions have their examples, and the way to
edit without installing anything (the forge's web editor, its checks' report) links to the repository
once data/site.yml gives its address."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from aides.site.reference import DOCUMENTED, LIST_FILES, anchor, editor_models, field_reference
from conftest import DATA, Builder

SECTIONS = [
    "Modifier sans rien installer",
    "Ajouter ou modifier une aide",
    "Conditions et questionnaires",
    "Dates de l'information",
]


def test_every_field_an_editor_writes_is_described() -> None:
    missing = [
        f"{model.__name__}.{name}"
        for model in editor_models()
        for name, info in model.model_fields.items()
        if not info.description
    ]
    assert missing == [], f"champs sans description (Field(description=…)) : {missing}"


def test_every_block_has_its_section() -> None:
    documented = [model for *_, model in DOCUMENTED]
    assert len(documented) == len(set(documented))
    alone = [model.__name__ for model in editor_models() if model not in documented and model not in LIST_FILES]
    assert alone == [], f"blocs sans section dans la référence (reference.DOCUMENTED) : {alone}"
    anchors = [doc.ancre for doc in field_reference()]
    assert len(anchors) == len(set(anchors))
    assert all(re.fullmatch(r"champs-[\w-]+", value) for value in anchors), anchors


def test_anchors_of_the_first_sections_are_kept() -> None:
    assert [anchor(title) for title in ("Aide", "Validité", "Source")] == ["champs-aide", "champs-validité", "champs-source"]
    assert anchor("Date de l'information") == "champs-date-de-l-information"


def _page(site: Path) -> str:
    return (site / "contribuer" / "index.html").read_text(encoding="utf-8")


def _section(page: str, heading: str) -> str:
    start = page.index(f">{heading}</h2>")
    return page[start : page.index("<h2", start)]


def test_the_guide_has_its_sections_and_reference(site: Path) -> None:
    page = _page(site)
    for heading in SECTIONS:
        assert f">{heading}</h2>" in page, heading
    for doc in field_reference():
        title = doc.titre.replace("'", "&#39;")
        assert f'<h3 id="{doc.ancre}">{title} <small>' in page, doc.titre
    for block in ("Date de l&#39;information", "Confirmation", "Rôle", "Exemple", "Source", "Article"):
        assert f">{block} <small>" in page, block
    for field in ("titre", "description", "territoire", "montant", "contacts", "sources", "exemples", "article", "depot"):
        assert f"<code>{field}</code></th>" in page, field


def test_the_conditions_have_an_example_of_each_group(site: Path) -> None:
    conditions = _section(_page(site), "Conditions et questionnaires")
    examples = re.findall(r"<pre><code>(.*?)</code></pre>", conditions, re.S)
    for keyword in ("toutes", "une_de", "a_verifier"):
        # an example of its own: the group (or the sentence) right under « conditions: »
        alone = [e for e in examples if re.match(rf"conditions:\n  (toutes:\n(    - .*\n)*    - )?{keyword}:", e)]
        assert alone, keyword
    assert any("a_verifier: Être orienté" in example for example in examples)
    assert "Conditions sur les revenus" in _page(site)  # the money section stays


def test_without_a_repository_address_no_link_is_shown(site: Path) -> None:
    route = _section(_page(site), "Modifier sans rien installer")
    assert "Edit this file" in route and "Create pull request" in route and "Details" in route
    assert "Le dépôt du site" not in route and "<!-- depot -->" not in route


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory: pytest.TempPathFactory, build_site: Builder) -> Path:
    data = tmp_path_factory.mktemp("depot") / "data"
    shutil.copytree(DATA, data)
    settings = data / "site.yml"
    text = settings.read_text(encoding="utf-8")
    assert "\ndepot:\n" in text
    settings.write_text(text.replace("\ndepot:\n", "\ndepot: https://github.com/exemple/aides-logement\n"), encoding="utf-8")
    result = build_site(data.parent / "site", data)
    assert result.returncode == 0, result.stderr
    return data.parent / "site"


def test_the_repository_address_is_linked_where_editing_is_explained(site_with_repository: Path) -> None:
    route = _section(_page(site_with_repository), "Modifier sans rien installer")
    link = '<a href="https://github.com/exemple/aides-logement">https://github.com/exemple/aides-logement</a>'
    assert f'<p class="depot">Le dépôt du site&nbsp;: {link}.</p>' in route
