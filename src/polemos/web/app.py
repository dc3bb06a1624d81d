"""The web workspace application: ``create_app`` builds it over one store, ``serve`` runs it.

Everything the pages load comes from this server (``/static``, including the map's country
borders), so the workspace works without a network and tells no third party what its user
is looking at.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import secrets
import sys
from contextlib import asynccontextmanager
from importlib import resources
from typing import Optional

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from polemos.numbers import format_figure
from starlette.exceptions import HTTPException as StarletteHTTPException

from polemos import __version__
from polemos.geo.admin1_areas import Admin1Areas
from polemos.store import open_store
from polemos.web import api, api_views, pages, places, reviewing, type_colours, watching
from polemos.web.places import PlaceSuggester
from polemos.web.security import AccessPolicy, GuardMiddleware, LoginThrottle
from polemos.web.stores import StorePool

log = logging.getLogger("polemos.web")


def create_app(
    store_location: str,
    token: Optional[str] = None,
    private: bool = False,
    host: str = "127.0.0.1",
    allow_private_fetch: bool = False,
) -> FastAPI:
    """The workspace over the store at ``store_location``, listening on ``host``.

    It answers to loopback names and to the address it listens on (see ``AccessPolicy``).
    With ``token``, writes need ``Authorization: Bearer TOKEN``, and with ``private`` reads
    need it too. ``allow_private_fetch`` lets "ingest this URL" fetch private, loopback and
    link-local addresses (refused by default).
    """
    if private and not token:
        raise ValueError("a private workspace needs a token")
    open_store(store_location).close()  # fail now, with the store's own message, not on the first request
    pool = StorePool(store_location)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()
        app.state.place_suggester.close()

    app = FastAPI(
        title="polemos",
        version=__version__,
        lifespan=lifespan,
        description="Sourced, checkable event data from conflict reporting: documents, events, actors, reviews.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,  # the stock docs pages load from a CDN
    )
    app.state.stores = pool
    app.state.admin1_areas = Admin1Areas()  # read per country on first use, shared by every request
    app.state.place_suggester = PlaceSuggester()  # opens the gazetteer at the first suggestion asked for
    app.state.policy = AccessPolicy.for_host(host, token=token, private=private)
    app.state.login_throttle = LoginThrottle()
    app.state.templates = _templates()
    app.include_router(type_colours.router)  # a stylesheet under /static/ made from data: before the files
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    app.include_router(reviewing.router)  # before api and pages: their /…/{id:path} routes would take its paths
    app.include_router(places.router)
    app.include_router(api.router)
    app.include_router(api_views.router)
    app.include_router(pages.router)
    watching.install(app, allow_private_fetch)
    _add_error_handlers(app)
    app.add_middleware(GuardMiddleware, policy=app.state.policy)
    return app


def _package_dir(name: str):
    return resources.files("polemos.web") / name


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(_package_dir("templates")))
    templates.env.autoescape = True  # also for templates whose name does not end in .html
    templates.env.filters["figure"] = figure_text
    return templates


def figure_text(figure) -> str:
    """A size figure ``{min, max, text}`` as shown: "12", "243–271", "> 100,000"."""
    if not isinstance(figure, dict):
        return ""
    return format_figure(figure.get("min"), figure.get("max"), figure.get("text"))


def _add_error_handlers(app: FastAPI) -> None:
    """Errors answer JSON under /api/ and a plain page elsewhere; never a traceback."""

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")

    def respond(request: Request, status: int, message: str, detail=None):
        if wants_html(request) and status == 422 and request.url.path in pages.FILTERED_PAGES:
            return pages.filter_error(request, message)  # the form again, as the user filled it in
        if wants_html(request):
            return pages.render(request, "error.html", status_code=status, status=status, message=message)
        body = {"error": message, "status": status}
        if detail:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        message = error.detail if isinstance(error.detail, str) else "request refused"
        response = respond(request, error.status_code, message)
        response.headers.update(error.headers or {})  # e.g. Retry-After of a throttled sign-in
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError):
        detail = [
            {"where": ".".join(str(part) for part in item.get("loc", ())), "problem": item.get("msg", "")}
            for item in error.errors()
        ]
        first = detail[0] if detail else {"where": "request", "problem": "invalid"}
        return respond(request, 422, f"{first['where']}: {first['problem']}", detail)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception):
        log.exception("error answering %s %s", request.method, request.url.path)
        return respond(request, 500, "internal error (see the server log)")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    store_location: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: Optional[str] = None,
    private: bool = False,
    allow_private_fetch: bool = False,
) -> None:
    """Run the workspace until interrupted. Bound beyond loopback, it always has a token:
    the one given, ``POLEMOS_TOKEN``, or a fresh random one printed once on standard error."""
    import uvicorn

    token = token or os.environ.get("POLEMOS_TOKEN") or None
    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(24)
        print(f"polemos: serving beyond this machine; changes need the token {token}", file=sys.stderr)
    if private and not token:
        token = secrets.token_urlsafe(24)
        print(f"polemos: private workspace; sign in at /login with the token {token}", file=sys.stderr)
    app = create_app(store_location, token=token, private=private, host=host, allow_private_fetch=allow_private_fetch)
    shown = f"[{host}]" if ":" in host else host
    print(f"polemos: workspace on {store_location} at http://{shown}:{port}/ (Ctrl+C to stop)", file=sys.stderr)
    from polemos.web.protocol import JsonErrorH11Protocol

    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, http=JsonErrorH11Protocol)
