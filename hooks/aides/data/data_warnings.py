"""Things to fix that must not block publication: listed after the errors, as « attention ».

Each check reads one validated record and its YAML document (for positions). A new check is
one function added to ``AIDE_CHECKS`` or ``SOURCE_CHECKS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from aides.data.errors import DataWarning, warning_at
from aides.data.yamlsource import YamlDocument
from aides.model.french_names import ARTICLES
from aides.model.models import Aide, Contact, Partenaire
from aides.model.shared_lists import Source, Sources

RESUME_MAX = 300  # characters: about two sentences, what a results list shows

AideCheck = Callable[[Aide, YamlDocument, dt.date], list[DataWarning]]
SourceCheck = Callable[[Source, int, YamlDocument], list[DataWarning]]


def long_resume(aide: Aide, doc: YamlDocument, today: dt.date) -> list[DataWarning]:
    length = len(aide.resume)
    if length <= RESUME_MAX:
        return []
    message = (
        f"résumé de {length} caractères : visez {RESUME_MAX} au plus (une ou deux phrases), le détail va dans « description »"
    )
    return [warning_at(doc, ("resume",), message, key=True)]


def no_contacts(aide: Aide, doc: YamlDocument, today: dt.date) -> list[DataWarning]:
    if aide.contacts:
        return []
    message = "aucun contact : ajoutez l'identifiant d'un fichier de data/contacts/ pour dire à qui s'adresser"
    return [warning_at(doc, ("contacts",), message, key=True)]


def review_due(aide: Aide, doc: YamlDocument, today: dt.date) -> list[DataWarning]:
    """A temporary measure with no known end, or an aid confirmed too long ago: the full list, with
    the site's review period and the sources' dates, is ``make revue`` (review.py)."""
    if aide.statut == "a_confirmer" and aide.validite.fin is None:
        message = "mesure temporaire sans date de fin : demandez à l'organisme si elle existe encore (make revue)"
        return [warning_at(doc, ("statut",), message)]
    confirmation = aide.confirmation
    months = aide.revue_mois or 12
    if confirmation is not None and (today - confirmation.date).days > months * 31:
        message = f"dernière confirmation il y a plus de {months} mois : confirmez de nouveau auprès de l'organisme (make revue)"
        return [warning_at(doc, ("confirmation", "date"), message)]
    return []


def undated_source(source: Source, index: int, doc: YamlDocument) -> list[DataWarning]:
    # A source whose date is unknown says so in date_texte: nothing more to fix there.
    if source.date is not None or source.date_texte:
        return []
    message = f"la source « {source.id} » n'a pas de date : indiquez date, ou date_texte si l'article n'en donne pas"
    return [warning_at(doc, ("sources", index, "id"), message)]


def no_article(record: Partenaire | Contact, doc: YamlDocument) -> list[DataWarning]:
    """Without its article, a name is said bare: « auprès de Comités locaux… » (french_names.py)."""
    if record.article is not None:
        return []
    message = (
        f"article du nom non précisé : ajoutez « article: » ({', '.join(ARTICLES)}) pour que les phrases disent "
        "« auprès des Comités locaux… », « à l'Union… » ou « d'Action Logement »"
    )
    return [warning_at(doc, ("nom",), message, key=True)]


AIDE_CHECKS: list[AideCheck] = [long_resume, no_contacts, review_due]
SOURCE_CHECKS: list[SourceCheck] = [undated_source]


def check_warnings(
    entities: Mapping[str, Mapping[str, Any]],
    sources: Sources | None,
    documents: Mapping[tuple[str, str], YamlDocument],
    today: dt.date,
) -> list[DataWarning]:
    """Every warning of the records that were read and validated (broken files have errors instead)."""
    found: list[DataWarning] = []
    for aid_id, aide in entities.get("aides", {}).items():
        doc = documents.get(("aides", aid_id))
        if doc is not None:
            found += [warning for check in AIDE_CHECKS for warning in check(aide, doc, today)]
    for kind in ("partenaires", "contacts"):
        for record_id, record in entities.get(kind, {}).items():
            doc = documents.get((kind, record_id))
            if doc is not None:
                found += no_article(record, doc)
    sources_doc = documents.get(("", "sources.yml"))
    if sources is not None and sources_doc is not None:
        for index, source in enumerate(sources.sources):
            found += [warning for check in SOURCE_CHECKS for warning in check(source, index, sources_doc)]
    return sorted(set(found))
