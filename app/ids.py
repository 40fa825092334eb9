"""Every component id of the map page, in one place: the layout, the callbacks and the tests use these, and the
JavaScript reads them from assets/constants.js, written from this module (python -m app.jsconst).
"""

from __future__ import annotations

NOTICE = "url-notice"
BOOT = "sk-boot"  # the index page's boot state (app/page/boot.py), a JSON data block

# time
SLIDER = "date-slider"
DATE_BIG = "date-big"
EVENT_IN_FORCE = "event-in-force"
PREV_EVENT = "prev-event"
NEXT_EVENT = "next-event"
PLAY = "play-pause"
SPEED = "play-speed"
TICKER = "play-ticker"

# mode and point of view
MODE = "mode"
POV = "pov"
DIFF = "diff-toggle"
EVENT_PICK = "event-pick"
NAMES = "names"
CLAUSE = "clause-panel"
MODE_DATE_BOX = "mode-date-box"
MODE_EVENT_BOX = "mode-event-box"
MAP_CAPTION = "map-caption"

# map
MAP = "map"
LEGEND = "legend"

# stores (shipped once)
PAINT_STORE = "paint-store"
EVENT_STORE = "event-store"
SETTLED = "settled-date"  # the slider's day once it stops changing (for the URL and the panels)
JS_READY = "js-ready"  # set once the clientside painter holds the stores

# territory story
UNIT = "unit-store"
UNIT_BUTTONS = "unit-buttons"
UNIT_BUTTON = "unit-button"  # pattern-matching type: {"type": UNIT_BUTTON, "index": unit_id}
PANEL = "unit-panel"
PANEL_CHART = "unit-chart"
PANEL_BODY = "unit-panel-body"
CLOSE_PANEL = "unit-close"

# interface language (app/i18n.py): the switch, and the page's language (constant per page)
LANG = "ui-lang"
LANG_STORE = "ui-lang-store"

# classroom: views, presentation and tour, compare, table, help, embed (callbacks/classroom.py, assets/classroom.js)
PAGE = "page"
NAV = "view-nav"
VIEW = "view-store"
VIEW_BUTTON = "view-button"  # pattern-matching type: {"type": VIEW_BUTTON, "index": view}
TOUR = "tour-store"
STEP = "step-store"
TOUR_STORE = "tour-data"  # the tours (shipped once)
AUTOPLAY = "autoplay-store"
PRESENT_BAR = "present-bar"
PRESENT_CAPTION = "present-caption"
PRESENT_STEP = "present-step"
PRESENT_LEGEND = "present-legend"
TOUR_START = "tour-start"
FULLSCREEN = "fullscreen"
EXIT_VIEW = "exit-view"
COMPARE = "compare-section"
CMP_A = "compare-a"
CMP_B = "compare-b"
CMP_A_TITLE = "compare-a-title"
CMP_B_TITLE = "compare-b-title"
CMP_A_LINES = "compare-a-lines"  # the key of side A: every row its map draws
CMP_B_LINES = "compare-b-lines"
CMP_DATE2 = "compare-date2"
CMP_DATE2_TEXT = "compare-date2-text"
CMP_POV2 = "compare-pov2"
CMP_EVENT2 = "compare-event2"
CMP_EVENT2_BOX = "compare-event2-box"
CMP_DATE2_BOX = "compare-date2-box"
CMP_SHOW = "compare-show"
CMP_CHANGES = "compare-changes"
CMP_PAINTED = "compare-painted"
TABLE = "table-section"
TABLE_BODY = "table-body"
TABLE_DATA = "table-data"
TABLE_CSV = "table-csv"
TABLE_DOWNLOAD = "table-download"
HELP = "help-section"
HELP_BODY = "help-body"
# content sent on first use (app/page/fragments.py, assets/lazy.js): GET /fragment/<name>/<lang>
HELP_FRAGMENT = "help"
KEYS_FRAGMENT = "keys"
EMBED_BAR = "embed-bar"
EMBED_LINK = "embed-open-full"
EMBED_CODE = "embed-code"

# the map-first frame (app/page/): regions, the details panel and its tabs, dialogs
APP_BAR = "app-bar"
MENU_BUTTON = "menu-button"
MAP_HEADER = "map-header"
SETTINGS = "settings"
TIME_BAR = "time-bar"
DATE_INPUT = "date-input"
SLIDER_TICKS = "slider-ticks"
DOC_HEADLINE = "doc-headline"
DOC_PREV = "doc-prev"
DOC_NEXT = "doc-next"
DETAILS = "details"
DETAILS_TOGGLE = "details-toggle"
DETAILS_TAB = "details-tab"  # a tab button's id is DETAILS_TAB + "-" + tab (why, place, key, table, sources)
KEY_IN_USE = "key-in-use"
KEY_CHIP = "key-chip"
SOURCES_LIST = "sources-list"
WHY = "why-panel"
DOC_STORE = "doc-store"  # per event: title and dates for the treaty-mode headline (shipped once)
GOV_STORE = "gov-store"  # the Russian/Soviet government's name per period (the point-of-view label)
SHARE_OPEN = "share-open"
SHARE_DIALOG = "share-dialog"
SHARE_LINK = "share-link"
SHARE_COPY = "share-copy"
SHARE_QR = "share-qr"
SHARE_COPIED = "share-copied"
KEYS_OPEN = "keys-open"
SHEET_HANDLE = "sheet-handle"
DETAILS_CLOSE = "details-close"
CMP_DATE2_INPUT = "compare-date2-input"
DOWNLOAD_OPEN = "download-open"
DOWNLOAD_DIALOG = "download-dialog"
KEYS_DIALOG = "keys-dialog"
KEYS_BODY = "keys-body"
PRESENT_POV = "present-pov"

# the Download dialog (app/page/download.py, assets/download.js): the figure, then the lesson
EXPORT_PANEL = "export-panel"
EXPORT_FORMAT = "export-format"
EXPORT_SIZE = "export-size"
EXPORT_WIDTH = "export-width-mm"
EXPORT_HEIGHT = "export-height-mm"
EXPORT_DPI = "export-dpi"
EXPORT_LANG = "export-lang"
EXPORT_NAMES = "export-names"
EXPORT_GRAY = "export-grayscale"
EXPORT_PATHS = "export-text-paths"
EXPORT_BUTTON = "export-button"
EXPORT_STATUS = "export-status"
EXPORT_LINK = "export-link"
LESSON_PANEL = "lesson-panel"
LESSON_WHAT = "lesson-what"
LESSON_FROM = "lesson-from"
LESSON_TO = "lesson-to"
LESSON_BY = "lesson-by"
LESSON_OUTPUT = "lesson-output"
LESSON_RESOLUTION = "lesson-resolution"
LESSON_SECONDS = "lesson-seconds"
LESSON_MAKE = "lesson-make"
LESSON_SAVE = "lesson-save"
LESSON_PROGRESS = "lesson-progress"
LESSON_STATUS = "lesson-status"
LESSON_LINK = "lesson-link"

# The page's size classes, in CSS px (assets/map.css's media queries; tests/unit/test_jsconst.py checks them):
# a phone up to PHONE_MAX_PX wide (bottom sheet), a drawer up to DRAWER_MAX_PX, a side panel above.
PHONE_MAX_PX = 767
DRAWER_MAX_PX = 1199
