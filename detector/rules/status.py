"""Status and direction: postponed vs cancelled, confirmed vs denied, rose vs fell, open vs closed.

Two paths:
  * swapped opposites: two sentences that are the same but for one word or short phrase, where
    the two differ by a pair of opposites ("the bridge is safe" / "the bridge is unsafe", "near" /
    "far from"): WordNet 3.0's antonyms (antonyms.tsv, built by scripts/build_antonyms.py), the
    curated news list below, or a few everyday opposites WordNet does not link;
  * news phrasing: two differently worded claims on one topic that use words from the two sides
    of a curated OPPOSITES line ("the signing was postponed" / "Trump scrapped the signing").
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

from ..types import Claim, RuleHit
from .align import swapped_span
from ..frames import frame_of
from .dates import day_conflict, day_mentions
from .text import (NEGATION_WORDS, STOPWORDS, is_negated, negated_targets, overlap, proper_names, reported_content, stem, tokens,
                   topic_stems)

# Each line: words of one state | words of the opposite state. Curated for news.
OPPOSITES = """
postpone postponed delay delayed defer deferred reschedule rescheduled shelve shelved suspend suspended pause paused | cancel cancelled canceled cancels scrap scrapped scraps abandon abandoned kill killed axed axe drop dropped
confirm confirmed confirms | deny denied denies dismiss dismissed refute refuted
admit admitted admits acknowledge acknowledged confess confessed confesses | deny denied denies
rise rose risen rises increase increased increases climb climbed grow grew grown jump jumped surge surged gain gained | fall fell fallen falls decrease decreased decreases decline declined drop dropped shrink shrank slump slumped
approve approved approves pass passed accept accepted adopt adopted endorse endorsed | reject rejected rejects veto vetoed block blocked defeat defeated refuse refused
open opened opens reopen reopened reopens resume resumed resumes restart restarted restore restored online unlocked | close closed closes shut halt halted offline suspend suspended locked
win won wins | lose lost loses
guilty convicted | innocent acquitted
arrest arrested detain detained custody charged jailed | release released freed
arrest arrested detain detained custody captured caught | fugitive
resign resigned quit | remain remained stay stayed
support supported supports back backed | oppose opposed opposes
legal lawful | illegal unlawful
success successful succeeded pass passed | fail failed failure unsuccessful
proceed proceeded | cancel cancelled canceled scrap scrapped drop dropped
""".strip().splitlines()

# Everyday opposites WordNet does not link as antonyms, trusted only as a swap in otherwise
# identical sentences (same format; "_" joins the words of a phrase).
SWAP_OPPOSITES = """
happy glad cheerful joyful | sad unhappy depressed miserable
in_front_of ahead_of | behind
start beginning | end finish
nobody no_one | everybody everyone
love like | hate dislike
always often sometimes | never
ancient | modern
giant | tiny
sunny | cloudy
friend | enemy
""".strip().splitlines()

# Particles and quantifiers that WordNet pairs ("on"/"off", "up"/"down", "few"/"some") but that,
# swapped, mostly change a phrasal verb or a count rather than state an opposite.
WEAK = STOPWORDS | frozenset({"few", "many", "much", "several", "less", "least", "over", "under", "in", "out"})
# WordNet pairs that, swapped, rarely oppose: black/white is a different colour (an attribute,
# not a state); come/go is one movement seen from two ends ("come ashore" / "go ashore").
NOT_OPPOSED = frozenset({frozenset({"black", "white"}), frozenset({"come", "go"})})
# Parts of speech whose WordNet antonyms count (a adjective, n noun, r adverb, v verb). Nouns bring
# man/woman, boy/girl: a different person in the same slot, which NLI caption benchmarks (SNLI,
# Breaking NLI) call a contradiction and SICK mostly calls neutral.
SWAP_POS = frozenset("anrv")
LEXICON = Path(__file__).with_name("antonyms.tsv")
FORMS = Path(__file__).with_name("antonym_forms.tsv")

_PAIRS: list[tuple[frozenset[str], frozenset[str]]] = []
for line in OPPOSITES:
    left, right = line.split("|")
    _PAIRS.append((frozenset(stem(w) for w in left.split()), frozenset(stem(w) for w in right.split())))
OPEN_SIDE = next(left for left, _ in _PAIRS if stem("reopened") in left)


def _rows(path: Path):
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], str]:
    """Opposite pairs of lemmas, both orders, to where they come from ("WordNet", "curated")."""
    pairs = {}
    for x, y, pos in _rows(LEXICON):
        if set(pos) & SWAP_POS and frozenset({x, y}) not in NOT_OPPOSED:
            pairs[x, y] = pairs[y, x] = "WordNet"
    for source, lines in (("curated", OPPOSITES), ("curated", SWAP_OPPOSITES)):
        for line in lines:
            left = [w.replace("_", " ") for w in line.split("|")[0].split()]
            right = [w.replace("_", " ") for w in line.split("|")[1].split()]
            for x, y in itertools.product(left, right):
                if x != y:
                    pairs[x, y] = pairs[y, x] = source
    return pairs


@lru_cache(maxsize=1)
def _irregular() -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = {}
    for form, base in _rows(FORMS):
        forms.setdefault(form, set()).add(base)
    return {form: frozenset(bases) for form, bases in forms.items()}


# WordNet's "morphy" detachment rules (noun, verb, adjective), plus undoubling ("stopped").
DETACH = (("ies", "y"), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
          ("er", ""), ("er", "e"), ("est", ""), ("est", "e"))


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    """The word and every base form it may be an inflection of ("sitting" -> sit, "women" -> woman)."""
    w = word.lower()
    out = {w, *_irregular().get(w, ())}
    for suffix, repl in DETACH:
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            base = w[: -len(suffix)] + repl
            out.add(base)
            if not repl and len(base) > 2 and base[-1] == base[-2]:
                out.add(base[:-1])  # "sitting" -> "sit" (and "sitt", "selling" -> "sell" and "sel": no harm)
    return frozenset(out)


def _grams(words: tuple[str, ...]):
    low = [w.lower() for w in words]
    for n in (3, 2, 1):
        for i in range(len(low) - n + 1):
            yield " ".join(low[i : i + n])


def opposite(x: str, y: str) -> str | None:
    """Where the two words or phrases are known as opposites ("WordNet", "curated"), else None.

    Single words are compared as written, then as lemmas: WordNet's own detachment rules and
    exception lists, and the shared light stemmer ("sold"/"bought" -> sell/buy).
    """
    pairs = lexicon()
    candidates = [(x, y)]
    if " " not in x + y:
        candidates += itertools.product(lemmas(x) | {stem(x)}, lemmas(y) | {stem(y)})
    for u, v in candidates:
        source = pairs.get((u, v))
        if source and not (source == "WordNet" and _weak(u, v)):
            return source
    return None


def _weak(*grams: str) -> bool:
    return any(set(g.split()) <= WEAK for g in grams)


def swapped_opposites(a: str, b: str) -> tuple[str, str, str] | None:
    """(A's word, B's word, source) when the sentences are the same but for a pair of opposites."""
    swap = swapped_span(a, b)
    if swap is None:
        return None
    for x in _grams(swap.a_words):
        for y in _grams(swap.b_words):
            source = opposite(x, y)
            if source is None:
                continue
            rest = [w for w in tokens(swap.a) if w not in x.split()] + [w for w in tokens(swap.b) if w not in y.split()]
            if any(w in NEGATION_WORDS for w in rest):
                return None  # "not open" vs "closed": the negation undoes the opposite
            if any(stem(w) in negated_targets(text) for text, gram in ((a, x), (b, y)) for w in gram.split()):
                return None  # "is not open" vs "is not closed": contrary opposites can both be denied
            return x, y, source
    return None


# News phrasings of a state, read as the word the lines above use; evidence quotes the phrasing.
PHRASES = {
    "called off": "cancelled", "calls off": "cancels", "call off": "cancel", "put off": "postponed",
    "pushed back": "postponed", "back online": "restored", "went offline": "offline", "shut down": "shut",
    "stepped down": "resigned", "step down": "resign", "operating normally": "open", "running normally": "open",
    "back in operation": "restored", "without charge": "freed", "went ahead": "proceeded", "go ahead": "proceed",
    "going ahead": "proceed", "goes ahead": "proceed", "at large": "fugitive", "on the run": "fugitive",
    "admitted to hospital": "hospitalised", "admitted to a hospital": "hospitalised", "admitted to the hospital": "hospitalised",
    "admitted to hospitals": "hospitalised", "admitted to intensive care": "hospitalised", "open fire": "fire", "opens fire": "fires", "opened fire": "fired", "opening fire": "firing",
}
PHRASE_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in PHRASES) + r")\b", re.I)
# "shut until Wednesday", "shut seven months for renovations": a closure told with its end or its length had one
TEMPORARY_RE = re.compile(r"\b(?:until|till|at the earliest|temporarily|for now)\b|"
                          r"\b(?:shut|closed)\b(?:[^.;]{0,30}?\bfor)?\s+(?:about\s+|nearly\s+|almost\s+|over\s+)?(?:\w+|\d+)\s+(?:days|weeks|months|years)\b", re.I)


# "The probe will examine whether the department lawfully collected ...": a question asserts no state
QUESTION_RE = re.compile(r"\b(?:whether|if)\b[^,;.]*", re.I)


# "a growing market", "the opening ceremony": a participle describing a noun states nothing
ATTRIBUTIVE_RE = re.compile(r"\b(a|an|the|its|their|his|her|this|that)\s+[a-z]+ing\s+(?=[a-z])")


@lru_cache(maxsize=100_000)
def _state_words(text: str) -> dict[str, str]:
    """Stem -> the words as written, with multi-word phrasings ("called off") read as one word;
    words of a "whether" or "if" clause and attributive participles are not asserted, and left out."""
    text = ATTRIBUTIVE_RE.sub(r"\1 ", QUESTION_RE.sub(" ", text))
    found = {}
    for m in PHRASE_RE.finditer(text):
        found[stem(PHRASES[m.group(0).lower()])] = m.group(0)
    for t in tokens(PHRASE_RE.sub(" ", text)):
        found.setdefault(stem(t), t)
    return found


def status(a: Claim, b: Claim) -> RuleHit | None:
    swap = swapped_opposites(a.text, b.text)
    if swap:
        x, y, source = swap
        return RuleHit("status", 0.9, f'opposites ({source}) in otherwise identical claims: A "{x}" vs B "{y}"')
    sa, sb = _state_words(a.text), _state_words(b.text)
    for x, y, ignore, closed_side in _opposed_states(a.text, b.text, sa, sb):
        if is_negated(a.text, x) != is_negated(b.text, y):
            continue  # "not approved" vs "rejected" agree
        if ignore == POSTPONE_LINE and not any(CONTINUES_RE.search(t) for t in (a.text, b.text)):
            continue  # outlets say "postponed", "called off" and "shelved" of one decision loosely
        if _describes(a.text, sa[x]) or _describes(b.text, sb[y]) or (ignore == OPEN_LINE and MARKET_CLOSE_RE.search(f"{a.text} {b.text}")) \
                or _graded(a.text, sa[x]) or _graded(b.text, sb[y]):
            continue  # "online check-in systems", "a close look", "shares closed down 0.7%", "less clear": no state told
        if day_conflict(day_mentions(reported_content(a.text), a.date), day_mentions(reported_content(b.text), b.date)):
            continue  # "suspended on Thursday" vs "resumed on Monday": a state that changed, told at two times
        if closed_side and TEMPORARY_RE.search(closed_side):
            continue  # "shut until Wednesday" vs "reopened on Thursday": a pause that ended
        if closed_side and _reopened_later(a, b, x, y, closed_side):
            continue  # "the line has been closed" (Tuesday's article) vs "the line reopened" (Friday's)
        if _dated_by_year(a.text, sa[x]) or _dated_by_year(b.text, sb[y]):
            continue  # "the plant opened in 1998": a past event, not the state now
        if ignore == DIRECTION_LINE and (PERIOD_RE.search(a.text) or PERIOD_RE.search(b.text)
                                         or _moved_by_another(a.text, sa[x], b.text) or _moved_by_another(b.text, sb[y], a.text)
                                         or _two_movers(a.text, sa[x], b.text, sb[y])):
            continue  # "fell 11% on Friday" vs "surged 118% over the past year"; Microsoft's shares vs CrowdStrike's
        topic = overlap(a.text, b.text, ignore=ignore)
        bearers = frame_of(a.text).said_of(sa[x]) & frame_of(b.text).said_of(sb[y])  # "the gates were open" / "some exits were locked"
        if bearers:
            topic = max(topic, ONE_BEARER_TOPIC)  # the parse aligns the two states: one thing said to be in both
        elif topic < (0.2 if proper_names(a.text) & proper_names(b.text) else 0.3):
            continue  # a shared name (the plant, the company) makes a smaller overlap one topic
        anchors = _days(a) & _days(b)
        strength = min(1.0, 0.35 + 0.7 * topic + (0.1 if anchors else 0.0))  # a shared date pins one event
        of = f" (said of the {min(bearers)})" if bearers else ""
        return RuleHit("status", round(strength, 3), f'status: A "{sa[x]}" vs B "{sb[y]}"{of}')
    return _position_apart(a, b)


def _position_apart(a: Claim, b: Claim) -> RuleHit | None:
    """One thing put inside a structure by one claim and outside it by the other ("the train was
    trapped in a tunnel" / "remains stuck just before a tunnel"), on no two named days."""
    apart = [(bearer, written, written_b) for bearer, place, side, written in frame_of(a.text).positions
             for bearer_b, place_b, side_b, written_b in frame_of(b.text).positions
             if (bearer, place) == (bearer_b, place_b) and side != side_b]
    if not apart or day_conflict(day_mentions(a.text, a.date), day_mentions(b.text, b.date)):
        return None
    bearer, written, written_b = apart[0]
    return RuleHit("status", 0.75, f'position: A "{written}" vs B "{written_b}" (where the {bearer} was)')


def _graded(text: str, word: str) -> bool:
    """A state told by degree ("the situation was less clear", "more open"): a comparison, not the state."""
    return re.search(rf"\b(?:less|more|least|most)\s+{re.escape(word)}\b", text, re.I) is not None


POSTPONE_LINE = _PAIRS[0][0] | _PAIRS[0][1]
ONE_BEARER_TOPIC = 0.6  # two states said of one noun class are as surely one topic as a 0.6 word overlap
DIRECTION_LINE = next(left | right for left, right in _PAIRS if stem("rose") in left)
# A rise or fall over a span ("over the past year", "this year", "since March") is another
# movement than one on the day told.
PERIOD_RE = re.compile(r"\b(?:over|in|during) the (?:past|last) (?:\w+ )?(?:year|month|week|decade|quarter)s?\b|\b(?:this|last) (?:year|month|quarter)\b|"
                       r"\byear to date\b|\bso far this\b|\bsince (?:the start|the beginning|january|february|march|april|may|june|july|august|"
                       r"september|october|november|december|(?:19|20)\d\d)\b", re.I)
OPEN_LINE = next(left | right for left, right in _PAIRS if left is OPEN_SIDE)
# Only an explicit word that the thing goes on, or is dead, makes postponed and cancelled disagree.
CONTINUES_RE = re.compile(r"\b(?:not (?:been )?(?:cancel\w*|scrap\w*|dead|off|abandon\w*)|reschedul\w*|(?:a|at a) later date|"
                          r"next (?:week|month)|still (?:planned|expected|on|going ahead|alive)|(?:being|is|are|be) (?:revised|reworked|rewritten|redrafted|renegotiated|amended)|"
                          r"will (?:still )?(?:be signed|go ahead|take place)|is dead|for good|permanently|once and for all|outright|"
                          r"(?:postponed|delayed|deferred|pushed back|put off) until|will not (?:be held|take place|go ahead))\b", re.I)
MARKET_CLOSE_RE = re.compile(r"\bclos(?:ed|ing) (?:down|up|higher|lower|at|flat)\b", re.I)


def _moved_by_another(text: str, word: str, other: str) -> bool:
    """The direction word has a named doer the other claim never names: "Microsoft shares fell"
    is not CrowdStrike's stock."""
    doer = next((d for w, d in frame_of(text).doers if w == word.lower()), "")
    return bool(doer) and doer not in other.lower()


def _two_movers(text_a: str, word_a: str, text_b: str, word_b: str) -> bool:
    """What rose and what fell, read on the words just before each verb, have nothing in common:
    "the crowd surged into a narrow alley" and "several people fell down" tell two movements."""
    def mover(text: str, word: str) -> frozenset[str]:
        at = text.lower().find(word.lower())
        return topic_stems(" ".join(text[:at].split()[-3:])) if at >= 0 else frozenset()
    ma, mb = mover(text_a, word_a), mover(text_b, word_b)
    return bool(ma and mb) and not ma & mb


def _describes(text: str, word: str) -> bool:
    """The state word modifies a noun ("online check-in systems", "a close look"): it describes, it tells no state."""
    return word.lower() in frame_of(text).modifiers


RESTARTS = frozenset(stem(w) for w in "reopen reopened resume resumed restart restarted restore restored".split())


def _reopened_later(a: Claim, b: Claim, x: str, y: str, closed_side: str) -> bool:
    """The open side says "re-" (reopened, resumed, restored: closed before) in a later article."""
    closed, opened, opened_word = (a, b, y) if closed_side == a.text else (b, a, x)
    return opened_word in RESTARTS and bool(closed.date and opened.date and closed.date < opened.date)


def _dated_by_year(text: str, word: str) -> bool:
    """"opened in 1998", "closed since 2019": the state word tells a past event."""
    return bool(re.search(rf"\b{re.escape(word)}\s+(?:\w+\s+){{0,2}}?(?:in|since) (?:19|20)\d\d\b", text, re.I))


def _days(claim: Claim) -> set[str]:
    """The calendar days a claim names, weekdays resolved against its article's date ("3-12")."""
    return {value.split(":")[1] for value, _ in day_mentions(reported_content(claim.text), claim.date) if value.startswith(("md:", "rmd:"))}


def _asserted(word: str, text: str) -> bool:
    """The word stands outside any negated clause: "have not established that they are likely to
    succeed" asserts nothing about "likely"."""
    from .negation import asserted_keys  # negation reads lemmas from this module

    return stem(word) in asserted_keys(text)


# Negating prefixes whose WordNet antonyms are read in differently worded claims ("sealed" /
# "left unsealed", "solvent" / "insolvent"); "dis-" is left out ("charged" / "discharged").
PREFIXES = ("un", "in", "il", "im", "ir", "non", "non-")


def _opposed_states(a: str, b: str, sa: dict[str, str], sb: dict[str, str]):
    """(A's stem, B's stem, stems the topic check ignores, the closed side's text or "") for each
    pair of opposed state words: a curated line's two sides, or a word and its prefixed antonym."""
    for left, right in _PAIRS:
        for x_side, y_side in ((left, right), (right, left)):
            xs = [s for s in x_side & sa.keys() if s not in sb]
            ys = [s for s in y_side & sb.keys() if s not in sa]
            if xs and ys and not (y_side & sa.keys() or x_side & sb.keys()):  # "opened after being shut": a change, told whole
                closed = (b if x_side is left else a) if left is OPEN_SIDE else ""
                yield sorted(xs)[0], sorted(ys)[0], left | right, closed
    words_a, words_b = _written(a), _written(b)
    for plain, prefixed, prefixed_text, flip in ((words_a, words_b, b, False), (words_b, words_a, a, True)):
        for base, word in _prefixed_words(prefixed_text):
            if base not in plain or base in prefixed or word in plain:
                continue
            x, y = plain[base], prefixed[word]
            if opposite(base, word) and _asserted(base, b if flip else a) and _asserted(word, a if flip else b):
                yield (y, x, frozenset({x, y}), "") if flip else (x, y, frozenset({x, y}), "")


@lru_cache(maxsize=100_000)
def _written(text: str) -> dict[str, str]:
    """Each state word as written (lower case) -> its stem."""
    return {w.lower(): s for s, w in _state_words(text).items()}


@lru_cache(maxsize=100_000)
def _prefixed_words(text: str) -> tuple[tuple[str, str], ...]:
    """(base, word) for each word that starts with a negating prefix: ("sealed", "unsealed")."""
    return tuple(sorted((word[len(p) :], word) for word in _written(text) for p in PREFIXES if word.startswith(p) and len(word) > len(p) + 2))
