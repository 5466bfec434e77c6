"""The digital workshops' nightly job (run it daily from cron): remind by email the inhabitants
registered for tomorrow's workshops, then erase the personal data kept past the retention period."""

from django.core.management.base import BaseCommand

from mutualis.workshops.services import participants_purge, reminders_send


class Command(BaseCommand):
    help = (
        "Ateliers numériques : rappelle l'atelier la veille aux inscrits, puis efface les données personnelles échues."
    )

    def handle(self, *args, **options) -> None:
        reminded = reminders_send()
        purged = participants_purge()
        self.stdout.write(f"{reminded} reminder(s) sent, {purged} participant(s) erased.")
