"""The places of the workshops as open data, in the national format of digital mediation places:
the Table Schema « Lieux de médiation numérique » 1.0.2 of La MedNum and the ANCT, kept in `data/`
with its source (Licence Ouverte etalab-2.0).

One line per place (a host commune and the room named on its series) where a workshop is
published or was held. The `pivot` the schema requires is a SIRET: the territory's, as the
agglomeration runs the workshops (empty until the coordination enters it).
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from django.urls import reverse

from mutualis.notifications.services import absolute
from mutualis.territory.models import Territory
from mutualis.workshops.models import Series, Status, Theme

SCHEMA = Path(__file__).parent / "data" / "schema_mediation_numerique_v1.0.2.json"
FIELDS = [field["name"] for field in json.loads(SCHEMA.read_text(encoding="utf-8"))["fields"]]
PROCEDURES = "Aide aux démarches administratives"
TOOLS = "Maîtrise des outils numériques du quotidien"
EMPLOYMENT = "Insertion professionnelle via le numérique"
SERVICES = {theme: [PROCEDURES] for theme in Theme.values} | {Theme.TOOLS: [TOOLS],
                                                               Theme.EMPLOYMENT: [PROCEDURES, EMPLOYMENT]}  # fmt: skip
FREE = "Gratuit"
GROUP = "Dans un atelier collectif"
SUMMARY = ("Ateliers numériques gratuits, sur inscription : aide aux démarches en ligne (emploi, formation, "
           "logement, santé, mobilité, vie quotidienne) et prise en main des outils numériques.")  # fmt: skip


def international(phone: str) -> str:
    """A French number as the schema wants it (+33 and nine digits), else nothing."""
    digits = re.sub(r"\D", "", phone)
    return f"+33{digits[1:]}" if len(digits) == 10 and digits.startswith("0") else ""


def rows(territory: Territory, today: date) -> list[dict[str, str]]:
    series = (
        Series.objects.filter(territory=territory, sessions__status__in=(Status.PUBLISHED, Status.HELD))
        .select_related("organisation")
        .distinct()
        .order_by("organisation__search_name", "place", "pk")
    )
    programme = absolute(reverse("workshops:programme", kwargs={"siren": territory.siren}))
    places: dict[tuple[int, str], dict[str, str]] = {}
    for item in series:
        commune = item.organisation
        row = places.get((commune.pk, item.place))
        if row is None:
            row = places[(commune.pk, item.place)] = dict.fromkeys(FIELDS, "") | {
                "id": f"{territory.siren}-{commune.insee_code or commune.pk}-{len(places) + 1}",
                "pivot": territory.siret,
                "nom": f"Ateliers numériques – {item.place}, {commune.name}",
                "commune": commune.name,
                "code_postal": commune.postal_code,
                "code_insee": commune.insee_code,
                "adresse": commune.address.replace("\n", ", ") or item.place,
                "complement_adresse": item.place if commune.address else "",
                "latitude": str(commune.latitude or ""),
                "longitude": str(commune.longitude or ""),
                "typologie": "COMMUNE",
                "telephone": international(commune.phone),
                "courriels": commune.email,
                "site_web": programme,
                "presentation_resume": SUMMARY,
                "source": territory.name,
                "itinerance": "Fixe",
                "structure_parente": territory.name,
                "date_maj": today.isoformat(),
                "frais_a_charge": FREE,
                "modalites_acces": "Téléphoner|Prendre un RDV en ligne",
                "modalites_accompagnement": GROUP,
                "prise_rdv": programme,
            }
        services = row["services"].split("|") if row["services"] else []
        row["services"] = "|".join(dict.fromkeys([*services, *SERVICES[item.theme]]))
    return list(places.values())


def csv_content(territory: Territory, today: date) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(territory, today))
    return out.getvalue()
