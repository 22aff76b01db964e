"""The ontology's terms as a closed namespace: a misspelt term fails at import."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

DIP_IRI = "https://w3id.org/dipkg/ontology#"
TOPIC_IRI = "https://w3id.org/dipkg/topic/"
ROLE_IRI = "https://w3id.org/dipkg/role/"
DEFAULT_BASE_IRI = "https://w3id.org/dipkg/id/"

SCHEMA = Namespace("https://schema.org/")


class DIP(DefinedNamespace):
    """Terms of ontology/diplomacy.ttl (a test checks both lists agree)."""

    _NS = Namespace(DIP_IRI)
    _fail = True

    # classes
    Person: URIRef
    Office: URIRef
    Meeting: URIRef
    Topic: URIRef
    Country: URIRef
    NewsArticle: URIRef
    OfficeHolding: URIRef
    HoldingStatus: URIRef
    Evidence: URIRef
    Role: URIRef
    Title: URIRef
    InternationalOrganization: URIRef
    # individuals and schemes
    Current: URIRef
    Former: URIRef
    Elect: URIRef
    Designate: URIRef
    Topics: URIRef
    Roles: URIRef
    # properties
    holdsOffice: URIRef
    country: URIRef
    organization: URIRef
    isoCode: URIRef
    participant: URIRef
    date: URIRef
    location: URIRef
    mode: URIRef
    topic: URIRef
    reportedIn: URIRef
    published: URIRef
    sourceFile: URIRef
    contentHash: URIRef
    mentionedIn: URIRef
    role: URIRef
    accreditedTo: URIRef
    holder: URIRef
    office: URIRef
    status: URIRef
    attestedOn: URIRef
    supportedBy: URIRef
    inArticle: URIRef
    quote: URIRef
    startOffset: URIRef
    endOffset: URIRef
    agency: URIRef
    via: URIRef
    dateline: URIRef
    duplicateSourceFile: URIRef
    # reference-data properties
    demonym: URIRef
    capital: URIRef
    aboutCountry: URIRef
    forRole: URIRef
    titleForm: URIRef
    titleCountry: URIRef
    officeTitle: URIRef
    NewsAgency: URIRef
    homeCountry: URIRef
