// Writes an entry file exactly as the catalogue's Python writer does (catalogue/entry/scaffold.py: PyYAML's
// SafeDumper, double quotes where quotes are needed, flow style inside, width 10,000, Unicode kept), so a
// file the form produces differs from the published one only where the clerk changed it.
// tests/test_entry_writer.py compares the two writers on every real entry and on generated strings.

// --- PyYAML's resolver: a plain scalar that would be read back as something other than text is quoted ---
const RESOLVERS = [
  [/^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/, "yYnNtTfFoO"],
  [/^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/, "-+0123456789."],
  [/^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/, "-+0123456789"],
  [/^(?:<<)$/, "<"],
  [/^(?:~|null|Null|NULL|)$/, "~nN"],
  [/^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/, "0123456789"],
  [/^(?:=)$/, "="],
];
const readsAsText = (s) => s !== "" && !RESOLVERS.some(([re, first]) => first.includes(s[0]) && re.test(s));

const SPACE = "\0 \t\r\n\x85\u2028\u2029";
const BREAK = "\n\x85\u2028\u2029";

// PyYAML's Emitter.analyze_scalar, for the two answers the writer needs: plain in flow / in block context.
function plainAllowed(s) {
  const ch = [...s];  // by code point, as Python sees the string
  if (!ch.length) return { flow: false, block: true };
  let flowInd = false, blockInd = false, breaks = false, special = false;
  let leadSpace = false, leadBreak = false, trailSpace = false, trailBreak = false, breakSpace = false, spaceBreak = false;
  if (s.startsWith("---") || s.startsWith("...")) flowInd = blockInd = true;
  let preceded = true, followed = ch.length === 1 || SPACE.includes(ch[1]);
  let prevSpace = false, prevBreak = false;
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i];
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) flowInd = blockInd = true;
      if ("?:".includes(c)) { flowInd = true; if (followed) blockInd = true; }
      if (c === "-" && followed) flowInd = blockInd = true;
    } else {
      if (",?[]{}".includes(c)) flowInd = true;
      if (c === ":") { flowInd = true; if (followed) blockInd = true; }
      if (c === "#" && preceded) flowInd = blockInd = true;
    }
    if (BREAK.includes(c)) breaks = true;
    const cp = c.codePointAt(0);
    if (!(c === "\n" || (cp >= 0x20 && cp <= 0x7e))) {
      const printable = (cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd)
        || (cp >= 0x10000 && cp < 0x10ffff)) && cp !== 0xfeff;
      if (!printable) special = true;  // Unicode is allowed (allow_unicode=True)
    }
    if (c === " ") {
      if (i === 0) leadSpace = true;
      if (i === ch.length - 1) trailSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true; prevBreak = false;
    } else if (BREAK.includes(c)) {
      if (i === 0) leadBreak = true;
      if (i === ch.length - 1) trailBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false; prevBreak = true;
    } else { prevSpace = false; prevBreak = false; }
    preceded = SPACE.includes(c);
    followed = i + 2 >= ch.length || SPACE.includes(ch[i + 2]);
  }
  let flow = true, block = true;
  if (leadSpace || leadBreak || trailSpace || trailBreak || breakSpace || spaceBreak || special || breaks) flow = block = false;
  if (flowInd) flow = false;
  if (blockInd) block = false;
  return { flow, block };
}

const ESCAPES = { "\0": "0", "\x07": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r",
  "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P" };
const hex = (cp, n) => cp.toString(16).toUpperCase().padStart(n, "0");

function doubleQuoted(s) {  // Emitter.write_double_quoted (no line folding at width 10,000)
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0);
    const plain = ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd))
      && !'"\\\x85\u2028\u2029\ufeff'.includes(c);
    if (plain) out += c;
    else if (c in ESCAPES && cp !== 0xa0) out += `\\${ESCAPES[c]}`;
    else out += cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

// PyYAML's float representer: repr(), lower case, ".0" kept; the form only ever holds finite numbers.
const number = (n) => Number.isInteger(n) ? String(n) : String(n).toLowerCase().replace(/e([+-]?)(\d)$/, "e$10$2")
  .replace(/^(\d+)e/, "$1.0e");

// A whole number written with a decimal point (2.0) comes from the per-entry file as {pecahan: "2.0"}.
export const isFraction = (v) => v !== null && typeof v === "object" && typeof v.pecahan === "string"
  && Object.keys(v).length === 1;

function scalar(v, inFlow, isDate = false) {
  if (isFraction(v)) return v.pecahan;
  if (typeof v === "number") return number(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  const s = String(v);
  if (isDate && /^\d{4}-\d{2}-\d{2}$/.test(s)) return s;  // a date, as PyYAML writes a date
  const allowed = plainAllowed(s);
  return readsAsText(s) && (inFlow ? allowed.flow : allowed.block) ? s : doubleQuoted(s);
}

const isScalar = (v) => v === null || typeof v !== "object" || isFraction(v);
const flowMap = (o, dates) => `{${Object.entries(o).map(([k, x]) => `${k}: ${scalar(x, true, dates.includes(k))}`).join(", ")}}`;

// One top-level field as yaml.dump({key: value}, default_flow_style=None) writes it.
function fieldText(key, v, dates) {
  const own = dates.includes(key);
  if (isScalar(v)) return `${key}: ${scalar(v, false, own)}\n`;
  if (Array.isArray(v)) {
    if (v.every(isScalar)) return `${key}: [${v.map((x) => scalar(x, true, own)).join(", ")}]\n`;
    return `${key}:\n${v.map((x) => `- ${isScalar(x) ? scalar(x, false) : flowMap(x, dates)}\n`).join("")}`;
  }
  if (Object.values(v).every(isScalar)) return `${key}: ${flowMap(v, dates)}\n`;
  let out = `${key}:\n`;  // a mapping holding collections (hasil): block style, two spaces in
  for (const [k, x] of Object.entries(v)) {
    if (isScalar(x)) out += `  ${k}: ${scalar(x, false)}\n`;
    else if (Array.isArray(x)) out += x.every(isScalar) ? `  ${k}: [${x.map((y) => scalar(y, true)).join(", ")}]\n`
      : `  ${k}:\n${x.map((y) => `  - ${flowMap(y, dates)}\n`).join("")}`;
    else out += `  ${k}: ${flowMap(x, dates)}\n`;
  }
  return out;
}

const DEFAULTS = { status: "aktif", contoh: false, kelengkapan: "lengkap" };
const empty = (v) => v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)
  || (typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length);

// Keys of a record, contact or result in the schema's order, empty parts left out (scaffold._ordered).
function ordered(node, v) {
  const parts = (item, props) => Object.fromEntries(Object.keys(props).filter((p) => !empty(item[p])).map((p) => [p, item[p]]));
  const item = node?.anyOf?.find((n) => n.type === "array")?.items || node?.items;
  if (Array.isArray(v) && item?.properties) return v.map((x) => (isScalar(x) ? x : parts(x, item.properties)));
  if (!Array.isArray(v) && typeof v === "object" && node?.properties) {
    const out = {};
    for (const [k, sub] of Object.entries(node.properties)) {
      if (empty(v[k])) continue;
      const subItem = sub.items || sub.anyOf?.find((n) => n.type === "array")?.items;
      out[k] = Array.isArray(v[k]) && subItem?.properties ? v[k].map((x) => parts(x, subItem.properties))
        : typeof v[k] === "object" && sub.properties ? parts(v[k], sub.properties) : v[k];
    }
    return out;
  }
  return v;
}

// Date-valued keys: the top-level dates and a source's access date (written unquoted, as dates are).
const dateKeys = (schema) => [...Object.entries(schema.properties).filter(([, n]) => n["x-code"] === "invalid-date")
  .map(([k]) => k), "diakses"];

export function frontText(schema, values) {
  const dates = dateKeys(schema);
  let out = "";
  for (const [key, node] of Object.entries(schema.properties)) {
    const v = values[key];
    if (empty(v) || DEFAULTS[key] === v) continue;
    out += fieldText(key, ordered(node, v), dates);
  }
  return out;
}

export function entryFile(schema, values, body) {
  return `---\n${frontText(schema, values)}---\n${body.trim()}\n`;
}
