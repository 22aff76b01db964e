"""Who holds which office, from the titles around names.

A title belongs to a name when it stands right before it (``PM Ishiba``), in
apposition after or before it (``George Glass, the US Ambassador to Japan,``), in a
relative clause (``who previously served as defense minister``) or as a predicate
(``X became premier``). A definite title with no name (``the premier``) refers back to
the person holding that office in the article.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.nlp import marked_spans
from pipeline.extract.persons import People
from pipeline.extract.title_lookup import office_title_for, resolve_title
from pipeline.extract.title_mentions import TitleMention, portfolio_role
from pipeline.records import HoldingClaim, OfficeRef, ParsedArticle, Status

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PAST_MARKERS = frozenset({"previously", "formerly", "once", "earlier", "ex"})
_PREDICATE_VERBS = frozenset(
    {"be", "become", "remain", "serve", "appoint", "name", "elect", "nominate", "succeed"}
)


@dataclass(frozen=True)
class LinkedTitle:
    mention: TitleMention
    person: str | None
    status: Status
    country: str | None  # the title's country, or one stated after the name ("X of Spain")


def link_titles(
    docs: Sequence[Doc],
    titles: Sequence[TitleMention],
    people: People,
    *,
    headlines: frozenset[int] = frozenset(),
) -> list[LinkedTitle]:
    """Attach each title to the person it describes, if any."""
    linked = []
    for title in titles:
        doc = docs[title.sentence]
        person, status, country = None, title.status, title.country
        if title.sentence in headlines:
            pass  # "Kang, Australian PM discuss ...": headlines drop the words that say who is who
        elif not title.plural:
            person = _adjacent_person(doc, title, people)
            if person is not None and country is None:
                country = _country_after_name(doc, title, people)
            if person is None:
                person, status = _clausal_person(doc, title, people)
        linked.append(LinkedTitle(title, person, status, country))
    return _coordinated_titles(docs, linked)


def _coordinated_titles(docs: Sequence[Doc], linked: list[LinkedTitle]) -> list[LinkedTitle]:
    """ "State Councilor and Foreign Minister Wang Yi", "Prime Minister and Minister for
    Foreign Affairs, Sitiveni Rabuka": a title joined by "and" to the next one that names
    a person is that person's title too (and shares its country)."""
    result = list(linked)
    for i in range(len(result) - 2, -1, -1):
        first, second = result[i], result[i + 1]
        if first.person is not None or first.mention.plural or second.person is None:
            continue
        if first.mention.sentence != second.mention.sentence:
            continue
        doc = docs[first.mention.sentence]
        if doc[second.mention.span_start].lower_ in ("the", "a", "an", "his", "her"):
            continue  # "the minister and the Ethiopian Ambassador, X": two people
        between = [t.lower_ for t in doc[first.mention.span_end : second.mention.span_start]]
        if between in (["and"], ["&"], [",", "and"]):
            country = first.country or second.country
            result[i] = dataclasses.replace(first, person=second.person, country=country)
    return result


def _country_after_name(doc: Doc, title: TitleMention, people: People) -> str | None:
    """ "Foreign Minister Marta Ruiz of Spain": the country follows the name."""
    for mention, _ in people.mentions:
        if mention.sentence == title.sentence and mention.start == title.span_end:
            i = mention.end
            if i + 1 < len(doc) and doc[i].lower_ == "of":
                j = i + 1 + (1 if doc[i + 1].lower_ == "the" else 0)
                for span in marked_spans(doc, "countries"):
                    if span.start == j:
                        return str(span.label_)
    return None


def _adjacent_person(doc: Doc, title: TitleMention, people: People) -> str | None:
    s = title.sentence
    # "Japanese Prime Minister Shigeru Ishiba", "Ambassador-Designate Glass"
    person = people.name_starting_at(s, title.span_end)
    if person:
        return person
    # "George Glass, the US Ambassador to Japan," / "Wang Yi, China's top diplomat,"
    # (not "… and Treasurer Alan Birch, a government spokesman said")
    followed_by_verb = title.span_end < len(doc) and doc[title.span_end].pos_ in ("VERB", "AUX")
    if title.span_start >= 2 and doc[title.span_start - 1].text == "," and not followed_by_verb:
        person = people.name_ending_at(s, title.span_start - 1)
        if person:
            return person
    # "They were Jane Roe Ambassador of the Republic of X, …": a title of a country, no comma.
    no_comma = title.span_start == title.start and title.country is not None and title.span_end > title.end
    if no_comma and (person := people.name_ending_at(s, title.start)):
        return person
    # "The US Ambassador to Japan, George Glass, said" (not "elected U.S. president, Ishiba"),
    # also "the President of X, Jane Roe and Minister of Y, John Doe": the second shares "the".
    opens_sentence = title.span_start == 0 or doc[title.span_start - 1].is_punct
    coordinated = title.span_start > 0 and doc[title.span_start - 1].lower_ == "and"
    if (
        (title.definite or opens_sentence or coordinated)
        and title.span_end + 1 < len(doc)
        and doc[title.span_end].text == ","
    ):
        # A form of address may stand between: "Thailand's Prime Minister, Ms. Jane Roe".
        for start in range(title.span_end + 1, min(len(doc), title.span_end + 4)):
            person = people.name_starting_at(s, start)
            if person:
                return person
            if not doc[start].text[:1].isupper() or people.person_at(s, start):
                break
    # "Jason Roe, President Smith's Middle East envoy, met …": the title heads an apposition.
    head = doc[title.end - 1]
    if head.dep_ == "appos" and not followed_by_verb:
        return people.person_at(s, head.head.i)
    return None


def _clausal_person(doc: Doc, title: TitleMention, people: People) -> tuple[str | None, Status]:
    """Relative clause or predicate: "X, who previously served as defense minister"."""
    token = doc[title.end - 1]
    for ancestor in token.ancestors:
        if ancestor.pos_ not in ("VERB", "AUX"):
            continue
        if ancestor.dep_ == "relcl":
            person = people.person_at(title.sentence, ancestor.head.i)
            return person, _clause_status(ancestor, title.status)
        if ancestor.lemma_ in _PREDICATE_VERBS:
            for child in ancestor.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    person = people.person_at(title.sentence, child.i)
                    if person:
                        return person, _clause_status(ancestor, title.status)
        break
    return None, title.status


def _clause_status(verb: Token, default: Status) -> Status:
    if default is not Status.CURRENT:
        return default
    markers = {child.lower_ for child in verb.children}
    if markers & _PAST_MARKERS:
        return Status.FORMER
    has_perfect = any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children)
    if verb.lemma_ in ("serve", "be") and verb.tag_ == "VBD" and not has_perfect:
        return Status.FORMER
    return Status.CURRENT


def holding_claims(
    article: ParsedArticle,
    linked: Sequence[LinkedTitle],
    lexicon: Lexicon,
    *,
    hints: dict[str, str],
) -> list[HoldingClaim]:
    """Holding claims of an article.

    A title without a country takes the person's country from their other titles in
    the article, else from a nationality word before their name (``hints``).
    """
    nationality: dict[str, Counter[str]] = {}
    for link in linked:
        # A title of one country says it too: "Tánaiste and Minister for Foreign Affairs X".
        resolved = resolve_title(link.mention.form, link.country, lexicon) if link.person else None
        if link.person and resolved and resolved[1] and not link.mention.organization:
            nationality.setdefault(link.person, Counter())[resolved[1]] += 1
    claims = []
    forms: dict[str, set[str]] = {}
    for link in linked:
        if link.person is not None:
            forms.setdefault(link.person, set()).add(link.mention.form.lower())
    for link in linked:
        if link.person is None or _shorthand(link.mention, forms[link.person]):
            continue
        organization = link.mention.organization
        country = (
            None
            if organization
            else (link.country or most_frequent(nationality.get(link.person)) or hints.get(link.person))
        )
        resolved = resolve_title(link.mention.form, country, lexicon)
        if resolved is None:
            continue
        title, country = resolved
        if organization:
            country = None  # a post of the organization, not of a state
        portfolio = link.mention.portfolio
        office_title = office_title_for(title, country, lexicon)
        office = OfficeRef(
            role=_organization_role(portfolio_role(title, portfolio, lexicon), organization),
            title=f"{office_title} {portfolio}" if portfolio else office_title,
            country=country,
            accredited_to=link.mention.accredited_to if title.role == "ambassador" else None,
            organization=organization,
        )
        evidence = article.evidence(link.mention.sentence)
        claims.append(HoldingClaim(person=link.person, office=office, status=link.status, evidence=evidence))
    return _unique(claims)


# The top titles of a body ("Director General of the IMF", "President of the European
# Commission") make its head; its ambassadors and envoys stay what they are.
_HEAD_TITLES = frozenset({"senior_official", "head_of_state", "head_of_government", "cabinet_minister"})


def _organization_role(role: str, organization: str | None) -> str:
    return "international_organization_head" if organization and role in _HEAD_TITLES else role


def _shorthand(title: TitleMention, forms: set[str]) -> bool:
    """Is this bare title a short form of a fuller one the same person bears in the article?
    "Minister" beside "Foreign Minister", "President" beside "President of the Government"."""
    form = title.form.lower()
    if title.portfolio:
        return False
    return any(
        other != form and (other.startswith(form + " ") or other.endswith(" " + form)) for other in forms
    )


def person_countries(claims: Sequence[HoldingClaim], hints: dict[str, str]) -> dict[str, str]:
    """Each person's country: from their current offices, else any office, else a hint."""
    countries = dict(hints)
    for person in {c.person for c in claims}:
        current = Counter(
            c.office.country
            for c in claims
            if c.person == person and c.office.country and c.status is Status.CURRENT
        )
        any_status = Counter(c.office.country for c in claims if c.person == person and c.office.country)
        best = most_frequent(current) or most_frequent(any_status)
        if best:
            countries[person] = best
    return countries


def most_frequent(counter: Counter[str] | None) -> str | None:
    """The most frequent key; on a tie the first in sort order, so the order seen never counts."""
    if not counter:
        return None
    return min(counter, key=lambda code: (-counter[code], code))


def _unique(claims: Sequence[HoldingClaim]) -> list[HoldingClaim]:
    seen = set()
    unique = []
    for claim in claims:
        key = (claim.person, claim.office, claim.status, claim.evidence.start)
        if key not in seen:
            seen.add(key)
            unique.append(claim)
    return unique


def unique_claims(claims: Sequence[HoldingClaim]) -> list[HoldingClaim]:
    """Claims without repeats (same person, office, status and sentence)."""
    return _unique(claims)


def _is_minister(role: str, lexicon: Lexicon) -> bool:
    return role.endswith("_minister") or lexicon.role_by_notation[role].broader == "cabinet_minister"


def title_references(
    linked: Sequence[LinkedTitle], claims: Sequence[HoldingClaim], people: People, lexicon: Lexicon
) -> dict[tuple[int, int], str]:
    """(sentence, token) of definite titles without a name → the person they mean."""
    holders: dict[str, list[HoldingClaim]] = {}
    for claim in claims:
        holders.setdefault(claim.office.role, []).append(claim)
    last_mention: dict[str, list[tuple[int, int]]] = {}
    for mention, key in people.mentions:
        last_mention.setdefault(key, []).append((mention.sentence, mention.start))
    references = {}
    for link in linked:
        title = link.mention
        if link.person is not None or title.plural:
            continue
        # "an envoy for President X have held talks …; … told envoy Jane Roe": an
        # indefinite title refers to the one holder the article names, and only to one.
        indefinite = title.indefinite
        if not title.definite and not indefinite:
            continue
        resolved = resolve_title(title.form, title.country, lexicon)
        if resolved is None:
            continue
        role = resolved[0].role
        # "the premier" means the current holder; "the president-elect" the one elected.
        # "the minister" is the one minister of the article, whatever the portfolio.
        roles = [r for r in holders if r == role or (role == "cabinet_minister" and _is_minister(r, lexicon))]
        candidates = sorted(
            {
                c.person
                for r in roles
                for c in holders[r]
                if c.office.country in (None, title.country) or title.country is None
                if c.status is link.status
            }
        )
        if not candidates:
            continue
        here = (title.sentence, title.start)
        if indefinite and len(candidates) != 1:
            continue
        if len(candidates) > 1:
            # "the external affairs minister" is the one titled so, not a foreign minister
            # the article titles otherwise.
            worded = {
                c.person
                for r in roles
                for c in holders[r]
                if c.person in candidates and c.office.title.lower() == title.form.lower()
            }
            candidates = sorted(worded) or candidates
        if len(candidates) > 1:
            before = [p for p in candidates if any(pos < here for pos in last_mention.get(p, []))]
            if not before:
                continue
            candidates = [max(before, key=lambda p: max(pos for pos in last_mention[p] if pos < here))]
        for token in range(title.span_start, title.span_end):
            references[(title.sentence, token)] = candidates[0]
    # A title that stands with a name stands for that person too: the parser may attach
    # "called on Minister for the Armed Forces Julien Roussel" at "Minister".
    for link in linked:
        if link.person is not None:
            for token in range(link.mention.span_start, link.mention.span_end):
                references.setdefault((link.mention.sentence, token), link.person)
    return references
