"""Route x role rows for the EEN partnering files: export of one profile (its organisation and
the office), export of a selection (the office: what it sees; members: their organisation's),
and the import's upload (with a readable file) and confirmation (without a valid preview)."""

import json
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.access import LOGIN, Route, expect, pk_of

from .factories import ProfileFactory

CHANGE_A = expect(LOGIN, 200, 404, 404, 403, 200)
MINE_OR_ALL = expect(LOGIN, 200, 200, 403, 403, 200)
UPLOAD = expect(LOGIN, 200, 200, 403, 403, 200)
NO_PREVIEW = expect(LOGIN, 400, 400, 403, 403, 400)
ONLY_POST = expect(LOGIN, 405, 405, 405, 405, 405)


def objects(objs):
    own, other = objs["member"].organisation, objs["member_b"].organisation
    return {
        "een_profile_a": ProfileFactory(organisation=own, title="Sensorik für Feldversuche"),
        "een_profile_b": ProfileFactory(organisation=other, title="Lagerlogistik gesucht"),
    }


def _file(objs):
    """A one-profile file; `organisation` counts only for staff."""
    deadline = (timezone.localdate() + timedelta(days=100)).isoformat()
    profile = {
        "type": "TO",
        "title": "Drohnenbasierte Bestandsaufnahme",
        "summary": "Befliegungen mit Multispektralkameras für Ackerflächen.",
        "deadline": deadline,
    }
    content = json.dumps({"profiles": [profile]}).encode()
    return {
        "file": SimpleUploadedFile("profile.json", content, "application/json"),
        "organisation": objs["member"].organisation.pk,
    }


def _export(key, fmt):
    return lambda objs: {"pk": objs[key].pk, "fmt": fmt}


ROUTES = [
    Route("matching:profile_een_export", CHANGE_A, kwargs=_export("een_profile_a", "json")),
    Route("matching:profile_een_export", CHANGE_A, kwargs=_export("een_profile_a", "xml")),
    Route(
        "matching:profile_een_list_export",
        MINE_OR_ALL,
        kwargs=lambda objs: {"fmt": "json"},
        note="members get their own organisation's profiles",
    ),
    Route("matching:profile_een_list_export", MINE_OR_ALL, kwargs=lambda objs: {"fmt": "xml"}),
    Route("matching:profile_een_import", UPLOAD),
    Route(
        "matching:profile_een_import",
        UPLOAD,
        method="POST",
        data=_file,
        note="the preview: nothing is written",
    ),
    Route(
        "cooperation-profile-een",
        expect(401, 200, 404, 404, 403, 200),
        kwargs=pk_of("een_profile_a"),
        note="the REST API's EEN document: like the page's download",
    ),
    Route("matching:profile_een_import_confirm", ONLY_POST),
    Route(
        "matching:profile_een_import_confirm",
        NO_PREVIEW,
        method="POST",
        data=lambda objs: {"token": "forged"},
    ),
]
