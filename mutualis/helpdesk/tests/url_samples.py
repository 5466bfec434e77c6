from django.core.files.base import ContentFile

from mutualis.helpdesk.models import Article, Attachment, Request, Status
from mutualis.helpdesk.tests.factories import ArticleFactory, MessageFactory, RequestFactory


def url_samples(base: dict) -> dict:
    """An answered request of commune A (so that every action has a row to act on)."""
    request = RequestFactory(organisation=base["commune_a"], created_by=base["bob"], status=Status.RESOLVED)
    MessageFactory(request=request)
    attachment = Attachment.objects.create(
        request=request, file=ContentFile(b"%PDF-1.4", name="deliberation.pdf"), name="deliberation.pdf",
        uploaded_by=base["bob"],
    )  # fmt: skip
    return {Request: request, Attachment: attachment, Article: ArticleFactory(territory=base["commune_a"].territory)}
