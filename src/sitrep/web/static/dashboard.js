// sitrep dashboard: map, timeline, event list, actor network, article view and a box to code an article.
// Everything comes from this server (/api/..., /static/...). Text from articles is only ever placed
// with textContent / createTextNode, never parsed as HTML, so markup inside an article stays inert.

const SVG = "http://www.w3.org/2000/svg";
const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const COLOURS = {
  AGREE: "#1f78b4", CONSULT: "#4a9fd8", SUPPORT: "#2e86ab", CONCEDE: "#72b7d9", COOPERATE: "#1b9e77",
  AID: "#33a02c", RETREAT: "#8fbc5a", REQUEST: "#7570b3", ACCUSE: "#d4a017", REJECT: "#e6ab02",
  THREATEN: "#e67e22", PROTEST: "#b15928", SANCTION: "#a6761d", MOBILIZE: "#d95f02", COERCE: "#e7298a",
  ASSAULT: "#c0392b",
};

const state = { filters: {}, cursor: null, selected: null, countries: [], view: [-180, -90, 360, 180] };

// -- small helpers ----------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function query(extra = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filters, ...extra })) {
    if (v !== "" && v !== null && v !== undefined) params.set(k, v);
  }
  return params.toString();
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let message = response.statusText;
    try { const body = await response.json(); message = body.error || body.detail || message; } catch (e) { /* keep status */ }
    throw new Error(typeof message === "string" ? message : JSON.stringify(message));
  }
  return response.json();
}

const actorName = (a) => (a && a.name) || "–";
const fmt = (n) => (n === null || n === undefined ? "" : Number(n).toLocaleString("en"));

function deathsOf(event) {
  const f = event.fatalities;
  if (!f) return "";
  const lo = f.min, hi = f.max;
  let text = lo !== null && lo !== undefined ? String(lo) : "";
  if (hi !== null && hi !== undefined && hi !== lo) text += (text ? "–" : "≤") + hi;
  else if ((hi === null || hi === undefined) && text) text += "+";
  return text + (f.cumulative ? " (total)" : "");
}

function badge(type) {
  const b = el("span", { class: "type-badge" }, type);
  b.style.setProperty("--c", COLOURS[type] || "#777");
  return b;
}

// -- filters --------------------------------------------------------------------------------------

function readFilters() {
  const form = document.getElementById("filters");
  const data = new FormData(form);
  const filters = {};
  for (const [k, v] of data.entries()) if (String(v).trim()) filters[k] = String(v).trim();
  return filters;
}

function setupFilters(stats) {
  const typeSelect = document.getElementById("f-type");
  for (const t of TYPES) typeSelect.append(el("option", { value: t }, t));
  const names = Object.fromEntries(state.countries.filter((c) => c.iso3).map((c) => [c.iso3, c.name]));
  const countrySelect = document.getElementById("f-country");
  for (const [code, n] of Object.entries(stats.by_country)) {
    countrySelect.append(el("option", { value: code }, `${names[code] || code} (${n})`));
  }
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => { e.preventDefault(); state.filters = readFilters(); refresh(); });
  form.addEventListener("reset", () => { setTimeout(() => { state.filters = {}; refresh(); }, 0); });
}

// -- map ------------------------------------------------------------------------------------------

function ringPath(ring) {
  let d = "";
  for (let i = 0; i < ring.length; i++) d += (i ? "L" : "M") + ring[i][0] + "," + (-ring[i][1]);
  return d + "Z";
}

function drawBasemap() {
  const map = document.getElementById("map");
  const land = svg("g", { id: "land" });
  for (const c of state.countries) {
    let d = "";
    for (const polygon of c.polygons) for (const ring of polygon) d += ringPath(ring);
    land.append(svg("path", { d, class: "country", "data-iso3": c.iso3 || "" }, svg("title", {}, c.name)));
  }
  map.append(land, svg("g", { id: "dots" }));
  setView(state.view);
  enablePanZoom(map);
  const legend = document.getElementById("legend");
  for (const t of TYPES) {
    const s = el("span", {}, t);
    s.style.setProperty("--c", COLOURS[t]);
    legend.append(s);
  }
}

function setView(view) {
  const [x, y, w, h] = view;
  const width = Math.min(360, Math.max(0.5, w));
  const height = Math.min(180, Math.max(0.25, h));
  state.view = [Math.max(-180 - width / 2, Math.min(180 - width / 2, x)), Math.max(-90 - height / 2, Math.min(90 - height / 2, y)), width, height];
  document.getElementById("map").setAttribute("viewBox", state.view.join(" "));
}

function unitsPerPixel() {
  const map = document.getElementById("map");
  const box = map.getBoundingClientRect();
  const [, , w, h] = state.view;
  return Math.max(w / Math.max(1, box.width), h / Math.max(1, box.height));
}

function zoom(factor, cx, cy) {
  const [x, y, w, h] = state.view;
  if (cx === undefined) { cx = x + w / 2; cy = y + h / 2; }
  setView([cx - (cx - x) * factor, cy - (cy - y) * factor, w * factor, h * factor]);
  drawDots();
}

function enablePanZoom(map) {
  let drag = null;
  map.addEventListener("wheel", (e) => {
    e.preventDefault();
    const pt = toMap(map, e.clientX, e.clientY);
    zoom(e.deltaY > 0 ? 1.25 : 0.8, pt[0], pt[1]);
  }, { passive: false });
  map.addEventListener("pointerdown", (e) => {
    if (e.target.classList.contains("dot")) return;
    drag = { x: e.clientX, y: e.clientY, view: [...state.view] };
  });
  window.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const upp = unitsPerPixel();
    setView([drag.view[0] - (e.clientX - drag.x) * upp, drag.view[1] - (e.clientY - drag.y) * upp, drag.view[2], drag.view[3]]);
  });
  window.addEventListener("pointerup", () => { if (drag) { drag = null; drawDots(); } });
  document.getElementById("zoom-in").addEventListener("click", () => zoom(0.6));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(1.6));
  document.getElementById("zoom-fit").addEventListener("click", () => { fitToPoints(); drawDots(); });
}

function toMap(map, clientX, clientY) {
  const pt = map.createSVGPoint();
  pt.x = clientX; pt.y = clientY;
  const p = pt.matrixTransform(map.getScreenCTM().inverse());
  return [p.x, p.y];
}

function fitToPoints() {
  const pts = state.points || [];
  if (!pts.length) { setView([-180, -90, 360, 180]); return; }
  let [x0, x1, y0, y1] = [180, -180, 90, -90];
  for (const p of pts) { x0 = Math.min(x0, p.lon); x1 = Math.max(x1, p.lon); y0 = Math.min(y0, -p.lat); y1 = Math.max(y1, -p.lat); }
  const pad = Math.max(3, (x1 - x0) * 0.15, (y1 - y0) * 0.15);
  setView([x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad]);
}

// Group points lying within one grid cell of ~44 screen pixels at the current zoom.
function clusters(points) {
  const cell = 44 * unitsPerPixel();
  const cells = new Map();
  for (const p of points) {
    const key = Math.floor(p.lon / cell) + ":" + Math.floor(-p.lat / cell);
    let c = cells.get(key);
    if (!c) { c = { points: [], x: 0, y: 0, deaths: 0, types: {} }; cells.set(key, c); }
    c.points.push(p);
    c.x += p.lon; c.y += -p.lat;
    if (p.deaths && !p.cumulative) c.deaths += p.deaths;
    c.types[p.type] = (c.types[p.type] || 0) + 1;
  }
  return [...cells.values()].map((c) => {
    c.x /= c.points.length; c.y /= c.points.length;
    c.type = Object.entries(c.types).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    return c;
  });
}

function drawDots() {
  const layer = document.getElementById("dots");
  if (!layer) return;
  layer.replaceChildren();
  const upp = unitsPerPixel();
  for (const c of clusters(state.points || [])) {
    const radius = Math.min(30, 5 + 2.2 * Math.sqrt(c.points.length - 1) + 1.6 * Math.sqrt(c.deaths)) * upp;
    const ids = c.points.map((p) => p.id);
    const title = c.points.length === 1
      ? `${c.points[0].type} · ${c.points[0].place || ""} · ${c.points[0].date || "undated"}${c.deaths ? " · " + c.deaths + " dead" : ""}`
      : `${c.points.length} events (mostly ${c.type})${c.deaths ? " · " + c.deaths + " dead" : ""}`;
    const dot = svg("circle", {
      class: "dot" + (state.selected && ids.includes(state.selected) ? " selected" : ""), cx: c.x, cy: c.y, r: radius,
      fill: COLOURS[c.type] || "#777", "data-count": c.points.length, "data-type": c.type,
      onclick: (e) => { e.stopPropagation(); clickCluster(c); },
    }, svg("title", {}, title));
    layer.append(dot);
    if (c.points.length > 1) {
      layer.append(svg("text", { class: "dot-label", x: c.x, y: c.y, "font-size": 10 * upp }, c.points.length));
    }
  }
}

async function clickCluster(c) {
  const ids = c.points.map((p) => p.id);
  if (ids.length > 1) {
    const list = document.querySelector("#events tbody");
    list.replaceChildren();
    document.getElementById("list-count").textContent = `${ids.length} events at this spot`;
    document.getElementById("more").hidden = true;
    for (const id of ids.slice(0, 200)) {
      const p = c.points.find((q) => q.id === id);
      list.append(el("tr", { "data-id": id, onclick: () => selectEvent(id) },
        el("td", {}, p.date || "?"), el("td", {}, badge(p.type)), el("td", {}, `${p.actor1 || "–"} → ${p.actor2 || "–"}`), el("td", {}, p.place || ""),
        el("td", {}, p.deaths ? String(p.deaths) : "")));
    }
  }
  await selectEvent(ids[0]);
}

// -- list -----------------------------------------------------------------------------------------

function eventRow(event) {
  return el("tr", { "data-id": event.id, onclick: () => selectEvent(event.id) },
    el("td", {}, (event.date && event.date.start) || "?"),
    el("td", {}, badge(event.type)),
    el("td", {}, `${actorName(event.actor1)} → ${actorName(event.actor2)}`),
    el("td", {}, (event.location && event.location.name) || ""),
    el("td", {}, deathsOf(event)));
}

async function loadList(append = false) {
  const body = document.querySelector("#events tbody");
  const page = await getJSON("/api/events?" + query({ limit: 100, cursor: append ? state.cursor : null }));
  if (!append) body.replaceChildren();
  for (const e of page.events) body.append(eventRow(e));
  state.cursor = page.next;
  document.getElementById("more").hidden = !page.next;
  document.getElementById("list-count").textContent = `${body.children.length}${page.next ? "+" : ""} shown`;
}

// -- timeline -------------------------------------------------------------------------------------

function binOf(date, unit) {
  if (unit === "day") return date;
  if (unit === "month") return date.slice(0, 7);
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); // the Monday of its week
  return d.toISOString().slice(0, 10);
}

function drawTimeline(timeline) {
  const chart = document.getElementById("timeline");
  chart.replaceChildren();
  const width = Math.max(300, chart.getBoundingClientRect().width || 600), height = 170, pad = 24;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!timeline.length) { chart.append(svg("text", { x: 10, y: 20 }, "no dated events")); return; }
  const first = new Date(timeline[0].date + "T00:00:00Z"), last = new Date(timeline[timeline.length - 1].date + "T00:00:00Z");
  const days = (last - first) / 86400000;
  const unit = days <= 120 ? "day" : days <= 900 ? "week" : "month";
  const bins = new Map();
  for (const t of timeline) {
    const key = binOf(t.date, unit);
    const b = bins.get(key) || { key, events: 0, deaths: 0, from: t.date, to: t.date };
    b.events += t.events; b.deaths += t.deaths; b.to = t.date;
    bins.set(key, b);
  }
  let list = [...bins.values()].sort((a, b) => a.key.localeCompare(b.key));
  // Fill the empty periods so that the x axis is time, as long as that stays readable.
  const keys = [];
  for (let d = new Date(list[0].key.length === 7 ? list[0].key + "-01T00:00:00Z" : list[0].key + "T00:00:00Z");
    keys.length <= 400; ) {
    const key = unit === "month" ? d.toISOString().slice(0, 7) : d.toISOString().slice(0, 10);
    if (key > list[list.length - 1].key) break;
    keys.push(key);
    if (unit === "month") d.setUTCMonth(d.getUTCMonth() + 1); else d.setUTCDate(d.getUTCDate() + (unit === "week" ? 7 : 1));
  }
  if (keys.length <= 400) {
    list = keys.map((key) => bins.get(key) || { key, events: 0, deaths: 0,
      from: key.length === 7 ? key + "-01" : key, to: key.length === 7 ? key + "-28" : key });
  }
  const maxE = Math.max(...list.map((b) => b.events)), maxD = Math.max(1, ...list.map((b) => b.deaths));
  const step = (width - 2 * pad) / list.length;
  const y = (v, max) => height - pad - (v / max) * (height - 2 * pad);
  chart.append(svg("line", { class: "axis", x1: pad, x2: width - pad, y1: height - pad, y2: height - pad }));
  let line = "";
  list.forEach((b, i) => {
    const x = pad + i * step;
    if (b.events) chart.append(svg("rect", {
      class: "bar", x: x + step * 0.1, width: Math.max(1, step * 0.8), y: y(b.events, maxE), height: height - pad - y(b.events, maxE),
      "data-from": b.from, "data-to": b.to,
      onclick: () => { setDates(b.from, b.to); },
    }, svg("title", {}, `${b.key}: ${b.events} events, ${b.deaths} dead`)));
    line += (i ? "L" : "M") + (x + step / 2) + "," + y(b.deaths, maxD);
  });
  chart.append(svg("path", { class: "deaths", d: line }));
  chart.append(svg("text", { x: pad, y: height - 6 }, list[0].key));
  chart.append(svg("text", { x: width - pad, y: height - 6, "text-anchor": "end" }, list[list.length - 1].key));
  chart.append(svg("text", { x: pad, y: 12 }, `max ${maxE} events / ${unit}; deaths up to ${maxD}`));
}

function setDates(from, to) {
  document.getElementById("f-since").value = from;
  document.getElementById("f-until").value = to;
  state.filters = readFilters();
  refresh();
}

// -- network --------------------------------------------------------------------------------------

function drawNetwork(net) {
  const chart = document.getElementById("network");
  chart.replaceChildren();
  const width = Math.max(300, chart.getBoundingClientRect().width || 600), height = 420;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const nodes = net.nodes.slice(0, 40).map((n, i, all) => ({ ...n,
    x: width / 2 + Math.cos((2 * Math.PI * i) / all.length) * width * 0.35,
    y: height / 2 + Math.sin((2 * Math.PI * i) / all.length) * height * 0.35 }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = net.edges.filter((e) => byId.has(e.source) && byId.has(e.target));
  if (!nodes.length) { chart.append(svg("text", { x: 10, y: 20 }, "no events between two actors")); return; }
  // A few hundred steps of a spring layout: linked actors pull together, all push apart.
  const k = Math.sqrt((width * height) / nodes.length) * 0.45;
  for (let step = 0; step < 300; step++) {
    const t = 8 * (1 - step / 300) + 0.5;
    for (const a of nodes) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = a.x - b.x, dy = a.y - b.y; const d = Math.max(1, Math.hypot(dx, dy));
      const f = (k * k) / d; dx /= d; dy /= d;
      a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
    }
    for (const e of edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      let dx = a.x - b.x, dy = a.y - b.y; const d = Math.max(1, Math.hypot(dx, dy));
      const f = (d * d) / k; dx /= d; dy /= d;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    for (const a of nodes) {
      a.dx += (width / 2 - a.x) * 0.05 * k / 10; a.dy += (height / 2 - a.y) * 0.05 * k / 10; // gravity
      const d = Math.max(1, Math.hypot(a.dx, a.dy));
      a.x = Math.min(width - 30, Math.max(30, a.x + (a.dx / d) * Math.min(d, t)));
      a.y = Math.min(height - 15, Math.max(15, a.y + (a.dy / d) * Math.min(d, t)));
    }
  }
  const g = svg("g");
  for (const e of edges) {
    const a = byId.get(e.source), b = byId.get(e.target);
    const bend = e.kind === "conflict" ? 0.12 : -0.12; // the two kinds curve apart between one pair
    const mx = (a.x + b.x) / 2 - (b.y - a.y) * bend, my = (a.y + b.y) / 2 + (b.x - a.x) * bend;
    g.append(svg("path", { class: "edge " + e.kind, d: `M${a.x},${a.y}Q${mx},${my} ${b.x},${b.y}`,
      "stroke-width": 1 + Math.log2(e.events) },
    svg("title", {}, `${e.source} → ${e.target}: ${e.events} ${e.kind} (${Object.entries(e.types).map(([t, n]) => t + " " + n).join(", ")})`)));
  }
  for (const n of nodes) {
    g.append(svg("g", { class: "node", transform: `translate(${n.x},${n.y})`, "data-actor": n.id,
      onclick: () => { document.getElementById("f-actor").value = n.id; state.filters = readFilters(); refresh(); } },
    svg("circle", { r: 3 + Math.sqrt(n.events) }), svg("text", { x: 6, y: 3 }, n.id),
    svg("title", {}, `${n.id}${n.country ? " (" + n.country + ")" : ""}: ${n.events} events`)));
  }
  chart.append(g);
}

// -- article view ---------------------------------------------------------------------------------

// Render `text` into `node` with marks: [{start, end, cls}] (overlaps allowed), as text nodes only.
function renderMarked(node, text, marks) {
  node.replaceChildren();
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(text.length, m.start))); cuts.add(Math.max(0, Math.min(text.length, m.end))); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const piece = text.slice(a, b);
    const classes = [...new Set(marks.filter((m) => m.start <= a && m.end >= b).map((m) => m.cls))];
    if (!classes.length) node.append(document.createTextNode(piece));
    else {
      let inner = document.createTextNode(piece);
      for (const cls of classes.sort()) { const m = el("mark", { class: cls }); m.append(inner); inner = m; }
      node.append(inner);
    }
  }
}

// Where a field was read from: its own span, else its words found inside the evidence sentence,
// else anywhere in the article. `texts` maps a span's field ("text", "title", "caption:0") to its text.
function fieldSpan(value, texts, evidence) {
  if (!value) return null;
  if (Number.isInteger(value.start) && Number.isInteger(value.end) && value.end > value.start) {
    return { start: value.start, end: value.end, field: value.field || "text" };
  }
  const words = value.text;
  if (!words) return null;
  for (const ev of evidence || []) {
    const field = ev.field || "text";
    const at = (texts[field] || "").slice(ev.start, ev.end).indexOf(words);
    if (at >= 0) return { start: ev.start + at, end: ev.start + at + words.length, field };
  }
  for (const [field, text] of Object.entries(texts)) {
    const at = (text || "").indexOf(words);
    if (at >= 0) return { start: at, end: at + words.length, field };
  }
  return null;
}

function describe(name, value, event) {
  if (!value) return null;
  switch (name) {
    case "trigger": return value.text;
    case "actor1": case "actor2":
      return `${value.name}${value.country ? " (" + value.country + ")" : ""}${value.sector ? " " + value.sector : ""} — “${value.text}”`;
    case "location": return `${value.name}${value.admin1 ? ", " + value.admin1 : ""}${value.country ? ", " + value.country : ""} (${value.precision})`;
    case "date": return `${value.start || "?"}${value.end && value.end !== value.start ? " – " + value.end : ""} (${value.precision})${value.text ? " — “" + value.text + "”" : ""}`;
    case "fatalities": return `${deathsOf(event)} — “${value.text}”`;
    case "reported_by": return `${value.name} — “${value.text}”`;
    default: return String(value);
  }
}

// Scroll the article box (not the page) so that `mark` sits in its upper third.
function reveal(box, mark) {
  if (!box || !mark) return;
  box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);  // .article is the offset parent
}

function showArticle(container, coded, event, sources) {
  const art = coded.article;
  container.replaceChildren();
  const marks = { text: [], title: [] };
  const evidence = event ? event.evidence || [] : [];
  const texts = { text: art.text || "", title: art.title || "" };
  (art.captions || []).forEach((c, i) => { texts["caption:" + i] = c; });
  for (const ev of evidence) (marks[ev.field || "text"] = marks[ev.field || "text"] || []).push({ start: ev.start, end: ev.end, cls: "evidence" });

  const title = el("h3", { class: "title" });
  const body = el("div", { class: "body", "data-field": "text" });
  const captions = el("div", { class: "captions" });
  const paint = (active) => {
    const all = { ...marks };
    for (const key of Object.keys(all)) all[key] = [...all[key]];
    if (active) (all[active.field] = all[active.field] || []).push({ start: active.start, end: active.end, cls: "field" });
    renderMarked(title, art.title || "(no title)", all.title || []);
    renderMarked(body, art.text || "", all.text || []);
    captions.replaceChildren();
    (art.captions || []).forEach((c, i) => {
      const p = el("p");
      renderMarked(p, c, all["caption:" + i] || []);
      captions.append(p);
    });
  };

  if (event) {
    const head = el("p", {}, badge(event.type), " ", event.mode ? `mode ${event.mode} · ` : "",
      event.cameo ? `CAMEO ${event.cameo} · ` : "", event.acled ? `ACLED ${event.acled.sub_event_type} · ` : "",
      `status ${event.status} · confidence ${event.confidence}`);
    const fields = el("dl", { class: "fields" });
    for (const name of ["trigger", "actor1", "actor2", "location", "date", "fatalities", "reported_by"]) {
      const value = event[name];
      const label = describe(name, value, event);
      if (!label) continue;
      const span = fieldSpan(value, texts, evidence);
      const button = el("button", { type: "button", class: "field", "data-field": name }, label);
      button.addEventListener("click", () => {
        for (const b of fields.querySelectorAll("button.field")) b.classList.remove("active");
        button.classList.add("active");
        paint(span);
        reveal(container.querySelector(".article"), container.querySelector("mark.field"));
      });
      if (!span) button.disabled = true;
      fields.append(el("dt", {}, name.replace("_", " ")), el("dd", {}, button));
    }
    container.append(head, fields);
    if (sources && sources.length) {
      container.append(el("h4", {}, `Sources (${sources.length})`), el("ul", { class: "sources" }, sources.map((s) =>
        el("li", {}, s.article.title || s.article.id, s.article.outlet ? " — " + s.article.outlet : "",
          s.article.published ? ", " + s.article.published : "",
          s.reported_by ? ` (says ${s.reported_by.name})` : "",
          s.article.url && /^https?:\/\//.test(s.article.url) ? [" ", el("a", { href: s.article.url, rel: "noopener noreferrer", target: "_blank" }, "link")] : ""))));
    }
  }
  const meta = el("p", { class: "meta" }, [art.outlet, art.published, art.id].filter(Boolean).join(" · "));
  container.append(el("div", { class: "article" }, title, meta, body, captions));
  paint(null);
  reveal(container.querySelector(".article"), container.querySelector("mark.evidence"));
}

async function selectEvent(id) {
  state.selected = id;
  document.body.dataset.selected = id;
  for (const row of document.querySelectorAll("#events tbody tr")) row.classList.toggle("selected", row.dataset.id === id);
  drawDots();
  const detail = document.getElementById("detail");
  detail.replaceChildren(el("p", { class: "hint" }, "loading…"));
  try {
    const found = await getJSON("/api/events/" + encodeURIComponent(id));
    const coded = await getJSON("/api/articles/" + encodeURIComponent(found.sources[0].article.id));
    const event = coded.events.find((e) => e.id === id) || found.event;
    showArticle(detail, coded, event, found.sources);
  } catch (error) {
    detail.replaceChildren(el("p", { class: "error" }, "Could not load the event: " + error.message));
  }
}

// -- paste box ------------------------------------------------------------------------------------

async function codePasted(e) {
  e.preventDefault();
  const text = document.getElementById("code-text").value;
  const published = document.getElementById("code-published").value;
  const status = document.getElementById("code-status");
  const result = document.getElementById("code-result");
  if (!text.trim()) { status.textContent = "paste an article first"; return; }
  status.textContent = "coding…";
  result.replaceChildren();
  try {
    const response = await fetch("/api/code", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(published ? { text, published } : { text }) });
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || body.error || response.statusText);
    status.textContent = `${body.events.length} events`;
    const rows = body.events.map((ev) => el("tr", { "data-id": ev.id, onclick: () => showArticle(view, body, ev, null) },
      el("td", {}, badge(ev.type)), el("td", {}, `${actorName(ev.actor1)} → ${actorName(ev.actor2)}`),
      el("td", {}, (ev.location && ev.location.name) || ""), el("td", {}, (ev.date && ev.date.start) || ""), el("td", {}, deathsOf(ev))));
    const view = el("div", { class: "coded-article" });
    result.append(el("table", { class: "coded-events" }, el("tbody", {}, rows)), view);
    showArticle(view, body, body.events[0] || null, null);
  } catch (error) {
    status.textContent = "";
    result.append(el("p", { class: "error" }, "Could not code it: " + error.message));
  }
}

// -- everything together --------------------------------------------------------------------------

async function refresh() {
  const totals = document.getElementById("totals");
  document.body.dataset.state = "loading";
  try {
    const [stats, points, net] = await Promise.all([
      getJSON("/api/stats?" + query()), getJSON("/api/points?" + query({ limit: 5000 })), getJSON("/api/network?" + query({ top: 120 }))]);
    totals.textContent = `${fmt(stats.events)} events from ${fmt(stats.articles)} articles · ${fmt(stats.deaths)} reported dead in incidents`
      + (stats.largest_running_toll ? ` · largest running toll ${fmt(stats.largest_running_toll)}` : "")
      + ` · store: ${fmt(stats.store.articles)} articles, ${fmt(stats.store.events)} events`;
    state.points = points.points;
    document.getElementById("map-count").textContent = `${points.points.length} located events`;
    const focus = state.filters.country;
    for (const p of document.querySelectorAll("#land path")) p.classList.toggle("focus", !!focus && p.dataset.iso3 === focus);
    fitToPoints();
    drawDots();
    drawTimeline(stats.timeline);
    drawNetwork(net);
    await loadList(false);
  } catch (error) {
    totals.textContent = "Error: " + error.message;
  }
  document.body.dataset.state = "ready";
}

async function start() {
  const [basemap, stats] = await Promise.all([getJSON("/static/basemap/countries.json"), getJSON("/api/stats")]);
  state.countries = basemap.countries;
  drawBasemap();
  setupFilters(stats);
  document.getElementById("more").addEventListener("click", () => loadList(true));
  document.getElementById("code-form").addEventListener("submit", codePasted);
  await refresh();
}

start();
