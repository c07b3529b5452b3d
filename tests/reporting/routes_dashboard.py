"""Route x role rows for the figures: the dashboard, one indicator's records, the targets and
the indicators' REST routes. Staff and board read; only staff set targets."""

from tests.access import LOGIN, READERS, STAFF_ONLY, Route, expect

API_READERS = expect(401, 403, 403, 403, 200, 200)
SAVED = expect(LOGIN, 403, 403, 403, 403, 302)


def code(objs):
    return {"indicator": "RCO01"}


ROUTES = [
    Route("reporting:dashboard", READERS),
    Route("reporting:indicator_detail", READERS, kwargs=code),
    Route("reporting:targets", STAFF_ONLY),
    Route("reporting:targets", SAVED, "POST", data=lambda objs: {"target-partners": "120"}),
    Route("indicator-list", API_READERS),
    Route("indicator-detail", API_READERS, kwargs=code),
]
