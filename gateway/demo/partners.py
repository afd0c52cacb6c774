"""Demo trading partners in the styles of SAP Ariba, Coupa and Oracle iProcurement (cXML) and SAP
(OCI), with fixed demo secrets.

The secrets are published on purpose: they exist only in a database that `gateway demo` or
`gateway serve --demo` filled on request, and are printed so that the local buyer simulator can
be used at once. Return URL prefixes name no port, so the simulator on any port of 127.0.0.1 or
localhost is accepted; the SAP partner may also return through SAPEVENT:POST (SAP GUI).
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.models import TradingPartner
from gateway.partners import SAPEVENT
from gateway.partners import PartnerSpec
from gateway.partners import save_partner

LOCAL = ("http://127.0.0.1/", "http://localhost/")
# Where the buyer simulator takes the order documents of the demo cXML partners (simulator_inbox)
SIMULATOR_INBOX = "/simulator/documents"

DEMO_PARTNERS = (
    PartnerSpec(
        name="demo-ariba",
        protocol="cxml",
        flavour="ariba",
        entity_code="DEMO-DE",
        domain="NetworkID",
        identity="AN01000000042",
        secret="demo-ariba-secret",  # noqa: S106 - published demo credential
        return_url_prefixes=(*LOCAL, "https://service.ariba.com/"),
    ),
    PartnerSpec(
        name="demo-coupa",
        protocol="cxml",
        flavour="coupa",
        entity_code="DEMO-UK",
        domain="DUNS",
        identity="150483782",
        secret="demo-coupa-secret",  # noqa: S106 - published demo credential
        return_url_prefixes=(*LOCAL, "https://demo.coupahost.com/"),
    ),
    PartnerSpec(
        name="demo-oracle",
        protocol="cxml",
        flavour="oracle",
        entity_code="DEMO-FR",
        domain="DUNS",
        identity="275841096",
        secret="demo-oracle-secret",  # noqa: S106 - published demo credential
        return_url_prefixes=LOCAL,
    ),
    PartnerSpec(
        name="demo-sap",
        protocol="oci",
        flavour="sap",
        entity_code="DEMO-DE",
        identity="DEMO_SAP",
        secret="demo-sap-password",  # noqa: S106 - published demo credential
        return_url_prefixes=(*LOCAL, SAPEVENT),
    ),
)


# How the demo SAP system wants its OCI cart (TradingPartner.settings["oci"]): SAP's internal
# T006 unit codes for ours and our SKU as the vendor material number.
DEMO_SAP_OCI = {
    "units": {"C62": "ST", "EA": "ST", "H87": "ST", "MON": "MON", "ANN": "JHR", "MTR": "M"},
    "vendor": "100042",
    "vendormat": "sku",
    "contract": False,  # demo contract codes are longer than NEW_ITEM-CONTRACT (10)
    "matgroups": {"notebooks": "IT-NB", "monitors": "IT-MON", "office-software": "IT-SW"},
}


def write_partners(session: Session) -> None:
    for spec in DEMO_PARTNERS:
        save_partner(session, spec)
        if spec.protocol == "oci":
            partner = session.scalar(select(TradingPartner).where(TradingPartner.name == spec.name))
            partner.settings = {**partner.settings, "oci": DEMO_SAP_OCI}
    session.flush()


def demo_partners_present(session: Session) -> bool:
    names = [spec.name for spec in DEMO_PARTNERS]
    found = session.scalars(select(TradingPartner.name).where(TradingPartner.name.in_(names)))
    return len(list(found)) == len(names)


def credential_lines() -> list[str]:
    """How to log in as each demo partner, one line each (secrets included: demo data only)."""
    lines = []
    for spec in DEMO_PARTNERS:
        if spec.protocol == "oci":
            login = f"OCI USERNAME={spec.identity} PASSWORD={spec.secret}"
        else:
            login = f"cXML {spec.domain}:{spec.identity} SharedSecret={spec.secret}"
        lines.append(f"  {spec.name:<12} {spec.flavour:<7} buys for {spec.entity_code}  {login}")
    return lines


def point_at_simulator(session: Session, base_url: str) -> list[str]:
    """Send the order documents of the demo cXML partners to the buyer simulator at `base_url`:
    each whose outbound URL is unset or a simulator's (of an earlier server, on another port)
    gets `base_url` + SIMULATOR_INBOX. A URL set to anything else is left alone. Returns the
    names of the partners changed."""
    names = [spec.name for spec in DEMO_PARTNERS if spec.protocol == "cxml"]
    target = base_url.rstrip("/") + SIMULATOR_INBOX
    changed = []
    for partner in session.scalars(select(TradingPartner).where(TradingPartner.name.in_(names))):
        url = partner.outbound_url
        if url != target and (not url or url.endswith(SIMULATOR_INBOX)):
            partner.outbound_url = target
            changed.append(partner.name)
    return sorted(changed)
