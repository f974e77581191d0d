// Cells: every value is written with textContent (never as HTML), formatted by its column's kind.
let locale;

/** An element with properties and children (strings become text nodes). */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}

function showMessage(text) {
  document.getElementById("app").replaceChildren(el("div", { class: "empty", text }));
}

const dateTime = () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });

/** A DateTime's ISO string → a readable date (midnight UTC: the date alone). */
function formatDate(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return /T00:00:00(\.0+)?Z$/.test(value) ? dateOnly().format(d) : dateTime().format(d);
}

/** The kind a value looks like when the server did not say. */
function guessKind(value) {
  if (typeof value === "number") return "Float";
  if (typeof value === "boolean") return "Boolean";
  if (value !== null && typeof value === "object") return "Json";
  return "String";
}

/** One value as text, by kind (lists: each item). */
function textOf(value, kind) {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value) && kind !== "Json") return value.map((v) => textOf(v, kind)).join(", ");
  switch (kind) {
    case "DateTime": return formatDate(value);
    case "Boolean": return value ? "✓" : "✗";
    case "Bytes": return "bytes (" + Math.floor((String(value).length * 3) / 4) + ")";
    case "Json": return typeof value === "string" ? value : JSON.stringify(value);
    default: return String(value);
  }
}

/** A relation's cell: to-many as a count, to-one as its label. */
function relationText(value, column) {
  if (Array.isArray(value)) return value.length + (value.length === 1 ? " row" : " rows");
  if (value === null || value === undefined) return "null";
  const label = column.label && value[column.label];
  return label === undefined || label === null ? "1 row" : String(label);
}

/** A table cell for `value` of `column` ({ name, kind, list?, label? }). */
function cell(value, column) {
  const kind = column.kind || guessKind(value);
  if (value === null || value === undefined) return el("td", { class: "null", text: "null" });
  if (kind === "relation") {
    const labels = Array.isArray(value) && column.label ? value.map((r) => r && r[column.label]).filter((v) => v != null).join(", ") : undefined;
    return el("td", { title: labels || undefined, text: relationText(value, column) });
  }
  if (kind === "Json" && typeof value === "object") {
    const size = Array.isArray(value) ? value.length + " items" : Object.keys(value).length + " keys";
    return el("td", {}, el("details", {}, el("summary", { text: (Array.isArray(value) ? "[…] " : "{…} ") + size }), el("pre", { text: JSON.stringify(value, null, 2) })));
  }
  const text = textOf(value, kind);
  const numeric = ["Int", "Float", "Decimal", "BigInt"].includes(kind) && !column.list;
  const cls = numeric ? "num" : kind === "Bytes" || kind === "Json" ? "mono" : undefined;
  const title = kind === "DateTime" ? String(value) : text.length > 40 ? text : undefined;
  return el("td", { class: cls, title, text });
}
