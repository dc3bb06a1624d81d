/* The actor network (Cytoscape.js): actors as nodes, linked by the events between them
   (actor → recipient) or by being named in one sentence. Click an actor or a link for details. */
"use strict";

(function () {
  const { el, getJSON, joinQuery } = window.polemos;
  const SECTOR_COLOURS = { MIL: "#c0392b", GOV: "#1f618d", REB: "#e67e22", CVL: "#27ae60", IGO: "#8e44ad", NGO: "#17a589" };

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

  function edgeCard(container, data, basis) {
    const count = basis === "events" ? data.weight + " events" : data.weight + " sentences";
    card(container, [
      el("h3", {}, data.sourceName + (basis === "events" ? " → " : " — ") + data.targetName),
      el("p", {}, count + (data.types ? " · " + data.types : "")),
      el("p", {}, el("a", { href: "/events?actor=" + encodeURIComponent(data.source) }, "events of " + data.sourceName)),
    ]);
  }

  /* Force-directed for sparse networks; a dense one (every actor tied to most others) reads
     better as a circle. */
  function layoutFor(nodes, edges) {
    if (edges > 2.5 * nodes && nodes <= 60) return { name: "circle", padding: 60, avoidOverlap: true };
    return { name: "cose", animate: false, padding: 40, nodeRepulsion: () => 1000000, idealEdgeLength: () => 120,
      edgeElasticity: () => 60, gravity: 0.3, numIter: 2000 };
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
    } catch (error) {
      status.textContent = error.message;
      return;
    }
    if (!answer.edges.length) {
      status.textContent = basis === "events" ? "no events join two actors here; try linking by sentence" : "no actors named together";
      container.replaceChildren();
      return;
    }
    status.textContent = answer.nodes.length + " actors, " + answer.edges.length + " links";
    const names = Object.fromEntries(answer.nodes.map((n) => [n.id, n.name]));
    const heaviest = Math.max(...answer.edges.map((e) => e.events || e.sentences || 1));
    const elements = [
      ...answer.nodes.map((n) => ({ data: { id: n.id, label: n.name, colour: colour(n), country: n.country, kind: n.kind } })),
      ...answer.edges.map((e, i) => ({ data: {
        id: "edge" + i, source: e.source, target: e.target, weight: e.events || e.sentences || 1,
        types: (e.types || []).join(", "), sourceName: names[e.source] || e.source, targetName: names[e.target] || e.target,
      } })),
    ];
    const cy = cytoscape({
      container: container,
      elements: elements,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 14, "min-zoomed-font-size": 6, "text-valign": "bottom",
          "text-margin-y": 4, width: 18, height: 18, color: "#1d2327", "text-wrap": "wrap", "text-max-width": 120 } },
        { selector: "edge", style: { width: "mapData(weight, 1, " + heaviest + ", 1, 7)", "line-color": "#9aa5ae", "curve-style": "bezier",
          "target-arrow-shape": basis === "events" ? "triangle" : "none", "target-arrow-color": "#9aa5ae", opacity: 0.55 } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#e0a800", "line-color": "#e0a800", "target-arrow-color": "#e0a800" } },
      ],
      layout: layoutFor(answer.nodes.length, answer.edges.length),
      maxZoom: 2.5,
      minZoom: 0.2,
    });
    cy.on("tap", "node", (event) => nodeCard(side, event.target.data(), query));
    cy.on("tap", "edge", (event) => edgeCard(side, event.target.data(), basis));
    window.polemosNetwork = cy;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("basis").addEventListener("change", draw);
    draw();
  });
})();
