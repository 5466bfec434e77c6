"""What taking part in the purchasing club means, registered with `agreements.terms` at start-up.

The club needs a standing adhesion (formula: groupement de commandes or centrale d'achat);
it was used in a period by the organisations that declared needs then. A member engaged in
a consultation launched with its needs leaves only with the Bureau's leave while the
consultation runs or its contracts do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mutualis.agreements.models import Adhesion
from mutualis.purchasing.models import LAUNCHED_STATUSES, Answer, Consultation, ConsultationStatus
from mutualis.territory.models import Service, Territory


def needs_declared_by(territory: Territory, start: date, end: date) -> Iterable[int]:
    """Ids of the organisations that declared needs in a census of the territory in [start, end)."""
    answers = Answer.objects.filter(consultation__territory=territory).answered_during(start, end).with_needs()
    return answers.values_list("organisation_id", flat=True).distinct()


def is_engaged(adhesion: Adhesion, on: date) -> bool:
    """Has the member needs, under this formula, in a launched consultation still running or
    whose contracts still run on `on`?"""
    if adhesion.service != Service.PURCHASING:
        return False
    consultations = Consultation.objects.filter(
        territory_id=adhesion.territory_id,
        instrument=adhesion.instrument,
        status__in=LAUNCHED_STATUSES,
        needs__organisation_id=adhesion.organisation_id,
    )
    running = consultations.filter(status=ConsultationStatus.LAUNCHED) | consultations.filter(lots__award__end__gt=on)
    return running.exists()
