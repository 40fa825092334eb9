"""Print-ready figure export: the map of a URL state as SVG, PDF or PNG, rendered on the server.

    from app.export import export_figure, ExportRequest
    result = export_figure(engine, ExportRequest(date=..., pov="japan", fmt="pdf", size="double"))
    result.data, result.filename, result.mimetype

Modules: sizes (page sizes and pixel maths), compose (the figure: map, title, legend, scale bar,
caption), render (kaleido: lazy, locked, offline), routes (GET /export), ui (the Dash panel),
cli (`python -m app export`). See docs/export.md.
"""

from __future__ import annotations

from app.export.compose import ExportRequest, ExportResult, export_figure

__all__ = ["ExportRequest", "ExportResult", "export_figure"]
