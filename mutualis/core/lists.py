from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


def paginated(request: HttpRequest, rows: QuerySet | list, size: int = PAGE_SIZE) -> dict:
    """The page asked for, and the filters' query string for the pager and export links."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return {"page": Paginator(rows, size).get_page(request.GET.get("page")), "query": query.urlencode()}
