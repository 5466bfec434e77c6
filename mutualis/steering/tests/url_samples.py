from mutualis.steering.models import Action, Adjustment, IndicatorDefinition, Milestone, Participation, Scheme
from mutualis.steering.tests.factories import (
    ActionFactory,
    AdjustmentFactory,
    IndicatorFactory,
    MilestoneFactory,
    ParticipationFactory,
    SchemeFactory,
)


def url_samples(base: dict) -> dict:
    action = ActionFactory(scheme=SchemeFactory(territory=base["commune_a"].territory))
    return {
        Scheme: action.scheme,
        Action: action,
        Milestone: MilestoneFactory(action=action),
        Participation: ParticipationFactory(action=action, organisation=base["commune_a"]),
        IndicatorDefinition: IndicatorFactory(action=action),
        Adjustment: AdjustmentFactory(action=action),
    }
