"""Sentence templates of the generated articles (``str.format`` fields in braces).

Many templates per slot, so that sentences vary the way wire copy does: leads, meeting
verbs, quotations, background, plans. Fields are filled by ``benchmarks._paragraphs``.
"""

from __future__ import annotations

ATTRIBUTIONS = (
    "",
    "",
    "",
    ", the {dem} foreign ministry said",
    ", according to a statement from {poss} foreign ministry",
    ", officials said",
    ", the {dem} embassy said in a press release",
    ", state media reported",
    ", according to a readout of the meeting",
    ", a government spokesperson said",
    ", the {dem} side said in a statement",
    ", sources said",
)

AGREEMENTS = (
    "deepen cooperation in {t1}",
    "work towards lifting bilateral trade to {money} by {year}",
    "set up a joint working group on {t1}",
    "hold regular consultations on {t1}",
    "step up coordination on {t1}",
    "expand cooperation in {t1} and {t2}",
    "sign a memorandum of understanding on {t1} later this year",
    "upgrade ties to a comprehensive strategic partnership",
    "speed up negotiations on an investment protection agreement",
    "keep in close touch on {t1}",
    "launch a high-level dialogue on {t1}",
    "resume direct flights between the two countries",
    "strengthen cooperation on {t1}",
)

VERBS = {
    "host": (
        "received {B}",
        "hosted {B}",
        "held talks with {B}",
        "met {B}",
        "met with {B}",
        "held wide-ranging talks with {B}",
        "welcomed {B}",
        "held a bilateral meeting with {B}",
    ),
    "guest": (
        "met {B}",
        "met with {B}",
        "held talks with {B}",
        "had a meeting with {B}",
        "conferred with {B}",
        "held official talks with {B}",
        "was received by {B}",
    ),
    "call": (
        "spoke by phone with {B}",
        "held phone talks with {B}",
        "had a telephone conversation with {B}",
        "held a phone call with {B}",
        "spoke over the phone with {B}",
        "talked by telephone with {B}",
        "received a phone call from {B}",
    ),
    "video": (
        "held video talks with {B}",
        "held a video conference with {B}",
        "held a virtual meeting with {B}",
        "spoke via videoconference with {B}",
        "held online talks with {B}",
    ),
    "courtesy_guest": (
        "called on {B}",
        "paid a courtesy call on {B}",
        "met {B}",
        "paid a courtesy visit to {B}",
    ),
    "courtesy_host": ("received {B}", "received a courtesy call from {B}", "met {B}"),
    "credentials_guest": (
        "presented {his} credentials to {B}",
        "presented {his} letter of credence to {B}",
        "handed over {his} credentials to {B}",
    ),
    "credentials_host": ("received the credentials of {B}", "accepted the letter of credence of {B}"),
    "sidelines": (
        "met {B} on the sidelines of {forum}",
        "held talks with {B} on the margins of {forum}",
        "had a bilateral meeting with {B} on the sidelines of {forum}",
        "met with {B} on the sidelines of {forum} in {city}",
    ),
    "dialogue": (
        "held a strategic dialogue with {B}",
        "co-chaired a round of political consultations with {B}",
        "held consultations with {B}",
        "held the annual strategic dialogue with {B}",
    ),
}

PAIR_VERBS = {
    "talks": ("held talks", "met", "met for talks", "held a bilateral meeting", "held wide-ranging talks"),
    "call": ("spoke by phone", "held phone talks", "held a telephone conversation", "talked by phone"),
    "video": ("held video talks", "held a videoconference", "held an online meeting"),
    "sidelines": ("met on the sidelines of {forum}", "held talks on the margins of {forum}"),
    "dialogue": ("held their annual strategic dialogue", "held political consultations"),
}

LEADS = (
    "{A} {V} {date}{place}, and the two sides discussed {topics}{attrib}.",
    "{A} {date} {V}{place}, where the two discussed {topics}.",
    "{A} {V}{place} {date} to discuss {topics}{attrib}.",
    "{A} {V} {date}{place} and agreed to {agree}{attrib}.",
    "{A} {V} {date}, with both sides pledging to {agree}.",
    "{A} {V} {date} as the two countries seek to {agree}.",
    "{A} {V} {date}{place}, and the two discussed ways to {agree}{attrib}.",
    "{A} {V}{place} {date}, discussing {topics}, among other issues.",
    "{A} {date} {V}, and the two agreed to {agree}.",
    "{A} {V} {date}{place}. The two sides reviewed {topics}{attrib}.",
)

VISITOR_LEADS = (
    "{A}, who is on a {n}-day visit to {host}, {V} {date}{place}.",
    "Visiting {A} {V} {date}{place}, and the two sides agreed to {agree}.",
    "{A}, on an official visit to {host}, {V} {date} and discussed {topics}.",
)

PAIR_LEADS = (
    "{A} and {B} {P} {date}{place}, agreeing to {agree}.",
    "{A} and {B} {P}{place} {date} and discussed {topics}{attrib}.",
    "{A} and {B} agreed {date} to {agree} when they {P}{place}.",
    "During talks{place} {date}, {A} and {B} agreed to {agree}.",
    "{A} and {B} {P} {date} and exchanged views on {topics}{attrib}.",
)

STATEMENT_LEADS = (
    "{A} said {date} that {country} would step up its efforts on {t1}{attrib}.",
    "{A} has called for {t1} to be placed at the top of the international agenda{attrib}.",
    "{A} {date} convened a meeting of senior officials to review the government's response to {t1}{attrib}.",
    "{A} announced {date} new support worth {money} for {t1}{attrib}.",
    "{A} told parliament {date} that {topics} would be the government's priorities in the coming year.",
)

DETAILS = (
    "During the {n}-minute {what}, {A} said {G} was {frag}, according to {ministry}.",
    "At the meeting, {A} conveyed the greetings of {third} to {B}, along with the hope that relations between the two countries would keep growing{attrib}.",
    "{B}, who arrived on a {n}-hour working visit, thanked {A} for the warm welcome.",
    "The talks lasted about {n} minutes and were followed by a working lunch{attrib}.",
    "{A} welcomed {B} and described {G} as {frag}.",
    "According to {ministry}, the {plural} took stock of cooperation in {topics}.",
    "The two sides also exchanged views on {topics}.",
    "Discussions also covered {t1}, as well as {topics}.",
    "{A} and {B} also reviewed {topics}{attrib}.",
    "The {plural} also discussed {t1}, an issue on which {H} and {G} have not always agreed.",
    "Both sides expressed concern over {t1} and stressed the need for dialogue.",
    "{A} briefed {B} on {H_poss} position on {t1}.",
    "{B} conveyed an invitation from {third} to visit {G} at a mutually convenient time.",
    "The {what} took place in a cordial and friendly atmosphere{attrib}.",
)

PRAISE = (
    '"a reliable partner" for {H} in {t}',
    '"a natural partner" in {t}',
    '"an indispensable partner"',
    '"a friend in good times and bad"',
    '"a key partner for stability in the region"',
    "an important partner in {t}",
)

QUOTES = (
    "{G} is a reliable partner for {H}, and today we agreed to take our cooperation further",
    "Our relationship has never been stronger",
    "We discussed {t} in depth and agreed to stay in close touch",
    "There is enormous untapped potential in {t}",
    "We want to see concrete results before the end of the year",
    "This visit sends a clear message about the importance we attach to our partnership with {G}",
    "Dialogue is the only way forward",
    "{H} and {G} share the same position on {t}",
    "We are ready to work with our {Gdem} friends on {t}",
    "The world is changing fast, and partners like {G} matter more than ever",
    "We have agreed on a road map, and now it is time to deliver",
    "Productive conversation this morning. Our partnership now spans {t} and much more",
    "Nobody gains from confrontation",
    "We will not be dictated to, but we are always open to cooperation",
    "I am confident that the next meeting will bring results",
    "Our peoples expect us to deliver on {t}",
    "The door to further talks remains open",
    "We had a frank and constructive exchange",
)

QUOTE_FRAMES = (
    "{o}{q},{c} {S} said.",
    "{o}{q},{c} {S} told reporters after the meeting.",
    "{o}{q},{c} {S} said at a joint news conference.",
    "{S} said: {o}{q}.{c}",
    "{o}{q},{c} {S} wrote on X after the talks.",
    "{o}{q},{c} {S} said. {o}{q2}.{c}",
    "{o}{q},{c} {S} added.",
    "{S} told reporters that {indirect}.",
    "Speaking to reporters afterwards, {S} said {indirect}.",
    "{S} said {indirect}, and {pron} added: {o}{q}.{c}",
    "According to the statement, {S} stressed that {indirect}.",
)

INDIRECT = (
    "the two countries had agreed to deepen cooperation in {t}",
    "{G} was ready to do more on {t}",
    "{H} would keep supporting a negotiated solution",
    "the talks had been useful and frank",
    "the visit would open a new chapter in relations with {G}",
    "{H} wanted more {Gdem} investment in infrastructure and manufacturing",
    "the two sides had narrowed their differences on {t}",
    "there had been no discussion of a new loan",
)

BACKGROUND = (
    "{H} and {G} established diplomatic relations in {year}.",
    "Bilateral trade stood at about {money} last year, according to official figures.",
    "{G} is among {H_poss} largest trading partners, with two-way trade worth {money} in {recent}.",
    "More than {big} {Gdem} companies operate in {H}, mainly in manufacturing, logistics and services.",
    "It was the first visit by a {Gdem} {role} to {H} in {n} years.",
    "{H} is home to some {big},000 people of {Gdem} origin.",
    "The two countries marked the {anniversary} anniversary of diplomatic ties last year.",
    "{Hdem} officials have said they hope to conclude negotiations on a trade agreement by the end of next year.",
    "Opposition lawmakers in {H_cap} have questioned the government's approach to {t}.",
    "{G} opened an embassy in {H_cap} in {year}.",
    "Analysts say the visit reflects {G_poss} push to diversify its partnerships beyond its traditional allies.",
    "Tourist arrivals from {G} to {H} rose by {pct} percent last year.",
    "The two sides signed {n} memorandums of understanding covering energy, health, education and culture.",
    "Direct flights between {H_cap} and {G_cap} resumed in {recent} after a {n}-year break.",
    "A joint commission on economic cooperation is due to meet in {G_cap} later this year.",
    "{G_poss} development agency has financed projects worth {money} in {H} since {year}.",
    "Some {big} {Hdem} students are currently enrolled at universities in {G}.",
    "Relations between {H_cap} and {G_cap} have improved markedly since {recent}, when the two countries restored ambassadors after a long rift.",
    "{H} imports about {pct} percent of its {goods} from {G}.",
    "{G} was the {nth} largest foreign investor in {H} in {recent}, according to central bank data.",
    "The last round of talks between the two sides was held in {G_cap} in {month} {recent}.",
    "Trade between the two countries has grown by about {pct} percent a year over the past decade.",
    "{Hdem} exports to {G} are dominated by {goods}, while {G} mainly sells machinery and chemicals.",
    "{H} and {G} are both members of the United Nations Human Rights Council this year.",
    "The two governments set up a strategic partnership in {recent}.",
    "{G_poss} foreign ministry did not immediately respond to a request for comment.",
    "Business groups in both countries have long pressed for lower tariffs on {goods}.",
    "The visit comes weeks after a dispute over fishing rights strained ties between the two neighbours.",
)

GOODS = (
    "crude oil",
    "liquefied natural gas",
    "wheat",
    "fertilizer",
    "rice",
    "palm oil",
    "coal",
    "iron ore",
    "pharmaceuticals",
    "textiles",
    "electronics",
    "auto parts",
    "coffee",
    "poultry",
    "sugar",
    "copper",
)

CAREERS = (
    "{S}, a career diplomat, previously served as {poss} ambassador to {other}.",
    "{S}, who took up {his} post in {month} {year}, was earlier {poss} ambassador to {other}.",
    "Before {his} appointment, {S} was {poss} consul general in {city}.",
    "{S} is a former ambassador to {other} and has also served at the United Nations in New York.",
)

PRESENT = (
    "{people} {were} also present at the talks.",
    "The meeting was attended by {people}.",
    "Also present {were} {people}.",
    "{people} also took part in the meeting, the statement said.",
)

EXTRA_SAME_DAY = (
    "{B} later called on {X}.",
    "Later in the day, {B} also met {X}, and the two discussed {t}.",
    "{B} was also received by {X}, who stressed the importance of {t}.",
    "Before leaving, {B} paid a courtesy call on {X}.",
)

EXTRA_NEXT_DAY = (
    "The following day, {B} called on {X}, and the two discussed {t}.",
    "On {weekday}, {B} held separate talks with {X}.",
    "A day later, {B} met {X} to review {t}.",
)

PLANNED_FORUM = (
    "The two sides agreed to meet again on the sidelines of {forum} in {city}.",
    "The {plural} are expected to meet again at {forum} later this month.",
    "Officials said a fuller meeting was being planned for {forum}.",
)

PLANNED_RETURN = (
    "{X} invited {P} to visit {country}, and the invitation was accepted, the statement said.",
    "{P} is expected to pay a return visit to {country} later this year, officials said.",
    "The two sides agreed that {P} would travel to {city} for the next round of talks.",
)

PLANNED_VISIT = (
    "{P} is scheduled to call on {X} on {weekday} before leaving for {city}.",
    "{P} will travel to {city} next week for talks with {X}.",
    "{X} is expected to visit {country} next month for talks with {P}, officials said.",
    "{P} is due to meet {X} in {city} later this month.",
    "{P} will also hold talks with {X} during the visit, which ends on {weekday}.",
)

SPOKESPERSON = (
    "{S} told a regular news briefing that relations with {G} were developing well.",
    "Asked about {t}, {S} said {pron} had nothing to add to the statement.",
    "{S} said the two sides would keep in close communication on {t}.",
)

PLURALS = {
    "head_of_state": "leaders",
    "head_of_government": "leaders",
    "foreign_minister": "foreign ministers",
    "defence_minister": "defence ministers",
    "trade_minister": "trade ministers",
    "finance_minister": "finance ministers",
    "energy_minister": "energy ministers",
    "economy_minister": "economy ministers",
    "interior_minister": "interior ministers",
    "national_security_adviser": "national security advisers",
    "deputy_foreign_minister": "deputy foreign ministers",
    "ambassador": "diplomats",
}

QUESTIONS = (
    "Who met, and what did they agree on?",
    "Where and when did the talks take place?",
    "What was said about {t}?",
    "Why does this matter?",
    "What happens next?",
    "How have relations developed?",
)
