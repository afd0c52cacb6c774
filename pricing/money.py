"""Money: a Decimal amount and an ISO 4217 code, and the one place where amounts are rounded.

Strategy: amounts are ``decimal.Decimal`` and nothing else (a float is refused when a Money is
built, and cannot be multiplied in). Two amounts in different currencies never meet: adding,
subtracting or comparing them raises ``CurrencyMismatch`` instead of converting. Arithmetic runs
in a private decimal context so a caller's ``decimal.getcontext()`` changes nothing, and rounding
is half-up to the currency's ISO 4217 minor unit (JPY 0, EUR 2, KWD 3 places), in
``round_amount`` only.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Context
from decimal import Decimal
from decimal import DivisionByZero
from decimal import InvalidOperation
from decimal import Overflow

from pricing.errors import CurrencyMismatch
from pricing.errors import InvalidMoney
from pricing.errors import UnknownCurrency
from pricing.iso4217 import MINOR_UNITS

__all__ = ["ARITHMETIC", "Money", "quantum", "round_amount"]

# Wide enough that no product of a price and a quantity is ever rounded before round_amount.
ARITHMETIC = Context(
    prec=40, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow]
)

_QUANTUM: dict[str, Decimal] = {code: Decimal(1).scaleb(-d) for code, d in MINOR_UNITS.items()}


def quantum(currency: str) -> Decimal:
    """The currency's minor unit as a Decimal exponent: 1 for JPY, 0.01 for EUR, 0.001 for KWD."""
    try:
        return _QUANTUM[currency]
    except (KeyError, TypeError):
        raise UnknownCurrency(f"{currency!r} is not an active ISO 4217 currency code") from None


def round_amount(amount: Decimal, currency: str) -> Decimal:
    """Round ``amount`` half-up to the minor unit of ``currency`` (ISO 4217 list one)."""
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_UP, context=ARITHMETIC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Money:
    """An amount of one currency. Never converted, never mixed with another currency."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if type(self.amount) is not Decimal:
            raise InvalidMoney(
                f"a Money amount must be a Decimal, not {type(self.amount).__name__}"
            )
        if not self.amount.is_finite():
            raise InvalidMoney(f"a Money amount must be finite, not {self.amount}")
        if self.currency not in _QUANTUM:
            raise UnknownCurrency(f"{self.currency!r} is not an active ISO 4217 currency code")

    def rounded(self) -> "Money":
        """This amount rounded half-up to the currency's minor unit."""
        return Money(amount=round_amount(self.amount, self.currency), currency=self.currency)

    def _same(self, other: object, operation: str) -> "Money":
        if not isinstance(other, Money):
            raise InvalidMoney(f"cannot {operation} Money and {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                f"cannot {operation} {self.currency} and {other.currency}: never converted"
            )
        return other

    def __add__(self, other: "Money") -> "Money":
        other = self._same(other, "add")
        return Money(amount=ARITHMETIC.add(self.amount, other.amount), currency=self.currency)

    def __sub__(self, other: "Money") -> "Money":
        other = self._same(other, "subtract")
        return Money(amount=ARITHMETIC.subtract(self.amount, other.amount), currency=self.currency)

    def __mul__(self, factor: Decimal | int) -> "Money":
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            raise InvalidMoney(f"Money can be multiplied by a Decimal, not {type(factor).__name__}")
        return Money(amount=ARITHMETIC.multiply(self.amount, factor), currency=self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> "Money":
        return Money(amount=-self.amount, currency=self.currency)

    def __lt__(self, other: "Money") -> bool:
        return self.amount < self._same(other, "compare").amount

    def __le__(self, other: "Money") -> bool:
        return self.amount <= self._same(other, "compare").amount

    def __gt__(self, other: "Money") -> bool:
        return self.amount > self._same(other, "compare").amount

    def __ge__(self, other: "Money") -> bool:
        return self.amount >= self._same(other, "compare").amount

    def __str__(self) -> str:
        return f"{self.currency} {self.amount}"
