"""One French order for every list of names: accents and case never move a name out of its letter."""

from __future__ import annotations

from aides.model.catalogue import Catalogue
from aides.model.formatting import sort_key
from aides.site import list_pages, partner_pages, record_pages
from aides.site.pieces import Pieces


def _in_french_order(names: list[str]) -> bool:
    keys = [sort_key(name) for name in names]
    return keys == sorted(keys)


def test_the_sort_key_puts_accented_names_among_their_letter() -> None:
    names = ["zèbre", "Île-de-France", "État", "Accès", "abri", "Ecole", "Hauts-de-France"]
    assert sorted(names, key=sort_key) == ["abri", "Accès", "Ecole", "État", "Hauts-de-France", "Île-de-France", "zèbre"]


def test_every_list_of_the_site_orders_names_the_same_way(catalogue: Catalogue) -> None:
    pieces = Pieces(catalogue)
    cat = pieces.cat
    site_map = list_pages.site_map(pieces)
    lists = {
        "plan du site, aides": [card.titre for card in site_map.aides],
        "plan du site, partenaires": [link.nom for link in site_map.partenaires],
        "contacts, régions": [region.nom for region in list_pages.contacts(pieces).regions],
        "aides en cours (questionnaire)": [cat.aides[aid_id].titre for aid_id in cat.current_aids],
        "fiches des régions": [region.nom for region in cat.served_regions],
        "filtre région": [value.libelle for value in next(f for f in pieces.facets.facets() if f.id == "region").valeurs],
    }
    lists |= {
        f"partenaires, {group.titre}": [p.nom for p in group.partenaires] for group in record_pages.partners(pieces).groupes
    }
    choices = partner_pages.aid_choices(pieces)
    lists["outils, aides en cours"] = [choice.titre for choice in choices if not choice.termine]
    lists["outils, aides terminées"] = [choice.titre for choice in choices if choice.termine]
    for name in ("plan du site, aides", "plan du site, partenaires", "contacts, régions", "aides en cours (questionnaire)"):
        assert len(lists[name]) > 1, name
    for name, names in lists.items():
        assert _in_french_order(names), f"{name} : {names}"
    # The seed has the names that once sorted apart: an accented first letter.
    assert any(sort_key(name)[0] != name[0].casefold() for names in lists.values() for name in names)
