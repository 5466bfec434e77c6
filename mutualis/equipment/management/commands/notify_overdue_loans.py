"""Email the borrower and the owner of every overdue loan, once per loan (run it daily from cron)."""

from django.core.management.base import BaseCommand

from mutualis.equipment.models import Loan
from mutualis.equipment.services import loan_notify_overdue


class Command(BaseCommand):
    help = "Signale par courriel les prêts de matériel non rendus à temps (une fois par prêt)."

    def handle(self, *args, **options) -> None:
        sent = 0
        for loan in Loan.objects.overdue().filter(overdue_notified_at__isnull=True).order_by("pk").iterator():
            sent += loan_notify_overdue(loan=loan)
        self.stdout.write(f"{sent} overdue loan(s) notified.")
