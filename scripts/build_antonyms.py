"""Build detector/rules/antonyms.tsv, the status rule's lexicon of opposites, from WordNet 3.0.

    python scripts/build_antonyms.py [--wordnet /usr/share/wordnet] [--out detector/rules/antonyms.tsv]
                                     [--no-synonyms] [--no-similar]

Reads WordNet's own database files (data.adj, data.adv, data.verb, data.noun; on Debian the
`wordnet-base` package puts them in /usr/share/wordnet) directly, without nltk. Each synset line
is

    offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id ...] p_cnt ptr... | gloss

and each pointer is `symbol offset pos source/target`, where source/target holds two two-digit
hex word numbers (0000 = the whole synset). "!" is the antonym pointer (always lexical: one word
to one word) and "&" is "similar to" (adjective head <-> satellite synsets).

Pairs written:
  * direct antonyms: the two words an "!" pointer joins ("wet" / "dry", "large" / "small");
  * their synset-mates (unless --no-synonyms): every word of the one synset against every word
    of the other, in that sense ("big", in large's synset, / "small");
  * indirect antonyms (unless --no-similar): WordNet's own account of satellite adjectives, which
    have no antonym of their own but take the one of the head they are similar to: every word of
    a satellite of one head against the other head's words ("soggy", similar to wet, / "dry").

Each line is `lemma TAB lemma TAB parts of speech`, the letters a, n, r, v naming the parts of
speech in which WordNet opposes the two ("far", "near", "a"). Lemmas are lower-cased, "_"
becomes " ", adjective position markers ("(a)", "(p)", "(ip)") are dropped; each pair is sorted,
the list deduplicated and sorted. Beside it, antonym_forms.tsv lists the irregular forms of
those lemmas from WordNet's exception lists (`form TAB lemma`: "sat" -> "sit", "women" ->
"woman"). The WordNet 3.0 license, which permits redistribution with its notice, heads both
files as "#" lines and is written beside them as WORDNET_LICENSE.

The TSVs ship as package data, so neither users nor CI need WordNet installed; rerun this script
(after `apt-get install wordnet-base`) only to change how the lists are built.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"\((?:a|p|ip)\)$")


def parse(path: Path):
    """{offset: (ss_type, [words], [(symbol, target_offset, target_pos, src, tgt)])} of one data file."""
    synsets = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("  "):
                continue  # the license header
            fields = line.split(" | ", 1)[0].split()
            offset, ss_type = fields[0], fields[2]
            w_cnt = int(fields[3], 16)
            words = [lemma(fields[4 + 2 * i]) for i in range(w_cnt)]
            k = 4 + 2 * w_cnt
            p_cnt = int(fields[k])
            pointers = []
            for i in range(p_cnt):
                symbol, target, pos, st = fields[k + 1 + 4 * i : k + 5 + 4 * i]
                pointers.append((symbol, target, "a" if pos == "s" else pos, int(st[:2], 16), int(st[2:], 16)))
            synsets[offset] = (ss_type, words, pointers)
    return synsets


def lemma(word: str) -> str:
    return MARKER.sub("", word).replace("_", " ").lower()


def license_text(wordnet: Path) -> str:
    lines = []
    with (wordnet / "data.adj").open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.startswith("  "):
                break
            lines.append(re.sub(r"^\s+\d+ ?", "", line).rstrip())
    return "\n".join(lines).strip() + "\n"


def antonym_pairs(wordnet: Path, similar: bool = True, synonyms: bool = True) -> dict[tuple[str, str], set[str]]:
    """{(lemma, lemma) sorted: the parts of speech ("a", "n", "r", "v") in which WordNet opposes them}."""
    data = {pos: parse(wordnet / name) for pos, name in (("n", "data.noun"), ("v", "data.verb"), ("a", "data.adj"), ("r", "data.adv"))}
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    # head adjective synset -> the words of its satellites ("wet" -> "soaked", "damp", ...)
    satellites: dict[str, set[str]] = defaultdict(set)
    for offset, (ss_type, words, pointers) in data["a"].items():
        if ss_type != "a":
            continue
        for symbol, target, pos, _, _ in pointers:
            if symbol == "&" and pos == "a":
                satellites[offset].update(data["a"][target][1])
    for pos, synsets in data.items():
        for offset, (_, words, pointers) in synsets.items():
            for symbol, target, tpos, src, tgt in pointers:
                if symbol != "!":
                    continue
                x, y = words[src - 1], data[tpos][target][1][tgt - 1]
                xs = words if synonyms else [x]
                ys = data[tpos][target][1] if synonyms else [y]
                if similar and pos == "a":
                    # indirect antonyms: the satellites of x's head are opposite to y (and, from
                    # the target's own "!" pointer, the satellites of y's head to x)
                    xs = [*xs, *sorted(satellites.get(offset, ()))]
                for u, v in {(x, y), *((u, v) for u in xs for v in ys)}:
                    if u != v:
                        pairs[tuple(sorted((u, v)))].add(pos)
    return pairs


def irregular_forms(wordnet: Path, lemmas: set[str]) -> set[tuple[str, str]]:
    """(form, lemma) from WordNet's exception lists (*.exc: "sat sit", "women woman", "worse bad"),
    for the lemmas that have an antonym: the forms no suffix rule can undo."""
    forms = set()
    for name in ("noun.exc", "verb.exc", "adj.exc", "adv.exc"):
        for line in (wordnet / name).read_text(encoding="utf-8", errors="replace").splitlines():
            form, *bases = line.split()
            for base in bases:
                base = lemma(base)
                if base in lemmas and form != base:
                    forms.add((form.replace("_", " ").lower(), base))
    return forms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="folder with WordNet 3.0 data.* files")
    ap.add_argument("--out", type=Path, default=ROOT / "detector" / "rules" / "antonyms.tsv",
                    help="antonym pairs; the irregular forms go beside it as antonym_forms.tsv")
    ap.add_argument("--no-similar", action="store_true", help="no indirect antonyms (satellite adjectives)")
    ap.add_argument("--no-synonyms", action="store_true", help="only the two words an antonym pointer joins, not their synset-mates")
    args = ap.parse_args(argv)
    if not (args.wordnet / "data.adj").exists():
        print(f"no WordNet data files in {args.wordnet} (Debian: apt-get install wordnet-base)", file=sys.stderr)
        return 1
    notice = license_text(args.wordnet)
    found = antonym_pairs(args.wordnet, similar=not args.no_similar, synonyms=not args.no_synonyms)
    pairs = sorted((x, y, "".join(sorted(found[x, y]))) for x, y in found)
    forms = sorted(irregular_forms(args.wordnet, {w for x, y, _ in pairs for w in (x, y)}))
    kind = ", ".join(k for k, on in (("direct antonyms", True), ("their synset-mates", not args.no_synonyms),
                                     ("indirect antonyms of satellite adjectives", not args.no_similar)) if on)
    license_lines = ["#", *(f"# {line}".rstrip() for line in notice.splitlines())]
    outputs = (
        (args.out, pairs, [
            "# Antonym pairs (opposites) of English lemmas, one pair per line, tab-separated, then the parts",
            "# of speech in which WordNet opposes them (a adjective, n noun, r adverb, v verb).",
            f"# Derived from WordNet 3.0 by scripts/build_antonyms.py: {kind}.",
        ]),
        (args.out.with_name("antonym_forms.tsv"), forms, [
            "# Irregular word forms of the lemmas in antonyms.tsv: form, tab, lemma (\"sat\" -> \"sit\").",
            "# Derived from WordNet 3.0's exception lists by scripts/build_antonyms.py.",
        ]),
    )
    for path, rows, header in outputs:
        path.write_text("\n".join(header + license_lines) + "\n" + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
        print(f"wrote {len(rows)} rows to {path} ({path.stat().st_size / 1024:.0f} KiB)")
    (args.out.parent / "WORDNET_LICENSE").write_text(notice, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
