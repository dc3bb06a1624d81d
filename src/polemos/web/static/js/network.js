/* The actor network (Cytoscape.js): actors as nodes, linked by the events between them
   (actor → recipient) or by being named in one sentence. Click an actor or a link for details. */
"use strict";

(function () {
  const { el, getJSON, joinQuery, chip, typeColor, legend } = window.polemos;
  const SECTOR_COLOURS = { MIL: "#c0392b", GOV: "#1f618d", REB: "#e67e22", CVL: "#27ae60", IGO: "#8e44ad", NGO: "#17a589" };
  const SECTOR_NAMES = { MIL: "military", GOV: "government", REB: "rebels", CVL: "civilians", IGO: "international body", NGO: "NGO" };
  const LABELLED = 15; // the strongest actors are named on the graph; the others on hover or click

  function colour(node) {
    const sector = node.sector || (node.id.split(".")[1] || "");
    return SECTOR_COLOURS[sector] || (node.kind === "state" ? "#34495e" : "#7f8c8d");
  }

  function card(container, parts) {
    container.hidden = false;
    container.replaceChildren(...parts);
  }

  function nodeCard(container, data, query) {
    const actorQuery = joinQuery(query.replace(/(^|&)actor=[^&]*/g, ""), "actor=" + encodeURIComponent(data.id));
    card(container, [
      el("h3", {}, data.label),
      el("p", { className: "mono" }, data.id + (data.country ? " · " + data.country : "") + (data.kind ? " · " + data.kind : "")),
      el("p", {}, el("a", { href: "/actors/" + encodeURIComponent(data.id) }, "actor page"), " · ",
        el("a", { href: "/events?" + actorQuery }, "events"), " · ", el("a", { href: "/map?" + actorQuery }, "map")),
    ]);
  }

  function edgeCard(container, data, basis, query) {
    const unit = basis === "events" ? "event" : "sentence";
    const count = data.weight + " " + unit + (data.weight === 1 ? "" : "s");
    const byType = Object.entries(data.typeCounts || {}).sort((a, b) => b[1] - a[1])
      .map(([type, n]) => el("li", {}, chip(type), " " + n));
    const actorQuery = joinQuery(query.replace(/(^|&)actor=[^&]*/g, ""), "actor=" + encodeURIComponent(data.source));
    const events = el("div", { className: "link-events" });
    card(container, [
      el("h3", {}, data.sourceName + (basis === "events" ? " → " : " — ") + data.targetName),
      el("p", {}, count),
      byType.length ? el("ul", { className: "type-counts" }, ...byType) : null,
      events,
      el("p", {}, el("a", { href: "/events?" + actorQuery }, "all events of " + data.sourceName)),
    ]);
    if (basis === "events" && !/(^|&)view=reports/.test(query)) linkEvents(events, data, query);
  }

  /* The real events of a link, newest first, each leading to its sources. */
  async function linkEvents(container, data, query) {
    container.replaceChildren(el("p", { className: "muted" }, "loading the events…"));
    try {
      const answer = await getJSON("/api/network/link", joinQuery(query, "source=" + encodeURIComponent(data.source),
        "target=" + encodeURIComponent(data.target), "limit=20"));
      const rows = answer.items.map((item) => el("li", {}, chip(item.type), " ",
        el("a", { href: "/canonical/" + encodeURIComponent(item.id) },
          (item.date_begin || "undated") + " · " + (item.place_name || "no place")
          + (item.dead ? " · " + item.dead + " dead" : "") + (item.sources > 1 ? " · " + item.sources + " sources" : ""))));
      const more = answer.total > answer.items.length
        ? [el("p", { className: "muted small" }, "latest " + answer.items.length + " of " + answer.total)] : [];
      container.replaceChildren(el("ol", { className: "link-event-list" }, ...rows), ...more);
    } catch (error) {
      container.replaceChildren(el("p", { className: "error-message" }, error.message));
    }
  }

  function swatch(colour) {
    const mark = el("span", { className: "swatch" });
    mark.style.backgroundColor = colour; // through the CSSOM, which the page's CSP allows
    return mark;
  }

  /* What the drawing means, shown until something is selected. */
  function explain(container, answer, basis) {
    const sectors = Object.entries(SECTOR_COLOURS).map(([code, colour]) =>
      el("li", {}, swatch(colour), " " + SECTOR_NAMES[code] + " (" + code + ")"));
    card(container, [
      el("h3", {}, "Reading the network"),
      el("p", {}, basis === "events"
        ? "An arrow runs from an actor to the recipient of its events; its width is their number, its colour their most frequent type."
        : "A line joins two actors named in one sentence; its width is the number of sentences."),
      el("p", {}, "Circle size: how many events an actor takes part in. The " + LABELLED + " busiest actors are named; hover or click the others."),
      el("ul", { className: "sector-legend" }, ...sectors,
        el("li", {}, swatch("#34495e"), " a state"),
        el("li", {}, swatch("#7f8c8d"), " other")),
      el("p", { className: "muted" }, "Click an actor or a link for its events."),
    ]);
  }

  /* Always on show: what the colours of the links mean, and what is counted. */
  function edgeLegend(container, answer, basis) {
    if (basis !== "events") {
      container.replaceChildren();
      return;
    }
    const types = Array.from(new Set(answer.edges.flatMap((e) => Object.keys(e.type_counts || {})))).sort();
    const chips = el("div", { className: "legend-list" });
    legend(chips, types);
    container.replaceChildren(el("h3", {}, "Link colour: the most frequent event type"), chips,
      el("p", { className: "muted small" }, answer.view === "reports"
        ? "Counting each document's report: one event told by three documents counts three times."
        : "Counting real events: each once, however many documents report it."));
  }

  /* Force-directed for sparse networks; a dense one (every actor tied to most others) reads
     better as a circle. */
  function layoutFor(nodes, edges) {
    if (edges > 2.5 * nodes && nodes <= 60) return { name: "circle", padding: 60, avoidOverlap: true };
    return { name: "cose", animate: false, padding: 40, nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 1000000, idealEdgeLength: () => 120,
      edgeElasticity: () => 60, gravity: 0.3, numIter: 2000 };
  }

  /* Names stay 12 px on screen at any zoom: fitting a large network zooms out, which would
     otherwise shrink them below reading size. */
  function keepLabelsReadable(cy) {
    const resize = () => {
      const zoom = cy.zoom();
      cy.style().selector("node").style({ "font-size": 12 / zoom, "text-max-width": 120 / zoom, "text-margin-y": 3 / zoom }).update();
    };
    cy.on("zoom", resize);
    resize();
  }

  async function draw() {
    const container = document.getElementById("network");
    const query = container.dataset.query || "";
    const basis = document.getElementById("basis").value;
    const status = document.getElementById("network-status");
    const side = document.getElementById("network-card");
    let answer;
    try {
      answer = await getJSON("/api/network", joinQuery(query, "basis=" + basis, "limit=300"));
      edgeLegend(document.getElementById("network-legend"), answer, basis);
    } catch (error) {
      status.textContent = error.message;
      return;
    }
    if (!answer.edges.length) {
      status.textContent = basis === "events" ? "no events join two actors here; try linking by sentence" : "no actors named together";
      container.replaceChildren();
      return;
    }
    status.textContent = answer.nodes.length + " actors, " + answer.edges.length + " links"
      + (basis === "events" ? (answer.view === "reports" ? ", counting each report" : ", counting each real event once") : "");
    const names = Object.fromEntries(answer.nodes.map((n) => [n.id, n.name]));
    const heaviest = Math.max(...answer.edges.map((e) => e.events || e.sentences || 1));
    const strength = {};
    for (const e of answer.edges) {
      for (const id of [e.source, e.target]) strength[id] = (strength[id] || 0) + (e.events || e.sentences || 1);
    }
    const named = new Set(Object.entries(strength).sort((a, b) => b[1] - a[1]).slice(0, LABELLED).map(([id]) => id));
    const strongest = Math.max(1, ...Object.values(strength));
    const mainType = (counts) => Object.entries(counts || {}).sort((a, b) => b[1] - a[1]).map(([type]) => type)[0];
    const elements = [
      ...answer.nodes.map((n) => ({ data: { id: n.id, label: n.name, shown: named.has(n.id) ? n.name : "", colour: colour(n),
        country: n.country, kind: n.kind, strength: strength[n.id] || 1 } })),
      ...answer.edges.map((e, i) => ({ data: {
        id: "edge" + i, source: e.source, target: e.target, weight: e.events || e.sentences || 1,
        types: (e.types || []).join(", "), typeCounts: e.type_counts || {},
        colour: basis === "events" && mainType(e.type_counts) ? typeColor(mainType(e.type_counts)) : "#9aa5ae",
        sourceName: names[e.source] || e.source, targetName: names[e.target] || e.target,
      } })),
    ];
    const cy = cytoscape({
      container: container,
      elements: elements,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(shown)", "font-size": 14, "min-zoomed-font-size": 6, "text-valign": "bottom",
          "text-margin-y": 4, width: "mapData(strength, 1, " + strongest + ", 14, 40)", height: "mapData(strength, 1, " + strongest + ", 14, 40)",
          color: "#1d2327", "text-wrap": "wrap", "text-max-width": 120 } },
        { selector: "node.hovered, node:selected", style: { label: "data(label)", "z-index": 10 } },
        { selector: "edge", style: { width: "mapData(weight, 1, " + heaviest + ", 1, 7)", "line-color": "data(colour)", "curve-style": "bezier",
          "target-arrow-shape": basis === "events" ? "triangle" : "none", "target-arrow-color": "data(colour)", opacity: 0.6 } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#e0a800", "line-color": "#e0a800", "target-arrow-color": "#e0a800" } },
      ],
      layout: layoutFor(answer.nodes.length, answer.edges.length),
      maxZoom: 2.5,
      minZoom: 0.2,
    });
    keepLabelsReadable(cy);
    explain(side, answer, basis);
    cy.on("tap", "node", (event) => nodeCard(side, event.target.data(), query));
    cy.on("tap", "edge", (event) => edgeCard(side, event.target.data(), basis, query));
    cy.on("tap", (event) => { if (event.target === cy) explain(side, answer, basis); });
    cy.on("mouseover", "node", (event) => event.target.addClass("hovered"));
    cy.on("mouseout", "node", (event) => event.target.removeClass("hovered"));
    window.polemosNetwork = cy;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("basis").addEventListener("change", draw);
    draw();
  });
})();
