"""Every component id of the dashboard in one place.

The first block is a contract: browser tests, docs and users' bookmarks rely on these names.
"""

# Contract ids (do not rename).
TIMELINE = "timeline"
MAP = "map"
EVENT_TABLE = "event-table"
EVIDENCE = "evidence"
ACTOR_FILTER = "actor-filter"
TYPE_FILTER = "type-filter"
DATE_RANGE = "date-range"
EVENT_COUNT = "event-count"
DOWNLOAD_VIEW = "download-view"

# Internal ids.
URL = "url"
DOC_FILTER = "doc-filter"
TEXT_FILTER = "text-filter"
DATE_TEXT = "date-text"
MODE_FILTER = "mode-filter"
RESET = "reset-filters"
LANES = "timeline-lanes"
IMAGE_FORMAT = "image-format"
DOWNLOAD_VIEW_FILE = "download-view-file"
DOWNLOAD_RECORDS = "download-records"
RECORDS_FORMAT = "records-format"
DOWNLOAD_RECORDS_FILE = "download-records-file"
PLAY = "play"
PLAY_CUMULATIVE = "play-cumulative"
PLAY_INTERVAL = "play-interval"
PLAY_STATE = "play-state"
WINDOW_STORE = "time-window"
AREA_STORE = "map-area"
SELECTED_STORE = "selected-event"
EMPTY_STATE = "empty-state"
TABLE_NOTE = "table-note"
VIEW_NOTE = "view-note"
