"""The schéma's trends as charts: the same figures as the tables (`steering.figures`)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from mutualis.core.charts import Chart, bar_chart, line_chart
from mutualis.steering.figures import Balance, indicator_by_year
from mutualis.steering.models import Action, IndicatorDefinition


def indicator_chart(definition: IndicatorDefinition, today: date) -> Chart:
    """The indicator each year of its schéma against its target (dashed)."""
    rows = indicator_by_year(definition, today)
    value, target = _("Valeur"), _("Objectif")
    return line_chart(
        _("%(indicator)s : valeur et objectif par année") % {"indicator": definition.label},
        [str(year) for year, _target, _result in rows],
        {value: [result for _year, _target, result in rows], target: [t for _year, t, _result in rows]},
        x_title=_("Année"),
        y_title=definition.unit,
        unit=definition.unit,
        dashed=[target],
    )


def balance_chart(action: Action, by_year: dict[int, Balance], today: date) -> Chart:
    """Costs declared and revenues billed each year of the action's schéma (none for a year not begun)."""
    years = action.scheme.years
    return bar_chart(
        _("Action %(number)d : coûts et recettes par année") % {"number": action.number},
        [str(year) for year in years],
        {
            _("Coûts déclarés"): [by_year[year].costs if year <= today.year else None for year in years],
            _("Recettes facturées"): [by_year[year].revenues if year <= today.year else None for year in years],
        },
        x_title=_("Année"),
        money=True,
    )
