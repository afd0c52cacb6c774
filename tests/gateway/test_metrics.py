"""GET /metrics: Prometheus gauges read from the database, the same from every worker."""

import datetime
import re

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update

from gateway.models import OutboxItem
from gateway.models import PunchOutSession

from .catalog_data import build
from .test_order_receipt import add_partner
from .test_order_receipt import post
from .test_order_support import line
from .test_order_support import order_bytes
from .test_storefront_data import punch_out

SAMPLE = re.compile(r"^(\w+)(\{[^}]*\})? (\S+)$")


def scrape(app) -> dict[str, float]:
    response = app.test_client().get("/metrics")
    assert response.status_code == 200
    assert response.content_type == "text/plain; version=0.0.4; charset=utf-8"
    samples = {}
    for text in response.get_data(as_text=True).splitlines():
        if not text.startswith("#"):
            name, labels, value = SAMPLE.fullmatch(text).groups()
            samples[name + (labels or "")] = float(value)
    return samples


def test_an_order_shows_in_the_orders_and_its_delivery_in_the_outbox(app, db):
    empty = scrape(app)
    assert empty["gateway_database_up"] == 1
    assert empty['gateway_orders{state="accepted"}'] == 0
    assert empty['gateway_outbox_items{state="pending"}'] == 0
    assert empty["gateway_outbox_oldest_due_seconds"] == 0
    with db.transaction() as session:
        entities = build(session)
    add_partner(db, entities)
    assert post(app, order_bytes("m1", [line(1, "LAP-100", "1")]))[0] == 200
    with db.transaction() as session:  # the back office has not taken it for two minutes
        earlier = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=120)
        session.execute(update(OutboxItem).values(next_attempt_at=earlier))
    after = scrape(app)
    assert after['gateway_orders{state="accepted"}'] == 1
    assert after['gateway_outbox_items{state="pending"}'] == 1
    assert after['gateway_outbox_items{state="dead"}'] == 0
    assert 120 <= after["gateway_outbox_oldest_due_seconds"] < 180


def test_open_sessions_are_counted_until_they_expire(app, db, catalog):
    punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    punch_out(app, catalog.fr_id, catalog.fr_partner_id)
    assert scrape(app)["gateway_punchout_sessions_open"] == 2
    with db.transaction() as session:
        first = session.scalar(select(func.min(PunchOutSession.id)))
        past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
        session.execute(
            update(PunchOutSession).where(PunchOutSession.id == first).values(expires_at=past)
        )
    assert scrape(app)["gateway_punchout_sessions_open"] == 1
