"""The dashboard draws the missions per month: the table's numbers, every month of the year."""

from datetime import date

from django.urls import reverse

from mutualis.replacement.models import TimesheetStatus
from mutualis.replacement.tests.factories import AssignmentFactory, TimesheetFactory


def test_the_missions_chart_has_every_month_of_the_year_with_the_tables_numbers(login, remy, commune_a):
    mission = AssignmentFactory(
        request__organisation=commune_a, request__start=date(2026, 2, 2), request__end=date(2026, 3, 2)
    )
    TimesheetFactory(assignment=mission, week=date(2026, 2, 2), status=TimesheetStatus.VALIDATED)
    TimesheetFactory(assignment=mission, week=date(2026, 2, 9), status=TimesheetStatus.VALIDATED)
    response = login(remy).get(reverse("replacement:dashboard"), {"annee": 2026})
    headers, rows = response.context["missions_chart"].table
    assert headers == ["Mois", "Missions"]
    assert [row[0] for row in rows][:3] == ["janvier", "février", "mars"]
    assert len(rows) == 12
    assert rows[1] == ["février", 1]
    assert sum(row[1] for row in rows) == 1
    assert 'role="img"' in response.content.decode()
