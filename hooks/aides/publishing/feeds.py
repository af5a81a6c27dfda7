"""Atom 1.0 feeds of the changes: one for the whole site, one per aid, from the git history.

Partners and watchers subscribe to know when an aid they point people to changes: each entry is titled
with the aid's name (or the contact's) and its first sentence, and its summary says every sentence of the
change, as the home page and the aid's page do. An aid's feed also carries the changes of its contacts. Output is
deterministic: ``updated`` is the newest entry's date, or the build's day when there is none
(never "now"); entries come in history order. Text goes through ElementTree, which escapes it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from aides.model import formatting
from aides.site import urls
from aides.site.pieces import change_page
from aides.trust.history import AID, Change, History

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = urls.SITE_FEED
AUTHOR = "Rédaction du site des aides au logement"
# Characters XML 1.0 forbids (control characters an editor may paste): dropped, or the feed would not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def aide_feed_path(aid_id: str) -> str:
    return urls.aide_feed(aid_id)


def _tag(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, name, attributes)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _base(base_url: str) -> str:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"adresse du site absolue attendue pour les flux Atom, pas « {base_url} »")
    return base_url if base_url.endswith("/") else base_url + "/"


def _entry_title(change: Change) -> str:
    """« Visale : Le montant passe de 150 € à 200 € par mois. », then how many other sentences follow."""
    first, others = change.changes[0], len(change.changes) - 1
    more = f" (et {others} autre{'s' if others > 1 else ''} changement{'s' if others > 1 else ''})" if others else ""
    return formatting.typography(f"{change.titre or change.record} : {first}{more}")


def _entry(feed: ET.Element, change: Change, base: str) -> None:
    page = base + change_page(change)
    entry = _tag(feed, "entry")
    mark = "" if change.kind == AID else f"-{change.kind}-{change.record}"  # one commit, several records: ids apart
    _tag(entry, "id", f"{page}#modification-{change.commit[:12]}{mark}")
    _tag(entry, "title", _entry_title(change))
    _tag(entry, "updated", change.date)
    _tag(entry, "link", rel="alternate", type="text/html", href=page)
    _tag(entry, "summary", " ".join(change.changes), type="text")


def atom_feed(
    changes: list[Change], *, title: str, base_url: str, path: str, page: str, today: dt.date, author: str = AUTHOR
) -> str:
    """An Atom 1.0 document: ``changes`` newest first, the feed at ``base_url + path``, about the page ``base_url + page``."""
    base = _base(base_url)
    # Plain names and a literal xmlns: ElementTree would otherwise write an « ns0: » prefix on every element.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "fr"})
    _tag(feed, "id", base + path)
    _tag(feed, "title", formatting.typography(title))
    _tag(feed, "updated", changes[0].date if changes else f"{today.isoformat()}T00:00:00Z")
    _tag(feed, "link", rel="self", type="application/atom+xml", href=base + path)
    _tag(feed, "link", rel="alternate", type="text/html", href=base + page)
    _tag(_tag(feed, "author"), "name", author)
    for change in changes:
        _entry(feed, change, base)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def site_feed(history: History, base_url: str, today: dt.date, limit: int = 50) -> str:
    """The latest changes of all aids."""
    title = "Aides au logement : dernières modifications"
    return atom_feed(history.latest(limit), title=title, base_url=base_url, path=SITE_FEED, page=urls.CATALOGUE, today=today)


def aide_feed(history: History, aid_id: str, titre: str, base_url: str, today: dt.date, contacts: Sequence[str] = ()) -> str:
    """Every change of one aid and of the ``contacts`` it lists, newest first."""
    title = f"{titre} : modifications"
    changes = history.of(aid_id, contacts)
    return atom_feed(changes, title=title, base_url=base_url, path=aide_feed_path(aid_id), page=urls.aide(aid_id), today=today)


def feed_files(
    history: History,
    aides: Mapping[str, str],
    base_url: str,
    today: dt.date,
    contacts: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, str]:
    """Path under the site root → content of every feed; ``aides`` maps each aid's id to its current title,
    ``contacts`` to the contacts it lists."""
    contacts = contacts or {}
    files = {SITE_FEED: site_feed(history, base_url, today)}
    files.update(
        {
            aide_feed_path(aid_id): aide_feed(history, aid_id, titre, base_url, today, contacts.get(aid_id, ()))
            for aid_id, titre in aides.items()
        }
    )
    return files
