"""Number words, one table for every reader of figures: the frames parse (detector/frames.py)
and the rules (detector/rules/). It lives outside detector/rules so that frames can read it
without importing the rule families, which themselves read frames."""
from __future__ import annotations

# Up to twelve: the counts, hours and day offsets written out in prose.
SMALL_NUMBERS = {w: n for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}
SMALL_NUMBER_WORDS = "|".join(SMALL_NUMBERS)

WORD_NUMBERS = {
    "zero": 0, **SMALL_NUMBERS, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
    "one dozen": 12, "two dozen": 24, "three dozen": 36, "half a dozen": 6, "a hundred": 100, "a thousand": 1000, "half a": 0.5,
}
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# "thirty-nine": read whole, or a reader of "Thirty" alone would see 30
WORD_NUMBERS.update({f"{ten}-{unit}": WORD_NUMBERS[ten] + n for ten in TENS for unit, n in SMALL_NUMBERS.items() if n < 10})
