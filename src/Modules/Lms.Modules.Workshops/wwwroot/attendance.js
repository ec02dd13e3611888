// Progressive enhancement of the session page: a present/absent button saves without reloading the page
// (the server answers the same POST with JSON when asked). Without this script the form posts and the
// page comes back at the same person.
(function () {
  'use strict';
  if (!window.fetch || !window.FormData) { return; }

  function submitWithoutScript(form, button) {
    var hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = button.name;
    hidden.value = button.value;
    form.appendChild(hidden);
    form.submit();
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-attendance') || !button || !button.name) { return; }
    event.preventDefault();
    var data = new FormData(form);
    data.append(button.name, button.value);
    var buttons = form.querySelectorAll('button');
    buttons.forEach(function (b) { b.setAttribute('aria-busy', 'true'); });
    fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (type.indexOf('application/json') < 0) { throw new Error('not json'); }
        return response.json();
      })
      .then(function (result) {
        var status = document.getElementById('attendance-status');
        if (status) {
          var p = document.createElement('p');
          p.className = 'notice ' + (result.ok ? 'notice-success' : 'notice-error');
          p.textContent = result.message;
          status.replaceChildren(p);
        }
        if (!result.ok) { return; }
        var row = form.closest('[data-person]');
        if (row) { row.className = row.className.replace(/\bis-(present|absent|unknown)\b/, 'is-' + result.attendance); }
        buttons.forEach(function (b) { b.setAttribute('aria-pressed', b.value === result.attendance ? 'true' : 'false'); });
        Object.keys(result.counts || {}).forEach(function (key) {
          document.querySelectorAll('[data-count="' + key + '"]').forEach(function (el) { el.textContent = result.counts[key]; });
        });
      })
      .catch(function () { submitWithoutScript(form, button); })
      .finally(function () { buttons.forEach(function (b) { b.removeAttribute('aria-busy'); }); });
  });
})();
