"""GET|POST /oci: the SAP OCI catalog call (login, then the storefront; or an OCI function
answered on the same URL), the OCI cart transfer of the storefront, clear error pages, and the
`gateway partner check NAME` command. The work is in gateway.oci_service."""

import secrets

import click
from flask import Blueprint
from flask import Response
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for

import oci
from gateway import oci_service
from gateway.app import database_of
from gateway.app import price_books_of
from gateway.app import settings_of
from gateway.commands import partner_group
from gateway.models import TradingPartner
from gateway.oci_catalog import find_catalog_warnings
from gateway.oci_catalog import load_partner_oci
from gateway.partners import find_partner
from gateway.sessions import Cart

blueprint = Blueprint("oci", __name__)

# Title and hint of an error page, by who has to act: the buyer's SAP administrator (a bad
# call or login), or the supplier's e-services team (our data or settings).
_LOGIN = (
    "Catalog login refused",
    "Check the USERNAME and PASSWORD your purchasing system sends for this catalog.",
)
_PEER = (
    "The catalog call cannot be used",
    "The catalog settings of your purchasing system need correcting: tell its administrator.",
)
_PRODUCT = (
    "Product not available",
    "The product may have been withdrawn, or is not offered to your organisation.",
)
_SUPPLIER = (
    "The catalog cannot answer this call",
    "The supplier's settings for your purchasing system are wrong: tell the supplier's "
    "e-services team, quoting this message.",
)


@blueprint.route("/oci", methods=["GET", "POST"])
def catalog_call():
    """One OCI catalog call: GET query or POST form, answered as oci_service decides."""
    nonce = secrets.token_urlsafe(16)
    context = oci_service.OciContext(
        settings=settings_of(current_app),
        verify=current_app.extensions["gateway.verifier"],
        books=price_books_of(current_app),
        facts=current_app.extensions["gateway.catalog_facts"],
        script_nonce=nonce,
    )
    with database_of(current_app).transaction() as session:
        answer = oci_service.handle_call(session, context, _call_fields())
    if answer.error is not None:
        return error_page(answer.error)
    if answer.shop is not None:
        target = answer.shop
        return redirect(url_for(target.endpoint, token=target.token, **target.values), code=303)
    response = Response(answer.body, status=answer.status, content_type=answer.content_type)
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src 'nonce-{nonce}'; base-uri 'none'"
    )
    return _private(response)


def _call_fields() -> list[tuple[str, str]]:
    """The call's fields, each value in UTF-8 or ISO-8859-1 as its bytes tell (oci.form)."""
    if request.mimetype not in ("", "application/x-www-form-urlencoded"):
        return list(request.values.items(multi=True))  # multipart: decoded by the framework
    body = request.get_data(cache=True) if request.method == "POST" else b""
    try:
        return oci.decode_form(request.query_string, body)
    except ValueError as exc:
        raise oci.InvalidParameter("form", str(exc)) from None


def oci_transfer_response(cart: Cart, partner: TradingPartner, *, cancel: bool) -> Response:
    """The storefront's transfer (or cancel) of an OCI session: the NEW_ITEM form page."""
    answer = oci_service.transfer_page(cart, partner, cancel=cancel)
    return _private(Response(answer.body, status=200, content_type=answer.content_type))


@blueprint.app_errorhandler(oci.OciError)
def error_page(error: oci.OciError) -> Response:
    """A clear page naming what was wrong; the status the error carries."""
    if isinstance(error, oci_service.LoginRefused):
        title, hint = _LOGIN
    elif isinstance(error, oci_service.ProductUnavailable):
        title, hint = _PRODUCT
    else:
        title, hint = _PEER if error.fault == "peer" else _SUPPLIER
    html = render_template(
        "oci/error.html",
        status=error.status,
        title=title,
        message=error.message,
        parameter=getattr(error, "parameter", ""),
        hint=hint,
    )
    response = Response(html, status=error.status, content_type="text/html; charset=utf-8")
    return _private(response)


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@partner_group.command("check")
@click.argument("name")
def partner_check(name: str) -> None:
    """Check an OCI partner's settings against the catalog (units, field lengths); products
    that cannot be sent are warnings, settings that do not fit an error (exit status 1)."""
    with database_of(current_app).transaction() as session:
        partner = find_partner(session, name)
        if partner.protocol != "oci":
            click.echo(f"partner {name}: {partner.protocol} partner, no OCI settings to check")
            return
        try:
            config, entity = load_partner_oci(session, partner)
        except oci.ConfigurationError as error:
            raise click.ClickException(error.message) from error
        units = len(config.outbound.unit_map.codes)
        click.echo(
            f"partner {name}: OCI settings fit the catalog ({units} units mapped,"
            f" {len(config.matgroups)} material groups, buys for {entity.code})"
        )
        for warning in find_catalog_warnings(session, config):
            click.echo(f"warning: partner {name}: {warning}", err=True)
