/* Review forms: confirm, reject or correct an event through POST /api/events/ID/review.
   The reviewer's name is remembered in this browser; a token (servers bound beyond this
   machine) only for this tab. */
"use strict";

(function () {
  const REVIEWER_KEY = "polemos.reviewer";
  const TOKEN_KEY = "polemos.token";

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
    if (value("dead")) {
      const dead = figure(value("dead"));
      if (!dead) throw new Error("dead: write a number or a range such as 3-5");
      changes.size = { dead: dead };
    }
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
    form.dispatchEvent(new CustomEvent("polemos:reviewed", { bubbles: true, detail: answer }));
  }

  document.addEventListener("DOMContentLoaded", () => {
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
