"""The fields of an OCI call read from the raw bytes of its query string or form body.

A browser posts a form in the charset of the page that holds it: current SAP systems send UTF-8,
older ones ISO-8859-1, and an OCI call does not say which (``http_content_charset`` names the
charset of our answer, not of the call). A framework that decodes every value as UTF-8 turns
``M%FCller`` into ``M\ufffdller``. Here each name and value is read as UTF-8 when its bytes are
valid UTF-8, and as ISO-8859-1 otherwise (every byte is a Latin-1 character), so both arrive
intact. Latin-1 text that is also valid UTF-8 needs two accented characters in a row of an
unusual pair (``Ã©``), which product searches and user names do not hold.
"""

from urllib.parse import parse_qsl

__all__ = ["MAX_FIELDS", "decode_form"]

MAX_FIELDS = 10_000  # a cart of 999 lines has fewer; more is not a catalog call


def decode_form(*encoded: bytes) -> list[tuple[str, str]]:
    """The name/value pairs of URL-encoded parts (query string, then body), in their order.
    ValueError when they hold more than MAX_FIELDS fields."""
    pairs: list[tuple[str, str]] = []
    for part in encoded:
        if part:
            # Latin-1 both ways keeps each byte as one character: the bytes come back whole.
            fields = parse_qsl(
                part.decode("iso-8859-1"),
                keep_blank_values=True,
                encoding="iso-8859-1",
                max_num_fields=MAX_FIELDS,
            )
            pairs.extend((_text(name), _text(value)) for name, value in fields)
    if len(pairs) > MAX_FIELDS:
        raise ValueError(f"more than {MAX_FIELDS} fields")
    return pairs


def _text(latin: str) -> str:
    raw = latin.encode("iso-8859-1")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("iso-8859-1")
