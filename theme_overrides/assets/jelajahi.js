// Jelajahi: free text + facets over the Pagefind index, with the state in the URL.
// Everything the page shows is written with textContent: no HTML from the index is trusted.

const ROOT = new URL("../", import.meta.url); // this file lives in <site>/assets/
const PER_PAGE = 10;
const TOP_VALUES = 8;

const $ = (id) => document.getElementById(id);
const config = JSON.parse($("ki-konfigurasi").textContent);
const FACETS = config.facets; // [[key, label], ...]
const SHARDS = config.shards; // [[name, folder under pagefind/ ("" for the primary, the newest)], ...] in date order
const el = {
  root: $("ki-jelajahi"), form: $("ki-form"), q: $("ki-q"), sort: $("ki-urut"),
  details: $("ki-saring"), facets: $("ki-facet"), clear: $("ki-hapus"), status: $("ki-status"),
  others: $("ki-halaman-lain"), results: $("ki-hasil"), paging: $("ki-paging"), active: $("ki-aktif"),
};
const expanded = new Set(); // facets showing all their values
// Facet data for every facet costs about 2 bytes per innovation per facet, so it is fetched only
// once the filter panel is open (at once on wide screens; on phones when "Saring hasil" is opened).
let facetsLoaded = false;
let pagefind = null;
let generation = 0; // renders of an older state are dropped

function make(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") node.textContent = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter(Boolean));
  return node;
}

// --- state <-> URL ---------------------------------------------------------
function readState() {
  const p = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FACETS) {
    const values = p.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  const page = Math.max(1, parseInt(p.get("hal") || "1", 10) || 1);
  return { q: p.get("q") || "", sort: p.get("urut") || "", page, filters };
}

function writeState(state, push) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  if (state.sort) p.set("urut", state.sort);
  for (const [key] of FACETS) for (const v of state.filters[key] || []) p.append(key, v);
  if (state.page > 1) p.set("hal", String(state.page));
  const url = location.pathname + (p.size ? "?" + p.toString() : "");
  if (url === location.pathname + location.search) return;
  (push ? history.pushState : history.replaceState).call(history, null, "", url);
}

// --- searching ---------------------------------------------------------------
function pagefindFilters(filters, except) {
  const out = { halaman: { none: config.kinds } }; // innovations only, not region/area pages
  for (const [key, values] of Object.entries(filters)) {
    if (key !== except && values.length) out[key] = { any: values };
  }
  return out;
}

function sortFor(state, term) {
  if (state.sort === "terlama") return { tahun: "asc" };
  if (state.sort === "terbaru" || !term) return { tahun: "desc" };
  return undefined; // relevance
}

async function runSearch(state) {
  const term = state.q.trim() || null;
  const options = { filters: pagefindFilters(state.filters) };
  const sort = sortFor(state, term);
  if (sort) options.sort = sort;
  const main = await pagefind.search(term, options);
  // Counts inside a facet ignore that facet's own selection (values combine with OR).
  const counts = {};
  for (const [key] of FACETS) {
    if (!facetsLoaded && !state.filters[key]?.length) { counts[key] = {}; continue; }
    if (state.filters[key]?.length) {
      const other = await pagefind.search(term, { filters: pagefindFilters(state.filters, key) });
      counts[key] = other.filters[key] || {};
    } else {
      counts[key] = main.filters[key] || {};
    }
  }
  let others = [];
  if (term) {
    const found = await pagefind.search(term, { filters: { halaman: { any: config.kinds } } });
    others = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
  }
  // A page past the end (an old or edited link, ?hal=99) shows the last page instead of nothing.
  const last = Math.max(1, Math.ceil(main.results.length / PER_PAGE));
  const clamped = state.page > last;
  if (clamped) state.page = last;
  const start = (state.page - 1) * PER_PAGE;
  const shown = sort ? await sortedSlice(term, options, main, start, PER_PAGE) : main.results.slice(start, start + PER_PAGE);
  const page = await Promise.all(shown.map((r) => r.data()));
  return { total: main.results.length, counts, others, page, start, clamped };
}

// The innovations are indexed in shards by date (pagefind/bagian-*/). Pagefind merges shards by score, and
// for a sorted search the score is the position inside each shard, so the exact order is shard after shard
// in date order, each in its own order; the synthetic "bagian" filter counts each shard's results.
async function sortedSlice(term, options, main, start, count) {
  if (SHARDS.length < 2) return main.results.slice(start, start + count);
  // The primary bundle (folder "") has no synthetic filter: its results are the ones in no merged shard.
  const merged = SHARDS.filter(([, folder]) => folder).map(([name]) => name);
  const perShard = { ...(main.filters.bagian || {}) };
  const primary = SHARDS.find(([, folder]) => !folder)[0];
  perShard[primary] = main.results.length - merged.reduce((sum, name) => sum + (perShard[name] || 0), 0);
  const order = options.sort.tahun === "asc" ? SHARDS : [...SHARDS].reverse();
  const out = [];
  let offset = 0;
  for (const [name] of order) {
    const n = perShard[name] || 0;
    if (n && offset + n > start) {
      const only = name === primary ? { none: merged } : { any: [name] };
      const part = await pagefind.search(term, { ...options, filters: { ...options.filters, bagian: only } });
      out.push(...part.results.slice(Math.max(0, start - offset), start + count - offset));
    }
    offset += n;
    if (offset >= start + count) break;
  }
  return out;
}

// --- rendering ---------------------------------------------------------------
function orderedValues(key, counts, selected) {
  const values = new Set([...Object.keys(counts).filter((v) => counts[v] > 0), ...selected]);
  const fixed = config.order[key];
  const list = [...values];
  if (key === "tahun") return list.sort((a, b) => b.localeCompare(a));
  if (fixed) return list.sort((a, b) => (fixed.indexOf(a) + 1 || 99) - (fixed.indexOf(b) + 1 || 99));
  return list.sort((a, b) => (counts[b] || 0) - (counts[a] || 0) || a.localeCompare(b, "id"));
}

function renderFacets(state, counts) {
  if (!facetsLoaded && el.details.open) {
    el.facets.replaceChildren(make("p", { class: "ki-facet__memuat", text: "Memuat saringan…" }));
    return;
  }
  const focused = document.activeElement?.dataset?.facet
    ? [document.activeElement.dataset.facet, document.activeElement.dataset.value] : null;
  el.facets.replaceChildren();
  FACETS.forEach(([key, label], f) => {
    const selected = state.filters[key] || [];
    const values = orderedValues(key, counts[key], selected);
    if (!values.length) return;
    const shown = expanded.has(key) ? values : values.slice(0, TOP_VALUES);
    const set = make("fieldset", { class: "ki-facet" }, make("legend", { text: label }));
    shown.forEach((value, i) => {
      const id = `ki-f${f}-${i}`;
      const box = make("input", { type: "checkbox", id, checked: selected.includes(value),
                                  dataset: { facet: key, value } });
      const count = counts[key][value] || 0;
      set.append(make("div", { class: "ki-facet__nilai" }, box,
        make("label", { for: id }, make("span", { text: value }),
             // the unit is for screen readers (an aria-label on a plain span is not announced)
             make("span", { class: "ki-facet__jumlah", text: String(count) }),
             make("span", { class: "ki-visually-hidden", text: " inovasi" }))));
    });
    if (values.length > TOP_VALUES) {
      const more = expanded.has(key);
      set.append(make("button", { type: "button", class: "ki-facet__lagi", dataset: { expand: key },
        "aria-expanded": String(more), text: more ? "Tampilkan lebih sedikit" : `Tampilkan semua (${values.length})` }));
    }
    el.facets.append(set);
  });
  el.clear.hidden = !Object.keys(state.filters).length;
  if (focused) {
    const again = [...el.facets.querySelectorAll("input")]
      .find((i) => i.dataset.facet === focused[0] && i.dataset.value === focused[1]);
    again?.focus();
  }
}

// The filters in force, always in view next to the count (also with the panel closed, as a shared link
// opens on a phone): "Bidang: Sosial ✕ · Tahapan: Penerapan ✕ · Hapus semua".
function renderActive(state) {
  const chips = [];
  for (const [key, label] of FACETS) {
    for (const value of state.filters[key] || []) {
      chips.push(make("li", {}, make("button", { type: "button", class: "ki-aktif__chip", dataset: { facet: key, value },
        "aria-label": `Hapus saringan ${label}: ${value}`, text: `${label}: ${value} ✕` })));
    }
  }
  if (chips.length > 1) {
    chips.push(make("li", {}, make("button", { type: "button", class: "ki-aktif__semua", dataset: { all: "1" },
      text: "Hapus semua" })));
  }
  el.active.replaceChildren(...(chips.length ? [make("ul", { "aria-label": "Saringan aktif" }, ...chips)] : []));
}

function renderResults(state, found) {
  const { total, page, start, others } = found;
  const q = state.q.trim();
  if (!total) {
    el.status.textContent = q ? `Tidak ada inovasi yang cocok dengan “${q}”.` : "Tidak ada inovasi yang cocok dengan saringan ini.";
  } else {
    const range = total > PER_PAGE ? ` Menampilkan ${start + 1}–${start + page.length}.` : "";
    el.status.textContent = (q ? `${total} inovasi cocok dengan “${q}”.` : `${total} inovasi.`) + range;
  }
  el.others.replaceChildren(...others.map((d) => make("li", {},
    make("a", { href: d.url, text: d.meta.title || d.url }),
    make("span", { class: "ki-halaman-lain__jenis", text: ` — halaman ${d.filters?.halaman?.[0]?.toLowerCase() || ""}` }))));
  el.results.replaceChildren(...page.map((d) => {
    const m = d.meta;
    const facts = [m.wilayah, m.bidang, m.tahapan, m.tahun].filter(Boolean).join(" · ");
    return make("li", { class: "ki-hasil-butir" },
      make("a", { class: "ki-hasil-butir__judul", href: d.url, text: m.title || d.url }),
      m.contoh ? make("span", { class: "ki-badge ki-badge--contoh", text: "contoh" }) : null,
      make("p", { class: "ki-hasil-butir__fakta", text: facts }),
      m.ringkasan ? make("p", { class: "ki-hasil-butir__ringkasan", text: m.ringkasan }) : null);
  }));
  el.results.start = start + 1;
  const pages = Math.ceil(total / PER_PAGE);
  el.paging.replaceChildren();
  if (pages > 1) {
    const go = (n, text, label) => make("button", { type: "button", class: "md-button", dataset: { page: String(n) },
      disabled: n < 1 || n > pages, text, "aria-label": label });
    el.paging.append(go(state.page - 1, "‹ Sebelumnya", "Halaman sebelumnya"),
      make("span", { text: ` Halaman ${state.page} dari ${pages} ` }),
      go(state.page + 1, "Berikutnya ›", "Halaman berikutnya"));
  }
}

async function update(state) {
  const mine = ++generation;
  el.q.value = state.q;
  el.sort.value = state.sort;
  const found = await runSearch(state);
  if (mine !== generation) return;
  if (found.clamped) writeState(state, false);
  renderFacets(state, found.counts);
  renderActive(state);
  renderResults(state, found);
  // Tests and the benchmark wait on this; it is set once the page is complete (facets included
  // when the panel is open).
  if (facetsLoaded || !el.details.open) document.documentElement.dataset.kiRender = String(mine);
}

// --- events ------------------------------------------------------------------
let state = readState();

function change(mutate, push = true) {
  mutate(state);
  writeState(state, push);
  update(state);
}

el.form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  change((s) => { s.q = el.q.value.trim(); s.page = 1; });
});
let typing;
el.q.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => change((s) => { s.q = el.q.value.trim(); s.page = 1; }, false), 300);
});
el.sort.addEventListener("change", () => change((s) => { s.sort = el.sort.value; s.page = 1; }));
el.facets.addEventListener("change", (ev) => {
  const box = ev.target;
  if (!box.dataset.facet) return;
  change((s) => {
    const values = new Set(s.filters[box.dataset.facet] || []);
    box.checked ? values.add(box.dataset.value) : values.delete(box.dataset.value);
    if (values.size) s.filters[box.dataset.facet] = [...values];
    else delete s.filters[box.dataset.facet];
    s.page = 1;
  });
});
el.facets.addEventListener("click", (ev) => {
  const key = ev.target.dataset?.expand;
  if (!key) return;
  expanded.has(key) ? expanded.delete(key) : expanded.add(key);
  update(state).then(() => el.facets.querySelector(`[data-expand="${key}"]`)?.focus());
});
el.clear.addEventListener("click", () => change((s) => { s.filters = {}; s.page = 1; }));
el.active.addEventListener("click", (ev) => {
  const chip = ev.target.closest("button");
  if (!chip) return;
  change((s) => {
    if (chip.dataset.all) s.filters = {};
    else {
      const rest = (s.filters[chip.dataset.facet] || []).filter((v) => v !== chip.dataset.value);
      if (rest.length) s.filters[chip.dataset.facet] = rest;
      else delete s.filters[chip.dataset.facet];
    }
    s.page = 1;
  });
  el.status.focus?.();
});
el.paging.addEventListener("click", (ev) => {
  const n = Number(ev.target.dataset?.page);
  if (!n) return;
  change((s) => { s.page = n; });
  el.status.scrollIntoView({ block: "start" });
});
window.addEventListener("popstate", () => { state = readState(); update(state); });

// --- start -------------------------------------------------------------------
el.root.hidden = false;
if (window.matchMedia("(min-width: 60em)").matches) el.details.open = true;
const header = $("ki-cari-input");
if (header) header.value = state.q;
try {
  pagefind = await import(new URL("pagefind/pagefind.js", ROOT).href);
  await pagefind.options({ baseUrl: ROOT.pathname });
  await pagefind.init();
  await Promise.all(SHARDS.filter(([, folder]) => folder).map(([name, folder]) =>
    pagefind.mergeIndex(new URL(`pagefind/${folder}`, ROOT).pathname, { baseUrl: ROOT.pathname, mergeFilter: { bagian: name } })));
} catch (err) {
  pagefind = null;
}
async function loadFacets() {
  if (facetsLoaded || !pagefind) return;
  await pagefind.filters(); // every facet's data, once; later searches return all counts
  facetsLoaded = true;
  await update(state);
}

if (pagefind) {
  await update(state);
  el.details.addEventListener("toggle", () => { if (el.details.open) loadFacets(); });
  if (el.details.open) await loadFacets();
} else {
  el.status.textContent = "Pencarian belum tersedia di sini: indeks pencarian dibuat oleh 'catalogue build' "
    + "(make site), bukan oleh 'mkdocs serve'. Semua inovasi tetap dapat dibaca melalui daftar per wilayah dan per bidang.";
  document.documentElement.dataset.kiRender = "tanpa-indeks";
}
