"""What the engine's questions answer through the API: the output serializers (which the
schema documents) and the functions that turn an answer into them."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from innonet.partners.models import Organisation

from .. import queries


class OrganisationRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()


class ViaRef(serializers.Serializer):
    type = serializers.ChoiceField(choices=["unit", "profile"])
    id = serializers.IntegerField()
    name = serializers.CharField()


class SignalOut(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    share = serializers.IntegerField(help_text=_("Percent of the score."))


class ReasonsOut(serializers.Serializer):
    terms = serializers.ListField(child=serializers.CharField())
    fields = serializers.ListField(child=serializers.CharField())
    competences = serializers.ListField(child=serializers.CharField())
    ris3_fields = serializers.ListField(child=serializers.CharField())
    signals = SignalOut(many=True)


class MatchOut(serializers.Serializer):
    organisation = OrganisationRef()
    via = ViaRef(allow_null=True)
    networks = serializers.ListField(
        child=serializers.CharField(), help_text=_("The networks the partner belongs to.")
    )
    score = serializers.FloatField()
    reasons = ReasonsOut()


class AnswerOut(serializers.Serializer):
    source_key = serializers.CharField(help_text=_("Names the question, for staff ratings."))
    problem = serializers.CharField(help_text=_("Why nothing could be asked ('' if fine)."))
    results = MatchOut(many=True)


class ProfileRef(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()


class CounterpartOut(serializers.Serializer):
    profile = ProfileRef()
    organisation = OrganisationRef()
    score = serializers.FloatField()
    reasons = ReasonsOut()


class ProfileAnswerOut(AnswerOut):
    counterpart_profiles = CounterpartOut(many=True)


class ProblemOut(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class MemberOut(serializers.Serializer):
    organisation = OrganisationRef()
    covers = serializers.ListField(child=serializers.CharField())
    score = serializers.FloatField(allow_null=True)
    reasons = ReasonsOut(allow_null=True, help_text=_("null for a required member."))


class ConsortiumOut(serializers.Serializer):
    source_key = serializers.CharField()
    ok = serializers.BooleanField()
    coverage = serializers.IntegerField(help_text=_("Percent of the needed competences."))
    covered = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())
    members = MemberOut(many=True)
    problems = ProblemOut(many=True)


def _organisation(organisation: Organisation) -> dict:
    return {"id": organisation.pk, "name": organisation.name, "kind": organisation.kind}


def _via(match: queries.Match) -> dict | None:
    if match.via_unit is not None:
        return {"type": "unit", "id": match.via_unit.pk, "name": match.via_unit.name}
    if match.via_profile is not None:
        return {"type": "profile", "id": match.via_profile.pk, "name": match.via_profile.title}
    return None


def _match(match: queries.Match) -> dict:
    return {
        "organisation": _organisation(match.organisation),
        "via": _via(match),
        "networks": match.networks,
        "score": match.score,
        "reasons": match.reasons.as_dict(),
    }


def _counterpart(match: queries.Match) -> dict:
    profile = match.profile
    return {
        "profile": {"id": profile.pk, "title": profile.title, "kind": profile.kind},
        "organisation": _organisation(match.organisation),
        "score": match.score,
        "reasons": match.reasons.as_dict(),
    }


def _answer(answer: queries.Answer, **extra: Any) -> dict:
    body = {
        "source_key": answer.source_key,
        "problem": answer.problem,
        "results": [_match(m) for m in answer.matches],
    }
    return {**body, **extra}


def _consortium(answer: queries.ConsortiumAnswer) -> dict:
    return {
        "source_key": answer.source_key,
        "ok": answer.ok,
        "coverage": answer.coverage,
        "covered": answer.covered,
        "missing": answer.missing,
        "members": [
            {
                "organisation": _organisation(member.organisation),
                "covers": member.covers,
                "score": member.match.score if member.match else None,
                "reasons": member.match.reasons.as_dict() if member.match else None,
            }
            for member in answer.members
        ],
        "problems": [
            {"code": code, "message": str(queries.CONSORTIUM_PROBLEMS.get(code, code))}
            for code in answer.problems
        ],
    }
