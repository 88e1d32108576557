// migrate ui: times as the reader's time zone shows them. The databases write them as
// `2026-12-04 13:28:30.829826+00` (PostgreSQL), `2026-12-04 13:28:30` (UTC, MariaDB and
// SQLite) or RFC 3339.
function parseTime(raw) {
  let s = raw.trim().replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  if (/[+-]\d\d$/.test(s)) s += ':00';
  else if (!/([zZ]|[+-]\d\d:?\d\d)$/.test(s)) s += 'Z';
  return new Date(s);
}
function localTimes(root) {
  for (const t of root.querySelectorAll('time[datetime]')) {
    const raw = t.getAttribute('datetime');
    const d = parseTime(raw);
    if (!isNaN(d)) { t.textContent = d.toLocaleString(); t.title = raw; }
  }
}
document.addEventListener('DOMContentLoaded', () => localTimes(document));
document.addEventListener('htmx:afterSettle', (e) => localTimes(e.target));
// htmx swaps error answers too, so that a failed action says why in the page.
document.addEventListener('htmx:beforeSwap', (e) => { if (e.detail.xhr.status >= 400) { e.detail.shouldSwap = true; e.detail.isError = false; } });
// The editor's Format button: the server formats the file (or says why not), and the
// editor takes the text.
document.addEventListener('click', async (e) => {
  const button = e.target.closest('button[data-format]');
  if (!button) return;
  const textarea = document.getElementById(button.dataset.target);
  const csrf = JSON.parse(document.body.getAttribute('hx-headers') || '{}')['X-CSRF-Token'] || '';
  const answer = await fetch('/format', {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ text: textarea.value }),
  });
  const result = await answer.json();
  const status = document.getElementById('validation');
  if (result.error) { if (status) status.textContent = 'Not formatted: ' + result.error; return; }
  if (textarea.editor) textarea.dispatchEvent(new CustomEvent('migrate:replace', { detail: result.text }));
  else textarea.value = result.text;
  if (status) status.textContent = 'Formatted.';
});
