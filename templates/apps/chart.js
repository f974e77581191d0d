// The chart: aggregate results. Groups (groupBy) become a horizontal SVG bar chart of one measure
// (a menu picks another), a single aggregate or a count becomes figure cards, and anything else
// (rows from `query`, groups with nothing numeric) falls back to the table.
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
  const chart = svg("svg", { width, height: rows.length * step + 4, viewBox: `0 0 ${width} ${rows.length * step + 4}`, role: "img", "aria-label": "bar chart" });
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

/** Groups as rows for the table fallback: keys, then `sum of price`-style columns. */
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
