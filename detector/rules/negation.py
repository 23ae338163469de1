"""Polarity: the same proposition asserted by one claim and denied by the other."""
from __future__ import annotations

import re
from functools import lru_cache

from ..frames import frame_of
from ..types import Claim, RuleHit
from .dates import day_conflict, day_mentions
from .text import (NEGATION_WORDS, STOPWORDS, content_stems, negated_targets, overlap, plain_negations, reported_content,
                   stem, tokens)

# Where a clause ends, and with it what a negation inside it governs: "A man does not stand with
# his arms crossed, smiling" denies the standing, and asserts nothing about the smiling either way.
CLAUSE_END = re.compile(
    r"[,;:.!?](?=\s|$)|[()\[\]\"“”]|\s(?:while|whilst|but|as|when|because|although|though|whereas|who|which|where)\s", re.I)
# Verbs that hand a negation on to the word they govern: light verbs ("did not get funding",
# "did not let out a smile"), implicative and raising verbs ("did not manage to reach", "does not
# tend to hang out"). The governed word is denied too.
PASS_ON = frozenset(stem(w) for w in "get let make keep take give manage bother happen dare seem appear tend continue try attempt".split())
FILLERS = frozenset("been longer one single further more entirely fully immediately currently yet ever even always".split())


def negated_phrase(text: str, target: str) -> str:
    """The words from the negation cue to the negated word, as written ("did not change")."""
    words = text.split()
    for k, word in enumerate(words):
        if stem(re.sub(r"\W", "", word.lower())) == target:
            for start in range(k - 1, max(-1, k - 7), -1):
                if re.sub(r"\W", "", words[start].lower()) in NEGATION_WORDS or words[start].lower().endswith("n't"):
                    return " ".join(words[start : k + 1]).strip(",.;:\"'“”")
    return target


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Stems of a word and of each base form it may inflect, so that "ride"/"riding",
    "make"/"makes" and "worn"/"wear" meet (the light stemmer alone splits them)."""
    from .status import lemmas  # status imports text, as this module does; lemmas() loads lazily

    return frozenset({stem(word)} | {stem(base) for base in lemmas(word)})


def _clauses(text: str) -> list[tuple[str, ...]]:
    return [tokens(part) for part in CLAUSE_END.split(plain_negations(text))]


def _cue(toks: tuple[str, ...]) -> int:
    """Index of the first negation in a clause's tokens, or its length."""
    return next((i for i, t in enumerate(toks) if t in NEGATION_WORDS), len(toks))


# Words that leave what follows unasserted: "tried to land", "attempted a second landing", "looks like a bomb went off".
UNASSERTING = frozenset("try tried tries trying attempt attempted attempts attempting seek sought want wanted hope hoped plan planned like".split())
UNASSERTED_SPAN = 4  # tokens after such a word: "attempted to land again", "like a bomb went off"


@lru_cache(maxsize=100_000)
def asserted_keys(text: str) -> frozenset[str]:
    """Keys of the words a sentence asserts: those before any negation in their clause, and not
    within reach of a word that leaves them open (an attempt, a wish, a likeness)."""
    keys: set[str] = set()
    for toks in _clauses(text):
        open_until = -1
        for i, t in enumerate(toks[: _cue(toks)]):
            if i > open_until:
                keys |= word_keys(t)  # "tried" is asserted; what was tried is not
            if t in UNASSERTING:
                open_until = i + UNASSERTED_SPAN
    return frozenset(keys)


@lru_cache(maxsize=100_000)
def denied_targets(text: str) -> frozenset[str]:
    """negated_targets (words only), plus the word a light, implicative or raising verb hands the negation to."""
    targets = set(t for t in negated_targets(text) if any(c.isalpha() for c in t))  # "No. 2" is a number
    if not targets & PASS_ON:
        return frozenset(targets)
    for toks in _clauses(text):
        content = [t for t in toks[_cue(toks) + 1 :] if t not in STOPWORDS and t not in FILLERS and len(t) > 1]
        if len(content) > 1 and stem(content[0]) in PASS_ON:
            targets.add(stem(content[1]))
    return frozenset(targets)


def _has_negation(text: str) -> bool:
    return any(_cue(toks) < len(toks) for toks in _clauses(text))


def _denied_in(neg: Claim, pos: Claim) -> str | None:
    """A word that `neg` denies and `pos` asserts (present outside any negated clause there)."""
    targets = denied_targets(neg.text)
    pos_keys = asserted_keys(pos.text)
    pos_negated = negated_targets(pos.text)
    for word in tokens(neg.text):
        target = stem(word)
        if target in targets and word_keys(word) & pos_keys and target not in pos_negated and not _named_word(word, neg.text):
            return target
    return None


def _named_word(word: str, text: str) -> bool:
    """A name, capitalised inside the sentence ("Never," Burkett told reporters): no proposition to deny."""
    mid_sentence = re.search(rf"(?<![.!?] )(?<!^)\b{re.escape(word.capitalize())}\b", text)
    return bool(mid_sentence) and not re.search(rf"\b{re.escape(word)}\b", text)


# "some may not have been in the building": a possibility, which denies nothing
HEDGE_RE = re.compile(r"\b(?:may|might|could)(?:\s+well)?\s*$", re.I)
# "threatened to kill hostages if authorities did not release ...", "residents who haven't
# evacuated": a condition in the negation's own clause, or a relative pronoun right before it: nothing is denied
CONDITION_RE = re.compile(r"\b(?:if|unless|whether)\b[^,.;:]*$|\b(?:who|whom)\s+(?:\w+\s+){0,2}$", re.I)


# "Nobody at the grid operator told us" / "We phoned their control room": one party says it was
# never contacted, the other that it made contact. The wording of the two rarely overlaps.
CONTACT_VERBS = r"(?:told|warned|informed|notified|contacted|called|phoned|rang|alerted|wrote to|spoke to|spoke with|met with)"
NO_CONTACT_RE = re.compile(
    rf"\b(?:nobody|no one|no-one)\b(?:\s+(?:from|at|in|of)\s+[^,.;\"“”]{{1,40}}?)?\s+(?:ever\s+|once\s+)?"
    rf"(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?(?:{CONTACT_VERBS}|picked up the phone)\b"
    rf"|\b(?:we|I)\s+(?:were|was|had been|have been)\s+(?:never|not)\s+{CONTACT_VERBS}\b"
    rf"|\bnever\s+(?:once\s+)?(?:met|sat down|spoke|talked)\s+(?:with|to)\s+(?:us|me)\b", re.I)
CONTACT_RE = re.compile(  # "we told reporters" is speech, not contact with the other party
    rf"\b(?:we|I|our\s+\w+(?:\s+\w+)?)\s+(?:\w+\s+)?{CONTACT_VERBS}\b(?!\s+(?:reporters|journalists|the press|the media|the court)\b)", re.I)


def _contact_denied(neg: Claim, pos: Claim) -> tuple[str, str] | None:
    """(the denial, the contact) when one says nobody made contact and the other says "we" did."""
    denied, made = NO_CONTACT_RE.search(neg.text), CONTACT_RE.search(pos.text)
    if denied and made and not _has_negation(made.group(0)) and not NO_CONTACT_RE.search(pos.text):
        return denied.group(0), made.group(0)
    return None


# Verbs and words that deny what follows them without a "not": "lost confidence", "lacks funds".
PRIVATIVE_RE = re.compile(r"\b(?:lost|loses|lose|lack|lacks|lacked|lacking|without|free of|devoid of|absence of|unable to)\s+(?:(?:the|its|his|her|their|all|any)\s+)?([a-z]+)", re.I)


# A denial in the present simple of a bare noun tells what holds in general, not what happened that day.
GENERAL_DENIAL_RE = re.compile(r"(?:(?:^|[\"“‘]\s*)|\b(?:knew|know|knows|learned|learnt) )"
                               r"(?!(?:I|You|We|They|He|She|It|This|That|These|Those|People|i|you|we|they|he|she|it|the|a|an|his|her|their|its|our)\b)"
                               r"[A-Za-z][a-z]+s?\s+(?:just |simply |usually |generally |normally )?(?:do|does)(?:n['’]t| not)\b")
# ("Buildings just don't fall down"; "I knew thunder doesn't make the ground shake")
PAST_RE = re.compile(r"\b(?:was|were|had|did|went|came|fell|began|\w{3,}ed)\b", re.I)
SO_FAR_RE = re.compile(r"\b(?:yet|so far|as yet|until now|at this stage|at the time)\b", re.I)


def _privative_targets(text: str) -> set[str]:
    found = {m.group(1).lower() for m in PRIVATIVE_RE.finditer(text)}
    return found | {stem(w) for w in found}


def _state_denied(a: Claim, b: Claim) -> tuple[str, str, str] | None:
    """(state, bearer, side denying it) when the parse reads one state said of one kind of thing by
    one claim and denied by the other ("the exit gates were still closed" / "they were not closed")."""
    states_b = frame_of(b.text).states
    for state, bearer, denied in frame_of(a.text).states:
        for other, bearer_b, denied_b in states_b:
            if bearer == bearer_b and denied != denied_b and word_keys(state) & word_keys(other):
                return state, bearer, "A" if denied else "B"
    return None


def negation(a: Claim, b: Claim) -> RuleHit | None:
    denial = _state_denied(a, b)
    if denial is not None and day_conflict(day_mentions(a.text, a.date), day_mentions(b.text, b.date)) is None:
        # (two named days, "not closed on Monday" / "closed on Tuesday", tell a change: the word reading below decides)
        state, bearer, side = denial
        if SO_FAR_RE.search((a if side == "A" else b).text):
            return None  # "the bodies have not yet been recovered" / "one body was recovered": a state that changed
        other = "B" if side == "A" else "A"
        return RuleHit("negation", 0.8, f'polarity: {side} says the {bearer} was not {state}, {other} that it was')
    for neg, pos, side in ((a, b, "A"), (b, a, "B")):
        if (contact := _contact_denied(neg, pos)) is not None:
            other = "B" if side == "A" else "A"
            return RuleHit("negation", 0.8, f'contact: {side} says "{contact[0]}", {other} says "{contact[1]}"')
        target = _denied_in(neg, pos)
        if target is None:
            continue
        if _privative_targets(pos.text) & {target, stem(target)}:
            continue  # "lost confidence" says what "no longer has confidence" says
        if SO_FAR_RE.search(neg.text) and neg.date and pos.date and neg.date < pos.date:
            continue  # "no group has yet claimed it", then a later article's claim: an update
        if GENERAL_DENIAL_RE.search(neg.text) and PAST_RE.search(pos.text):
            continue  # a sentence opening with a bare noun and "don't": what holds in general
        if _has_negation(pos.text) and not negated_targets(pos.text) <= negated_targets(neg.text):
            return None  # each claim denies something the other does not: two propositions, not one
        said_a, said_b = reported_content(a.text), reported_content(b.text)
        topic = overlap(said_a, said_b)
        if topic < 0.35 or len(content_stems(said_a) & content_stems(said_b)) < 2:
            return None  # the denied word is shared but the propositions are not the same
        other = "B" if side == "A" else "A"
        # How much of the denied proposition the other claim asserts: "not working at looms" is
        # not contradicted by "working" (the loom part is unasserted), "not working" is.
        denied = content_stems(reported_content(neg.text))
        covered = len(denied & content_stems(reported_content(pos.text))) / max(1, len(denied))
        strength = min(1.0, 0.2 + 0.4 * topic + 0.4 * covered)
        said = negated_phrase(neg.text, target)
        before = neg.text[:max(0, neg.text.find(said))]
        if HEDGE_RE.search(before) or CONDITION_RE.search(before):
            continue
        return RuleHit("negation", round(strength, 3), f'polarity: {side} says "{said}", {other} asserts the opposite')
    return None
