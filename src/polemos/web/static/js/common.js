/* polemos workspace: helpers shared by every page. Text from the store is only ever put in
   the page with textContent or as attribute values, never parsed as HTML. */
"use strict";

window.polemos = (function () {
  const colourCache = {};

  /* The colour of an event type, read from the type stylesheet (made from the event-type
     registry, data/events/types.csv), so the registry stays its one source. */
  function typeColor(type) {
    if (!(type in colourCache)) {
      const probe = el("span", { className: "chip t-" + type });
      probe.style.position = "absolute";
      probe.style.visibility = "hidden";
      document.body.appendChild(probe);
      colourCache[type] = getComputedStyle(probe).backgroundColor || "#566573";
      probe.remove();
    }
    return colourCache[type];
  }

  /* Build an element: el("a", {href: "/x", className: "y"}, "text", childNode, ...). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (["className", "hidden", "title", "href"].includes(key)) node[key] = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  async function getJSON(path, params) {
    const query = params ? "?" + params : "";
    const response = await fetch(path + query, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  function joinQuery(...parts) {
    return parts.filter((part) => part && part.length).join("&");
  }

  function chip(type) {
    return el("span", { className: "chip t-" + type }, type);
  }

  function dateText(event) {
    const d = event.date || {};
    if (d.begin && d.end && d.begin !== d.end) return d.begin + " – " + d.end;
    return d.begin || d.value || "undated";
  }

  function readerLink(event) {
    return "/documents/" + encodeURIComponent(event.doc_id) + "#event-" + encodeURIComponent(event.id);
  }

  /* A size figure as the tables show it: "12", "243–271", "> 100,000" (no upper bound). */
  function figureText(figure) {
    if (!figure || figure.min === undefined || figure.min === null) return "";
    const grouped = (value) => Number(value).toLocaleString("en-US");
    if (figure.max === undefined || figure.max === null) {
      return (/\b(at least|no fewer than|no less than)\b/i.test(figure.text || "") ? "≥ " : "> ") + grouped(figure.min);
    }
    return figure.max === figure.min ? grouped(figure.min) : grouped(figure.min) + "–" + grouped(figure.max);
  }

  /* Who, when, where and the dead of a card: each name beside its value, as the reader's cards. */
  function cardFields(event, who, whom, dead) {
    const fields = [["who", who + (whom ? " → " + whom : "")], ["when", dateText(event)],
      ["where", (event.place_name || "—") + (event.country ? " (" + event.country + ")" : "")]];
    if (dead) fields.push(["dead", dead]);
    return el("dl", { className: "card-fields" }, ...fields.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]));
  }

  /* The card shown when a point on the map or a bar on the timeline is clicked. */
  function eventCard(event) {
    const whom = (event.recipient_names || []).join(", ");
    const who = (event.actor_names || []).join(", ") || (whom ? "unnamed actor" : "—");
    const dead = figureText((event.size || {}).dead);
    const status = event.review ? event.review.status : "unreviewed";
    const evidence = (event.evidence || []).map((span) => span.text).join(" … ");
    const modality = event.modality && event.modality !== "asserted"
      ? el("span", { className: "badge modality modality-" + event.modality, title: "not said to have happened" }, event.modality) : null;
    return el("div", { className: "event-card-body" },
      el("div", { className: "card-head" }, chip(event.type), modality, event.mode ? el("span", { className: "muted" }, event.mode) : null,
        el("span", { className: "badge review-" + (event.review ? status : "none") }, status)),
      cardFields(event, who, whom, dead),
      el("blockquote", { className: "evidence-quote" }, evidence),
      el("div", { className: "card-links" },
        el("a", { href: readerLink(event), className: "to-reader" }, "read the sentence in its source"), " · ",
        el("a", { href: "/events/" + encodeURIComponent(event.id) }, "review")));
  }

  /* A canonical event's card: the consensus, then each source's sentence linked to its reader. */
  function canonicalCard(event) {
    const whom = (event.recipient_names || []).join(", ");
    const who = (event.actor_names || []).join(", ") || (whom ? "unnamed actor" : "—");
    const dead = figureText((event.size || {}).dead);
    const modality = event.modality && event.modality !== "asserted"
      ? el("span", { className: "badge modality modality-" + event.modality, title: "not said to have happened" }, event.modality) : null;
    // One line per document: two reports of one article are one source.
    const seen = new Set();
    const documents = (event.sources || []).filter((source) => !seen.has(source.doc_id) && seen.add(source.doc_id));
    const sources = documents.slice(0, 5).map((source) => el("li", {},
      el("a", { href: readerLink({ doc_id: source.doc_id, id: source.report_id }), className: "to-reader" }, source.doc_title || source.doc_id),
      " ", el("span", { className: "muted" }, source.published || ""),
      el("blockquote", { className: "evidence-quote" }, (source.evidence || []).map((span) => span.text).join(" … "))));
    return el("div", { className: "event-card-body" },
      el("div", { className: "card-head" }, chip(event.type), modality, event.mode ? el("span", { className: "muted" }, event.mode) : null,
        el("span", { className: "badge" }, event.source_count + (event.source_count === 1 ? " source" : " sources"))),
      cardFields(event, who, whom, dead),
      el("ul", { className: "card-sources" }, ...sources),
      el("div", { className: "card-links" }, el("a", { href: "/canonical/" + encodeURIComponent(event.id) }, "all sources and review")));
  }

  function legend(container, types) {
    container.replaceChildren(...types.map((type) => chip(type)));
  }

  /* Click a column header with data-sort to sort the rows on this page. */
  function sortableTables() {
    for (const table of document.querySelectorAll("table.sortable")) {
      table.querySelectorAll("th[data-sort]").forEach((th) => {
        th.addEventListener("click", () => sortBy(table, th));
      });
    }
  }

  function sortBy(table, th) {
    const index = Array.from(th.parentNode.children).indexOf(th);
    const numeric = th.dataset.sort === "number";
    const ascending = !th.classList.contains("sorted-asc");
    table.querySelectorAll("th").forEach((h) => h.classList.remove("sorted-asc", "sorted-desc"));
    th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
    const body = table.tBodies[0];
    const value = (row) => {
      const cell = row.children[index];
      const raw = cell ? (cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim()) : "";
      return numeric ? (raw === "" ? -Infinity : Number(raw)) : raw.toLowerCase();
    };
    const rows = Array.from(body.rows).sort((a, b) => {
      const x = value(a), y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    body.append(...rows);
  }

  /* Suggestions for the actor name being typed after the last comma, from the store's actors:
     the server takes names, so an analyst never types an internal id. */
  function actorAutocomplete(input) {
    const options = document.getElementById(input.getAttribute("list"));
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const typed = input.value;
        const cut = typed.lastIndexOf(",");
        const prefix = cut >= 0 ? typed.slice(0, cut + 1) + " " : "";
        const term = typed.slice(cut + 1).trim();
        if (term.length < 2) return;
        const answer = await getJSON("/api/actors", "q=" + encodeURIComponent(term) + "&limit=10").catch(() => null);
        if (!answer) return;
        options.replaceChildren(...answer.items.map((actor) => el("option", {
          value: prefix + actor.name, label: [actor.kind, actor.country, actor.id].filter(Boolean).join(" · "),
        })));
      }, 150);
    });
  }

  /* The headers of a JSON write from a form: its token, if typed, is sent and kept for the session. */
  function writeHeaders(form) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const tokenInput = form.querySelector(".token-input");
    const token = tokenInput ? tokenInput.value.trim() : "";
    if (token) {
      headers.Authorization = "Bearer " + token;
      sessionStorage.setItem("polemos.token", token);
    }
    return headers;
  }

  /* A correction's place: the places its document (or its sources) name are listed; typing adds
     the places stored documents name, then the gazetteer's, as /api/place-suggestions writes them
     (their division and country telling namesakes apart). */
  function placeSuggestions(input) {
    const options = document.getElementById(input.getAttribute("list"));
    const fixed = Array.from(options.children);
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const term = input.value.trim();
        if (term.length < 2) return;
        const answer = await getJSON("/api/place-suggestions", "q=" + encodeURIComponent(term) + "&limit=12").catch(() => null);
        if (!answer) return;
        options.replaceChildren(...fixed, ...answer.items.map((place) => el("option", { value: place.value, label: place.label })));
      }, 150);
    });
  }

  /* A row of bars wider than its box (an actor's months) opens on its latest ones, as the timeline does. */
  function showLatestBars() {
    document.querySelectorAll(".month-bars").forEach((bars) => { bars.scrollLeft = bars.scrollWidth; });
  }

  document.addEventListener("DOMContentLoaded", sortableTables);
  document.addEventListener("DOMContentLoaded", showLatestBars);

  return { typeColor, el, getJSON, joinQuery, chip, dateText, figureText, readerLink, eventCard, canonicalCard, legend, actorAutocomplete,
    placeSuggestions, writeHeaders };
})();
