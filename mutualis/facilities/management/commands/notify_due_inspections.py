"""Email owners and inspectors about overdue and upcoming inspections (run it daily from cron;
a plan is reminded at most once a day)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from mutualis.facilities.services import reminders_send
from mutualis.territory.models import Territory


class Command(BaseCommand):
    help = "Rappelle par courriel les contrôles d'équipements sportifs en retard ou prévus d'ici 30 jours."

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        sent = sum(reminders_send(territory=territory, today=today) for territory in Territory.objects.order_by("pk"))
        self.stdout.write(f"{sent} inspection reminder(s) sent.")
