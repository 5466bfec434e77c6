"""Sentences of the annual report built from figures, with French agreement in number."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def organisations_phrase(communes: int, others: int) -> str:
    """ "14 communes et 5 autres organismes", "1 commune", "3 organismes"; empty for none."""
    parts = []
    if communes:
        parts.append(ngettext("%(n)d commune", "%(n)d communes", communes) % {"n": communes})
    if others and communes:
        parts.append(ngettext("%(n)d autre organisme", "%(n)d autres organismes", others) % {"n": others})
    elif others:
        parts.append(ngettext("%(n)d organisme", "%(n)d organismes", others) % {"n": others})
    return _(" et ").join(parts)


def participation_sentence(communes: int, others: int, year: int) -> str:
    """ "En 2024, 14 communes et 5 autres organismes ont pris part à l'action." """
    total = communes + others
    if not total:
        return _("En %(year)d, aucune commune ni aucun autre organisme n'a pris part à l'action.") % {"year": year}
    who = organisations_phrase(communes, others)
    return ngettext(
        "En %(year)d, %(who)s a pris part à l'action.", "En %(year)d, %(who)s ont pris part à l'action.", total
    ) % {"year": year, "who": who}


def milestones_sentence(done: int, late: int) -> str:
    """ "2 échéances ont été tenues ; 1 échéance est en retard." """
    if done:
        first = ngettext("%(n)d échéance a été tenue", "%(n)d échéances ont été tenues", done) % {"n": done}
    else:
        first = _("Aucune échéance n'a été tenue")
    if late:
        second = ngettext("%(n)d échéance est en retard", "%(n)d échéances sont en retard", late) % {"n": late}
    else:
        second = _("aucune n'est en retard")
    return _("%(first)s ; %(second)s.") % {"first": first, "second": second}


def adjustments_sentence(count: int) -> str:
    if not count:
        return _("Aucun ajustement n'a été proposé.")
    return ngettext(
        "%(n)d ajustement a été proposé par le comité technique.",
        "%(n)d ajustements ont été proposés par le comité technique.",
        count,
    ) % {"n": count}
