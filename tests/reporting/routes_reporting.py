"""Route x role rows for the pages that read across apps: the start page of every role and
the project figures."""

from tests.access import PUBLIC, SIGNED_IN, Route

ROUTES = [
    Route("reporting:home", PUBLIC),
    Route("reporting:project_funnel", SIGNED_IN),
]
