"""POST /cxml with a ProfileRequest: the ProfileResponse lists exactly the request kinds the
endpoint accepts (formats.md 1.12), each with the endpoint's URL."""

import pytest

from cxml.document import parse_cxml
from cxml.fulfill import ConfirmationRequest
from cxml.fulfill import OrderReference
from cxml.profile import ProfileRequest

from .catalog_data import add_cxml_partner
from .catalog_data import build
from .test_order_support import NOON
from .test_order_support import request_bytes


@pytest.fixture
def partner(db):
    with db.transaction() as session:
        fr, _uk = build(session)
        return add_cxml_partner(session, fr).id


def answer_to(app, content, payload_id):
    response = app.test_client().post(
        "/cxml", data=request_bytes(payload_id, content), content_type="text/xml"
    )
    return parse_cxml(response.data, mode=None).body


def test_the_profile_lists_every_request_the_endpoint_accepts_and_no_other(app, partner):
    answer = answer_to(app, ProfileRequest(), "profile-1@buyer")
    assert answer.status.code == 200
    transactions = answer.content.transactions
    assert [t.request_name for t in transactions] == [
        "PunchOutSetupRequest",
        "ProfileRequest",
        "OrderRequest",
    ]
    assert {t.url for t in transactions} == {"http://localhost/cxml"}
    confirmation = ConfirmationRequest(
        type="accept",
        notice_date=NOON,
        confirm_id="C-1",
        order_reference=OrderReference(order_id="PO-1", order_date=NOON, payload_id="po-1@us"),
    )
    refused = answer_to(app, confirmation, "confirm-1@buyer")
    assert (refused.status.code, refused.status.message) == (
        450,
        "ConfirmationRequest is not accepted at this endpoint",
    )
