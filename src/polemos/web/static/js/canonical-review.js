/* Review of a canonical event: confirm, reject or correct it, split a report out, merge it
   with another; the page shows the result without a reload (a split or a merge opens the
   event as it now is). Text from the store goes in with textContent only. */
"use strict";

(function () {
  const REVIEWER_KEY = "polemos.reviewer";
  const TOKEN_KEY = "polemos.token";
  const SIZES = ["dead", "injured", "displaced", "arrested"];
  const form = document.querySelector("form.canonical-review");
  const list = (text) => text.split(",").map((part) => part.trim()).filter(Boolean);

  function figure(category, text) {
    const match = text.replace(/,/g, "").trim().match(/^(\d+)(?:\s*[-–]\s*(\d+))?$/);
    if (!match) throw new Error(category + ": write a number or a range such as 3-5");
    return { min: Number(match[1]), max: Number(match[2] || match[1]) };
  }

  function corrections() {
    const value = (name) => (form.elements[name] ? form.elements[name].value.trim() : "");
    const changes = {};
    if (value("type")) changes.type = value("type");
    if (value("actors")) changes.actors = list(value("actors"));
    if (value("recipients")) changes.recipients = list(value("recipients"));
    if (value("place")) changes.place = value("place");
    if (value("date_begin") || value("date_end")) {
      changes.date = { begin: value("date_begin") || value("date_end"), end: value("date_end") || value("date_begin") };
    }
    for (const category of SIZES) {
      if (value(category)) changes.size = Object.assign(changes.size || {}, { [category]: figure(category, value(category)) });
    }
    return changes;
  }

  function show(message, failed) {
    const output = form.querySelector("output.review-result");
    output.textContent = message;
    output.classList.toggle("failed", Boolean(failed));
  }

  function who() {
    const reviewer = form.elements.reviewer.value.trim();
    if (reviewer) localStorage.setItem(REVIEWER_KEY, reviewer);
    return { note: form.elements.note.value.trim() || null, reviewer: reviewer || null };
  }

  async function post(path, body) {
    const headers = window.polemos.writeHeaders(form);
    const response = await fetch(path, { method: "POST", headers: headers, body: JSON.stringify(body), credentials: "same-origin" });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || response.statusText);
    return answer;
  }

  function text(field, value) {
    document.querySelectorAll('[data-field="' + field + '"]').forEach((node) => { node.textContent = value; });
  }

  /* The canonical event as the server now has it. */
  function showEvent(event) {
    const { chip, dateText, figureText } = window.polemos;
    text("actor", (event.actor_names || []).join(", ") || "—");
    text("recipient", (event.recipient_names || []).join(", ") || "—");
    text("date", dateText(event) + (event.date && event.date.precision ? " (" + event.date.precision + ")" : ""));
    const place = event.place || {};
    text("place", (place.name || "—") + (place.country ? " (" + place.country + ")" : ""));
    text("size", Object.entries(event.size || {}).map(([category, f]) => category + " " + figureText(f)
      + (f.rule ? " — " + f.rule : "")).join(" · ") || "—");
    document.querySelectorAll('h1[data-field="type"] .chip').forEach((node) => node.replaceWith(chip(event.type)));
    const status = (event.review || {}).status;
    document.querySelectorAll("h1 .badge[class*=review-]").forEach((badge) => {
      badge.className = "badge review-" + (status || "none");
      badge.textContent = status || "unreviewed";
    });
  }

  function showHistory(entries) {
    const { el } = window.polemos;
    const table = document.querySelector("table.canonical-history");
    table.tBodies[0].replaceChildren(...entries.map((entry) => el("tr", {},
      el("td", {}, entry.reviewed_at), el("td", {}, el("span", { className: "badge review-" + entry.status }, entry.status)),
      el("td", {}, entry.reviewer || ""), el("td", {}, (entry.lines || []).join("; ")), el("td", {}, entry.note || ""))));
    table.hidden = entries.length === 0;
    document.querySelector("p.no-history").hidden = entries.length > 0;
  }

  async function review(status) {
    let changes;
    try {
      changes = status === "corrected" ? corrections() : {};
      show("saving…", false);
      const answer = await post(form.getAttribute("action"), Object.assign({ status: status, changes: changes }, who()));
      show(status + (answer.review.reviewer ? " by " + answer.review.reviewer : "") + " at " + answer.review.reviewed_at, false);
      if (answer.canonical && !document.querySelector('[data-field="actor"]')) {  // restored: open it as it now is
        window.location.assign("/canonical/" + encodeURIComponent(answer.canonical.id));
        return;
      }
      if (answer.canonical) showEvent(answer.canonical);
      else show("rejected: its reports are rejected and it leaves the listings", false);
      showHistory(answer.history || []);
    } catch (error) {
      show("not saved: " + error.message, true);
    }
  }

  async function decide(path, body, whereTo) {
    try {
      show("saving…", false);
      const answer = await post(path, Object.assign(body, who()));
      window.location.assign("/canonical/" + encodeURIComponent(whereTo(answer)));
    } catch (error) {
      show("not saved: " + error.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!form) return;
    if (form.elements.place) window.polemos.placeSuggestions(form.elements.place);
    const id = form.dataset.canonical;
    const base = "/api/canonical-events/" + encodeURIComponent(id);
    form.elements.reviewer.value = form.elements.reviewer.value || localStorage.getItem(REVIEWER_KEY) || "";
    const tokenInput = form.querySelector(".token-input");
    if (tokenInput) tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";
    form.addEventListener("submit", (event) => event.preventDefault());
    form.querySelectorAll("button[data-status]").forEach((button) => button.addEventListener("click", () => review(button.dataset.status)));
    form.querySelectorAll("input.actor-input[list]").forEach(window.polemos.actorAutocomplete);
    document.querySelectorAll("button.split-button").forEach((button) => button.addEventListener("click", () =>
      decide(base + "/split", { report_id: button.dataset.report }, () => id)));
    document.querySelectorAll("button.merge-button").forEach((button) => button.addEventListener("click", () =>
      decide(base + "/merge", { other: button.dataset.other }, (answer) => answer.canonical.id)));
    const merging = document.querySelector("form.merge-form");
    if (merging) merging.addEventListener("submit", (event) => {
      event.preventDefault();
      decide(base + "/merge", { other: merging.elements.other.value.trim() }, (answer) => answer.canonical.id);
    });
  });
})();
