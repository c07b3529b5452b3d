"""Serializer fields that accept exactly what the schema documents."""

from rest_framework import serializers
from rest_framework.fields import empty


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """DRF reads "" as null for related fields; a JSON client must send null explicitly."""

    def run_validation(self, data=empty):
        if data == "":
            self.fail("incorrect_type", data_type="str")
        return super().run_validation(data)
