"""The demo's agreements between networks: the host and the agri-tech network share with each
other, so the networks page and the partner-network manager's pages show what agreements do."""

from datetime import date, timedelta
from typing import Any

from innonet.networks.models import Network, NetworkAgreement

# (grantor key, grantee key, shares): the host shares everything with the agri-tech network;
# that network shares its formats, public events and profiles, not its contact persons.
AGREEMENTS = (
    ("host", "agrar", ("formats", "public_events", "profiles", "contacts")),
    ("agrar", "host", ("formats", "public_events", "profiles")),
)


def write_agreements(*, today: date, networks: dict[str, Network], staff: Any) -> dict:
    """Create the demo's agreements, or refresh them on a second load (one per direction)."""
    made = 0
    for grantor, grantee, shares in AGREEMENTS:
        flags = {
            f"shares_{name}": name in shares
            for name in ("formats", "public_events", "profiles", "contacts")
        }
        NetworkAgreement.objects.update_or_create(
            grantor=networks[grantor],
            grantee=networks[grantee],
            defaults={
                **flags,
                "valid_from": today - timedelta(days=365),
                "valid_until": None,
                "signed_by": staff,
                "signed_on": today - timedelta(days=380),
            },
        )
        made += 1
    return {"agreements": made}
