"""Web addresses as partners and buyers give them: parsed once, never raising; and as logs
write them, with the secrets some of them carry masked."""

import re
from urllib.parse import SplitResult
from urllib.parse import unquote_plus
from urllib.parse import urlsplit

from oci import is_secret_parameter


def web_url(text: str) -> SplitResult | None:
    """`text` split, when it is an absolute http(s) URL with a host and a valid port; else None
    (urlsplit raises on an unclosed [IPv6 host, and .port on a port out of range)."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (read for its check)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts


# Secrets that travel in URLs: an OCI login's PASSWORD when the buyer system sends it by GET,
# and the start and session tokens in storefront paths, which open a buyer's session while it
# lasts. Access lines keep a token's first four characters, enough to follow one session.
# A secret's value is masked whole, up to the next "&" (the pairs' separator, as werkzeug reads
# a query) or "#", whatever characters it holds: a raw quote, blank or backslash in it is still
# the password the login reads.
_QUERY_PAIR = re.compile(r"((?:^|&)([^=&#]*)=)[^&#]*")
_TOKEN = re.compile(r"(/(?:shop|punchout/start)/[\w-]{4})[\w-]+")
_REQUEST_LINE = re.compile(r"([A-Z]+ )(.*)( HTTP/[0-9.]+)", re.DOTALL)


def redact_url(text: str) -> str:
    """`text` (a request line, path, URL or Referer) with its secrets masked: tokens in the
    path, secret parameters in the query (after the first "?")."""
    line = _REQUEST_LINE.fullmatch(text)
    if line is not None:  # "GET /oci?PASSWORD=x HTTP/1.1": the URL is what lies between
        return line[1] + redact_url(line[2]) + line[3]
    path, mark, query = text.partition("?")
    return _TOKEN.sub(r"\1***", path) + mark + redact_query(query)


def redact_query(query: str) -> str:
    """A query string (what follows "?") with the value of each secret parameter masked."""
    return _QUERY_PAIR.sub(_mask_password, query)


def _mask_password(pair: re.Match) -> str:
    """A query pair, its value masked when its name, percent-decoded, is a secret OCI
    parameter (the name `%50ASSWORD+` logs a buyer in as well as `PASSWORD`)."""
    if is_secret_parameter(unquote_plus(pair.group(2))):
        return pair.group(1) + "***"
    return pair.group(0)
