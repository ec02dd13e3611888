// Progressive enhancement of the template editor: the Preview button (and typing) shows the preview without
// reloading the page. Without this script the button posts the form and the server renders the same preview.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('template-form');
    var button = document.getElementById('preview-button');
    var target = document.getElementById('template-preview');
    var errorsBox = document.getElementById('template-errors');
    if (!form || !button || !target || !window.fetch) { return; }
    var labels = {};
    var template = document.getElementById('preview-labels');
    if (template) {
      template.content.querySelectorAll('[data-part]').forEach(function (el) { labels[el.getAttribute('data-part')] = el.textContent; });
    }

    function show(result) {
      target.replaceChildren();
      errorsBox.replaceChildren();
      if (result.errors && result.errors.length) {
        var list = document.createElement('ul');
        list.className = 'status status-failed';
        result.errors.forEach(function (e) { var li = document.createElement('li'); li.textContent = e; list.appendChild(li); });
        errorsBox.appendChild(list);
        return;
      }
      Object.keys(result.rendered || {}).forEach(function (part) {
        var h = document.createElement('h3');
        h.textContent = labels[part] || part;
        var pre = document.createElement('pre');
        pre.textContent = result.rendered[part]; // text, never HTML
        target.appendChild(h);
        target.appendChild(pre);
      });
    }

    var pending;
    function preview() {
      var body = new FormData(form);
      fetch(form.getAttribute('data-preview-url'), { method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(show)
        .catch(function () { /* leave the last preview; the button still works without the script */ });
    }

    button.addEventListener('click', function (event) { event.preventDefault(); preview(); });
    form.addEventListener('input', function () { clearTimeout(pending); pending = setTimeout(preview, 600); });
  });
})();
