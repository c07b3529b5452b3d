"""The REST framework's shared parts: base view sets, strict fields, filter backends, parsers,
pagination, permissions, error answers, `Idempotency-Key` and the schema extensions.

Every app's `api` module builds on these; `innonet.api` only routes. The stored answers of
repeated writes (`IdempotencyKey`) keep their app label `api`, so their table, migrations and
content type stayed as they were when this code moved here from `innonet.api`."""
