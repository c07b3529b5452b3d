"""What the operators' monitoring sees: the detailed health check and the Prometheus metrics.

`/healthz` (core.views.health) stays the cheap check a load balancer polls. `/healthz/status`
runs every check of `health` and answers 200 or 503 with one JSON entry per check;
`/metrics` gives the figures of `metrics` in Prometheus's text format. Both answer only the
networks and the token that `access` allows, and a 404 to everyone else. `figures` reads the
background work's state from the database for both.

Submodules are imported where they are used: the outbox imports `metrics` to count mails, and
nothing heavier should come along with it.
"""
