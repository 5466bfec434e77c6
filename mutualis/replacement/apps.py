from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplacementConfig(AppConfig):
    name = "mutualis.replacement"
    verbose_name = _("Service de remplacement")

    def ready(self) -> None:
        from mutualis.agreements import terms
        from mutualis.replacement import permissions  # noqa: F401  (registers the rules)
        from mutualis.replacement.models import hosting_organisations
        from mutualis.replacement.services import adhesion_create
        from mutualis.territory.models import Service

        def adhere(*, organisation, start, instrument, by):
            return adhesion_create(organisation=organisation, start=start, by=by)

        # Only an adhering organisation may ask for an agent (services.request_create).
        terms.register(Service.REPLACEMENT, needs_adhesion=True, used_by=hosting_organisations, adhere=adhere)
