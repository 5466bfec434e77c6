from datetime import date
from decimal import Decimal

from mutualis.agreements.models import Adhesion
from mutualis.purchasing.models import Award, Consultation, Lot
from mutualis.purchasing.tests.factories import ArticleFactory, ClubAdhesionFactory, ConsultationFactory, LotFactory


def url_samples(base: dict) -> dict:
    """Commune A adheres to the club; the consultation's census is open; its lot 1 is awarded."""
    territory = base["commune_a"].territory
    adhesion = ClubAdhesionFactory(organisation=base["commune_a"])
    consultation = ConsultationFactory(territory=territory, census=True)
    lot = LotFactory(consultation=consultation, number=1)
    ArticleFactory(lot=lot)
    awarded = LotFactory(consultation=consultation, number=2)
    award = Award.objects.create(
        lot=awarded, decp_id="2026-1-2", supplier_name="Papeterie SA", supplier_siret="55204599900869",
        procedure="Procédure adaptée", offers_received=3, notified_on=date(2026, 3, 1), start=date(2026, 4, 1),
        end=date(2027, 4, 1), amount=Decimal("50000.00"),
    )  # fmt: skip
    return {Adhesion: adhesion, Consultation: consultation, Lot: lot, Award: award}
