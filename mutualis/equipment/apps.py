from datetime import date

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def lenders_and_borrowers(territory, start: date, end: date) -> set[int]:
    """Open to every member without an adhesion: who lent or borrowed an item during the period,
    as the indicator "equipment.participating_organisations" counts them."""
    from mutualis.equipment.indicators import loans_lent_during

    loans = loans_lent_during(territory, start, end)
    return set(loans.values_list("owner_id", flat=True)) | set(loans.values_list("borrower_id", flat=True))


class EquipmentConfig(AppConfig):
    name = "mutualis.equipment"
    verbose_name = _("Matériel partagé")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.equipment import permissions  # noqa: F401  (registers the rules)
        from mutualis.territory.models import Service

        terms.register(Service.EQUIPMENT, needs_adhesion=False, used_by=lenders_and_borrowers)
