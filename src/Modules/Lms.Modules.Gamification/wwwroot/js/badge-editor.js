// Progressive enhancement of the badge editor: the page works without this file.
// It redraws the preview as the colour, icon or word change, and shows only the fields the chosen kinds use.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    var form = document.querySelector(".badge-form");
    if (!form) { return; }
    var preview = document.getElementById("badge-preview");
    function value(name) { var el = form.elements[name]; return el ? (el.value || "") : ""; }
    function mode() { var checked = form.querySelector("input[name=ImageMode]:checked"); return checked ? checked.value : "generated"; }
    function redraw() {
      if (!preview || mode() !== "generated") { return; }
      var query = new URLSearchParams({ palette: value("Palette"), icon: value("Icon"), label: value("Label"), name: value("NameJa") });
      preview.src = "/admin/badges/preview.svg?" + query.toString();
    }
    function showImageFields() {
      form.querySelectorAll("[data-image-mode]").forEach(function (el) { el.hidden = el.getAttribute("data-image-mode") !== mode(); });
    }
    function kind() { var checked = form.querySelector("input[name='Criterion.Kind']:checked"); return checked ? checked.value : ""; }
    function showCriteriaFields() {
      var k = kind();
      var combined = k === "all" || k === "any";
      // A field with an error stays visible whatever is chosen, so its message is never hidden.
      form.querySelectorAll(".criteria-leaf [data-kind]").forEach(function (el) {
        var wanted = k === "" || (!combined && el.getAttribute("data-kind") === k);
        el.hidden = !wanted && !el.querySelector(".field-error");
      });
      var parts = form.querySelector("[data-criteria=parts]");
      if (parts) { parts.hidden = !(k === "" || combined) && !parts.querySelector(".field-error"); }
    }
    ["Palette", "Icon", "Label", "NameJa"].forEach(function (name) {
      var el = form.elements[name];
      if (el) { el.addEventListener("input", redraw); el.addEventListener("change", redraw); }
    });
    form.querySelectorAll("input[name=ImageMode]").forEach(function (el) { el.addEventListener("change", function () { showImageFields(); redraw(); }); });
    form.querySelectorAll("input[name='Criterion.Kind']").forEach(function (el) { el.addEventListener("change", showCriteriaFields); });
    showImageFields();
    showCriteriaFields();
  });
})();
