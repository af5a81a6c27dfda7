"""``make revue``: what editors must check again, most urgent first, with file paths.

Three reasons bring an aid to the list (several may add up):

- **revue** — past its review date (``Catalogue.review_date``): never confirmed with the
  organisation within ``revue_mois`` months of its information, or of its last confirmation;
- **source ancienne** — one of its sources is older than ``source_ancienne_ans`` years (``data/site.yml``);
- **sans fin** — a temporary measure whose end the source does not give (``statut: a_confirmer``).

Urgency: how many days past its review date (an undated aid first), then the other reasons. The
same list is published as ``/donnees/revue.json``. Engine-independent (no MkDocs import).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from aides.model import formatting as fmt
from aides.model.catalogue import STALE_MEASURE, Catalogue
from aides.model.models import Aide
from aides.trust import freshness

REVIEW_PAST = "revue"
OLD_SOURCE = "source_ancienne"
NO_END = "sans_fin"


@dataclass(frozen=True, slots=True)
class ReviewItem:
    id: str
    fichier: str
    titre: str
    raisons: list[str]  # REVIEW_PAST, OLD_SOURCE, NO_END
    explications: list[str]  # the same, in French
    revue_le: str | None  # ISO date the aid was due, None when nothing dates it
    retard_jours: int  # days past its review date (0 when not due)


def _old_sources(catalogue: Catalogue, aide: Aide) -> list[str]:
    limit = catalogue.today.year - catalogue.site.source_ancienne_ans
    found = []
    for ref in dict.fromkeys(ref.article for ref in aide.sources):
        source = catalogue.sources[ref]
        year = source.date.year if source.date else source.annee
        if year is None or year < limit:
            found.append(f"source « {ref} » de {year or 'date inconnue'} (plus de {catalogue.site.source_ancienne_ans} ans)")
    return found


def _item(catalogue: Catalogue, aid_id: str, folder: str) -> ReviewItem | None:
    aide = catalogue.aides[aid_id]
    if catalogue.is_ended(aide):
        return None  # an ended aid is not current information any more: nothing to confirm
    due = catalogue.review_date(aide)
    reasons, texts = [], []
    late = 0
    if catalogue.is_review_due(aide):
        late = (catalogue.today - due).days if due else 10**6
        when = f"depuis le {fmt.date(due)}" if due else "aucune date d'information"
        reasons.append(REVIEW_PAST)
        texts.append(f"à confirmer {freshness.ask(catalogue, aide)} ({when})")
    old = _old_sources(catalogue, aide)
    if old:
        reasons.append(OLD_SOURCE)
        texts += old
    if aide.statut == "a_confirmer":
        reasons.append(NO_END)
        stale = catalogue.status(aide) == STALE_MEASURE
        texts.append(
            "mesure temporaire sans date de fin connue : demander si elle existe encore"
            + (" (plus proposée par défaut tant qu'elle n'est pas confirmée)" if stale else "")
        )
    if not reasons:
        return None
    return ReviewItem(aid_id, f"{folder}/aides/{aid_id}.yml", aide.titre, reasons, texts, due.isoformat() if due else None, late)


def review(catalogue: Catalogue, folder: str = "data") -> list[ReviewItem]:
    """Every aid to check again, most urgent first."""
    items = [item for aid_id in catalogue.aides if (item := _item(catalogue, aid_id, folder))]
    return sorted(items, key=lambda item: (-item.retard_jours, -len(item.raisons), item.id))


def review_json(catalogue: Catalogue) -> dict[str, object]:
    items = review(catalogue)
    return {"date": catalogue.today.isoformat(), "nombre": len(items), "aides": [asdict(item) for item in items]}


def report(items: list[ReviewItem], today: dt.date) -> str:
    """The list in French, one block per aid, its file first (editors click it)."""
    if not items:
        return f"Rien à revoir au {fmt.date(today)}."
    lines = [f"{len(items)} aide(s) à revoir au {fmt.date(today)}, la plus urgente d'abord :", ""]
    for item in items:
        lines.append(f"{item.fichier} : {item.titre}")
        lines += [f"  - {text}" for text in item.explications]
    return "\n".join(lines).replace(fmt.NBSP, " ")


def main(argv: list[str]) -> int:
    """``python -m aides revue [--json FICHIER]``: print the list; exit 0 (it is a to-do list, not an error)."""
    from aides.data.loading import data_dir, load_catalogue

    catalogue = load_catalogue()
    folder = data_dir()
    try:
        shown = str(folder.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(folder)
    items = review(catalogue, shown)
    print(report(items, catalogue.today))
    if argv[:1] == ["--json"] and len(argv) > 1:
        Path(argv[1]).write_text(json.dumps(review_json(catalogue), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.stdout.flush()
    return 0
