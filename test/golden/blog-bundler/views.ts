/** The MCP Apps views (HTML served as ui:// resources by runtime/apps/resources.ts), from mcp-gen's templates/apps/. */
import type { ViewSources } from './runtime/apps/resources';

export const views: ViewSources = {
  table: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rows</title>
<style>
/* Host theme variables (hostContext.styles.variables) win; the fallbacks follow light/dark. */
:root {
  color-scheme: light;
  --bg: var(--color-background-primary, #ffffff);
  --bg2: var(--color-background-secondary, #f4f4f5);
  --fg: var(--color-text-primary, #18181b);
  --fg2: var(--color-text-secondary, #52525b);
  --line: var(--color-border-primary, #e4e4e7);
  --accent: var(--color-text-info, #2563eb);
  --bar: var(--color-background-info, #3b82f6);
  --warn: var(--color-text-warning, #a16207);
  --radius: var(--border-radius-md, 6px);
  --font: var(--font-sans, system-ui, -apple-system, "Segoe UI", sans-serif);
  --mono: var(--font-mono, ui-monospace, "SF Mono", Menlo, monospace);
  --size: var(--font-text-sm-size, 13px);
}
:root[data-theme="dark"] {
  color-scheme: dark;
  --bg: var(--color-background-primary, #18181b);
  --bg2: var(--color-background-secondary, #27272a);
  --fg: var(--color-text-primary, #f4f4f5);
  --fg2: var(--color-text-secondary, #a1a1aa);
  --line: var(--color-border-primary, #3f3f46);
  --accent: var(--color-text-info, #60a5fa);
  --bar: var(--color-background-info, #3b82f6);
  --warn: var(--color-text-warning, #facc15);
}
/* No viewport-height units: the host sizes the frame from the size the view reports. */
html, body { margin: 0; background: var(--bg); color: var(--fg); font: var(--size)/1.4 var(--font); }
main { padding: 8px; }
.bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 6px; color: var(--fg2); }
.bar .grow { flex: 1; }
button, select { font: inherit; color: var(--fg); background: var(--bg2); border: 1px solid var(--line); border-radius: var(--radius); padding: 2px 8px; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
details.cols { position: relative; }
details.cols > div { position: absolute; right: 0; z-index: 1; background: var(--bg); border: 1px solid var(--line); border-radius: var(--radius); padding: 6px; max-height: 240px; overflow: auto; }
details.cols label { display: block; white-space: nowrap; }
.scroll { overflow: auto; max-height: var(--max-height, none); border: 1px solid var(--line); border-radius: var(--radius); }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
th { background: var(--bg2); font-weight: var(--font-weight-semibold, 600); position: sticky; top: 0; }
th.sort { cursor: pointer; user-select: none; }
th.sort:hover { color: var(--accent); }
td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: var(--mono); }
td.mono { font-family: var(--mono); }
td.null { color: var(--fg2); font-style: italic; }
td details { white-space: normal; }
td pre { margin: 0; font: 12px/1.3 var(--mono); white-space: pre-wrap; max-height: 160px; overflow: auto; }
.note { color: var(--warn); margin-top: 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; }
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: 8px 12px; min-width: 120px; background: var(--bg2); }
.card .k { color: var(--fg2); }
.card .v { font-size: 1.6em; font-variant-numeric: tabular-nums; }
svg text { fill: var(--fg); font: 12px var(--font); }
svg .value { fill: var(--fg2); }
svg rect.b { fill: var(--bar); }
.empty { color: var(--fg2); padding: 8px 0; }
</style>
</head>
<body>
<main id="app"><div class="empty">Waiting for the tool result…</div></main>
<script>
"use strict";
(() => {
const PROTOCOL = "2026-01-26";
const pending = new Map();
let nextId = 1;
let toolInput;
let onResult = () => {};

function post(message) {
  window.parent.postMessage(Object.assign({ jsonrpc: "2.0" }, message), "*");
}

function request(method, params) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post({ id, method, params });
  });
}

/** Calls a server tool through the host; resolves with its CallToolResult. */
function callTool(name, args) {
  return request("tools/call", { name, arguments: args });
}

/** Host theme and CSS variables (only \`--*\` names, only string values). */
function applyContext(context) {
  if (!context || typeof context !== "object") return;
  const root = document.documentElement;
  if (context.theme === "dark" || context.theme === "light") root.dataset.theme = context.theme;
  const vars = context.styles && context.styles.variables;
  if (vars && typeof vars === "object") {
    for (const [name, value] of Object.entries(vars)) {
      if (name.startsWith("--") && typeof value === "string") root.style.setProperty(name, value);
    }
  }
  if (context.locale && typeof context.locale === "string") locale = context.locale;
  const dims = context.containerDimensions;
  if (dims && typeof dims.maxHeight === "number" && dims.maxHeight > 120) root.style.setProperty("--max-height", dims.maxHeight - 56 + "px");
}

function onNotification(method, params) {
  if (method === "ui/notifications/tool-input") toolInput = (params && params.arguments) || {};
  else if (method === "ui/notifications/tool-result") onResult(params || {}, toolInput || {});
  else if (method === "ui/notifications/host-context-changed") applyContext(params);
  else if (method === "ui/notifications/tool-cancelled") showMessage("The tool call was cancelled.");
}

window.addEventListener("message", (event) => {
  if (event.source !== window.parent) return;
  const m = event.data;
  if (!m || m.jsonrpc !== "2.0") return;
  if (m.method === undefined && pending.has(m.id)) {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message || "request failed"));
    else p.resolve(m.result);
  } else if (typeof m.method === "string" && m.id !== undefined) {
    if (m.method === "ui/resource-teardown" || m.method === "ping") post({ id: m.id, result: {} });
    else post({ id: m.id, error: { code: -32601, message: "Method not found" } });
  } else if (typeof m.method === "string") {
    onNotification(m.method, m.params);
  }
});

let lastSize = "";
function reportSize() {
  const rect = document.documentElement.getBoundingClientRect();
  const size = { width: Math.ceil(rect.width), height: Math.ceil(rect.height) };
  const key = size.width + "x" + size.height;
  if (key === lastSize) return;
  lastSize = key;
  post({ method: "ui/notifications/size-changed", params: size });
}

/** Connects to the host; \`handler(result, input)\` runs for each tool result. */
function connect(name, handler) {
  onResult = handler;
  request("ui/initialize", { appInfo: { name, version: "1.0.0" }, appCapabilities: {}, protocolVersion: PROTOCOL })
    .then((init) => {
      applyContext(init && init.hostContext);
      post({ method: "ui/notifications/initialized", params: {} });
      new ResizeObserver(reportSize).observe(document.documentElement);
      reportSize();
    })
    .catch((error) => showMessage("Could not connect to the host: " + error.message));
}

/** The structured result, or the JSON in its text content (hosts that pass only \`content\`). */
function structuredOf(result) {
  if (result.structuredContent && typeof result.structuredContent === "object") return result.structuredContent;
  const text = (result.content || []).find((c) => c && c.type === "text");
  try {
    return text ? JSON.parse(text.text) : undefined;
  } catch {
    return undefined;
  }
}

/** The view facts the server put in \`_meta\` (column types, paging). */
function viewMetaOf(result) {
  return (result._meta && result._meta["mcp-gen/view"]) || undefined;
}

function errorText(result) {
  const text = (result.content || []).find((c) => c && c.type === "text");
  return text ? String(text.text) : "the tool failed";
}

/** Connects and shows each result with \`show(result, input)\`; an error result as its message. */
function start(name, show) {
  connect(name, (result, input) => (result.isError ? showMessage(errorText(result)) : show(result, input)));
}

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
  return /T00:00:00(\\.0+)?Z$/.test(value) ? dateOnly().format(d) : dateTime().format(d);
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

/** A table cell for \`value\` of \`column\` ({ name, kind, list?, label? }). */
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

const VIEW_ROWS = "view_rows";
const table = { base: undefined, meta: undefined, cursors: [], cursor: undefined, order: undefined, hidden: new Set(), busy: false };

/** The rows a structured result holds, by its shape. */
function rowsOf(data, shape) {
  if (!data || typeof data !== "object") return [];
  if (shape === "page" || (shape === undefined && Array.isArray(data.items))) return Array.isArray(data.items) ? data.items : [];
  if (shape === "item") return data.item ? [data.item] : [];
  if (shape === "result") return Array.isArray(data.result) ? data.result : [];
  return [data];
}

/** The columns to show: the model's (in its order) that the rows hold, then any others they hold. */
function columnsFor(rows, meta) {
  const present = new Set(rows.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : [])));
  const known = ((meta && meta.columns) || []).filter((c) => present.has(c.name));
  const names = new Set(known.map((c) => c.name));
  return known.concat([...present].filter((n) => !names.has(n)).map((name) => ({ name })));
}

/** \`base\` with \`changes\` made at \`path\` (undefined deletes a key). */
function withArgs(base, path, changes) {
  const copy = JSON.parse(JSON.stringify(base || {}));
  let target = copy;
  for (const key of path) target = target[key] && typeof target[key] === "object" ? target[key] : (target[key] = {});
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  return copy;
}

/** Asks the server for the same rows with another order or cursor. */
async function refetch(changes) {
  const page = table.meta && table.meta.page;
  if (!page || table.busy) return;
  table.busy = true;
  renderTable();
  const args = withArgs(table.base, page.at, changes);
  try {
    const result = await callTool(VIEW_ROWS, { tool: page.tool, arguments: args });
    table.base = args;
    if (result.isError) table.error = errorText(result);
    else accept(result);
  } catch (error) {
    table.error = error.message;
  }
  table.busy = false;
  renderTable();
}

function accept(result) {
  table.error = undefined;
  table.meta = viewMetaOf(result) || table.meta;
  table.data = structuredOf(result);
  table.rows = rowsOf(table.data, table.meta && table.meta.shape);
}

function sortBy(column) {
  const dir = table.order && table.order.name === column.name && table.order.dir === "asc" ? "desc" : "asc";
  table.order = { name: column.name, dir };
  table.cursors = [];
  table.cursor = undefined;
  refetch({ orderBy: [{ [column.name]: dir }], cursor: undefined });
}

function turn(forward) {
  if (forward) {
    table.cursors.push(table.cursor);
    table.cursor = table.data.nextCursor;
  } else {
    table.cursor = table.cursors.pop();
  }
  refetch({ cursor: table.cursor });
}

function columnChooser(columns) {
  const boxes = columns.map((c) => el("label", {}, el("input", {
    type: "checkbox", checked: !table.hidden.has(c.name),
    onchange: (e) => { if (e.target.checked) table.hidden.delete(c.name); else table.hidden.add(c.name); renderTable(); },
  }), " " + c.name));
  return el("details", { class: "cols" }, el("summary", { text: "Columns" }), el("div", {}, ...boxes));
}

function renderTable() {
  const rows = table.rows || [];
  const all = columnsFor(rows, table.meta);
  const columns = all.filter((c) => !table.hidden.has(c.name));
  const page = table.meta && table.meta.page;
  const data = table.data || {};
  const pageNo = table.cursors.length + 1;
  const bar = el("div", { class: "bar" },
    el("span", { class: "grow", text: rows.length + (rows.length === 1 ? " row" : " rows") + (page ? " · page " + pageNo : "") + (table.meta ? " · " + table.meta.model : "") }),
    page ? el("button", { disabled: table.busy || pageNo === 1, onclick: () => turn(false), text: "‹ Prev" }) : undefined,
    page ? el("button", { disabled: table.busy || !data.nextCursor, onclick: () => turn(true), text: "Next ›" }) : undefined,
    all.length > 1 ? columnChooser(all) : undefined);
  const head = el("tr", {}, ...columns.map((c) => {
    const sortable = page && c.sortable;
    const mark = table.order && table.order.name === c.name ? (table.order.dir === "asc" ? " ▲" : " ▼") : "";
    return el("th", { class: sortable ? "sort" : undefined, title: c.kind ? c.kind + (c.list ? "[]" : "") : undefined, onclick: sortable ? () => sortBy(c) : undefined, text: c.name + mark });
  }));
  const body = rows.map((r) => el("tr", {}, ...columns.map((c) => cell(r[c.name], c))));
  const content = rows.length === 0 ? el("div", { class: "empty", text: "No rows." }) : el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), el("tbody", {}, ...body)));
  const notes = [table.error, data.note].filter(Boolean).map((text) => el("div", { class: "note", text }));
  document.getElementById("app").replaceChildren(bar, content, ...notes);
}

/** Shows a rows result (the tool's own, or the chart view's fallback). */
function showTable(result, input) {
  table.base = input;
  table.cursors = [];
  const page = viewMetaOf(result) && viewMetaOf(result).page;
  const prisma = page ? page.at.reduce((a, k) => (a && a[k]) || undefined, input) : undefined;
  table.cursor = prisma ? prisma.cursor : undefined;
  const order = prisma && Array.isArray(prisma.orderBy) && prisma.orderBy[0];
  table.order = order ? { name: Object.keys(order)[0], dir: Object.values(order)[0] } : undefined;
  accept(result);
  renderTable();
}

start("mcp-gen table", showTable);
})();
</script>
</body>
</html>
`,
  chart: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aggregates</title>
<style>
/* Host theme variables (hostContext.styles.variables) win; the fallbacks follow light/dark. */
:root {
  color-scheme: light;
  --bg: var(--color-background-primary, #ffffff);
  --bg2: var(--color-background-secondary, #f4f4f5);
  --fg: var(--color-text-primary, #18181b);
  --fg2: var(--color-text-secondary, #52525b);
  --line: var(--color-border-primary, #e4e4e7);
  --accent: var(--color-text-info, #2563eb);
  --bar: var(--color-background-info, #3b82f6);
  --warn: var(--color-text-warning, #a16207);
  --radius: var(--border-radius-md, 6px);
  --font: var(--font-sans, system-ui, -apple-system, "Segoe UI", sans-serif);
  --mono: var(--font-mono, ui-monospace, "SF Mono", Menlo, monospace);
  --size: var(--font-text-sm-size, 13px);
}
:root[data-theme="dark"] {
  color-scheme: dark;
  --bg: var(--color-background-primary, #18181b);
  --bg2: var(--color-background-secondary, #27272a);
  --fg: var(--color-text-primary, #f4f4f5);
  --fg2: var(--color-text-secondary, #a1a1aa);
  --line: var(--color-border-primary, #3f3f46);
  --accent: var(--color-text-info, #60a5fa);
  --bar: var(--color-background-info, #3b82f6);
  --warn: var(--color-text-warning, #facc15);
}
/* No viewport-height units: the host sizes the frame from the size the view reports. */
html, body { margin: 0; background: var(--bg); color: var(--fg); font: var(--size)/1.4 var(--font); }
main { padding: 8px; }
.bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 6px; color: var(--fg2); }
.bar .grow { flex: 1; }
button, select { font: inherit; color: var(--fg); background: var(--bg2); border: 1px solid var(--line); border-radius: var(--radius); padding: 2px 8px; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
details.cols { position: relative; }
details.cols > div { position: absolute; right: 0; z-index: 1; background: var(--bg); border: 1px solid var(--line); border-radius: var(--radius); padding: 6px; max-height: 240px; overflow: auto; }
details.cols label { display: block; white-space: nowrap; }
.scroll { overflow: auto; max-height: var(--max-height, none); border: 1px solid var(--line); border-radius: var(--radius); }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
th { background: var(--bg2); font-weight: var(--font-weight-semibold, 600); position: sticky; top: 0; }
th.sort { cursor: pointer; user-select: none; }
th.sort:hover { color: var(--accent); }
td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: var(--mono); }
td.mono { font-family: var(--mono); }
td.null { color: var(--fg2); font-style: italic; }
td details { white-space: normal; }
td pre { margin: 0; font: 12px/1.3 var(--mono); white-space: pre-wrap; max-height: 160px; overflow: auto; }
.note { color: var(--warn); margin-top: 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; }
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: 8px 12px; min-width: 120px; background: var(--bg2); }
.card .k { color: var(--fg2); }
.card .v { font-size: 1.6em; font-variant-numeric: tabular-nums; }
svg text { fill: var(--fg); font: 12px var(--font); }
svg .value { fill: var(--fg2); }
svg rect.b { fill: var(--bar); }
.empty { color: var(--fg2); padding: 8px 0; }
</style>
</head>
<body>
<main id="app"><div class="empty">Waiting for the tool result…</div></main>
<script>
"use strict";
(() => {
const PROTOCOL = "2026-01-26";
const pending = new Map();
let nextId = 1;
let toolInput;
let onResult = () => {};

function post(message) {
  window.parent.postMessage(Object.assign({ jsonrpc: "2.0" }, message), "*");
}

function request(method, params) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post({ id, method, params });
  });
}

/** Calls a server tool through the host; resolves with its CallToolResult. */
function callTool(name, args) {
  return request("tools/call", { name, arguments: args });
}

/** Host theme and CSS variables (only \`--*\` names, only string values). */
function applyContext(context) {
  if (!context || typeof context !== "object") return;
  const root = document.documentElement;
  if (context.theme === "dark" || context.theme === "light") root.dataset.theme = context.theme;
  const vars = context.styles && context.styles.variables;
  if (vars && typeof vars === "object") {
    for (const [name, value] of Object.entries(vars)) {
      if (name.startsWith("--") && typeof value === "string") root.style.setProperty(name, value);
    }
  }
  if (context.locale && typeof context.locale === "string") locale = context.locale;
  const dims = context.containerDimensions;
  if (dims && typeof dims.maxHeight === "number" && dims.maxHeight > 120) root.style.setProperty("--max-height", dims.maxHeight - 56 + "px");
}

function onNotification(method, params) {
  if (method === "ui/notifications/tool-input") toolInput = (params && params.arguments) || {};
  else if (method === "ui/notifications/tool-result") onResult(params || {}, toolInput || {});
  else if (method === "ui/notifications/host-context-changed") applyContext(params);
  else if (method === "ui/notifications/tool-cancelled") showMessage("The tool call was cancelled.");
}

window.addEventListener("message", (event) => {
  if (event.source !== window.parent) return;
  const m = event.data;
  if (!m || m.jsonrpc !== "2.0") return;
  if (m.method === undefined && pending.has(m.id)) {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message || "request failed"));
    else p.resolve(m.result);
  } else if (typeof m.method === "string" && m.id !== undefined) {
    if (m.method === "ui/resource-teardown" || m.method === "ping") post({ id: m.id, result: {} });
    else post({ id: m.id, error: { code: -32601, message: "Method not found" } });
  } else if (typeof m.method === "string") {
    onNotification(m.method, m.params);
  }
});

let lastSize = "";
function reportSize() {
  const rect = document.documentElement.getBoundingClientRect();
  const size = { width: Math.ceil(rect.width), height: Math.ceil(rect.height) };
  const key = size.width + "x" + size.height;
  if (key === lastSize) return;
  lastSize = key;
  post({ method: "ui/notifications/size-changed", params: size });
}

/** Connects to the host; \`handler(result, input)\` runs for each tool result. */
function connect(name, handler) {
  onResult = handler;
  request("ui/initialize", { appInfo: { name, version: "1.0.0" }, appCapabilities: {}, protocolVersion: PROTOCOL })
    .then((init) => {
      applyContext(init && init.hostContext);
      post({ method: "ui/notifications/initialized", params: {} });
      new ResizeObserver(reportSize).observe(document.documentElement);
      reportSize();
    })
    .catch((error) => showMessage("Could not connect to the host: " + error.message));
}

/** The structured result, or the JSON in its text content (hosts that pass only \`content\`). */
function structuredOf(result) {
  if (result.structuredContent && typeof result.structuredContent === "object") return result.structuredContent;
  const text = (result.content || []).find((c) => c && c.type === "text");
  try {
    return text ? JSON.parse(text.text) : undefined;
  } catch {
    return undefined;
  }
}

/** The view facts the server put in \`_meta\` (column types, paging). */
function viewMetaOf(result) {
  return (result._meta && result._meta["mcp-gen/view"]) || undefined;
}

function errorText(result) {
  const text = (result.content || []).find((c) => c && c.type === "text");
  return text ? String(text.text) : "the tool failed";
}

/** Connects and shows each result with \`show(result, input)\`; an error result as its message. */
function start(name, show) {
  connect(name, (result, input) => (result.isError ? showMessage(errorText(result)) : show(result, input)));
}

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
  return /T00:00:00(\\.0+)?Z$/.test(value) ? dateOnly().format(d) : dateTime().format(d);
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

/** A table cell for \`value\` of \`column\` ({ name, kind, list?, label? }). */
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

const VIEW_ROWS = "view_rows";
const table = { base: undefined, meta: undefined, cursors: [], cursor: undefined, order: undefined, hidden: new Set(), busy: false };

/** The rows a structured result holds, by its shape. */
function rowsOf(data, shape) {
  if (!data || typeof data !== "object") return [];
  if (shape === "page" || (shape === undefined && Array.isArray(data.items))) return Array.isArray(data.items) ? data.items : [];
  if (shape === "item") return data.item ? [data.item] : [];
  if (shape === "result") return Array.isArray(data.result) ? data.result : [];
  return [data];
}

/** The columns to show: the model's (in its order) that the rows hold, then any others they hold. */
function columnsFor(rows, meta) {
  const present = new Set(rows.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : [])));
  const known = ((meta && meta.columns) || []).filter((c) => present.has(c.name));
  const names = new Set(known.map((c) => c.name));
  return known.concat([...present].filter((n) => !names.has(n)).map((name) => ({ name })));
}

/** \`base\` with \`changes\` made at \`path\` (undefined deletes a key). */
function withArgs(base, path, changes) {
  const copy = JSON.parse(JSON.stringify(base || {}));
  let target = copy;
  for (const key of path) target = target[key] && typeof target[key] === "object" ? target[key] : (target[key] = {});
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  return copy;
}

/** Asks the server for the same rows with another order or cursor. */
async function refetch(changes) {
  const page = table.meta && table.meta.page;
  if (!page || table.busy) return;
  table.busy = true;
  renderTable();
  const args = withArgs(table.base, page.at, changes);
  try {
    const result = await callTool(VIEW_ROWS, { tool: page.tool, arguments: args });
    table.base = args;
    if (result.isError) table.error = errorText(result);
    else accept(result);
  } catch (error) {
    table.error = error.message;
  }
  table.busy = false;
  renderTable();
}

function accept(result) {
  table.error = undefined;
  table.meta = viewMetaOf(result) || table.meta;
  table.data = structuredOf(result);
  table.rows = rowsOf(table.data, table.meta && table.meta.shape);
}

function sortBy(column) {
  const dir = table.order && table.order.name === column.name && table.order.dir === "asc" ? "desc" : "asc";
  table.order = { name: column.name, dir };
  table.cursors = [];
  table.cursor = undefined;
  refetch({ orderBy: [{ [column.name]: dir }], cursor: undefined });
}

function turn(forward) {
  if (forward) {
    table.cursors.push(table.cursor);
    table.cursor = table.data.nextCursor;
  } else {
    table.cursor = table.cursors.pop();
  }
  refetch({ cursor: table.cursor });
}

function columnChooser(columns) {
  const boxes = columns.map((c) => el("label", {}, el("input", {
    type: "checkbox", checked: !table.hidden.has(c.name),
    onchange: (e) => { if (e.target.checked) table.hidden.delete(c.name); else table.hidden.add(c.name); renderTable(); },
  }), " " + c.name));
  return el("details", { class: "cols" }, el("summary", { text: "Columns" }), el("div", {}, ...boxes));
}

function renderTable() {
  const rows = table.rows || [];
  const all = columnsFor(rows, table.meta);
  const columns = all.filter((c) => !table.hidden.has(c.name));
  const page = table.meta && table.meta.page;
  const data = table.data || {};
  const pageNo = table.cursors.length + 1;
  const bar = el("div", { class: "bar" },
    el("span", { class: "grow", text: rows.length + (rows.length === 1 ? " row" : " rows") + (page ? " · page " + pageNo : "") + (table.meta ? " · " + table.meta.model : "") }),
    page ? el("button", { disabled: table.busy || pageNo === 1, onclick: () => turn(false), text: "‹ Prev" }) : undefined,
    page ? el("button", { disabled: table.busy || !data.nextCursor, onclick: () => turn(true), text: "Next ›" }) : undefined,
    all.length > 1 ? columnChooser(all) : undefined);
  const head = el("tr", {}, ...columns.map((c) => {
    const sortable = page && c.sortable;
    const mark = table.order && table.order.name === c.name ? (table.order.dir === "asc" ? " ▲" : " ▼") : "";
    return el("th", { class: sortable ? "sort" : undefined, title: c.kind ? c.kind + (c.list ? "[]" : "") : undefined, onclick: sortable ? () => sortBy(c) : undefined, text: c.name + mark });
  }));
  const body = rows.map((r) => el("tr", {}, ...columns.map((c) => cell(r[c.name], c))));
  const content = rows.length === 0 ? el("div", { class: "empty", text: "No rows." }) : el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), el("tbody", {}, ...body)));
  const notes = [table.error, data.note].filter(Boolean).map((text) => el("div", { class: "note", text }));
  document.getElementById("app").replaceChildren(bar, content, ...notes);
}

/** Shows a rows result (the tool's own, or the chart view's fallback). */
function showTable(result, input) {
  table.base = input;
  table.cursors = [];
  const page = viewMetaOf(result) && viewMetaOf(result).page;
  const prisma = page ? page.at.reduce((a, k) => (a && a[k]) || undefined, input) : undefined;
  table.cursor = prisma ? prisma.cursor : undefined;
  const order = prisma && Array.isArray(prisma.orderBy) && prisma.orderBy[0];
  table.order = order ? { name: Object.keys(order)[0], dir: Object.values(order)[0] } : undefined;
  accept(result);
  renderTable();
}

const OPS = { _count: "count", _sum: "sum", _avg: "average", _min: "min", _max: "max" };
const SVG = "http://www.w3.org/2000/svg";

/** One group → its key fields and its measures ({ label, value }). */
function splitGroup(group) {
  const keys = {};
  const measures = [];
  for (const [name, value] of Object.entries(group || {})) {
    if (OPS[name] && value && typeof value === "object") {
      for (const [field, v] of Object.entries(value)) measures.push({ id: name + "." + field, label: OPS[name] + " of " + (field === "_all" ? "rows" : field), field, value: v });
    } else if (name === "count" && typeof value === "number") {
      measures.push({ id: "count", label: "count", field: "_all", value });
    } else {
      keys[name] = value;
    }
  }
  return { keys, measures };
}

const numberOf = (v) => (v === null || v === undefined || v === "" ? NaN : Number(v));

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function kindOf(meta, field) {
  const column = meta && (meta.columns || []).find((c) => c.name === field);
  return column ? column.kind : undefined;
}

function cards(measures, meta) {
  return el("div", { class: "cards" }, ...measures.map((m) => el("div", { class: "card" },
    el("div", { class: "k", text: m.label }),
    el("div", { class: "v", text: textOf(m.value, kindOf(meta, m.field) || guessKind(m.value)) }))));
}

function barChart(groups, measureId, meta) {
  const rows = groups.map((g) => {
    const { keys, measures } = splitGroup(g);
    const m = measures.find((x) => x.id === measureId);
    const label = Object.entries(keys).map(([k, v]) => textOf(v, kindOf(meta, k) || guessKind(v))).join(" · ") || "(all)";
    return { label, value: m ? m.value : null, field: m ? m.field : undefined };
  });
  const width = Math.max(320, document.getElementById("app").clientWidth - 4);
  const labelWidth = Math.min(Math.round(width * 0.35), 8 + 7 * Math.max(...rows.map((r) => r.label.length)));
  const valueWidth = 90;
  const barSpace = width - labelWidth - valueWidth;
  const max = Math.max(0, ...rows.map((r) => numberOf(r.value)).filter(Number.isFinite));
  const step = 24;
  const chart = svg("svg", { width, height: rows.length * step + 4, viewBox: \`0 0 \${width} \${rows.length * step + 4}\`, role: "img", "aria-label": "bar chart" });
  rows.forEach((r, i) => {
    const y = i * step + 2;
    const n = numberOf(r.value);
    const w = max > 0 && Number.isFinite(n) ? Math.max(1, Math.round((n / max) * barSpace)) : 0;
    const label = r.label.length > labelWidth / 7 ? r.label.slice(0, Math.floor(labelWidth / 7) - 1) + "…" : r.label;
    const title = svg("title", {}, r.label + ": " + textOf(r.value, kindOf(meta, r.field) || guessKind(r.value)));
    chart.append(svg("text", { x: labelWidth - 6, y: y + 15, "text-anchor": "end" }, label));
    const bar = svg("rect", { class: "b", x: labelWidth, y: y + 3, width: w, height: step - 8, rx: 2 });
    bar.append(title);
    chart.append(bar, svg("text", { class: "value", x: labelWidth + w + 6, y: y + 15 }, textOf(r.value, kindOf(meta, r.field) || guessKind(r.value))));
  });
  return chart;
}

let chartState;

function renderChart() {
  const { groups, meta, measureId, note } = chartState;
  const first = splitGroup(groups[0]).measures;
  const numeric = first.filter((m) => groups.some((g) => Number.isFinite(numberOf(splitGroup(g).measures.find((x) => x.id === m.id)?.value))));
  const chooser = numeric.length > 1
    ? el("select", { onchange: (e) => { chartState.measureId = e.target.value; renderChart(); } }, ...numeric.map((m) => el("option", { value: m.id, selected: m.id === measureId, text: m.label })))
    : el("span", { text: numeric[0] ? numeric[0].label : "" });
  const by = Object.keys(splitGroup(groups[0]).keys).join(", ");
  const bar = el("div", { class: "bar" }, el("span", { class: "grow", text: groups.length + " groups by " + by + (meta ? " · " + meta.model : "") }), chooser);
  const notes = note ? [el("div", { class: "note", text: note })] : [];
  document.getElementById("app").replaceChildren(bar, barChart(groups, measureId, meta), ...notes);
}

/** Groups as rows for the table fallback: keys, then \`sum of price\`-style columns. */
function groupRows(groups) {
  return groups.map((g) => {
    const { keys, measures } = splitGroup(g);
    return Object.assign({}, keys, Object.fromEntries(measures.map((m) => [m.label, m.value])));
  });
}

function showAggregate(result, input) {
  const meta = viewMetaOf(result);
  const data = structuredOf(result) || {};
  const shape = (meta && meta.shape) || (Array.isArray(data.groups) ? "groups" : Array.isArray(data.items) ? "page" : "aggregate");
  if (shape === "page" || shape === "row" || shape === "item" || shape === "result") return showTable(result, input);
  const groups = shape === "groups" ? data.groups || [] : [data];
  const grouped = groups.length > 0 && Object.keys(splitGroup(groups[0]).keys).length > 0;
  if (!grouped && groups.length === 1) {
    document.getElementById("app").replaceChildren(cards(splitGroup(groups[0]).measures, meta));
    return;
  }
  const measures = groups.length > 0 ? splitGroup(groups[0]).measures : [];
  const chartable = measures.find((m) => groups.some((g) => Number.isFinite(numberOf(splitGroup(g).measures.find((x) => x.id === m.id)?.value))));
  if (!grouped || !chartable) {
    const columns = (meta && meta.columns) || [];
    return showTable({ structuredContent: { items: groupRows(groups), note: data.note }, _meta: { "mcp-gen/view": { model: meta ? meta.model : "", shape: "page", columns } } }, {});
  }
  chartState = { groups, meta, measureId: chartable.id, note: data.note };
  renderChart();
}

start("mcp-gen chart", showAggregate);
})();
</script>
</body>
</html>
`,
};
