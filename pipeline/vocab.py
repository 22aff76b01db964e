"""Every IRI base and prefix table of the project, and the ontology's terms as a closed
namespace (a misspelt term fails at import).

The ``https://w3id.org/dipkg/`` IRIs are part of the public contract (../CONTRACT.md):
no other module writes one out.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import DCTERMS, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

_DIPKG = "https://w3id.org/dipkg/"
DIP_IRI = _DIPKG + "ontology#"
TOPIC_IRI = _DIPKG + "topic/"
ROLE_IRI = _DIPKG + "role/"
SHAPES_IRI = _DIPKG + "shapes#"  # the shapes of shapes/ (prefix dsh:)
DEFAULT_BASE_IRI = _DIPKG + "id/"  # minted instance IRIs (Settings.base_iri)
DEFAULT_GRAPH = _DIPKG + "graph/diplomacy"  # named graphs of a triplestore loaded by `load`
ONTOLOGY_GRAPH = _DIPKG + "graph/ontology"

SH_IRI = "http://www.w3.org/ns/shacl#"
SH = Namespace(SH_IRI)
SCHEMA = Namespace("https://schema.org/")

# The kinds of minted node, each under its own folder of the base IRI (``iris.Minter``).
INSTANCE_KINDS = ("person", "office", "country", "organization", "meeting", "holding", "evidence", "article")

# Turtle prefixes of the exported graph (with ``instance_prefixes``).
GRAPH_PREFIXES = {
    "dip": DIP_IRI,
    "topic": TOPIC_IRI,
    "role": ROLE_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
}
# Turtle prefixes of validation-report.ttl.
REPORT_PREFIXES = {"sh": SH_IRI, "dsh": SHAPES_IRI, "dip": DIP_IRI, "rdf": str(RDF), "xsd": str(XSD)}
# Prefixes the pipeline's own SPARQL queries use (the report's, the evaluation's).
QUERY_PREFIXES = {"dip": DIP_IRI, "rdfs": str(RDFS), "skos": str(SKOS), "dct": str(DCTERMS), "sh": SH_IRI}


def instance_prefixes(base: str) -> dict[str, str]:
    """Prefixes for the minted IRIs under ``base``, one per kind of node."""
    return {kind: f"{base}{kind}/" for kind in INSTANCE_KINDS}


def sparql_prologue(prefixes: Mapping[str, str]) -> str:
    """The PREFIX lines of a SPARQL query."""
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in prefixes.items())


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


# A DefinedNamespace looks a term up on every access (about half a microsecond); RDF
# generation reads these terms millions of times, so each is stored once as a plain class
# attribute. An unknown name still fails: it is not among them.
for _name in DIP.__annotations__:
    type.__setattr__(DIP, _name, DIP._NS[_name])
