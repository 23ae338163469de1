"""The HTML report: one self-contained file (no network), disputes best first, sides side by side.

All article text travels as JSON data and is put on the page with textContent, never as markup,
so nothing from an article can run or restyle the page.
"""
from __future__ import annotations

import json
import re

from .claims import split_sentences
from .columns import REPORT_MARK
from .review import parse_verdict
from .types import Dispute, Document

QUOTED_RE = re.compile(r'"([^"]{2,120})"')


def _json_for_script(data) -> str:
    """JSON that is safe inside <script>: no "</script>", no HTML comment or CDATA openers."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def claim_context(documents: list[Document], wanted: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """For each (doc_id, claim text) found in its article: the article's headline and the
    sentences just before and after the claim in its paragraph."""
    docs = {d.doc_id: d for d in documents}
    out = {}
    for doc_id, text in wanted:
        doc = docs.get(doc_id)
        at = doc.text.find(text) if doc else -1
        if at < 0:
            continue
        start = doc.text.rfind("\n", 0, at) + 1
        end = doc.text.find("\n", at + len(text))
        paragraph = doc.text[start:] if end < 0 else doc.text[start:end]
        spans = split_sentences(paragraph)
        lo, hi = at - start, at - start + len(text)
        before = [paragraph[x:y] for x, y in spans if y <= lo]
        after = [paragraph[x:y] for x, y in spans if x >= hi]
        out[(doc_id, text)] = {"title": doc.title or "", "before": before[-1] if before else "",
                               "after": after[0] if after else ""}
    return out


def _verdict(rows) -> str:
    """A dispute's review state: "yes" when a pair is confirmed, "no" when every pair is
    rejected, else "unreviewed" (an unreadable verdict counts as not reviewed)."""
    seen = set()
    for r in rows:
        try:
            seen.add(parse_verdict(r.get("verdict", "")))
        except ValueError:
            seen.add(None)
    return "yes" if True in seen else "no" if seen == {False} else "unreviewed"


def report_data(disputes: list[Dispute], title: str, context: dict | None = None) -> dict:
    context = context or {}
    items = []
    for d in disputes:
        meta = {}
        for r in d.rows:
            for side in "ab":
                key = (r[f"doc_{side}"], r[f"claim_{side}"])
                found = context.get(key, {})
                meta[key] = {
                    "doc": key[0], "source": r[f"source_{side}"],
                    "date": r.get(f"date_{side}", ""), "url": r.get(f"url_{side}", ""),
                    "title": found.get("title", ""),
                    "before": found.get("before", ""), "after": found.get("after", ""),
                }
        spans = sorted({s for r in d.rows for s in QUOTED_RE.findall(r["evidence"])}, key=len, reverse=True)
        items.append({
            "id": d.dispute_id, "kind": d.kind, "score": round(d.score, 4), "outlets": d.n_outlets,
            "evidence": d.evidence, "spans": spans, "verdict": _verdict(d.rows),
            "sides": [{"outlets": list(s.outlets), "claims": [{"text": c[1], **meta[c]} for c in s.claims]} for s in d.sides],
            "pairs": [{"score": r["score"], "kind": r["kind"], "evidence": r["evidence"], "verdict": r.get("verdict", ""),
                       "note": r.get("note", ""), "a": r["source_a"], "b": r["source_b"]} for r in d.rows],
        })
    return {"title": title, "disputes": items}


def render_report(disputes: list[Dispute], title: str = "Conflicts between outlets", context: dict | None = None) -> str:
    """The page; `context` (from `claim_context`) adds each claim's headline and neighbours."""
    return PAGE.replace("__MARK__", REPORT_MARK).replace("__DATA__", _json_for_script(report_data(disputes, title, context)))


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
__MARK__
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>detector report</title>
<style>
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d232a; background: #f4f5f7; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d8dce1; padding: 10px 20px; z-index: 1; }
h1 { font-size: 19px; margin: 0 0 6px; }
.filters { display: flex; gap: 8px 16px; flex-wrap: wrap; align-items: center; font-size: 14px; }
.filters input[type=search] { width: 16em; max-width: 100%; }
.tally { display: flex; gap: 4px 6px; flex-wrap: wrap; align-items: baseline; font-size: 13px; margin-top: 6px; }
.tally b { font-weight: 600; margin-right: 2px; }
.chip { border: 1px solid #c9d0d8; background: #f7f8fa; border-radius: 10px; padding: 0 8px; font: inherit; cursor: pointer; }
.chip.on { background: #1f4fb2; color: #fff; border-color: #1f4fb2; }
main { padding: 14px 20px; }
.dispute { background: #fff; border: 1px solid #d8dce1; border-radius: 6px; margin-bottom: 14px; padding: 12px 14px; }
.head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.kind { background: #e8eefc; color: #1f4fb2; border-radius: 3px; padding: 1px 6px; font-size: 13px; }
.verdict { border-radius: 3px; padding: 1px 6px; font-size: 13px; background: #eef0f2; }
.verdict.yes { background: #fde2e0; color: #a5281b; } .verdict.no { background: #e3f4e8; color: #1e7a3c; }
.score { font-weight: 600; }
.muted { color: #66707a; font-size: 13px; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 12px; margin-top: 10px; }
.side { border-left: 4px solid #9aa5b1; padding: 4px 10px; background: #fafbfc; min-width: 0; }
.side:nth-child(1) { border-color: #c0392b; } .side:nth-child(2) { border-color: #2471a3; } .side:nth-child(3) { border-color: #b9770e; }
.claim { margin: 8px 0 12px; overflow-wrap: anywhere; }
.headline { font-weight: 600; margin: 2px 0; }
.para { margin: 4px 0; }
.ctx { color: #55606b; }
.said { background: #fff6cc; border-radius: 2px; }
mark { background: #ffd84d; }
.evidence { margin-top: 8px; font-size: 14px; overflow-wrap: anywhere; }
details { margin-top: 6px; font-size: 13px; overflow-wrap: anywhere; }
.empty { color: #66707a; padding: 20px; }
@media (max-width: 640px) {
  header { position: static; padding: 10px 12px; }
  main { padding: 10px 8px; }
  .dispute { padding: 10px; }
}
</style>
</head>
<body>
<header>
<h1 id="title"></h1>
<div class="filters">
<label>Kind <select id="kind"><option value="">all</option></select></label>
<label>Outlet <select id="outlet"><option value="">all</option></select></label>
<label>Verdict <select id="verdict"><option value="">all</option><option value="unreviewed">unreviewed</option><option value="yes">yes</option><option value="no">no</option></select></label>
<label>Minimum score <input id="min" type="range" min="0" max="1" step="0.05" value="0"> <span id="minval">0.00</span></label>
<label>Search <input id="q" type="search" placeholder="words in claims, outlets, evidence"></label>
<span id="count" class="muted"></span>
</div>
<div class="tally" id="kinds"></div>
<div class="tally" id="outlets"></div>
</header>
<main id="list"></main>
<script id="data" type="application/json">__DATA__</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
const $ = id => document.getElementById(id);

function highlighted(text, spans) {
  const box = el("span", "said");
  const lower = text.toLowerCase();
  const marks = [];
  for (const s of spans) {
    const at = lower.indexOf(s.toLowerCase());
    if (at >= 0 && !marks.some(m => at < m[1] && at + s.length > m[0])) marks.push([at, at + s.length]);
  }
  marks.sort((x, y) => x[0] - y[0]);
  let pos = 0;
  for (const [start, end] of marks) {
    box.append(document.createTextNode(text.slice(pos, start)), el("mark", "", text.slice(start, end)));
    pos = end;
  }
  box.append(document.createTextNode(text.slice(pos)));
  return box;
}

function claimBlock(c, spans) {
  const p = el("div", "claim");
  const src = el("div", "muted");
  if (c.url && /^https?:\\/\\//i.test(c.url)) {
    const a = el("a", "", c.source); a.href = c.url; a.rel = "noopener noreferrer"; src.append(a);
  } else { src.append(document.createTextNode(c.source)); }
  src.append(document.createTextNode((c.date ? " · " + c.date : "") + " · " + c.doc));
  p.append(src);
  if (c.title) p.append(el("div", "headline", c.title));
  const para = el("div", "para");
  if (c.before) para.append(el("span", "ctx", c.before + " "));
  para.append(highlighted(c.text, spans));
  if (c.after) para.append(el("span", "ctx", " " + c.after));
  p.append(para);
  return p;
}

function card(d) {
  const box = el("section", "dispute");
  const head = el("div", "head");
  head.append(el("span", "score", d.score.toFixed(2)), el("span", "kind", d.kind), el("span", "verdict " + d.verdict, d.verdict),
              el("span", "muted", d.outlets + " independent outlets, " + d.pairs.length + (d.pairs.length === 1 ? " pair" : " pairs")), el("span", "muted", d.id));
  box.append(head);
  const sides = el("div", "sides");
  d.sides.forEach((s, k) => {
    const side = el("div", "side");
    side.append(el("div", "muted", "Side " + String.fromCharCode(65 + k) + ": " + s.outlets.join(", ")));
    for (const c of s.claims.slice(0, 6)) side.append(claimBlock(c, d.spans));
    if (s.claims.length > 6) side.append(el("div", "muted", "+" + (s.claims.length - 6) + " more"));
    sides.append(side);
  });
  box.append(sides, el("div", "evidence", d.evidence));
  const det = el("details");
  det.append(el("summary", "", "pairs and verdicts"));
  for (const p of d.pairs) {
    det.append(el("div", "", p.score + " " + p.kind + " · " + p.a + " vs " + p.b + " · " + p.evidence +
                  (p.verdict ? " · verdict: " + p.verdict : "") + (p.note ? " · note: " + p.note : "")));
  }
  box.append(det);
  box.dataset.kind = d.kind;
  box.dataset.score = d.score;
  box.dataset.verdict = d.verdict;
  return box;
}

function fill(select, values) {
  for (const v of [...new Set(values)].sort()) {
    const o = el("option", "", v);
    o.value = v;  // else the value is the text with its whitespace collapsed, and matches no outlet
    select.append(o);
  }
}

const list = $("list");
$("title").textContent = data.title;
const cards = data.disputes.map(card);
// what each card is filtered on, computed once (5,000 disputes filter in a blink)
const facts = data.disputes.map(d => ({
  kind: d.kind, score: d.score, verdict: d.verdict,
  outlets: [...new Set(d.sides.flatMap(s => s.outlets))],
  words: [d.evidence, ...d.pairs.map(p => p.note), ...d.sides.flatMap(s => [...s.outlets, ...s.claims.flatMap(c => [c.text, c.title, c.doc])])]
    .join("\\n").toLowerCase(),
}));
list.append(...cards);
if (!cards.length) list.append(el("p", "empty", "No disputes."));
fill($("kind"), data.disputes.map(d => d.kind));
fill($("outlet"), facts.flatMap(f => f.outlets));

const SHOWN_CHIPS = 15;
function tally(box, label, counts, select) {
  box.replaceChildren(el("b", "", label));
  const order = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  for (const [name, n] of order.slice(0, SHOWN_CHIPS)) {
    const chip = el("button", "chip" + (select.value === name ? " on" : ""), name + " " + n);
    chip.type = "button";
    chip.dataset.value = name;
    chip.addEventListener("click", () => { select.value = select.value === name ? "" : name; apply(); });
    box.append(chip);
  }
  if (order.length > SHOWN_CHIPS) box.append(el("span", "muted", "+" + (order.length - SHOWN_CHIPS) + " more"));
}

function apply() {
  const kind = $("kind").value, outlet = $("outlet").value, verdict = $("verdict").value;
  const min = parseFloat($("min").value);
  const words = $("q").value.toLowerCase().split(/\\s+/).filter(Boolean);
  $("minval").textContent = min.toFixed(2);
  const kinds = new Map(), outlets = new Map();
  let shown = 0;
  cards.forEach((c, i) => {
    const f = facts[i];
    const ok = (!kind || f.kind === kind) && f.score >= min && (!verdict || f.verdict === verdict) &&
               (!outlet || f.outlets.includes(outlet)) && words.every(w => f.words.includes(w));
    c.hidden = !ok;
    if (!ok) return;
    shown++;
    kinds.set(f.kind, (kinds.get(f.kind) || 0) + 1);
    for (const o of f.outlets) outlets.set(o, (outlets.get(o) || 0) + 1);
  });
  $("count").textContent = shown + " of " + cards.length + " disputes shown";
  tally($("kinds"), "Kinds:", kinds, $("kind"));
  tally($("outlets"), "Outlets:", outlets, $("outlet"));
}
for (const id of ["kind", "outlet", "verdict", "min", "q"]) $(id).addEventListener("input", apply);
apply();
</script>
</body>
</html>
"""
