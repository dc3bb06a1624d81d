/* The source reader: #event-ID marks that event's evidence and scrolls to its sentence;
   clicking marked evidence shows its events' cards. */
"use strict";

(function () {
  function targetedEvent() {
    const hash = window.location.hash;
    if (!hash.startsWith("#event-")) return null;
    try {
      return decodeURIComponent(hash.slice("#event-".length));
    } catch (error) {
      return null;
    }
  }

  function mark(eventId) {
    document.querySelectorAll(".targeted").forEach((node) => node.classList.remove("targeted"));
    if (!eventId) return;
    const spans = Array.from(document.querySelectorAll(".doc-text .evidence")).filter(
      (span) => (span.dataset.events || "").split(" ").includes(eventId));
    spans.forEach((span) => span.classList.add("targeted"));
    const card = document.getElementById("card-" + eventId);
    if (card) {
      card.classList.add("targeted");
      card.scrollIntoView({ block: "nearest" });
    }
    if (spans.length) spans[0].scrollIntoView({ block: "center" });
  }

  function onEvidenceClick(clickEvent) {
    const span = clickEvent.target.closest(".evidence");
    if (!span || !span.dataset.events) return;
    const first = span.dataset.events.split(" ")[0];
    if (first) window.location.hash = "event-" + encodeURIComponent(first);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const text = document.getElementById("doc-text");
    if (text) text.addEventListener("click", onEvidenceClick);
    mark(targetedEvent());
  });
  window.addEventListener("hashchange", () => mark(targetedEvent()));
})();
