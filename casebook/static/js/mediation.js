// Mediation pages: small progressive enhancements. Everything works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function toggle(elements, hidden) {
    elements.forEach(function (el) { el.classList.toggle("is-hidden", hidden); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Print buttons on the agreement and registration form.
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });

    // A party shows the ID number field for a person, the credit code for an organisation.
    document.querySelectorAll("[data-party]").forEach(function (party) {
      var kind = party.querySelector(".party-kind select");
      if (!kind) { return; }
      var update = function () {
        toggle(party.querySelectorAll(".person-only"), kind.value !== "person");
        toggle(party.querySelectorAll(".organisation-only"), kind.value !== "organisation");
      };
      kind.addEventListener("change", update);
      update();
    });

    // The referring body is asked only for referred disputes.
    var sources = document.querySelectorAll("input[name=source]");
    var referral = document.querySelectorAll(".referral-body");
    if (sources.length && referral.length) {
      var updateSource = function () {
        var checked = document.querySelector("input[name=source]:checked");
        toggle(referral, !checked || checked.value !== "referral");
      };
      sources.forEach(function (input) { input.addEventListener("change", updateSource); });
      updateSource();
    }

    // Mediators listed are those of the chosen committee.
    var committee = document.querySelector("select[name=committee_id]");
    var mediators = document.querySelectorAll("#mediator_ids li[data-committees]");
    if (committee && mediators.length) {
      var updateMediators = function () {
        mediators.forEach(function (li) {
          var serves = li.getAttribute("data-committees").split(" ").indexOf(committee.value) >= 0;
          li.classList.toggle("hidden", !serves);
          if (!serves) { li.querySelector("input").checked = false; }
        });
      };
      committee.addEventListener("change", updateMediators);
      updateMediators();
    }

    // The conclusion form asks for what the chosen outcome needs.
    var outcomes = document.querySelectorAll("input[name='conclude-outcome']");
    if (outcomes.length) {
      var needs = {
        success: ["agreement_form", "agreement_on", "agreement_content"],
        failed: ["failure_routes"],
        terminated: ["termination_reason"]
      };
      var all = ["agreement_form", "agreement_on", "agreement_content", "failure_routes", "termination_reason"];
      var updateOutcome = function () {
        var checked = document.querySelector("input[name='conclude-outcome']:checked");
        all.forEach(function (name) {
          var input = document.getElementById("conclude-" + name);
          var box = input && input.closest(".field");
          if (!box) { return; }
          box.classList.add("outcome-field");
          box.classList.toggle("is-hidden", !checked || needs[checked.value].indexOf(name) < 0);
        });
      };
      outcomes.forEach(function (input) { input.addEventListener("change", updateOutcome); });
      updateOutcome();
    }
  });
})();
