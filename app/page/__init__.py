"""The map-first frame, one module per region, each with a `create_*` factory (app/layout.py assembles them).

frame      the page: stores, the regions in a grid that fits the screen (assets/map.css), dialogs
app_bar    title, views, language, share, download
map_header the date as the headline (or the document in treaty mode), the point of view, settings
time_bar   date ⇄ treaty switch, ◀ ⏵ ▶, the slider with event ticks, the date input, the document picker
details    Why · Place · Key · Table · Sources: side panel, drawer or bottom sheet by width
present    presentation bar, caption and key; compare; embed; help; dialogs (share, download, keys)
"""
