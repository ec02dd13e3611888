// Progressive enhancement for the teams pages; everything works without it.
(function () {
  'use strict';

  // "Add a stage" / "Add an insight": show the next blank row the server rendered hidden.
  document.querySelectorAll('[data-more-rows]').forEach(function (list) {
    var button = list.querySelector('[data-add-row]');
    if (!button) return;
    var hiddenRows = function () { return list.querySelectorAll(':scope > [hidden]:not([data-add-row])'); };
    if (hiddenRows().length === 0) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var rows = hiddenRows();
      if (rows.length === 0) return;
      rows[0].hidden = false;
      var first = rows[0].querySelector('input, textarea');
      if (first) first.focus();
      if (rows.length === 1) button.hidden = true;
    });
  });

  // The print button only makes sense with a script behind it.
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
