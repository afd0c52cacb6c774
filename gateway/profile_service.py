"""ProfileRequest: the transactions and URLs this endpoint supports (formats.md 1.12).

The transactions are the request kinds the endpoint has a handler for, named by their cXML
element (the cxml classes bear the element's name), so the profile cannot list a request the
endpoint refuses nor leave out one it takes.
"""

import datetime
from collections.abc import Iterable

from cxml.profile import Option
from cxml.profile import ProfileResponse
from cxml.profile import Transaction
from gateway.cxml_service import Answer
from gateway.cxml_service import Context
from gateway.cxml_service import respond


def answer(into, context: Context, partner, accepted: Iterable[type]) -> Answer:
    """Answer a ProfileRequest: one Transaction per request kind in `accepted`, all posted to
    this endpoint's URL."""
    url = f"{context.base_url}/cxml"
    content = ProfileResponse(
        effective_date=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        transactions=tuple(Transaction(request_name=kind.__name__, url=url) for kind in accepted),
        options=(Option(name="Locale", value="en,fr,de"),),
    )
    return respond(into, context, partner, content, document_type="ProfileResponse")
