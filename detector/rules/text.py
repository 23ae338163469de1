"""Shared, cached text analysis used by the rule families: tokens, stems, negation, overlap."""
from __future__ import annotations

import re
from functools import lru_cache

from ..number_words import WORD_NUMBERS

NUMBER_WORDS = "|".join(WORD_NUMBERS)

TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*\d|\d")


STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over under about
    this that these those it its it's he she they them his her their we our you your i me my
    is are was were be been being am has have had having do does did will would shall should
    can could may might must also than then there here which who whom whose what when where
    why how all any some such so very just only more most other another each both either
    said says say told tell according reported reports report added adding stated
    not no never nor none n't up out off one after before during since until between while
    """.split()
)

NEGATION_WORDS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot", "without"})
# Phrases that look negative but assert: "not only X but Y", "no doubt", "nothing but".
FALSE_NEGATIONS = re.compile(r"\b(?:not only|not just|not merely|no doubt|nothing but|no later than|no sooner|not least)\b", re.I)
# "The union walked away, not us": a contrast that puts the act on someone, not a denial of it.
CONTRAST_NEGATION = re.compile(r",\s*(?:and\s+)?not\s+(?:the\s+)?(?:[A-Z][\w'’-]*|us|me|him|her|them|it|we|they)(?=\s*[,.;]|\s*$)")
# Phrases that deny what follows: "stopped short of opening", "declined to comment", "has yet to".
NEGATING_PHRASES = re.compile(r"\b(?:at no point|at no time|stop(?:ped|s|ping)? short of|declin(?:ed|es|ing|e) to|refus(?:ed|es|ing|e) to|"
                              r"fail(?:ed|s|ing)? to|has yet to|have yet to|is yet to|are yet to|(?:un|not )aware of)\b", re.I)
SPEECH_WORDS = frozenset("said says say told tell according reported reports report added adding stated".split())
SKIP_AFTER_NEGATION = frozenset(
    "be been being is are was were am have has had do does did yet ever also even always the a an any to "
    "been longer one single further more entirely fully immediately currently".split()
)


@lru_cache(maxsize=200_000)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word and number tokens; "didn't" becomes "did", "n't"."""
    out = []
    for tok in TOKEN_RE.findall(text.replace("’", "'")):
        low = tok.lower()
        if low.endswith("n't") and len(low) > 3:
            stem = {"won't": "will", "can't": "can", "shan't": "shall"}.get(low, low[:-3])
            out.extend([stem, "not"])
        else:
            out.append(low.strip("'-"))
    return tuple(t for t in out if t)


IRREGULAR = {
    "led": "lead", "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise", "won": "win", "lost": "lose",
    "began": "begin", "begun": "begin", "broke": "break", "broken": "break", "took": "take", "taken": "take",
    "held": "hold", "told": "tell", "said": "say", "sought": "seek", "made": "make",
    "paid": "pay", "sold": "sell", "bought": "buy", "left": "leave", "grew": "grow", "grown": "grow",
    "shut": "shut", "died": "die", "dead": "die", "death": "die", "deaths": "die", "kept": "keep", "met": "meet",
    "knew": "know", "known": "know", "went": "go", "gone": "go", "came": "come", "gave": "give", "given": "give", "hurt": "injur",
}


@lru_cache(maxsize=400_000)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match "required"/"requires"/"requirement", "injured"/"injuries"."""
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if len(w) <= 3 or w[0].isdigit():
        return w
    for suffix, repl in (("ements", ""), ("ement", ""), ("ments", ""), ("ment", ""), ("ations", "ate"), ("ation", "ate"), ("ies", ""), ("ied", ""),
                         ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)] + repl
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeious":
                w = w[:-1]  # "compelled" -> "compel", "stopped" -> "stop"
            break
    return w.rstrip("ey") if len(w) > 4 else w


@lru_cache(maxsize=200_000)
def content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 1)


SPEECH_LEAD = re.compile(
    r"^(?:according to [^,]{1,80},\s*|[^\"“]{0,120}?\b(?:said|says|told reporters|told [A-Z][\w ]{0,40}?|added|stated|argued|argues|insisted|insists|claimed(?![^.;,]{0,30}\blives\b)|maintains|maintained|believes|believe|contends|contended)\b(?:\s+on [A-Z][\w.]+)?(?:\s+(?:late |early )?(?:on\s+)?\w+day|\s+(?:this|last|yesterday) (?:morning|afternoon|evening|night))?(?:\s+in (?:a|an|its|his|her|their) (?:statement|interview|briefing|post|letter|email|filing))?(?: that)?\s+)",
    re.I,
)
SPEECH_TAIL = re.compile(
    r",(?!\s*(?:said|says|told|confirmed|added)\b)\s*(?:according to\b.*|[^,]{0,60}\b(?:said|says|told|confirmed|added)\b[^,]*"
    r"(?:,\s*(?:as|while|when|adding)\b.*)?)$", re.I)  # (", said the bank had ..." follows a speaker in commas: the lead)


# "I counted between fifteen and twenty bodies": what one witness saw, a part of any count
WITNESS_COUNT_RE = re.compile(rf"\b(?:I|[Ww]e)\s+(?:(?!never|not)\w+\s+)?(?:counted|saw|found|spotted|pulled out)\s+"
                              rf"(?:[\w-]+\s+){{0,2}}?(?:\d|(?:{NUMBER_WORDS}|dozens|scores|hundreds)\b)", re.I)


def witness_count(text: str) -> bool:
    return bool(WITNESS_COUNT_RE.search(text))


@lru_cache(maxsize=100_000)
def reported_content(text: str) -> str:
    """What a sentence reports, without who reports it: "X, an economist, said the bank had..." -> "the bank had..."."""
    body = SPEECH_LEAD.sub("", SPEECH_TAIL.sub("", text), count=1)
    return body if len(body.split()) >= 3 else text


# Words outlets use interchangeably for one happening ("the blaze" / "the fire", "derailed" / "left
# the tracks"), so that topic checks see one event behind different wording. Each class is
# named by its first word; multi-word phrases are rewritten before tokenising.
EVENT_CLASSES = (
    "fire blaze flames inferno",
    "begin start commence erupt",
    "derail crash collision collide accident",
    "explosion blast explode detonation",
    "approve pass adopt ratify endorse",
    "notice detect discover spot",
    "flood flooding inundate deluge",
    "attack breach hack intrusion cyberattack",
    "investigation inquiry probe review",
    "strike walkout stoppage",
    "earthquake quake tremor",
    "arrest detain",
    "die kill fatality",
    "release discharge",
    "inauguration swearing-in",
    "capsize sink sank overturn",
    "seize seizure takeover",
    "land landing",
    "delay hold-up holdup postponement",
    "contamination impurity contaminant",
    "collapse buckle",
    "aground grounded",
    "avalanche slide landslide mudslide rockslide",
    "launch liftoff",
    "convict conviction",
    "resign resignation",
    "storm hurricane typhoon cyclone",
)
# Things outlets name interchangeably: folded for topic checks like the events, but they say
# nothing about what happened.
THING_CLASSES = (
    "plant factory facility",
    "mine pit colliery",
    "supervise oversee",
    "bank lender",
    "boat vessel ship ferry",
    "cross jump",
    "port harbour harbor",
    "deal agreement takeover acquisition merger buyout pact accord compact treaty",
    "fine penalty",
    "own operate",
    "bridge footbridge span",
    "prison jail",
)
# Multi-word phrasings of an event, read as its class word before tokenising.
PHRASE_CLASS = {
    "broke out": "begin", "got under way": "begin", "first reported": "begin", "first spotted": "begin",
    "first sighted": "begin", "first seen": "begin", "caught fire": "fire", "burst into flames": "fire",
    "left the tracks": "derail", "left the rails": "derail", "came off the tracks": "derail", "came off the rails": "derail",
    "jumped the tracks": "derail", "jumped the rails": "derail", "went off the rails": "derail",
    "went down": "capsize", "keeled over": "capsize", "heeled over": "capsize", "touched down": "land",
    "took control of": "seize", "took over": "seize", "taken control of": "seize", "taken over": "seize",
    "voted": "approve", "ran aground": "aground", "run aground": "aground", "walked off the job": "strike", "gave way": "collapse", "caved in": "collapse", "walked out": "strike", "downed tools": "strike",
    "lifted off": "launch", "blasted off": "launch", "found guilty": "convict", "stepped down": "resign", "stood down": "resign",
    "behind bars": "prison",
}
EVENT_PHRASES = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, PHRASE_CLASS), key=len, reverse=True)) + r")\b", re.I)
EVENT_CLASS_NAMES = frozenset(words.split()[0] for words in EVENT_CLASSES)
EVENT_STEM = {stem(form): words.split()[0] for words in EVENT_CLASSES + THING_CLASSES for w in words.split()
              for form in (w, w + "s", w + "d" if w.endswith("e") else w + "ed", w.removesuffix("e") + "ing")}


def fold_phrases(text: str) -> str:
    """Multi-word event phrases as their class word: "the train left the tracks" -> "the train derail"."""
    return EVENT_PHRASES.sub(lambda m: PHRASE_CLASS[m.group(0).lower()], text)


@lru_cache(maxsize=200_000)
def topic_stems(text: str) -> frozenset[str]:
    """Content stems with interchangeable event words folded into one class ("blaze" -> "fire")."""
    return frozenset(EVENT_STEM.get(s, s) for s in content_stems(fold_phrases(text)))


def overlap(a: str, b: str, ignore: frozenset[str] = frozenset()) -> float:
    """Shared topic stems over the smaller side's count (0..1): how much the two talk about the same things."""
    ignore = frozenset(EVENT_STEM.get(s, s) for s in ignore)
    sa, sb = topic_stems(a) - ignore, topic_stems(b) - ignore
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


# "no survivors except for two" asserts the two; "it is unclear what caused it, nor how many were
# inside" goes on being unclear: neither denies anything.
EXCEPTED_RE = re.compile(r"\b(?:no|none|nobody|nothing)\b(?=[^,.;]{0,40}?\b(?:except|other than|apart from|save for|besides)\b)", re.I)
UNCLEAR_NOR_RE = re.compile(r"(\b(?:unclear|unknown|uncertain|not (?:yet )?(?:clear|known))\b[^.;]*?)\bnor\b", re.I)


def plain_negations(text: str) -> str:
    """The text with phrases that look negative but assert removed and denying phrases as "not"."""
    text = UNCLEAR_NOR_RE.sub(r"\1or", EXCEPTED_RE.sub(" ", text))
    return NEGATING_PHRASES.sub(" not ", FALSE_NEGATIONS.sub(" ", text))


@lru_cache(maxsize=200_000)
def negated_targets(text: str) -> frozenset[str]:
    """Stems of the words a negation applies to ("was not inspected" -> {"inspect"})."""
    toks = tokens(plain_negations(CONTRAST_NEGATION.sub(" ", text)))
    targets = set()
    for i, tok in enumerate(toks):
        if tok == "no" and toks[i + 1 : i + 2] == ("one",):
            continue  # "no one on board was hurt": read from "one", so that "board" is not what is denied
        if tok in NEGATION_WORDS or (tok == "one" and i and toks[i - 1] == "no"):
            start = i + 1
            if start < len(toks) and toks[start] in PREPOSITIONS:
                start = _after_noun_phrase(toks, start)  # "nobody from the authority picked up": picked
            for k, nxt in enumerate(toks[start : start + 5], start):
                if nxt in NEGATION_WORDS or nxt in SPEECH_WORDS:
                    break  # a double negation cancels out; "no reports of harm" denies the reports, not the harm
                if nxt not in SKIP_AFTER_NEGATION and nxt not in STOPWORDS:
                    if "until" not in toks[k + 1 : k + 9]:  # "would not lift it until ...": a delay, not a denial
                        targets.add(stem(nxt))
                    break
    return frozenset(targets)


PREPOSITIONS = frozenset({"of", "from", "at", "in", "on", "with", "among"})
AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can", "did", "does", "do"})


def _after_noun_phrase(toks: tuple[str, ...], start: int) -> int:
    """Where the verb starts after "of the stolen data" / "from the water authority"."""
    for k in range(start, min(len(toks), start + 8)):
        if toks[k] in AUXILIARIES:
            return k + 1
        if k > start + 1 and toks[k].endswith("ed"):
            return k
    return start


@lru_cache(maxsize=200_000)
def proper_names(text: str) -> frozenset[str]:
    """Capitalised words, lower-cased: the named things a sentence is about (its opening word
    too, unless a function word: "Arkwright remains ..." names Arkwright, "The bank ..." nothing)."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return frozenset(w.lower().removesuffix("'s").removesuffix("’s") for w in words if w[0].isupper() and w.lower() not in STOPWORDS)


def is_negated(text: str, word_stem: str) -> bool:
    return word_stem in negated_targets(text)

