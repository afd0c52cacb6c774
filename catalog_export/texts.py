"""Texts cut to the length a catalog field allows (BMEcat DESCRIPTION_SHORT, CIF Short Name...).

A description is cut where a reader expects it, at a word, and ends with an ellipsis so that
nobody takes it for the whole; the whole description then opens the item's long text, so that
nothing the buyer should read is lost. Identifiers are never cut: a cut id names another product.
"""

import re

__all__ = ["ELLIPSIS", "ELLIPSIS_ASCII", "cif_texts", "long_text", "shorten"]

ELLIPSIS = "\u2026"
ELLIPSIS_ASCII = "..."  # for a charset without U+2026 (ISO-8859-1, US-ASCII)
CIF_SHORT_NAME_LENGTH = 50  # formats.md 3.2: Short Name
CIF_ITEM_DESCRIPTION_LENGTH = 2000  # formats.md 3.2: Item Description (POC)
_TRAILING = " \t\n\r\f\v,;:.-\u2013\u2014"  # left off before the ellipsis
_LAST_SPACE = re.compile(r"\s\S*$")


def shorten(value: str, limit: int, ellipsis: str = ELLIPSIS) -> str:
    """The text in at most limit characters: unchanged if it fits, else cut and ended with an
    ellipsis, at the last space before the limit unless that would drop over a third of it
    (a long word or an unbroken code is cut where the limit falls). A file whose charset has
    no `…` passes `...`."""
    if len(value) <= limit:
        return value
    room = limit - len(ellipsis)
    head = value[:room]
    space = _LAST_SPACE.search(head)
    if not value[room].isspace() and space is not None and space.start() * 3 >= room * 2:
        head = head[: space.start()]
    return (head.rstrip(_TRAILING) or value[:room]) + ellipsis


def long_text(description: str, long_description: str, short_limit: int) -> str:
    """The long text of an item whose description is shortened to short_limit: the long
    description, opened on a line of its own by the whole description when that is cut
    (unless the long description holds it already). Empty when neither needs saying."""
    if len(description) <= short_limit or description in long_description:
        return long_description
    return f"{description}\n{long_description}" if long_description else description


def cif_texts(description: str, long_description: str, ellipsis: str = ELLIPSIS) -> tuple[str, str]:
    """(Short Name, Item Description) as CIF's fields hold them (formats.md 3.2), and the
    workbook, which follows CIF's rules: the short name cut to 50, the description (the whole
    short one first when that is cut) to 2000."""
    whole = long_text(description, long_description, CIF_SHORT_NAME_LENGTH)
    return (
        shorten(description, CIF_SHORT_NAME_LENGTH, ellipsis),
        shorten(whole or description, CIF_ITEM_DESCRIPTION_LENGTH, ellipsis),
    )
