"""Remind the members that have not answered an open census, once per census, when its
deadline is near (run it daily from cron)."""

from django.core.management.base import BaseCommand

from mutualis.purchasing.services import census_remind, censuses_to_remind

DAYS_BEFORE = 7


class Command(BaseCommand):
    help = "Relance par courriel les adhérents qui n'ont pas répondu à un recensement des besoins."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=DAYS_BEFORE, help="jours avant la date limite")

    def handle(self, *args, **options) -> None:
        sent = sum(census_remind(consultation=c) for c in censuses_to_remind(options["days"]))
        self.stdout.write(f"{sent} member(s) reminded.")
