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
_QUERY_PAIR = re.compile(r"((?:^|[?&])([^=&?#\s\"]*)=)[^&#\s\"]*")
_TOKEN = re.compile(r"(/(?:shop|punchout/start)/[\w-]{4})[\w-]+")


def redact_url(text: str) -> str:
    """`text` (a request line, path, query or Referer) with its secrets masked."""
    return _TOKEN.sub(r"\1***", _QUERY_PAIR.sub(_mask_password, text))


def _mask_password(pair: re.Match) -> str:
    """A query pair, its value masked when its name, percent-decoded, is a secret OCI
    parameter (the name `%50ASSWORD+` logs a buyer in as well as `PASSWORD`)."""
    if is_secret_parameter(unquote_plus(pair.group(2))):
        return pair.group(1) + "***"
    return pair.group(0)
