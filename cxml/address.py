"""Addresses and people: PostalAddress, Phone, Address, ShipTo/BillTo, Contact.

DTD: Address (Name, PostalAddress?, Email?, Phone?, Fax?, URL?) @isoCountryCode @addressID;
PostalAddress (DeliverTo*, Street+, City, Municipality?, State?, PostalCode?, Country);
Contact (Name, PostalAddress*, Email*, Phone*, ...) @role. An empty <Phone/> (cxml-php readme)
reads as no phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from cxml._construct import constructor
from cxml._write import attr
from cxml._write import lang
from cxml._write import leaf
from cxml._xml import XML_LANG
from cxml._xml import first
from cxml._xml import firsts
from cxml._xml import group
from cxml._xml import need
from cxml._xml import need_attr
from cxml._xml import required
from cxml._xml import text
from cxml._xml import text_or_none
from cxml.values import Extrinsic
from cxml.values import read_extrinsic_list
from cxml.values import write_extrinsics

__all__ = ["Address", "Contact", "Phone", "PostalAddress"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PostalAddress:
    """PostalAddress: street lines, city, optional state and postal code, Country."""

    street: tuple[str, ...]
    city: str
    country: str
    iso_country_code: str
    deliver_to: tuple[str, ...] = ()
    state: str | None = None
    postal_code: str | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if not self.street:
            raise ValueError("PostalAddress needs at least one Street (DTD: Street+)")


_postal_address = constructor(PostalAddress)


@dataclass(frozen=True, slots=True, kw_only=True)
class Phone:
    """Phone/TelephoneNumber: country code, area code, number, optional extension."""

    country_code: str
    iso_country_code: str
    area_or_city_code: str
    number: str
    extension: str | None = None
    name: str | None = None


_phone = constructor(Phone)


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """Address as found in ShipTo and BillTo."""

    name: str
    lang: str = "en"
    postal_address: PostalAddress | None = None
    email: str | None = None
    phone: Phone | None = None
    url: str | None = None
    address_id: str | None = None
    address_id_domain: str | None = None
    iso_country_code: str | None = None


_address = constructor(Address)


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """Contact@role: a person with name, e-mail addresses, phones and Extrinsics."""

    name: str
    lang: str = "en"
    role: str | None = None
    address_id: str | None = None
    postal_addresses: tuple[PostalAddress, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    extrinsics: tuple[Extrinsic, ...] = ()


_contact = constructor(Contact)


_POSTAL_LISTS = frozenset(("DeliverTo", "Street"))


def read_postal_address(el: etree._Element) -> PostalAddress:
    found, many = group(el, _POSTAL_LISTS)
    country = required(found.get("Country"), el, "Country")
    return _postal_address(
        name=el.get("name"),
        deliver_to=tuple(map(text, many.get("DeliverTo", ()))),
        street=tuple(map(text, many.get("Street", ()))),
        city=text(required(found.get("City"), el, "City")),
        state=text_or_none(found.get("State")),
        postal_code=text_or_none(found.get("PostalCode")),
        country=text(country),
        iso_country_code=need_attr(country, "isoCountryCode"),
    )


def write_postal_address(out: list[str], value: PostalAddress) -> None:
    out.append(f"<PostalAddress{attr('name', value.name)}>")
    for line in value.deliver_to:
        leaf(out, "DeliverTo", line)
    for line in value.street:
        leaf(out, "Street", line)
    leaf(out, "City", value.city)
    if value.state is not None:
        leaf(out, "State", value.state)
    if value.postal_code is not None:
        leaf(out, "PostalCode", value.postal_code)
    leaf(out, "Country", value.country, attr("isoCountryCode", value.iso_country_code))
    out.append("</PostalAddress>")


def read_phone(el: etree._Element) -> Phone | None:
    number = first(el, "TelephoneNumber")
    if number is None:
        return None
    found = firsts(number)
    country = required(found.get("CountryCode"), number, "CountryCode")
    return _phone(
        name=el.get("name"),
        country_code=text(country),
        iso_country_code=need_attr(country, "isoCountryCode"),
        area_or_city_code=text(required(found.get("AreaOrCityCode"), number, "AreaOrCityCode")),
        number=text(required(found.get("Number"), number, "Number")),
        extension=text_or_none(found.get("Extension")),
    )


def write_phone(out: list[str], phone: Phone) -> None:
    out.append(f"<Phone{attr('name', phone.name)}><TelephoneNumber>")
    code = attr("isoCountryCode", phone.iso_country_code)
    leaf(out, "CountryCode", phone.country_code, code)
    leaf(out, "AreaOrCityCode", phone.area_or_city_code)
    leaf(out, "Number", phone.number)
    if phone.extension is not None:
        leaf(out, "Extension", phone.extension)
    out.append("</TelephoneNumber></Phone>")


def read_address(el: etree._Element) -> Address:
    """Read an Address element (the child of ShipTo or BillTo)."""
    found = firsts(el)
    name = required(found.get("Name"), el, "Name")
    postal = found.get("PostalAddress")
    phone = found.get("Phone")
    return _address(
        name=text(name),
        lang=name.get(XML_LANG) or "en",
        postal_address=None if postal is None else read_postal_address(postal),
        email=text_or_none(found.get("Email")),
        phone=None if phone is None else read_phone(phone),
        url=text_or_none(found.get("URL")),
        address_id=el.get("addressID"),
        address_id_domain=el.get("addressIDDomain"),
        iso_country_code=el.get("isoCountryCode"),
    )


def write_address(out: list[str], value: Address) -> None:
    attrs = (
        attr("isoCountryCode", value.iso_country_code)
        + attr("addressID", value.address_id)
        + attr("addressIDDomain", value.address_id_domain)
    )
    out.append(f"<Address{attrs}>")
    leaf(out, "Name", value.name, lang(value.lang))
    if value.postal_address is not None:
        write_postal_address(out, value.postal_address)
    if value.email is not None:
        leaf(out, "Email", value.email)
    if value.phone is not None:
        write_phone(out, value.phone)
    if value.url is not None:
        leaf(out, "URL", value.url)
    out.append("</Address>")


def read_wrapped_address(el: etree._Element | None) -> Address | None:
    """ShipTo or BillTo: the Address inside, or None when the wrapper is absent."""
    return None if el is None else read_address(need(el, "Address"))


def write_wrapped_address(out: list[str], tag: str, value: Address | None) -> None:
    if value is not None:
        out.append(f"<{tag}>")
        write_address(out, value)
        out.append(f"</{tag}>")


_CONTACT_LISTS = frozenset(("PostalAddress", "Email", "Phone", "Extrinsic"))


def read_contact(el: etree._Element) -> Contact:
    found, many = group(el, _CONTACT_LISTS)
    name = required(found.get("Name"), el, "Name")
    phones = (read_phone(child) for child in many.get("Phone", ()))
    return _contact(
        name=text(name),
        lang=name.get(XML_LANG) or "en",
        role=el.get("role"),
        address_id=el.get("addressID"),
        postal_addresses=tuple(map(read_postal_address, many.get("PostalAddress", ()))),
        emails=tuple(email for email in map(text, many.get("Email", ())) if email),
        phones=tuple(phone for phone in phones if phone is not None),
        extrinsics=read_extrinsic_list(many.get("Extrinsic", ())),
    )


def write_contacts(out: list[str], contacts: tuple[Contact, ...]) -> None:
    for contact in contacts:
        out.append(f"<Contact{attr('role', contact.role)}{attr('addressID', contact.address_id)}>")
        leaf(out, "Name", contact.name, lang(contact.lang))
        for postal in contact.postal_addresses:
            write_postal_address(out, postal)
        for email in contact.emails:
            leaf(out, "Email", email)
        for phone in contact.phones:
            write_phone(out, phone)
        write_extrinsics(out, contact.extrinsics)
        out.append("</Contact>")
