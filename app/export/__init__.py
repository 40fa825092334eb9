"""Print-ready figure export: the map of a URL state as SVG, PDF or PNG, rendered on the server.

    from app.export import export_figure, ExportRequest
    result = export_figure(engine, ExportRequest(date=..., pov="japan", fmt="pdf", size="double"))
    result.data, result.filename, result.mimetype

Modules: request (parameters, filenames), paint (what the map shows: app/cartography/resolve.py), geometry
(shapely), text (wrapping), caption (words), compose (page layout; the page's projection and label placer,
app/cartography), finish (SVG patterns; PDF, PNG), render (kaleido), series, routes (GET /export), ui (the Dash
panel), cli (`python -m app export`).
See docs/export.md.
"""

from __future__ import annotations

from app.export.compose import ExportResult, export_figure
from app.export.request import ExportRequest

__all__ = ["ExportRequest", "ExportResult", "export_figure"]
