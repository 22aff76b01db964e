"""A title as written ("foreign secretary", "PM") looked up in the lexicon: the titles it
may be, the one it is for a country, and the title an office label uses."""

from __future__ import annotations

from pipeline.extract.lexicon import Lexicon, Title


def titles_for(form: str, country: str | None, lexicon: Lexicon) -> list[Title]:
    """The lexicon's titles written ``form``, best first for ``country``.

    A country's own title wins ("foreign secretary" in the UK is the foreign minister);
    otherwise the general one; with no country known, a title used by exactly one
    country implies it.
    """
    matching = lexicon.titles_by_form.get(form, ())
    own = [t for t in matching if country is not None and country in t.countries]
    general = [t for t in matching if not t.countries]
    implied = [t for t in matching if country is None and len(t.countries) == 1]
    # "Philippine Defense Secretary": another country's title for the same role.
    borrowed = [t for t in matching if country is not None]
    return own or general or implied or borrowed


def resolve_title(form: str, country: str | None, lexicon: Lexicon) -> tuple[Title, str | None] | None:
    """The title and country an office mention denotes, or None if it denotes none."""
    candidates = titles_for(form, country, lexicon)
    if not candidates:
        return None
    title = candidates[0]
    if country is None and len(title.countries) == 1:
        country = title.countries[0]
    return title, country


def office_title_for(title: Title, country: str | None, lexicon: Lexicon) -> str:
    """The title an office label uses: the title's own, if that country uses it."""
    if title.office_title and (not title.countries or country in title.countries):
        return title.office_title
    return lexicon.office_title(title.role, country)
