// migrate ui: times as the reader's time zone shows them (the server sends UTC).
function localTimes(root) {
  for (const t of root.querySelectorAll('time[datetime]')) {
    const raw = t.getAttribute('datetime');
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : raw.replace(' ', 'T') + 'Z');
    if (!isNaN(d)) { t.textContent = d.toLocaleString(); t.title = raw + ' UTC'; }
  }
}
document.addEventListener('DOMContentLoaded', () => localTimes(document));
document.addEventListener('htmx:afterSettle', (e) => localTimes(e.target));
// htmx swaps error answers too, so that a failed action says why in the page.
document.addEventListener('htmx:beforeSwap', (e) => { if (e.detail.xhr.status >= 400) { e.detail.shouldSwap = true; e.detail.isError = false; } });
