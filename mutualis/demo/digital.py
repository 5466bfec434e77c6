"""Shared software and RGPD for the demo (action 9): the cemetery-management software the EPCI
bought and shares with nine communes (the seed), the EPCI's finance software offered to
communes, and Jouhe's record of processing activities; all through the services (the cemetery
software's training is a session of the network, see network.py).

The users adhere to the digital service (the software as subject); Biarne uses the cemetery
software under the convention that `activity.py` creates. The conventions of the adhesions in
force are signed, so the maintenance can be billed (conventions govern billing)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.agreements.models import Convention, Status
from mutualis.agreements.services import convention_send, convention_sign
from mutualis.digital.models import MaintenanceCost, ProcessingActivity, ShareBasis, Software
from mutualis.digital.record_templates import RECORD_TEMPLATES
from mutualis.digital.services import (
    maintenance_post,
    maintenance_set,
    processing_save,
    software_save,
    software_user_add,
)
from mutualis.territory.models import Membership, Organisation, Service, Territory

CEMETERY = "cart@CIM"
# The nine communes of the seed; Biarne (39051) joined in 2026, the others in 2024.
CEMETERY_USERS = ["39270", "39233", "39405", "39189", "39501", "39101", "39150", "39476", "39051"]
CEMETERY_MAINTENANCE = {2025: Decimal("1440.00"), 2026: Decimal("1620.00")}
FINANCE = "Civil Net Finances"
FINANCE_USERS = ["39526", "39189"]


def ensure_software(territory: Territory, name: str, by: User, **fields) -> Software:
    return Software.objects.filter(territory=territory, name=name).first() or software_save(
        software=Software(territory=territory, name=name, **fields), by=by
    )


def ensure_user(software: Software, organisation: Organisation, start: date, by: User, **fields) -> None:
    if not software.adhesions.filter(service=Service.DIGITAL, organisation=organisation).exists():
        software_user_add(software=software, organisation=organisation, start=start, by=by, **fields)


def signed_scan(convention: Convention) -> ContentFile:
    """A one-page PDF standing for the scan of the signed paper convention."""
    return one_page_pdf(f"Convention {convention.number} signee", f"convention-{convention.pk}-signee.pdf")


def one_page_pdf(line: str, name: str) -> ContentFile:
    """A one-page PDF with one line of text (accents dropped), standing for a scanned document."""
    text = unicodedata.normalize("NFKD", line).encode("ascii", "ignore")
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return ContentFile(pdf, name=name)


def sign_conventions(software: Software, by: User) -> None:
    """Send and sign the conventions of the software's adhesions in force, signed a fortnight
    before the adhesion starts (or today, for one starting later)."""
    today = timezone.localdate()
    for adhesion in software.adhesions.filter(service=Service.DIGITAL).open().select_related("convention"):
        convention = adhesion.convention
        if convention.status == Status.DRAFT:
            convention_send(convention=convention, by=by)
        if convention.status == Status.SENT:
            signed_on = min(adhesion.start - timedelta(days=15), today)
            convention_sign(convention=convention, signed_on=signed_on, signed_scan=signed_scan(convention), by=by)


def load_digital(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    manager = User.objects.get(email="numerique@mutualis.example")
    referent = Membership.objects.active().get(user=manager, organisation=epci)
    cemetery = ensure_software(
        territory, CEMETERY, manager, publisher="Cart@DS", purpose="Gestion administrative des cimetières",
        description="Plans des cimetières, concessions, registre des inhumations, échéances de renouvellement.",
        referent=referent, acquired_on=date(2023, 11, 15), acquisition_cost=Decimal("18500.00"),
        share_basis=ShareBasis.EQUAL,
    )  # fmt: skip
    finance = ensure_software(
        territory, FINANCE, manager, publisher="Ciril GROUP", purpose="Gestion financière et comptable",
        description="Le logiciel de gestion financière de la Communauté d'Agglomération, ouvert aux communes.",
        referent_name="Direction des finances, 03 84 00 00 00", share_basis=ShareBasis.POPULATION,
    )  # fmt: skip
    biarne_convention = Convention.objects.filter(
        territory=territory, title="Mise à disposition du logiciel de gestion des cimetières"
    ).first()
    for code in CEMETERY_USERS:
        biarne = code == "39051" and biarne_convention is not None
        ensure_user(cemetery, communes[code], date(2026 if code == "39051" else 2024, 1, 1), manager,
                    convention=biarne_convention if biarne else None)  # fmt: skip
    for code in FINANCE_USERS:
        ensure_user(finance, communes[code], date(2026, 3, 1), manager)
    for software in (cemetery, finance):
        sign_conventions(software, manager)
    for year, amount in CEMETERY_MAINTENANCE.items():
        if not MaintenanceCost.objects.filter(software=cemetery, year=year).exists():
            maintenance_set(software=cemetery, year=year, amount=amount, by=manager)
    # 2025 is shared out; 2026 waits for the manager.
    maintenance_post(software=cemetery, year=2025, by=manager)
    jouhe = communes["39270"]
    for fields in RECORD_TEMPLATES.values():
        if not ProcessingActivity.objects.filter(organisation=jouhe, name=str(fields["name"])).exists():
            values = {name: str(value) for name, value in fields.items()}
            processing_save(
                activity=ProcessingActivity(organisation=jouhe, contact="Secrétariat de mairie de Jouhe", **values),
                by=manager,
            )
