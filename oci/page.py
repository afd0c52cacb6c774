"""Rendering: the HTML page whose form posts the OCI fields to the HOOK_URL.

Strategy: one template for every answer. The form posts (method POST, urlencoded) to HOOK_URL
verbatim, into the frame the call named (``~target``, else ``returntarget``), with
``accept-charset`` and ``<meta charset>`` both naming the charset the page bytes are encoded in,
so the browser posts the fields back in that charset (a form without accept-charset is the usual
cause of OCI mojibake, field-notes 3.1). Every value is HTML-escaped. A character that the charset
cannot encode is refused with ``UnencodableText`` naming the field, never replaced by '?'.
The purpose decides the rest: a cart transfer submits itself by script and shows a button for
browsers without JavaScript; VALIDATE and QUANTITY_CHECK submit themselves with the button
hidden; a BACKGROUND_SEARCH answer has neither script nor button, because the buyer's server
reads the form from the response (OCI function notes, formats.md 2.2).

The form is a value first (``ReturnForm``: HOOK_URL, fields, target, charset, purpose), checked
when built, so a caller that renders the form itself (a web shop driving the session through
an API) posts exactly the fields this page would.
"""

import dataclasses
import enum
import html
import re
from collections.abc import Iterable
from collections.abc import Sequence

from oci.call import OciCall
from oci.cart import CartLine
from oci.cart import OutboundOptions
from oci.cart import build_new_item_fields
from oci.errors import UnencodableText
from oci.fields import Charset
from oci.fields import OciFunction

__all__ = [
    "FormPurpose",
    "ReturnForm",
    "build_return_form",
    "render_form",
    "render_form_page",
    "render_return_page",
]

FORM_ID = "oci-return"
_NONCE = re.compile(r"[A-Za-z0-9+/=_-]+")


class FormPurpose(enum.Enum):
    """What the page is for, which decides its script and button."""

    TRANSFER = "transfer"  # auto-submit by script, visible button
    VALIDATE = "validate"  # auto-submit by script, button hidden
    BACKGROUND_SEARCH = "background search"  # no script, no button: read server-side


_PURPOSE_OF = {
    None: FormPurpose.TRANSFER,
    OciFunction.DETAILADD: FormPurpose.TRANSFER,
    OciFunction.SOURCING: FormPurpose.TRANSFER,
    OciFunction.VALIDATE: FormPurpose.VALIDATE,
    OciFunction.QUANTITY_CHECK: FormPurpose.VALIDATE,
    OciFunction.BACKGROUND_SEARCH: FormPurpose.BACKGROUND_SEARCH,
}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ReturnForm:
    """The form posted to the HOOK_URL: ``fields`` in order (names repeat across lines, so
    pairs, not a mapping), into frame ``target`` (None: the same window), in ``charset``.
    Every text must be encodable in the charset (``UnencodableText`` names the field)."""

    hook_url: str
    fields: tuple[tuple[str, str], ...]
    target: str | None = None
    charset: Charset = Charset.UTF_8
    purpose: FormPurpose = FormPurpose.TRANSFER

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", tuple((n, v) for n, v in self.fields))
        texts = [("HOOK_URL", self.hook_url), ("target", self.target or ""), *self.fields]
        _check_encodable(texts, self.charset)


def build_return_form(
    call: OciCall, lines: Sequence[CartLine], options: OutboundOptions
) -> ReturnForm:
    """The answer to ``call``: ``lines`` as NEW_ITEM fields in the call's OCI version, its
    pass-through fields echoed, in its charset, into its frame, shaped by its FUNCTION."""
    if call.function not in _PURPOSE_OF:
        raise ValueError(f"FUNCTION={call.function.value} answers with no form")
    options = dataclasses.replace(options, version=call.oci_version)
    return ReturnForm(
        hook_url=call.hook_url,
        fields=build_new_item_fields(lines, options, echo_fields=call.echo_fields),
        target=call.return_target,
        charset=call.charset,
        purpose=_PURPOSE_OF[call.function],
    )


def render_form(form: ReturnForm, *, script_nonce: str | None = None) -> bytes:
    """The HTML page, encoded in the form's charset, whose form posts it to the HOOK_URL."""
    if script_nonce is not None and _NONCE.fullmatch(script_nonce) is None:
        raise ValueError("script_nonce must be base64 or base64url text")
    lines = [
        "<!DOCTYPE html>",
        "<html>",
        "<head>",
        f'<meta charset="{form.charset.value}">',
        "<title>Transfer to your purchasing system</title>",
        "</head>",
        "<body>",
        _form_tag(form.hook_url, form.target, form.charset),
        *(f'<input type="hidden" name="{_attr(n)}" value="{_attr(v)}">' for n, v in form.fields),
    ]
    if form.purpose is FormPurpose.TRANSFER:
        lines.append('<button type="submit">Transfer the cart</button>')
    elif form.purpose is FormPurpose.VALIDATE:
        lines.append('<button type="submit" hidden>Transfer</button>')
    lines.append("</form>")
    if form.purpose is not FormPurpose.BACKGROUND_SEARCH:
        nonce = "" if script_nonce is None else f' nonce="{script_nonce}"'
        lines.append(f'<script{nonce}>document.getElementById("{FORM_ID}").submit();</script>')
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines).encode(form.charset.codec)


def render_form_page(
    fields: Iterable[tuple[str, str]],
    *,
    hook_url: str,
    target: str | None = None,
    charset: Charset = Charset.UTF_8,
    purpose: FormPurpose = FormPurpose.TRANSFER,
    script_nonce: str | None = None,
) -> bytes:
    """The HTML page, encoded in ``charset``, whose form posts ``fields`` to ``hook_url``."""
    form = ReturnForm(
        hook_url=hook_url, fields=tuple(fields), target=target, charset=charset, purpose=purpose
    )
    return render_form(form, script_nonce=script_nonce)


def render_return_page(
    call: OciCall,
    lines: Sequence[CartLine],
    options: OutboundOptions,
    *,
    script_nonce: str | None = None,
) -> bytes:
    """The page answering ``call`` (see ``build_return_form``)."""
    return render_form(build_return_form(call, lines, options), script_nonce=script_nonce)


def _form_tag(hook_url: str, target: str | None, charset: Charset) -> str:
    target_attr = "" if target is None else f' target="{_attr(target)}"'
    return (
        f'<form id="{FORM_ID}" method="post" action="{_attr(hook_url)}"{target_attr}'
        f' accept-charset="{charset.value}" enctype="application/x-www-form-urlencoded">'
    )


def _attr(value: str) -> str:
    """An attribute value: HTML-escaped, line breaks and tabs as character references."""
    escaped = html.escape(value, quote=True)
    return escaped.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")


def _check_encodable(pairs: Iterable[tuple[str, str]], charset: Charset) -> None:
    for name, value in pairs:
        for text in (name, value):
            character = charset.unencodable(text)
            if character is not None:
                raise UnencodableText(name, character, charset.value)
