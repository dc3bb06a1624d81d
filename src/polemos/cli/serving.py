"""``polemos serve``: the web workspace over a store (added to the CLI by ``register``)."""

from __future__ import annotations

from typing import Optional

import typer

from polemos.store import default_location


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: Optional[str] = typer.Option(
        None, "--db", envvar="POLEMOS_DB", help="Store location (SQLite file). Default: polemos.db"
    ),
    host: str = typer.Option(
        "127.0.0.1", help="Address to listen on. Anything but loopback requires a token for changes."
    ),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    token: Optional[str] = typer.Option(
        None, envvar="POLEMOS_TOKEN", help="Bearer token for changes (and reads with --private)."
    ),
    private: bool = typer.Option(False, "--private", help="Require the token for reading too."),
    allow_private_fetch: bool = typer.Option(
        False, "--allow-private-fetch", help="Let 'ingest this URL' fetch private, loopback and link-local addresses."
    ),
):
    """Open the web workspace (documents, events, map, timeline, actors, review) at http://HOST:PORT/."""
    from polemos.store import StoreError
    from polemos.web import serve as run

    try:
        run(
            db or default_location(),
            host=host,
            port=port,
            token=token,
            private=private,
            allow_private_fetch=allow_private_fetch,
        )
    except StoreError as error:
        typer.echo(f"polemos: error: {error}", err=True)
        raise typer.Exit(2)
    except OSError as error:  # address in use, permission denied
        typer.echo(f"polemos: error: cannot listen on {host}:{port} ({error.strerror or error})", err=True)
        raise typer.Exit(2)
