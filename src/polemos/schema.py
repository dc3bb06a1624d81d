"""JSON Schema of the extraction record, derived from the dataclasses in ``polemos.record``.

Deriving it keeps the published schema and the code from drifting apart; the packaged
``schema/extraction-record.json`` is this function's output (a test checks they agree).
"""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

from polemos import record
from polemos.codes import EVENT_TYPES, EXTENSION_TYPES, PLOVER_TYPES

SCHEMA_ID = "https://polemos.invalid/schema/extraction-record.json"

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def record_schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    root = _object_schema(record.ExtractionRecord, definitions)
    definitions["Event"]["properties"]["type"] = {
        "type": "string",
        "enum": list(EVENT_TYPES),
        "description": (
            f"PLOVER's event types ({', '.join(PLOVER_TYPES)}) and polemos's extensions"
            f" ({', '.join(EXTENSION_TYPES)}: unintended harm to people, which PLOVER's ASSAULT does not"
            " cover and ACLED does not code); data/events/types.csv"
        ),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "polemos extraction record",
        "description": (record.__doc__ or "").strip(),
        **root,
        "$defs": definitions,
    }


def _object_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties, required = {}, []
    for field in dataclasses.fields(cls):
        # A field kept in its JSON form names the dataclass that form has (``Event.date``).
        hint = field.metadata.get("json_form", hints[field.name])
        properties[field.name] = _type_schema(hint, definitions)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            required.append(field.name)
    return {"type": "object", "properties": properties, "required": required}


def _type_schema(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union:
        options = [_type_schema(arg, definitions) for arg in args if arg is not type(None)]
        nullable = type(None) in args
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        return {"anyOf": [schema, {"type": "null"}]} if nullable else schema
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], definitions) if args else {}}
    if origin is dict and len(args) == 2 and args[1] is not Any:
        return {"type": "object", "additionalProperties": _type_schema(args[1], definitions)}
    if origin is dict or hint is dict:
        return {"type": "object"}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _object_schema(hint, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]} if hint is not float else {"type": "number"}
    return {}


def main() -> None:
    print(json.dumps(record_schema(), indent=2))


if __name__ == "__main__":
    main()
