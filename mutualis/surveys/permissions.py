"""Who may do what with surveys: the coordination writes, sends and reads everything; once a
survey is closed, every member of the territory reads its aggregated results."""

import rules

from mutualis.territory.permissions import is_coordinator, is_territory_member
from mutualis.territory.scopes import sees


@rules.predicate
def is_draft(user, obj) -> bool:
    return obj.is_draft


@rules.predicate
def is_open(user, survey) -> bool:
    return survey.is_open


@rules.predicate
def is_closed(user, survey) -> bool:
    return survey.is_closed


# On the territory.
rules.add_perm("surveys.view_surveys", is_territory_member)
rules.add_perm("surveys.create_survey", is_coordinator)
# On a Survey.
rules.add_perm("surveys.view_survey", sees)
rules.add_perm("surveys.change_survey", is_coordinator & ~is_closed)
rules.add_perm("surveys.open_survey", is_coordinator & is_draft)
rules.add_perm("surveys.close_survey", is_coordinator & is_open)
rules.add_perm("surveys.send_survey", is_coordinator & is_open)
rules.add_perm("surveys.view_results", is_coordinator | (is_territory_member & is_closed))
rules.add_perm("surveys.view_answers", is_coordinator)
# On a Survey (to add) or a Question (to change or delete): only while the survey is a draft.
rules.add_perm("surveys.change_questions", is_coordinator & is_draft)
