"""A second source of candidate pairs: claims that time the same kind of event.

Outlets tell one happening in different words ("The council voted late Tuesday night" / "The
City Council approved the ordinance on Thursday afternoon"), so the two embeddings can sit
below the similarity floor while the dates rule would see the conflict. Claims that name a day
or a time and an event word ("voted", "approved": one class) are bucketed by event class and,
within each bucket, paired across outlets with their most similar neighbours above a lower floor.
"""
from __future__ import annotations

import numpy as np

from .pairing import MapBlocks, nearest_pairs
from .rules.dates import clock_times, day_mentions, day_parts
from .rules.entities import offices
from .rules.text import EVENT_CLASS_NAMES, topic_stems
from .settings import Settings
from .types import Claim


def event_keys(text: str) -> frozenset[str]:
    """The event classes of a claim that says when something happened, and the offices of the
    people it names ("chief executive Daniel Ferrow": one holder at a time)."""
    held = frozenset("office:" + role.split()[-1] for _, role, _ in offices(text))
    if not (day_mentions(text, None) or day_parts(text) or clock_times(text)):
        return held
    return held | (topic_stems(text) & EVENT_CLASS_NAMES)


def event_pairs(claims: list[Claim], vectors: np.ndarray, groups: np.ndarray, settings: Settings,
                map_blocks: MapBlocks | None = None) -> set[tuple[int, int, float]]:
    """(i, j, similarity) with i < j for claims of different groups that time one kind of event:
    each one's `top_k` nearest in its bucket above `event_min_similarity`, searched as the scan's
    own pairing is (exact or approximate, bounded memory)."""
    buckets: dict[str, list[int]] = {}
    for n, claim in enumerate(claims):
        for key in event_keys(claim.text):
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
