"""The signed-in user's own account, as the API sees it."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import User


class MeSerializer(serializers.ModelSerializer):
    # Empty until the person chooses a language with the switch.
    language = serializers.ChoiceField(
        choices=User._meta.get_field("language").choices,
        allow_blank=True,
        read_only=True,
        label=User._meta.get_field("language").verbose_name,
    )

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "language", "role", "organisation", "network"]
        read_only_fields = fields


class MeView(APIView):
    """Who the token or session belongs to, and in which role it acts."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)
