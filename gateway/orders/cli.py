"""`gateway order ...` and `gateway outbox run`."""

import datetime
import json
import os
import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import false
from sqlalchemy import select

from gateway.app import database_of
from gateway.app import ids_of
from gateway.app import settings_of
from gateway.models import OutboxItem
from gateway.models.base import could_be_id
from gateway.orders.backoffice import iso_time
from gateway.orders.lifecycle import Sending
from gateway.orders.lifecycle import confirm_order
from gateway.orders.lifecycle import invoice_order
from gateway.orders.lifecycle import ship_order
from gateway.orders.outbox import OUTBOX_STATES
from gateway.orders.outbox import discard
from gateway.orders.outbox import read_outbox_config
from gateway.orders.outbox import retry
from gateway.orders.outbox import waiting_behind
from gateway.orders.reports import CONFIRMATION_KINDS
from gateway.orders.reports import read_confirmation
from gateway.orders.reports import read_invoice
from gateway.orders.reports import read_shipment
from gateway.orders.views import ORDER_STATES
from gateway.orders.views import list_orders
from gateway.orders.views import order_view
from gateway.orders.worker import run_outbox

__all__ = ["order_group", "outbox_group"]

order_group = AppGroup("order", help="Orders received from buyers, and their life cycle.")
outbox_group = AppGroup("outbox", help="Deliveries to the back office and to buyers.")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# how many rows a list shows, as the orders API's `limit`: a negative LIMIT was PostgreSQL's
# error blamed on the database and every row on SQLite
LIST_LIMIT = click.IntRange(1, 1000)


@order_group.command("list")
@click.option("--partner", help="Only this trading partner's orders (by name).")
@click.option("--state", type=click.Choice(ORDER_STATES))
@click.option("--limit", type=LIST_LIMIT, default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON array instead of a table.")
def order_list(partner, state, limit, as_json) -> None:
    """List orders, newest first."""
    with database_of(current_app).transaction() as session:
        rows = list_orders(session, partner=partner, state=state, limit=limit)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        test = " (test)" if row["deployment_mode"] == "test" else ""  # the buyer's test traffic
        click.echo(
            f"{row['id']}\t{row['partner']}\t{row['order_id']}\tv{row['version']}\t"
            f"{row['state']}{test}\t{row['total']} {row['currency']}\t{row['order_date'][:10]}"
        )
    click.echo(f"{len(rows)} order(s)")


@order_group.command("show")
@click.argument("order_id", type=int)
def order_show(order_id) -> None:
    """Show one order whole, as JSON."""
    with database_of(current_app).transaction() as session:
        click.echo(json.dumps(order_view(session, order_id), ensure_ascii=False, indent=2))


def _sending() -> Sending:
    return Sending(settings=settings_of(current_app), ids=ids_of(current_app))


def _apply(step, order_id, value) -> None:
    with database_of(current_app).transaction() as session:
        order = step(session, _sending(), order_id, value)
        click.echo(f"order {order_id} ({order.order_id}): {order.state}; document queued")


def _split(text: str, least: int, most: int, name: str) -> list[str]:
    fields = text.split(":")
    if not least <= len(fields) <= most:
        raise click.BadParameter(f"{text!r} does not read as {name}")
    return fields


@order_group.command("confirm")
@click.argument("order_id", type=int)
@click.option(
    "--type", "kind", type=click.Choice(CONFIRMATION_KINDS), default="accept", show_default=True
)
@click.option(
    "--line",
    "lines",
    multiple=True,
    help="LINE:STATUS:QUANTITY[:DELIVERY-DATE], e.g. 2:backordered:3:2026-12-24",
)
@click.option("--comment", default="")
def order_confirm(order_id, kind, lines, comment) -> None:
    """Confirm or reject an order or some of its lines (ConfirmationRequest)."""
    rows = []
    for text in lines:
        fields = [*_split(text, 3, 4, "LINE:STATUS:QUANTITY[:DATE]"), ""]
        rows.append(
            {
                "line": fields[0],
                "status": fields[1],
                "quantity": fields[2],
                "delivery_date": fields[3],
            }
        )
    _apply(
        confirm_order,
        order_id,
        read_confirmation({"type": kind, "lines": rows, "comment": comment}),
    )


@order_group.command("ship")
@click.argument("order_id", type=int)
@click.option("--carrier", required=True)
@click.option("--tracking", "tracking_number", required=True)
@click.option("--tracking-url", default="")
@click.option("--delivery-date", default="")
@click.option(
    "--line", "lines", multiple=True, help="LINE:QUANTITY; default what is left of every line."
)
def order_ship(order_id, carrier, tracking_number, tracking_url, delivery_date, lines) -> None:
    """Report a shipment with its carrier and tracking number (ShipNoticeRequest)."""
    rows = []
    for text in lines:
        number, quantity = _split(text, 2, 2, "LINE:QUANTITY")
        rows.append({"line": number, "quantity": quantity})
    data = {
        "carrier": carrier,
        "tracking_number": tracking_number,
        "tracking_url": tracking_url,
        "delivery_date": delivery_date,
        "lines": rows,
    }
    _apply(ship_order, order_id, read_shipment(data))


@order_group.command("invoice")
@click.argument("order_id", type=int)
@click.option("--invoice-id", required=True)
@click.option("--tax-percent", required=True)
@click.option("--tax-description", default="VAT", show_default=True)
def order_invoice(order_id, invoice_id, tax_percent, tax_description) -> None:
    """Invoice the order's lines (InvoiceDetailRequest)."""
    data = {
        "invoice_id": invoice_id,
        "tax_percent": tax_percent,
        "tax_description": tax_description,
    }
    _apply(invoice_order, order_id, read_invoice(data))


@outbox_group.command("run")
@click.option("--workers", default=1, show_default=True, help="Threads (PostgreSQL only).")
@click.option("--until-empty", is_flag=True, help="Stop when nothing is due.")
@click.option("--poll", default=1.0, show_default=True, help="Seconds between idle polls.")
@click.option("--parent-pid", type=int, hidden=True, help="Stop when this process is gone.")
def outbox_run(workers, until_empty, poll, parent_pid) -> None:
    """Deliver due outbox items: to the back office (signed JSON) and to buyers (cXML).
    SIGTERM or Ctrl-C stops it after the delivery in hand."""
    config = read_outbox_config(settings_of(current_app))
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in STOP_SIGNALS}
    if parent_pid:
        _stop_with_parent(parent_pid, stop)
    try:
        attempts = run_outbox(
            database_of(current_app),
            config,
            workers=workers,
            until_empty=until_empty,
            poll_seconds=poll,
            stop=stop,
        )
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo(f"outbox: {attempts} delivery attempt(s)")


@outbox_group.command("list")
@click.option("--state", type=click.Choice(OUTBOX_STATES), help="Only items in this state.")
@click.option("--order", "order_id", type=int, help="Only items of this order (its id).")
@click.option("--limit", type=LIST_LIMIT, default=100, show_default=True)
def outbox_list(state, order_id, limit) -> None:
    """List outbox items, newest first: what waits, what was delivered, what is dead and why."""
    with database_of(current_app).transaction() as session:
        statement = select(OutboxItem).order_by(OutboxItem.id.desc()).limit(limit)
        if state:
            statement = statement.where(OutboxItem.state == state)
        if order_id is not None:  # an id past the database's integers names no order
            known = could_be_id(order_id)
            statement = statement.where(OutboxItem.order_id == order_id if known else false())
        items = session.scalars(statement).all()
        for item in items:
            click.echo(
                f"{item.id}\t{item.kind}\torder {item.order_id}\t{item.state}\t"
                f"{item.attempts} attempt(s)\t{_outbox_note(session, item)}"
            )
    click.echo(f"{len(items)} item(s)")


def _outbox_note(session, item) -> str:
    if item.state == "delivered":
        return f"delivered {iso_time(item.delivered_at)}"
    behind = waiting_behind(session, item) if item.state == "pending" else None
    if behind is not None:
        return f"waits for item {behind} (sent in order)"
    due = f"next attempt {iso_time(item.next_attempt_at)}" if item.state == "pending" else ""
    return "; ".join(part for part in (due, item.last_error) if part)


@outbox_group.command("retry")
@click.argument("item_ids", nargs=-1, type=int, required=True)
def outbox_retry(item_ids) -> None:
    """Make dead items due again now (after the receiver is fixed), attempts counted afresh."""
    with database_of(current_app).transaction() as session:
        now = datetime.datetime.now(datetime.UTC)
        for item_id in item_ids:
            retry(session, item_id, now)
    for item_id in item_ids:
        click.echo(f"outbox item {item_id}: due again")


@outbox_group.command("discard")
@click.argument("item_ids", nargs=-1, type=int, required=True)
def outbox_discard(item_ids) -> None:
    """Give up dead items the receiver will never take; the later items of their orders go on."""
    with database_of(current_app).transaction() as session:
        for item_id in item_ids:
            discard(session, item_id)
    for item_id in item_ids:
        click.echo(f"outbox item {item_id}: discarded")


def _stop_with_parent(parent_pid: int, stop: threading.Event) -> None:
    """`gateway serve` starts this command as its child: should serve die without stopping it
    (SIGKILL), the child is re-parented and stops too."""

    def watch() -> None:
        while not stop.wait(1.0):
            if os.getppid() != parent_pid:
                stop.set()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
