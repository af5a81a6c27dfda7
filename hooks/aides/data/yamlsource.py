"""Read YAML files while remembering where every value stands.

Errors must name file, line and column, so we compose the node tree (with the
fast C parser) and build plain Python values ourselves, keeping a map from each
value's path (``("publics", 1)``) to its position. Duplicate keys, which PyYAML
would silently merge, are reported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

Loc = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"


class Position(NamedTuple):
    """Where a value stands (1-based). A tuple: a file of 100 values makes 100 of them, 10,000 files a million."""

    line: int
    column: int


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written, to explain a surprising reading (« 010 » read as 8)."""

    text: str
    quoted: bool


@dataclass
class YamlDocument:
    path: Path
    data: Any
    positions: dict[Loc, Position] = field(default_factory=dict)
    key_positions: dict[Loc, Position] = field(default_factory=dict)
    scalars: dict[Loc, Scalar] = field(default_factory=dict)
    problems: list[tuple[Loc, Position, str]] = field(default_factory=list)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Position of the value at ``loc`` (or of its key), else of the nearest parent."""
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), Position(1, 1))


class YamlSyntaxError(Exception):
    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


def _mark(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, loc: Loc, doc: YamlDocument) -> Any:
    doc.positions[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            # Keys are almost always plain text: the constructor's bookkeeping only for the others.
            key = key_node.value if key_node.tag == _STR else str(_constructor.construct_object(key_node))
            if key in result:
                doc.problems.append(((*loc, key), _mark(key_node), f"la clé « {key} » apparaît deux fois"))
                continue
            doc.key_positions[(*loc, key)] = _mark(key_node)
            result[key] = _build(value_node, (*loc, key), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*loc, index), doc) for index, item in enumerate(node.value)]
    doc.scalars[loc] = Scalar(node.value, node.style in ("'", '"'))
    if node.tag == _STR:
        return node.value  # most scalars: skip the constructor's bookkeeping
    try:
        return _constructor.construct_object(node)
    except ValueError:  # 2026-02-30 looks like a date but is none
        doc.problems.append((loc, _mark(node), f"« {node.value} » n'est pas une date qui existe"))
        return node.value


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse one YAML document; raise YamlSyntaxError with a French message on bad syntax."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        raise YamlSyntaxError(position, _french(error)) from None
    except yaml.YAMLError:
        raise YamlSyntaxError(Position(1, 1), "syntaxe YAML invalide") from None
    doc = YamlDocument(path=path, data=None)
    if root is not None:
        try:
            doc.data = _build(root, (), doc)
        except yaml.constructor.ConstructorError as error:
            mark = error.problem_mark
            raise YamlSyntaxError(
                Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1),
                _french(error),
            ) from None
        finally:
            # The shared constructor remembers every node it built (for aliases within a document): forget
            # them, or 10,000 files would keep their whole node trees alive.
            _constructor.constructed_objects.clear()
    return doc


# PyYAML speaks English: the usual mistakes, explained in French.
_PROBLEMS = [
    (
        "mapping values are not allowed",
        "« : » inattendu : mettez entre guillemets un texte qui contient « : », ou vérifiez l'indentation",
    ),
    ("did not find expected ',' or ']'", "liste entre crochets non fermée : il manque « , » ou « ] »"),
    ("did not find expected ',' or '}'", "bloc entre accolades non fermé : il manque « , » ou « } »"),
    ("could not find expected ':'", "il manque « : » après une clé"),
    ("cannot start any token", "caractère interdit à cet endroit (une tabulation ? indentez avec des espaces)"),
    ("did not find expected key", "indentation incorrecte : une clé était attendue"),
    ("did not find expected '-' indicator", "indentation incorrecte dans une liste (« - » attendu)"),
    ("expected <block end>", "indentation incorrecte"),
    ("found undefined alias", "alias (*nom) inconnu"),
    ("found unexpected end of stream", "fin de fichier inattendue : un guillemet n'est pas fermé"),
    ("could not determine a constructor", "étiquette YAML (« ! ») non permise dans les données"),
    ("found duplicate anchor", "ancre (&nom) définie deux fois"),
]


def _french(error: yaml.MarkedYAMLError) -> str:
    text = f"{error.context or ''} {error.problem or ''}"
    for english, french in _PROBLEMS:
        if english in text:
            message = f"syntaxe YAML invalide : {french}"
            break
    else:
        message = "syntaxe YAML invalide"
    opened = error.context_mark
    if opened and error.problem_mark and opened.line != error.problem_mark.line:
        message += f" (ouvert ligne {opened.line + 1})"
    return message
