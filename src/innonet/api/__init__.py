"""The REST API's routes and schema; the shared REST parts live in `innonet.core.rest`,
serializers and view sets with their app (`<app>/api.py`)."""
