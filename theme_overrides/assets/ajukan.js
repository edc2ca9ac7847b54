// Ajukan inovasi: a form built from the published JSON Schema that assembles an entry file. It checks the
// entry with the validator's own rules (periksa.js); `catalogue validate` in the pull request stays the
// authority for what a form cannot see (folders, images, other entries).
import { formatAngka, labelTanggal, parseAngka, parseTanggal, periksa, pesan } from "./periksa.js";

const ROOT = new URL("../", import.meta.url); // this file lives in <site>/assets/
const $ = (id) => document.getElementById(id);
const config = JSON.parse($("ki-ajukan-konfigurasi").textContent);
const host = $("ki-ajukan");
host.replaceChildren(Object.assign(document.createElement("p"), { textContent: "Memuat formulir…" }));
const URL_LIMIT = 8000; // GitHub refuses longer addresses (about 8 KB); past this the file is uploaded instead

function make(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") node.textContent = v;
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter(Boolean));
  return node;
}

const slugify = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
const today = new Date().toISOString().slice(0, 10);
const labelsOf = (prop) => prop["x-labels"] || prop.anyOf?.[0]?.["x-labels"];
const itemOf = (prop) => prop.anyOf?.find((n) => n.type === "array")?.items || prop;

// --- building the form ------------------------------------------------------------------------------
function field(id, label, control, hint) {
  control.id = `ki-a-${id}`;
  control.name = id;
  const help = make("p", { class: "ki-ajukan__bantuan", id: `ki-a-${id}-bantuan`, text: hint || "", hidden: !hint });
  const error = make("p", { class: "ki-ajukan__galat", id: `ki-a-${id}-galat`, hidden: true });
  control.setAttribute("aria-describedby", `${help.id} ${error.id}`);
  return make("div", { class: "ki-ajukan__isian" }, make("label", { for: control.id, text: label }), help, control, error);
}

function select(options, optional = false) {
  const node = make("select");
  node.append(make("option", { value: "", text: optional ? "(tidak diisi)" : "— pilih —" }));
  for (const [value, label] of Object.entries(options)) node.append(make("option", { value, text: label }));
  return node;
}

// A group of checkboxes (phones have no Ctrl key for multi-selects), optionally in labelled sub-groups.
function checkboxes(id, legend, hint, groups) {
  const box = make("fieldset", { id: `ki-a-${id}`, class: "ki-ajukan__pilihan", "aria-describedby": `ki-a-${id}-bantuan ki-a-${id}-galat` },
    make("legend", { text: legend }),
    make("p", { class: "ki-ajukan__bantuan", id: `ki-a-${id}-bantuan`, text: hint }),
    make("p", { class: "ki-ajukan__galat", id: `ki-a-${id}-galat`, hidden: true }));
  for (const { label, options } of groups) {
    const list = make("div", { class: "ki-ajukan__kotak" });
    for (const [value, text] of options) {
      const input = make("input", { type: "checkbox", id: `ki-a-${id}-${value}`, name: id, value });
      list.append(make("div", {}, input, make("label", { for: input.id, text })));
    }
    box.append(label ? make("fieldset", {}, make("legend", { text: label }), list) : list);
  }
  return make("div", { class: "ki-ajukan__isian" }, box);
}

const TEXT = (extra = {}) => make("input", { type: "text", ...extra });
const DATE_HINT = "Misalnya 17/05/2022, 2022-05-17, atau hanya bulannya: Mei 2022.";
const NUMBER_HINT = "Boleh dengan titik ribuan atau Rp, misalnya 1.500.000.";

// Repeated records (penghargaan, regulasi): a row of inputs per record, added and removed by buttons.
function records(key, prop, noun, help) {
  const item = itemOf(prop);
  const rows = make("div", { class: "ki-ajukan__baris", id: `ki-a-${key}` });
  let n = 0;
  const renumber = () => rows.querySelectorAll(":scope > fieldset > legend").forEach((legend, i) => {
    legend.textContent = `${noun[0].toUpperCase()}${noun.slice(1)} ${i + 1}`;
  });
  const add = (values = null) => {  // values: a record of an entry opened from the catalogue
    const i = n++;
    const row = make("fieldset", { class: "ki-ajukan__rekaman", "data-kunci": key });
    row.append(make("legend", { text: `${noun[0].toUpperCase()}${noun.slice(1)}` }));
    for (const [part, sub] of Object.entries(item.properties)) {
      const required = item.required.includes(part);
      const label = `${sub.title}${required ? "" : " (boleh kosong)"}`;
      const control = sub.enum ? select(sub["x-labels"]) : TEXT(sub.type === "integer" ? { inputMode: "numeric", maxLength: 4 } : {});
      control.dataset.bagian = part;
      if (values && values[part] !== undefined) control.value = String(values[part]);
      row.append(field(`${key}-${i}-${part}`, label, control));
    }
    row.append(make("button", { type: "button", class: "md-button", text: `Hapus ${noun} ini`,
      onclick: () => { row.remove(); renumber(); $(`ki-a-${key}-tambah`).focus(); } }));
    rows.append(row);
    renumber();
    if (!values) row.querySelector("input, select").focus();
  };
  rows.tambah = add;
  return make("div", { class: "ki-ajukan__isian" },
    make("h3", { text: prop.title }), make("p", { class: "ki-ajukan__bantuan", text: help }), rows,
    make("button", { type: "button", class: "md-button", id: `ki-a-${key}-tambah`, text: `Tambah ${noun}`, onclick: () => add() }));
}

// The body as the catalogue writes it: the text before the sections, then each filled section under its title.
function composeBody(intro, sections, titles) {
  return [intro.trim(), ...titles.filter((t) => sections[t.toLowerCase()]?.trim())
    .map((t) => `## ${t}\n\n${sections[t.toLowerCase()].trim()}`)].filter(Boolean).join("\n\n");
}

// --- an entry opened from the catalogue -------------------------------------------------------------------
// ajukan-entri.js, fetched only when the form opens an entry (?entri=<id>).
let entri = null;
// Fields the form has no control for (sources, contact, links, status, replication, other results): kept.
const CARRIED = ["sumber", "kontak", "tautan", "status", "replikasi_dari", "contoh"];
const COMPLETE_NEEDS = new Set(["missing-field", "empty-value", "missing-date", "missing-section", "stage-date-mismatch",
  "body-too-short"]);

function openedBox(schema, opened) {
  const v = opened.nilai, sources = v.sumber || [];
  return make("section", { id: "ki-ajukan-entri", class: "ki-ajukan__entri", "aria-labelledby": "ki-ajukan-entri-judul" },
    make("h2", { id: "ki-ajukan-entri-judul",
      text: v.kelengkapan === "ringkasan" ? "Melengkapi entri yang sudah terbit" : "Memperbarui entri yang sudah terbit" }),
    make("p", {}, "Formulir ini berisi entri ", make("a", { href: new URL(`inovasi/${opened.id}/`, ROOT).href, text: v.nama }),
      " seperti yang terbit di katalog. Ubah atau lengkapi isiannya; yang tidak Anda ubah tetap sama persis di berkasnya."),
    make("div", { id: "ki-ajukan-kurang", class: "ki-ajukan__kurang", "aria-live": "polite" }),
    sources.length ? make("h3", { text: "Sumber publik entri ini (tetap disimpan)" }) : null,
    sources.length ? make("ul", {}, ...sources.map((src) => make("li", {},
      make("a", { href: src.url, rel: "nofollow noopener", text: src.judul })))) : null);
}

// What a complete entry still needs, as the checks would say it.
function needs(schema, entry) {
  const box = $("ki-ajukan-kurang");
  if (!box) return;
  const missing = periksa(schema, { ...entry, front: { ...entry.front, kelengkapan: "lengkap" } }, { today })
    .filter((q) => COMPLETE_NEEDS.has(q.code));
  box.replaceChildren(make("p", { text: missing.length ? "Agar menjadi entri lengkap, yang masih perlu diisi:"
    : "Semua isian wajib entri lengkap sudah terisi; pilih Kelengkapan: Lengkap bila belum." }),
  missing.length ? make("ul", {}, ...missing.map((q) => make("li", { text: say(schema, q, controlFor(q.path, entry, schema)) }))) : "",
  entry.front.hasil ? "" : make("p", { text: "Bila hasilnya sudah diukur (jumlah langkah, lama, biaya, sebelum dan sesudah), "
    + "isi juga bagian Hasil terukur." }));
}

function prefill(schema, opened) {
  const v = opened.nilai;
  const set = (id, x) => { const c = $(`ki-a-${id}`); if (c && x !== undefined && x !== null) c.value = String(x); };
  const tick = (id, x) => { const c = $(`ki-a-${id}-${x}`); if (c) c.checked = true; };
  for (const id of ["nama", "singkatan", "perangkat_daerah", "wilayah", "bentuk", "jenis", "tahapan", "inisiator",
    "waktu_uji_coba", "waktu_penerapan", "dilaporkan_kemendagri"]) set(id, v[id]);
  set("kelengkapan", v.kelengkapan || "lengkap");
  set("id", opened.id);
  $("ki-a-id").readOnly = true;
  $("ki-a-wilayah").disabled = true;
  for (const id of ["id", "wilayah"]) {
    const help = $(`ki-a-${id}-bantuan`);
    help.hidden = false;
    help.textContent = "Alamat halaman dan wilayah entri yang sudah terbit tidak diubah lewat formulir.";
  }
  const areas = v.bidang || [];
  set("bidang", areas[0]);
  areas.slice(1).forEach((b) => tick("bidang_lain", b));
  (v.urusan || []).forEach((u) => tick("urusan", u));
  for (const [key, m] of Object.entries(v.hasil || {})) {
    if (key === "lainnya") continue;
    for (const when of ["sebelum", "sesudah"]) {
      if (m[when] !== undefined) set(`hasil_${key}_${when}`, formatAngka(entri.isFraction(m[when]) ? Number(m[when].pecahan) : m[when]));
    }
  }
  for (const key of ["penghargaan", "regulasi"]) for (const record of v[key] || []) $(`ki-a-${key}`).tambah(record);
  set("tag", (v.tag || []).join(", "));
  set("isi_awal", opened.split.intro);
  for (const section of schema["x-sections"]) set(`isi_${slugify(section)}`, opened.split.sections[section.toLowerCase()]);
}

// The opened entry's values with the form's, what was not changed kept as published; and its body.
function merged(schema, entry, opened) {
  const v = opened.nilai, front = { ...entry.front };
  for (const key of CARRIED) if (v[key] !== undefined) front[key] = v[key];
  if (v.hasil?.lainnya) front.hasil = { ...(front.hasil || {}), lainnya: v.hasil.lainnya };
  const titles = schema["x-sections"], was = opened.split;
  const untouched = (entry.intro || "") === was.intro
    && titles.every((t) => (entry.sections[t.toLowerCase()] || "") === (was.sections[t.toLowerCase()] || ""));
  return { front: entri.keepUnchanged(front, v), body: untouched ? opened.isi : composeBody(entry.intro || "", entry.sections, titles) };
}

function build(schema, opened) {
  const p = schema.properties;
  const form = make("form", { id: "ki-ajukan-form", novalidate: true });
  const summary = make("div", { id: "ki-ajukan-ringkasan", class: "ki-ajukan__ringkasan", role: "alert", tabindex: "-1", hidden: true });
  const areas = Object.entries(labelsOf(p.bidang));
  const urusanLabels = labelsOf(p.urusan);
  const parts = [
    opened ? openedBox(schema, opened) : null,
    make("h2", { text: "Tentang inovasi" }),
    opened ? field("kelengkapan", p.kelengkapan.title, select(labelsOf(p.kelengkapan)), "Ringkasan dari sumber publik "
      + "cukup berisi nama, wilayah, perangkat daerah, bidang, sumber dan teksnya. Pilih Lengkap setelah semua isian "
      + "wajib dan keempat bagian rancang bangun terisi.") : null,
    field("nama", p.nama.title, TEXT({ maxLength: p.nama.maxLength }), p.nama.description),
    field("singkatan", `${p.singkatan.title} (boleh kosong)`, TEXT({ maxLength: p.singkatan.maxLength }), p.singkatan.description),
    field("id", "Alamat halaman", TEXT(), "Dibuat dari nama; huruf kecil, angka dan tanda hubung. Menjadi alamat halaman /inovasi/<id>/."),
    field("wilayah", p.wilayah.title, select(labelsOf(p.wilayah))),
    field("perangkat_daerah", p.perangkat_daerah.title, TEXT(), p.perangkat_daerah.description),
    field("bidang", "Bidang utama", select(labelsOf(p.bidang))),
    checkboxes("bidang_lain", `Bidang lain (boleh kosong, paling banyak ${p.bidang.anyOf[1].maxItems - 1})`,
      "Centang bidang lain yang juga sesuai.",
      [{ label: "", options: areas }]),
    field("bentuk", p.bentuk.title, select(labelsOf(p.bentuk)), p.bentuk.description),
    field("jenis", p.jenis.title, select(labelsOf(p.jenis))),
    field("tahapan", p.tahapan.title, select(labelsOf(p.tahapan))),
    field("inisiator", `${p.inisiator.title} (boleh kosong)`, select(labelsOf(p.inisiator), true)),
    checkboxes("urusan", `${p.urusan.title} (boleh kosong, paling banyak ${p.urusan.anyOf[1].maxItems})`,
      "Urusan yang dilayani inovasi, menurut UU 23/2014. Misalnya layanan puskesmas: Kesehatan; akta kelahiran: "
      + "Administrasi kependudukan.",
      (p.urusan["x-groups"] || [{ label: "", keys: Object.keys(urusanLabels) }])
        .map((g) => ({ label: g.label, options: g.keys.map((k) => [k, urusanLabels[k]]) }))),
    make("h2", { text: "Waktu" }),
  ];
  for (const key of ["waktu_uji_coba", "waktu_penerapan", "dilaporkan_kemendagri"]) {
    parts.push(field(key, `${p[key].title}${key === "waktu_uji_coba" ? "" : " (boleh kosong)"}`,
      TEXT({ autocomplete: "off", class: "ki-tanggal", placeholder: "17/05/2022" }), `${DATE_HINT} ${p[key].description}`));
  }
  parts.push(make("h2", { text: "Hasil terukur (sebelum → sesudah)" }),
    make("p", { text: "Isi pasangan angka yang sudah diukur; kosongkan yang tidak ada." }));
  for (const [key, prop] of Object.entries(p.hasil.properties)) {
    if (key === "lainnya") continue;
    const unit = prop["x-unit"] ? ` (${prop["x-unit"]})` : "";
    for (const when of ["sebelum", "sesudah"]) {
      // Text, not type=number: the browser's number field refuses "1.500.000" and "Rp".
      parts.push(field(`hasil_${key}_${when}`, `${prop.title}${unit}: ${when}`,
        TEXT({ inputMode: "decimal", autocomplete: "off", class: "ki-angka" }), NUMBER_HINT));
    }
  }
  parts.push(make("h2", { text: "Penghargaan dan dasar hukum" }),
    records("penghargaan", p.penghargaan, "penghargaan", "Penghargaan yang pernah diraih inovasi ini, misalnya "
      + "Kalsel Innovation Award 2023 tingkat provinsi. Kosongkan jika belum ada."),
    records("regulasi", p.regulasi, "peraturan", "Peraturan yang menjadi dasar inovasi, misalnya Peraturan Bupati "
      + "Nomor 12 Tahun 2022 atau Keputusan Kepala Dinas. Kosongkan jika belum ada."),
    make("h2", { text: "Kata kunci" }),
    field("tag", `${p.tag.title} (boleh kosong)`, TEXT(),
      `Pisahkan dengan koma, misalnya: lansia, obat. Setiap kata kunci paling panjang ${itemOf(p.tag).maxLength} karakter.`),
    make("h2", { text: "Rancang bangun" }),
    make("p", { text: `Kemendagri meminta paling sedikit ${schema["x-min-words"]} kata untuk keempat bagian bersama-sama. `
      + "Tulis teks biasa; judul bagian dibuat oleh formulir." }));
  if (opened && opened.split.intro) {
    parts.push(field("isi_awal", "Teks yang sudah ada", make("textarea", { rows: 8 }),
      "Teks entri ini sebelum bagian-bagian di bawah; tetap di awal berkas. Boleh diperbaiki, dan menjadi bahan "
      + "untuk keempat bagian."));
  }
  for (const section of schema["x-sections"]) {
    parts.push(field(`isi_${slugify(section)}`, section,
      make("textarea", { rows: 6, placeholder: (schema["x-section-prompts"]?.[section] || "").replace(/`/g, "") })));
  }
  parts.push(make("p", { id: "ki-ajukan-kata", class: "ki-ajukan__kata", "aria-live": "polite" }),
    make("button", { type: "submit", class: "md-button md-button--primary", text: "Periksa dan buat berkas" }));
  form.append(summary, ...parts.filter(Boolean));

  const result = make("section", { id: "ki-ajukan-hasil", class: "ki-ajukan__hasil", hidden: true, "aria-label": "Berkas entri" },
    make("h2", { text: "Berkas entri" }),
    make("div", { id: "ki-ajukan-peringatan", class: "ki-ajukan__peringatan", hidden: true }),
    make("p", {}, "Nama berkas: ", make("code", { id: "ki-ajukan-path" })),
    make("textarea", { id: "ki-ajukan-teks", rows: 18, readOnly: true, "aria-label": "Isi berkas entri" }),
    make("p", { id: "ki-ajukan-panjang", class: "ki-ajukan__bantuan", hidden: true }),
    make("p", { class: "ki-ajukan__tombol" },
      config.repo ? make("a", { id: "ki-ajukan-buka", class: "md-button md-button--primary", target: "_blank", rel: "noopener",
        text: `${opened ? "Sunting berkasnya di" : "Buka di"} ${config.repo.kind === "gitlab" ? "GitLab" : "GitHub"}` }) : null,
      make("button", { type: "button", id: "ki-ajukan-salin", class: "md-button", text: "Salin" }),
      make("button", { type: "button", id: "ki-ajukan-unduh", class: "md-button", text: "Unduh berkas" })),
    make("p", { id: "ki-ajukan-catatan", class: "ki-ajukan__bantuan" }));
  host.replaceChildren(form, result);
  return form;
}

// --- reading the form into an entry ----------------------------------------------------------------------
const value = (id) => ($(`ki-a-${id}`)?.value || "").trim();
const ticked = (id) => [...document.querySelectorAll(`#ki-a-${id} input:checked`)].map((o) => o.value);

function number(id) {
  const typed = value(id);
  const n = parseAngka(typed);
  return Number.isNaN(n) ? typed : n; // unreadable text goes to the checks as typed, to be reported
}

// The entry as its YAML front matter would hold it, and where each record's row is (for messages).
function collect(schema) {
  const front = {};
  // One-line fields: a tab or line break pasted from a spreadsheet or a document becomes a space.
  const line = (id) => value(id).replace(/[\t\r\n]+/g, " ");
  for (const id of ["nama", "singkatan", "wilayah", "perangkat_daerah"]) if (value(id)) front[id] = line(id);
  if (value("bidang")) front.bidang = [value("bidang"), ...ticked("bidang_lain").filter((b) => b !== value("bidang"))];
  else if (ticked("bidang_lain").length) front.bidang = ticked("bidang_lain");
  for (const id of ["bentuk", "jenis", "tahapan", "inisiator", "kelengkapan"]) if (value(id)) front[id] = value(id);
  if (ticked("urusan").length) front.urusan = ticked("urusan");
  for (const id of ["waktu_uji_coba", "waktu_penerapan", "dilaporkan_kemendagri"]) {
    if (value(id)) front[id] = parseTanggal(value(id)) || value(id);
  }
  const hasil = {};
  for (const key of Object.keys(schema.properties.hasil.properties)) {
    if (key === "lainnya") continue;
    const a = value(`hasil_${key}_sebelum`), b = value(`hasil_${key}_sesudah`);
    if (a === "" && b === "") continue;
    hasil[key] = {};
    if (a !== "") hasil[key].sebelum = number(`hasil_${key}_sebelum`);
    if (b !== "") hasil[key].sesudah = number(`hasil_${key}_sesudah`);
  }
  if (Object.keys(hasil).length) front.hasil = hasil;
  const rows = {};
  for (const key of ["penghargaan", "regulasi"]) {
    const items = [];
    rows[key] = [];
    for (const row of document.querySelectorAll(`#ki-a-${key} > fieldset`)) {
      const item = {};
      for (const control of row.querySelectorAll("[data-bagian]")) {
        const v = control.value.trim();
        if (v) item[control.dataset.bagian] = control.dataset.bagian === "tahun" && /^\d+$/.test(v) ? Number(v) : v;
      }
      if (Object.keys(item).length) { items.push(item); rows[key].push(row); }
    }
    if (items.length) front[key] = items;
  }
  const tags = value("tag").split(",").map((t) => t.trim()).filter(Boolean);
  if (tags.length) front.tag = [...new Set(tags)];
  const sections = {};
  for (const section of schema["x-sections"]) {
    const text = value(`isi_${slugify(section)}`);
    if (text) sections[section.toLowerCase()] = text.replace(/\r\n?/g, "\n");
  }
  const intro = value("isi_awal").replace(/\r\n?/g, "\n");
  return { id: value("id"), front, sections, rows, intro };
}

// A problem's path (as the validator names it) -> the control it concerns.
function controlFor(path, entry, schema) {
  let m;
  if ((m = path.match(/^(penghargaan|regulasi)\[(\d+)\](?:\.(\w+))?/))) {
    const row = entry.rows[m[1]][Number(m[2])];
    return (m[3] && row?.querySelector(`[data-bagian="${m[3]}"]`)) || row?.querySelector("[data-bagian]") || $(`ki-a-${m[1]}`);
  }
  if ((m = path.match(/^hasil\.(\w+)\.(sebelum|sesudah)/))) return $(`ki-a-hasil_${m[1]}_${m[2]}`);
  if ((m = path.match(/^hasil\.(\w+)/))) return $(`ki-a-hasil_${m[1]}_sebelum`);
  if ((m = path.match(/^bidang\[(\d+)\]/))) return Number(m[1]) === 0 ? $("ki-a-bidang") : $("ki-a-bidang_lain");
  if (path.startsWith("isi.")) return $(`ki-a-isi_${slugify(path.slice(4))}`);
  if (path === "isi") return $("ki-a-isi_awal") || $(`ki-a-isi_${slugify(schema["x-sections"][0])}`);
  return $(`ki-a-${path.replace(/[.[].*$/, "")}`);
}

const FORM_HINTS = { // the validator's hint where it suits a form; a form's own where the hint is about YAML
  "invalid-number": "Tulis angka, misalnya 1.500.000 atau 2,5.",
  "invalid-date": DATE_HINT,
  "invalid-year": "Tulis tahun dengan empat angka, misalnya 2023.",
  "future-date": true, "date-order": true, "template-text": true, "result-worse": true, "body-too-short": true,
  "heading-level": "Judul bagian dibuat oleh formulir; hapus tanda # di awal baris itu.",
  "image-external": "Formulir tidak dapat mengirim gambar; hapus gambar itu dari teks. Gambar dapat dikirim "
    + "kemudian kepada peninjau bersama berkasnya.",
  "stage-date-mismatch": "Isi waktu penerapan, atau pilih tahapan lain jika inovasi belum diterapkan.",
  "duplicate-id": "Ubah alamat halaman, misalnya dengan menambahkan nama wilayah.",
  "invalid-id": "Gunakan huruf kecil a–z, angka dan tanda hubung saja.",
};

function say(schema, problem, control) {
  if (problem.code === "missing-field") {
    const label = control?.labels?.[0]?.textContent || control?.querySelector?.("legend")?.textContent || problem.path;
    return `${label.replace(/ \(boleh kosong.*\)$/, "")} wajib diisi.`;
  }
  if (problem.code === "missing-section") return `Bagian ${problem.params.section} wajib diisi.`;
  if (problem.code === "missing-date") return "Isi waktu uji coba atau waktu penerapan (salah satu).";
  if (problem.code === "body-missing") return "Tulis keempat bagian rancang bangun.";
  const { message, hint } = pesan(schema, problem);
  const extra = FORM_HINTS[problem.code] === true ? hint : FORM_HINTS[problem.code] || "";
  return `${message[0].toUpperCase()}${message.slice(1)}.${extra ? " " + extra : ""}`;
}

// --- showing the verdict ------------------------------------------------------------------------------------
function show(schema, entry, problems) {
  for (const node of host.querySelectorAll(".ki-ajukan__galat")) { node.hidden = true; node.textContent = ""; }
  for (const node of host.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  const summary = $("ki-ajukan-ringkasan");
  const errors = problems.filter((q) => q.severity === "error");
  const warnings = problems.filter((q) => q.severity !== "error");
  summary.replaceChildren();
  summary.hidden = !errors.length;
  const list = make("ul");
  for (const q of errors) {
    const control = controlFor(q.path, entry, schema);
    const text = say(schema, q, control);
    const error = control && $(`${control.id}-galat`);
    if (control) control.setAttribute("aria-invalid", "true");
    if (error) { error.hidden = false; error.textContent = error.textContent ? `${error.textContent} ${text}` : text; }
    // In the summary, far from the field, say which field it is (and which record: "Penghargaan 2").
    const record = control?.closest?.(".ki-ajukan__rekaman")?.querySelector("legend")?.textContent;
    const name = (control?.labels?.[0] || control?.querySelector?.("legend"))?.textContent.replace(/ \(boleh kosong.*\)$/, "");
    const own = q.code === "missing-field" || q.code === "missing-section";  // their text names the field already
    const line = [record, name && !own ? name : null].filter(Boolean).join(", ") + (record || (name && !own) ? ": " : "") + text;
    list.append(make("li", {}, control ? make("a", { href: `#${control.id}`, text: line }) : line));
  }
  if (errors.length) {
    summary.append(make("p", { text: `Ada ${errors.length} isian yang perlu diperbaiki:` }), list);
    summary.focus();
  }
  const box = $("ki-ajukan-peringatan");
  box.replaceChildren();
  box.hidden = !warnings.length;
  if (warnings.length) {
    box.append(make("p", { text: "Berkas dapat dibuat, tetapi pastikan hal berikut:" }),
      make("ul", {}, ...warnings.map((q) => make("li", { text: say(schema, q, controlFor(q.path, entry, schema)) }))));
  }
  return errors.length;
}

// --- writing the file ----------------------------------------------------------------------------------------
function offer(schema, entry, text, opened) {
  const folder = schema["x-region-folders"][entry.front.wilayah];
  const filename = `${entry.id}.md`, dir = opened ? opened.berkas.replace(/\/[^/]*$/, "") : `entries/${folder}`;
  $("ki-ajukan-path").textContent = `${dir}/${filename}`;
  $("ki-ajukan-teks").value = text;
  const open = $("ki-ajukan-buka"), note = $("ki-ajukan-panjang");
  if (open && config.repo && opened) {  // an existing file: its edit page, where the copied text replaces it
    const r = config.repo, name = r.kind === "gitlab" ? "GitLab" : "GitHub";
    open.href = `${r.url}${r.kind === "gitlab" ? "/-" : ""}/edit/${r.branch}/${opened.berkas}`;
    note.hidden = false;
    note.textContent = `Langkah berikutnya: tekan Salin, lalu Sunting berkasnya di ${name}. Di halaman itu hapus seluruh `
      + `isi berkas, tempel teks yang disalin, lalu ajukan perubahannya (${r.kind === "gitlab" ? "Commit changes" : "Propose changes"}). `
      + `Cara lain: tekan Unduh berkas, lalu unggah berkas ${filename} ke folder ${dir}; berkas lama dengan nama yang sama diganti.`;
  } else if (open && config.repo) {
    const r = config.repo;
    const params = r.kind === "gitlab" ? { file_name: filename, content: text } : { filename, value: text };
    const path = r.kind === "gitlab" ? `/-/new/${r.branch}/${dir}` : `/new/${r.branch}/${dir}`;
    const href = `${r.url}${path}?${new URLSearchParams(params)}`;
    const tooLong = href.length > URL_LIMIT;
    // Too long for a link: download the file and upload it in the entry's folder instead.
    open.href = tooLong ? (r.kind === "gitlab" ? `${r.url}/-/tree/${r.branch}/${dir}` : `${r.url}/upload/${r.branch}/${dir}`) : href;
    open.textContent = tooLong ? `Unggah di ${r.kind === "gitlab" ? "GitLab" : "GitHub"}` : `Buka di ${r.kind === "gitlab" ? "GitLab" : "GitHub"}`;
    note.hidden = !tooLong;
    note.textContent = tooLong ? `Berkas ini terlalu panjang untuk dibuka langsung lewat tautan. Tekan Unduh berkas, lalu `
      + `tekan Unggah di ${r.kind === "gitlab" ? "GitLab" : "GitHub"}: halaman itu membuka folder ${dir}; seret berkas `
      + `${filename} ke sana${r.kind === "gitlab" ? " (tombol + lalu Upload file)" : ""} dan ajukan perubahannya.` : "";
  }
  if (!config.repo) {
    note.hidden = false;
    note.textContent = `Langkah berikutnya: tekan Unduh berkas, lalu kirim berkas ${filename} kepada pengelola katalog `
      + "(alamatnya di kotak kontak di bawah formulir).";
  }
  $("ki-ajukan-catatan").textContent = "Periksa sekali lagi isinya. Setelah pull request dibuat, pemeriksaan otomatis "
    + "katalog berjalan dan peninjau akan menghubungi Anda bila ada yang perlu diubah.";
}

// --- wiring -----------------------------------------------------------------------------------------------
let knownIds = null;
async function loadIds() {
  if (knownIds) return knownIds;
  try {
    const response = await fetch(new URL("data/id.json", ROOT));
    knownIds = new Set((await response.json()).id);
  } catch { knownIds = null; } // offline: the pull request's check still finds a duplicate id
  return knownIds;
}

function explainTyping(target) {  // show the value that will be written, as it will be written
  const help = $(`${target.id}-bantuan`);
  if (!help) return;
  const typed = target.value.trim();
  if (target.classList.contains("ki-angka")) {
    const n = parseAngka(typed);
    help.textContent = typed === "" ? NUMBER_HINT : Number.isNaN(n) ? "Belum terbaca sebagai angka." : `Ditulis sebagai ${formatAngka(n)}.`;
  } else if (target.classList.contains("ki-tanggal")) {
    const iso = parseTanggal(typed);
    help.textContent = typed === "" ? DATE_HINT : iso && /^\d{4}-(0[1-9]|1[0-2])/.test(iso)
      ? `Ditulis sebagai ${iso} (${labelTanggal(iso)}).` : `Belum terbaca sebagai tanggal. ${DATE_HINT}`;
  }
}

function countWords(schema) {
  const total = ["awal", ...schema["x-sections"].map(slugify)]
    .reduce((n, s) => n + value(`isi_${s}`).split(/\s+/).filter(Boolean).length, 0);
  const min = schema["x-min-words"];
  $("ki-ajukan-kata").textContent = total >= min ? `${total} kata.`
    : `${total} kata; Kemendagri meminta paling sedikit ${min}. Berkas tetap dapat dibuat, dengan peringatan.`;
}

// entri/<id>.json.gz, unpacked here (a host that sends it already unpacked is read as it comes).
async function readEntry(id) {
  const response = await fetch(new URL(`entri/${id}.json.gz`, ROOT));
  if (!response.ok) throw new Error(String(response.status));
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(unpacked).text());
}

async function start() {
  let schema;
  try {
    const response = await fetch(new URL("skema/inovasi.schema.json", ROOT));
    schema = await response.json();
  } catch (err) {
    host.replaceChildren(make("p", { text: "Skema entri tidak dapat dimuat; muat ulang halaman ini." }));
    return;
  }
  const wanted = new URLSearchParams(location.search).get("entri");
  let opened = null;
  if (wanted && /^[a-z0-9-]+$/.test(wanted)) {
    try {
      opened = await readEntry(wanted);
      entri = await import("./ajukan-entri.js");
      opened.split = entri.splitBody(opened.isi, schema["x-sections"]);
    } catch { opened = null; }
  }
  const form = build(schema, opened);
  if (wanted && !opened) {
    form.prepend(make("p", { class: "ki-ajukan__galat", role: "alert",
      text: `Entri "${wanted}" tidak ditemukan di katalog ini; formulir dibuka kosong untuk inovasi baru.` }));
  }
  if (opened) {
    prefill(schema, opened);
    needs(schema, collect(schema));
  }
  let idTouched = Boolean(opened);
  $("ki-a-id").addEventListener("input", () => { idTouched = true; });
  $("ki-a-nama").addEventListener("input", () => { if (!idTouched) $("ki-a-id").value = slugify(value("nama")); });
  form.addEventListener("input", (ev) => { countWords(schema); if (ev.target.id) explainTyping(ev.target); });
  countWords(schema);
  loadIds();
  let checks = 0;  // data-ki-diperiksa: how many checks have finished (tests wait for the next one)
  const done = () => { document.documentElement.dataset.kiDiperiksa = String(++checks); };
  form.addEventListener("input", () => { import("./tulis.js"); }, { once: true });  // fetched while typing
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const entry = collect(schema);
    const ids = await loadIds();
    let body = composeBody("", entry.sections, schema["x-sections"]);
    if (opened) ({ front: entry.front, body } = merged(schema, entry, opened));
    const problems = periksa(schema, entry, { today, ids: opened && ids ? new Set([...ids].filter((i) => i !== opened.id)) : ids });
    const result = $("ki-ajukan-hasil");
    needs(schema, entry);
    if (show(schema, entry, problems)) { result.hidden = true; done(); return; }
    // The writer is fetched once the clerk starts typing: a visit that only reads the form does not load it.
    const { entryFile } = await import("./tulis.js");
    offer(schema, entry, entryFile(schema, entry.front, body), opened);
    result.hidden = false;
    result.querySelector("h2").scrollIntoView({ block: "start" });
    done();
  });
  $("ki-ajukan-salin").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText($("ki-ajukan-teks").value); $("ki-ajukan-salin").textContent = "Tersalin"; }
    catch { $("ki-ajukan-teks").select(); }
  });
  $("ki-ajukan-unduh").addEventListener("click", () => {
    const blob = new Blob([$("ki-ajukan-teks").value], { type: "text/markdown;charset=utf-8" });
    const link = make("a", { href: URL.createObjectURL(blob), download: `${value("id")}.md` });
    document.body.append(link);
    link.click();
    link.remove();
  });
  // For tests and for tools: the same checks on an entry given as data.
  window.kiAjukan = { periksa: (entry, options = {}) => periksa(schema, entry, { today, ...options }), schema };
  document.documentElement.dataset.kiAjukan = "siap";
}

start();
