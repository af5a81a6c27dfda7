"""The public history of the aids and of their contacts, read from git: when each one changed, and what
changed for a person (said in French by ``changes``; a commit that changes nothing a person reads adds
no entry).

Built for 10,000 aids: one ``git log`` for both folders (names and statuses of changed files, renames
followed, and each commit's ``Changement-public:`` trailers), then one ``git cat-file --batch`` for every
revision of every changed file; each revision is compared with the previous revision of the same record,
parsed once, on the keys whose text changed only. Nothing depends on the current time.

A shallow clone (CI checkouts often are) or a folder outside git still builds: the history is then empty
and ``History.status`` says why, in French, for the page to show.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from aides.data.loading import data_dir
from aides.trust.changes import (
    EDITOR_KEY,
    NO_NAMES,
    RULE_KEYS,
    TRAILER,
    Names,
    describe_aid,
    describe_contact,
    editor_sentence,
    sentence,
)
from aides.trust.revisions import Revision, Revisions

SHALLOW = "historique indisponible (copie partielle du dépôt)"
OUTSIDE_GIT = "hors dépôt git"

_RECORD, _FIELD, _TRAILERS = "\x1e", "\x1f", "\x1d"
AID, CONTACT = "aide", "contact"
_FOLDERS = {"aides": AID, "contacts": CONTACT}  # folders of the data directory whose records have a history


@dataclass(frozen=True)
class Change:
    """One commit that changed one aid or one contact, as the public reads it."""

    record: str  # the record's id today (its file name; a record renamed since keeps its whole history)
    commit: str
    date: str  # committer date, ISO 8601 with offset, as git gives it
    rank: int  # order of the commit in the history: 0 is the oldest
    titre: str  # the aid's title, or the contact's name, at that revision
    changes: tuple[str, ...]  # sentences: « Le montant passe de 150 € à 200 € par mois. »
    kind: str = AID  # AID or CONTACT


@dataclass(frozen=True)
class History:
    status: str | None = None  # None when the history is complete; else why it is missing, in French
    entries: dict[str, list[Change]] = field(default_factory=dict)  # aid id → its changes, newest first
    contacts: dict[str, list[Change]] = field(default_factory=dict)  # contact id → its changes, newest first

    def of(self, aid_id: str, contacts: Iterable[str] = ()) -> list[Change]:
        """An aid's changes and those of the contacts it lists (its page shows them), newest first."""
        own = self.entries.get(aid_id, [])
        theirs = [change for contact in contacts for change in self.contacts.get(contact, [])]
        if not theirs:
            return own
        said = {(change.commit, text) for change in own for text in change.changes}
        theirs = [change for change in theirs if any((change.commit, text) not in said for text in change.changes)]
        return sorted([*own, *theirs], key=_newest_first)

    def latest(self, limit: int = 50) -> list[Change]:
        """The newest changes of all aids and contacts together, newest first."""
        every = [change for group in (self.entries, self.contacts) for changes in group.values() for change in changes]
        return sorted(every, key=_newest_first)[:limit]


def _newest_first(change: Change) -> tuple[int, str, str]:
    return (-change.rank, change.kind, change.record)


# --- git ---


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    command = ["git", "-c", "core.quotePath=false", *args]
    return subprocess.run(command, cwd=folder, input=stdin, capture_output=True, check=True).stdout


def _repository_status(folder: Path) -> str | None:
    try:
        shallow = _git(folder, "rev-parse", "--is-shallow-repository").decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return OUTSIDE_GIT
    return SHALLOW if shallow == "true" else None


@dataclass(frozen=True)
class _FileChange:
    commit: str
    date: str
    status: str  # A, M, D, R (renamed), C (copied), T (type changed)
    path: str  # relative to the data folder: « aides/visale.yml »
    blob: str  # the file's object id after the change
    old_blob: str  # its object id in the commit's parent (zeros for a new file)
    old_path: str | None = None
    wording: tuple[str, ...] = ()  # the commit's ``Changement-public:`` trailers


def _log(folder: Path) -> list[_FileChange]:
    """Every change of a record of the data folder's ``aides/`` and ``contacts/``, oldest first, with its blob id
    and its commit's own wording, from one ``git log``."""
    trailers = f"%(trailers:key={TRAILER},valueonly,unfold,separator=%x1d)"
    command = [
        "log",
        "--reverse",
        "-M",
        "--relative",
        "--raw",
        "--no-abbrev",
        f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}{trailers}",
    ]
    try:
        output = _git(folder, *command, "--", *_FOLDERS)
    except subprocess.CalledProcessError:
        return []  # a repository without any commit yet
    changes = []
    for record in output.decode("utf-8").split(_RECORD)[1:]:
        header, *lines = record.split("\n")
        commit, date, wording = header.split(_FIELD)
        said = tuple(filter(None, (text.strip() for text in wording.split(_TRAILERS))))
        for line in filter(None, lines):
            change = _raw_line(commit, date, line, said)
            if _kind(change.path):
                changes.append(change)
    return changes


def _raw_line(commit: str, date: str, line: str, wording: tuple[str, ...]) -> _FileChange:
    """``:100644 100644 <old blob> <new blob> R095<TAB>old.yml<TAB>new.yml`` → one change."""
    fields, *paths = line.split("\t")
    old_blob, blob, status = fields.split()[2:5]
    return _FileChange(commit, date, status[0], paths[-1], blob, old_blob, paths[0] if len(paths) > 1 else None, wording)


def _kind(path: str) -> str | None:
    """AID for « aides/<id>.yml », CONTACT for « contacts/<id>.yml », None for any other file."""
    folder, _, name = path.partition("/")
    return _FOLDERS.get(folder) if name.endswith(".yml") and "/" not in name else None


def _contents(folder: Path, changes: list[_FileChange]) -> dict[str, bytes | None]:
    """Blob id → content of every file revision, from one ``git cat-file --batch`` (ids, not paths: no tree walk)."""
    blobs = sorted({blob for change in changes for blob in (change.blob, change.old_blob) if blob.strip("0")})
    if not blobs:
        return {}
    output = _git(folder, "cat-file", "--batch", stdin="".join(blob + "\n" for blob in blobs).encode())
    return dict(zip(blobs, _blobs(output, len(blobs)), strict=True))


def _blobs(output: bytes, count: int) -> list[bytes | None]:
    blobs: list[bytes | None] = []
    offset = 0
    for _ in range(count):
        end = output.index(b"\n", offset)
        header = output[offset:end].split()
        if len(header) == 3:  # <object> blob <size>
            size = int(header[2])
            blobs.append(output[end + 1 : end + 1 + size])
            offset = end + 1 + size + 1
        else:  # <object> missing
            blobs.append(None)
            offset = end + 1
    return blobs


@dataclass(frozen=True)
class _Describer:
    """How one kind of record is said: its sentences, and the keys they read even when unchanged (a name)."""

    describe: Callable[[dict[str, Any] | None, dict[str, Any]], list[str]]
    context: Callable[[set[str]], set[str]] = lambda changed: set()  # keys read besides the changed ones


def _compare(before: Revision | None, after: Revision, describer: _Describer) -> tuple[list[str], set[str]]:
    """The sentences of a revision, from the keys whose text changed only, and those keys."""
    if before is None:
        return describer.describe(None, after.values({EDITOR_KEY, *describer.context(set())})), {EDITOR_KEY}
    if before.blocks is None or after.blocks is None:
        old, new = before.whole(), after.whole()
        keys = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    else:
        keys = {key for key in before.blocks.keys() | after.blocks.keys() if before.blocks.get(key) != after.blocks.get(key)}
    if not keys:
        return [], keys
    read = keys | describer.context(keys)
    return describer.describe(before.values(read), after.values(read)), keys


# --- the history ---


class _Lineage:
    """The successive revisions of one aid, across renames."""

    def __init__(self) -> None:
        self.changes: list[tuple[_FileChange, int, str, tuple[str, ...]]] = []
        self.revision: Revision | None = None


def revision(folder: Path) -> str:
    """The commit the history is read at ("" outside git or before the first commit)."""
    try:
        return _git(folder, "rev-parse", "HEAD").decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# `make serve` builds again after every save: the history is read again only after a commit, or when the
# names its sentences use change (``Names.key``).
_HISTORIES: dict[tuple[Path, str, str], History] = {}


def aides_history(folder: Path | None = None, names: Names = NO_NAMES) -> History:
    """The history of every aid of ``folder`` (default: the data directory's ``aides/``) and of every contact
    of its sibling ``contacts/``; ``names`` says partners, contacts, publics and criteria in French."""
    folder = folder or data_dir() / "aides"
    if not folder.is_dir():
        return History(OUTSIDE_GIT)
    key = (folder.resolve(), revision(folder), names.key)
    if key not in _HISTORIES:
        _HISTORIES[key] = _read_history(folder.parent, names)
    return _HISTORIES[key]


def _read_history(folder: Path, names: Names) -> History:
    status = _repository_status(folder)
    if status:
        return History(status)
    describers = {
        AID: _Describer(
            lambda before, after: describe_aid(before, after, names),
            lambda changed: set(RULE_KEYS) if changed & set(RULE_KEYS) else set(),  # criteria need both
        ),
        CONTACT: _Describer(describe_contact, lambda changed: {"nom", "article"}),  # sentences name the contact
    }
    changes = _log(folder)
    ranks = {commit: rank for rank, commit in enumerate(dict.fromkeys(change.commit for change in changes))}
    revisions = Revisions(_contents(folder, changes))
    alive: dict[str, _Lineage] = {}
    ended: list[tuple[str, _Lineage]] = []
    for change in changes:
        describer = describers[_kind(change.path) or AID]
        _apply(change, revisions, ranks[change.commit], alive, ended, describer)
    entries = _entries([*ended, *alive.items()])
    return History(None, entries.get(AID, {}), entries.get(CONTACT, {}))


def _apply(
    change: _FileChange,
    revisions: Revisions,
    rank: int,
    alive: dict[str, _Lineage],
    ended: list[tuple[str, _Lineage]],
    describer: _Describer,
) -> None:
    """One commit's change of one file, compared with the file in the commit's parent (work merged from a
    parallel branch is compared with what it changed, not with the other branch), or, when that revision
    cannot be read, with the last readable one."""
    lineage = alive.pop(change.old_path, None) if change.status == "R" and change.old_path else alive.get(change.path)
    lineage = lineage or _Lineage()
    before = revisions.get(change.old_blob) or lineage.revision if change.status != "A" else None
    if change.status == "D":
        alive.pop(change.path, None)
        gone = [editor_sentence(text) for text in change.wording] or _gone(change.path, before)
        lineage.changes.append((change, rank, _title(before), tuple(gone)))
        ended.append((change.path, lineage))
        return
    alive[change.path] = lineage
    after = revisions.get(change.blob)
    said, keys = _compared(before, lineage.revision, after, describer) if after else (None, set())
    if after is None or said is None:
        return  # unreadable at this revision: the next change is compared with the last readable one
    if change.wording and keys and not _worded_in_record(said, after):
        said = [editor_sentence(text) for text in change.wording]  # the commit's wording, for a change of values
    if said:
        lineage.changes.append((change, rank, _title(after), tuple(said)))
    lineage.revision = after


def _compared(
    before: Revision | None, readable: Revision | None, after: Revision, describer: _Describer
) -> tuple[list[str] | None, set[str]]:
    for revision in dict.fromkeys([before, readable]):  # the parent's revision, else the last readable one
        try:
            return _compare(revision, after, describer)
        except yaml.YAMLError:
            continue
    return None, set()


def _worded_in_record(said: list[str], after: Revision) -> bool:
    """The record words this revision itself (its ``changement_public`` is what was said): it wins over the commit."""
    wording = after.values({EDITOR_KEY}).get(EDITOR_KEY)
    return isinstance(wording, str) and said == [editor_sentence(wording)]


def _gone(path: str, last: Revision | None) -> list[str]:
    if _kind(path) == CONTACT:
        return [sentence(f"Contact retiré : {_title(last) or _stem(path)}.")]
    return [sentence("Aide retirée du site.")]


def _entries(lineages: list[tuple[str, _Lineage]]) -> dict[str, dict[str, list[Change]]]:
    """Kind → record id → its changes, newest first."""
    entries: dict[str, dict[str, list[Change]]] = {}
    for path, lineage in lineages:
        record, kind = _stem(path), _kind(path) or AID
        for change, rank, titre, said in lineage.changes:
            entries.setdefault(kind, {}).setdefault(record, []).append(
                Change(record, change.commit, change.date, rank, titre, said, kind)
            )
    for group in entries.values():
        for changes in group.values():
            changes.sort(key=lambda change: -change.rank)
    return {kind: dict(sorted(group.items())) for kind, group in entries.items()}


def _stem(path: str) -> str:
    return PurePosixPath(path).stem


def _title(revision: Revision | None) -> str:
    try:
        return revision.title() if revision else ""
    except yaml.YAMLError:
        return ""
