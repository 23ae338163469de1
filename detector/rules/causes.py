"""Competing explanations: two claims giving different causes for the same event."""
from __future__ import annotations

import re
from functools import lru_cache

from ..types import Claim, RuleHit
from .text import EVENT_STEM, content_stems, reported_content, stem, topic_stems

SEQUENCE = 0.65  # how sure an "after"-clause is a reason
# (pattern, how sure it is that what follows is a cause). Group "cause" is the explanation;
# the text before the match (or group "event") is the event explained.
MARKERS = [
    (re.compile(r"\breason (?:for|behind) (?P<event>[^,;]+?) (?:is|was|were) (?:that )?(?P<cause>[^;]+)", re.I), 0.95),
    (re.compile(r"\b(?:attributed|blamed|pinned|traced) (?P<event>[^,;]+?)(?:, [^;]{1,80}?,)? (?:to|on) (?P<cause>[^;]+)", re.I), 0.9),
    (re.compile(r"\b(?:because(?: of)?|due to(?!\s+(?:take|be|begin|start|open|close|meet|hold|arrive|leave|resume|return|end|finish|expire|sign|vote|appear|report|publish|announce|launch|go|come|run)\b)|owing to|as a result of|(?:caused|triggered|prompted|driven|started|sparked|set off|ignited) by|stemm(?:ed|ing) from|result(?:ed|ing) from|blamed on|on account of|in response to)\s+(?P<cause>[^;]+)", re.I), 0.9),
    (re.compile(r"\b(?:point(?:s|ed)? to|identified|named|cited) (?P<cause>.+?) as the (?:cause|reason|trigger) (?:of|for) (?P<event>[^,;]+)", re.I), 0.9),
    (re.compile(r"^(?P<cause>[^,;]+?) (?:triggered|caused|sparked|set off|led to|prompted|forced) (?P<event>(?:the|a|an) [^,;]+)", re.I), 0.8),
    (re.compile(r"^(?P<cause>[^,;]+?) (?:was|is|were|had been) (?:the |a )?(?:main |primary |chief |real |root |likely |probable |most likely |most probable )?(?:cause|reason|trigger) (?:of|for|behind) (?P<event>[^,;]+)", re.I), 0.9),
    (re.compile(r"\b(?:began|started|happened|occurred|came|sparked|ignited|triggered|caused)(?: at [^,;]{1,20},)? (?:when|because) (?P<cause>[^;]+)", re.I), 0.6),
    (re.compile(r"\bblamed (?P<event>)(?P<cause>(?!(?:him|her|them|it)\b)[^,;]+)", re.I), 0.75),
    (re.compile(r"\bover (?P<cause>(?:a |an |the )?(?:dispute|row|disagreement|concerns?|fears?|objections?|disagreements?)\b[^;,]*)", re.I), 0.8),
    # what an inquiry suspects: "the assessment points to a fuel-pump failure", "investigators are
    # focusing on a ruptured tank", "a software fault is the leading suspect in the failure"
    (re.compile(r"\b(?:assessment|evidence|findings|data|analysis|inquiry|investigation|report|signs) (?:so far )?point(?:s|ed|ing)? (?:to|towards?) (?P<event>)(?P<cause>[^;]+)", re.I), 0.75),
    (re.compile(r"\b(?:investigators?|inquiry|probe|experts|engineers)\b[^;]{0,60}?\b(?:are|were|is|was) (?:focus(?:s)?ing|focus(?:s)?ed|concentrating) on (?P<event>)(?P<cause>[^;]+)", re.I), 0.7),
    (re.compile(r"^(?P<cause>[^,;]+?) (?:is|was|remains|has emerged as) (?:the|a) (?:leading|prime|main|chief|likeliest|most likely) (?:suspect|theory|explanation|line of inquiry) (?:in|for|behind) (?P<event>[^,;]+)", re.I), 0.8),
    # "fell apart after the investor pulled its funding": a clause of its own is told as a reason;
    # "after a global outage", "amid the chaos", "after attending a forum" only place it in time
    (re.compile(r"\b(?:after|following) (?P<cause>(?:the|a|an|its|their|[A-Z][\w'’-]*)(?: (?!that|which|who)[\w'’-]+){1,4}? "
                r"(?:[a-z]{3,}ed|broke|fell|rose|won|lost|took|held|struck|made|left|went|came|gave|ran|found|hit|cut|sent)\b[^;,]*)"), SEQUENCE),
    (re.compile(r"\b(?:after|following|amid)\s+(?P<cause>[^;,]+)", re.I), 0.55),
    (re.compile(r"\bciting (?!(?:\w+ ){0,4}(?:sources?|officials?|people|reports?|data|figures|a statement|documents?)\b)(?P<cause>[^;]+)", re.I), 0.7),
    (re.compile(r"\b(?:was|were|is|are|has been|have been|had been) (?:attributed|traced) to (?P<cause>[^;]+)", re.I), 0.85),
    (re.compile(r"\b(?:called|staged|launched) over (?P<cause>[^;]+)", re.I), 0.8),
    (re.compile(r"\b(?:centres|centers|centred|centered|hinges|hinged) on (?P<cause>[^;]+)", re.I), 0.7),
    (re.compile(r"\b(?:started|set|lit|caused|done) (?P<cause>(?:deliberately|intentionally|on purpose|accidentally|by accident)\b[^;]*)", re.I), 0.8),
]
INNER_CAUSE_RE = re.compile(r"\b(?:caused|triggered|sparked|set off|prompted) by (.+)$", re.I)
# How intruders got in: "got in through X", "X was used to get into", "X gave them a foothold".
# These name no event of their own, so they all explain one: the way in.
WAY_IN = "the way in"
WAY_IN_MARKERS = [
    (re.compile(r"\b(?:got|gets|get|broke|break|gained|gain|entered|enter)\s+(?:in|into|access)\b[^,;]{0,40}?\b(?:through|via|using|by exploiting) (?P<cause>[^;]+)", re.I), 0.8),
    (re.compile(r"^(?P<cause>[^,;]+?) (?:was|were|had been) used to (?:get|break|gain) (?:in|into|access)\b", re.I), 0.8),
    (re.compile(r"^(?P<cause>[^,;]+?) gave [^,;]{0,40}?\b(?:foothold|access|entry|way in)\b", re.I), 0.8),
]
# "a failed fuel pump rather than a bird strike": the cause named and the one ruled out
RATHER_RE = re.compile(r"\s*(?:\b(?:rather than|instead of|and not|but not)|,\s*not)\b", re.I)
TRAILING_ATTRIBUTION = re.compile(r",\s*(?:according to\b.*|[^,]{0,60}\b(?:said|says|reported|told reporters)\b[^,]*)$", re.I)
WHEN_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|morning|afternoon|evening|"
    r"\d{1,2}(?::\d\d)?\s?[ap]\.?m|(?:hours|days|weeks|minutes) (?:later|earlier)|(?:19|20)\d\d|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2})\b", re.I)
SPAN_BEFORE_RE = re.compile(r"\b(?:(?:\w+ )?(?:seconds|minutes|hours|days|weeks|months|years|a day|a week|a month|a year)|"
                            r"shortly|soon|just|moments|right|immediately)\s*$", re.I)
DENIED_CAUSE_RE = re.compile(r"(?:\bnot|n[’']t|\bnever|\bno)\b(?:\s+\w+){0,2}\s+(?:caused|due|because|triggered|result|blamed|linked|attributed|the result)\b", re.I)
# "spoke on condition of anonymity because he was not authorised to ...": why a source is unnamed, not why anything happened
ANONYMITY_RE = re.compile(r"\b(?:anonymity|anonymously|not to be (?:named|identified)|to be (?:named|identified))\b", re.I)
UNKNOWN_CAUSE_RE = re.compile(r"\b(?:what|whether|how|why)(?:\s+\w+){0,2}$|\b(?:too early|not (?:yet )?(?:clear|known)|unclear|unknown)\b", re.I)
PARTIAL_RE = re.compile(r"\b(?:in part|partly|partially|among other things|one of the (?:reasons|causes|factors))\b"
                        # a cause of some of a count: "most of these deaths were due to", "the majority due to", "some of them due to"
                        r"|\b(?:most(?! likely| probably)|many|some|several|the majority|mostly|largely|mainly|chiefly)\b[^.;]{0,40}?\b(?:due to|because|caused by)\b", re.I)
# "caused by arson", "started deliberately": one word can be the whole cause; "by them", "of these" are not
ONE_WORD_CAUSE = re.compile(r"(?!(?:these|those|there|where|which|whose|other|others|itself|themselves)$)[a-z]{5,}", re.I)
GENERIC = frozenset({"event", "decision", "thing", "issu", "matter", "concern", "report", "time", "day", "week", "year",
                     "last", "minute", "official", "presid", "hour", "new"})


@lru_cache(maxsize=100_000)
def explanation(text: str) -> tuple[str, str, float] | None:
    """(event, cause, confidence) when the sentence explains why something happened."""
    body = reported_content(text)
    for pattern, confidence in MARKERS + WAY_IN_MARKERS:
        m = pattern.search(body)
        if m:
            cause = RATHER_RE.split(TRAILING_ATTRIBUTION.sub("", m.group("cause")))[0].strip(" .,\"'”")
            # Patterns with an "event" group name it; otherwise the event is what precedes the marker.
            event = (m.group("event") if "event" in pattern.groupindex else body[: m.start()]).strip(" ,")
            if (pattern, confidence) in WAY_IN_MARKERS:
                event = WAY_IN
            if confidence < 0.6 and WHEN_RE.search(cause):
                continue  # "after surveyors finished on Thursday": a sequence in time, not a reason
            if ANONYMITY_RE.search(event):
                return None
            if SPAN_BEFORE_RE.search(body[:m.start()]):
                continue  # "the attack comes days after ...", "hours after": how long after, not why
            if DENIED_CAUSE_RE.search(body[max(0, m.start() - 25):m.start() + 12]) or UNKNOWN_CAUSE_RE.search(cause):
                return None  # "wasn't caused by a cyberattack", "too early to say what caused it": no cause given
            if (len(cause.split()) >= 2 or ONE_WORD_CAUSE.fullmatch(cause)) and (len(event.split()) >= 2 or not event):
                return event, _first_link(cause), confidence
    return None


def _first_link(cause: str) -> str:
    """The first link of a chain told as one cause: "a large stampede ... caused by a random
    distribution of money" is explained by the distribution, as the other outlet may say."""
    m = INNER_CAUSE_RE.search(cause)
    return m.group(1).strip(" .,\"'”") if m and len(m.group(1).split()) >= 2 else cause


# Words naming the incident a story is about. Two explanations of "the crash" and "the
# derailment" in one pair of similar claims explain the same incident.
INCIDENTS = frozenset(EVENT_STEM.get(stem(w), stem(w)) for w in (
    "crash accident collision derailment fire blaze explosion blast flood flooding flooded outage attack breach "
    "hack collapse incident disaster leak spill shooting delay postponement cancellation failure problems troubles "
    "woes crisis shutdown closure grounding damage contamination walkout strike dispute"
).split())


def _same_event(x: str, y: str, speakers: frozenset[str] = frozenset()) -> bool:
    sx, sy = _event_words(x) - speakers, _event_words(y) - speakers
    return bool(sx & sy) or bool(sx & INCIDENTS and sy & INCIDENTS)


def _event_words(text: str) -> frozenset[str]:
    return topic_stems(text) - GENERIC


def _happening_words(text: str) -> frozenset[str]:
    """What happened, in common words only: names say who or where ("the Millbrook Quay site")."""
    return _event_words(" ".join(w for w in text.split() if w[:1].islower()))


# What strikes a place: told with "after", the incident the story is about, not a reason offered for it
FORCES = INCIDENTS | frozenset(EVENT_STEM.get(stem(w), stem(w)) for w in (
    "storm quake earthquake tremor rain rainfall downpour deluge landslide landslip mudslide cyclone hurricane typhoon "
    "tsunami wildfire eruption avalanche").split())


def _background(cause: str, confidence: float) -> bool:
    """"killed after a powerful earthquake hit", "searching after the storm lashed the coast": the
    story's incident told as what came before, which fits any reason another outlet gives."""
    return confidence == SEQUENCE and bool(_happening_words(cause) & FORCES)


def _chained(cause: str, own_event: str, other_event: str) -> bool:
    """One side's cause is the other side's event: "killed after the train derailed" and "the
    train derailed due to a rail fracture" are two links of one chain, not rival explanations.
    A cause that restates its own event ("called off because a court ruled the strike unlawful")
    is no link."""
    words = _happening_words(cause)
    if not own_event or not other_event or words & _happening_words(own_event):
        return False
    shared = words & _happening_words(other_event)
    return len(shared) >= 2 or bool(shared & INCIDENTS)


def causes(a: Claim, b: Claim) -> RuleHit | None:
    ea, eb = explanation(a.text), explanation(b.text)
    if not ea or not eb:
        return None
    event_a, cause_a, conf_a = ea
    event_b, cause_b, conf_b = eb
    if min(conf_a, conf_b) < 0.6:
        return None  # a bare "after"/"amid" tells a sequence of events more often than a reason
    # who said it is not what happened: "Buttigieg addressed the issue" and "Buttigieg noted
    # that ports were affected" share no event
    speakers = topic_stems(" ".join(filter(None, (a.attribution, b.attribution))))
    if event_a and event_b and not _same_event(event_a, event_b, speakers):
        return None  # explanations of different events
    if _chained(cause_a, event_a, event_b) or _chained(cause_b, event_b, event_a):
        return None
    if event_a != WAY_IN and not (content_stems(a.text) & content_stems(b.text)) - GENERIC and not _same_event(a.text, b.text):
        return None  # an unnamed event ("officials blamed speed") needs at least a shared subject
    if _background(cause_a, conf_a) or _background(cause_b, conf_b):
        return None
    if max(conf_a, conf_b) <= SEQUENCE:
        return None  # "named after McCarthy was removed" / "after the resolution was passed": one sequence told twice
    if PARTIAL_RE.search(a.text) or PARTIAL_RE.search(b.text):
        return None  # "spread in part because of the wind": one of several causes, which fit together
    ca, cb = topic_stems(_core(cause_a)) - GENERIC, topic_stems(_core(cause_b)) - GENERIC  # "the quake" is "the earthquake"
    if not ca or not cb:
        return None
    cause_overlap = len(_shared(ca, cb)) / min(len(ca), len(cb))
    said_a, said_b = RATHER_RE.split(a.text)[0], RATHER_RE.split(b.text)[0]  # a cause ruled out is not one given
    if cause_overlap > 0.25 or (ca <= content_stems(said_b)) or (cb <= content_stems(said_a)):
        return None  # the same explanation, or one side mentions the other's cause too
    strength = round(min(conf_a, conf_b) * (1.0 - cause_overlap), 3)
    return RuleHit("causes", strength, f'competing explanations of "{_short(event_a or event_b)}": A "{_short(cause_a)}" vs B "{_short(cause_b)}"')


def _shared(x: frozenset[str], y: frozenset[str]) -> frozenset[str]:
    """Stems of one word in both, a word that begins a compound counting too ("rain" / "rainfall";
    not "fail" / "failure", two words)."""
    def compound(short: str, long: str) -> bool:
        return len(short) >= 4 and len(long) - len(short) >= 3 and long.startswith(short)
    return frozenset(s for s in x if s in y or any(compound(s, t) or compound(t, s) for t in y))


ASIDE_RE = re.compile(r",\s+(?:a|an|which|who|whose|where)\b")


def _core(cause: str) -> str:
    """A cause without its descriptive aside: "the Sill Beck, a tributary that joins ... below the dam" -> "the Sill Beck"."""
    return ASIDE_RE.split(cause, maxsplit=1)[0]


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
