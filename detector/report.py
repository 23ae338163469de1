"""The HTML report: one self-contained file (no network), disputes best first, sides side by side.

All article text travels as JSON data and is put on the page with textContent, never as markup,
so nothing from an article can run or restyle the page.
"""
from __future__ import annotations

import json
import re

from .types import Dispute

QUOTED_RE = re.compile(r'"([^"]{2,120})"')


def _json_for_script(data) -> str:
    """JSON that is safe inside <script>: no "</script>", no HTML comment or CDATA openers."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def report_data(disputes: list[Dispute], title: str) -> dict:
    items = []
    for d in disputes:
        meta = {}
        for r in d.rows:
            for side in "ab":
                meta[(r[f"doc_{side}"], r[f"claim_{side}"])] = {
                    "doc": r[f"doc_{side}"], "source": r[f"source_{side}"],
                    "date": r.get(f"date_{side}", ""), "url": r.get(f"url_{side}", ""),
                }
        spans = sorted({s for r in d.rows for s in QUOTED_RE.findall(r["evidence"])}, key=len, reverse=True)
        items.append({
            "id": d.dispute_id, "kind": d.kind, "score": round(d.score, 4), "outlets": d.n_outlets,
            "evidence": d.evidence, "spans": spans,
            "sides": [{"outlets": list(s.outlets), "claims": [{"text": c[1], **meta[c]} for c in s.claims]} for s in d.sides],
            "pairs": [{"score": r["score"], "kind": r["kind"], "evidence": r["evidence"], "verdict": r.get("verdict", ""),
                       "note": r.get("note", ""), "a": r["source_a"], "b": r["source_b"]} for r in d.rows],
        })
    return {"title": title, "disputes": items}


def render_report(disputes: list[Dispute], title: str = "Conflicts between outlets") -> str:
    return PAGE.replace("__DATA__", _json_for_script(report_data(disputes, title)))


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>detector report</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d232a; background: #f4f5f7; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d8dce1; padding: 12px 20px; z-index: 1; }
h1 { font-size: 19px; margin: 0 0 8px; }
.filters { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; font-size: 14px; }
main { padding: 16px 20px; max-width: 1200px; }
.dispute { background: #fff; border: 1px solid #d8dce1; border-radius: 6px; margin-bottom: 14px; padding: 12px 14px; }
.head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.kind { background: #e8eefc; color: #1f4fb2; border-radius: 3px; padding: 1px 6px; font-size: 13px; }
.score { font-weight: 600; }
.muted { color: #66707a; font-size: 13px; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 12px; margin-top: 10px; }
.side { border-left: 4px solid #9aa5b1; padding: 4px 10px; background: #fafbfc; }
.side:nth-child(1) { border-color: #c0392b; } .side:nth-child(2) { border-color: #2471a3; } .side:nth-child(3) { border-color: #b9770e; }
.claim { margin: 6px 0; }
mark { background: #ffe58a; }
.evidence { margin-top: 8px; font-size: 14px; }
details { margin-top: 6px; font-size: 13px; }
.empty { color: #66707a; padding: 20px; }
</style>
</head>
<body>
<header>
<h1 id="title"></h1>
<div class="filters">
<label>Kind <select id="kind"><option value="">all</option></select></label>
<label>Outlet <select id="outlet"><option value="">all</option></select></label>
<label>Minimum score <input id="min" type="range" min="0" max="1" step="0.05" value="0"> <span id="minval">0.00</span></label>
<span id="count" class="muted"></span>
</div>
</header>
<main id="list"></main>
<script id="data" type="application/json">__DATA__</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };

function highlighted(text, spans) {
  const box = el("span");
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

function card(d) {
  const box = el("section", "dispute");
  const head = el("div", "head");
  head.append(el("span", "score", d.score.toFixed(2)), el("span", "kind", d.kind),
              el("span", "muted", d.outlets + " independent outlets, " + d.pairs.length + (d.pairs.length === 1 ? " pair" : " pairs")), el("span", "muted", d.id));
  box.append(head);
  const sides = el("div", "sides");
  d.sides.forEach((s, k) => {
    const side = el("div", "side");
    side.append(el("div", "muted", "Side " + String.fromCharCode(65 + k) + ": " + s.outlets.join(", ")));
    for (const c of s.claims.slice(0, 6)) {
      const p = el("div", "claim");
      p.append(highlighted(c.text, d.spans));
      const src = el("div", "muted");
      if (c.url && /^https?:\\/\\//i.test(c.url)) {
        const a = el("a", "", c.source); a.href = c.url; a.rel = "noopener noreferrer"; src.append(a);
      } else { src.append(document.createTextNode(c.source)); }
      src.append(document.createTextNode((c.date ? " · " + c.date : "") + " · " + c.doc));
      p.append(src);
      side.append(p);
    }
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
  box.dataset.outlets = JSON.stringify(d.sides.flatMap(s => s.outlets));
  return box;
}

function fill(select, values) {
  for (const v of [...new Set(values)].sort()) {
    const o = el("option", "", v);
    o.value = v;  // else the value is the text with its whitespace collapsed, and matches no outlet
    select.append(o);
  }
}

const list = document.getElementById("list");
document.getElementById("title").textContent = data.title;
const cards = data.disputes.map(card);
list.append(...cards);
if (!cards.length) list.append(el("p", "empty", "No disputes."));
fill(document.getElementById("kind"), data.disputes.map(d => d.kind));
fill(document.getElementById("outlet"), data.disputes.flatMap(d => d.sides.flatMap(s => s.outlets)));

function apply() {
  const kind = document.getElementById("kind").value;
  const outlet = document.getElementById("outlet").value;
  const min = parseFloat(document.getElementById("min").value);
  document.getElementById("minval").textContent = min.toFixed(2);
  let shown = 0;
  for (const c of cards) {
    const ok = (!kind || c.dataset.kind === kind) && parseFloat(c.dataset.score) >= min &&
               (!outlet || JSON.parse(c.dataset.outlets).includes(outlet));
    c.hidden = !ok;
    if (ok) shown++;
  }
  document.getElementById("count").textContent = shown + " of " + cards.length + " disputes shown";
}
for (const id of ["kind", "outlet", "min"]) document.getElementById(id).addEventListener("input", apply);
apply();
</script>
</body>
</html>
"""
