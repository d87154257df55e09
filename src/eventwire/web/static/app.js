// eventwire dashboard. All data from the API is written with textContent or SVG attributes,
// never as HTML, so article text, names and quotes are always shown escaped.
"use strict";
const TYPES = ["AGREE","CONSULT","SUPPORT","CONCEDE","COOPERATE","AID","RETREAT","REQUEST","ACCUSE","REJECT",
  "THREATEN","PROTEST","SANCTION","MOBILIZE","COERCE","ASSAULT"];
const SVGNS = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function filters() {
  const p = new URLSearchParams();
  const map = { actor: "f-actor", recipient: "f-recipient", event_type: "f-type", quad_class: "f-quad",
    date_from: "f-from", date_to: "f-to", text: "f-text" };
  for (const [k, id] of Object.entries(map)) { const v = $(id).value.trim(); if (v) p.set(k, v); }
  return p;
}
// Each panel (a view, the article) shows the answer to the request it made last. Answers can arrive
// out of order (a slow filter, then a quick one; two rows clicked in a row): an answer to a request that
// has since been superseded is dropped with Stale, so it can never overwrite the newer one.
class Stale extends Error {}
const tickets = {};
async function api(path, params, panel) {
  const ticket = (tickets[panel] = (tickets[panel] || 0) + 1);
  const r = await fetch(path + (params && params.toString() ? "?" + params : ""));
  const body = await r.json();
  if (tickets[panel] !== ticket) throw new Stale(path);
  if (!r.ok) throw new Error(typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
  return body;
}
function showError(err) { $("stats").textContent = "error: " + err.message; }
// Run a panel's loader with the panel marked aria-busy until its latest request is drawn (or failed).
function run(panel, load) {
  const node = $(panel);
  node.setAttribute("aria-busy", "true");
  return load().then(() => node.setAttribute("aria-busy", "false"), (err) => {
    if (err instanceof Stale) { node.dataset.dropped = String(Number(node.dataset.dropped || 0) + 1); return; }
    node.setAttribute("aria-busy", "false");
    showError(err);
  });
}

async function loadEvents() {
  const p = filters(); p.set("limit", "200");
  const body = await api("/api/events", p, "view-events");
  const tbody = document.querySelector("#events-table tbody");
  clear(tbody);
  for (const e of body.items) {
    const tr = el("tr");
    tr.dataset.article = e.article_id; tr.dataset.event = e.id;
    for (const v of [e.date, e.event_type, e.actor_codes || e.actor_text, e.recipient_codes || e.recipient_text,
                     e.modality]) tr.appendChild(el("td", v ?? ""));
    tr.appendChild(el("td", e.sentence, "evidence"));
    tr.addEventListener("click", () => run("article", () => openArticle(e.article_id, e)));
    tbody.appendChild(tr);
  }
  $("events-table").dataset.query = p.toString();
  $("stats").textContent = body.total + " events match";
}

async function openArticle(id, ev) {
  const a = await api("/api/articles/" + encodeURIComponent(id), null, "article");
  $("article-title").textContent = a.title || "(no title)";
  $("article-meta").textContent = [a.published, a.source, a.url].filter(Boolean).join(" · ");
  const box = $("article-text"); clear(box);
  const text = a.text;
  // Highlight the evidence sentence and, inside it, the trigger; everything else is plain text.
  const marks = ev ? [[ev.sentence_start, ev.start, "evidence"], [ev.start, ev.end, "trigger"],
                      [ev.end, ev.sentence_end, "evidence"]] : [];
  let pos = 0;
  for (const [s, e, cls] of marks) {
    if (s < pos || e < s) continue;
    box.appendChild(document.createTextNode(text.slice(pos, s)));
    const m = el("mark", text.slice(s, e), cls); box.appendChild(m); pos = e;
  }
  box.appendChild(document.createTextNode(text.slice(pos)));
  $("article").dataset.article = id;
  $("article").hidden = false;
  const first = box.querySelector("mark"); if (first) first.scrollIntoView({ block: "center" });
}

async function loadTimeline() {
  const body = await api("/api/timeline", filters(), "view-timeline");
  const s = $("timeline"); clear(s);
  const W = s.clientWidth || 900, H = 440, L = 40, B = 30;
  const days = [...new Set(body.items.map((r) => r.date))].sort();
  if (!days.length) { s.appendChild(svg("text", { x: 20, y: 30 }, "No dated events for these filters.")); return; }
  const byDay = {}; for (const r of body.items) (byDay[r.date] ||= []).push(r);
  const maxN = Math.max(...days.map((d) => byDay[d].reduce((a, r) => a + r.events, 0)));
  const bw = Math.max(2, (W - L - 40) / days.length - 2);
  days.forEach((d, i) => {
    let y = H - B; const x = L + i * (bw + 2);
    for (const r of byDay[d].sort((a, b) => a.quad_class - b.quad_class)) {
      const h = (r.events / maxN) * (H - B - 20);
      y -= h;
      const rect = svg("rect", { x, y, width: bw, height: h, class: "q" + r.quad_class });
      rect.appendChild(svg("title", {}, d + " quad " + r.quad_class + ": " + r.events + " events"));
      s.appendChild(rect);
    }
    if (days.length < 25 || i % Math.ceil(days.length / 12) === 0)
      s.appendChild(svg("text", { x, y: H - 10, "font-size": 10 }, d));
  });
  const pts = days.map((d, i) => {
    const rows = byDay[d]; const n = rows.reduce((a, r) => a + r.events, 0);
    const g = rows.reduce((a, r) => a + (r.goldstein ?? 0) * r.events, 0) / n;
    return (L + i * (bw + 2) + bw / 2) + "," + ((H - B) / 2 - (g / 10) * ((H - B) / 2 - 10));
  });
  s.appendChild(svg("polyline", { points: pts.join(" "), fill: "none", stroke: "#1d2b3a", "stroke-width": 2 }));
  s.appendChild(svg("text", { x: 4, y: 14, "font-size": 11 }, "events/day (max " + maxN + ")"));
}

async function loadNetwork() {
  const body = await api("/api/network", filters(), "view-network");
  const s = $("network"); clear(s);
  const W = s.clientWidth || 900, H = 440, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 60;
  const nodes = [...new Set(body.items.flatMap((e) => [e.source, e.target]))];
  if (!nodes.length) { s.appendChild(svg("text", { x: 20, y: 30 }, "No actor-recipient pairs yet.")); return; }
  const pos = {}; nodes.forEach((n, i) => { const a = (2 * Math.PI * i) / nodes.length;
    pos[n] = [cx + R * Math.cos(a), cy + R * Math.sin(a)]; });
  const maxE = Math.max(...body.items.map((e) => e.events));
  for (const e of body.items) {
    const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
    const g = e.goldstein ?? 0;
    const color = g < 0 ? "rgba(178,24,43,.6)" : "rgba(27,120,55,.6)";
    const line = svg("line", { x1, y1, x2, y2, stroke: color, "stroke-width": 1 + 6 * (e.events / maxE) });
    line.appendChild(svg("title", {}, e.source + " → " + e.target + ": " + e.events + " events, Goldstein " + g));
    s.appendChild(line);
  }
  for (const n of nodes) {
    const [x, y] = pos[n];
    s.appendChild(svg("circle", { cx: x, cy: y, r: 5, fill: "#1d2b3a" }));
    s.appendChild(svg("text", { x: x + 7, y: y + 4, "font-size": 11, class: "node" }, n));
  }
}

async function loadMap() {
  const body = await api("/api/places", filters(), "view-map");
  const s = $("map"); clear(s);
  const W = s.clientWidth || 900, H = 440;
  const X = (lon) => ((lon + 180) / 360) * W, Y = (lat) => ((90 - lat) / 180) * H;
  for (let lon = -180; lon <= 180; lon += 30) s.appendChild(svg("line", { x1: X(lon), y1: 0, x2: X(lon), y2: H, stroke: "#eee" }));
  for (let lat = -90; lat <= 90; lat += 30) s.appendChild(svg("line", { x1: 0, y1: Y(lat), x2: W, y2: Y(lat), stroke: "#eee" }));
  if (!body.items.length) s.appendChild(svg("text", { x: 20, y: 30 }, "No geocoded event locations for these filters."));
  for (const p of body.items) {
    const c = svg("circle", { cx: X(p.lon), cy: Y(p.lat), r: 3 + 2 * Math.sqrt(p.events), class: "q" + (p.quad_class || 1),
      "fill-opacity": 0.7 });
    c.appendChild(svg("title", {}, p.place + (p.country ? " (" + p.country + ")" : "") + ": " + p.events + " events"));
    s.appendChild(c);
  }
}

async function loadQuotes() {
  const p = new URLSearchParams();
  if ($("q-speaker").value.trim()) p.set("speaker", $("q-speaker").value.trim());
  if ($("q-text").value.trim()) p.set("text", $("q-text").value.trim());
  const body = await api("/api/quotes", p, "view-quotes");
  const ul = $("quotes-list"); clear(ul);
  for (const q of body.items) {
    const li = el("li");
    li.appendChild(el("span", (q.speaker_name || q.speaker_text || "unknown speaker") +
      (q.speaker_code ? " [" + q.speaker_code + "]" : ""), "speaker"));
    li.appendChild(el("span", ": "));
    li.appendChild(el("q", q.text));
    li.appendChild(el("div", [q.published, q.source, q.title].filter(Boolean).join(" · "), "hint"));
    ul.appendChild(li);
  }
  if (!body.items.length) ul.appendChild(el("li", "No quotes match."));
}

const loaders = { events: loadEvents, timeline: loadTimeline, network: loadNetwork, map: loadMap, quotes: loadQuotes };
let current = "events";
function show(view) {
  current = view;
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.view === view);
  for (const v of document.querySelectorAll(".view")) v.classList.toggle("active", v.id === "view-" + view);
  $("filters").hidden = view === "quotes";
  run("view-" + view, loaders[view]);
}
for (const t of TYPES) { const o = el("option", t); o.value = t; $("f-type").appendChild(o); }
for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => show(b.dataset.view));
$("apply").addEventListener("click", () => show(current));
$("q-search").addEventListener("click", () => run("view-quotes", loadQuotes));
$("close-article").addEventListener("click", () => { $("article").hidden = true; });
show("events");
