"""The event types' colours as a stylesheet, made from the event-type registry.

Each PLOVER type's chip (``chip t-ASSAULT``) takes its colour from the ``colour`` column of
``data/events/types.csv`` (``codes.event_types()``): a new type needs its row there, no CSS
edit. The page scripts read the colours back from the same classes (``polemos.typeColor``).
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter
from fastapi.responses import Response

from polemos.codes import event_types

# Served beside app.css, under /static/ so that the login page has it too; the application
# routes it before the static files are mounted.
TYPE_STYLESHEET_PATH = "/static/css/types.css"

router = APIRouter()


@lru_cache(maxsize=1)
def type_stylesheet() -> str:
    """One rule per registered type, in PLOVER order."""
    rules = (f".t-{kind.name} {{ background: {kind.colour}; }}" for kind in event_types().values())
    return "/* made from data/events/types.csv (polemos.web.type_colours) */\n" + "\n".join(rules) + "\n"


@router.get(TYPE_STYLESHEET_PATH, include_in_schema=False)
def type_colours() -> Response:
    return Response(type_stylesheet(), media_type="text/css")
