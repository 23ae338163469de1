"""Numbers and quantities parsed to intervals; a conflict only when the intervals cannot both hold."""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..frames import RUNNING_EVENTS, apart, figure_at, planned, told_apart_in_words
from ..types import Claim, RuleHit
from .dates import MONTHS as MONTH_NAMES, WEEKDAYS, YEAR_RE, different_times
from ..number_words import SMALL_NUMBER_WORDS, WORD_NUMBERS
from .text import EVENT_STEM, STOPWORDS, content_stems, fold_phrases, overlap, stem, tokens, witness_count

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "hundredth": 100, "last": math.inf,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# unit word -> (dimension, factor to the dimension's base unit)
UNITS = {
    "%": ("percent", 1), "percent": ("percent", 1), "per cent": ("percent", 1), "percentage points": ("percent", 1),
    "basis": ("basis points", 1), "bp": ("basis points", 1), "bps": ("basis points", 1),
    "second": ("time", 1 / 3600), "minute": ("time", 1 / 60), "hour": ("time", 1), "day": ("time", 24),
    "week": ("time", 168), "month": ("time", 730), "year": ("time", 8766),
    "km": ("distance", 1), "kilometre": ("distance", 1), "kilometer": ("distance", 1), "mile": ("distance", 1.609),
    "metre": ("distance", 0.001), "meter": ("distance", 0.001), "m": ("distance", 0.001), "foot": ("distance", 0.0003048),
    "feet": ("distance", 0.0003048), "yard": ("distance", 0.0009144), "mm": ("distance", 1e-6),
    "millimetre": ("distance", 1e-6), "millimeter": ("distance", 1e-6), "cm": ("distance", 1e-5),
    "centimetre": ("distance", 1e-5), "centimeter": ("distance", 1e-5), "inch": ("distance", 2.54e-5), "inches": ("distance", 2.54e-5),
    "kg": ("mass", 1), "kilogram": ("mass", 1), "tonne": ("mass", 1000), "ton": ("mass", 907), "pound": ("mass", 0.4536),
    "lb": ("mass", 0.4536),
    "terabyte": ("data", 1000), "gb": ("data", 1), "gigabyte": ("data", 1), "megabyte": ("data", 0.001),  # ("TB" is mostly tuberculosis, "mb" millibars)
}
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "£": "GBP",
    "gbp": "GBP", "sterling": "GBP", "¥": "JPY", "yen": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR",
    "rupee": "INR", "yuan": "CNY",
}
# Words that say which quantity a count measures; two different roles are never compared.
ROLES = {
    "dead": "dead", "killed": "dead", "killing": "dead", "died": "dead", "death": "dead", "fatalities": "dead", "lives": "dead",
    "bodies": "dead", "injured": "injured", "hurt": "injured", "wounded": "injured", "injuring": "injured", "injuries": "injured",
    "hospitalised": "injured", "hospitalized": "injured", "treated": "injured", "missing": "missing", "trapped": "trapped", "arrested": "arrested",
    "detained": "arrested", "evacuated": "evacuated", "displaced": "evacuated", "rescued": "rescued",
    "survivors": "rescued", "infected": "cases", "cases": "cases", "passengers": "passengers", "crew": "crew",
    "against": "against", "favour": "for", "favor": "for",
}
# Count nouns too general to identify a quantity alone ("38,000 people" in a town vs "310 people" employed).
GENERIC_COUNTS = frozenset(stem(w) for w in (
    "people person persons residents members workers employees staff citizens individuals adults children "
    "men women times others things units items percent"
).split())
ROLE_STEMS = frozenset(stem(w) for w in ROLES)
UNIT_STEMS = frozenset(stem(w) for w in UNITS) | frozenset(stem(w) for w in CURRENCIES)
SCALE_STEMS = frozenset(stem(w) for w in SCALES)
MIN_TOPIC = 0.1  # topic overlap below which two claims' figures are never compared
SAME_STATEMENT = 0.5  # word overlap at which two sentences' figures of one kind are read as one quantity
RUNNING_ROLES = {"dead", "injured", "missing", "arrested", "evacuated", "rescued", "cases"}

NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
WORDNUM = r"(?:" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True)) + r")"
SCALE = r"(?:" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")"
CURRENCY_PRE = r"(?:us\$|\$|€|£|¥|₹|rs\.?|usd|eur|gbp|inr)"
VALUE = rf"(?:{CURRENCY_PRE}\s?)?(?:{NUM}|{WORDNUM})(?:\s?(?:-|to|and|or)\s?(?:{CURRENCY_PRE}\s?)?(?:{NUM}|{WORDNUM}))?(?:\s?{SCALE}\b)?"
QUALIFIER = (
    r"(?:passed|surpassed|topped|exceeded|up to|within|as many as|as much as|no more than|not more than|no higher than|not above|at most|a maximum of|fewer than|less than|under|below|"
    r"just under|at least|more than|over|above|exceeding|upwards of|no fewer than|no less than|not less than|no lower than|not below|a minimum of|nearly|"
    r"almost|about|around|approximately|roughly|some|an estimated|estimated|close to|between|from|only|just|exactly)"
)
QUANTITY_RE = re.compile(rf"(?<![\w.,:])(?<![A-Za-z]-)(?:(?P<qual>{QUALIFIER})\s+)?(?P<value>{VALUE})(?![\w])(?P<after>(?:\s*[\w%'’-]+){{0,3}})", re.I)
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_LIKE = re.compile(rf"\b{MONTHS}\s+$", re.I)
VAGUE = {"dozens": (24, 100), "scores": (40, 200), "hundreds": (200, 1000), "thousands": (2000, 10000), "millions": (2e6, 1e7)}
VAGUE_RE = re.compile(r"\b(?:(tens|hundreds) of )?(dozens|scores|hundreds|thousands|millions) of\s+((?:[\w'-]+\s*){1,2})", re.I)
OPEN_VAGUE = frozenset({"thousands", "millions"})  # large vague scales tell a floor: outlets say "thousands" of a crowd of 100,000
VAGUE_SCALE = {"tens": 10, "hundreds": 100}  # "hundreds of thousands": a hundred times "thousands"
# "several hundred people", "a few thousand": between two and ten of the scale
SEVERAL_RE = re.compile(r"\b(?:several|a few|many)\s+(hundred|thousand)\s+((?:[\w'-]+\s*){1,2})", re.I)
SHARE_RE = re.compile(rf"\b({SMALL_NUMBER_WORDS}|\d{{1,2}}) in (?:every )?({SMALL_NUMBER_WORDS}|\d{{1,3}})\b(?!\s*(?:days?|weeks?|months?|years?|hours?|minutes?)\b)", re.I)
UNANIMOUS_RE = re.compile(r"\bunanimous(?:ly)?\b", re.I)  # a tally with no votes against (-1 stands for "N-0")
ONE_OF_PAIR = re.compile(r"\b(?:another|the other|the others)\b", re.I)
TALLY_RE = re.compile(r"(\d{1,3})-(\d{1,3})")
# "three of the train's six carriages": the count is three; six is the whole, not a rival figure.
PART_OF_RE = re.compile(rf"\b({WORDNUM}|{NUM}) of (?:the |its |their |[\w'’]+'s |[\w'’]+’s ){{1,2}}({WORDNUM}|{NUM})\b", re.I)
# "the third man", "in 13th place", and "strike them first" at the end of a sentence (no noun)
CONVERSION_RE = re.compile(r"\b(?:miles?|mi|km|kms|kilomet(?:re|er)s?|feet|foot|ft|met(?:re|er)s?|m|kg|kilos?|pounds?|lbs?|tons?|tonnes?)\s*\($", re.I)
# "one hour and 45 minutes": one time, not an hour against 45 minutes
HOURS_AND_MINUTES_RE = re.compile(rf"\b(?P<h>an|{NUM}|{WORDNUM}) hours? and (?P<m>{NUM}|{WORDNUM}) minutes?\b", re.I)
ORDINAL_RE = re.compile(r"\b(" + "|".join(k for k in ORDINALS if k != "last") + r"|\d+(?:st|nd|rd|th))\b(?:\s+([\w'-]+)|(?=\s*[.!?]?$))", re.I)


@dataclass(frozen=True)
class Quantity:
    lo: float
    hi: float
    dimension: str  # "money:EUR", "time", "distance", "percent", "count:<noun stem>", "ordinal:<noun stem>"
    role: str | None  # for counts: dead, injured, ... when the sentence says so
    text: str
    exact: bool  # no qualifier: read as the value itself
    running: bool  # "at least", "so far", "rose to": a count that may still grow
    context: frozenset[str] = frozenset()  # stems of the words around the figure: what it measures
    lead: frozenset[str] = frozenset()  # stems of the content words just before the figure: what an ordinal numbers
    changed: bool = False  # "narrowed to 187", "extended to 19 batches", "stood at 141": a value at a point in time
    period: frozenset[str] | None = None  # for a change ("fell 4.2 percent in afternoon trading"): the period's words
    year: str | None = None  # a year named before the figure ("in 2014, ... fewer than 50 votes"): a past figure
    part: bool = False  # "43 other Republicans", "two more bodies", "8 yellow players and 4 black players": not a total
    of: frozenset[str] = frozenset()  # what a measure is of, named after its unit: "six years in prison" -> {prison}


def _number(token: str) -> float | None:
    token = token.strip().lower()
    if token in WORD_NUMBERS:
        return float(WORD_NUMBERS[token])
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return None


def _interval(qual: str, lo: float, hi: float) -> tuple[float, float]:
    q = (qual or "").lower()
    if q in ("up to", "as many as", "as much as", "no more than", "not more than", "no higher than", "not above", "at most", "a maximum of", "within"):
        return 0.0, hi
    if q in ("fewer than", "less than", "under", "below", "just under"):
        return 0.0, hi * 0.999
    if q in ("at least", "no fewer than", "no less than", "not less than", "no lower than", "not below", "a minimum of", "upwards of", "passed",
             "surpassed", "topped", "exceeded"):
        return lo, math.inf
    if q in ("more than", "over", "above", "exceeding"):
        return lo, math.inf  # "more than 200" and "nearly 200": outlets rounding one figure, not a clash
    if q in ("nearly", "almost", "close to"):
        return lo * 0.85, hi
    if q in ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated"):
        return lo * 0.85, hi * 1.15
    return lo, hi


@lru_cache(maxsize=100_000)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in a sentence, as an interval in base units."""
    found = []
    low = text.lower()
    running_hint = bool(re.search(r"\b(?:so far|at least|now|rose to|risen to|climbed to|increased to|toll|tally|count|as of|since|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|midday|noon|the end of|late|early))\b", low))
    roles = [ROLES[w] for w in re.findall(r"[a-z]+", low) if w in ROLES]
    role = roles[0] if len(set(roles)) == 1 else None
    taken = set()
    for m in PART_OF_RE.finditer(text):
        part = _number(m.group(1))
        if part == 1:
            continue  # "one of the five people on the vessel": a member of the group, no count
        if part is not None and not re.match(r"\s+[A-Z]", text[m.end():]):  # "350 of the 737 Max jets": a model
            noun = _count_dimension(text[m.end():m.end() + 40])
            found.append(Quantity(part, part, noun, role, m.group(0), True, running_hint))
            taken.update((m.start(1), m.start(2)))
    for m in HOURS_AND_MINUTES_RE.finditer(text):
        hours, minutes = (1.0 if m.group("h").lower() == "an" else _number(m.group("h"))), _number(m.group("m"))
        if hours is not None and minutes is not None:
            found.append(Quantity(hours + minutes / 60, hours + minutes / 60, "time", role, m.group(0), True, False))
            taken.update((m.start("h"), m.start("m")))
    for m in QUANTITY_RE.finditer(text):
        value_text = m.group("value")
        if m.start("value") in taken or any(v.start(1) == m.start("value") for v in SEVERAL_RE.finditer(text)):
            continue
        if re.match(r"-[a-z]", text[m.end("value") :], re.I):
            continue  # "a two-year bond", "the 10-day window": a modifier, not a figure for a quantity
        if re.match(r"\s+of\b", text[m.end("value") :]) or (value_text.lower() == "one" and ONE_OF_PAIR.search(text)):
            continue  # "one of the guys", "one ... the other": a part of a group, not a count of it
        if DATE_LIKE.search(text[: m.start()]) or re.fullmatch(r"(?:1[89]|20)\d\d", value_text.strip()):
            continue  # "May 21", "2026": dates belong to the dates rule
        if re.match(r"\s*(?::\d|(?:a\.?m|p\.?m|gmt|utc|hrs)\b)", text[m.end("value") :], re.I):
            continue  # times of day ("11 pm", "2200 GMT")
        if CONVERSION_RE.search(text[: m.start()]):
            continue  # "900 miles (1,450 km)": the bracket restates the figure before it
        if THRESHOLD_AFTER.match(text[m.end("value") :]) or THRESHOLD_BEFORE.search(text[: m.start()]):
            continue  # "anyone 18 or older", "would need a minimum of 17": a bound someone sets, not a count
        q = _parse(m, role, running_hint)
        if q:
            found.append(q)
    for m in VAGUE_RE.finditer(text):
        lo, hi = VAGUE[m.group(2).lower()]
        if m.group(1):  # "hundreds of thousands" is 200,000 to 1,000,000, not 2,000 to 10,000
            lo, hi = lo * VAGUE_SCALE[m.group(1).lower()], hi * VAGUE_SCALE[m.group(1).lower()]
        elif m.group(2).lower() in OPEN_VAGUE:
            hi = math.inf  # "the thousands of people that took to the streets": hundreds of thousands are thousands too
        found.append(Quantity(lo, hi, _count_dimension(m.group(3)), role, m.group(0).strip(), False, running_hint))
    for m in SEVERAL_RE.finditer(text):
        scale = 100.0 if m.group(1).lower() == "hundred" else 1e3
        found.append(Quantity(2 * scale, 10 * scale, _count_dimension(m.group(2)), role, m.group(0).strip(), False, running_hint))
    for m in SHARE_RE.finditer(text):  # "one in five jobs": 20 percent
        part, whole = _number(m.group(1)), _number(m.group(2))
        if part and whole and part < whole:
            found.append(Quantity(100 * part / whole, 100 * part / whole, "percent", None, m.group(0), True, False))
    if UNANIMOUS_RE.search(text):
        found.append(Quantity(-1, -1, "tally", None, UNANIMOUS_RE.search(text).group(0), True, False))
    for m in ORDINAL_RE.finditer(text):
        word = m.group(1).lower()
        value = ORDINALS.get(word) or float(re.sub(r"\D", "", word))
        found.append(Quantity(value, value, "ordinal:" + stem(m.group(2) or ""), None, m.group(0), True, False))
    found = [
        dataclasses.replace(q, context=_context(text, q),
                            role=_own_role(text, q) or q.role, changed=bool(CHANGED_RE.search(text[: text.find(q.text)])),
                            period=_period(text, q), year=_year(text, q), of=_measure_of(text, q), lead=_lead(text, q))
        for q in found
    ]
    return tuple(dataclasses.replace(q, part=q.part or _split_count(text, q, found)) for q in found)


INCLUDING_RE = re.compile(r"\b(?:including|among them|of whom|of which|of them)\b", re.I)


def _split_count(text: str, q: Quantity, found: list[Quantity]) -> bool:
    """A count told in parts ("8 yellow players and 4 black players"), or the part named after
    "including" ("19 batches, including five batches of the 40mg"); the total before it stays."""
    if not q.dimension.startswith("count:"):
        return False
    others = [o for o in found if o is not q and (o.dimension, o.role) == (q.dimension, q.role)]
    at = text.find(q.text)
    earlier = [o for o in others if text.find(o.text) < at]
    later = [o for o in others if text.find(o.text) > at]
    if any(INCLUDING_RE.search(text[text.find(o.text) : at]) for o in earlier):
        return True
    return bool(others) and not any(INCLUDING_RE.search(text[at : text.find(o.text)]) for o in later)


THRESHOLD_AFTER = re.compile(
    r"\s+(?:[a-z%]+\s+)?(?:and|or)\s+(?:older|younger|higher|lower|greater|fewer|warmer|colder|longer|shorter|larger|smaller|"
    r"bigger|later|earlier|more|less|over|above|up|under|below)\b", re.I)
THRESHOLD_BEFORE = re.compile(r"\b(?:need|needs|needed|require|requires|required|would take|takes)\s+(?:\w+\s+){0,3}$", re.I)
CHANGED_RE = re.compile(
    r"\b(?:(?:rose|risen|rising|climbed|increased|grew|grown|jumped|fell|fallen|dropped|declined|narrowed|widened|shrank|shrunk|"
    r"extended|expanded|reduced|cut|revised|raised|lowered|push|pushed|brought|lifted)\b(?:\s+[\w'’-]+){0,4}?\s+(?:to|at)|(?:stood|stands|reached|hit|now)\b(?:\s+at)?)\s*$",
    re.I)
# "fell 4.2 percent": a change over some period, comparable only with a change over the same one
DELTA_RE = re.compile(r"\b(?:rose|fell|dropped|lost|gained|slid|slipped|jumped|climbed|declined|increased|decreased|grew|shrank|was up|was down)\s+(?:by\s+|a further\s+|another\s+)?$", re.I)
PERIOD_RE = re.compile(r"^[^,;]*?\b((?:since|on|in|over|during|this|last|so far)\b[^,;.]*)", re.I)


def _year(text: str, q: Quantity) -> str | None:
    """The year a figure is for: named before it ("in 2014, ... fewer than 50 votes") or later in
    its clause ("13 million fewer people would have coverage in 2027")."""
    at = text.find(q.text)
    after = re.split(r"[,;](?=\s)", text[at:], maxsplit=1)[0]  # "€45,000" has a comma of its own
    return (YEAR_RE.findall(text[:at]) or re.findall(rf"\b(?:in|for|during) ({YEAR_RE.pattern})", after) or [None])[-1]


def _period(text: str, q: Quantity) -> frozenset[str] | None:
    """The words of the period a change is measured over ("since the recall began"), or None when the figure is no change."""
    at = text.find(q.text)
    if not DELTA_RE.search(text[:at]):
        return None
    m = PERIOD_RE.match(text[at:])
    return content_stems(m.group(1)) if m else frozenset()


CAPACITY_BEFORE = re.compile(
    r"\b(?:(?:certified|licensed|allowed|permitted|authori[sz]ed|designed|built|rated) to (?:carry|hold|seat|accommodate)|"
    r"can (?:carry|hold|seat|accommodate)|capacity of|room for)\s+$", re.I)
LOAD_BEFORE = re.compile(r"\b(?:carrying|carried|carries|loaded with|laden with|holding|held)\s+(?:\w+\s+){0,2}?$", re.I)
TOLL_RE = re.compile(r"\bdeath toll\b(?:\s+[\w'’-]+){0,5}?\s*$", re.I)
CALENDAR_WORDS = frozenset(WEEKDAYS + MONTH_NAMES)


def _own_role(text: str, q: Quantity) -> str | None:
    """The role named right at the figure ("two votes against", "seven in favour", "12 injured", "the death toll rose to 27")."""
    at = text.find(q.text)
    if TOLL_RE.search(text[:at]):
        return "dead"
    verb = re.findall(r"[a-z]+", text[max(0, at - 20) : at].lower())[-1:]
    if verb and verb[0] in ROLES and verb[0].endswith(("ed", "ing")):
        return ROLES[verb[0]]  # "killing three skiers", "injured 12 people"
    near = re.findall(r"[a-z]+", text[at : at + len(q.text) + 25].lower())[:5]
    roles = [ROLES[w] for w in near if w in ROLES]
    return roles[0] if roles else None


def _lead(text: str, q: Quantity) -> frozenset[str]:
    at = text.find(q.text)
    words = [t for t in tokens(text[:max(at, 0)]) if t not in STOPWORDS][-LEAD_WORDS:]
    return frozenset(stem(w) for w in words)


LEAD_WORDS = 2


def _context(text: str, q: Quantity) -> frozenset[str]:
    """Content stems within a few words of the figure (its unit excluded): what is being counted."""
    at = text.find(q.text)
    def words(span: str) -> list[str]:
        return re.findall(r"[A-Za-z][\w'’-]*", fold_phrases(span))  # "behind bars" -> "prison"

    before = words(text[max(0, at - 60) : at])[-4:]
    after = words(text[at + len(q.text) : at + len(q.text) + 50])[:4]
    # the words after the figure say what is counted, paid ("$30 billion adaptation fund") or
    # measured ("210 km altitude", "six years in prison"); the unit itself is dropped below
    inside = words(q.text)[1:]
    unit = q.dimension.split(":")[-1]
    sentence_start = len(re.findall(r"[A-Za-z][\w'’-]*", text[:at])) <= len(before)
    words = {
        EVENT_STEM.get(stem(w), stem(w)) for k, w in enumerate(before + inside + after)
        if w.lower() not in STOPWORDS and w.lower() not in WORD_NUMBERS
        and not (w[0].isupper() and not (k == 0 and sentence_start))  # names say where, not what
    }
    return frozenset(words - UNIT_STEMS - SCALE_STEMS - {unit, ""})


def _unit(word: str) -> str | None:
    """The UNITS key a word names ("years" -> "year", "metres" -> "metre"), or None."""
    for key in (word, stem(word), word.rstrip("s")):
        if key in UNITS:
            return key
    return None


def _measure_of(text: str, q: Quantity) -> frozenset[str]:
    """The words after a measure's unit: "six years in prison" vs "seven years on the council" are two spans."""
    if q.dimension.startswith("money"):  # "$1.17 million in restitution" is not "$1 million in bribes"
        m = re.search(rf"{VALUE}\s+(?:in|of)\s+([a-z]+)", text[text.find(q.text):], re.I)
        return frozenset({stem(m.group(1))}) if m and m.group(1) not in STOPWORDS else frozenset()
    if q.dimension not in ("time", "distance", "mass"):
        return frozenset()
    at = text.find(q.text)
    words = re.findall(r"[a-z]+", fold_phrases(re.split(r"[,.;:]", text[at : at + len(q.text) + 40])[0]).lower())
    units = [k for k, w in enumerate(words) if _unit(w) is not None]
    rest = words[units[0] + 1 : units[0] + 4] if units else []
    if not rest or rest[0] not in ("in", "on", "at", "as", "behind"):
        return frozenset()  # "90 days to present a plan", "14 days from sentencing": what the span is for, told freely
    return frozenset(EVENT_STEM.get(stem(w), stem(w)) for w in rest[1:] if w not in STOPWORDS)


# A preposition or conjunction right after a figure ends its noun phrase: "risen to six after a
# mountain guide died" counts no mountains.
NOUN_PHRASE_END = re.compile(r"\b(?:after|before|since|when|while|because|following|amid|until|by|in|on|at|from|with|into|"
                             r"for|during|over|under|than|as|but|if)\b.*", re.I | re.S)


def _count_dimension(after: str) -> str:
    words = [w for w in re.findall(r"[a-z]+", NOUN_PHRASE_END.sub("", after.lower()))
             if w not in STOPWORDS and w not in ("more", "other", "people's") and w not in CALENDAR_WORDS]
    if len(words) > 1 and words[0].endswith("ed") and words[0] not in ROLES:
        words = words[1:]  # "400 returned packs": the packs are counted
    elif len(words) > 1 and not words[0].endswith("s") and re.fullmatch(r"[a-z]{3,}[^s]s", words[1]) and words[0] not in ROLES:
        words = words[1:]  # "2,400 union members", "40 fire engines": the compound's last noun is counted
    noun = stem(words[0]) if words else ""
    return "count:" + EVENT_STEM.get(noun, noun)  # "18 vessels" and "31 ships" count one thing


def _parse(m: re.Match, role: str | None, running_hint: bool) -> Quantity | None:
    raw = m.group("value").lower()
    currency = None
    cur = re.match(rf"\s*({CURRENCY_PRE})\s?", raw)
    if cur:
        currency = CURRENCIES.get(cur.group(1).strip())
    scale_m = re.search(rf"\s?({SCALE})$", raw)
    scale = SCALES[scale_m.group(1)] if scale_m else 1.0
    if scale_m:
        raw = raw[: scale_m.start()]
    tally = TALLY_RE.fullmatch(raw.strip())
    if tally and int(tally.group(1)) > int(tally.group(2)):
        # "voted 6-1": a tally, equal only to the same tally
        value = float(tally.group(1)) * 1000 + float(tally.group(2))
        return Quantity(value, value, "tally", None, m.group("value"), True, False)
    raw = re.sub(rf"{CURRENCY_PRE}\s?", "", raw)
    parts = re.findall(rf"{NUM}|{WORDNUM}", raw)  # the range's ends; "thirty-nine" is one
    nums = [_number(p) for p in parts if p.strip()]
    if not nums or any(n is None for n in nums):
        return None
    lo, hi = min(nums) * scale, max(nums) * scale
    after = (m.group("after") or "").strip().lower()
    words = re.findall(r"[a-z%]+", after)
    # A currency word after the number ("3,000,000 euros"), a scale word ("3 million"), or a unit.
    if words and words[0] in SCALES and not scale_m:
        scale = SCALES[words[0]]
        lo, hi = lo * scale, hi * scale
        words = words[1:]
    if scale > 1 and "." in raw:  # "$8.4 billion" is a rounding of 8.35-8.45 billion ("$8.38 billion" agrees)
        half = 0.5 * scale * 10 ** -len(raw.rsplit(".", 1)[1].strip())
        lo, hi = lo - half, hi + half
    if words and words[0].rstrip("s") in CURRENCIES:
        currency = CURRENCIES[words[0].rstrip("s")]
    qual = (m.group("qual") or "").lower()
    if qual == "up to" and CAPACITY_BEFORE.search(m.string[: m.start()]):
        qual = ""  # "certified to carry up to 300 passengers": a capacity is its limit, one figure
    lo, hi = _interval(qual, lo, hi)
    exact = not qual or qual in ("only", "just", "exactly")
    running = running_hint or qual in ("at least", "passed", "surpassed", "topped", "exceeded")
    if currency:
        return Quantity(lo, hi, "money:" + currency, None, m.group(0).strip(), exact, False)
    if "%" in after[:2] or (words and words[0] in ("percent", "per")):
        return Quantity(lo, hi, "percent", None, m.group(0).strip(), exact, False)
    if words:
        unit = words[0]
        if (unit_key := _unit(unit)) is not None:
            dimension, factor = UNITS[unit_key]
            if dimension == "mass" and LOAD_BEFORE.search(m.string[: m.start()]):
                dimension = "load:mass"  # "was carrying 80,000 tonnes": the cargo, not what spilled
            # a measured amount may be a running total too ("2,000 tonnes have now escaped")
            return Quantity(lo * factor, hi * factor, dimension, None, m.group(0).strip(), exact, running and dimension == "mass")
    counted = _count_dimension(after)
    return Quantity(lo, hi, counted, role, m.group(0).strip(), exact, running)


def _disjoint(x: Quantity, y: Quantity) -> bool:
    if x.dimension == "tally" and -1 in (x.lo, y.lo):
        other = y if x.lo == -1 else x
        return other.lo != -1 and other.lo % 1000 != 0  # "unanimously" vs "6-1"; "7-0" agrees
    # Exact figures in different units are conversions: allow rounding.
    slack = 0.06 if x.dimension in ("distance", "mass", "time") else 0.0
    return x.hi * (1 + slack) < y.lo or y.hi * (1 + slack) < x.lo


def _comparable(x: Quantity, y: Quantity, topic: float) -> bool:
    """Two figures for the same quantity: same dimension and role, and something in common
    around them, or two sentences that say much the same (`topic`, their word overlap)."""
    if x.dimension != y.dimension or (x.dimension == "count:" and not (x.role and x.role == y.role)):
        return False  # a bare figure is comparable only through its role ("the death toll rose to 27" / "risen to 19 dead")
    if x.period != y.period:
        return False
    if x.dimension.startswith("ordinal:") and x.lead != y.lead and not (x.lead & y.lead):
        return False  # "failed to land on the first attempt" vs "crashed during its second attempt": two steps of one story
    if x.of and y.of and not (x.of & y.of):
        return False  # "four years in prison" vs "seven years on the council"  # "fell 4.2 percent in afternoon trading" vs "lost about 11 percent since the recall began"
    if x.dimension == "tally":
        return True  # two vote tallies in two similar sentences are the same vote
    if x.role or y.role:
        return x.role == y.role  # "80 firefighters fought" vs "two firefighters were treated"
    if x.dimension.startswith("count:") and x.dimension[6:] not in GENERIC_COUNTS:
        return True  # "80 firefighters" vs "50 firefighters": the noun says what is counted
    return bool(x.context & y.context) or (not x.context and not y.context) or topic >= SAME_STATEMENT


def _differently_qualified(a: str, b: str, shared: frozenset[str], figures: str) -> bool:
    """"core inflation" vs "annual inflation", "city-owned readers" vs "private readers": not the same quantity."""
    ta, tb = tokens(a), tokens(b)
    # "12 kilometres south" vs "7.5 miles south": units are not qualifiers; "by Monday morning" is a time, not a kind
    ignore = set(tokens(figures)) | CALENDAR_WORDS
    for word in shared - ROLE_STEMS:  # "a mountain guide died" / "a skier died": the word before a verb is its subject
        pa = [ta[k - 1] for k in range(1, len(ta)) if stem(ta[k]) == word]
        pb = [tb[k - 1] for k in range(1, len(tb)) if stem(tb[k]) == word]
        if not pa or not pb:
            continue
        qa = {w for w in pa if w not in STOPWORDS and w.isalpha() and w not in ignore}
        qb = {w for w in pb if w not in STOPWORDS and w.isalpha() and w not in ignore}
        if qa and qb and qa != qb and not (qa & set(tb)) and not (qb & set(ta)):
            return True
    return False


def numbers(a: Claim, b: Claim) -> RuleHit | None:
    topic = overlap(a.text, b.text)
    qa, qb = quantities(a.text), quantities(b.text)
    if not qa or not qb or witness_count(a.text) or witness_count(b.text):
        return None  # (what one witness counted is no rival figure for a count)
    if topic < MIN_TOPIC:
        return None
    agreed = {(x.dimension) for x in qa for y in qb if _comparable(x, y, topic) and not _disjoint(x, y)}
    for x in qa:
        for y in qb:
            if not _comparable(x, y, topic) or not _disjoint(x, y) or x.dimension in agreed or _other_years(x, a, y, b):
                continue  # a matching figure for the same quantity means they talk of different parts
            if x.part or y.part or _part_told_apart(x, b.text) or _part_told_apart(y, a.text):
                continue  # a part of the count is no rival figure for it
            if x.dimension == "time" and (_ago(x, a.text) or _ago(y, b.text)):
                continue  # "reopened four days ago": a day, which the dates rule compares against the article's date
            if _told_by(x, qb) and _told_by(y, qa):
                continue  # both claims give both figures ("125, revising an earlier 174"): one story told twice
            if x.dimension != "tally" and _other_votes(a.text, b.text):
                continue  # "11 Republicans ... in a 208-218 vote" and "eight Republicans ... 216-210": two votes
            if (topic < 0.25 and not (x.role and x.role == y.role) and not x.dimension.startswith("count:")
                    and len(x.context & y.context) < 2 and not (x.dimension.startswith("money:") and x.lead & y.lead)):
                continue  # little else in common: probably two different quantities (a sum both say was demanded, or paid, is one)
            fx, fy = _parsed(a.text, x), _parsed(b.text, y)  # what the parse read at each figure, if anything
            if (_differently_qualified(a.text, b.text, x.context & y.context, f"{x.text} {y.text}") or _told_apart(a, fx, b, fy)
                    or told_apart_in_words(x.text, a.text, y.text, b.text)):
                continue
            if (x.running or y.running or x.changed or y.changed or (x.role in RUNNING_ROLES) or _parsed_running(fx, fy)) \
                    and _is_update(a, x, b, y):
                return RuleHit("update", 0.6, f'update: "{x.text}" ({a.date or "undated"}) then "{y.text}" ({b.date or "undated"})'
                               if (a.date or "") <= (b.date or "") else
                               f'update: "{y.text}" ({b.date or "undated"}) then "{x.text}" ({a.date or "undated"})')
            strength = min(1.0, 0.45 + 0.6 * topic)
            return RuleHit("numbers", round(strength, 3), f'numbers: A "{x.text}" vs B "{y.text}" ({x.dimension.split(":")[0]} that cannot both hold)')
    return None


PART_OF_REST_RE = re.compile(rf"\b({WORDNUM}|{NUM}) of (?:which|whom|them|those)\b", re.I)


def _part_told_apart(q: Quantity, other: str) -> bool:
    """A part ("two of the 10 people treated") the other claim tells as a part of its own count
    ("Ten people were treated, two of which ..."): both give the same part, of one whole."""
    return bool(PART_OF_RE.fullmatch(q.text)) and q.lo in {_number(m.group(1)) for m in PART_OF_REST_RE.finditer(other)}


def _ago(q: Quantity, text: str) -> bool:
    at = text.find(q.text)
    return at >= 0 and bool(re.match(r"\W*ago\b", text[at + len(q.text):])) or bool(re.search(r"\bago\b", q.text))


def _told_by(q: Quantity, others: tuple[Quantity, ...]) -> bool:
    return any((o.lo, o.hi) == (q.lo, q.hi) for o in others)


def _other_votes(a: str, b: str) -> bool:
    """Each claim gives a vote's tally and no tally is shared: their other figures count two votes."""
    ta, tb = set(TALLY_RE.findall(a)), set(TALLY_RE.findall(b))
    return bool(ta and tb) and not ({(x, y) for x, y in ta} | {(y, x) for x, y in ta}) & tb


def _told_apart(a: Claim, fx, b: Claim, fy) -> bool:
    """The parse of both sentences reads the two figures (`fx`, `fy`, from `_parsed`; None where
    it read none) as different quantities ("93 died in Mexico City" vs "230 died"; "76 passengers
    were injured" vs "100 passengers were killed"), or one as a plan and the other not. Where it
    read no figure, the words decide."""
    if planned(fx) != planned(fy):
        return True  # "bound by its contract to keep it shut for 8 to 12 months" vs "shut for seven months"
    return fx is not None and fy is not None and (apart(fx, fy, a.text, b.text) or different_times(fx.when, a.date, fy.when, b.date))


def _parsed_running(fx, fy) -> bool:
    """The parse reads both figures as one running count ("had restored power to about 180,000
    customers" / "to about 390,000 customers"), which the words alone did not say."""
    return fx is not None and fy is not None and fx.event == fy.event and fx.event in RUNNING_EVENTS


def _parsed(text: str, q: Quantity):
    at = text.find(q.text)
    return figure_at(text, at, at + len(q.text)) if at >= 0 else None


def _other_years(x: Quantity, a: Claim, y: Quantity, b: Claim) -> bool:
    """Figures for two different years: one named before a figure ("in 2009, when 23 miners died"), else the article's."""
    year_x, year_y = x.year or _years_ago(x, a) or (a.date or "")[:4], y.year or _years_ago(y, b) or (b.date or "")[:4]
    if year_x and year_y:
        return year_x != year_y
    return bool(x.year or y.year)  # one figure is for a named year, the other for an unknown one


YEARS_AGO_RE = re.compile(rf"\b(a|{SMALL_NUMBER_WORDS}|\d{{1,2}}) years? ago\b", re.I)


def _years_ago(q: Quantity, claim: Claim) -> str | None:
    """The year of "fined 450,000 euros four years ago", from the article's date."""
    m = YEARS_AGO_RE.search(claim.text)
    if not m or not claim.date:
        return None
    back = 1 if m.group(1).lower() == "a" else _number(m.group(1))
    return str(int(claim.date[:4]) - int(back))


def _is_update(a: Claim, x: Quantity, b: Claim, y: Quantity) -> bool:
    """A running count that grew, or a figure restated as changed ("narrowed to 187"): the later
    article (or the one saying "so far"/"at least"/"rose to") has the larger or the changed figure."""
    if a.date and b.date and a.date != b.date:
        later, earlier = (x, y) if a.date > b.date else (y, x)
        return later.changed or later.lo > earlier.hi
    larger = x if x.lo > y.hi else y
    return larger.running or x.changed != y.changed


def explain_numbers(a: Claim, b: Claim) -> str:
    """What the rule compared when it found nothing: each side's figures (as read, with what
    they measure) and the claims' topic overlap, which the rule needs to be at least MIN_TOPIC."""
    def figures(c: Claim) -> str:
        said = [f'"{q.text}" ({q.dimension.split(":")[0]}{f", {q.role}" if q.role else ""})' for q in quantities(c.text)]
        return ", ".join(said) or "no figure"
    qa, qb = quantities(a.text), quantities(b.text)
    shared = sorted({x.dimension for x in qa} & {y.dimension for y in qb})
    return (f"A: {figures(a)}; B: {figures(b)}; "
            f"{'both sides measure ' + ', '.join(shared) if shared else 'no figure of one kind on both sides'}; "
            f"topic overlap {overlap(a.text, b.text):.2f} (compared from {MIN_TOPIC:g})")
