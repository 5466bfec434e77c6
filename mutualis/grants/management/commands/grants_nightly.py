"""The fonds de concours' nightly job (run it daily from cron): remind the communes whose grant
lapses soon if the works do not start, then close the grants whose deadline passed."""

from django.core.management.base import BaseCommand

from mutualis.grants.services import applications_lapse, lapse_reminders_send


class Command(BaseCommand):
    help = "Fonds de concours : rappelle le début des travaux avant caducité, puis clôt les fonds de concours caducs."

    def handle(self, *args, **options) -> None:
        reminded = lapse_reminders_send()
        lapsed = applications_lapse()
        self.stdout.write(f"{reminded} lapse reminder(s) sent, {lapsed} grant(s) lapsed.")
