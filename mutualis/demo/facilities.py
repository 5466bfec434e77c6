"""Sports facilities for the demo (action 1): goals, hoops, a city-stade and a playground in a few
communes, with their inspection plans and past inspections (one overdue, one due soon), all
through the facilities services. Dates count back from the day the demo is first loaded."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.facilities.models import Compliance, Facility, FacilityKind, InspectionKind, InspectionPlan, PeriodUnit
from mutualis.facilities.services import facility_declare, inspection_record, maintenance_record, plan_save
from mutualis.territory.models import Organisation, Territory

# (INSEE code, kind, name, address, standard, plans [(kind, every, unit)], inspections [(kind, days ago, compliance,
#  findings, actions)])
FACILITIES = [
    ("39270", FacilityKind.FOOTBALL_GOAL, "Buts de football du stade", "Stade municipal, Jouhe", "NF EN 748",
     [(InspectionKind.MAIN, 12, PeriodUnit.MONTHS), (InspectionKind.ROUTINE, 1, PeriodUnit.MONTHS)],
     [(InspectionKind.MAIN, 350, Compliance.COMPLIANT, "Essai de basculement et fixations conformes.", ""),
      (InspectionKind.ROUTINE, 45, Compliance.MINOR, "Filet du but sud déchiré sur 30 cm.", "Remplacer le filet.")]),
    ("39233", FacilityKind.MULTISPORT, "City-stade des Vignes", "Rue des Vignes, Foucherans", "NF EN 15312",
     [(InspectionKind.MAIN, 12, PeriodUnit.MONTHS), (InspectionKind.OPERATIONAL, 3, PeriodUnit.MONTHS)],
     [(InspectionKind.MAIN, 200, Compliance.COMPLIANT, "Structure, panneaux et paniers en bon état.", ""),
      (InspectionKind.OPERATIONAL, 20, Compliance.COMPLIANT, "Serrage des fixations vérifié.", "")]),
    ("39233", FacilityKind.BASKETBALL_HOOP, "Panier de basket de l'école", "Cour de l'école, Foucherans",
     "NF EN 1270", [(InspectionKind.MAIN, 12, PeriodUnit.MONTHS)],
     [(InspectionKind.MAIN, 30, Compliance.MAJOR, "Platine de fixation fissurée, panneau instable.",
       "Interdire l'accès et remplacer la platine.")]),
    ("39526", FacilityKind.PLAYGROUND, "Aire de jeux du parc", "Parc municipal, Tavaux", "NF EN 1176",
     [(InspectionKind.MAIN, 12, PeriodUnit.MONTHS), (InspectionKind.ROUTINE, 7, PeriodUnit.DAYS)],
     [(InspectionKind.MAIN, 120, Compliance.COMPLIANT, "Sols amortissants et toboggan conformes.", ""),
      (InspectionKind.ROUTINE, 3, Compliance.COMPLIANT, "Aucun objet dangereux, balançoires en place.", "")]),
]  # fmt: skip


def load_facilities(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    inspector = User.objects.get(email="expertise@mutualis.example")
    today = timezone.localdate()
    for insee_code, kind, name, address, standard, plans, inspections in FACILITIES:
        owner = communes[insee_code]
        if Facility.objects.filter(owner=owner, name=name).exists():
            continue
        facility = facility_declare(owner=owner, kind=kind, name=name, address=address, standard=standard,
                                    by=inspector)  # fmt: skip
        for plan_kind, every, unit in plans:
            plan = InspectionPlan(facility=facility, kind=plan_kind, every=every, unit=unit,
                                  starts_on=today - timedelta(days=400), done_by="Cellule d'expertise")  # fmt: skip
            plan_save(plan=plan, by=inspector)
        for inspection_kind, days_ago, compliance, findings, actions in inspections:
            inspection_record(
                facility=facility, kind=inspection_kind, inspected_on=today - timedelta(days=days_ago),
                inspector=inspector, findings=findings, compliance=compliance, actions_required=actions, by=inspector,
            )  # fmt: skip
    goals = Facility.objects.get(owner=communes["39270"], name="Buts de football du stade")
    if not goals.maintenances.exists():
        maintenance_record(facility=goals, done_on=today - timedelta(days=40), description="Filet du but sud remplacé.",
                           done_by="Services techniques de Jouhe", by=inspector)  # fmt: skip
