// The view side of MCP Apps (spec 2026-01-26), spoken directly over postMessage: JSON-RPC with the
// host, which relays our tools/call to the server. ui/initialize → apply the host context →
// ui/notifications/initialized; then tool-input and tool-result arrive. Our size goes back with
// ui/notifications/size-changed whenever it changes.
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

/** Host theme and CSS variables (only `--*` names, only string values). */
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
  // A host that caps the frame's height (VS Code) gets a table that scrolls inside that cap.
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
    // Requests from the host: teardown is the only one we answer with a result.
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

/** Connects to the host; `handler(result, input)` runs for each tool result. */
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

/** The structured result, or the JSON in its text content (hosts that pass only `content`). */
function structuredOf(result) {
  if (result.structuredContent && typeof result.structuredContent === "object") return result.structuredContent;
  const text = (result.content || []).find((c) => c && c.type === "text");
  try {
    return text ? JSON.parse(text.text) : undefined;
  } catch {
    return undefined;
  }
}

/** The view facts the server put in `_meta` (column types, paging). */
function viewMetaOf(result) {
  return (result._meta && result._meta["mcp-gen/view"]) || undefined;
}

function errorText(result) {
  const text = (result.content || []).find((c) => c && c.type === "text");
  return text ? String(text.text) : "the tool failed";
}

/** Connects and shows each result with `show(result, input)`; an error result as its message. */
function start(name, show) {
  connect(name, (result, input) => (result.isError ? showMessage(errorText(result)) : show(result, input)));
}
