// Buttons with data-confirm ask before their form is sent (forms with data-confirm are course-editor.js's).
// This replaces inline onclick handlers, which the Content-Security-Policy (script-src 'self') does not run.
document.addEventListener('click', function (event) {
  var button = event.target instanceof Element ? event.target.closest('button[data-confirm], input[data-confirm]') : null;
  if (button && !window.confirm(button.getAttribute('data-confirm'))) {
    event.preventDefault();
  }
});
