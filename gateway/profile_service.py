"""ProfileRequest: the transactions and URLs this endpoint supports (formats.md 1.12)."""

import datetime

from cxml.profile import Option
from cxml.profile import ProfileResponse
from cxml.profile import Transaction
from gateway.cxml_service import Answer
from gateway.cxml_service import Context
from gateway.cxml_service import respond

SUPPORTED = ("PunchOutSetupRequest", "ProfileRequest")


def answer(into, context: Context, partner) -> Answer:
    """Answer a ProfileRequest from configuration."""
    url = f"{context.base_url}/cxml"
    content = ProfileResponse(
        effective_date=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        transactions=tuple(Transaction(request_name=name, url=url) for name in SUPPORTED),
        options=(Option(name="Locale", value="en,fr,de"),),
    )
    return respond(into, context, partner, content, document_type="ProfileResponse")
