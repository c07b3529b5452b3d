"""Route x role rows of the matching index's status page and its rebuild."""

from tests.access import LOGIN, READERS, Route, expect

ROUTES = [
    Route("matching:index_status", READERS),
    Route("matching:index_rebuild", expect(LOGIN, 403, 403, 403, 403, 302), method="POST"),
    Route("matching:index_rebuild", expect(LOGIN, 403, 403, 403, 403, 405)),
]
