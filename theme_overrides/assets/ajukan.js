// Ajukan inovasi: a form built from the published JSON Schema that assembles an entry file.
// The checks mirror the validator's (required fields, lengths, choices, dates, id, numbers, sections);
// `catalogue validate` in the pull request remains the authority.

const ROOT = new URL("../", import.meta.url); // this file lives in <site>/assets/
const $ = (id) => document.getElementById(id);
const config = JSON.parse($("ki-ajukan-konfigurasi").textContent);
const host = $("ki-ajukan");
host.replaceChildren(Object.assign(document.createElement("p"), { textContent: "Memuat formulir…" }));

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
const words = (text) => (text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) || []).length;
const today = new Date().toISOString().slice(0, 10);

// A number as an Indonesian clerk types it: "Rp 1.500.000", "1.500.000", "2,5", "150 000", "12.5".
// Returns the number, or NaN. Dots followed by groups of three digits are thousands separators; a comma
// is the decimal mark.
function parseAngka(text) {
  let s = String(text).replace(/^\s*rp\.?\s*/i, "").replace(/[\s\u00a0]/g, "");
  if (!s) return NaN;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d+,\d+$/.test(s)) s = s.replace(",", ".");
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}
const formatAngka = (n) => n.toLocaleString("id-ID", { maximumFractionDigits: 2 });

function field(id, label, control, hint) {
  control.id = `ki-a-${id}`;
  control.name = id;
  const help = hint ? make("p", { class: "ki-ajukan__bantuan", id: `ki-a-${id}-bantuan`, text: hint }) : null;
  const error = make("p", { class: "ki-ajukan__galat", id: `ki-a-${id}-galat`, hidden: true });
  control.setAttribute("aria-describedby", [help?.id, error.id].filter(Boolean).join(" "));
  return make("div", { class: "ki-ajukan__isian" }, make("label", { for: control.id, text: label }),
    help, control, error);
}

function select(options, { optional = false, multiple = false } = {}) {
  const node = make("select", { multiple });
  if (!multiple) node.append(make("option", { value: "", text: optional ? "(tidak diisi)" : "— pilih —" }));
  for (const [value, label] of Object.entries(options)) node.append(make("option", { value, text: label }));
  return node;
}

function build(schema) {
  const p = schema.properties;
  const labels = (prop) => prop["x-labels"] || prop.anyOf?.[0]?.["x-labels"];
  const form = make("form", { id: "ki-ajukan-form", novalidate: true });
  const summary = make("div", { id: "ki-ajukan-ringkasan", class: "ki-ajukan__ringkasan", role: "alert", tabindex: "-1", hidden: true });
  const parts = [
    make("h2", { text: "Tentang inovasi" }),
    field("nama", p.nama.title, make("input", { type: "text", maxLength: p.nama.maxLength }), p.nama.description),
    field("id", "Alamat halaman", make("input", { type: "text", pattern: p.replikasi_dari.pattern }),
      "Dibuat dari nama; huruf kecil, angka dan tanda hubung. Menjadi alamat halaman /inovasi/<id>/."),
    field("wilayah", p.wilayah.title, select(labels(p.wilayah))),
    field("perangkat_daerah", p.perangkat_daerah.title, make("input", { type: "text" }), p.perangkat_daerah.description),
    field("bidang", "Bidang utama", select(labels(p.bidang))),
    field("bidang_lain", "Bidang lain (boleh dua)", select(labels(p.bidang), { multiple: true }),
      "Tahan Ctrl (atau ⌘) untuk memilih lebih dari satu."),
    field("bentuk", p.bentuk.title, select(labels(p.bentuk)), p.bentuk.description),
    field("jenis", p.jenis.title, select(labels(p.jenis))),
    field("tahapan", p.tahapan.title, select(labels(p.tahapan))),
    field("inisiator", p.inisiator.title, select(labels(p.inisiator), { optional: true })),
    field("urusan", p.urusan.title, select(labels(p.urusan), { multiple: true }), p.urusan.description),
    make("h2", { text: "Waktu" }),
    field("waktu_uji_coba", p.waktu_uji_coba.title, make("input", { type: "date", max: today }), p.waktu_uji_coba.description),
    field("waktu_penerapan", p.waktu_penerapan.title, make("input", { type: "date", max: today }), p.waktu_penerapan.description),
    field("dilaporkan_kemendagri", p.dilaporkan_kemendagri.title, make("input", { type: "date", max: today }),
      p.dilaporkan_kemendagri.description),
    make("h2", { text: "Hasil terukur (sebelum → sesudah)" }),
    make("p", { text: "Isi pasangan angka yang sudah diukur; kosongkan yang tidak ada." }),
  ];
  for (const [key, prop] of Object.entries(p.hasil.properties)) {
    if (key === "lainnya") continue;
    const unit = prop["x-unit"] ? ` (${prop["x-unit"]})` : "";
    for (const when of ["sebelum", "sesudah"]) {
      // Text, not type=number: the browser's number field refuses "1.500.000" and "Rp".
      parts.push(field(`hasil_${key}_${when}`, `${prop.title}${unit}: ${when}`,
        make("input", { type: "text", inputMode: "decimal", autocomplete: "off", class: "ki-angka" }),
        "Boleh dengan titik ribuan atau Rp, misalnya 1.500.000."));
    }
  }
  parts.push(field("tag", p.tag.title, make("input", { type: "text" }), "Pisahkan dengan koma, misalnya: lansia, obat."));
  parts.push(make("h2", { text: "Rancang bangun" }),
    make("p", { text: `Kemendagri meminta paling sedikit ${schema["x-min-words"]} kata untuk keempat bagian bersama-sama.` }));
  for (const section of schema["x-sections"]) {
    parts.push(field(`isi_${slugify(section)}`, section,
      make("textarea", { rows: 6, placeholder: schema["x-section-prompts"]?.[section] || "" })));
  }
  parts.push(make("p", { id: "ki-ajukan-kata", class: "ki-ajukan__kata", "aria-live": "polite" }));
  parts.push(make("button", { type: "submit", class: "md-button md-button--primary", text: "Periksa dan buat berkas" }));
  form.append(summary, ...parts);

  const result = make("section", { id: "ki-ajukan-hasil", class: "ki-ajukan__hasil", hidden: true, "aria-label": "Berkas entri" },
    make("h2", { text: "Berkas entri" }),
    make("p", {}, "Nama berkas: ", make("code", { id: "ki-ajukan-path" })),
    make("textarea", { id: "ki-ajukan-teks", rows: 18, readOnly: true, "aria-label": "Isi berkas entri" }),
    make("p", { class: "ki-ajukan__tombol" },
      config.repo ? make("a", { id: "ki-ajukan-buka", class: "md-button md-button--primary", target: "_blank", rel: "noopener",
        text: `Buka di ${config.repo.kind === "gitlab" ? "GitLab" : "GitHub"}` }) : null,
      make("button", { type: "button", id: "ki-ajukan-salin", class: "md-button", text: "Salin" }),
      make("button", { type: "button", id: "ki-ajukan-unduh", class: "md-button", text: "Unduh berkas" })),
    make("p", { id: "ki-ajukan-catatan", class: "ki-ajukan__bantuan" }));
  host.replaceChildren(form, result);
  return form;
}

const value = (id) => ($(`ki-a-${id}`)?.value || "").trim();
const chosen = (id) => [...($(`ki-a-${id}`)?.selectedOptions || [])].map((o) => o.value);

function check(schema) {
  const p = schema.properties;
  const problems = []; // [field id, message]
  const need = (id, label) => { if (!value(id)) problems.push([id, `${label} wajib diisi.`]); };
  need("nama", p.nama.title);
  const nama = value("nama");
  if (nama && (nama.length < p.nama.minLength || nama.length > p.nama.maxLength)) {
    problems.push(["nama", `Nama harus ${p.nama.minLength}–${p.nama.maxLength} karakter (sekarang ${nama.length}).`]);
  }
  if (!new RegExp(p.replikasi_dari.pattern).test(value("id"))) {
    problems.push(["id", "Id hanya boleh huruf kecil a–z, angka dan tanda hubung, misalnya antar-obat-lansia."]);
  }
  for (const [id, prop] of [["wilayah", p.wilayah], ["perangkat_daerah", p.perangkat_daerah], ["bidang", p.bidang],
                            ["bentuk", p.bentuk], ["jenis", p.jenis], ["tahapan", p.tahapan]]) need(id, prop.title);
  const pd = value("perangkat_daerah");
  if (pd && (pd.length < p.perangkat_daerah.minLength || pd.length > p.perangkat_daerah.maxLength)) {
    problems.push(["perangkat_daerah", "Nama perangkat daerah terlalu pendek atau terlalu panjang."]);
  }
  const extra = chosen("bidang_lain").filter((b) => b !== value("bidang"));
  if (extra.length > 2) problems.push(["bidang_lain", "Paling banyak tiga bidang: satu utama dan dua lainnya."]);
  if (chosen("urusan").length > p.urusan.anyOf[1].maxItems) {
    problems.push(["urusan", `Paling banyak ${p.urusan.anyOf[1].maxItems} urusan.`]);
  }
  const trial = value("waktu_uji_coba"), impl = value("waktu_penerapan"), reported = value("dilaporkan_kemendagri");
  if (!trial && !impl) problems.push(["waktu_uji_coba", "Isi waktu uji coba atau waktu penerapan."]);
  for (const [id, v] of [["waktu_uji_coba", trial], ["waktu_penerapan", impl], ["dilaporkan_kemendagri", reported]]) {
    if (v && !new RegExp(p[id].pattern).test(v)) problems.push([id, "Tanggal tidak sah."]);
    else if (v && v > today) problems.push([id, `Tanggal ${v} belum terjadi.`]);
  }
  if (trial && impl && trial > impl) problems.push(["waktu_penerapan", "Waktu penerapan tidak boleh sebelum waktu uji coba."]);
  for (const key of Object.keys(p.hasil.properties)) {
    if (key === "lainnya") continue;
    const a = value(`hasil_${key}_sebelum`), b = value(`hasil_${key}_sesudah`);
    if ((a === "") !== (b === "")) problems.push([`hasil_${key}_${a ? "sesudah" : "sebelum"}`, "Isi angka sebelum dan sesudah, atau kosongkan keduanya."]);
    for (const [when, v] of [["sebelum", a], ["sesudah", b]]) {
      if (v !== "" && !(parseAngka(v) >= 0)) {
        problems.push([`hasil_${key}_${when}`, `“${v}” bukan angka; tulis misalnya 1.500.000 atau 2,5.`]);
      }
    }
  }
  for (const section of schema["x-sections"]) {
    if (!value(`isi_${slugify(section)}`)) problems.push([`isi_${slugify(section)}`, `Bagian ${section} wajib diisi.`]);
  }
  return problems;
}

const q = (s) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

function entryText(schema) {
  const lines = ["---", `nama: ${q(value("nama"))}`, `wilayah: ${q(value("wilayah"))}`,
    `perangkat_daerah: ${q(value("perangkat_daerah"))}`];
  const areas = [value("bidang"), ...chosen("bidang_lain").filter((b) => b !== value("bidang"))];
  lines.push(`bidang: [${areas.map(q).join(", ")}]`);
  for (const id of ["bentuk", "jenis", "tahapan", "inisiator"]) if (value(id)) lines.push(`${id}: ${value(id)}`);
  if (chosen("urusan").length) lines.push(`urusan: [${chosen("urusan").map(q).join(", ")}]`);
  for (const id of ["waktu_uji_coba", "waktu_penerapan", "dilaporkan_kemendagri"]) if (value(id)) lines.push(`${id}: ${value(id)}`);
  const results = Object.keys(schema.properties.hasil.properties).filter((k) => k !== "lainnya" && value(`hasil_${k}_sebelum`) !== "");
  if (results.length) {
    lines.push("hasil:");
    for (const k of results) {
      lines.push(`  ${k}: {sebelum: ${parseAngka(value(`hasil_${k}_sebelum`))}, sesudah: ${parseAngka(value(`hasil_${k}_sesudah`))}}`);
    }
  }
  const tags = value("tag").split(",").map((t) => t.trim()).filter(Boolean);
  if (tags.length) lines.push(`tag: [${[...new Set(tags)].map(q).join(", ")}]`);
  lines.push("---");
  for (const section of schema["x-sections"]) {
    lines.push(`## ${section}`, "", value(`isi_${slugify(section)}`).replace(/\r\n?/g, "\n"), "");
  }
  return lines.join("\n");
}

function showProblems(problems) {
  for (const node of host.querySelectorAll(".ki-ajukan__galat")) { node.hidden = true; node.textContent = ""; }
  for (const node of host.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  const summary = $("ki-ajukan-ringkasan");
  summary.replaceChildren();
  summary.hidden = !problems.length;
  if (!problems.length) return;
  summary.append(make("p", { text: `Ada ${problems.length} isian yang perlu diperbaiki:` }));
  const list = make("ul");
  for (const [id, message] of problems) {
    const control = $(`ki-a-${id}`), error = $(`ki-a-${id}-galat`);
    if (control) control.setAttribute("aria-invalid", "true");
    if (error) { error.hidden = false; error.textContent = message; }
    list.append(make("li", {}, make("a", { href: `#ki-a-${id}`, text: message })));
  }
  summary.append(list);
  summary.focus();
}

function countWords(schema) {
  const total = schema["x-sections"].reduce((n, s) => n + words(value(`isi_${slugify(s)}`)), 0);
  const min = schema["x-min-words"];
  $("ki-ajukan-kata").textContent = total >= min ? `${total} kata.`
    : `${total} kata; Kemendagri meminta paling sedikit ${min}. Berkas tetap dapat dibuat, dengan peringatan.`;
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
  const form = build(schema);
  let idTouched = false;
  $("ki-a-id").addEventListener("input", () => { idTouched = true; });
  $("ki-a-nama").addEventListener("input", () => { if (!idTouched) $("ki-a-id").value = slugify(value("nama")); });
  form.addEventListener("input", (ev) => {
    countWords(schema);
    if (ev.target.classList?.contains("ki-angka")) {  // show the value that will be written
      const n = parseAngka(ev.target.value), help = $(`${ev.target.id}-bantuan`);
      if (help) help.textContent = ev.target.value.trim() === "" ? "Boleh dengan titik ribuan atau Rp, misalnya 1.500.000."
        : Number.isNaN(n) ? "Belum terbaca sebagai angka." : `Ditulis sebagai ${formatAngka(n)}.`;
    }
  });
  countWords(schema);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const problems = check(schema);
    showProblems(problems);
    const result = $("ki-ajukan-hasil");
    if (problems.length) { result.hidden = true; return; }
    const folder = schema["x-region-folders"][value("wilayah")];
    const filename = `${value("id")}.md`;
    const text = entryText(schema);
    $("ki-ajukan-path").textContent = `entries/${folder}/${filename}`;
    $("ki-ajukan-teks").value = text;
    const open = $("ki-ajukan-buka");
    if (open && config.repo) {
      const r = config.repo, dir = `entries/${folder}`;
      const params = r.kind === "gitlab" ? { file_name: filename, content: text } : { filename, value: text };
      const path = r.kind === "gitlab" ? `/-/new/${r.branch}/${dir}` : `/new/${r.branch}/${dir}`;
      open.href = `${r.url}${path}?${new URLSearchParams(params)}`;
    }
    $("ki-ajukan-catatan").textContent = "Periksa sekali lagi isinya. Setelah pull request dibuat, pemeriksaan otomatis "
      + "katalog berjalan dan peninjau akan menghubungi Anda bila ada yang perlu diubah.";
    result.hidden = false;
    result.querySelector("h2").scrollIntoView({ block: "start" });
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
  document.documentElement.dataset.kiAjukan = "siap";
}

start();
