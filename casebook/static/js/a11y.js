// Keyboard and screen-reader help on every page. Everything works without JavaScript; this moves focus where a
// keyboard or screen-reader user needs it next.
(function () {
  "use strict";

  function fieldOf(target) {
    return target.closest(".field") || target;
  }

  document.addEventListener("DOMContentLoaded", function () {
    // After a submission: the error summary (announced, its links lead to the fields), else the messages.
    var summary = document.getElementById("error-summary");
    var flashes = document.getElementById("flashes");
    if (summary) {
      summary.focus();
    } else if (flashes) {
      flashes.focus();
    }

    // An error summary link puts the cursor in its field (opening the panel that holds it).
    document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) { return; }
        event.preventDefault();
        var panel = target.closest("details");
        if (panel) { panel.open = true; }
        fieldOf(target).scrollIntoView({block: "center"});
        target.focus({preventScroll: true});
      });
    });

    // An action panel keeps the cursor on its heading when opened (Tab goes on into its form); Escape closes it
    // and the cursor returns to the heading.
    document.querySelectorAll("details.action").forEach(function (panel) {
      var summary = panel.querySelector("summary");
      panel.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || !panel.open) { return; }
        panel.open = false;
        summary.focus();
      });
    });
  });
})();
