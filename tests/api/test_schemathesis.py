"""Property-based API tests against the OpenAPI schema, with a token per role (item 12).

Every generated request must answer without a server error, with a documented status code and
a body that matches the schema; tokens never reach more than their role allows.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from innonet.accounts import services
from innonet.matching.models import Visibility
from innonet.wsgi import application
from tests.content.publication_factories import KnowledgeArticleFactory, NewsFactory, TagFactory
from tests.factories import (
    CompetenceFactory,
    EventFactory,
    FormatFactory,
    OrganisationFactory,
    RegistrationFactory,
    Ris3FieldFactory,
    UserFactory,
)
from tests.matching.factories import IntroductionFactory, ProfileFactory
from tests.projects.calls import make_call
from tests.projects.factories import PartnerFactory, ProjectFactory
from tests.reporting.factories import issued_report

# The coverage phase enumerates every boundary case of every operation for every role, which
# took over ten minutes here; the examples and fuzzing phases with a fixed budget keep the
# suite fast while still sending malformed and hostile bodies to every operation.
# positive_data_acceptance is off: schema-valid input may still break a business rule (a name
# that exists in another letter case, a filter on a competence that does not exist) and is then
# rightly refused with a documented 400.
CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "checks": {"positive_data_acceptance": {"enabled": False}},
    }
)


@pytest.fixture
def api_schema(db):
    Ris3FieldFactory.create_batch(2)
    CompetenceFactory()
    # One format, event and registration, so list answers have rows to check against the schema.
    FormatFactory()
    RegistrationFactory(event=EventFactory(capacity=None))
    # A call with a deadline and a project with a partner, for the projects' answers.
    call = make_call()
    project = ProjectFactory(call=call, programme=call.programme, confidentiality="network")
    partner = PartnerFactory(project=project)
    # A profile and an introduction, for the matchmaking answers.
    ProfileFactory(organisation=partner.organisation, visibility=Visibility.PUBLIC)
    IntroductionFactory(
        first_organisation=partner.organisation,
        second_organisation=OrganisationFactory(),
        topic="Bodenfeuchte",
    )
    # A tagged news item, a draft and an article, for the answers of news and the knowledge base.
    NewsFactory(tags=[TagFactory(name="Förderung")])
    NewsFactory(published_at=None, audience="members")
    KnowledgeArticleFactory()
    # An issued funder's report, for the reports' answers (content and files).
    issued_report()
    # The real WSGI handler closes "old" connections around each request; inside the test's
    # transaction that would close the test connection on PostgreSQL. Django's test client
    # does the same disconnecting.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10"))
HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every run; raise SCHEMATHESIS_EXAMPLES to explore
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Without a token, and with a read token, a write is refused before its body is read, so more
# bodies would only repeat the same refusal; the roles that may write get more cases, staff
# (who may write almost everything) the most.
FEWER = settings(HYPOTHESIS, max_examples=max(1, EXAMPLES * 3 // 10))
HALF = settings(HYPOTHESIS, max_examples=max(1, EXAMPLES // 2))


def token_headers(role: str, scope: str) -> dict[str, str]:
    user = UserFactory(role=role)
    _, plain = services.api_token_create(
        user, name="schemathesis", scope=scope, days=1, acting_user=user
    )
    return {"Authorization": f"Bearer {plain}"}


@schema.parametrize()
@FEWER
def test_api_as_anonymous(case):
    case.call_and_validate()


@schema.parametrize()
@HALF
def test_api_as_member(case):
    case.call_and_validate(headers=token_headers("member", "write"))


@schema.parametrize()
@HALF
def test_api_as_network_manager(case):
    case.call_and_validate(headers=token_headers("network_manager", "write"))


@schema.parametrize()
@FEWER
def test_api_as_board_with_read_token(case):
    case.call_and_validate(headers=token_headers("board", "read"))


@schema.parametrize()
@HYPOTHESIS
def test_api_as_staff(case):
    case.call_and_validate(headers=token_headers("staff", "write"))
