/* Review forms: confirm, reject or correct an event through POST /api/events/ID/review.
   The reviewer's name is remembered in this browser; a token (servers bound beyond this
   machine) only for this tab. */
"use strict";

(function () {
  const REVIEWER_KEY = "polemos.reviewer";
  const TOKEN_KEY = "polemos.token";
  const SIZES = ["dead", "injured", "arrested", "displaced"];

  function list(text) {
    return text.split(",").map((part) => part.trim()).filter(Boolean);
  }

  function figure(text) {
    const match = text.trim().match(/^(\d+(?:\.\d+)?)(?:\s*[-–]\s*(\d+(?:\.\d+)?))?$/);
    if (!match) return null;
    const low = Number(match[1]);
    return { min: low, max: match[2] ? Number(match[2]) : low };
  }

  function corrections(form) {
    const changes = {};
    const value = (name) => (form.elements[name] ? form.elements[name].value.trim() : "");
    if (value("type")) changes.type = value("type");
    if (value("actors")) changes.actors = list(value("actors"));
    if (value("recipients")) changes.recipients = list(value("recipients"));
    if (value("date_begin") || value("date_end")) {
      const begin = value("date_begin") || value("date_end");
      const end = value("date_end") || begin;
      changes.date = { value: begin === end ? begin : begin + "/" + end, begin: begin, end: end };
    }
    for (const category of SIZES) {
      if (!value(category)) continue;
      const counted = figure(value(category));
      if (!counted) throw new Error(category + ": write a number or a range such as 3-5");
      changes.size = Object.assign(changes.size || {}, { [category]: counted });
    }
    if (value("place")) changes.place = value("place");  // a place its document names, else the gazetteer's
    return changes;
  }

  function show(form, message, failed) {
    const output = form.querySelector("output.review-result");
    output.textContent = message;
    output.classList.toggle("failed", Boolean(failed));
  }

  function updateBadges(form, review) {
    const container = form.closest("section.review-item") || document;
    container.querySelectorAll(".review-state .badge, h1 .badge").forEach((badge) => {
      badge.className = "badge review-" + review.status;
      badge.textContent = review.status;
    });
  }

  async function submit(form, status) {
    const reviewer = form.elements.reviewer.value.trim();
    const tokenInput = form.querySelector(".token-input");
    let changes;
    try {
      changes = status === "corrected" ? corrections(form) : {};
    } catch (error) {
      show(form, error.message, true);
      return;
    }
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const token = tokenInput ? tokenInput.value.trim() : "";
    if (token) {
      headers.Authorization = "Bearer " + token;
      sessionStorage.setItem(TOKEN_KEY, token);
    }
    if (reviewer) localStorage.setItem(REVIEWER_KEY, reviewer);
    const body = { status: status, changes: changes, note: form.elements.note.value.trim() || null, reviewer: reviewer || null };
    show(form, "saving…", false);
    const response = await fetch(form.getAttribute("action"), {
      method: "POST", headers: headers, body: JSON.stringify(body), credentials: "same-origin",
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      show(form, "not saved: " + (answer.error || response.statusText), true);
      return;
    }
    show(form, answer.review.status + (answer.review.reviewer ? " by " + answer.review.reviewer : "") + " at " + answer.review.reviewed_at, false);
    updateBadges(form, answer.review);
    if (answer.event) showEvent(answer.event);  // a canonical event's queue answers with "canonical"
    showHistory();
    form.dispatchEvent(new CustomEvent("polemos:reviewed", { bubbles: true, detail: answer }));
  }

  /* The event as saved, on the page at once: no reload shows stale values. */
  function showEvent(event) {
    const { chip, dateText } = window.polemos;
    const set = (field, value) => document.querySelectorAll('[data-field="' + field + '"]').forEach((node) => {
      if (typeof value === "string") node.textContent = value; else node.replaceChildren(value);
    });
    set("actor", (event.actor_names || []).join(", ") || "—");
    set("recipient", (event.recipient_names || []).join(", ") || "—");
    set("date", dateText(event));
    set("place", (event.place_name || "—") + (event.country ? " (" + event.country + ")" : ""));
    set("size", Object.entries(event.size || {}).filter(([, f]) => f && typeof f === "object")
      .map(([category, f]) => category + " " + (f.max !== undefined && f.max !== null && f.max !== f.min ? f.min + "–" + f.max : f.min))
      .join(" · ") || "—");
    document.querySelectorAll('h1[data-field="type"] .type-chip, h1[data-field="type"] .chip').forEach((node) => node.replaceWith(chip(event.type)));
  }

  /* The event page's history as the server now words it. */
  async function showHistory() {
    const table = document.querySelector("table.review-history[data-history]");
    if (!table) return;
    const answer = await window.polemos.getJSON(table.dataset.history).catch(() => null);
    if (!answer) return;
    const { el } = window.polemos;
    table.tBodies[0].replaceChildren(...answer.items.map((entry) => el("tr", {},
      el("td", {}, entry.reviewed_at), el("td", {}, el("span", { className: "badge review-" + entry.status }, entry.status)),
      el("td", {}, entry.reviewer || ""), el("td", {}, (entry.lines || []).join("; ")), el("td", {}, entry.note || ""))));
    table.hidden = answer.items.length === 0;
    const none = document.querySelector("p.no-history");
    if (none) none.hidden = answer.items.length > 0;
  }

  /* The queue by keyboard: j/k move, c confirms, x rejects, e opens the corrections, o the source. */
  function keyboardQueue() {
    const items = Array.from(document.querySelectorAll("section.review-item"));
    if (!items.length) return;
    let current = 0;
    const focus = (index) => {
      current = Math.max(0, Math.min(items.length - 1, index));
      items.forEach((item, i) => item.classList.toggle("current", i === current));
      items[current].focus({ preventScroll: true });
      items[current].scrollIntoView({ block: "nearest" });
    };
    document.addEventListener("keydown", (event) => {
      if (event.target.closest("input, select, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
      const item = items[current];
      const press = (selector) => { const node = item.querySelector(selector); if (node) node.click(); };
      const actions = {
        j: () => focus(current + 1), k: () => focus(current - 1),
        c: () => { press("button[data-status=confirmed]"); focus(current + 1); },
        x: () => { press("button[data-status=rejected]"); focus(current + 1); },
        e: () => { const details = item.querySelector("details.corrections"); if (details) details.open = true; },
        o: () => press("blockquote a"),
      };
      if (actions[event.key]) {
        event.preventDefault();
        actions[event.key]();
      }
    });
    focus(0);
  }

  document.addEventListener("DOMContentLoaded", () => {
    keyboardQueue();
    document.querySelectorAll("input.actor-input[list]").forEach(window.polemos.actorAutocomplete);
    document.querySelectorAll("form.review-form input[name=place][list]").forEach(window.polemos.placeSuggestions);
    for (const form of document.querySelectorAll("form.review-form")) {
      const remembered = localStorage.getItem(REVIEWER_KEY);
      if (remembered && !form.elements.reviewer.value) form.elements.reviewer.value = remembered;
      const tokenInput = form.querySelector(".token-input");
      if (tokenInput) tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";
      form.addEventListener("submit", (event) => event.preventDefault());
      form.querySelectorAll("button[data-status]").forEach((button) => {
        button.addEventListener("click", () => submit(form, button.dataset.status));
      });
    }
  });
})();
