// Keyboard access to what scrolls sideways: Material wraps tables in a scrolling box after load, and long
// code blocks scroll too; a box that can scroll must be focusable so it can be scrolled without a mouse.
// Named for screen readers after the table's caption or the nearest heading.
function focusable(root) {
  for (const box of root.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code")) {
    if (box.hasAttribute("tabindex")) continue;
    box.setAttribute("tabindex", "0");
    if (box.matches(".md-typeset__scrollwrap")) {
      box.setAttribute("role", "region");
      const heading = box.closest("details")?.querySelector("summary")
        || [...document.querySelectorAll("h1, h2, h3")].filter((h) => h.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
      box.setAttribute("aria-label", `Tabel${heading ? ": " + heading.textContent.replace("¶", "").trim() : ""}`);
    }
  }
}
if (typeof document$ !== "undefined") document$.subscribe(() => focusable(document));
else document.addEventListener("DOMContentLoaded", () => focusable(document));
