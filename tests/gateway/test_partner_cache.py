"""The per-process partner cache of the cXML endpoint: how long a changed or removed partner
can still be served (at most the TTL), and the changes that are seen at once."""

import pytest
from sqlalchemy import delete
from sqlalchemy import inspect
from sqlalchemy import select

from cxml.document import parse_cxml
from gateway.hashing import hash_secret
from gateway.models import BillingEntity
from gateway.models import PartnerCredential
from gateway.models import TradingPartner
from gateway.partners import PartnerCache

from .catalog_data import SECRET
from .catalog_data import add_cxml_partner
from .catalog_data import build
from .test_punchout_setup import RETURN
from .test_punchout_setup import setup_request

IDENTITY = "AN0100000001"


class Clock:
    """Monotonic seconds that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def cache(app, clock):
    """The app's partner cache, on the test's clock, with a 30 second TTL."""
    cache = PartnerCache(ttl_seconds=30, clock=clock)
    app.extensions["gateway.partners"] = cache
    return cache


@pytest.fixture
def partner_id(db):
    with db.transaction() as session:
        fr, _uk = build(session)
        return add_cxml_partner(session, fr).id


def setup_status(app, **kwargs) -> int:
    response = app.test_client().post(
        "/cxml", data=setup_request(**kwargs), content_type="text/xml"
    )
    assert parse_cxml(response.data).body.status.code == response.status_code
    return response.status_code


def change_elsewhere(db, partner_id, **columns) -> None:
    """Change the partner as another process would: straight in the database."""
    with db.transaction() as session:
        partner = session.get(TradingPartner, partner_id)
        for name, value in columns.items():
            setattr(partner, name, value)


def test_a_login_is_read_once_then_served_from_the_cache(db, cache, partner_id):
    with db.transaction() as session:
        first = cache.login(session, "cxml", " networkid ", IDENTITY)
        assert (first.domain, first.identity) == ("NetworkID", IDENTITY)
        assert cache.login(session, "cxml", "NetworkID", IDENTITY) is first
        assert cache.login(session, "oci", "NetworkID", IDENTITY) is None
    # The partner outlives the session that read it: detached, with everything loaded, so that
    # requests of other threads can read it without SQL and without DetachedInstanceError.
    partner = first.partner
    assert inspect(partner).detached
    assert (partner.id, partner.name) == (partner_id, "ariba-fr")
    assert [c.identity for c in partner.credentials] == [IDENTITY]
    assert not inspect(partner).unloaded


def test_a_partner_changed_elsewhere_is_served_as_it_was_for_at_most_the_ttl(
    app, db, cache, clock, partner_id
):
    assert setup_status(app) == 200
    change_elsewhere(db, partner_id, return_url_prefixes=["https://other.example.com/"])
    clock.now += 29
    assert setup_status(app) == 200  # still the cached return URLs
    clock.now += 1
    assert setup_status(app) == 403
    assert setup_status(app, url="https://other.example.com/return") == 200


def test_a_credential_removed_elsewhere_is_refused_once_the_ttl_is_over(
    app, db, cache, clock, partner_id
):
    assert setup_status(app) == 200
    with db.transaction() as session:
        session.execute(delete(PartnerCredential).where(PartnerCredential.partner_id == partner_id))
    clock.now += 29
    assert setup_status(app) == 200
    clock.now += 1
    assert setup_status(app) == 401


def test_a_secret_rotated_elsewhere_works_at_once_and_the_old_one_stops(app, db, cache, partner_id):
    assert setup_status(app) == 200
    with db.transaction() as session:
        credential = session.scalars(select(PartnerCredential)).one()
        credential.secret_hash = hash_secret("the-new-shared-secret")
    assert setup_status(app, secret="the-new-shared-secret") == 200
    assert setup_status(app, secret=SECRET) == 401
    assert setup_status(app, secret="wrong-secret") == 401


def test_unknown_logins_are_not_cached(app, db, cache):
    with db.transaction() as session:
        fr, _uk = build(session)
    assert setup_status(app) == 401
    with db.transaction() as session:
        add_cxml_partner(session, session.get(BillingEntity, fr.id))
    assert setup_status(app) == 200


def test_partners_changed_in_this_process_are_seen_at_once(app, db, cli, cache):
    with db.transaction() as session:
        build(session)
    add = [
        "partner",
        "add",
        "--name",
        "ariba-fr",
        "--protocol",
        "cxml",
        "--flavour",
        "ariba",
        "--entity",
        "ACME-FR",
        "--domain",
        "NetworkID",
        "--identity",
        IDENTITY,
        "--secret",
    ]
    assert cli(*add, SECRET, "--return-url-prefix", RETURN).exit_code == 0
    assert setup_status(app) == 200
    assert cli(*add, SECRET, "--return-url-prefix", "https://other.example.com/").exit_code == 0
    assert setup_status(app) == 403
    assert cli(*add, "rotated-secret", "--return-url-prefix", RETURN).exit_code == 0
    assert setup_status(app) == 401
    assert setup_status(app, secret="rotated-secret") == 200
