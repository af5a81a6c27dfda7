"""Turn pydantic's English validation errors into French messages at the right place."""

from __future__ import annotations

import re
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from aides.data.errors import DataError, describe_value, error_at, suggestion
from aides.data.yamlsource import Loc, YamlDocument

_TYPE_NAMES = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "float_type": "un nombre",
    "bool_type": "oui ou non (true / false)",
    "list_type": "une liste",
    "dict_type": "un ensemble de clés",
    "model_type": "un ensemble de clés",
    "model_attributes_type": "un ensemble de clés",
    "date_type": "une date (AAAA-MM-JJ)",
    "date_parsing": "une date (AAAA-MM-JJ)",
    "date_from_datetime_parsing": "une date (AAAA-MM-JJ)",
    "date_from_datetime_inexact": "une date sans heure (AAAA-MM-JJ)",
}

# pydantic's bounds (ge, gt, le, lt), in words; a float bound that is whole is said without « .0 ».
_BOUNDS = {
    "greater_than_equal": ("supérieur ou égal à", "ge"),
    "greater_than": ("supérieur à", "gt"),
    "less_than_equal": ("inférieur ou égal à", "le"),
    "less_than": ("inférieur à", "lt"),
}


def _real_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Drop the parts of a pydantic loc that name union members or validators, not keys."""
    real: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and real[-1:] != [part]:
            # a missing or unknown key: keep it, then stop walking
            real.append(part)
            node = None
            continue
        else:
            continue
        real.append(part)
    return tuple(real)


def _wrong_type(doc: YamlDocument, loc: Loc, expected: str, value: Any) -> str:
    message = f"doit être {expected}, pas {describe_value(value)}"
    scalar = doc.scalars.get(loc)
    if scalar and not scalar.quoted and expected == "un texte":
        message = (
            f"doit être un texte : YAML lit {scalar.text} comme {describe_value(value)} ;"
            f' mettez-le entre guillemets ("{scalar.text}")'
        )
    return message


def _message(doc: YamlDocument, loc: Loc, error: dict[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "champ obligatoire manquant"
    if kind == "extra_forbidden":
        fields = _allowed_fields(model, loc[:-1], doc.data)
        hint = suggestion(str(loc[-1]), fields) or (f" (clés permises : {', '.join(fields)})" if fields else "")
        return f"clé inconnue « {loc[-1]} »{hint}"
    if kind in _TYPE_NAMES:
        return _wrong_type(doc, loc, _TYPE_NAMES[kind], value)
    if kind in ("literal_error", "enum"):
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"{describe_value(value)} n'est pas une valeur permise (choix : {choices})"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "2A" in pattern:
            return f'{describe_value(value)} n\'est pas un code INSEE de région ou de département (ex. : "93", "2A")'
        if "_" in pattern:
            return (
                f"{describe_value(value)} n'est pas un identifiant valide (minuscules sans accent, chiffres et tirets bas « _ »)"
            )
        return f"{describe_value(value)} n'est pas un identifiant valide (minuscules sans accent, chiffres et tirets)"
    if kind == "string_too_short":
        return "ne doit pas être vide"
    if kind == "too_short":
        return f"doit contenir au moins {ctx.get('min_length', 1)} élément"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        bound = ctx.get(key)
        return f"doit être {words} {int(bound) if isinstance(bound, float) and bound.is_integer() else bound}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "union_tag_not_found":
        return "champ obligatoire manquant"
    if kind == "union_tag_invalid":
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected_tags", ""))))
        return f"« {ctx.get('tag')} » n'est pas une valeur permise (choix : {choices})"
    return f"valeur refusée ({error['msg']})"


def _allowed_fields(model: type[BaseModel], loc: Loc, data: Any) -> list[str]:
    """Field names of the (nested) model found at ``loc``, for typo suggestions."""
    current: Any = _tagged_member(model, data)
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _discriminator(model: type[BaseModel]) -> str | None:
    """The key that says which kind a file is, when it may be of several (a ``RootModel`` of a tagged union)."""
    root = model.model_fields.get("root")
    return root.discriminator if root and isinstance(root.discriminator, str) else None


def _tagged_member(model: type[BaseModel], data: Any) -> type[BaseModel]:
    """The kind a file names by its tag key (« nature: bareme »); ``model`` itself for other files."""
    key = _discriminator(model)
    if key is None or not isinstance(data, dict):
        return model
    for member in get_args(model.model_fields["root"].annotation):
        if data.get(key) in get_args(member.model_fields[key].annotation):
            return member
    return model


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_document(doc: YamlDocument, model: type[BaseModel], root: str = "") -> tuple[BaseModel | None, list[DataError]]:
    """Validate a whole document against ``model``; errors are French and located."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = []
        seen: set[Loc] = set()
        all_errors = exc.errors()
        number_locs = {_error_loc(doc, model, e) for e in all_errors if e["type"] == "float_type"}
        for error in all_errors:
            loc = _error_loc(doc, model, error)
            if loc in seen:
                continue  # a union reports once per member; one message is enough
            seen.add(loc)
            if error["type"] == "int_type" and loc in number_locs:
                error = {**error, "type": "float_type"}  # int | float: any number will do
            message = _message(doc, loc, error, model)
            errors.append(error_at(doc, loc, message, key=error["type"] == "extra_forbidden", root=root))
        return None, errors


def _error_loc(doc: YamlDocument, model: type[BaseModel], error: dict[str, Any]) -> Loc:
    """Where in the file a pydantic error is."""
    raw = tuple(error["loc"])
    key = _discriminator(model)
    if key is None:
        return _real_loc(doc.data, raw)
    if error["type"].startswith("union_tag_"):
        return (key,)  # the key that says which kind of file it is (« nature ») is missing or wrong
    # pydantic names the kind of file first (« serie »): not a key of the file
    return _real_loc(doc.data, raw[1:] if raw[:1] == (doc.data.get(key),) else raw)
