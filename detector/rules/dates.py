"""Dates and times: calendar dates, months, weekdays (resolved against the article date), clock times,
parts of the day and "hours" vs "minutes" before, each compared only for the same event."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..frames import GOING_ON, ONE_OFF_EVENTS, PARSED_EVENTS, PEOPLE_KINDS, RUNNING_EVENTS, SAID, STORY, frame_of
from ..types import Claim, RuleHit
from ..number_words import SMALL_NUMBER_WORDS, SMALL_NUMBERS
from .text import (EVENT_CLASS_NAMES, EVENT_STEM, fold_phrases, overlap, reported_content, stem, tokens,
                   topic_stems)

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
MONTH_RE = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
CALENDAR_RE = re.compile(rf"\b{MONTH_RE}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b|\b(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE.replace('month', 'month2')}\b", re.I)
WEEKDAY_RE = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\b", re.I)
MONTH_ONLY_RE = re.compile(rf"\b(?:in|during|early|late|mid-?|since|until|by|before|after)\s+(?:early\s+|late\s+|mid-?)?{MONTH_RE}(?![a-z])(?!\s*\d)", re.I)
FUTURE_RE = re.compile(r"\b(?:will|next|coming|due|scheduled|expected)\b", re.I)
# what is to happen, not what did: "will", "would", "is due to", "was to give a news conference at 16:00"
PLANNED_RE = re.compile(r"\b(?:will|would|(?:is|are|was|were) (?:(?:due|scheduled|set|expected|planned|slated) )?to(?! blame\b))\b", re.I)
RELATIVE_RE = re.compile(r"\b(yesterday|today|tomorrow|last night|this morning|tonight)\b", re.I)
# "early Sunday" is its first hours, "late Sunday" its last: parts of the day as much as "morning"
PART_RE = re.compile(r"\b(morning|afternoon|evening|night|midnight|noon|midday|dawn|overnight|"
                     r"(?:early|late)(?= (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b))\b", re.I)
PARTS = {"dawn": "morning", "midnight": "night", "overnight": "night", "noon": "midday", "early": "morning", "late": "night"}
QUOTED_RE = re.compile(r"[“\"][^”\"]*[”\"]")
SPAN_RE = re.compile(r"\b(seconds|minutes|hours|days|weeks|months|years)\s+(before|after|earlier|later|ahead)\b", re.I)


@lru_cache(maxsize=100_000)
def day_mentions(text: str, doc_date: str | None) -> tuple[tuple[str, str], ...]:
    """(comparable value, as written) for each day the sentence names: "wd:monday", "md:3-21",
    "mo:3" for a month alone or a date's month, and "rmd:3-18" for a weekday resolved against the
    article's date (the last such day on or before it, unless the sentence looks ahead)."""
    out = []
    for m in CALENDAR_RE.finditer(text):
        month = _month_number(m.group("month") or m.group("month2"))
        day = int(m.group("day") or m.group("day2"))
        if 1 <= day <= 31 and (kind := _day_kind(text[: m.start()])) is not None:
            out += [(f"{kind}md:{month}-{day}", m.group(0)), (f"{kind}mo:{month}", m.group(0))]
    for m in MONTH_ONLY_RE.finditer(text):
        kind = _day_kind(text[: m.start("month")])
        if kind is not None:
            out.append((f"{kind}mo:{_month_number(m.group('month'))}", m.group(0)))
    for m in WEEKDAY_RE.finditer(text):
        if (kind := _day_kind(text[: m.start()])) is not None:
            kind = "of-" if m.group(0).lower().endswith("'s") else kind  # "Tuesday's collision" dates that noun only
            out.append((f"{kind}wd:{m.group(1).lower()}", m.group(0)))
            if doc_date and not FUTURE_RE.search(text):
                anchor = date.fromisoformat(doc_date)
                day = anchor - timedelta(days=(anchor.weekday() - WEEKDAYS.index(m.group(1).lower())) % 7)
                out.append((f"{kind}rmd:{day.month}-{day.day}", m.group(0)))
    if (offset := OFFSET_RE.search(text)) is not None:
        out += _offset_days(out, SMALL_NUMBERS.get((offset.group(1) or "a").lower(), 1))
    if doc_date:
        anchor = date.fromisoformat(doc_date)
        quoted = [q.span() for q in QUOTED_RE.finditer(text)]
        for m in RELATIVE_RE.finditer(text):
            if any(start < m.start() < end for start, end in quoted) or (m.group(0)[0].isupper() and m.start() and text[m.start() - 2] not in ".!?"):
                # "today" in a quote is the speaker's day, not the article's; "USA Today" is a name
                continue
            shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(m.group(1).lower(), 0)
            day = anchor + timedelta(days=shift)
            out += [(f"md:{day.month}-{day.day}", m.group(0)), (f"wd:{WEEKDAYS[day.weekday()]}", m.group(0))]
        for m in AGO_RE.finditer(text):  # "reopened four days ago"; "a week ago" is told loosely, a day either way
            n = int(m.group(1)) if m.group(1).isdigit() else SMALL_NUMBERS.get(m.group(1).lower(), 1)
            days, slack = (7 * n, 1) if m.group(2).lower() == "week" else (n, 0)
            for back in range(days - slack, days + slack + 1):
                day = anchor - timedelta(days=back)
                out += [(f"md:{day.month}-{day.day}", m.group(0)), (f"wd:{WEEKDAYS[day.weekday()]}", m.group(0))]
    return tuple(out)


AGO_RE = re.compile(rf"\b(an?|one|{SMALL_NUMBER_WORDS}|\d{{1,2}})\s+(day|week)s?\s+ago\b", re.I)


# "The hearing Wednesday comes a day after the Senate voted": the sentence names a second day,
# the given one moved by the offset (which way is not always clear, so both). "A day later than
# planned" names no second event, only a delay.
OFFSET_RE = re.compile(rf"\b(?:(?:(a|{SMALL_NUMBER_WORDS})|the)\s+days?\s+(?:after|before)|the (?:previous|next|following) day)\b", re.I)


def _offset_days(mentions: list[tuple[str, str]], days: int) -> list[tuple[str, str]]:
    """The days `days` before and after each weekday or calendar day the sentence names."""
    out = []
    for value, written in mentions:
        if value.startswith("wd:"):
            k = WEEKDAYS.index(value[3:])
            out += [(f"wd:{WEEKDAYS[(k + s) % 7]}", written) for s in (-days, days)]
        elif value.startswith(("md:", "rmd:")):
            kind, month_day = value.split(":")
            month, day = map(int, month_day.split("-"))
            base = date(2000, month, min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
            out += [(f"{kind}:{d.month}-{d.day}", written) for d in (base - timedelta(days), base + timedelta(days))]
    return out


# "until Wednesday" is a deadline and "since Monday" a start, compared only with their like;
# "throughout Monday" is a span, not the day something happened.
BOUND_RE = re.compile(r"\b(until|till|by|before|ahead of|after|since|from|through|throughout)\s+(?:(?:at least|at the earliest|late|early|next|last|this)\s+)*$", re.I)
BOUND_KIND = {"until": "by-", "till": "by-", "by": "by-", "before": "by-", "ahead of": "by-", "after": "from-",
              "since": "from-", "from": "from-", "through": "", "throughout": ""}


def _month_number(name: str) -> int:
    return [x[:3] for x in MONTHS].index(name[:3].lower()) + 1


def _day_kind(before: str) -> str | None:
    """"" for the day something happens, "by-"/"from-" for a bound, None for a span."""
    m = BOUND_RE.search(before)
    if not m:
        return ""
    return BOUND_KIND[m.group(1).lower()] or None
DATE_WORDS = frozenset(stem(w) for w in "morning afternoon evening night late early earlier dawn midnight noon".split())
CLOCK_RE = re.compile(r"(?<![\d.:])\b(\d{1,2})(?:[:.](\d\d))?\s?([ap])\.?m\b\.?|\b(midnight|noon|midday)\b", re.I)
# A 24-hour time ("at 06:14 local time", "1430 GMT"): only with a time zone or after "at" and the
# like, since a bare "3:2" or "2:05" may be a score or a duration.
CLOCK24_RE = re.compile(
    r"(?P<at>\b(?:at|by|around|about|from|until|before|after)\s+(?:about\s+|around\s+)?)?"
    r"(?<![\d.:])\b(?P<hour>[01]?\d|2[0-3])(?P<sep>[:.h])?(?P<minute>[0-5]\d)\b(?![:.]\d|\s?[ap]\.?m\b)"
    r"(?P<zone>\s*(?:local time|gmt|utc|bst|cet|cest|hrs|hours|h)\b)?", re.I)


DAY_ORDER = ("night", "morning", "midday", "afternoon", "evening")  # round the clock: night follows evening


def _adjacent(x: str, y: str) -> bool:
    """Neighbouring parts of the day named in words: outlets draw the lines loosely (3 a.m. is
    "night" to one and "early morning" to another). A clock time's part is not loose."""
    i, j = DAY_ORDER.index(x), DAY_ORDER.index(y)
    return min(abs(i - j), len(DAY_ORDER) - abs(i - j)) <= 1


# The hours a part of the day named in words may cover: "Thursday night" for a fire at 7 p.m.
LOOSE_HOURS = {"night": (18, 6), "evening": (16, 24), "morning": (3, 12.5), "midday": (11, 14), "afternoon": (12, 19)}


def _within(words_text: str, clock_text: str) -> bool:
    """A part of the day named in one sentence covers, loosely, a clock time the other gives."""
    def covers(part: str, hour: float) -> bool:
        start, end = LOOSE_HOURS[part]
        return start <= hour < end if start < end else hour >= start or hour < end
    return any(covers(p, h) for p in word_parts(words_text) for h, _ in clock_times(clock_text))


@lru_cache(maxsize=100_000)
def day_parts(text: str) -> frozenset[str]:
    """Parts of the day a sentence names, from words ("evening") and clock times ("6 a.m.")."""
    parts = set(word_parts(text))
    for h, _ in clock_times(text):
        parts.add("night" if h < 5 or h >= 21 else "morning" if h < 12 else "afternoon" if h < 17 else "evening")
        if h < 6 or h >= 21:  # 3 a.m. is "night" to one outlet and "early Sunday morning" to another; 10 p.m. "evening" or "night"
            parts.add("morning" if h < 6 else "evening")
    return frozenset(parts)


def word_parts(text: str) -> frozenset[str]:
    """Parts of the day a sentence names in words ("evening", "overnight")."""
    return frozenset(PARTS.get(p.lower(), p.lower()) for p in PART_RE.findall(text))


# "half past two in the afternoon", "a quarter to nine in the evening": read only with the part of the day
SPOKEN_CLOCK_RE = re.compile(
    rf"\b(?:(half past|quarter past|quarter to)\s+)?({SMALL_NUMBER_WORDS}|\d{{1,2}})\s+(?:o'clock\s+)?"
    r"(?:in the (morning|afternoon|evening)|at (night))\b", re.I)


@lru_cache(maxsize=100_000)
def clock_times(text: str) -> tuple[tuple[float, str], ...]:
    """(hour of the day, as written) for "4:10 a.m.", "6 p.m.", "midnight", "noon", "half past two in the afternoon"."""
    out = []
    for m in SPOKEN_CLOCK_RE.finditer(text):
        hour = SMALL_NUMBERS.get(m.group(2).lower()) or int(m.group(2))
        hour = hour % 12 + (0 if (m.group(3) or "").lower() == "morning" else 12)
        out.append((hour + {"half past": 0.5, "quarter past": 0.25, "quarter to": -0.25}.get((m.group(1) or "").lower(), 0), m.group(0)))
    for m in CLOCK24_RE.finditer(text):
        if m.group("zone") or (m.group("at") and m.group("sep")):
            out.append((int(m.group("hour")) + int(m.group("minute")) / 60, m.group(0).strip()))
    for m in CLOCK_RE.finditer(text):
        if m.group(4):
            out.append((0.0 if m.group(4).lower() == "midnight" else 12.0, m.group(0)))
        else:
            hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
            out.append((hour + int(m.group(2) or 0) / 60, m.group(0)))
    return tuple(out)


ZONES = r"(local(?: time)?|gmt|utc|bst|cet|cest|ist|[ecmp][sd]?t|et|(?:eastern|central|mountain|pacific)(?= (?:standard |daylight )?time))\b"
ZONE_RE = re.compile(r"\s*\(?\s*" + ZONES, re.I)
WRITTEN_ZONE_RE = re.compile(r"\b(gmt|utc)\b", re.I)  # "at 17:12 GMT" carries its zone


def _zone(text: str, written: str) -> str:
    """The time zone written right after a clock time ("1:14 p.m. local time", "0700 GMT"), or ""."""
    at = text.find(written)
    m = WRITTEN_ZONE_RE.search(written) or (ZONE_RE.match(text, at + len(written)) if at >= 0 else None)
    return m.group(1).lower().split()[0] if m else ""


CLOCK_BOUND_RE = re.compile(r"\b(?:by|until|till)\s+(?:about\s+|around\s+)?$", re.I)


def _clock_bound(text: str, written: str) -> bool:
    at = text.find(written)
    return at >= 0 and bool(CLOCK_BOUND_RE.search(text[:at]))


# How far a clock time as written may be from the moment it tells, in minutes: a round hour is
# itself rounded ("at 1 a.m." holds 12:45-1:15), "about" widens it by APPROX_MINUTES (to no more than a round hour's), "just
# before" is an interval on one side; "before"/"after" alone reach hours away.
APPROX_CLOCK_RE = re.compile(r"\b(?:about|around|approximately|roughly|circa|some|nearly|almost)\s+$", re.I)
NEAR_SIDE_RE = re.compile(r"\b(?:just|shortly|moments|minutes|a little|soon|right|immediately)\s+(before|after)\s+$", re.I)
FAR_SIDE_RE = re.compile(r"\b(before|after)\s+$", re.I)
NEAR_MINUTES, FAR_MINUTES, APPROX_MINUTES = 30, 180, 5
UNSAID_ZONE_HOURS = 3  # a neighbouring time zone, or summer time, read as "local time" by one outlet
MIN_CLOCK_GAP = 4  # minutes: "9:03" and "9:05" may be one moment read off two clocks; "9:03" and "9:07" are two
ZONE_SLACK = 10  # minutes: "2:15 p.m." Eastern and "1:14 p.m. local time" are one moment told in two zones
ROUND_HOUR_MINUTES = 15  # "about 3 p.m." is no wider than "3 p.m.": a round hour is already rounded, so "around 3.30" differs


def _grain(hour: float) -> float:
    """How far, in minutes, a moment may be from the time written for it: a round hour is itself
    rounded ("at 1 a.m." for 12:50), a half or quarter hour less so, "10:40" to five minutes."""
    minute = round(hour * 60) % 60
    return 15 if minute == 0 else 7.5 if minute % 15 == 0 else 2.5 if minute % 5 == 0 else 0.5


def _clock_span(text: str, hour: float, written: str) -> tuple[float, float]:
    """(middle, half width) in minutes of the moments a clock time as written allows."""
    at, minutes, grain = text.find(written), hour * 60, _grain(hour)
    before = text[:max(at, 0)]
    side = NEAR_SIDE_RE.search(before) or FAR_SIDE_RE.search(before)
    if side:
        reach = NEAR_MINUTES if side.re is NEAR_SIDE_RE else FAR_MINUTES
        return minutes + (reach / 2 if side.group(1).lower() == "after" else -reach / 2), reach / 2
    return minutes, min(grain + APPROX_MINUTES, ROUND_HOUR_MINUTES) if APPROX_CLOCK_RE.search(before) else grain


def _clock_conflict(ta: str, tb: str) -> tuple[str, str] | None:
    """Clock times whose spans cannot meet ("at 1:28 a.m." vs "around 1:40 a.m."; "about 4 a.m."
    vs "shortly before midnight"), round the clock, in one time zone."""
    ha, hb = clock_times(ta), clock_times(tb)
    if not ha or not hb:
        return None
    # "about 2:15 p.m." (Eastern) and "around 1:14 p.m. local time" may be one moment on two
    # clocks: across zones, times a whole number of hours apart (give or take ZONE_SLACK) are one
    zones_a, zones_b = {_zone(ta, w) for _, w in ha}, {_zone(tb, w) for _, w in hb}
    # a time told in "local time" beside one with no zone is most likely on the same clock: only a
    # neighbouring zone's few hours are read as another clock ("11 a.m. local time" is no "midnight")
    offset = UNSAID_ZONE_HOURS if {"local"} in (zones_a - {""}, zones_b - {""}) and "" in zones_a | zones_b else 12
    # "confirmed by 4 p.m.", "under control by 10 p.m.": a bound is compared only with a bound
    pairs = []
    for p, wa in ha:
        for q, wb in hb:
            if _clock_bound(ta, wa) != _clock_bound(tb, wb):
                continue
            hours = min(abs(p - q), 24 - abs(p - q))
            if _zone(ta, wa) != _zone(tb, wb) and 0.5 <= hours <= offset + 0.5 and min((m := abs(p - q) * 60 % 60), 60 - m) < ZONE_SLACK:
                continue  # one moment told on two clocks ("09:03 local time (00:03 GMT)" beside "9:07 AM local time")
            (ma, wida), (mb, widb) = _clock_span(ta, p, wa), _clock_span(tb, q, wb)
            apart = min(abs(ma - mb), 1440 - abs(ma - mb))
            pairs.append((apart - wida - widb, round(hours * 60, 6), wa, wb))
    if not pairs:
        return None
    gap, centres, x, y = min(pairs)
    return (x, y) if gap > 0 and centres >= MIN_CLOCK_GAP else None


def day_conflict(xs, ys) -> tuple[str, str] | None:
    return next(day_conflicts(xs, ys), None)


def day_conflicts(xs, ys):
    """Pairs of mentions of the same type that name different values, when no value is shared.

    A weekday resolved against its article's date is compared only with a calendar date on the
    other side: two "on Monday"s in articles a week apart are one Monday told twice. A day the
    other side names at all ("suspended since Thursday") is no conflict with it ("on Thursday")."""
    bounds, kinds = ("", "by-", "from-", "of-"), ("md:", "wd:", "mo:")
    named = {kind: ({v for b in bounds for v in _values(xs, b + kind)}, {v for b in bounds for v in _values(ys, b + kind)})
             for kind in kinds}
    for bound in bounds:
        for kind in kinds:
            vx, vy = _values(xs, bound + kind), _values(ys, bound + kind)
            if kind == "md:" and bool(vx) != bool(vy):
                if named["wd:"][0] & named["wd:"][1]:
                    continue  # both say "Friday": one side's "Friday, May 22" is no other day than the other's Friday
                vx, vy = vx or _values(xs, bound + "rmd:"), vy or _values(ys, bound + "rmd:")
            named_x, named_y = named[kind]
            if vx and vy and not (vx.keys() & vy.keys()) and not (vx.keys() & named_y) and not (vy.keys() & named_x):
                yield from _every_pair(vx, vy)


def _every_pair(vx: dict[str, str], vy: dict[str, str]):
    """Each day named on one side against each on the other, as written."""
    return ((vx[x], vy[y]) for x in sorted(vx) for y in sorted(vy))


def _noun_day_pairs(xs, ys):
    """A day owning a noun on one side, a plain day on the other ("Monday's derailment" / "derailed
    on Sunday"): compared only when the parse says both date one happening."""
    for kind in ("md:", "wd:"):
        for vx, vy in ((_values(xs, "of-" + kind), _values(ys, kind)), (_values(xs, kind), _values(ys, "of-" + kind))):
            if vx and vy and not vx.keys() & vy.keys():
                yield from _every_pair(vx, vy)


def _values(mentions, prefix: str) -> dict[str, str]:
    return {v.removeprefix(prefix): w for v, w in mentions if v.startswith(prefix)}


# Past-tense verbs near a date say what was done then; these only say that something was.
PAST_IRREGULAR = frozenset("began broke fell rose won lost took held sought struck made paid sold bought left grew shut "
                           "kept met knew went came gave led tore brought ran found hit set put cut sent spent stood".split())
NOT_ACTS = frozenset(stem(w) for w in "happened occurred reported expected scheduled planned".split())


@lru_cache(maxsize=100_000)
def _near(text: str, written: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(topic words, past-tense verbs) near a date or time, lower-case words only: what happened then."""
    text = fold_phrases(text)
    at = text.lower().find(written.lower()) if written else -1
    if at < 0:
        near = clause = text.split()
    else:
        near = text[:at].split()[-10:] + text[at + len(written) :].split()[:7]
        clause = text[:at].split()[-15:] + text[at + len(written) :].split()[:7]  # verbs sit further from a date than nouns
    words = " ".join(w for w in near if w[:1].islower())
    toks = tokens(" ".join(w for w in clause if w[:1].islower()))
    verbs = {stem(t) for k, t in enumerate(toks)
             if (t.endswith("ed") and len(t) > 4) or t in PAST_IRREGULAR
             or (t.endswith("ing") and k and toks[k - 1] in ("was", "were"))}  # "were working on Sunday": a doing too
    return topic_stems(words) - DATE_WORDS, frozenset(EVENT_STEM.get(v, v) for v in verbs) - NOT_ACTS


REFERENCE_RE = re.compile(r"\b(?:after|before|since|following|ahead of)\s+((?:\S+\s+){0,3}\S+)", re.I)


def _reference_events(text: str, written: str | None) -> frozenset[str]:
    """Event words a sentence times something against after its date ("on Sunday after a cyber
    attack"): the happening it dates is another one. Before the date the phrase may hold the dated
    event itself ("killed after a ferry capsized shortly after dawn on Sunday")."""
    at = text.find(written) if written else -1
    return frozenset().union(*(topic_stems(m.group(1)) for m in REFERENCE_RE.finditer(text) if m.start() > at)) & EVENT_CLASS_NAMES


def _same_event(ta: str, wa: str | None, tb: str, wb: str | None, strict: bool = False) -> frozenset[str]:
    """The words two time mentions share about what happened then; none when they name two
    acts. `strict` (for a bare part of the day) lets no shared event noun stand in for the act."""
    (words_a, verbs_a), (words_b, verbs_b) = _near(ta, wa), _near(tb, wb)
    shared = words_a & words_b
    named = shared & EVENT_CLASS_NAMES - _reference_events(ta, wa) - _reference_events(tb, wb)
    if verbs_a and verbs_b and not (verbs_a & verbs_b) and (strict or not named):
        return frozenset()  # "asked for a recount on Monday" vs "started the recount on Wednesday": two steps of a story
    return shared


DAY_STEMS = frozenset(stem(w) for w in WEEKDAYS + ["morning", "afternoon", "evening", "night"])


AFTER_WORDS = frozenset({"after", "later"})


def _spans(text: str) -> dict[str, frozenset[str]]:
    """Unit and side of each "minutes before X" ("minutes before") -> the words of X: "hours before
    the blast" vs "minutes before the blast" disagree, "three days after the failure" vs "25
    minutes after departing" do not."""
    return {f'{m.group(1).lower()} {"after" if m.group(2).lower() in AFTER_WORDS else "before"}':
            topic_stems(" ".join(text[m.end():].split()[:4])) for m in SPAN_RE.finditer(text)}


def _spans_apart(sa: dict, sb: dict) -> tuple[str, str] | None:
    """Two lengths of time on one side of one happening, in two units ("hours before the blast" /
    "minutes before the blast"); none when they share one, or are on two sides ("days after it
    reopened" / "months before it reopened")."""
    if sa.keys() & sb.keys():
        return None
    return next(((x, y) for x, wx in sorted(sa.items()) for y, wy in sorted(sb.items())
                 if x.split()[1] == y.split()[1] and wx & wy), None)


MIN_TOPIC = 0.15  # topic overlap (day words aside) below which two claims are not read as one event
# "As of 9 p.m. Tuesday, 12% of stations had no fuel": when a figure was read, not when anything happened
# When a figure was true or a story was stamped, not when anything happened: "as of Monday",
# "UPDATED, 11:11 a.m., Friday, Dec. 29:", a dateline "(UrduPoint News / Sputnik - 19th March, 2023)"
SNAPSHOT_RE = re.compile(r"\b(?:as of|as at)\s+[^,;]{1,40}|^\W*(?:updated?|posted|published)\b(?:[^:]|:\d){0,60}:(?!\d)"
                         r"|\([^()]{0,60}[-–—][^()]{0,30}\b(?:19|20)\d\d\s*\)"
                         # "figures on Saturday showed the quake killed 820": when the figures came out
                         r"|\b(?:figures|data|statistics|numbers|tallies|records)\s+(?:released\s+|published\s+|issued\s+)?on\s+\w+day\b"
                         # a dateline: "Moulay Brahim, Morocco, Sept 9 (UrduPoint) :", "KESSLING, Vessary, Nov 19 (Northmark) -",
                         # "(ANSA) – SANAA, APRIL 20 –", "Jan. 3 (Jiji Press)--"
                         r"|^\W*(?:\([^()]{1,30}\)\s*[-–—]+\s*)?(?:[^,()]{2,40}(?:,\s*[^,()]{2,30}){0,2},\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
                         r"(?:,\s*\d{4})?\s*(?:\([^()]{1,80}\)\s*)?[-–—:]", re.I)
# "residents are evacuating their homes today": a state still going on when the story was written
ONGOING_TODAY_RE = re.compile(r"(\b(?:is|are)\s+(?:still\s+)?\w+ing\b[^.;]{0,60}?)\s*\b(?:today|tonight)\b", re.I)
# "By late afternoon, nearly 100 people were still unaccounted for": a bound on when a figure held
PART_BOUND_RE = re.compile(r"\b(?:by|until|till) (?:the )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day )?(?:late |early |mid-?)?"
                           r"(?:morning|afternoon|evening|night|midday|noon)\b", re.I)  # "suspended until Wednesday morning", "till the early morning"


# "(about 2pm in New Zealand)", "[1:30pm UAE]": the same moment on another clock, like a unit conversion
BRACKETED_TIME_RE = re.compile(r"[(\[][^()\[\]]{0,20}\b\d{1,2}(?:[:.]\d\d)?\s?[ap]\.?m\b[^()\[\]]{0,30}[)\]]", re.I)


def _timed_content(text: str) -> str:
    """What a claim says happened, without when it was said, stamped or still going on."""
    text = BRACKETED_TIME_RE.sub(" ", SNAPSHOT_RE.sub(" ", reported_content(text)))
    return PART_BOUND_RE.sub(" ", ONGOING_TODAY_RE.sub(r"\1", text))


def days_apart(x: str | None, y: str | None) -> int | None:
    """Days between two article dates, None when either is unknown."""
    if not x or not y:
        return None
    return abs((date.fromisoformat(x) - date.fromisoformat(y)).days)


YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
PAST_RE = re.compile(r"\bago\b|\blast (?:year|month)\b|\bprevious\b", re.I)
SAME_STORY_DAYS = 7  # a count told on two days this close is one story's update; further apart, two happenings


def _era(when: str, doc_date: str | None) -> str | None:
    """The year a dating puts a figure in ("in 1985"), "past" for "two weeks ago", else the article's year."""
    if (year := YEAR_RE.search(when)) is not None:
        return year.group(0)
    if PAST_RE.search(when):
        return "past"
    return ((doc_date or "")[:4] or None) if when else None


def different_times(when_a: str, date_a: str | None, when_b: str, date_b: str | None) -> bool:
    """Two figures dated so far apart that they belong to two happenings ("killed nearly 10,000
    in 1985" vs "killed at least 120 on Tuesday"; "the September 7 quake" vs "Tuesday's"), not
    to one count told twice."""
    era_a, era_b = _era(when_a, date_a), _era(when_b, date_b)
    if era_a and era_b and era_a != era_b:
        return True
    if (era_a is None) != (era_b is None) and (era_a or era_b) not in ((date_a or "")[:4], (date_b or "")[:4]):
        return True  # one figure is of a named past year, the other of the story's own time
    days_a, days_b = _calendar_days(when_a, date_a), _calendar_days(when_b, date_b)
    return bool(days_a and days_b) and min(abs((x - y).days) for x in days_a for y in days_b) > SAME_STORY_DAYS


def _calendar_days(when: str, doc_date: str | None) -> list[date]:
    out = []
    for value, _ in day_mentions(when, doc_date):
        kind, _, month_day = value.partition(":")
        if kind in ("md", "rmd"):
            month, day = map(int, month_day.split("-"))
            out.append(date(2000, month, min(day, 28)))  # no year: only the distance within one is used
    return out


def _different_happenings(text_a: str, written_a: str, text_b: str, written_b: str) -> bool:
    """The parse dates two different things: two happenings of classes it names ("voted on
    Thursday" vs "went on strike on Friday"), two steps of one ("the first landslide" / "the
    second landslide"), or on one side when something was said ("officials said Saturday") or
    still went on ("counts continued to rise early Monday"). A loose attachment, or two verbs for
    what may be one incident ("left the tracks" / "derailed"), says nothing."""
    fa, fb = frame_of(text_a), frame_of(text_b)
    x, y = fa.event_dated(written_a), fb.event_dated(written_b)
    steps = {fa.step_dated(written_a), fb.step_dated(written_b)}
    if "" not in steps and len(steps) == 2:
        return True  # "the first of the landslides occurred at 2am" / "the second landslide occurred at 4.10 a.m."
    return bool({x, y} & {SAID, GOING_ON}) or x != y and ({x, y} <= PARSED_EVENTS or bool({x, y} & RESPONSES and "" not in {x, y}))


# Happenings that answer the story's own, whatever the other day dates: "rescue teams arrived Saturday"
# is not the day "a landslide devastated" the village, nor is a conference held, mourning declared,
# an evacuation ordered or prompted, a warning issued or teams deployed (a vote "held" is read as the vote)
RESPONSES = frozenset({"arrive", "visit", "hold", "declare", "order", "prompt", "issue", "deploy"})


# Happenings a day of which is a step in how a story's count was told, never the day of the story itself
STEPS = frozenset("rise climb increase jump grow mount soar swell announce confirm update revise".split())
PARSED_TOPIC = 0.4  # one happening the parse says both days date is as sure a topic as a 0.4 word overlap


def _one_parsed_happening(text_a: str, text_b: str, pair: tuple[str, str], label: str) -> frozenset[str]:
    """The class of happening the parse says both days date ("the dams collapsed on Monday" / "two
    dams collapsed ... when the storm hit on Sunday"), or the one verb it says both clock times
    date ("departed its berth at 2:14 a.m." / "1:58 a.m. — The tanker departs the terminal"), when
    the words near them share none."""
    x, y = frame_of(text_a).event_dated(pair[0]), frame_of(text_b).event_dated(pair[1])
    if STORY in (x, y) and ({x, y} - {STORY}) <= ONE_OFF_EVENTS:
        return frozenset({x, y} - {STORY}) or frozenset({STORY})  # "the tragedy occurred around 6.45pm" / "the bridge collapsed around 6.30 pm"
    one = x == y and (x in PARSED_EVENTS if label == "day" else label == "time" and x not in ("", SAID, GOING_ON))
    return frozenset({x}) if one else frozenset()


def _written_time(text: str, part: str) -> str:
    """How a sentence writes the time compared: the part of the day itself, or the clock time it was read from."""
    if part.lower() in text.lower():
        return part
    return next((written for _, written in clock_times(text)), part)


def _happening_day(text: str, written: str) -> bool:
    """A day something happened on, not a bound: "by June 5" and "until May 26" are deadlines."""
    at = text.find(written)
    return at >= 0 and _day_kind(text[:at]) == ""


# Happenings that come once in a thing's life: the year one is dated by is the year.
ONCE = frozenset("build construct found establish complete".split())
YEAR_ONLY_RE = re.compile(r"(?:in )?((?:19|20)\d\d)")


def _once_years(text_a: str, text_b: str) -> tuple[str, str, str] | None:
    """(year, year, happening) when both claims date one once-only happening ("built in 1980" /
    "built in 1981") by different years."""
    def years(text):
        return {(m.group(1), event) for written, event in frame_of(text).dated if event in ONCE
                and (m := YEAR_ONLY_RE.fullmatch(written))}
    ya, yb = years(text_a), years(text_b)
    for year, event in ya:
        other = {y for y, e in yb if e == event}
        if other and year not in other:
            return year, min(other), event
    return None


def dates(a: Claim, b: Claim) -> RuleHit | None:
    # "..., the trust said on Thursday": when it was said is not when it happened
    ta, tb = _timed_content(a.text), _timed_content(b.text)
    topic = overlap(ta, tb, ignore=DAY_STEMS)
    if topic < MIN_TOPIC:
        return None
    xs, ys = day_mentions(ta, a.date), day_mentions(tb, b.date)
    days = list(dict.fromkeys(day_conflicts(xs, ys)))
    nouns = [p for p in dict.fromkeys(_noun_day_pairs(xs, ys)) if _one_parsed_happening(a.text, b.text, p, "day")]
    for pair in days + nouns:  # a claim may name several days: the one of another step ("the toll rose on Wednesday") is passed over
        if (hit := _dated_apart(a, b, ta, tb, pair, "day", topic)) is not None:
            return hit
    if days or nouns:
        return None
    pair, label = None, "day"
    if (years := _once_years(a.text, b.text)) is not None:
        return RuleHit("dates", round(min(1.0, 0.5 + 0.6 * topic), 3), f'year: A "{years[0]}" vs B "{years[1]}" ({years[2]})')
    if clock_times(ta) and clock_times(tb):
        # two clock times say more than the parts of the day they fall in (11:40 a.m. and 12:10 p.m. agree)
        pair, label = _clock_conflict(ta, tb), "time"
    else:
        pa, pb = day_parts(ta), day_parts(tb)
        loose = any(_adjacent(x, y) for x in word_parts(ta) for y in word_parts(tb)) or _within(ta, tb) or _within(tb, ta)
        if pa and pb and not (pa & pb) and not loose:
            pair, label = (sorted(pa)[0], sorted(pb)[0]), "time of day"
    if pair is None:
        pair, label = _spans_apart(_spans(ta), _spans(tb)), "interval"
    return None if pair is None else _dated_apart(a, b, ta, tb, pair, label, topic)


def _dated_apart(a: Claim, b: Claim, ta: str, tb: str, pair: tuple[str, str], label: str, topic: float) -> RuleHit | None:
    """The two days or times `pair` names date one happening: the hit, else None."""
    if _told_as_plan(ta, _written_time(ta, pair[0])) != _told_as_plan(tb, _written_time(tb, pair[1])):
        return None  # "will resume at 6 a.m. Wednesday" vs "suspended at 7:30 p.m. Tuesday": a plan and a past act
    if _different_happenings(a.text, _written_time(a.text, pair[0]), b.text, _written_time(b.text, pair[1])):
        return None  # "voted on Thursday" vs "went on strike on Friday": the parse dates two happenings
    events = (frame_of(a.text).event_dated(pair[0]), frame_of(b.text).event_dated(pair[1])) if label == "day" else ("", "")
    if set(events) & STEPS:
        return None  # "the toll rose by 17 on Thursday", "the county announced the toll late Wednesday": a day of the count's telling
    if _two_batches(a.text, b.text, *events):
        return None  # "more than 300 victims were buried Monday" vs "more than 700 ... Tuesday": two days' work
    if (label == "day" and not FUTURE_RE.search(ta + " " + tb) and _happening_day(ta, pair[0]) and _happening_day(tb, pair[1])
            and different_times(pair[0], a.date, pair[1], b.date)):
        return None  # "the September 7 quake" vs "Tuesday's": days weeks apart date two happenings
    written_a, written_b = pair if label == "day" else (None, None)
    shared = _same_event(ta, written_a, tb, written_b, strict=label == "time of day")
    parsed = _one_parsed_happening(a.text, b.text, pair, label) if len(shared) < 2 else frozenset()
    if parsed:
        shared, topic = shared | parsed, max(topic, PARSED_TOPIC)
    if not shared or (label != "day" and not parsed and len(shared) < 2 and not shared & EVENT_CLASS_NAMES):
        return None  # "homes flooded on Monday" vs "river levels dropped on Tuesday": two events
    # words shared right next to both dates ("derailed", "train") say more than the whole sentences
    strength = min(1.0, 0.4 + (0.2 if len(shared) >= 2 else 0.0) + 0.6 * topic)
    return RuleHit("dates", round(strength, 3), f'{label}: A "{pair[0]}" vs B "{pair[1]}"')


def one_happening_on_two_days(a: Claim, b: Claim) -> bool:
    """Two different days the parse hangs on one happening that comes once, no count's step ("the
    ferry capsized on Friday morning" / "capsized early on Saturday"): a conflict whatever else the
    claims update."""
    fa, fb = frame_of(a.text), frame_of(b.text)
    for x, wa in day_mentions(a.text, a.date):
        for y, wb in day_mentions(b.text, b.date):
            once = (fa.events_dated(wa) & fb.events_dated(wb)) - RUNNING_EVENTS - STEPS - {"", SAID, GOING_ON}
            if once and day_conflict([(x, wa)], [(y, wb)]) is not None:
                return True
    return False


def _told_as_plan(text: str, written: str) -> bool:
    """A day or time of what is to happen: a plan word before it ("was scheduled to land at 6 pm");
    one after it plans something else ("took off at 1:10pm ... and was scheduled to land")."""
    at = text.find(written) if written else -1
    if written and any(written in planned or planned in written for planned in frame_of(text).planned):
        return True  # the parse hangs the time on a plan: "at 16:00 local time, Trump was to give a news conference"
    return any(m.start() < at or at < 0 for m in PLANNED_RE.finditer(text))


def _two_batches(a: str, b: str, event_a: str, event_b: str) -> bool:
    """The two days date one running happening (`event_a`, `event_b`: the dead, the buried, the
    rescued) counted differently on each: some of it was done each day, not one happening on two days."""
    if event_a not in RUNNING_EVENTS or event_b != event_a:
        return False
    def told(text):  # (a count of people the parse gave no happening of its own, "were still listed as missing", too)
        return {(q.low, q.high) for q in frame_of(text).quantities
                if q.event == event_a or (q.event not in PARSED_EVENTS and q.thing in PEOPLE_KINDS | {"", "people"})}
    told_a, told_b = told(a), told(b)
    return bool(told_a and told_b) and not told_a & told_b


def explain_dates(a: Claim, b: Claim) -> str:
    """What the rule compared when it found nothing: the days, clock times and parts of the day
    each side names (a weekday also as the date it falls on before the article's date, "rmd"),
    and the claims' topic overlap without day words, which the rule needs to be at least MIN_TOPIC."""
    def named(text: str, c: Claim) -> str:
        values: dict[str, list[str]] = {}
        for value, written in day_mentions(text, c.date):
            values.setdefault(written, []).append(value)
        said = [f'"{written}" ({", ".join(v)})' for written, v in values.items()]
        said += [f'"{written}" (clock)' for _, written in clock_times(text)]
        said += [f"{part} (part of the day)" for part in sorted(day_parts(text))]
        return (", ".join(said) or "no day or time") + ("" if c.date else " (article undated)")
    ta, tb = _timed_content(a.text), _timed_content(b.text)
    return f"A: {named(ta, a)}; B: {named(tb, b)}; topic overlap {overlap(ta, tb, ignore=DAY_STEMS):.2f} (compared from {MIN_TOPIC:g})"
