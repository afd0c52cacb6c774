"""Web addresses as partners and buyers give them: parsed once, never raising."""

from urllib.parse import SplitResult
from urllib.parse import urlsplit


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
