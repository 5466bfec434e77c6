from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """A trivial view: the benchmark's baseline and a load balancer's probe."""
    return HttpResponse("ok", content_type="text/plain")
