"""Route x role rows for the partners needing attention and their export: staff and the board
read them, nobody else (activity of partners is the office's knowledge)."""

from tests.access import READERS, Route

ROUTES = [
    Route("reporting:attention", READERS),
    Route("reporting:attention_export", READERS, kwargs=lambda objs: {"fmt": "csv"}),
    Route("reporting:attention_export", READERS, kwargs=lambda objs: {"fmt": "xlsx"}),
]
