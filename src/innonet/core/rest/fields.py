"""Serializer fields that accept exactly what the schema documents."""

from rest_framework import serializers
from rest_framework.fields import empty


def is_whole_number(data) -> bool:
    """An id as JSON sends it: an integer, or a string of digits; never 1.5 or true."""
    if isinstance(data, bool):
        return False
    return isinstance(data, int) or (isinstance(data, str) and data.isascii() and data.isdigit())


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """DRF reads "" as null (a JSON client must send null explicitly), and Django would take
    1.5 or true as the id 1 (attack run, finding 11): both are refused."""

    def run_validation(self, data=empty):
        if data == "":
            self.fail("incorrect_type", data_type="str")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not is_whole_number(data):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)
