// Copy buttons on the media detail page (progressive enhancement: without script the fields stay selectable).
document.querySelectorAll('[data-copy]').forEach((button) => {
  if (!navigator.clipboard) return;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener('click', async () => {
    const field = document.getElementById(button.dataset.copy);
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = '✓';
      setTimeout(() => { button.textContent = label; }, 1500);
    } catch {
      field.select();
    }
  });
});
