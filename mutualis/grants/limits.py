"""The limits of a fonds de concours, in cents: every amount asked, proposed, granted or paid is held to them.

- by law (CGCT L5216-5 VI): no more than the share the commune finances itself, other subsidies
  deducted; the fonds de concours and that share together make the cost less the subsidies, so
  the fonds de concours is at most half of it;
- the year's rate of the cost HT, and its ceiling per file;
- what is left of the envelope of the commune or of its sector, when the year has one.
At the balance, the same limits are computed again on the actual cost, and the grant is never
more than what they allow nor more than was granted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from mutualis.core.money import from_cents


def legal_ceiling(cost: int, other_subsidies: int) -> int:
    """Half of the cost less the other subsidies, rounded down to the cent (never negative)."""
    return max(cost - other_subsidies, 0) // 2


def rate_ceiling(cost: int, rate: Decimal) -> int:
    """`rate` percent of the cost, rounded down to the cent."""
    return int((Decimal(cost) * rate / 100).to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class Ceilings:
    legal: int
    rate: int
    file: int
    envelope_left: int | None = None  # None: the year has no envelope

    @property
    def binding(self) -> int:
        """The highest amount every limit allows."""
        limits = [self.legal, self.rate, self.file]
        if self.envelope_left is not None:
            limits.append(max(self.envelope_left, 0))
        return min(limits)

    def refusals(self, amount: int) -> list[str]:
        """Why `amount` is too high: one sentence per limit it exceeds, with the figure."""
        reasons = [
            (self.legal, _("la part financée par la commune, autres subventions déduites (%(limit)s €)")),
            (self.rate, _("le taux maximal de l'année appliqué au coût HT (%(limit)s €)")),
            (self.file, _("le plafond par dossier de l'année (%(limit)s €)")),
        ]
        if self.envelope_left is not None:
            reasons.append((max(self.envelope_left, 0), _("ce qui reste de l'enveloppe (%(limit)s €)")))
        return [reason % {"limit": euros(limit)} for limit, reason in reasons if amount > limit]


def ceilings(
    *, cost: int, other_subsidies: int, rate: Decimal, file_ceiling: int, envelope_left: int | None = None
) -> Ceilings:
    return Ceilings(
        legal=legal_ceiling(cost, other_subsidies),
        rate=rate_ceiling(cost, rate),
        file=file_ceiling,
        envelope_left=envelope_left,
    )


def final_amount(*, granted: int, actual_cost: int, other_subsidies: int, rate: Decimal, file_ceiling: int) -> int:
    """The grant on the actual cost: never more than granted, nor than the limits on the actual cost."""
    on_actual = ceilings(cost=actual_cost, other_subsidies=other_subsidies, rate=rate, file_ceiling=file_ceiling)
    return min(granted, on_actual.legal, on_actual.rate, on_actual.file)


def advance(*, granted: int, advance_rate: Decimal) -> int:
    """The advance: `advance_rate` percent of the grant, rounded down to the cent."""
    return rate_ceiling(granted, advance_rate)


def euros(cents: int) -> str:
    """French figure for a message: 10 000,00."""
    return formats.number_format(from_cents(cents), decimal_pos=2, use_l10n=True, force_grouping=True)
