"""OpenAPI description of innonet's token authentication."""

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "innonet.accounts.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Personal API token (inn_…), created on the API tokens page.",
        }


ERROR_RESPONSES = {
    "400": "The input was invalid; the body names each field and its problem.",
    "401": "No valid credentials (missing, expired or revoked token).",
    "403": "Signed in, but this role or token scope may not do this.",
    "404": "No such object, or not visible to you.",
    "405": "Method not allowed.",
    "406": "Unsupported Accept header.",
    "415": "Unsupported media type.",
    "429": "Too many requests; retry later.",
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}


def add_error_responses(result, generator, request, public):
    """Document the error answers every operation can give, so clients know all status codes."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR_SCHEMA}},
                    },
                )
    return result


class AutoSchema(openapi.AutoSchema):
    """Marks reads of public reference data (taxonomies) as possible without credentials."""

    def get_auth(self):
        auth = super().get_auth()
        public_read = getattr(self.view, "public_read", False)
        if public_read and self.method in ("GET", "HEAD") and {} not in auth:
            auth.append({})
        return auth
