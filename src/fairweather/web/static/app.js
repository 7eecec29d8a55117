// fairweather dashboard: fetch the JSON API, draw tables and plotly charts.
// No inline scripts, no innerHTML with data: every value goes in through textContent.
"use strict";

const $ = (id) => document.getElementById(id);
const PLOT_CONFIG = { displaylogo: false, responsive: true };

function showError(err) {
  const box = $("error");
  if (!err) { box.hidden = true; box.textContent = ""; return; }
  const e = err.error || { message: String(err) };
  let text = e.message;
  if (e.field) text = `${e.field}: ${text}`;
  box.textContent = text;
  box.hidden = false;
}

function status(text) { const s = $("status"); if (s) s.textContent = text || ""; }

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));
    else if (v !== null && v !== undefined && v !== "") qs.append(k, v);
  }
  const url = qs.toString() ? `${path}?${qs}` : path;
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await resp.json().catch(() => ({ error: { message: `HTTP ${resp.status}` } }));
  if (!resp.ok) throw body;
  return body;
}

function safeUrl(v) {
  return typeof v === "string" && /^https?:\/\//i.test(v) ? v : null;
}

function fmt(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1);
  if (Array.isArray(v)) return v.join("; ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function table(el, rows, columns, onRowClick) {
  el.replaceChildren();
  if (!rows || !rows.length) {
    const tr = el.insertRow(); const td = tr.insertCell(); td.textContent = "nothing on this date"; return;
  }
  const cols = columns || Object.keys(rows[0]);
  const head = el.createTHead().insertRow();
  cols.forEach((c) => { const th = document.createElement("th"); th.textContent = c; head.appendChild(th); });
  const body = el.createTBody();
  rows.forEach((r) => {
    const tr = body.insertRow();
    if (onRowClick) { tr.classList.add("clickable"); tr.addEventListener("click", () => onRowClick(r)); }
    cols.forEach((c) => {
      const td = tr.insertCell();
      const url = c === "url" ? safeUrl(r[c]) : null;
      if (url) {
        const a = document.createElement("a"); a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank";
        // the site's name as the link, the whole address on hover: a long address made its column the table's widest
        a.textContent = new URL(url).host; a.title = url; td.appendChild(a);
      } else td.textContent = fmt(r[c]);
    });
  });
}

function plot(el, fig) {
  if (!fig) { el.hidden = true; return; }
  el.hidden = false;
  return Plotly.react(el, fig.data, Object.assign({}, fig.layout, { autosize: true }), PLOT_CONFIG);
}

function lines(text) { return text.split("\n").map((s) => s.trim()).filter(Boolean); }

function fillForm(form) {
  const qs = new URLSearchParams(location.search);
  let any = false;
  for (const el of form.elements) {
    if (!el.name || !qs.has(el.name)) continue;
    el.value = el.name === "assume" ? qs.getAll("assume").join("\n") : qs.get(el.name);
    any = true;
  }
  return any;
}

function remember(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x)); else if (v) qs.set(k, v);
  }
  history.replaceState(null, "", `${location.pathname}?${qs}`);
}

async function loadStates() {
  try {
    const states = await api("/api/states");
    const list = $("state-list");
    if (!list) return;
    states.forEach((s) => { const o = document.createElement("option"); o.value = s.iso3; o.label = s.name; list.appendChild(o); });
  } catch (e) { /* the form still works with typed codes */ }
}

async function loadMeta() {
  const meta = await api("/api/meta");
  const blocs = $("bloc-list");
  if (blocs) Object.keys(meta.blocs || {}).forEach((b) => { const o = document.createElement("option"); o.value = b; blocs.appendChild(o); });
  const g = $("assume-grammar"); if (g) g.textContent = meta.assume_grammar || "";
  $("footer").textContent = `fairweather ${meta.version} · data pack ${meta.pack_hash.slice(0, 12)} · read-only local dashboard`;
  return meta;
}

function bindForm(form, run) {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true; showError(null); status("working…");
    try { await run(); status(""); } catch (e) { showError(e); status(""); } finally { button.disabled = false; }
  });
  if (fillForm(form)) form.requestSubmit();
}

// -- pages -------------------------------------------------------------------------------------
async function scenarioPage() {
  const form = $("scenario-form");
  let last = null;
  const drawContrib = () => {
    const p = $("contrib-partner").value;
    if (last && p) plot($("contrib-chart"), last.charts.contributions[p]);
  };
  $("contrib-partner").addEventListener("change", drawContrib);
  bindForm(form, async () => {
    const params = { target: $("target").value.trim(), attackers: $("attackers").value.trim(), date: $("date").value,
                     partners: $("partners").value.trim(), assume: lines($("assume").value) };
    remember(params);
    const res = await api("/api/forecast", params);
    last = res;
    $("results").hidden = false;
    await plot($("forecast-chart"), res.charts.forecast);
    // a crisis the pack codes: what each partner did stands beside its forecast
    const recorded = (r) => (res.recorded_crisis ? { [`did (${res.recorded_crisis})`]: r.recorded } : {});
    const rows = res.forecast.map((r) => ({ partner: r.partner, name: r.partner_name, "expected level": r.expected_level,
      "80% interval": `${fmt(r.interval_low)}–${fmt(r.interval_high)}`, ...recorded(r), "most likely": r.most_likely_level,
      "P(≥1 verbal)": r.p_ge_1, "P(≥3 material)": r.p_ge_3, "P(≥4 arms/troops)": r.p_ge_4, reasons: r.reasons }));
    rows.sort((a, b) => b["expected level"] - a["expected level"]);
    table($("forecast-table"), rows);
    $("whatif").hidden = !res.compare;
    if (res.compare) { await plot($("whatif-chart"), res.charts.whatif); table($("compare-table"), res.compare); }
    const sel = $("contrib-partner"); sel.replaceChildren();
    Object.keys(res.charts.contributions).forEach((p) => { const o = document.createElement("option"); o.value = p; o.textContent = p; sel.appendChild(o); });
    drawContrib();
    // the source link beside the fact it backs, not past the table's right edge
    const prov = res.provenance.length ? Object.keys(res.provenance[0]) : [];
    const at = prov.indexOf("value") + 1;
    const provCols = prov.includes("url") && at > 0
      ? [...prov.slice(0, at).filter((c) => c !== "url"), "url", ...prov.slice(at).filter((c) => c !== "url")] : null;
    table($("provenance-table"), res.provenance, provCols);
    status(`${res.forecast.length} partners · ${res.provenance.length} sourced facts`);
  });
}

async function cohesionPage() {
  bindForm($("cohesion-form"), async () => {
    const params = { bloc: $("bloc").value.trim(), from: $("from").value, to: $("to").value, compare: $("compare").value.trim() };
    remember(params);
    const res = await api("/api/cohesion", params);
    $("results").hidden = false;
    const reading = $("reading"); reading.replaceChildren();
    (res.reading || []).forEach((line) => { const li = document.createElement("li"); li.textContent = line; reading.appendChild(li); });
    await plot($("cohesion-chart"), res.charts.cohesion);
    await plot($("compare-chart"), res.charts.compare);
    table($("weights-table"), Object.entries(res.weights || {}).map(([metric, weight]) => ({ metric, weight })));
    table($("cohesion-table"), res.rows);
  });
}

async function networkPage() {
  bindForm($("network-form"), async () => {
    const params = { bloc: $("bloc").value.trim(), year: $("year").value };
    remember(params);
    const res = await api("/api/network", params);
    $("results").hidden = false;
    await plot($("network-chart"), res.chart);
    const net = res.network || {};
    table($("edges-table"), net.links || net.edges || [],
          ["source", "target", "kind", "label", "valid_from", "valid_to", "citation", "url"]);
  });
}

async function dataPage() {
  bindForm($("profile-form"), async () => {
    const params = { state: $("state").value.trim(), as_of: $("as_of").value };
    remember(params);
    const res = await api("/api/profile", params);
    $("profile").hidden = false;
    $("profile-title").textContent = `${res.name} (${res.state}) as of ${res.as_of}`;
    table($("commitments-table"), res.sections.commitments);
    table($("ties-table"), res.sections.ties);
    table($("facts-table"), res.sections.facts);
  });
  const crises = await api("/api/crises");
  const cols = ["crisis_id", "name", "start_date", "target", "attackers", "kind", "evaluation"];
  table($("crises-table"), crises, cols, async (c) => {
    try {
      showError(null);
      const res = await api(`/api/crises/${encodeURIComponent(c.crisis_id)}`);
      $("crisis-title").textContent = `${res.crisis.name} (${res.crisis.start_date}): responses`;
      table($("responses-table"), res.responses);
    } catch (e) { showError(e); }
  });
}

async function saydoPage() {
  bindForm($("saydo-form"), async () => {
    const params = { target: $("target").value.trim(), attackers: $("attackers").value.trim(), from: $("from").value,
                     to: $("to").value, partners: $("partners").value.trim() };
    remember(params);
    const res = await api("/api/saydo", params);
    $("results").hidden = false;
    $("saydo-summary").textContent = res.summary;
    await plot($("saydo-chart"), res.chart);
    table($("saydo-table"), res.rows, ["partner", "events", "verbal_support", "material_support", "saydo_ratio",
                                       "verbal_hostility", "material_hostility"]);
  });
}

const PAGES = { scenario: scenarioPage, cohesion: cohesionPage, network: networkPage, data: dataPage, saydo: saydoPage };

document.addEventListener("DOMContentLoaded", async () => {
  // Bind the page first, so a form is never submitted before its handler exists.
  const page = PAGES[document.body.dataset.page];
  const running = page ? page().catch(showError) : Promise.resolve();
  document.body.dataset.ready = "1";
  loadStates();
  loadMeta().catch(showError);
  await running;
});
