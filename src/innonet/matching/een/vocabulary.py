"""The words of the EEN partnering exchange format (version 1) and what they mean here.

The format follows the field set of the Enterprise Europe Network's partnering profiles; its
values are short English tokens so that a person can read and edit a file by hand. Each table
maps a token of the format to the value stored on `CooperationProfile` (docs/een-format.md).
"""

from ..models import (
    CooperationType,
    DevelopmentStage,
    IpStatus,
    PartnerSought,
    ProfileKind,
)

FORMAT_NAME = "innonet-een-partnering"
FORMAT_VERSION = "1.0"
SUPPORTED_MAJOR = "1"
XML_NAMESPACE = "urn:innonet:een-partnering:1"

# The profile types of the EEN (technology offer and request, business offer and request,
# R&D request); their long English names are read too.
KINDS = {
    "TO": ProfileKind.TECHNOLOGY_OFFER,
    "TR": ProfileKind.TECHNOLOGY_REQUEST,
    "BO": ProfileKind.BUSINESS_OFFER,
    "BR": ProfileKind.BUSINESS_REQUEST,
    "RDR": ProfileKind.RD_PARTNER_SEARCH,
}
KIND_NAMES = {
    "technology offer": "TO",
    "technology request": "TR",
    "business offer": "BO",
    "business request": "BR",
    "r&d request": "RDR",
    "research and development request": "RDR",
}

STAGES = {
    "concept": DevelopmentStage.CONCEPT,
    "under_development": DevelopmentStage.DEVELOPMENT,
    "prototype": DevelopmentStage.PROTOTYPE,
    "field_tested": DevelopmentStage.FIELD_TESTED,
    "on_the_market": DevelopmentStage.MARKET,
}

IPR = {
    "patents_applied": IpStatus.PATENT_APPLIED,
    "patents_granted": IpStatus.PATENT_GRANTED,
    "secret_know_how": IpStatus.SECRET,
    "copyright": IpStatus.COPYRIGHT,
    "other": IpStatus.OTHER,
}
# EEN statuses without a value of their own here: imported as "other protection", with a note.
IPR_AS_OTHER = ("design_rights", "trade_marks", "exclusive_rights")

PARTNER_TYPES = {
    "any": PartnerSought.ANY,
    "company": PartnerSought.COMPANY,
    "sme": PartnerSought.SME,
    "research": PartnerSought.RESEARCH,
}

COOPERATION_TYPES = {
    "commercial_agreement_with_technical_assistance": CooperationType.COMMERCIAL_WITH_ASSISTANCE,
    "licence_agreement": CooperationType.LICENCE,
    "technical_cooperation_agreement": CooperationType.TECHNICAL_COOPERATION,
    "research_cooperation_agreement": CooperationType.RESEARCH_COOPERATION,
    "joint_venture_agreement": CooperationType.JOINT_VENTURE,
    "manufacturing_agreement": CooperationType.MANUFACTURING,
    "services_agreement": CooperationType.SERVICES,
    "subcontracting": CooperationType.SUBCONTRACTING,
    "outsourcing_agreement": CooperationType.OUTSOURCING,
    "distribution_services_agreement": CooperationType.DISTRIBUTION,
    "commercial_agency_agreement": CooperationType.COMMERCIAL_AGENCY,
    "acquisition_agreement": CooperationType.ACQUISITION,
    "financial_agreement": CooperationType.FINANCIAL,
    "franchise_agreement": CooperationType.FRANCHISE,
    "reciprocal_production": CooperationType.RECIPROCAL_PRODUCTION,
}
# The American spelling a file may use.
COOPERATION_ALIASES = {"license_agreement": "licence_agreement"}

# Fields of a profile in the format, in the order they are written.
TEXT_FIELDS = ("title", "summary", "description", "advantages")
PROFILE_FIELDS = (
    "reference", "type", *TEXT_FIELDS, "stage_of_development", "ipr_status", "partner_sought",
    "cooperation_types", "deadline", "keywords", "competences", "ris3_fields", "client",
)  # fmt: skip
PARTNER_FIELDS = ("type", "role")
CLIENT_FIELDS = ("country", "organisation_type", "size")
# Lists and the name of one item in XML.
LIST_ITEMS = {
    "cooperation_types": "cooperation_type",
    "keywords": "keyword",
    "competences": "competence",
    "ris3_fields": "ris3_field",
}
NESTED = {"partner_sought": PARTNER_FIELDS, "client": CLIENT_FIELDS}
DOCUMENT_FIELDS = ("format", "version", "exported_at", "profiles")
# Read and shown, never stored on the profile: the importing organisation's own data counts.
INFORMATION_ONLY = ("reference", "client")


def reverse(table: dict[str, str]) -> dict[str, str]:
    """Stored value -> token of the format."""
    return {str(value): token for token, value in table.items()}
