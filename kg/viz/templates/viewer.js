/* kg viewer: filters, focus, side panel. Data comes from the JSON block #kg-data.
 * Every string from the data reaches the page through textContent / createTextNode or as a
 * plain-text vis-network title: never parsed as HTML markup. */
(function () {
  "use strict";
  const t0 = performance.now();
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const meta = DATA.meta;
  const $ = (id) => document.getElementById(id);
  const MAX_EVENTS_IN_PANEL = 60;

  const hook = {
    settled: false,
    settleMs: null,
    loadMs: null,
    data: DATA,
    visible: { nodes: 0, edges: 0 },
    errors: [],
  };
  window.kgViewer = hook;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function fmtScore(g) {
    if (g === null || g === undefined) return "n/a";
    return (g > 0 ? "+" : "") + Number(g).toFixed(1);
  }
  function truncate(s, n) {
    s = String(s || "");
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }
  function actorLabel(id) {
    const a = DATA.actors[id];
    return a ? a.label : id;
  }
  function dateSpan(idx) {
    const ds = idx.map((i) => DATA.events[i].date).filter(Boolean).sort();
    if (!ds.length) return "undated";
    return ds[0] === ds[ds.length - 1] ? ds[0] : ds[0] + " – " + ds[ds.length - 1];
  }
  function uniq(list) {
    return Array.from(new Set(list.filter(Boolean)));
  }

  // ------------------------------------------------------------------ tooltips (plain text)
  function edgeTitle(e) {
    if (e.type === "actsFor") return actorLabel(e.from) + " acts for " + actorLabel(e.to);
    const evs = e.events.map((i) => DATA.events[i]);
    const ev = evs[0];
    const arrow = e.symmetric ? " ↔ " : " → ";
    const lines = [
      ev.actorLabel + arrow + ev.targetLabel,
      e.relLabel + " (" + (e.plover || "?") + ", Goldstein " + fmtScore(e.goldstein) + ")",
      e.modality + (e.denied ? ", denied" : "") + " · " + dateSpan(e.events) +
        " · " + e.mentions + (e.mentions === 1 ? " mention" : " mentions"),
    ];
    const says = uniq([].concat(...evs.map((x) => x.says)));
    if (says.length) lines.push("according to: " + says.join(", "));
    const denied = uniq([].concat(...evs.map((x) => x.deniedBy)));
    if (denied.length) lines.push("denied by: " + denied.join(", "));
    const m = evs.find((x) => x.mentions.length);
    if (m) lines.push("“" + truncate(m.mentions[0].sentence, 220) + "”" + (m.mentions[0].doc ? " — " + truncate(m.mentions[0].doc, 80) : ""));
    lines.push("(click for details)");
    return lines.join("\n");
  }
  function nodeTitle(n) {
    if (n.kind === "event") {
      const ev = DATA.events[n.events[0]];
      return edgeTitle({ type: "event", events: n.events, symmetric: ev.symmetric, relLabel: ev.relLabel,
        plover: ev.plover, goldstein: ev.goldstein, modality: ev.modality, denied: ev.denied, mentions: ev.weight });
    }
    const style = meta.nodeStyles[n.kind] || meta.nodeStyles.other;
    return n.label + "\n" + style.label + (n.code ? " (" + n.code + ")" : "") + "\n" +
      n.events + (n.events === 1 ? " event" : " events");
  }

  // ------------------------------------------------------------------ vis data
  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(DATA.edges.map((e) => [e.id, e]));
  const nodes = new vis.DataSet(DATA.nodes.map((n) => ({
    ...(n.x !== undefined ? { x: n.x, y: n.y } : {}),
    id: n.id,
    label: n.label,
    shape: n.shape,
    size: n.size,
    color: { background: n.color, border: n.color, highlight: { background: n.color, border: "#111" }, hover: { background: n.color, border: "#111" } },
    borderWidth: 1,
    font: n.kind === "event"
      ? { size: 10, color: "#555", strokeWidth: 2, strokeColor: "#fff" }
      : { size: meta.big ? 12 : 15, color: "#222", strokeWidth: 4, strokeColor: "#fff", face: "system-ui, sans-serif" },
    title: nodeTitle(n),
    hidden: false,
  })));
  const edges = new vis.DataSet(DATA.edges.map((e) => {
    const item = {
      id: e.id,
      from: e.from,
      to: e.to,
      arrows: e.arrows ? { to: { enabled: true, scaleFactor: 0.6 } } : { to: { enabled: false } },
      dashes: e.dashes,
      width: e.width,
      color: { color: e.color, highlight: e.color, hover: e.color, opacity: e.type === "actsFor" ? 0.7 : 0.9 },
      smooth: e.smooth,
      title: edgeTitle(e),
      hidden: false,
    };
    if (meta.edgeLabels && e.type === "relation") {
      item.label = e.relLabel;
      item.font = { size: 10, color: "#555", strokeWidth: 3, strokeColor: "#fff", align: "horizontal" };
    }
    return item;
  }));

  const options = {
    autoResize: true,
    layout: { improvedLayout: meta.improvedLayout, randomSeed: 7 },
    physics: meta.physics,
    interaction: {
      hover: true,
      tooltipDelay: 120,
      hideEdgesOnDrag: meta.big,
      hideEdgesOnZoom: meta.big,
      navigationButtons: false,
      keyboard: false,
      multiselect: false,
    },
    nodes: { borderWidthSelected: 3 },
    edges: { selectionWidth: 2, hoverWidth: 1, smooth: false },
  };
  const network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, options);

  // ------------------------------------------------------------------ filters
  const filters = {
    relations: new Set(meta.relations.map((r) => r.relation)),
    modalities: new Set(meta.modalities),
    from: "",
    to: "",
    focus: null,
  };
  const hiddenNodes = new Map(DATA.nodes.map((n) => [n.id, false]));
  const hiddenEdges = new Map(DATA.edges.map((e) => [e.id, false]));

  function eventPasses(ev) {
    if (!filters.relations.has(ev.relation)) return false;
    if (!filters.modalities.has(ev.modality)) return false;
    if (filters.from || filters.to) {
      if (!ev.start) return false;
      if (filters.from && ev.end < filters.from) return false;
      if (filters.to && ev.start > filters.to) return false;
    }
    return true;
  }

  function applyFilters() {
    const passing = DATA.events.map(eventPasses);
    const visE = new Set();
    const visN = new Set();
    for (const e of DATA.edges) {
      if (e.type !== "actsFor" && e.events.some((i) => passing[i])) {
        visE.add(e.id); visN.add(e.from); visN.add(e.to);
      }
    }
    for (const e of DATA.edges) {
      if (e.type === "actsFor" && visN.has(e.from)) { visE.add(e.id); visN.add(e.to); }
    }
    if (filters.focus && visN.has(filters.focus)) {
      const adj = new Map();
      for (const id of visE) {
        const e = edgeById.get(id);
        if (!adj.has(e.from)) adj.set(e.from, []);
        if (!adj.has(e.to)) adj.set(e.to, []);
        adj.get(e.from).push(e.to);
        adj.get(e.to).push(e.from);
      }
      const keep = new Set([filters.focus]);
      for (const o of adj.get(filters.focus) || []) {
        keep.add(o);
        if (nodeById.get(o).kind === "event") for (const o2 of adj.get(o) || []) keep.add(o2);
      }
      for (const id of Array.from(visE)) {
        const e = edgeById.get(id);
        if (!(keep.has(e.from) && keep.has(e.to))) visE.delete(id);
      }
      for (const id of Array.from(visN)) if (!keep.has(id)) visN.delete(id);
    }
    const nodeChanges = [];
    for (const [id, was] of hiddenNodes) {
      const hide = !visN.has(id);
      if (hide !== was) { hiddenNodes.set(id, hide); nodeChanges.push({ id: id, hidden: hide }); }
    }
    const edgeChanges = [];
    for (const [id, was] of hiddenEdges) {
      const hide = !visE.has(id);
      if (hide !== was) { hiddenEdges.set(id, hide); edgeChanges.push({ id: id, hidden: hide }); }
    }
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    hook.visible = { nodes: visN.size, edges: visE.size };
    $("counts").textContent = visN.size + " / " + DATA.nodes.length + " nodes · " +
      visE.size + " / " + DATA.edges.length + " edges · " + passing.filter(Boolean).length + " events";
    return hook.visible;
  }

  // controls
  function checkbox(container, value, text, checked, onChange) {
    const label = el("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = value;
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + text));
    label.title = text;
    container.appendChild(label);
    return box;
  }
  const modBox = $("modality-filter");
  for (const m of meta.modalities) {
    const n = DATA.events.filter((e) => e.modality === m).length;
    checkbox(modBox, m, m + " (" + n + ")", true, (on) => {
      if (on) filters.modalities.add(m); else filters.modalities.delete(m);
      applyFilters();
    }).dataset.modality = m;
  }
  const relBox = $("relation-filter");
  const relBoxes = [];
  for (const r of meta.relations) {
    const n = DATA.events.filter((e) => e.relation === r.relation).length;
    const b = checkbox(relBox, r.relation, r.label + " (" + n + ")", true, (on) => {
      if (on) filters.relations.add(r.relation); else filters.relations.delete(r.relation);
      applyFilters();
    });
    b.dataset.relation = r.relation;
    relBoxes.push(b);
  }
  function setAllRelations(on) {
    for (const b of relBoxes) {
      b.checked = on;
      if (on) filters.relations.add(b.value); else filters.relations.delete(b.value);
    }
    applyFilters();
  }
  $("rel-all").addEventListener("click", () => setAllRelations(true));
  $("rel-none").addEventListener("click", () => setAllRelations(false));

  for (const [id, key] of [["date-from", "from"], ["date-to", "to"]]) {
    const input = $(id);
    if (meta.dateMin) input.min = meta.dateMin;
    if (meta.dateMax) input.max = meta.dateMax;
    input.addEventListener("change", () => { filters[key] = input.value || ""; applyFilters(); });
  }

  // search and focus
  const list = $("actor-list");
  const actorNodes = DATA.nodes.filter((n) => n.kind !== "event");
  for (const n of actorNodes.slice().sort((a, b) => a.label.localeCompare(b.label))) {
    const opt = document.createElement("option");
    opt.value = n.label;
    list.appendChild(opt);
  }
  function findActor(q) {
    q = String(q || "").trim().toLowerCase();
    if (!q) return null;
    return actorNodes.find((n) => n.label.toLowerCase() === q) ||
      actorNodes.find((n) => (n.code || "").toLowerCase() === q) ||
      actorNodes.find((n) => n.label.toLowerCase().startsWith(q)) ||
      actorNodes.find((n) => n.label.toLowerCase().includes(q)) || null;
  }
  function focus(id) {
    filters.focus = id;
    applyFilters();
    if (id) {
      const ids = DATA.nodes.filter((n) => !hiddenNodes.get(n.id)).map((n) => n.id);
      network.fit({ nodes: ids, maxZoomLevel: 1.6, animation: false });
      network.selectNodes([id]);
      showNode(id);
    } else {
      network.fit({ maxZoomLevel: 1.6, animation: false });
    }
  }
  function doSearch() {
    const n = findActor($("search").value);
    if (n) { $("status").textContent = "Focused on " + n.label; focus(n.id); }
    else $("status").textContent = "No actor matches that name.";
  }
  $("focus-btn").addEventListener("click", doSearch);
  $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") doSearch(); });
  $("search").addEventListener("change", () => { if (findActor($("search").value)) doSearch(); });
  $("clear-focus").addEventListener("click", () => { $("search").value = ""; $("status").textContent = ""; focus(null); });

  $("physics").addEventListener("change", (ev) => {
    network.setOptions({ physics: { enabled: ev.target.checked } });
  });

  // ------------------------------------------------------------------ side panel
  const body = $("panel-body");
  function dl(pairs) {
    const d = el("dl");
    for (const [k, v] of pairs) {
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
      d.appendChild(el("dt", k));
      const dd = el("dd", Array.isArray(v) ? v.join(", ") : v);
      if (k === "denied by") dd.className = "denied-by";
      d.appendChild(dd);
    }
    return d;
  }
  function eventCard(ev) {
    const card = el("div", null, "event-card");
    const arrow = ev.symmetric ? " ↔ " : " → ";
    card.appendChild(el("div", (ev.date || "undated") + " · " + ev.actorLabel + arrow + ev.targetLabel, "head"));
    card.appendChild(dl([
      ["relation", ev.relLabel + " (" + ev.relation + ")"],
      ["PLOVER", ev.plover],
      ["Goldstein", fmtScore(ev.goldstein)],
      ["modality", ev.modality],
      ["acting person", ev.actorPerson],
      ["target person", ev.targetPerson],
      ["who says so", ev.says],
      ["denied by", ev.deniedBy],
      ["curated", ev.curated ? "yes" : null],
      ["sources", ev.mentions.length ? null : ev.sources],
    ]));
    for (const m of ev.mentions) {
      const q = el("blockquote", null, "evidence");
      q.appendChild(el("span", m.sentence, "sentence"));
      if (m.doc) q.appendChild(el("span", "— " + m.doc, "doc"));
      card.appendChild(q);
    }
    return card;
  }
  function showEvents(idx) {
    const shown = idx.slice(0, MAX_EVENTS_IN_PANEL);
    body.appendChild(el("h3", idx.length === 1 ? "Event" : idx.length + " events"));
    for (const i of shown) body.appendChild(eventCard(DATA.events[i]));
    if (idx.length > shown.length) body.appendChild(el("p", "… and " + (idx.length - shown.length) + " more", "muted"));
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    if (!e) return;
    clear(body);
    $("panel-hint").hidden = true;
    if (e.type === "actsFor") {
      body.appendChild(el("h2", actorLabel(e.from) + " acts for " + actorLabel(e.to)));
      return;
    }
    const arrow = e.symmetric ? " ↔ " : " → ";
    const ev0 = DATA.events[e.events[0]];
    const from = e.type === "event" ? ev0.actorLabel : actorLabel(e.from);
    const to = e.type === "event" ? ev0.targetLabel : actorLabel(e.to);
    body.appendChild(el("h2", from + arrow + to));
    const evs = e.events.map((i) => DATA.events[i]);
    body.appendChild(dl([
      ["relation", e.relLabel + " (" + e.relation + ")"],
      ["PLOVER", e.plover],
      ["Goldstein", fmtScore(e.goldstein)],
      ["modality", e.modality + (e.denied ? " (denied)" : "")],
      ["dates", dateSpan(e.events)],
      ["mentions", String(e.mentions)],
      ["who says so", uniq([].concat(...evs.map((x) => x.says)))],
      ["denied by", uniq([].concat(...evs.map((x) => x.deniedBy)))],
    ]));
    showEvents(e.events);
  }
  function showNode(id) {
    const n = nodeById.get(id);
    if (!n) return;
    clear(body);
    $("panel-hint").hidden = true;
    if (n.kind === "event") {
      body.appendChild(el("h2", DATA.events[n.events[0]].relLabel));
      showEvents(n.events);
      return;
    }
    const style = meta.nodeStyles[n.kind] || meta.nodeStyles.other;
    body.appendChild(el("h2", n.label));
    body.appendChild(dl([["kind", style.label], ["code", n.code], ["events", String(n.events)], ["IRI", n.id]]));
    const conn = DATA.edges.filter((e) => (e.from === id || e.to === id) && !hiddenEdges.get(e.id));
    if (conn.length) body.appendChild(el("h3", "Relations shown (" + conn.length + ")"));
    for (const e of conn.slice(0, 200)) {
      const other = e.from === id ? e.to : e.from;
      const otherNode = nodeById.get(other);
      const otherLabel = otherNode.kind === "event" ? "" : " " + otherNode.label;
      const dir = e.symmetric ? "↔" : e.from === id ? "→" : "←";
      const b = el("button", dir + " " + e.relLabel + (e.modality && e.modality !== "asserted" ? " [" + e.modality + "]" : "") + otherLabel, "neigh");
      b.type = "button";
      b.addEventListener("click", () => { network.selectEdges([e.id]); showEdge(e.id); });
      body.appendChild(b);
    }
  }
  function showNothing() {
    clear(body);
    $("panel-hint").hidden = false;
  }
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else showNothing();
  });
  network.on("hoverEdge", (p) => { hook.hoveredEdge = p.edge; });

  // ------------------------------------------------------------------ layout settles
  function settle() {
    if (hook.settled) return;
    network.setOptions({ physics: { enabled: false } });
    network.fit({ maxZoomLevel: 1.4, animation: false });
    // fit() sees node boxes only: leave room for curved parallel edges and their labels.
    network.moveTo({ scale: network.getScale() * 0.85, animation: false });
    $("physics").checked = false;
    hook.settled = true;
    hook.settleMs = performance.now() - t0;
    hook.settledAt = performance.now();
    $("status").textContent = "";
  }
  network.on("stabilizationProgress", (p) => {
    $("status").textContent = "Laying out… " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  applyFilters();
  if (!DATA.nodes.length) {
    $("status").textContent = "Nothing to show: the store holds no events (or the filters removed them all).";
    settle();
  }

  Object.assign(hook, {
    network: network,
    nodes: nodes,
    edges: edges,
    filters: filters,
    applyFilters: applyFilters,
    focus: focus,
    showEdge: showEdge,
    showNode: showNode,
    setModality: function (m, on) {
      const box = document.querySelector('#modality-filter input[data-modality="' + CSS.escape(m) + '"]');
      if (box) box.checked = on;
      if (on) filters.modalities.add(m); else filters.modalities.delete(m);
      return applyFilters();
    },
    drawnCounts: function () {
      const ns = Object.values(network.body.nodes).filter((n) => nodeById.has(n.id) && !n.options.hidden).length;
      const es = Object.values(network.body.edges).filter((e) => edgeById.has(e.id) && !e.options.hidden).length;
      return { nodes: ns, edges: es };
    },
  });
  hook.loadMs = performance.now() - t0;
})();
