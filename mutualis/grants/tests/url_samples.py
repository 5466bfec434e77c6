from mutualis.grants.models import Application, Document, Rules, Status
from mutualis.grants.tests.factories import ApplicationFactory, DocumentFactory, RulesFactory


def url_samples(base: dict) -> dict:
    """A file of commune A on the agenda (so that the instruction's actions have a row to act on)."""
    rules = RulesFactory(territory=base["commune_a"].territory)
    application = ApplicationFactory(organisation=base["commune_a"], rules=rules, status=Status.SCHEDULED)
    return {Rules: rules, Application: application, Document: DocumentFactory(application=application)}
