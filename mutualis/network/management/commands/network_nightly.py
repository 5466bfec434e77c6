"""The network's nightly job (run it daily from cron): remind the communes whose agents' certificates
lapse within three months to register them to a recycling session (once per certificate)."""

from django.core.management.base import BaseCommand

from mutualis.network.services import recycling_reminders_send


class Command(BaseCommand):
    help = "Réseau et formations : rappelle aux communes les recyclages à prévoir avant la fin d'un certificat."

    def handle(self, *args, **options) -> None:
        reminded = recycling_reminders_send()
        self.stdout.write(f"{reminded} recycling reminder(s) sent.")
