"""Trading partners: one row per partner name, saved through gateway.partners (the same rules and
argon2 hashing as `gateway partner add`).

A cXML partner has identity, domain (default NetworkID) and secret; an OCI partner has username
and password instead. Every row is checked first, including the entity and whether another
partner already owns the login, and partners are saved only when no row was rejected. Secrets
never appear in a problem's reason.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway import partners
from gateway.imports.cells import Cells
from gateway.imports.runner import Layout
from gateway.imports.runner import Run
from gateway.models import BillingEntity
from gateway.models import PartnerCredential
from gateway.models import TradingPartner

DEFAULT_DOMAIN = "NetworkID"
LOGIN_COLUMNS = {"cxml": ("identity", "secret"), "oci": ("username", "password")}

LAYOUT = Layout(
    kind="partners",
    required=("name", "protocol", "entity", "return_url_prefixes"),
    optional=("flavour", "identity", "domain", "secret", "username", "password", "outbound_url"),
)


def parse_partner(row: Cells) -> partners.PartnerSpec | None:
    """The row as a PartnerSpec, or None with the row's problems noted."""
    known = len(row.problems)
    protocol = row.choice("protocol", partners.PROTOCOLS)
    flavour = row.choice("flavour", partners.FLAVOURS, default="generic")
    login, secret = LOGIN_COLUMNS.get(protocol, ("identity", "secret"))
    for other_protocol, columns in LOGIN_COLUMNS.items():
        for column in columns if protocol in LOGIN_COLUMNS and other_protocol != protocol else ():
            if row.text(column, max_length=200):
                row.fail(column, f"is for {other_protocol} partners, this one is {protocol}")
    domain = row.text("domain", max_length=64) or DEFAULT_DOMAIN
    if protocol == "oci" and row.text("domain"):
        row.fail("domain", "is for cxml partners")
    fields = {
        "name": row.text("name", required=True, max_length=100),
        "protocol": protocol,
        "flavour": flavour,
        "entity_code": row.text("entity", required=True, max_length=32),
        "identity": row.text(login, required=True, max_length=200),
        "secret": row.text(secret, required=True, max_length=200),
        "domain": domain if protocol == "cxml" else "",
        "return_url_prefixes": tuple(row.items("return_url_prefixes")),
        "outbound_url": row.text("outbound_url", max_length=500),
    }
    if len(row.problems) > known:
        return None
    try:
        return partners.PartnerSpec(**fields)
    except partners.PartnerError as exc:
        field, _colon, reason = str(exc).partition(": ")
        row.fail(field.replace("return_url_prefix", "return_url_prefixes"), reason)
        return None


def apply(session: Session, run: Run) -> None:
    """Check every partner row, then save them all when none was rejected."""
    entities = set(session.scalars(select(BillingEntity.code)))
    owners = {
        (kind, domain, identity): name
        for kind, domain, identity, name in session.execute(
            select(
                PartnerCredential.kind,
                PartnerCredential.domain,
                PartnerCredential.identity,
                TradingPartner.name,
            ).join(TradingPartner)
        )
    }
    specs: dict[str, partners.PartnerSpec] = {}
    rows: dict[str, int] = {}
    for row in run.rows():
        entity = row.text("entity")
        if entity and entity not in entities:
            row.fail("entity", f"no billing entity with code {entity!r}")
        spec = parse_partner(row)
        # the first row of a name counts even when it is rejected: a later one is a repeat
        name = spec.name if spec else row.text("name", required=True, max_length=100)
        if name in rows:
            row.fail("name", f"{name!r} appears again (first on row {rows[name]})")
        elif name:
            rows[name] = row.row
        if spec is not None:
            _check_login(row, spec, owners)
        if row.problems:
            run.reject(row)
            continue
        specs[spec.name] = spec
        owners[(spec.protocol, spec.domain, spec.identity)] = spec.name
    if run.rejected:
        return
    for spec in specs.values():
        run.count(partners.save_partner(session, spec))


def _check_login(row: Cells, spec, owners: dict) -> None:
    owner = owners.get((spec.protocol, spec.domain, spec.identity))
    if owner is not None and owner != spec.name:
        login = LOGIN_COLUMNS[spec.protocol][0]
        row.fail(login, f"{spec.identity!r} is already used by partner {owner!r}")
