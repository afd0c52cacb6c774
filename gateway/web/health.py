"""Health check and metrics for load balancers and operators.

`/metrics` is read from the database at each scrape, so that every worker of every process
answers alike (counters kept in a worker would each tell a part): outbox items by state and
how long the oldest due one has waited, which is what an operator alerts on when the back
office or a buyer endpoint stops taking deliveries; orders by state; open punch-out sessions.
"""

import datetime

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import jsonify
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from gateway.app import database_of
from gateway.models import Order
from gateway.models import OutboxItem
from gateway.models import PunchOutSession
from gateway.orders.outbox import OUTBOX_STATES
from gateway.orders.views import ORDER_STATES

blueprint = Blueprint("health", __name__)

# Prometheus text exposition format, version 0.0.4.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@blueprint.get("/healthz")
def healthz():
    """200 when the database answers, 503 otherwise."""
    if database_of(current_app).reachable():
        return jsonify(status="ok", database="reachable")
    return jsonify(status="unavailable", database="unreachable"), 503


@blueprint.get("/metrics")
def metrics():
    """The gauges of the module's docstring, in Prometheus' text format; a database that does
    not answer gives `gateway_database_up 0` and nothing else."""
    try:
        lines = _gauges(datetime.datetime.now(datetime.UTC))
        up = 1
    except SQLAlchemyError:
        lines, up = [], 0
    lines += _gauge("gateway_database_up", "1 when the database answered this scrape.", [("", up)])
    return Response("\n".join(lines) + "\n", content_type=CONTENT_TYPE)


def _gauges(now: datetime.datetime) -> list[str]:
    with database_of(current_app).transaction() as session:
        outbox = _by_state(session, OutboxItem.state)
        oldest = session.scalar(
            select(func.min(OutboxItem.next_attempt_at)).where(
                OutboxItem.state == "pending", OutboxItem.next_attempt_at <= now
            )
        )
        orders = _by_state(session, Order.state)
        sessions = session.scalar(
            select(func.count())
            .select_from(PunchOutSession)
            .where(PunchOutSession.state == "open", PunchOutSession.expires_at > now)
        )
    if oldest is not None and oldest.tzinfo is None:  # SQLite keeps no zone: stored as UTC
        oldest = oldest.replace(tzinfo=datetime.UTC)
    waited = (now - oldest).total_seconds() if oldest is not None else 0.0
    return [
        *_gauge(
            "gateway_outbox_items",
            "Outbox deliveries (back office, buyer endpoints) by state.",
            [(f'{{state="{state}"}}', outbox.get(state, 0)) for state in OUTBOX_STATES],
        ),
        *_gauge(
            "gateway_outbox_oldest_due_seconds",
            "How long the oldest due pending delivery has waited (0: none is due).",
            [("", round(max(waited, 0.0), 3))],
        ),
        *_gauge(
            "gateway_orders",
            "Orders received, by state.",
            [(f'{{state="{state}"}}', orders.get(state, 0)) for state in ORDER_STATES],
        ),
        *_gauge(
            "gateway_punchout_sessions_open",
            "Punch-out sessions open and not expired.",
            [("", sessions)],
        ),
    ]


def _by_state(session, column) -> dict[str, int]:
    return dict(session.execute(select(column, func.count()).group_by(column)).all())


def _gauge(name: str, help_text: str, samples: list[tuple[str, float]]) -> list[str]:
    return [
        f"# HELP {name} {help_text}",
        f"# TYPE {name} gauge",
        *(f"{name}{labels} {value}" for labels, value in samples),
    ]
