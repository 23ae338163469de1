"""A second source of candidate pairs: claims that time the same kind of event.

Outlets tell one happening in different words ("The council voted late Tuesday night" / "The
City Council approved the ordinance on Thursday afternoon"), so the two embeddings can sit
below the similarity floor while the dates rule would see the conflict. Claims that name a day
or a time and an event word ("voted", "approved": one class) are bucketed by event class and,
within each bucket, paired across outlets with their most similar neighbours above a lower floor.
Claims that give a thing's length, weight or temperature ("the 1.6-mile bridge", "the 985-foot
ship") are bucketed by that dimension the same way, and claims that give a named person's age
("Hamish Harding, 58") or a place's population ("the town of 4,700 people"): outlets state such a figure in passing, in sentences that otherwise tell
different moments. Claims whose parsed figures count or measure one named quantity ("carrying 181
passengers" / "the plane had 175 passengers"; "the 6,200-seat hall" / "can hold up to 6,000
people") are bucketed by that quantity (`frames.figure_keys`): only claims holding a figure are
parsed here, and the judge reuses the parses.
"""
from __future__ import annotations

import re

import numpy as np

from .frames import PROPERTIES, UNIT_PREFIXES, UNITS, figure_keys, frame_of
from .frames import prepare as prepare_frames
from .number_words import WORD_NUMBERS
from .pairing import MapBlocks, nearest_pairs
from .rules.dates import clock_times, day_mentions, day_parts
from .rules.entities import offices
from .rules.text import EVENT_CLASS_NAMES, topic_stems
from .settings import Settings
from .types import Claim

MEASURE_UNITS = {u: d for u, (d, _) in UNITS.items() if d in PROPERTIES and len(u) > 1}
POPULATION_RE = re.compile(r"\b(?:population of|(?:town|village|city|community|enclave|island) of) (?:about |some |nearly )?\d[\d,.]*", re.I)
AGE_RE = re.compile(r"\b\d{1,3}-year-old\b|\b\d{1,3} years old\b|\baged \d{1,3}\b|[A-Z][\w'’-]+(?:,\s|\s\()\d{1,3}[,)]")
FIGURE_HINT_RE = re.compile(rf"\d|\b(?:{'|'.join(sorted(WORD_NUMBERS, key=len, reverse=True))})\b", re.I)  # a figure to parse
MEASURE_RE = re.compile(rf"\b\d[\d,.]*[\s-]?(?:(?:{'|'.join(UNIT_PREFIXES)})[\s-])?({'|'.join(sorted(MEASURE_UNITS, key=len, reverse=True))})\b", re.I)


def event_keys(text: str) -> frozenset[str]:
    """The event classes of a claim that says when something happened, and the offices of the
    people it names ("chief executive Daniel Ferrow": one holder at a time)."""
    held = frozenset("office:" + role.split()[-1] for _, role, _ in offices(text))
    held |= {"measure:" + MEASURE_UNITS[m.group(1).lower()] for m in MEASURE_RE.finditer(text)}
    if AGE_RE.search(text):
        held |= {"age"}
    if POPULATION_RE.search(text):
        held |= {"population"}
    if not (day_mentions(text, None) or day_parts(text) or clock_times(text)):
        return held
    return held | (topic_stems(text) & EVENT_CLASS_NAMES)


def event_pairs(claims: list[Claim], vectors: np.ndarray, groups: np.ndarray, settings: Settings,
                map_blocks: MapBlocks | None = None) -> set[tuple[int, int, float]]:
    """(i, j, similarity) with i < j for claims of different groups that time one kind of event:
    each one's `top_k` nearest in its bucket above `event_min_similarity`, searched as the scan's
    own pairing is (exact or approximate, bounded memory)."""
    buckets: dict[str, list[int]] = {}
    counting = {c.text for c in claims if FIGURE_HINT_RE.search(c.text)}  # only these are parsed here
    prepare_frames(counting, settings.parser_model)
    for n, claim in enumerate(claims):
        figures = figure_keys(frame_of(claim.text)) if claim.text in counting else frozenset()
        for key in event_keys(claim.text) | figures:
            buckets.setdefault(key, []).append(n)
    found = set()
    for key in sorted(buckets):
        rows = np.array(buckets[key])
        i, j, sims = nearest_pairs(
            vectors[rows], groups[rows], settings.top_k, settings.event_min_similarity, settings.block_size,
            method=settings.pairing, ann_min_rows=settings.ann_min_claims, memory_budget=settings.pair_memory_mb << 20,
            map_blocks=map_blocks,
        )
        found.update(zip(rows[i].tolist(), rows[j].tolist(), sims.tolist()))
    return found
