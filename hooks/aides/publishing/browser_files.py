"""The small JSON files the browser fetches: the /aides/ filter index, one card per aid (both read by
pages/catalogue.js), and the places tables and territorial lists the checkers read (checkers.places_file)."""

from __future__ import annotations

import json
from typing import Any

from aides.site import urls
from aides.site.checkers import places_file
from aides.site.pieces import Pieces


def browser_files(p: Pieces) -> dict[str, str]:
    """Path under the site root → content."""
    files = {
        urls.CATALOGUE_INDEX: _compact_json(p.facets.catalogue_index(p.listing.ids)),
        urls.PLACES_FILE: _compact_json(places_file(p.cat, p.fields)),
    }
    for aid_id in p.cat.aides:
        files[urls.aid_card(aid_id)] = _compact_json(p.cards.aid(aid_id).browser_card())
    return files


def _compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
