"""``polemos alerts``: watchlists (saved filters of ``polemos events``) and their alerts."""

from __future__ import annotations

import json
from typing import Optional

import typer

from polemos.cli.app import (
    AcledOption,
    ActorOption,
    CountryOption,
    DbOption,
    DivisionOption,
    ModalityOption,
    PlaceOption,
    NearOption,
    SearchOption,
    SinceOption,
    TypeOption,
    UntilOption,
    _event_filter,
)
from polemos.cli.terminal import printable
from polemos.cli.watching import _open, err, out

app: typer.Typer = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Watchlists: saved event filters that alert (Atom feed, webhook, e-mail) when new events match.",
)


@app.command("add")
def add(
    name: str = typer.Argument(..., help="Watchlist name: letters, digits, '.', '_' or '-'."),
    db: Optional[str] = DbOption,
    actor: Optional[str] = ActorOption,
    type: Optional[str] = TypeOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    near: Optional[str] = NearOption,
    q: Optional[str] = SearchOption,
    modality: Optional[str] = ModalityOption,
    acled: Optional[str] = AcledOption,
    country: Optional[str] = CountryOption,
    place: Optional[str] = PlaceOption,
    admin1: Optional[str] = DivisionOption,
    min_dead: Optional[float] = typer.Option(None, "--min-dead", help="Only events with at least this many dead."),
    trend: bool = typer.Option(
        False, "--trend", help="Also alert when this week's count rises far above the 8 weeks before."
    ),
    webhook: Optional[str] = typer.Option(None, "--webhook", help="POST each alert as signed JSON to this URL."),
    email: Optional[str] = typer.Option(
        None, "--email", help="Mail a digest of new alerts to this address (POLEMOS_SMTP_HOST…)."
    ),
    allow_private_webhook: bool = typer.Option(
        False, "--allow-private-webhook", help="Let the webhook be a private, loopback or link-local address."
    ),
):
    """Save a watchlist. Events already matching are its baseline: only new ones alert."""
    from polemos.alerts import Watchlist, Watchlists, record_alerts

    if webhook and not webhook.startswith(("http://", "https://")):
        raise typer.BadParameter("an http(s) URL", param_hint="--webhook")
    with _open(db) as store:
        chosen = _event_filter(
            store, actor, type, since, until, near, None, q, False, None, modality, acled, country, place, admin1
        )
        try:
            watchlist = Watchlists(store).add(
                Watchlist(name, chosen, min_dead, trend, webhook, None, email, webhook_private_ok=allow_private_webhook)
            )
        except ValueError as error:
            err.print(f"polemos: error: {printable(error)}")
            raise typer.Exit(1)
        baseline = len(record_alerts(store, watchlist, [], baseline=True)) + _baseline_count(store, name)
    out.print(f"watchlist {name}: {printable(watchlist.describe())}; {baseline} events match already (not alerted)")
    if watchlist.webhook_url:
        out.print(f"webhook secret (HMAC-SHA256 of the body, header X-Polemos-Signature): {watchlist.webhook_secret}")


def _baseline_count(store, name: str) -> int:
    from polemos.store.alerts import alert_count

    return alert_count(store, name, baseline=True)


@app.command("list")
def list_watchlists(db: Optional[str] = DbOption, as_json: bool = typer.Option(False, "--json")):
    """Watchlists with their filters, channels and alert counts."""
    from polemos.alerts import Watchlists
    from polemos.store.alerts import alert_count

    with _open(db) as store:
        rows = []
        for watchlist in Watchlists(store).all():
            shown = watchlist.public()
            shown["alerts"] = alert_count(store, watchlist.name, baseline=False)
            rows.append(shown)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        out.print("no watchlists; add one with: polemos alerts add NAME --type ASSAULT …")
    for row in rows:
        channels = ", ".join(
            filter(
                None,
                (
                    "Atom feed",
                    row["webhook_url"] and f"webhook {row['webhook_url']}",
                    row["email_to"] and f"e-mail {row['email_to']}",
                    row["trend"] and "trend alerts",
                ),
            )
        )
        out.print(f"{row['name']}: {printable(row['description'])}; {row['alerts']} alerts; {printable(channels)}")


@app.command("show")
def show(name: str = typer.Argument(...), db: Optional[str] = DbOption, limit: int = typer.Option(20)):
    """A watchlist's latest alerts and how their deliveries went."""
    from polemos.alerts import Watchlists, alerts_of

    with _open(db) as store:
        if Watchlists(store).get(name) is None:
            err.print(f"polemos: error: {printable(name)}: no such watchlist")
            raise typer.Exit(1)
        alerts = alerts_of(store, name, limit)
    for alert in alerts:
        deliveries = "; ".join(
            f"{d['channel']} {d['status']}" + (f" ({d['last_error']})" if d["last_error"] else "")
            for d in alert["deliveries"]
        )
        out.print(
            f"{alert['updated_at']}  {printable(alert['title'])}"
            + (f"  [{printable(deliveries)}]" if deliveries else "")
        )
    if not alerts:
        out.print("no alerts yet")


@app.command("remove")
def remove(name: str = typer.Argument(...), db: Optional[str] = DbOption):
    """Delete a watchlist and its alerts."""
    from polemos.alerts import Watchlists

    with _open(db) as store:
        if not Watchlists(store).remove(name):
            err.print(f"polemos: error: {printable(name)}: no such watchlist")
            raise typer.Exit(1)
    out.print(f"removed watchlist {name}")


@app.command("deliver")
def deliver(db: Optional[str] = DbOption):
    """Send the alerts whose delivery is due (failed ones are retried with backoff)."""
    from polemos.alerts import deliver_pending

    with _open(db) as store:
        lines = deliver_pending(store)
    for line in lines or ["alerts: nothing due"]:
        err.print(printable(line))
