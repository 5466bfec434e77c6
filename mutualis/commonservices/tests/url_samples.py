from mutualis.commonservices.models import CommissionMeeting, CommonService, CostLine, CostSheet
from mutualis.commonservices.tests.factories import CommissionMeetingFactory, CommonServiceFactory, CostLineFactory


def url_samples(base: dict) -> dict:
    """A service commun of territory A with a budget line, and a commission meeting with its minutes."""
    territory = base["commune_a"].territory
    line = CostLineFactory(sheet__service=CommonServiceFactory(territory=territory))
    return {
        CommonService: line.sheet.service,
        CostSheet: line.sheet,
        CostLine: line,
        CommissionMeeting: CommissionMeetingFactory(territory=territory),
    }
