"""Atom feeds of the changes: valid Atom 1.0, escaped editor text, deterministic dates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from aides.publishing.feeds import ATOM, SITE_FEED, aide_feed, aide_feed_path, feed_files, site_feed
from aides.trust.history import Change, History
from conftest import TODAY

NS = {"a": ATOM}
BASE = "https://aides.exemple.fr/"

HISTORY = History(
    None,
    {
        "visale": [
            Change(
                "visale",
                "b" * 40,
                "2026-06-01T09:30:00+02:00",
                2,
                "Visale <script>alert(1)</script> & co",
                ("L'aide s'appelle désormais « Visale ».",),
            ),
            Change("visale", "a" * 40, "2026-01-05T10:00:00+01:00", 0, "Visale", ("Nouvelle aide sur ce site.",)),
        ],
        "loca-pass": [
            Change(
                "loca-pass",
                "c" * 40,
                "2026-03-01T08:00:00+01:00",
                1,
                "Loca-Pass",
                ("Le montant passe de 1\u202f200\u00a0€ à 1\u202f500\u00a0€.", "Les démarches pour en bénéficier changent."),
            ),
        ],
    },
)


def _parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_site_feed_lists_the_latest_changes_newest_first() -> None:
    feed = _parse(site_feed(HISTORY, BASE, TODAY))
    assert feed.tag == f"{{{ATOM}}}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext("a:id", namespaces=NS) == BASE + SITE_FEED
    assert feed.findtext("a:updated", namespaces=NS) == "2026-06-01T09:30:00+02:00"
    assert feed.findtext("a:author/a:name", namespaces=NS)
    assert feed.find("a:link[@rel='self']", NS).get("href") == BASE + SITE_FEED  # type: ignore[union-attr]
    entries = feed.findall("a:entry", NS)
    assert [entry.findtext("a:updated", namespaces=NS) for entry in entries] == [
        "2026-06-01T09:30:00+02:00",
        "2026-03-01T08:00:00+01:00",
        "2026-01-05T10:00:00+01:00",
    ]
    ids = [entry.findtext("a:id", namespaces=NS) for entry in entries]
    assert ids[0] == BASE + "aides/visale/#modification-bbbbbbbbbbbb"
    assert len(set(ids)) == 3
    assert entries[1].find("a:link", NS).get("href") == BASE + "aides/loca-pass/"  # type: ignore[union-attr]
    assert (
        entries[1].findtext("a:title", namespaces=NS)
        == "Loca-Pass\u00a0: Le montant passe de 1\u202f200\u00a0€ à 1\u202f500\u00a0€. (et 1 autre changement)"
    )
    assert (
        entries[1].findtext("a:summary", namespaces=NS)
        == "Le montant passe de 1\u202f200\u00a0€ à 1\u202f500\u00a0€. Les démarches pour en bénéficier changent."
    )


def test_editor_text_is_escaped() -> None:
    text = site_feed(HISTORY, BASE, TODAY)
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
    title = _parse(text).find("a:entry", NS).findtext("a:title", namespaces=NS)  # type: ignore[union-attr]
    assert title == "Visale <script>alert(1)</script> & co\u00a0: L'aide s'appelle désormais «\u00a0Visale\u00a0»."


def test_control_characters_pasted_by_an_editor_do_not_break_the_xml() -> None:
    history = History(
        None,
        {"x": [Change("x", "d" * 40, "2026-01-01T00:00:00Z", 0, "Titre\x0bavec\x00contrôle", ("Nouvelle aide sur ce site.",))]},
    )
    entry = _parse(aide_feed(history, "x", "Titre", BASE, TODAY)).find("a:entry", NS)
    assert entry.findtext("a:title", namespaces=NS) == "Titreaveccontrôle\u00a0: Nouvelle aide sur ce site."  # type: ignore[union-attr]


def test_an_aid_feed_without_history_is_dated_by_the_build_not_by_now() -> None:
    feed = _parse(aide_feed(History("hors dépôt git"), "visale", "Visale", BASE, TODAY))
    assert feed.findtext("a:updated", namespaces=NS) == "2026-11-22T00:00:00Z"
    assert feed.findall("a:entry", NS) == []
    assert feed.findtext("a:title", namespaces=NS) == "Visale\u00a0: modifications"
    assert feed.findtext("a:id", namespaces=NS) == BASE + "aides/visale/modifications.xml"


def test_feed_files_one_per_aid_and_one_for_the_site() -> None:
    files = feed_files(HISTORY, {"visale": "Visale", "loca-pass": "Loca-Pass", "nouvelle": "Nouvelle aide"}, BASE, TODAY)
    assert set(files) == {SITE_FEED, aide_feed_path("visale"), aide_feed_path("loca-pass"), "aides/nouvelle/modifications.xml"}
    assert len(_parse(files[aide_feed_path("visale")]).findall("a:entry", NS)) == 2
    assert files == feed_files(HISTORY, {"visale": "Visale", "loca-pass": "Loca-Pass", "nouvelle": "Nouvelle aide"}, BASE, TODAY)


def test_a_relative_base_url_is_refused() -> None:
    with pytest.raises(ValueError, match="adresse du site absolue"):
        site_feed(HISTORY, "/", TODAY)
