/* Sources and Watchlists pages: their forms send JSON (the workspace accepts no form posts),
   with the token when the server asks for one. */
"use strict";

(function () {
  const TOKEN_KEY = "polemos.token";

  function show(form, message, failed) {
    const output = form.querySelector("output.form-result");
    output.textContent = message;
    output.classList.toggle("failed", Boolean(failed));
  }

  function body(form) {
    const fields = {};
    for (const name of form.dataset.fields.split(",")) {
      const input = form.elements[name];
      if (!input) continue;
      if (input.type === "checkbox") fields[name] = input.checked;
      else if (input.value.trim() !== "") fields[name] = input.type === "number" ? Number(input.value) : input.value.trim();
    }
    if (form.dataset.filter) fields.filter = JSON.parse(form.dataset.filter);
    const division = form.elements.admin1; // part of the filter: the view's division, or one typed here
    if (division) {
      fields.filter = fields.filter || {};
      if (division.value.trim() !== "") fields.filter.admin1 = division.value.trim();
      else delete fields.filter.admin1;
    }
    return fields;
  }

  async function submit(form) {
    const headers = window.polemos.writeHeaders(form);
    show(form, "working…", false);
    const response = await fetch(form.getAttribute("action"), {
      method: "POST", headers: headers, body: JSON.stringify(body(form)), credentials: "same-origin",
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      show(form, "refused: " + (answer.error || response.statusText), true);
      return;
    }
    if (form.classList.contains("watchlist-form")) {
      show(form, "saved watchlist " + answer.name + (answer.webhook_secret ? "; webhook secret " + answer.webhook_secret : ""), false);
      if (!answer.webhook_secret) window.location.reload();
    } else {
      show(form, answer.status + ": " + (answer.title || answer.doc_id) + " (" + answer.events + " events)", false);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const form of document.querySelectorAll("form.json-form")) {
      const tokenInput = form.querySelector(".token-input");
      if (tokenInput) tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        submit(form).catch((error) => show(form, "failed: " + error.message, true));
      });
    }
  });
})();
