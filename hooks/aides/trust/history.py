"""The public history of the aids, read from git: when each aid changed, and what changed (said in French
by ``changes``).

Built for 10,000 aids: one ``git log`` for the whole folder (names and statuses of changed files, renames
followed), then one ``git cat-file --batch`` for every revision of every changed file; each revision is
compared with the previous revision of the same aid, parsed once. Nothing depends on the current time.

A shallow clone (CI checkouts often are) or a folder outside git still builds: the history is then empty
and ``History.status`` says why, in French, for the page to show.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from aides.data.loading import data_dir
from aides.trust.changes import describe, phrase

SHALLOW = "historique indisponible (copie partielle du dépôt)"
OUTSIDE_GIT = "hors dépôt git"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    """One commit that changed one aid, as the public reads it."""

    aide: str  # the aid's id today (its file name; an aid renamed since keeps its whole history)
    commit: str
    date: str  # committer date, ISO 8601 with offset, as git gives it
    rank: int  # order of the commit in the history: 0 is the oldest
    titre: str  # the aid's title at that revision
    changes: tuple[str, ...]  # French phrases: « aide créée », « montant modifié : 8 000 € → 10 000 € »


@dataclass(frozen=True)
class History:
    status: str | None = None  # None when the history is complete; else why it is missing, in French
    entries: dict[str, list[Change]] = field(default_factory=dict)  # aid id → its changes, newest first

    def of(self, aid_id: str) -> list[Change]:
        return self.entries.get(aid_id, [])

    def latest(self, limit: int = 50) -> list[Change]:
        """The newest changes of all aids together, newest first."""
        every = [change for changes in self.entries.values() for change in changes]
        return sorted(every, key=lambda change: (-change.rank, change.aide))[:limit]


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
    path: str  # relative to the aids folder
    blob: str  # the file's object id after the change
    old_path: str | None = None


def _log(folder: Path) -> list[_FileChange]:
    """Every change of a ``*.yml`` file of the folder, oldest first, with its blob id, from one ``git log``."""
    command = ["log", "--reverse", "-M", "--relative", "--raw", "--no-abbrev", f"--format={_RECORD}%H{_FIELD}%cI", "--", "."]
    try:
        output = _git(folder, *command)
    except subprocess.CalledProcessError:
        return []  # a repository without any commit yet
    changes = []
    for record in output.decode("utf-8").split(_RECORD)[1:]:
        header, *lines = record.split("\n")
        commit, date = header.split(_FIELD)
        for line in filter(None, lines):
            change = _raw_line(commit, date, line)
            if _is_aid(change.path):
                changes.append(change)
    return changes


def _raw_line(commit: str, date: str, line: str) -> _FileChange:
    """``:100644 100644 <old blob> <new blob> R095<TAB>old.yml<TAB>new.yml`` → one change."""
    fields, *paths = line.split("\t")
    blob, status = fields.split()[3:5]
    return _FileChange(commit, date, status[0], paths[-1], blob, paths[0] if len(paths) > 1 else None)


def _is_aid(path: str) -> bool:
    return "/" not in path and path.endswith(".yml")


def _contents(folder: Path, changes: list[_FileChange]) -> dict[str, bytes | None]:
    """Blob id → content of every file revision, from one ``git cat-file --batch`` (ids, not paths: no tree walk)."""
    blobs = sorted({change.blob for change in changes if change.status != "D"})
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


class _Revision:
    """One revision of an aid file, parsed lazily: top-level keys are cut as text, and only the keys whose
    text changed are parsed (at 10,000 aids, parsing every revision whole costs more than everything else)."""

    def __init__(self, text: str) -> None:
        self.blocks = _blocks(text)
        self.text = text
        self._values: dict[str, Any] = {}
        self._whole: dict[str, Any] | None = None

    def whole(self) -> dict[str, Any]:
        if self._whole is None:
            data = yaml.load(self.text, Loader=_Loader)  # may raise yaml.YAMLError
            self._whole = data if isinstance(data, dict) else {}
        return self._whole

    def values(self, keys: set[str]) -> dict[str, Any]:
        """The parsed values of those of ``keys`` that this revision has."""
        if self.blocks is None:
            return {key: value for key, value in self.whole().items() if key in keys}
        for key in keys - self._values.keys():
            if key in self.blocks:
                try:
                    self._values.update(yaml.load(self.blocks[key], Loader=_Loader) or {key: None})
                except yaml.YAMLError:  # an alias to another key's anchor, say: parse the whole file
                    self._values.update(self.whole())
        return {key: self._values[key] for key in keys if key in self._values}

    def title(self) -> str:
        titre = self.values({"titre"}).get("titre")
        return titre if isinstance(titre, str) else ""


_TOP_KEY = re.compile(r"([a-z_][a-z0-9_]*)[ \t]*:(?:[ \t\n]|$)")
_COMMENT_LINE = re.compile(r"^#.*$", re.M)  # a comment at column 0 is never part of a value
_BLOCK_START = re.compile(r"^(?=[^ \t\n])", re.M)


def _blocks(text: str) -> dict[str, str] | None:
    """Top-level ``key: ...`` blocks of a plain YAML mapping, as text; None for any other shape."""
    text = _COMMENT_LINE.sub("", text).lstrip().removeprefix("---\n")
    blocks: dict[str, str] = {}
    for piece in _BLOCK_START.split(text):
        if not piece.strip():
            continue
        if piece.startswith(("- ", "-\n")) and blocks:  # a list written at column 0, under the key before
            last = next(reversed(blocks))
            blocks[last] += piece.rstrip() + "\n"
            continue
        match = _TOP_KEY.match(piece)
        if not match or match.group(1) in blocks:
            return None  # flow mapping, quoted key, duplicate key, several documents...: parsed whole
        blocks[match.group(1)] = piece.rstrip() + "\n"
    return blocks


def _revision(content: bytes | None) -> _Revision | None:
    if content is None:
        return None
    try:
        return _Revision(content.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _compare(before: _Revision | None, after: _Revision) -> list[str]:
    """``describe`` on only the keys whose text changed."""
    if before is None:
        return describe(None, {})
    if before.blocks is None or after.blocks is None:
        return describe(before.whole(), after.whole())
    keys = {key for key in before.blocks.keys() | after.blocks.keys() if before.blocks.get(key) != after.blocks.get(key)}
    return describe(before.values(keys), after.values(keys)) if keys else []


# --- the history ---


class _Lineage:
    """The successive revisions of one aid, across renames."""

    def __init__(self) -> None:
        self.changes: list[tuple[_FileChange, int, str, tuple[str, ...]]] = []
        self.revision: _Revision | None = None


def revision(folder: Path) -> str:
    """The commit the history is read at ("" outside git or before the first commit)."""
    try:
        return _git(folder, "rev-parse", "HEAD").decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# `make serve` builds again after every save: the history is read again only after a commit.
_HISTORIES: dict[tuple[Path, str], History] = {}


def aides_history(folder: Path | None = None) -> History:
    """The history of every aid of ``folder`` (default: the data directory's ``aides/``)."""
    folder = folder or data_dir() / "aides"
    if not folder.is_dir():
        return History(OUTSIDE_GIT)
    key = (folder.resolve(), revision(folder))
    if key not in _HISTORIES:
        _HISTORIES[key] = _read_history(folder)
    return _HISTORIES[key]


def _read_history(folder: Path) -> History:
    status = _repository_status(folder)
    if status:
        return History(status)
    changes = _log(folder)
    ranks = {commit: rank for rank, commit in enumerate(dict.fromkeys(change.commit for change in changes))}
    contents = _contents(folder, changes)
    alive: dict[str, _Lineage] = {}
    ended: list[tuple[str, _Lineage]] = []
    for change in changes:
        _apply(change, contents.get(change.blob), ranks[change.commit], alive, ended)
    return History(None, _entries([*ended, *alive.items()]))


def _apply(
    change: _FileChange, content: bytes | None, rank: int, alive: dict[str, _Lineage], ended: list[tuple[str, _Lineage]]
) -> None:
    lineage = alive.pop(change.old_path, None) if change.status == "R" and change.old_path else alive.get(change.path)
    lineage = lineage or _Lineage()
    if change.status == "D":
        alive.pop(change.path, None)
        lineage.changes.append((change, rank, _title(lineage.revision), ("aide supprimée",)))
        ended.append((change.path, lineage))
        return
    alive[change.path] = lineage
    after = _revision(content)
    try:
        phrases = _compare(lineage.revision, after) if after else None
    except yaml.YAMLError:
        phrases = None
    if after is None or phrases is None:
        return  # unreadable at this revision: compared with the next readable one
    if change.status == "R" and change.old_path:
        phrases = [phrase(f"identifiant modifié : {_stem(change.old_path)} → {_stem(change.path)}"), *phrases]
    if phrases:
        lineage.changes.append((change, rank, _title(after), tuple(phrases)))
    lineage.revision = after


def _entries(lineages: list[tuple[str, _Lineage]]) -> dict[str, list[Change]]:
    entries: dict[str, list[Change]] = {}
    for path, lineage in lineages:
        aide = _stem(path)
        for change, rank, titre, phrases in lineage.changes:
            entries.setdefault(aide, []).append(Change(aide, change.commit, change.date, rank, titre, phrases))
    for changes in entries.values():
        changes.sort(key=lambda change: -change.rank)
    return dict(sorted(entries.items()))


def _stem(path: str) -> str:
    return PurePosixPath(path).stem


def _title(revision: _Revision | None) -> str:
    try:
        return revision.title() if revision else ""
    except yaml.YAMLError:
        return ""
