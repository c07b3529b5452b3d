"""Run on the "new machine" after a restore (`python -m tests.core.drill_check EMAIL`): prints,
as JSON, the rows per table and what the application serves of the logo and the document."""

import hashlib
import json
import sys

import django


def served_digests(client) -> dict[str, list]:
    """Status and SHA-256 of the logo and the project document as the pages serve them."""
    from django.urls import reverse

    from innonet.partners.models import Organisation
    from innonet.projects.models import ProjectDocument

    organisation = Organisation.objects.exclude(logo="").get()
    document = ProjectDocument.objects.get()
    served = {}
    for name, url in (
        ("logo", reverse("partners:organisation_logo", args=[organisation.pk])),
        ("document", reverse("projects:document_download", args=[document.pk])),
    ):
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        served[name] = [response.status_code, hashlib.sha256(body).hexdigest()]
    return served


def main(email: str) -> None:
    django.setup()
    from django.test import Client

    from conftest import sign_in
    from innonet.accounts.models import User
    from innonet.core.backups import table_counts

    counts = table_counts()  # before signing in adds a session
    client = sign_in(Client(), User.objects.get(email=email))
    print(json.dumps({"counts": counts, "served": served_digests(client)}))


if __name__ == "__main__":
    main(sys.argv[1])
