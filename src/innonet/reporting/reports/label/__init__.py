"""The cluster label evidence: what a cluster excellence assessment (ESCA's cluster label,
EUCLES) asks for, for a chosen period, computed by the same indicator engine as the funder's
report and issued, frozen and rendered the same way (reporting.services)."""
