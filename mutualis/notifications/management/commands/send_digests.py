from django.core.management.base import BaseCommand

from mutualis.notifications.services import digests_send


class Command(BaseCommand):
    help = "Email each person who chose the daily digest their unread notifications of the last day (run daily)."

    def handle(self, *args, **options) -> None:
        sent = digests_send()
        self.stdout.write(f"{sent} digest(s) sent.")
