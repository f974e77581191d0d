// The table: rows of a list/get/query result. Columns follow the result and the model's field
// types (from `_meta`); a header click sorts and the buttons page, both through the app-only tool
// (view_rows) with the caller's own arguments, changed; hidden columns are the view's own choice.
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

/** `base` with `changes` made at `path` (undefined deletes a key). */
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
