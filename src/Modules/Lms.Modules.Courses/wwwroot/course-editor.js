// Course editor enhancements. Everything here is optional: without JavaScript every action is a
// plain form (↑/↓ buttons instead of dragging, a "show" button instead of the live preview).
(function () {
  'use strict';

  function antiforgeryToken() {
    var input = document.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : '';
  }

  // Forms that need a second thought ask for it.
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
    });
  });

  document.querySelectorAll('.no-js-only').forEach(function (el) { el.hidden = true; });

  // Live Markdown preview: the server renders it with the learners' renderer and sanitiser.
  document.querySelectorAll('textarea[data-markdown-preview]').forEach(function (textarea) {
    var pane = document.getElementById(textarea.getAttribute('data-markdown-preview'));
    var toolbar = textarea.closest('.markdown-field').querySelector('.markdown-toolbar');
    if (!pane) { return; }
    pane.hidden = false;
    if (toolbar) { toolbar.hidden = false; }
    var timer = null;
    var sent = 0;
    function render() {
      var ticket = ++sent;
      fetch('/api/v1/admin/markdown/preview', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': antiforgeryToken() },
        body: JSON.stringify({ markdown: textarea.value })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        // Only the latest answer counts, whatever order they arrive in.
        if (data && ticket === sent) { pane.innerHTML = data.html; }
      }).catch(function () { /* the preview is a convenience; typing goes on */ });
    }
    textarea.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(render, 400); });
    render();
  });

  // Media library: insert an image into Markdown, or pick a file into a URL field.
  function picker() { return window.LmsMediaPicker; }
  document.querySelectorAll('[data-media-insert]').forEach(function (button) {
    if (!picker()) { button.hidden = true; return; }
    button.addEventListener('click', function () {
      var textarea = document.getElementById(button.getAttribute('data-media-insert'));
      picker().open({
        kind: 'image',
        onPick: function (file) {
          // An image needs words for those who cannot see it: ask when the library has none.
          var alt = file.alt || window.prompt(button.getAttribute('data-alt-prompt') || '', '') || '';
          var start = textarea.selectionStart, end = textarea.selectionEnd;
          var before = textarea.value.slice(0, start);
          // On a paragraph of its own, so it does not end up inside a list item or a sentence.
          var lead = before.length === 0 || /\n\n$/.test(before) ? '' : (/\n$/.test(before) ? '\n' : '\n\n');
          var snippet = lead + '![' + alt.replace(/[\[\]\n]/g, ' ') + '](' + file.url + ')\n';
          textarea.value = textarea.value.slice(0, start) + snippet + textarea.value.slice(end);
          textarea.focus();
          textarea.selectionStart = textarea.selectionEnd = start + snippet.length;
          textarea.dispatchEvent(new Event('input'));
        }
      });
    });
  });
  document.querySelectorAll('[data-media-pick]').forEach(function (button) {
    if (!picker()) { return; }
    button.hidden = false;
    button.addEventListener('click', function () {
      var input = document.getElementById(button.getAttribute('data-media-pick'));
      var nameInput = button.getAttribute('data-media-name') ? document.getElementById(button.getAttribute('data-media-name')) : null;
      picker().open({
        kind: button.getAttribute('data-media-kind') || 'image',
        onPick: function (file) {
          input.value = file.url;
          if (nameInput && !nameInput.value) { nameInput.value = file.fileName || ''; }
          input.focus();
        }
      });
    });
  });

  // Drag and drop of activities between and within sections; the new order is posted as one change.
  var outline = document.querySelector('.outline');
  var form = document.getElementById('reorder-form');
  if (!outline || !form) { return; }
  var dragged = null;
  outline.querySelectorAll('.outline-activity').forEach(function (item) {
    item.setAttribute('draggable', 'true');
    item.addEventListener('dragstart', function (event) {
      dragged = item;
      item.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', item.getAttribute('data-key'));
    });
    item.addEventListener('dragend', function () { item.classList.remove('dragging'); dragged = null; });
  });
  outline.querySelectorAll('.outline-activities').forEach(function (list) {
    list.addEventListener('dragover', function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      var after = Array.prototype.find.call(list.querySelectorAll('.outline-activity:not(.dragging)'), function (child) {
        var box = child.getBoundingClientRect();
        return event.clientY < box.top + box.height / 2;
      });
      if (after) { list.insertBefore(dragged, after); } else { list.appendChild(dragged); }
    });
    list.addEventListener('drop', function (event) {
      event.preventDefault();
      var layout = Array.prototype.map.call(outline.querySelectorAll('.outline-activities'), function (section) {
        var keys = Array.prototype.map.call(section.querySelectorAll('.outline-activity'), function (a) { return a.getAttribute('data-key'); });
        return section.getAttribute('data-section') + ':' + keys.join(',');
      }).join(';');
      document.getElementById('reorder-layout').value = layout;
      form.submit();
    });
  });
})();
