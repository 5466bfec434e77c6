from mutualis.steering.models import Action, Adjustment, IndicatorDefinition, Milestone, Scheme
from mutualis.steering.tests.factories import (
    ActionFactory,
    AdjustmentFactory,
    IndicatorFactory,
    MilestoneFactory,
    SchemeFactory,
)


def url_samples(base: dict) -> dict:
    action = ActionFactory(scheme=SchemeFactory(territory=base["commune_a"].territory))
    return {
        Scheme: action.scheme,
        Action: action,
        Milestone: MilestoneFactory(action=action),
        IndicatorDefinition: IndicatorFactory(action=action),
        Adjustment: AdjustmentFactory(action=action),
    }
