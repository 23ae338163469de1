"""Cleaning, sentence segmentation, claim filtering and attribution."""
from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from html.parser import HTMLParser

from .types import Claim, Document

# Citation markup some AI-assisted outlets leave in text: (cite index="2-3">...</cite>
CITE_RE = re.compile(r"\(?<?cite\b[^>]*>|</cite>", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>\n]{1,300}>")
MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
BLANKS_RE = re.compile(r"[ \t\u00a0]+")
SENTENCE_END = tuple('.!"\'”’)')
END_OF_BODY_RE = re.compile(r"^(?:sources|references|links|further reading|related (?:articles|stories))\s*:?$", re.IGNORECASE)
# "KELVARA, March 3 (Continental Press) - " datelines and "11:30 - " live-blog time stamps.
LEAD_IN_RE = re.compile(
    r"(?:[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{2,40}\))?\s*[-–—]{1,2}\s+"
    r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?[-–—]{1,2}\s+)"
)
LIST_LINE_RE = re.compile(r"^\s*(?:[-*•]|\d+[.)]|\[\d+\])\s+")


def clean_text(raw: str) -> str:
    """Strip markup but keep its text; normalise spaces; one paragraph per line."""
    text = CITE_RE.sub("", raw)
    text = MD_LINK_RE.sub(r"\1", text)
    text = TAG_RE.sub("", text) if "<" in text else text
    text = html.unescape(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [BLANKS_RE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line.lstrip("#> ").strip() for line in lines if line)


class _HTMLText(HTMLParser):
    SKIP = {"script", "style", "nav", "footer", "header", "aside", "noscript", "form", "svg", "template"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tr", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("name") or a.get("property") or "").lower()
            wanted = {"og:site_name": "source", "author": "source", "source": "source",
                      "article:published_time": "date", "date": "date", "og:url": "url"}
            if key in wanted and a.get("content"):
                self.meta.setdefault(wanted[key], a["content"])
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.meta["title"] = self.meta.get("title", "") + data.strip()
        elif not self._skip:
            self.parts.append(data.replace("\n", " "))


def html_to_text(markup: str) -> tuple[str, dict]:
    """Visible text of an HTML page (one block per line) and its metadata (title, source, date, url)."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts), parser.meta


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd  # a rule-based segmenter that handles abbreviations, initials, decimals, quotes

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


# "around 9:13 p.m. Sunday, about 700 km south": the day after a clock time goes on the sentence
CLOCK_END_RE = re.compile(r"\b\d{1,2}(?::\d\d)?\s?[ap]\.m\.$", re.I)
TIME_GOES_ON_RE = re.compile(r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|local time)\b|(?:ET|EST|EDT|PT|PST|PDT|GMT|UTC)\b|[a-z(]")


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for span in _segmenter().segment(paragraph):
        start, end = span.start, span.end
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if spans and CLOCK_END_RE.search(paragraph[spans[-1][0]:spans[-1][1]]) and TIME_GOES_ON_RE.match(paragraph, start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def is_claim(sentence: str, min_words: int, max_chars: int, unpunctuated: bool = False) -> bool:
    """A declarative statement: long enough, ends like a sentence (or stands in a line of
    `unpunctuated` prose), not a question."""
    if len(sentence) > max_chars or len(sentence.split()) < min_words:
        return False
    if sentence.rstrip('"\'”’) ').endswith("?") or not (unpunctuated or sentence.endswith(SENTENCE_END)):
        return False
    return sum(ch.isalpha() for ch in sentence) >= 0.5 * len(sentence)


PROSE_LINE_WORDS = 15  # a line this long with no final stop is a sentence missing it, not a heading


def _unpunctuated_prose(line: str) -> bool:
    """A sentence that lost its full stop ("The rampage lasted for only one to two minutes before
    the gunman shot himself"), as bullet summaries print them; headings are shorter or Title Case."""
    words = line.split()
    if len(words) < PROSE_LINE_WORDS or line.rstrip().endswith((":", "?")) or re.search(r"[.!?][\"'”’)]?\s", line):
        return False  # a paragraph of several sentences that stops short was cut off, not printed without stops
    return sum(w[:1].isupper() for w in words) < 0.5 * len(words)


def extract_claims(doc: Document, min_words: int = 5, max_chars: int = 1200) -> list[Claim]:
    """Claims of one document, in reading order. Paragraphs that do not end like prose
    (headings, source lists, captions, datelines) contribute nothing, except the last one:
    scraped text often stops mid-sentence, and only that cut-off fragment is dropped.

    A statement the article repeats (a headline restated as the lede, a pull quote) is one
    claim, at its first position: a reader sees one statement, and (doc_id, text) then
    names one claim, which is what makes pair ids unique."""
    claims = []
    seen: set[str] = set()
    offset = 0
    paragraphs = doc.text.split("\n")
    for n, paragraph in enumerate(paragraphs):
        base = offset
        offset += len(paragraph) + 1
        if END_OF_BODY_RE.match(paragraph):
            break  # what follows is a source or link list, not the article's claims
        bullet = LIST_LINE_RE.match(paragraph)
        first = bullet.end() if bullet else 0  # "- The shooter, identified as ...": a point told as a list entry
        unpunctuated = _unpunctuated_prose(paragraph[first:])
        if not paragraph.endswith(SENTENCE_END) and not unpunctuated and (bullet or n < len(paragraphs) - 1):
            continue  # headings, link entries (in the last paragraph, is_claim drops just the cut-off fragment)
        for start, end in split_sentences(paragraph[first:]):
            start, end = start + first, end + first
            prefix = LEAD_IN_RE.match(paragraph, start, end)
            if prefix:
                start = prefix.end()  # a dateline or live-blog time stamps the report, it is not the claim
            text = paragraph[start:end]
            if is_claim(text, min_words, max_chars, unpunctuated and end == len(paragraph)) and (key := normalised(text)) not in seen:
                seen.add(key)
                claims.append(
                    Claim(
                        claim_id=claim_id(doc.doc_id, base + start),
                        doc_id=doc.doc_id,
                        source=doc.source,
                        text=text,
                        start=base + start,
                        end=base + end,
                        attribution=attribution(text),
                        date=doc.date,
                    )
                )
    return claims


QUOTE_MARKS = str.maketrans("“”‘’", "\"\"''")


def normalised(text: str) -> str:
    """What makes two sentences of one article the same statement: case, spacing and quote styles aside."""
    return " ".join(text.translate(QUOTE_MARKS).casefold().split())


def claim_id(doc_id: str, start: int) -> str:
    return hashlib.sha1(f"{doc_id}\x00{start}".encode()).hexdigest()[:12]


# --- attribution -----------------------------------------------------------------------

_PARTICLE = r"(?:(?:de|da|di|du|del|der|den|van|von|le|la|bin|al|ter)\s+){0,2}"  # "Bill de Blasio" is one name
_NAME = rf"(?:the\s+)?(?:[A-Z][\w'’.&-]*\s+{_PARTICLE}){{0,5}}[A-Z][\w'’.&-]*"
_SPEECH = r"(?:said|says|told|stated|claimed|argued|added|noted|wrote|reported|reports|announced|insisted|confirmed|denied|warned|explained)"
ATTRIBUTION_PATTERNS = [
    re.compile(rf"\b(?i:according to) ({_NAME})"),
    re.compile(r"\b(?i:according to) ((?:the |two |three |several )?[a-z][\w'’ -]{2,50}?)(?=[,.;]|$)"),
    re.compile(rf"^({_NAME}), [^,]{{3,80}}, (?:{_SPEECH})\b"),  # "Renata Kohl, chief economist at X, said"
    re.compile(rf"\b(?i:citing|cited by|as reported by|reported by) ({_NAME})"),
    re.compile(rf"\b({_NAME}),? (?:who )?(?:{_SPEECH})\b"),
    re.compile(rf"[,”\"]\s*({_NAME}) (?:{_SPEECH})\b"),
    re.compile(rf"[,”\"]\s*(?:{_SPEECH}) ({_NAME})"),
]
QUOTE_RE = re.compile(r"[“\"][^”\"]+[”\"]")
PRONOUNS = {"He", "She", "They", "It", "We", "I", "The", "This", "That", "But", "And", "A", "An"}


def attribution(sentence: str) -> str | None:
    """Who a sentence is reported from ("according to X", "X said", quoted speech), if anyone."""
    for pattern in ATTRIBUTION_PATTERNS:
        m = pattern.search(sentence)
        if m:
            name = m.group(1).strip(" ,.")
            name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
            if name and name not in PRONOUNS:
                return name
    quoted = sum(len(q) for q in QUOTE_RE.findall(sentence))
    return "(quoted)" if quoted >= 0.5 * len(sentence) else None


# A sentence that opens by pointing back ("It", "The council" after "... City Council approved
# ...") continues the sentence before it: that sentence says what it is about.
ANAPHOR_RE = re.compile(r"(?:It|He|She|They|This|That|These|Those)\b|The\s+([a-z]+)\b")
ADJACENT = 3  # characters (spaces, a line break) between two sentences read one after the other


def antecedents(claims: list[Claim]) -> list[int | None]:
    """For each claim, the position of the claim right before it in its article when it opens
    by referring back to that one ("The council voted late Tuesday"), else None."""
    from .rules.text import stem  # the rules' stemmer; imported here to keep segmentation light

    def refers_back(claim: Claim, before: Claim) -> bool:
        m = ANAPHOR_RE.match(claim.text)
        if not m or before.doc_id != claim.doc_id or not 0 <= claim.start - before.end <= ADJACENT:
            return False
        return not m.group(1) or stem(m.group(1)) in {stem(w) for w in re.findall(r"[a-z]+", before.text.lower())}

    return [n - 1 if n and refers_back(claim, claims[n - 1]) else None for n, claim in enumerate(claims)]
