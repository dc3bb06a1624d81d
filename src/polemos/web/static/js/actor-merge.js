/* Merging another actor into this one: the other becomes an alias, in every document and
   after any re-extraction. Suggestions come from the store's actors, by name. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.actor-merge");
  if (!form) return;
  const output = form.querySelector("output");
  const input = form.elements.alias;
  const options = document.getElementById(input.getAttribute("list"));
  const tokenInput = form.querySelector(".token-input");
  form.elements.reviewer.value = localStorage.getItem("polemos.reviewer") || "";
  if (tokenInput) tokenInput.value = sessionStorage.getItem("polemos.token") || "";
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value.trim().length < 2) return;
      const answer = await window.polemos.getJSON("/api/actors", "q=" + encodeURIComponent(input.value.trim()) + "&limit=10").catch(() => null);
      if (!answer) return;
      options.replaceChildren(...answer.items.filter((actor) => actor.id !== form.dataset.actor).map((actor) =>
        window.polemos.el("option", { value: actor.name, label: [actor.kind, actor.country, actor.id].filter(Boolean).join(" · ") })));
    }, 150);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const token = tokenInput ? tokenInput.value.trim() : "";
    if (token) headers.Authorization = "Bearer " + token;
    const reviewer = form.elements.reviewer.value.trim();
    if (reviewer) localStorage.setItem("polemos.reviewer", reviewer);
    output.textContent = "merging…";
    const response = await fetch("/api/actors/" + encodeURIComponent(input.value.trim()) + "/merge", {
      method: "POST", headers: headers, credentials: "same-origin",
      body: JSON.stringify({ into: form.dataset.actor, reviewer: reviewer || null }),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      output.textContent = "not merged: " + (answer.error || response.statusText);
      output.classList.add("failed");
      return;
    }
    window.location.reload();  // its mentions, events and documents are this actor's now
  });
});
