"""A reference for bench_punchout.py --minimal: the least a punch-out setup can do, hand-written,
to tell the cost of the gateway's layers from the cost of storing a setup.

It parses the body with lxml and validates it against the lenient schema, checks the shared
secret (an HMAC against a digest made at start, as a worker's cache of verified secrets does),
reads the buyer cookie, return URL and extrinsics, and answers a PunchOutSetupResponse from a
fixed template. It builds the rows a gateway setup stores (the request's log row, the session,
the answer's log row) with the gateway's own `Rows`, and MINIMAL_SETUP_WRITES decides what
becomes of them:

- `commit` (default): written through the database's group commit before answering, as the
  gateway does;
- `behind`: queued, and written after the answer by a thread of the worker, 2 ms of requests
  at a time (what the gateway does not do: a crash would lose answered setups);
- `none`: dropped.

No profiles, return URL prefixes, typed messages or partner look-up: the demo Ariba partner is
read once at start. Run by bench_punchout.py under the same gunicorn settings as the others,
on the gateway's database (GATEWAY_INSTANCE_PATH or GATEWAY_DATABASE_URL, demo loaded).
"""

import datetime
import hmac
import os
import secrets
import threading
import time
from collections import deque

from flask import Flask
from flask import Response
from flask import request
from lxml import etree
from sqlalchemy import select

from cxml.validation import validate_tree
from gateway.app import create_app
from gateway.app import database_of
from gateway.documents import log_document
from gateway.group_commit import GroupCommit
from gateway.group_commit import _Job
from gateway.models import TradingPartner
from gateway.rows import Rows
from gateway.sessions import SessionRequest
from gateway.sessions import insert_session

WRITES = os.environ.get("MINIMAL_SETUP_WRITES", "commit")
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
KEY = secrets.token_bytes(32)
SECRET_DIGEST = hmac.digest(KEY, b"demo-ariba-secret", "sha256")
ANSWER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">\n'
    '<cXML payloadID="{payload_id}" timestamp="{timestamp}" version="1.2.063" xml:lang="en-US">'
    '<Response><Status code="200" text="OK"/><PunchOutSetupResponse><StartPage><URL>{url}</URL>'
    "</StartPage></PunchOutSetupResponse></Response></cXML>"
)

gateway = create_app()
database = database_of(gateway)
with database.transaction() as session:
    partner = session.scalar(select(TradingPartner).where(TradingPartner.name == "demo-ariba"))
    PARTNER_ID, ENTITY_ID = partner.id, partner.entity_id

app = Flask(__name__)
behind: deque[Rows] = deque()
queued = threading.Event()


def write_behind(group: GroupCommit) -> None:
    """Once rows are queued, wait 2 ms for more, then write them all in one transaction."""
    while True:
        queued.wait()
        time.sleep(0.002)
        queued.clear()
        batch = []
        while behind:
            batch.append(_Job(behind.popleft()))
        if batch:  # the group commit's own batch writer: the gateway never writes behind
            group._commit(batch)


if WRITES == "behind":
    threading.Thread(target=write_behind, args=(database.group_commit,), daemon=True).start()


@app.post("/cxml")
def setup():
    body = request.get_data()
    root = etree.fromstring(body, PARSER)
    validate_tree(root, mode="lenient")
    secret = root.findtext("Header/Sender/Credential/SharedSecret") or ""
    if not hmac.compare_digest(hmac.digest(KEY, secret.encode(), "sha256"), SECRET_DIGEST):
        return Response("unauthorised", status=401)
    setup_request = root.find("Request/PunchOutSetupRequest")
    extrinsics = {e.get("name"): e.text or "" for e in setup_request.iter("Extrinsic")}
    rows = Rows()
    log_document(
        rows,
        direction="in",
        doc_type="PunchOutSetupRequest",
        body=body,
        partner_id=PARTNER_ID,
        payload_id=root.get("payloadID"),
        status_code=200,
    )
    session_id, start_token = insert_session(
        rows,
        SessionRequest(
            protocol="cxml",
            return_url=setup_request.findtext("BrowserFormPost/URL"),
            buyer_cookie=setup_request.findtext("BuyerCookie"),
            user_email=extrinsics.get("UserEmail", ""),
            language="de",
            extra={"extrinsics": extrinsics},
        ),
        partner_id=PARTNER_ID,
        entity_id=ENTITY_ID,
        ttl_seconds=3600,
        start_ttl_seconds=300,
    )
    moment = datetime.datetime.now(datetime.UTC)
    payload_id = f"{int(moment.timestamp() * 1000)}.{secrets.token_hex(8)}@bench"
    out = ANSWER.format(
        payload_id=payload_id,
        timestamp=moment.isoformat(timespec="seconds"),
        url=f"{request.host_url}punchout/start/{start_token}",
    ).encode()
    log_document(
        rows,
        direction="out",
        doc_type="PunchOutSetupResponse",
        body=out,
        partner_id=PARTNER_ID,
        payload_id=payload_id,
        status_code=200,
        session_id=session_id,
    )
    if WRITES == "commit":
        database.group_commit.write(rows)
    elif WRITES == "behind":
        behind.append(rows)
        queued.set()
    return Response(out, content_type="text/xml; charset=UTF-8")


@app.get("/healthz")
def healthz():
    return "ok"
