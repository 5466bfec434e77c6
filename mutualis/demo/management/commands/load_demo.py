from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from mutualis.demo.territory import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the Grand Dole demo territory. Running it twice gives the same state."

    def handle(self, *args, **options) -> None:
        # The demo's fictitious people get no email.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            territory = load_demo()
        self.stdout.write(
            f"{territory.name}: {territory.organisations.count()} organisations, {territory.sectors.count()} secteurs."
        )
        self.stdout.write(f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :")
        for email, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email}")
