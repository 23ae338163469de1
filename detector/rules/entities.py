"""Entities in the same role: a different agency, person, place or group in the same slot."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from ..frames import RANK_WORDS, SERVICE_RANKS, SPELLED_TWO_WAYS, frame_of
from ..number_words import SMALL_NUMBERS
from ..types import Claim, RuleHit
from .align import swapped_span
from .dates import days_apart
from .text import AUXILIARIES, overlap, proper_names, stem, tokens, topic_stems

# A name: capitalised words, allowing "of", "the", "and", "for" and possessives inside.
NAME = r"(?:[A-Z][\w'’&.-]*|[A-Z]{2,})(?:\s+(?:of|the|and|for|de|von)?\s*(?:[A-Z][\w'’&.-]*|[A-Z]{2,}))*"
SUBJECT_RE = re.compile(rf"(?:^|[,;]\s+|\b(?:and|but|while|whereas)\s+)(?:the\s+|The\s+)?(?P<name>{NAME})\s+(?P<pred>[a-z][^,;.]*)")
AGENT_RE = re.compile(rf"(?P<pred>[^,;.]*?)\s+by\s+(?:the\s+)?(?P<name>{NAME})")
# "Pavel Roudny, who is overseeing the recount": a relative clause says what the name does
RELATIVE_RE = re.compile(rf"(?P<name>{NAME}),\s+(?:who|which)\s+(?:is\s+|was\s+|has\s+been\s+|will\s+)?(?P<pred>[a-z][^,;.]*)")
SPEECH = re.compile(r"^(?:said|says|told|added|stated|noted|argued|claimed|insisted|according|reported|wrote|who|whose|which)\b")
# "Residents were ordered to leave": the subject of a passive is who it was done to, not the actor
PASSIVE = re.compile(r"^(?:was|were|is|are|be|been|being|has been|have been|had been|will be)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\b(?!\s+by\b)")
CALENDAR_WORD = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?", re.I)
# Words that open a capitalised run without being part of the name: "On Thursday the ACB".
LEADING_WORDS = re.compile(
    r"^(?:(?:On|In|At|After|Before|By|For|From|With|The|A|An|But|And|Also|Meanwhile|Earlier|Later|Last|This|Then|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+)+(?:the\s+)?"
)
ARTICLES = frozenset({"a", "an", "the"})
HELPERS = AUXILIARIES | frozenset("be been being shall should may might must to".split())  # words before a predicate's verb
MODIFIERS = frozenset("also still now soon then later already not never jointly formally".split())
CONNECTORS = frozenset({"of", "the", "and", "for", "de", "von", "van", "al", "bin"})
NOT_NAMES = frozenset(
    "Yesterday Today Tomorrow Tonight Earlier Later Now Then Meanwhile He She They It We I You This That These Those "
    "There Here Some Many Most All Both Each Every".split()
)
TITLES = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Professor|President|Prime Minister|Minister|Chief|Judge|Senator|Governor|Mayor|Deputy|Councilmember|Councillor|Officer|Sheriff)\.?\s+")

# A title anywhere in a name, spelled out or short: "Indian PM Narendra Modi" is "Indian Prime Minister Narendra Modi".
ANY_TITLE = re.compile(r"\b(?:" + TITLES.pattern[4:TITLES.pattern.index(")")] + r"|PM|Premier|Gov|Sen|Rep|Supt|Insp)\b\.?", re.I)


@lru_cache(maxsize=100_000)
def slots(text: str) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """(name, stems of what the sentence says it does, stems of its verb) for named subjects and
    "by NAME" agents."""
    found = []
    for m in SUBJECT_RE.finditer(text):
        name = LEADING_WORDS.sub("", m.group("name"))
        if name.endswith(("'s", "’s")):
            continue  # "Corvale Athletic's plan": a possessor, not the one acting
        if m.start("name") == 0 and " " not in name and not name.isupper():
            continue  # one capitalised word opening a sentence is as likely a common word ("Rescuers")
        if not SPEECH.match(m.group("pred")) and not PASSIVE.match(m.group("pred")):
            found.append((name, m.group("pred"), _first_verb(m.group("pred"))))
    for m in AGENT_RE.finditer(text):
        pred = m.group("pred")
        if len(pred.split()) == 1:  # "The lorry, owned by X": what is owned stands before the comma
            pred = " ".join(text[: m.start("pred")].rstrip(" ,").split()[-3:] + [pred])
        found.append((LEADING_WORDS.sub("", m.group("name")), pred, pred.split()[-1:]))
    for m in RELATIVE_RE.finditer(text):
        found.append((LEADING_WORDS.sub("", m.group("name")), m.group("pred"), _first_verb(m.group("pred"))))
    return tuple((TITLES.sub("", name).strip(), _role_stems(pred), topic_stems(" ".join(verb)))
                 for name, pred, verb in found if _role_stems(pred) and name and not CALENDAR_WORD.match(name))


def _first_verb(predicate: str) -> list[str]:
    """The predicate's first word past auxiliaries and adverbs: "will soon lead the inquiry" -> lead."""
    words = [w for w in predicate.lower().split() if w not in HELPERS and w not in MODIFIERS and not w.endswith("ly")]
    return words[:1]


def _role_stems(predicate: str) -> frozenset[str]:
    """What the entity does, from lower-case words only: other names in it are not the role."""
    return topic_stems(" ".join(w for w in predicate.split() if not w[:1].isupper() and w.lower() not in SMALL_NUMBERS))


def is_alias(x: str, y: str) -> bool:
    """"FTA" for "Federal Transport Agency", "Okafor" for "Adaeze Okafor", "St. Louis" for "Saint Louis"."""
    ranks = [_rank_head(n) for n in (x, y)]
    if all(ranks):
        return ranks[0] == ranks[1]  # "Lt Col" and "Colonel" name one rank; "Inspector" and "Superintendent" two
    nx, ny = (_norm(ANY_TITLE.sub(" ", n)) or _norm(TITLES.sub("", n)) for n in (x, y))  # a bare title ("Deputy") stays itself
    if not nx or not ny or nx == ny:
        return True
    wx, wy = nx.split(), ny.split()
    if _words_within(wx, wy) or _words_within(wy, wx):
        return True
    for short, long in ((x, y), (y, x)):
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’]*", long) if w[0].isupper())
        compact = short.replace(".", "")
        if compact.isupper() and len(compact) >= 2 and compact in (initials, initials[1:] if len(initials) > 2 else ""):
            return True
        acronym, *rest = short.split()
        acronym = re.sub(r"-[A-Z]$", "", acronym)  # "ISIS-K": a branch named by the acronym's letters
        if (acronym.isupper() and 2 <= len(acronym) <= 5 and len(initials) >= 2 and not long.split()[0].isupper()
                and (acronym.startswith(initials) or initials.startswith(acronym))
                and all(w.lower() in GENERIC_BODIES for w in rest)):
            return True  # "ISIS" for "Islamic State" (in Iraq and Syria), "UP Government" for "Uttar Pradesh"
    return False


def _rank_head(name: str) -> str:
    """The last rank of a name made of ranks only ("Lt. Col." -> colonel), else ""."""
    words = [w.rstrip(".").lower() for w in name.split()]
    return RANK_WORDS[words[-1]] if words and all(w in RANK_WORDS for w in words) else ""


# Words that name a place's or a group's body rather than another entity: "UP Government" is Uttar Pradesh's.
GENERIC_BODIES = frozenset("government administration group authorities police state".split())


def _words_within(short: list[str], long: list[str]) -> bool:
    """Every word of `short` starts a word of `long`: "Council" within "Councilmembers Fitch and Osei"."""
    return all(any(w.startswith(s) for w in long) for s in short)


def _norm(name: str) -> str:
    name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))  # "Otárola" is "Otarola"
    name = re.sub(r"\b([A-Z])\.", r"\1", name)  # "U.S." is "US"
    name = re.sub(r"\b(?:the|of|and|St|Saint|Mt|Mount|Ft|Fort)\b\.?|['’]s\b", " ", name, flags=re.I)
    return " ".join(name.lower().split())


def _name_like(words: list[str]) -> bool:
    return bool(words) and all(w[:1].isupper() or w in CONNECTORS for w in words) and words[-1][:1].isupper()


def swapped_name(a: str, b: str) -> tuple[str, str] | None:
    """The two names when the sentences are the same but for one name ("a Chinese man" / "an
    Indonesian man", "Indian men ..." / "Thai men ...")."""
    swap = swapped_span(a, b, case_sensitive=True)
    if swap is None:
        return None
    xa = [w for w in swap.a_words if w.lower() not in ARTICLES]
    xb = [w for w in swap.b_words if w.lower() not in ARTICLES]
    if not (_name_like(xa) and _name_like(xb)):
        return None  # only names (capitalised words) are swapped entities
    x, y = " ".join(xa), " ".join(xb)
    if TITLES.match(x + " ") or TITLES.match(y + " "):
        return None  # "Martin Hale" / "Mr. Hale": a first name swapped for a title
    if CALENDAR_WORD.match(x) or CALENDAR_WORD.match(y):
        return None  # a weekday or month: the dates rule's business
    if {xa[0], xb[0]} & NOT_NAMES:
        return None  # "Yesterday ..." / "Today ...", "He ..." / "She ...": opening words, not names
    return x, y


# Offices one person holds at a time: two people named to the same one are two accounts of who holds it.
OFFICES = frozenset(
    "commander executive ceo chair chairman chairwoman president director governor mayor minister captain coach "
    "head leader prosecutor judge secretary commissioner superintendent chief rector provost chancellor dean coroner".split()
)
DETERMINERS = frozenset("the a an its his her their our new".split())
HEADS = frozenset("chief lead head principal".split())  # "chief inspector", "lead investigator": one holder
LINKS = frozenset("by of at from with for to".split())
HONORIFICS = frozenset("professor prof dr mr mrs ms sir dame".split())
OFFICE_HINT = re.compile(r"\b(?:" + "|".join(sorted(OFFICES | HEADS)) + r")\b", re.I)
RANKS = frozenset("deputy vice assistant associate co lt lieutenant".split())
NOT_HOLDING = frozenset("former acting interim outgoing incoming ex".split())  # two such people hold one office at different times
PERSON = r"[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]+){1,2}"
PERSON_RE = re.compile(PERSON)
# "director of Miami-Dade emergency management": lower-case words after the name are part of the body
ORG_AFTER = (r"(?:\s+(?:of|at)\s+(?:the\s+)?(?P<org2>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*"
             r"(?:\s+(?!(?:said|says|told|who|which|that|and|or|in|on|at|to|for|with|was|is|has|had|will|would)\b)[a-z]{3,}){0,3}))?")
# "Brightwater chief executive Thomas Arkwright", "incident commander Dana Okafor of the Fire Service"
# Title words may be capitalised ("Labour Minister Fiona Achterberg"); the office word itself is checked after.
ROLE = r"(?P<role>(?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)"
OFFICE_BEFORE = re.compile(rf"(?:^|[\s,(])(?:(?P<org>[A-Z][\w'’&-]*)(?:'s|’s)?\s+)?{ROLE},?\s+(?P<name>{PERSON}){ORG_AFTER}")
# "Marcus Heilbron, the incident commander assigned to ...", "Samuel Okafor, the authority's executive director"
OFFICE_AFTER = re.compile(rf"(?P<name>{PERSON}),\s+(?:the\s+)?(?:(?P<org>[A-Za-z][\w&-]*)(?:'s|’s)\s+|(?P<org3>[A-Z][\w&-]*)\s+)?(?P<role>(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*){ORG_AFTER}(?=[,.;]|\s+(?:of|at|for|assigned|said|who|told)\b)")


TITLE_WORDS = frozenset("officer minsiter".split())  # words of a title that hold no office alone
# Capitalised title words just before a title found inside the last match ("... Sahoo and Revenue Minister")
TITLE_LEAD_RE = re.compile(r"(?<![\w'’-])((?:[A-Z][\w-]*\s+){1,2})$")


@lru_cache(maxsize=100_000)
def offices(text: str) -> tuple[tuple[str, str, str], ...]:
    """(person, office words, organisation or "") for people named with a single-holder office."""
    if not OFFICE_HINT.search(text):
        return ()  # no office word: skip the costly patterns (most claims)
    opening = text[:1].lower() + text[1:]  # "Incident commander Dana Okafor ..." opens a sentence
    found = []
    for m in (*_overlapping(OFFICE_BEFORE, opening), *OFFICE_AFTER.finditer(text)):
        if set(m.group("name").lower().split()[:-1]) & (OFFICES | TITLE_WORDS):
            continue  # "Chief Secretary Pradeep Jena" read as "Chief" + "Secretary Pradeep": the title goes on
        name = m.group("name")
        if name.lower().split()[-1] in OFFICES:  # a title read as a name: the name after it, if any
            after = PERSON_RE.match(m.string, m.end("name") + 1)  # "chair, Estmere's Prime Minister Ruairi Castell"
            if after is None or m.string[m.end("name"):m.end("name") + 1] != " ":
                continue  # "Chief Fire Chief of Operations"
            name = after.group(0)
        lead = TITLE_LEAD_RE.search(m.string, 0, m.start("role")) if m.group("org") is None else None
        role = [w for w in ((lead.group(1) if lead else "") + m.group("role")).lower().split() if w not in DETERMINERS]
        while set(role[:-1]) & LINKS:
            role = role[1:]  # "decision by judge": the title is what follows the last link word
        if role and role[-1] in HONORIFICS:
            role = role[:-1]  # "Larkmoor rector Professor Ilse Danner": the office is "rector"
        if role and role[-1] in LINKS:
            continue  # "chief of Seoul's Yongsan ...": what follows is the body, not a holder's name
        org = m.group("org") or m.group("org2") or m.groupdict().get("org3") or _unnamed_body(m)
        if org.lower() in RANKS:
            role, org = [org.lower(), *role], ""  # "Deputy Transport Minister": a rank of the office, no organisation
        elif m.group("org") and not m.string.startswith(("'s", "’s"), m.end("org")) and role[-1:] in (["minister"], ["secretary"]):
            role, org = [org.lower(), *role], ""  # "Transport Minister", "Interior Secretary": a portfolio, not an organisation
        if (portfolio := PORTFOLIO_RE.match(m.string, m.end("role"))) is not None:
            role = [portfolio.group(1).lower(), *role]  # "Gujarat's minister for Labour": the labour minister
        if role and (role[-1] in OFFICES or set(role[:-1]) & HEADS) and not NOT_HOLDING & set(role):
            found.append((TITLES.sub("", name), " ".join(role), org))
    return tuple(found)


PORTFOLIO_RE = re.compile(r"\s+for\s+([A-Z][\w-]*)")
UNNAMED_BODY_RE = re.compile(r"\s+(?:of|at)\s+(?:the\s+|a\s+|an\s+|its\s+)?([a-z][\w-]+)")


def _unnamed_body(m: re.Match) -> str:
    """The body a title is of when no name says it ("head of the delegation of the Red Cross"):
    one delegation, not whichever body the other claim names."""
    body = UNNAMED_BODY_RE.match(m.string, m.end("role"))
    return body.group(1) if body else ""


def _overlapping(pattern: re.Pattern, text: str):
    """Matches that may start inside the last one's name: "Meanwhile, West Bengal Chief Minister
    Mamata Banerjee" reads "West Bengal Chief" as a name first, and the title is found after it."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = max(m.start("name") - 1, m.start() + 1)  # (the name's own leading space starts the next match)


# Titles a government or force gives many people: a bare "minister" or "chief" is not the prime
# minister or the fire chief, so only the same full title is one office.
MANY_HOLDERS = frozenset("minister secretary chief director commissioner".split())
# Seats on one body: a county has many commissioners, whatever the title's place name.
MEMBERS = frozenset("commissioner councillor councilor councilmember senator representative legislator trustee".split())
# One office, one word: "CEO", "chief executive officer" and "chief executive"
CHIEF_EXECUTIVE_RE = re.compile(r"\b(?:chief executive officer|chief executive|ceo)\b")


def _same_office(x: str, y: str, one_body: bool = False) -> bool:
    """"incident commander" and "commander" are one office; "deputy governor" and "governor", or
    "Orrin chief executive" and "chief executive", may not be. "CEO" is "chief executive". A bare
    title many hold ("minister") is one office with a longer one only at one named body (`one_body`)."""
    wx, wy = CHIEF_EXECUTIVE_RE.sub("chief_executive", x).split(), CHIEF_EXECUTIVE_RE.sub("chief_executive", y).split()
    if wx[-1] != wy[-1] or RANKS & set(wx) != RANKS & set(wy) or wx[-1] in MEMBERS:
        return False
    if wx[-1] in MANY_HOLDERS:
        return one_body and (not (wx[:-1] and wy[:-1]) or wx == wy)  # a bare "chief" is the police's or the fire service's
    return not (wx[:-1] and wy[:-1]) or wx == wy


# Last words of organisations' names: "Fox News" and "CBS News" share one and are two outlets.
ORG_TAILS = frozenset("agency airways authority association bank board center centre channel club commission committee "
                      "company corporation council court department force foundation fund group institute ministry network "
                      "office organisation organization party police post railway service union university".split())


MIN_SITE_TOPIC = 0.15  # topic overlap below which two places are of two happenings


def _one_person(x: str, y: str) -> bool:
    """Two given names for one surname are one person told two ways ("William Lasso" for
    "Guillermo Lasso", "Bill" for "William"): one story rarely has two holders of a role sharing a surname."""
    wx, wy = _norm(x).split(), _norm(y).split()
    if SequenceMatcher(None, " ".join(wx), " ".join(wy)).ratio() >= SPELLED_TWO_WAYS:
        return True  # "Choi Seong-beom" and "Choi Seong-bum": one name romanised two ways
    if not (2 <= len(wx) <= 3 and 2 <= len(wy) <= 3):
        return False
    if wx[-1] != wy[-1]:  # "Danielle Levine-Cava" / "Daniella Cava": a double surname shortened, a first name spelled two ways
        shortened = set(wx[-1].split("-")) & set(wy[-1].split("-")) and "-" in wx[-1] + wy[-1]
        return bool(shortened) and SequenceMatcher(None, wx[0], wy[0]).ratio() >= SPELLED_TWO_WAYS - 0.1
    return wx[-1] not in ORG_TAILS and not wx[-1].endswith("s")


def _named_body(role: str, text: str) -> str:
    """The name inside a title ("Miami-Dade Mayor" opening a sentence reads "miami-dade mayor"):
    the body whose office it is."""
    body = [w for w in role.split()[:-1] if w not in HEADS | RANKS and w[:1].isalpha() and text[text.lower().find(w)].isupper()]
    return " ".join(body)


def _org_in_role(role: str, org: str, other_org: str) -> tuple[str, str]:
    """Moves role words that name an organisation into the organisation: a body's kind ("Miami-Dade
    Police Director": the director of Miami-Dade's police), or a first word naming the other side's."""
    *body, title = role.split()
    if set(body) & ORG_TAILS:
        return title, " ".join(filter(None, [org, *body]))
    first, _, rest = role.partition(" ")
    if not org and rest and other_org and is_alias(first, other_org):
        return rest, other_org
    return role, org


def _office_holders(a: str, b: str, strict: bool) -> tuple[str, str, str] | None:
    """(office, A's holder, B's holder) when the two name different people to one office.
    `strict` (articles not known to be from one month): a name in common other than the title's
    words ("Senate Majority Leader Harry Reid" / "... Chuck Schumer" share only the title)."""
    for name_a, role_a, org_a in offices(a):
        for name_b, role_b, org_b in offices(b):
            role_a, org_a = _org_in_role(role_a, org_a, org_b)  # "authority director" / "the authority's executive director"
            role_b, org_b = _org_in_role(role_b, org_b, org_a)
            body_a, body_b = org_a or _named_body(role_a, a), org_b or _named_body(role_b, b)
            one_body = bool(body_a and body_b) and is_alias(body_a, body_b)
            if not _same_office(role_a, role_b, one_body) or (body_a and body_b and not one_body):
                continue  # another office, or the same title at another organisation
            if is_alias(name_a, name_b) or _surname_in(name_a, b) or _surname_in(name_b, a) or _one_person(name_a, name_b):
                continue  # one person ("William Lasso" for "Guillermo Lasso"), or both sentences name both ("Trump called South Korea's President Moon")
            title = {w.lower() for w in f"{role_a} {role_b}".split()} if strict else set()
            if (proper_names(a) & proper_names(b)) - title or (org_a and org_b):
                return role_a, name_a, name_b  # something else named in common: one story's office
    return None


def _mentioned(name: str, text: str) -> bool:
    """The name is in the text, or one of the people it joins is, by last name ("North Korea's Kim
    Jong-un" in "Trump and Kim Jong Un ..."; "Trump and North Korean" in "... with Trump"); a
    body's generic last word ("Police", "Ministry") names no one."""
    if name.lower() in text.lower():
        return True
    people = [part.split() for part in re.split(r",|\band\b|&", name.replace("-", " ")) if part.strip()]
    return any(re.search(rf"\b{re.escape(words[-1])}\b", text.replace("-", " "), re.I)
               for words in people if len(words) > 1 and words[-1].lower() not in ORG_TAILS and not words[-1].endswith("s"))


def _surname_in(name: str, text: str) -> bool:
    """The person's last name is a word of the text ("Donald Trump's" is Trump)."""
    surname = re.sub(r"['’]s$", "", name.split()[-1])
    return re.search(rf"\b{re.escape(surname)}\b", text) is not None


def _named_in(name: str, text: str) -> bool:
    """The place name, or a spelling of it, is among the text's words ("Fulrai" for "Phulrai")."""
    name, words = _norm(name), _norm(text).split()
    size = len(name.split())
    return any(SequenceMatcher(None, name, " ".join(words[k:k + size])).ratio() >= SPELLED_TWO_WAYS for k in range(len(words)))


def _two_sites(a: str, b: str) -> tuple[str, str, str] | None:
    """(kind, A's place, B's place) when the two claims put what was done in two different named
    places of one kind ("broke out in Phulrai village" / "held in the village of Rati Bhanpur"),
    and neither names the other's place at all."""
    for kind, name_a in frame_of(a).places:
        for kind_b, name_b in frame_of(b).places:
            if kind == kind_b and not _named_in(name_a, b) and not _named_in(name_b, a):
                return kind, name_a, name_b
    return None


def _two_leaders(a: str, b: str) -> tuple[str, str, str] | None:
    """(task, A's body, B's body) when the two claims have two different bodies lead one task
    ("the rescue effort is being led by the State Mine Rescue Corps" / "rescue operations are
    being directed by the Kessory Civil Protection Agency"), and neither names the other's body."""
    for task, x in frame_of(a).leaders:
        for task_b, y in frame_of(b).leaders:
            if (task == task_b or "*" in (task, task_b)) and not is_alias(x, y) and not _named_in(x, b) and not _named_in(y, a):
                return task if task != "*" else task_b, x, y
    return None


# The heads of titles one person holds one of in a body ("chief officer" / "president" of one municipality).
BODY_OFFICES = OFFICES | frozenset("officer spokesperson spokesman spokeswoman".split())
BODY_STEM = 6  # "municipality" and "municipal" name one body
ANY_HEAD = frozenset("head chief leader".split())  # "the head of the union" is its chairman, its president or its director
CHAIRS = {"chair": "chairman", "chairwoman": "chairman", "chairperson": "chairman", "spokesman": "spokesperson", "spokeswoman": "spokesperson"}
LEVELS = frozenset("state local national city county district town regional federal central provincial".split())  # of many bodies


def _two_titles(a: str, b: str) -> tuple[str, str, str] | None:
    """(name, title, title) when one named person is given two titles that cannot both be
    theirs: one a rank above or below the other, or two offices in one body."""
    titles_a, titles_b = frame_of(a).titles, frame_of(b).titles
    # a person given one title by both: whatever else each says, they agree on it
    agreed = {who for who, _ in {(w, t) for w, t, _, _ in titles_a} & {(w, t) for w, t, _, _ in titles_b}}
    for who, title, head, body in titles_a:
        for other, title_b, head_b, body_b in titles_b:
            if who != other or who in agreed:
                continue
            words, words_b = set(title.split()), set(title_b.split())
            changed = (words ^ words_b) - body - body_b  # "county fire chief" / "assistant fire chief of the county": assistant
            ranked = head == head_b and changed and changed <= RANKS | NOT_HOLDING
            one_body = {w[:BODY_STEM] for w in body - LEVELS} & {w[:BODY_STEM] for w in body_b - LEVELS}
            two_offices = CHAIRS.get(head, head) != CHAIRS.get(head_b, head_b) and not {head, head_b} & ANY_HEAD
            if {head, head_b} <= SERVICE_RANKS:
                if head != head_b:  # (a "lieutenant colonel" is written "colonel" for short)
                    return who, title, title_b
            elif ranked or (two_offices and {head, head_b} <= BODY_OFFICES and not words & words_b and one_body):
                return who, title, title_b
    return None


def entities(a: Claim, b: Claim) -> RuleHit | None:
    swap = swapped_name(a.text, b.text)
    if swap and not is_alias(*swap):
        return RuleHit("entities", 0.9, f'different entity in the same sentence: A "{swap[0]}" vs B "{swap[1]}"')
    apart = days_apart(a.date, b.date)  # offices change hands: two holders (or titles) a year apart are a succession
    recent = apart is None or apart <= 31
    held = _office_holders(a.text, b.text, strict=apart is None) if recent else None
    if held:
        return RuleHit("entities", 1.0, f'one office, two holders: {held[0]} A "{held[1]}" vs B "{held[2]}"')
    if recent and (titled := _two_titles(a.text, b.text)) is not None:
        return RuleHit("entities", 0.85, f'one person, two titles: {titled[0].title()} A "{titled[1]}" vs B "{titled[2]}"')
    if (led := _two_leaders(a.text, b.text)) is not None:
        task = "the effort" if led[0] == "*" else f"the {led[0]}"
        return RuleHit("entities", 0.9, f'one task, two leaders: {task} led by A "{led[1]}" vs B "{led[2]}"')
    if (sites := _two_sites(a.text, b.text)) is not None and overlap(a.text, b.text) >= MIN_SITE_TOPIC:
        return RuleHit("entities", 0.8, f'one happening, two places: A "{sites[1]} {sites[0]}" vs B "{sites[2]} {sites[0]}"')
    la, lb = a.text.lower(), b.text.lower()
    for name_a, pred_a, verb_a in slots(a.text):
        for name_b, pred_b, verb_b in slots(b.text):
            shared = pred_a & pred_b
            if len(shared) < 2 or len(shared) < 0.5 * min(len(pred_a), len(pred_b)):
                continue  # not the same role
            if not (verb_a & pred_b or verb_b & pred_a):
                continue  # each does something else with the same things: "the bill includes" / "the White House announced the bill"
            if is_alias(name_a, name_b) or _mentioned(name_a, b.text) or _mentioned(name_b, a.text) or _one_person(name_a, name_b):
                continue  # the same entity, or both sentences name both
            strength = min(1.0, 0.5 + 0.5 * len(shared) / min(len(pred_a), len(pred_b)))
            written = {stem(w): w for w in tokens(a.text)}  # the shared words as A writes them, not their stems
            role = " ".join(written.get(s, s) for s in sorted(shared)[:4])
            return RuleHit("entities", round(strength, 3), f'same role ({role}), different entity: A "{name_a}" vs B "{name_b}"')
    return None
