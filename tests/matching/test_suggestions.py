"""Staff ratings of suggestions: the service's rules, the rating form, and that the next
question with the same key uses them."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry
from innonet.matching import queries
from innonet.matching.models import Question, Rating, Suggestion
from innonet.matching.services.suggestions import rate
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

IDEA = reverse("matching:idea")
RATE = reverse("matching:rate")
TEXT = "Agrarsensorik Bodenfeuchte"


@pytest.fixture
def two():
    """Two organisations that both fit the idea, the first clearly better."""
    best = OrganisationFactory(
        name="Erste Agrarsensorik GmbH",
        description="Agrarsensorik: Bodenfeuchte messen, Bodenfeuchte melden, Agrarsensorik.",
    )
    second = OrganisationFactory(
        name="Zweite Technik GmbH", description="Wir bauen auch Agrarsensorik für Ställe."
    )
    return best, second


def order(user) -> list[int]:
    return [m.organisation.pk for m in queries.who_can_help(user, TEXT).matches]


def rate_idea(user, organisation, rating, **extra):
    return rate(
        user,
        question=Question.IDEA,
        source_key=queries.idea_key(TEXT),
        document_id=f"o:{organisation.pk}",
        organisation=organisation,
        score=0.5,
        reasons={"terms": ["agrarsensorik"]},
        rating=rating,
        query_text=TEXT,
        **extra,
    )


# The service ---------------------------------------------------------------------------------


def test_a_rating_is_stored_once_per_question_and_audited(staff_user, two):
    best, _second = two

    first = rate_idea(staff_user, best, Rating.BAD)
    again = rate_idea(staff_user, best, Rating.GOOD)

    assert first.pk == again.pk
    suggestion = Suggestion.objects.get()
    assert suggestion.rating == Rating.GOOD
    assert suggestion.rated_by == staff_user
    assert suggestion.rated_at is not None
    assert suggestion.query_text == TEXT
    assert suggestion.organisation == best
    entries = AuditEntry.objects.filter(action="matching.suggestion.rated").order_by("pk")
    assert [e.data["rating"] for e in entries] == [Rating.BAD, Rating.GOOD]
    assert entries[1].data["previous"] == Rating.BAD
    assert entries[0].actor == staff_user


def test_a_bad_rating_moves_the_organisation_out_of_the_top(staff_user, two):
    best, second = two
    assert order(staff_user) == [best.pk, second.pk]

    rate_idea(staff_user, best, Rating.BAD)

    after = order(staff_user)
    assert after[0] == second.pk
    assert best.pk not in after or after.index(best.pk) > after.index(second.pk)


def test_a_good_rating_moves_the_organisation_up(staff_user, two):
    best, second = two
    before = queries.who_can_help(staff_user, TEXT).matches
    assert [m.organisation for m in before] == [best, second]

    rate_idea(staff_user, second, Rating.GOOD)

    after = queries.who_can_help(staff_user, TEXT).matches
    assert after[0].organisation == second
    assert after[0].rating == Rating.GOOD
    assert after[0].score > before[1].score


def test_clearing_a_rating_restores_the_order(staff_user, two):
    best, second = two
    rate_idea(staff_user, best, Rating.BAD)
    assert order(staff_user)[0] == second.pk

    rate_idea(staff_user, best, Rating.NONE)

    assert order(staff_user) == [best.pk, second.pk]


def test_ratings_count_only_for_their_own_question(staff_user, two):
    best, _second = two
    rate_idea(staff_user, best, Rating.BAD)
    other = queries.who_can_help(staff_user, "Bodenfeuchte Agrarsensorik messen")
    assert other.source_key != queries.idea_key(TEXT)
    assert other.matches[0].organisation == best


@pytest.mark.parametrize("role", ["member", "board", "network_manager"])
def test_only_the_office_rates(role_users, two, role):
    with pytest.raises(DomainError):
        rate_idea(role_users[role], two[0], Rating.BAD)
    assert not Suggestion.objects.exists()
    assert not AuditEntry.objects.filter(action="matching.suggestion.rated").exists()


@pytest.mark.parametrize(
    "change",
    [
        {"question": "horoscope"},
        {"rating": 5},
        {"source_key": "x:1"},
        {"source_key": "q:" + "a" * 100},
        {"document_id": "o:abc"},
        {"document_id": "../../etc"},
        {"score": float("nan")},
        {"score": float("inf")},
        {"reasons": ["not", "a", "dict"]},
        {"query_text": "x" * 5001},
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(staff_user, two, change):
    arguments = {
        "question": Question.IDEA,
        "source_key": queries.idea_key(TEXT),
        "document_id": f"o:{two[0].pk}",
        "organisation": two[0],
        "score": 0.5,
        "reasons": {},
        "rating": Rating.BAD,
        **change,
    }
    with pytest.raises(DomainError):
        rate(staff_user, **arguments)
    assert not Suggestion.objects.exists()


# Through the pages ---------------------------------------------------------------------------


def names_on_page(client) -> list[str]:
    response = client.get(IDEA, {"text": TEXT})
    assert response.status_code == 200
    return [m.organisation.name for m in response.context["answer"].matches]


def rate_form(client, response, organisation, value: str) -> dict:
    """The hidden fields of the page's rating form for `organisation` with `value`."""
    match = next(m for m in response.context["answer"].matches if m.organisation == organisation)
    rating = response.context["rating"]
    return {
        **{k: v for k, v in rating.items() if v is not None},
        "document_id": match.key,
        "organisation": organisation.pk,
        "score": f"{match.score:.6f}",
        "reasons": match.reasons_json,
        "rating": value,
    }


def test_rating_on_the_page_changes_the_next_answer(staff_client, two):
    best, second = two
    response = staff_client.get(IDEA, {"text": TEXT})
    assert names_on_page(staff_client) == [best.name, second.name]
    content = response.content.decode()
    assert f'name="document_id" value="o:{best.pk}"' in content

    posted = staff_client.post(RATE, rate_form(staff_client, response, best, "-1"))

    assert posted.status_code == 302
    assert posted["Location"] == response.request["PATH_INFO"] + "?text=" + TEXT.replace(" ", "+")
    assert names_on_page(staff_client)[0] == second.name
    suggestion = Suggestion.objects.get()
    assert suggestion.question == Question.IDEA
    assert suggestion.query_text == TEXT
    assert json.loads(json.dumps(suggestion.reasons))["terms"]
    assert any(s["name"] == "text" for s in suggestion.reasons["signals"])


def test_the_rating_form_of_a_profile_question_names_its_source(staff_client, role_users):
    from .factories import ProfileFactory

    profile = ProfileFactory(organisation=role_users["member"].organisation)
    OrganisationFactory(name="Agrar Funk GmbH", description=profile.summary)
    url = reverse("matching:profile_matches", kwargs={"pk": profile.pk})
    response = staff_client.get(url)
    match = response.context["matches"][0]

    data = {
        **response.context["rating"],
        "document_id": match.key,
        "organisation": match.organisation.pk,
        "score": "0.3",
        "reasons": match.reasons_json,
        "rating": "1",
    }
    assert staff_client.post(RATE, data)["Location"] == url

    suggestion = Suggestion.objects.get()
    assert suggestion.source_key == f"p:{profile.pk}"
    assert suggestion.source_profile == profile
    assert suggestion.source_organisation == profile.organisation
    assert suggestion.question == Question.PROFILE
    again = staff_client.get(url).context["matches"]
    assert again[0].rating == Rating.GOOD


@pytest.mark.parametrize(
    "change",
    [
        {"organisation": "99999999999999999999999"},
        {"organisation": "abc"},
        {"score": "1e309"},
        {"score": "nan"},
        {"reasons": "{not json"},
        {"reasons": "[1, 2]"},
        {"rating": "7"},
        {"question": "nope"},
        {"source_key": ""},
        {"document_id": "x" * 41},
        {"source_event": "-1"},
        {"query_text": "x" * 5001},
        {"query_text": "a\x00b"},
    ],
)
def test_a_bad_rating_post_is_a_message_and_writes_nothing(staff_client, two, change):
    best, _second = two
    data = {
        "question": "idea",
        "source_key": queries.idea_key(TEXT),
        "document_id": f"o:{best.pk}",
        "organisation": best.pk,
        "score": "0.5",
        "reasons": "{}",
        "rating": "-1",
        "next": "/abgleich/?text=x",
        **change,
    }
    response = staff_client.post(RATE, data)
    assert response.status_code == 302
    assert response["Location"] == "/abgleich/?text=x"
    levels = [m.level_tag for m in get_messages(response.wsgi_request)]
    assert levels == ["error"]
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example", ""],
)
def test_the_rating_returns_only_to_pages_of_this_site(staff_client, two, target):
    best, _second = two
    data = {
        "question": "idea",
        "source_key": queries.idea_key(TEXT),
        "document_id": f"o:{best.pk}",
        "organisation": best.pk,
        "score": "0.5",
        "reasons": "{}",
        "rating": "1",
        "next": target,
    }
    response = staff_client.post(RATE, data)
    assert response.status_code == 302
    assert response["Location"] == IDEA
    assert Suggestion.objects.get().rating == Rating.GOOD
