from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PurchasingConfig(AppConfig):
    name = "mutualis.purchasing"
    verbose_name = _("Club Acheteurs et centrale d'achat")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.agreements.models import Instrument
        from mutualis.purchasing import permissions  # noqa: F401  (registers the rules)
        from mutualis.purchasing.services import membership_join
        from mutualis.purchasing.terms import is_engaged, needs_declared_by
        from mutualis.territory.models import Service

        def adhere(*, organisation, start, instrument, by):
            return membership_join(organisation=organisation, instrument=instrument, joined_on=start, by=by)

        terms.register(
            Service.PURCHASING,
            needs_adhesion=True,
            used_by=needs_declared_by,
            adhere=adhere,
            formulas=(Instrument.JOINT_PURCHASING, Instrument.PURCHASING_CENTRE),
        )
        terms.register_withdrawal_lock(is_engaged)
