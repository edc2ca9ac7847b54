// An entry opened in the form from the catalogue ("Lengkapi lewat formulir"), loaded only then: its body
// split into the text before the sections and the sections (ajukan.js's composeBody puts them back), and
// what the clerk left untouched kept exactly as the published file has it (tulis.js then writes it as before).
import { isFraction } from "./tulis.js";  // loaded only with ?entri=, where handing in needs the writer anyway

export { isFraction };

const HEADING = /^##\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

// {intro, sections: {title in lower case: text}}: only the catalogue's own section titles start a section;
// any other heading stays in the text it is in.
export function splitBody(body, titles) {
  const known = new Set(titles.map((t) => t.toLowerCase()));
  const parts = { "": [] };
  let current = "", fence = false;
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    if (FENCE.test(line)) fence = !fence;
    const m = !fence && line.match(HEADING);
    if (m && known.has(m[1].trim().toLowerCase()) && !(m[1].trim().toLowerCase() in parts)) {
      current = m[1].trim().toLowerCase();
      parts[current] = [];
    } else parts[current].push(line);
  }
  const text = (lines) => lines.join("\n").trim();
  const sections = {};
  for (const [k, lines] of Object.entries(parts)) if (k && text(lines)) sections[k] = text(lines);
  return { intro: text(parts[""]), sections };
}

const numberOf = (v) => (isFraction(v) ? Number(v.pecahan) : v);

// Equal as the entry means them: 2 and 2.0, the same ticked areas in another order.
export function same(a, b, unordered = false) {
  if (isFraction(a) || isFraction(b)) return numberOf(a) === numberOf(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    if (unordered && a.every((x) => typeof x !== "object")) return [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
    return a.every((x, i) => same(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return a === b;
}

// The values the file will hold: what the clerk did not change stays exactly as published, down to a
// record's single part.
export function keepUnchanged(front, original) {
  const keep = (f, o, key) => {
    if (o === undefined) return f;
    const sameAreas = key === "bidang" && Array.isArray(f) && Array.isArray(o) && same(f[0], o[0])
      && same(f.slice(1), o.slice(1), true);
    if (sameAreas || same(f, o, key === "urusan" || key === "tag")) return o;
    if (Array.isArray(f) && Array.isArray(o)) return f.map((x, i) => keep(x, o[i], ""));
    if (f && o && typeof f === "object" && typeof o === "object" && !isFraction(o)) {
      return Object.fromEntries(Object.entries(f).map(([k, x]) => [k, keep(x, o[k], k)]));
    }
    return f;
  };
  return Object.fromEntries(Object.entries(front).map(([k, v]) => [k, keep(v, original[k], k)]));
}
