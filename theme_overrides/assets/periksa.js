// The validator's single-entry rules, read from the published JSON Schema (skema/inovasi.schema.json,
// generated from catalogue/entry/schema.py and catalogue/entry/problems.py): the form checks what `catalogue validate`
// checks, with the same problem codes and message templates. Nothing here names a field: limits, patterns,
// choices, the rules between fields and the messages all come from the schema.

// --- what a clerk types -------------------------------------------------------------------------------
// A number as an Indonesian clerk types it: "Rp 1.500.000", "1.500.000", "2,5", "150 000", "12.5".
// Dots followed by groups of three digits are thousands separators; a comma is the decimal mark.
export function parseAngka(text) {
  let s = String(text).replace(/^\s*rp\.?\s*/i, "").replace(/[\s\u00a0]/g, "");
  if (!s) return NaN;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d+,\d+$/.test(s)) s = s.replace(",", ".");
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}
export const formatAngka = (n) => n.toLocaleString("id-ID", { maximumFractionDigits: 2 });

const BULAN = ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
  "oktober", "november", "desember"];
const SINGKAT = { jan: 1, feb: 2, peb: 2, mar: 3, apr: 4, mei: 5, jun: 6, jul: 7, agu: 8, agt: 8, ags: 8, aug: 8,
  sep: 9, okt: 10, oct: 10, nov: 11, des: 12, dec: 12 };
const pad = (n) => String(n).padStart(2, "0");
function bulan(word) {
  const w = word.toLowerCase().replace(/\.$/, "");
  const i = BULAN.indexOf(w);
  return i >= 0 ? i + 1 : SINGKAT[w.slice(0, 3)] && w.length <= 9 ? SINGKAT[w.slice(0, 3)] : 0;
}

// A date as clerks write it: 2022-05-17, 2022-05, 17/05/2022, 17-05-2022, 05/2022, "17 Mei 2022", "Mei 2022".
// Returns TAHUN-BULAN[-TANGGAL] (not yet checked as a real date), or null when it cannot be read.
export function parseTanggal(text) {
  const s = String(text).trim().replace(/\s+/g, " ");
  let m;
  if ((m = s.match(/^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/))) return `${m[1]}-${pad(m[2])}` + (m[3] ? `-${pad(m[3])}` : "");
  if ((m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) return `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
  if ((m = s.match(/^(\d{1,2})[/.-](\d{4})$/))) return `${m[2]}-${pad(m[1])}`;
  if ((m = s.match(/^(?:(\d{1,2}) )?([A-Za-z]+\.?) (\d{4})$/)) && bulan(m[2])) {
    return `${m[3]}-${pad(bulan(m[2]))}` + (m[1] ? `-${pad(m[1])}` : "");
  }
  return null;
}
export const labelTanggal = (iso) => {
  const [y, mo, d] = iso.split("-").map(Number);
  const month = BULAN[mo - 1];
  return `${d ? d + " " : ""}${month[0].toUpperCase()}${month.slice(1)} ${y}`;
};

// --- the checks -----------------------------------------------------------------------------------------
const normal = (s) => s.split(/\s+/).filter(Boolean).join(" ");
const isMap = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function typeName(v) {  // as catalogue/validate/words.py type_name words it
  if (v === null || v === undefined) return "kosong";
  if (typeof v === "boolean") return `nilai benar/salah (${v})`;
  if (typeof v === "number") return `angka (${v})`;
  return Array.isArray(v) ? "daftar" : isMap(v) ? "pasangan kunci: nilai" : "teks";
}
function realDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d || 1));
  return m >= 1 && m <= 12 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === (d || 1);
}
const later = (a, b) => (a.length > 7 && b.length > 7 ? a > b : a.slice(0, 7) > b.slice(0, 7));
const H1 = /^ {0,3}#(?!#)\s*\S/;
const EXTERNAL_IMAGE = /!\[[^\]]*\]\(\s*<?\s*((?:[a-z][a-z0-9+.-]*:|\/\/)[^)\s>]*)|<img\b[^>]*\bsrc\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:|\/\/)[^"'\s>]*)/i;

// entry: { id, front: {field: value, …} as the YAML would hold it, sections: {"latar belakang": text, …} }
// Returns [{path, code, severity, params}] in the validator's codes; `ids` (a Set) enables duplicate-id.
export function periksa(schema, entry, { today = new Date().toISOString().slice(0, 10), ids = null } = {}) {
  const out = [];
  const kinds = schema["x-problems"];
  const report = (path, code, params = {}) => out.push({ path, code, severity: kinds[code]?.severity || "error",
    params: { field: path, ...params } });

  function text(path, node, v) {
    if (typeof v === "number" && !node.enum && !node.pattern) v = String(v);  // "2024" in a name is harmless
    if (typeof v !== "string") { report(path, "wrong-type", { expected: "teks", actual: typeName(v) }); return undefined; }
    if (node.enum) {
      if (node.enum.includes(v)) return v;
      report(path, node["x-code"] || "invalid-choice", { value: v, choices: node.enum.join(", "), extra: "" });
      return undefined;
    }
    if (node["x-code"] === "invalid-date") return date(path, node, v);
    const t = normal(v);
    if (!t) { report(path, "empty-value"); return undefined; }
    if (t.length < (node.minLength ?? 1) || t.length > (node.maxLength ?? Infinity)) {
      report(path, "invalid-length", { length: t.length, minimum: node.minLength ?? 1, maximum: node.maxLength });
      return undefined;
    }
    if (node["x-code"] && node.pattern && !new RegExp(node.pattern).test(t)) {
      report(path, node["x-code"], { value: t, suggestion: t });
      return undefined;
    }
    return t;
  }

  function date(path, node, v) {
    const t = String(v).trim();
    if (!new RegExp(node.pattern).test(t) || !realDate(t)) { report(path, "invalid-date", { value: t, extra: "" }); return undefined; }
    if (node["x-max-today"] && (t.length > 7 ? t > today : t > today.slice(0, 7))) {
      report(path, "future-date", { value: t, today });
      return undefined;
    }
    return t;
  }

  function list(path, node, v) {  // one value or a list of them (anyOf [item, array of item])
    const many = node.anyOf.find((n) => n.type === "array");
    if (typeof v === "string" && v.includes(",") && many.maxItems > 1) {
      report(path, "comma-list", { items: v.split(",").map((s) => s.trim()).filter(Boolean).join(", ") });
      return undefined;
    }
    if (!Array.isArray(v) && (typeof v !== "string" && !isMap(v))) {
      report(path, "wrong-type", { expected: "daftar, misalnya [a, b]", actual: typeName(v) });
      return undefined;
    }
    const items = Array.isArray(v) ? v : [v];
    if (!items.length) { report(path, "empty-value"); return undefined; }
    if (items.length > many.maxItems) report(path, "too-many-items", { count: items.length, maximum: many.maxItems });
    const seen = new Set();
    let ok = true;
    items.forEach((item, i) => {
      const sub = Array.isArray(v) ? `${path}[${i}]` : path;
      const got = value(sub, many.items, item);
      if (got === undefined) { ok = false; return; }
      const key = JSON.stringify(got);
      if (seen.has(key)) { report(sub, "duplicate-value", { value: typeof got === "string" ? got : key }); ok = false; }
      seen.add(key);
    });
    return ok ? items : undefined;
  }

  function object(path, node, v) {
    if (!isMap(v)) { report(path, "wrong-type", { expected: "pasangan kunci: nilai", actual: typeName(v) }); return undefined; }
    for (const k of Object.keys(v)) if (!(k in node.properties)) report(`${path}.${k}`, "unknown-field", { extra: "" });
    for (const k of node.required || []) if (!(k in v)) report(`${path}.${k}`, "missing-field", { extra: "" });
    const got = {};
    let ok = true;
    for (const [k, sub] of Object.entries(node.properties)) {
      if (!(k in v)) continue;
      got[k] = value(`${path}.${k}`, sub, v[k]);
      if (got[k] === undefined && (node.required || []).includes(k)) ok = false;
    }
    if (node["x-lower-is-better"] && typeof got.sebelum === "number" && typeof got.sesudah === "number"
        && got.sesudah > got.sebelum) {
      report(`${path}.sesudah`, "result-worse", { before: formatAngka(got.sebelum), after: formatAngka(got.sesudah),
        measure: node.title.toLowerCase() });
    }
    return ok ? got : undefined;
  }

  function value(path, node, v) {
    if (node.anyOf) return list(path, node, v);
    if (node.type === "string") return text(path, node, v);
    if (node.type === "object") return object(path, node, v);
    if (node.type === "array") return list(path, { anyOf: [node.items, node] }, v);
    if (node.type === "number") {
      if (typeof v !== "number" || !Number.isFinite(v) || v < (node.minimum ?? -Infinity)) {
        report(path, "invalid-number", { value: typeof v === "string" ? `'${v}'` : typeName(v) });
        return undefined;
      }
      return v;
    }
    if (node.type === "integer") {  // a year
      const y = typeof v === "number" ? v : /^\s*\d+\s*$/.test(String(v ?? "")) ? Number(v) : NaN;
      const last = Number(today.slice(0, 4));
      if (!Number.isInteger(y) || y < node.minimum || (node["x-max-today"] && y > last)) {
        report(path, "invalid-year", { value: typeof v === "string" || typeof v === "number" ? v : typeName(v),
          first: node.minimum, last });
        return undefined;
      }
      return y;
    }
    if (node.type === "boolean") {
      if (typeof v === "boolean") return v;
      report(path, "wrong-type", { expected: "true atau false", actual: typeName(v) });
      return undefined;
    }
    return v;
  }

  // the front matter
  const front = entry.front || {};
  // The form writes complete entries; a summary from public sources (kelengkapan: ringkasan) needs less.
  const summary = front.kelengkapan === "ringkasan";
  const required = summary ? [...schema.required, "sumber"] : schema["x-required"] || schema.required;
  const props = schema.properties;
  for (const k of Object.keys(front)) if (!(k in props)) report(k, "unknown-field", { extra: "" });
  const got = {};
  for (const [k, node] of Object.entries(props)) {
    if (front[k] === null) {  // "isian:" left empty: an optional field is simply not filled in
      if (required.includes(k)) report(k, "empty-value");
      continue;
    }
    if (!(k in front)) {
      if (required.includes(k)) report(k, "missing-field", { extra: "" });
      continue;
    }
    got[k] = value(k, node, front[k]);
  }
  const [first, second] = schema["x-date-order"];
  const filled = (k) => front[k] !== undefined && front[k] !== null;
  if (!filled(first) && !filled(second) && !summary) report(first, "missing-date");
  if (got[first] && got[second] && later(got[first], got[second])) {
    report(second, "date-order", { trial: got[first], implementation: got[second] });
  }
  const needs = schema["x-stage-needs-date"][got.tahapan];
  if (needs && !filled(needs) && !summary) report("tahapan", "stage-date-mismatch");

  // the file name
  if (entry.id !== undefined) {
    if (!new RegExp(schema["x-id-pattern"]).test(entry.id)) report("id", "invalid-id", { value: `${entry.id}.md` });
    else if (ids && ids.has(entry.id)) report("id", "duplicate-id", { value: entry.id, other: "inovasi yang sudah ada di katalog" });
  }

  // the body, section by section (and, for an entry opened from the catalogue, the text before them)
  const sections = entry.sections || {};
  const texts = [entry.intro || "", ...Object.values(sections)];
  if (!texts.join("").trim()) { report("isi", "body-missing"); return out; }
  for (const title of schema["x-sections"]) {
    const prompt = normal(schema["x-section-prompts"]?.[title] || "");
    if (prompt && normal(sections[title.toLowerCase()] || "").includes(prompt)) {
      report(`isi.${title}`, "template-text", { section: title, text: prompt.length > 60 ? prompt.slice(0, 60) + "…" : prompt });
    }
  }
  const ones = new Set(texts.flatMap((t) => t.split("\n").filter((l) => H1.test(l))
    .map((l) => l.replace(/^[\s#]+/, "").trim().toLowerCase())));
  for (const title of summary ? [] : schema["x-sections"]) {  // "# Manfaat" for "## Manfaat": heading-level
    if (!(title.toLowerCase() in sections) && !ones.has(title.toLowerCase())) {
      report(`isi.${title}`, "missing-section", { section: title });
    }
  }
  for (const [key, body] of [["", entry.intro || ""], ...Object.entries(sections)]) {
    const title = schema["x-sections"].find((t) => t.toLowerCase() === key) || key;
    const path = title ? `isi.${title}` : "isi";
    let fence = false;
    for (const line of body.split("\n")) {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      if (!fence && H1.test(line)) report(path, "heading-level", { text: line.trim().slice(0, 60) });
    }
    const image = body.match(EXTERNAL_IMAGE);
    if (image) report(path, "image-external", { value: image[1] || image[2] });
  }
  const words = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
  if (summary) {  // a summary: any structure, at least a few sentences (its headings' words count too)
    const headings = Object.entries(sections).filter(([, t]) => t.trim()).reduce((n, [k]) => n + 1 + k.split(/\s+/).length, 0);
    const min = schema["x-summary-min-words"];
    if (words + headings < min) report("isi", "summary-too-short", { count: words + headings, minimum: min });
  } else if (words < schema["x-min-words"]) {
    report("isi", "body-too-short", { count: words, minimum: schema["x-min-words"] });
  }
  return out;
}

// The validator's message for a problem, filled in.
export function pesan(schema, problem) {
  const kind = schema["x-problems"][problem.code];
  const fill = (t) => t.replace(/\{(\w+)\}/g, (_, k) => String(problem.params[k] ?? ""));
  return { message: kind ? fill(kind.message) : problem.code, hint: kind ? fill(kind.hint).trim() : "" };
}
