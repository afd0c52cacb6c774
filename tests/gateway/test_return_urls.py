"""One rule for return URLs, cXML BrowserFormPost and OCI HOOK_URL alike."""

import pytest

from gateway.sessions import return_url_allowed
from oci.call import HookUrlPolicy
from oci.call import validate_hook_url
from oci.errors import OciError

PREFIXES = ["https://buyer.example.com/punchout", "http://127.0.0.1/", "SAPEVENT:POST"]
CASES = [
    ("https://buyer.example.com/punchout", True),
    ("https://buyer.example.com/punchout/return?x=1", True),
    ("https://BUYER.example.com/punchout/return", True),
    ("https://buyer.example.com:8443/punchout/return", True),  # no port in the prefix
    ("https://buyer.example.com/punchouts", False),  # not at a segment boundary
    ("https://buyer.example.com.evil.test/punchout", False),
    ("http://buyer.example.com/punchout", False),  # another scheme
    ("https://buyer.example.com/", False),
    ("http://127.0.0.1:8765/simulator/receive", True),
    ("http://127.0.0.1:notaport/x", False),
    ("http://127.0.0.1:99999/x", False),  # a port out of range
    ("http://[::1/x", False),  # an unclosed IPv6 host, which urlsplit cannot split
    ("SAPEVENT:POST", True),
    ("javascript:alert(1)", False),
    ("https://buyer.example.com", False),  # the path "" is "/", outside /punchout
    ("http://127.0.0.1", True),  # ... and inside "/"
    # a browser resolves dot segments before it posts: each of these posts outside /punchout
    ("https://buyer.example.com/punchout/../evil", False),
    ("https://buyer.example.com/punchout/./../evil", False),
    ("https://buyer.example.com/punchout/%2e%2e/evil", False),
    ("https://buyer.example.com/punchout/%2E./evil", False),
    ("https://buyer.example.com/punchout/.%2e/evil", False),
    ("https://buyer.example.com/punchout\\..\\evil", False),
    ("https://buyer.example.com/punchout/.\t./evil", False),  # a browser drops the tab
    ("https://buyer.example.com/punchout/..", False),
    ("https://buyer.example.com/punchout/.", False),
    ("https://buyer.example.com/punchout/..x/ok", True),  # a name, not a dot segment
    ("https://buyer.example.com/punchout/x?next=../evil", True),  # the query is no path
    # a browser reads a backslash as a slash: this posts to evil.example, urlsplit sees the user
    # "evil.example\\" at buyer.example.com
    ("https://evil.example\\@buyer.example.com/punchout/x", False),
    ("http://localhost:8622\\@127.0.0.1/return", False),
    ('https://buyer.example.com/punchout/"x', False),
    ("https://buyer.example.com/punchout/x\x7f", False),
    ("https://buyer.example.com/punchout/x\u00a0", False),
]


@pytest.mark.parametrize(("url", "allowed"), CASES)
def test_cxml_and_oci_agree(url, allowed):
    assert return_url_allowed(url, PREFIXES) is allowed
    try:
        validate_hook_url(url, HookUrlPolicy(allowed_prefixes=tuple(PREFIXES)))
        oci_allowed = True
    except OciError:
        oci_allowed = False
    assert oci_allowed is allowed


def test_a_prefix_with_a_port_admits_only_that_port():
    assert return_url_allowed("http://127.0.0.1:8000/x", ["http://127.0.0.1:8000/"])
    assert not return_url_allowed("http://127.0.0.1:8001/x", ["http://127.0.0.1:8000/"])


def test_a_prefix_that_is_no_url_admits_nothing_and_stops_nothing():
    assert return_url_allowed("http://127.0.0.1/x", ["http://[::1/", "http://127.0.0.1/"])
    assert not return_url_allowed("http://127.0.0.1/x", ["http://[::1/", "https://b.example/"])
