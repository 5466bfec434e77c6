"""The portal's views, one module per page (docs/architecture.md, "Layers": the portal reads the
services only through registries)."""

from mutualis.portal.views.home import home, worklist_entry

__all__ = ["home", "worklist_entry"]
