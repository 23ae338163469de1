"""Figures that cannot both hold, read from parsed frames: two claims state the same count or
measure (same dimension, counted thing, happening, doer and reference place; see
detector/frames.py) as intervals that do not overlap ("15 others" injured vs "16 were injured",
"a 200-metre section collapsed" vs "an 80-metre section came down"). A running count (dead,
injured, missing, ...) told in articles of two different dates is an update, not a conflict.
"""
from __future__ import annotations

import math
import re
from difflib import SequenceMatcher

from ..frames import (CHANGE_VERBS, MEASURED, RUNNING_EVENTS, SPELLED_TWO_WAYS, clash, comparable, describe, disjoint, frame_of, nationalities,
                      other_bearing, told_apart_in_words)
from ..types import Claim, RuleHit
from .dates import CLOCK_RE, YEAR_RE, days_apart
from .text import overlap, witness_count


def quantities(a: Claim, b: Claim) -> RuleHit | None:
    fa, fb = frame_of(a.text), frame_of(b.text)
    if (age := _other_age(fa, fb, days_apart(a.date, b.date))) is not None:
        return age
    if witness_count(a.text) or witness_count(b.text):
        return None  # "I counted 15 bodies": one witness's part of the count
    times_a, times_b = _times(fa), _times(fb)
    two_times = bool(times_a and times_b and not times_a & times_b)  # "38 by Saturday" and "90 by Monday morning"
    two_moments = _two_moments(times_a, times_b)
    shares_a, shares_b = _times(fa, lengths=True), _times(fb, lengths=True)
    two_series = bool(shares_a and shares_b and not shares_a & shares_b)
    wholes_a, wholes_b = _wholes(fa.quantities), _wholes(fb.quantities)
    # a figure both claims agree on: the others of its kind and place are of other parts ("4 metres
    # wide, as narrow as 3.2 metres in parts" / "a 3.2-metre-wide alley")
    agreed = {(x.dimension, x.thing, x.event, x.scope) for x in wholes_a for y in wholes_b if comparable(x, y) and not disjoint(x, y)}
    for x in wholes_a:
        for y in wholes_b:
            moving = x.event in RUNNING_EVENTS or y.event in RUNNING_EVENTS or x.dimension == "percent"
            if (two_series and x.dimension == "percent") or (two_times if moving else two_moments) and \
                    (x.when or y.when) and not (x.thing in MEASURED and y.thing in MEASURED):
                continue  # figures at two times; a ship's length is the same at 1:30 and at 1:40; a day
                # neither clause is dated by is of another happening ("the list released on Saturday"); shares move by
                # the day, running counts by the hour; the rest are told apart only by two days or two clock times
            if other_bearing(x, y):  # (before `agreed`: one distance told in two directions clashes though the distances agree)
                return RuleHit("numbers", 0.85, f'numbers: A "{_with_bearing(x)}" vs B "{_with_bearing(y)}" '
                                                f'(direction from {x.ref.title()} that cannot both hold)')
            if (x.dimension, x.thing, x.event, x.scope) in agreed or _two_years(x, a, y, b):
                continue  # "a fire ... killed 10 people in 2007" is not this year's fire
            if _gives(fb, x) and _gives(fa, y):
                continue  # both claims give both figures ("125, revising an earlier 174"): one story told twice
            if clash(x, y) and not told_apart_in_words(x.text, a.text, y.text, b.text, nationalities(x, y)):
                running = bool({x.event, y.event} & (RUNNING_EVENTS | CHANGE_VERBS))  # (a level "raised to 4" moves too)
                if running and a.date and b.date and a.date != b.date:
                    earlier, later = (x, y) if a.date < b.date else (y, x)
                    return RuleHit("update", 0.7, f'update: "{earlier.text}" ({min(a.date, b.date)}) then '
                                                  f'"{later.text}" ({max(a.date, b.date)})')
                exact = x.low == x.high and y.low == y.high
                return RuleHit("numbers", 0.9 if exact else 0.8,
                               f'numbers: A "{x.text}" vs B "{y.text}" ({describe(x)} that cannot both hold)')
    if not two_times and (parts := _parts_of_one_whole(fa.quantities, fb.quantities)) is not None:
        x, y, whole = parts
        return RuleHit("numbers", 0.85, f'numbers: A "{x.text}" vs B "{y.text}" (parts of the same "{whole.text}" that cannot both hold)')
    return _all_or_some(a, fa, b, fb)


SCOPE_TOPIC = 0.1  # word overlap at which "all sanctions" and "some sanctions" are of one demand


def _all_or_some(a: Claim, fa, b: Claim, fb) -> RuleHit | None:
    """All of a kind of thing told by one claim, some of it by the other, with one thing done to
    them ("Kim insisted all US sanctions be lifted" / "North Korea asked for partial lifting of
    sanctions"): "all passengers were evacuated" and "some passengers were hurt" tell two happenings."""
    if overlap(a.text, b.text) < SCOPE_TOPIC:
        return None
    for noun, side, written, done in fa.scopes:
        for noun_b, side_b, written_b, done_b in fb.scopes:
            if noun == noun_b and side != side_b and done == done_b:
                whole, some = ("A", "B") if side == "all" else ("B", "A")
                return RuleHit("numbers", 0.7, f'numbers: A "{written}" vs B "{written_b}" ({whole} tells all of the {noun}s, {some} some of them)')
    return None


def _parts_of_one_whole(qa, qb):
    """(part, part, whole) when both claims give one whole ("121 people ... were killed" / "Among
    the 121 dead") and the same kind of part of it differently ("113 women" / "112 women")."""
    wholes = [(x, y) for x in qa for y in qb if not x.partial and not y.partial and x.event in RUNNING_EVENTS
              and comparable(x, y) and (x.low, x.high) == (y.low, y.high)]  # the same figure told twice
    if not wholes:
        return None
    events = {x.event for x, _ in wholes} | {""}
    for x in qa:
        for y in qb:
            if (x.partial and y.partial and x.dimension == y.dimension == "count" and x.thing == y.thing
                    and x.thing not in ("", "people") and {x.event, y.event} <= events and disjoint(x, y)):
                return x, y, wholes[0][0]
    return None


def _with_bearing(q) -> str:
    return q.text if q.bearing in q.text.lower() else f"{q.text} {q.bearing}"


def _gives(frame, q) -> bool:
    return any((o.dimension, o.low, o.high) == (q.dimension, q.low, q.high) for o in frame.quantities)


DAY_PARTS = frozenset("morning afternoon evening night".split())
NOT_A_TIME_RE = re.compile(r"(?!(?:19|20)\d\d$)\d[\d,]*")  # "the 12841 UP Coromandel Express": a train's number the tagger dated
# "a 48-hour manhunt", "for 19 years", "49-year-old", "centuries": a length of time or an age, no when
# (kept for shares: "two-year bond yields" and "inflation in February" are still two series)
LENGTH_OF_TIME_RE = re.compile(r"(?:(?:about|nearly|some|more than|over|almost|the past|the last)\s+)?(?!(?:this|last|next|that|every|each)\b)[\w.]+[- ](?:minute|hour|day|week|month|year)s?(?:-old|-long)?"
                               r"|centuries|decades|years|months", re.I)


def _two_moments(times_a: set[str], times_b: set[str]) -> bool:
    """Two claims dated by two different days, or by two different clock times: a clock time and
    a day may be one moment ("at 6:30 pm" and "on Sunday evening")."""
    clocks_a, clocks_b = {t for t in times_a if CLOCK_RE.search(t)}, {t for t in times_b if CLOCK_RE.search(t)}
    return any(x and y and not x & y for x, y in ((clocks_a, clocks_b), (times_a - clocks_a, times_b - clocks_b)))


def _times(frame, lengths: bool = False) -> set[str]:
    """The days and times a claim's figures are dated by; a part of the day alone ("morning") tells no day,
    and a length of time none unless `lengths`."""
    return {t.lower() for t, _ in frame.dated if not NOT_A_TIME_RE.fullmatch(t) and (lengths or not LENGTH_OF_TIME_RE.fullmatch(t))} - DAY_PARTS


def _other_age(fa, fb, apart: int | None) -> RuleHit | None:
    """One person given two ages ("Paul-Henri Nargeolet, 77" / "Nargeolet, 73"; "the 59-year-old
    station master" / "the station master is 56 years old"). Reports more
    than two months apart may have a birthday and the years between in between."""
    allowed = 0 if apart is None or apart <= 60 else apart / 365 + 1
    for name, age, written in fa.ages:
        for other_name, other_age, other_written in fb.ages:
            if _one_name(name, other_name) and allowed < abs(age - other_age) <= _misreported(written, other_written):
                return RuleHit("numbers", 0.9, f'numbers: A "{written}" vs B "{other_written}" (age of {name if name.startswith("the ") else name.title()} that cannot both hold)')
    return None


SURNAME_ONLY_GAP = 10  # years: "Jo, 24" and "Jo, 65" told by surname alone are two people, "Lee (33)" and "Lee, 32" one


def _misreported(written: str, other_written: str) -> float:
    """How far apart two ages of one name may be and still be one person misreported: any gap when
    a full name or a role names them, a few years when both give a surname alone."""
    alone = all(" " not in w.rsplit(",", 1)[0].strip() for w in (written, other_written))
    return SURNAME_ONLY_GAP if alone else math.inf


def _one_name(x: str, y: str) -> bool:
    """One surname, or one romanised two ways ("Mirzoyev" and "Mirzoev"; "Martin" and "Martinez" are two)."""
    if x == y:
        return True
    named = not (x.startswith("the ") or y.startswith("the ")) and min(len(x), len(y)) >= 5 and x[0] == y[0] and abs(len(x) - len(y)) <= 1
    return named and SequenceMatcher(None, x, y).ratio() >= SPELLED_TWO_WAYS


def _two_years(x, a: Claim, y, b: Claim) -> bool:
    """Figures for two different years ("a fire ... killed 10 people in 2007" is not this year's
    fire): the years a claim names, else its article's."""
    years_x, years_y = _years(x, a), _years(y, b)
    if years_x and years_y:
        return not years_x & years_y
    return _history(x, a, b.date) or _history(y, b, a.date)


def _named_years(q, claim: Claim) -> set[str]:
    """The years a claim names, but for a past event a figure before it is measured against
    ("225 are still missing in the worst disaster since the floods in 2018")."""
    text, dated = claim.text, frame_of(claim.text).dated
    years = {year for written, _ in dated for year in YEAR_RE.findall(written)
             if not 0 <= q.at < text.rfind("since", 0, max(text.find(written), 0))}
    if claim.date and any(written.lower() == "last year" for written, _ in dated):
        years.add(str(int(claim.date[:4]) - 1))  # "last year, a series of quakes killed more than 1,000 people"
    return years


def _years(q, claim: Claim) -> set[str]:
    """The years a claim names (_named_years), else its article's."""
    return _named_years(q, claim) or ({claim.date[:4]} if claim.date else set())


def _history(q, claim: Claim, other_date: str | None) -> bool:
    """The claim names only years before its article's own ("the Sewol ferry sinking in 2014, which
    took the lives of 304 people", written in 2022), or, undated, before the other claim's article
    (which tells the same story): its figures are of the past, not of the story."""
    named, date = _named_years(q, claim), claim.date or other_date
    return bool(named and date) and max(named) < date[:4]


def _wholes(figures):
    """Figures that are not parts of a list: "8 yellow players and 4 black players", "one man ...
    and two men" count one group in pieces, which no single figure elsewhere contradicts."""
    kinds = [(q.dimension, q.thing, q.event, q.detail, q.scope) for q in figures]  # (a toll by place is a whole per place)
    return [q for q, kind in zip(figures, kinds) if q.dimension != "count" or kinds.count(kind) == 1]
