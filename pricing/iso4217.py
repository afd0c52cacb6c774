"""ISO 4217 minor units: how many decimal places each active currency is rounded to.

The table lists the active alphabetic codes (ISO 4217 list one). Most currencies have two minor
digits; the exceptions are spelled out below. Codes without a minor unit ("N.A." in the list:
precious metals, SDR, testing and no-currency codes) are absent on purpose: nothing is priced
in them.
"""

from pricing.errors import UnknownCurrency

__all__ = ["MINOR_UNITS", "is_currency", "minor_unit"]

_ZERO_DIGITS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE_DIGITS = "BHD IQD JOD KWD LYD OMR TND"
_FOUR_DIGITS = "CLF UYW"
_TWO_DIGITS = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP "
    "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD "
    "FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD "
    "KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD "
    "NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP "
    "SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED "
    "VES WST XCD XCG YER ZAR ZMW ZWG"
)


def _table() -> dict[str, int]:
    table: dict[str, int] = {}
    groups = ((0, _ZERO_DIGITS), (2, _TWO_DIGITS), (3, _THREE_DIGITS), (4, _FOUR_DIGITS))
    for digits, codes in groups:
        for code in codes.split():
            if code in table:
                raise AssertionError(f"{code} listed twice")  # pragma: no cover
            table[code] = digits
    return table


MINOR_UNITS: dict[str, int] = _table()


def is_currency(code: object) -> bool:
    """Whether ``code`` is an active ISO 4217 alphabetic code with a minor unit."""
    return isinstance(code, str) and code in MINOR_UNITS


def minor_unit(code: str) -> int:
    """The number of decimal places ISO 4217 gives the currency ``code``."""
    try:
        return MINOR_UNITS[code]
    except (KeyError, TypeError):
        raise UnknownCurrency(f"{code!r} is not an active ISO 4217 currency code") from None
