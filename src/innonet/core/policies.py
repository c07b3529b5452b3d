"""Permission policies of the core models."""

from . import permissions
from .models import AuditEntry, Competence, Country, District, Ris3Field

for model in (Ris3Field, Competence, District, Country):
    permissions.register(model)(permissions.PublicReadPolicy)

permissions.register(AuditEntry)(permissions.Policy)
