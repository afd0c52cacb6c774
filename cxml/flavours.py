"""Who is buying: the user's e-mail, name and cost centre, wherever the buyer's system puts them.

Buyer systems disagree (field-notes 3.4: "extrinsic naming is the least standardized part of
cXML"): Coupa sends FirstName/LastName/UserEmail Extrinsics and a Contact role="endUser"
(COUPA-POSR); Ariba sends User/UserEmail/UniqueName and CostCenter Extrinsics; others send only a
Contact. Rule: a Contact with role endUser (else the first Contact) wins for name and e-mail;
then the Extrinsic names below, first non-empty value, names compared case-insensitively.
Unknown Extrinsics are ignored. A partner setting can pass its own names.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxml.address import Contact
from cxml.values import Extrinsic
from cxml.values import extrinsic_value

__all__ = ["EMAIL_NAMES", "BuyerUser", "NameRules", "read_buyer_user"]

EMAIL_NAMES = ("UserEmail", "Email", "EmailAddress", "UserEmailAddress")


@dataclass(frozen=True, slots=True, kw_only=True)
class NameRules:
    """The Extrinsic names to look in, in order of preference."""

    email: tuple[str, ...] = EMAIL_NAMES
    full_name: tuple[str, ...] = ("UserFullName", "UserName", "FullName", "User")
    first_name: tuple[str, ...] = ("FirstName",)
    last_name: tuple[str, ...] = ("LastName",)
    cost_centre: tuple[str, ...] = ("CostCenter", "CostCentre", "Cost Center", "CostCenterID")


@dataclass(frozen=True, slots=True, kw_only=True)
class BuyerUser:
    """The person behind a punch-out or an order, as far as the document tells."""

    email: str | None = None
    name: str | None = None
    cost_centre: str | None = None


def _contact(contacts: tuple[Contact, ...]) -> Contact | None:
    for contact in contacts:
        if (contact.role or "").lower() == "enduser":
            return contact
    return contacts[0] if contacts else None


def read_buyer_user(
    extrinsics: tuple[Extrinsic, ...],
    contacts: tuple[Contact, ...] = (),
    rules: NameRules = NameRules(),
) -> BuyerUser:
    """Read the user from a PunchOutSetupRequest's or OrderRequest's Contacts and Extrinsics."""
    contact = _contact(contacts)
    email = contact.emails[0] if contact and contact.emails else None
    name = contact.name if contact and contact.name else None
    if email is None:
        email = extrinsic_value(extrinsics, *rules.email)
    if name is None:
        first = extrinsic_value(extrinsics, *rules.first_name)
        last = extrinsic_value(extrinsics, *rules.last_name)
        joined = " ".join(part for part in (first, last) if part)
        name = joined or extrinsic_value(extrinsics, *rules.full_name)
    return BuyerUser(
        email=email, name=name, cost_centre=extrinsic_value(extrinsics, *rules.cost_centre)
    )
