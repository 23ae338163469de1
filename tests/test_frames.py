"""Claims parsed into frames (spaCy), and the figures rule that compares them: positive and
negative cases in the kinds of sentences real reports carry."""
from __future__ import annotations

import pytest

from detector.frames import frame_of
from detector.rules.quantities import quantities
from detector.types import Claim


def claim(text: str, doc: str = "a", date: str | None = None) -> Claim:
    return Claim(doc, doc, doc.upper(), text, 0, len(text), None, date)


def test_a_figure_is_read_with_its_qualifier_unit_noun_and_happening():
    (dead, hurt) = frame_of("The bridge collapsed on Tuesday, killing at least 26 people and injuring 15 passengers.").quantities
    assert (dead.low, dead.high, dead.thing, dead.event) == (26, float("inf"), "people", "die")
    assert (hurt.low, hurt.high, hurt.thing, hurt.event) == (15, 15, "passenger", "injure")
    (section,) = frame_of("A 260ft stretch of road broke off from the bridge.").quantities
    assert section.dimension == "length" and section.thing == "section" and round(section.low, 1) == 79.2
    (far,) = frame_of("The train derailed in Pukhrayan, 60km from Kanpur.").quantities
    assert far.ref == "kanpur" and far.low == 60_000


CLASHES = [
    ("At least 20 people died and 16 were injured in the collapse.", "The bridge collapsed, killing 26 people and injuring 15 people.", "injure"),
    ("The private broadcaster said a 200-metre section of the bridge collapsed.", "An 80-metre section of the bridge came down in the storm.", "section"),
    ("The train derailed about 100 kms from here, near Pukhrayan.", "The train derailed near Pukhrayan, 60 km from Kanpur.", "distance"),
    ("After voting down the contract, 32,000 machinists went on strike.", "About 25,000 machinists went on strike.", "machinist"),
]


@pytest.mark.parametrize("a, b, what", CLASHES, ids=[c[2] for c in CLASHES])
def test_figures_of_one_quantity_that_cannot_both_hold_are_a_conflict(a, b, what):
    hit = quantities(claim(a, "a"), claim(b, "b"))
    assert hit is not None and hit.kind == "numbers" and what in hit.evidence


AGREEMENTS = [
    ("A 260ft stretch of road broke off from the bridge.", "An 80-metre section of the bridge came down.", "unit-conversion-rounded"),
    ("Delta had cancelled 44 flights by 8 a.m.", "Nearly 4,434 flights have been cancelled across the US.", "one-airline-vs-all"),
    ("The quake struck 60 miles south of the capital.", "The epicentre was 2.8 miles east of San Juan Raboso.", "distances-from-two-places"),
    ("Two others died in the central state of Puebla.", "At least 11 people died in Puebla.", "the-others-are-a-remainder"),
    ("The plant will bring about 1,200 construction jobs.", "The plant will bring around 400 permanent jobs.", "different-kinds-of-job"),
    ("The flight was carrying 68 passengers and four crew.", "The aircraft was carrying 72 people.", "passengers-are-not-everyone"),
    ("About 39 people were killed in the blast.", "Nearly 40 people were killed in the blast.", "rounding"),
    ("At least 20 people were killed in the blast.", "At least 24 people were killed in the blast.", "two-lower-bounds"),
    ("Microsoft shares fell 1.7% on Friday.", "CrowdStrike shares fell more than 11% on Friday.", "two-companies"),
]


@pytest.mark.parametrize("a, b, case", AGREEMENTS, ids=[c[2] for c in AGREEMENTS])
def test_compatible_figures_are_not_a_conflict(a, b, case):
    assert quantities(claim(a, "a"), claim(b, "b")) is None


def test_a_running_count_told_on_two_dates_is_an_update():
    hit = quantities(claim("22 people were killed in the collapse.", "a", "2018-08-14"),
                     claim("The collapse killed 38 people.", "b", "2018-08-16"))
    assert hit is not None and hit.kind == "update"
    # a measure that does not grow is a conflict whatever the dates
    hit = quantities(claim("A 200-metre section of the bridge collapsed.", "a", "2018-08-14"),
                     claim("An 80-metre section of the bridge collapsed.", "b", "2018-08-16"))
    assert hit is not None and hit.kind == "numbers"
