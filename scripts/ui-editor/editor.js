// migrate ui: the SQL editor, CodeMirror 6 with its SQL language and lint gutter, bundled
// by `scripts/ui-assets` into migrate/src/ui/assets/editor.js.
//
// A `<textarea data-editor data-dialect="postgresql" data-validate="/migrations/2/validate">`
// becomes an editor whose text is written back to the textarea on every change, so that a
// plain form (or htmx) submits it; the server's validation is shown on its lines.
import { EditorView, basicSetup } from 'codemirror';
import { sql, PostgreSQL, MySQL, SQLite } from '@codemirror/lang-sql';
import { linter, lintGutter } from '@codemirror/lint';

const dialects = { postgresql: PostgreSQL, mysql: MySQL, sqlite: SQLite };

function validator(url, csrf) {
  return linter(async (view) => {
    const body = new URLSearchParams({ text: view.state.doc.toString() });
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    if (!answer.ok) return [];
    const problems = await answer.json();
    const doc = view.state.doc;
    // Said in words under the editor too (a live region), not only marked on the lines.
    const status = document.getElementById('validation');
    if (status) {
      status.replaceChildren(problems.length ? `${problems.length} problem(s)` : 'No problems found.');
      if (problems.length) {
        const list = document.createElement('ul');
        for (const p of problems) {
          const item = document.createElement('li');
          item.textContent = `line ${p.line}: ${p.message}`;
          list.append(item);
        }
        status.append(list);
      }
    }
    return problems.map((p) => {
      const line = doc.line(Math.min(Math.max(p.line || 1, 1), doc.lines));
      return { from: line.from, to: line.to, severity: 'error', message: p.message };
    });
  }, { delay: 400 });
}

function attach(textarea) {
  const csrf = JSON.parse(document.body.getAttribute('hx-headers') || '{}')['X-CSRF-Token'] || '';
  const extensions = [
    basicSetup,
    sql({ dialect: dialects[textarea.dataset.dialect] || PostgreSQL }),
    lintGutter(),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) textarea.value = u.state.doc.toString();
    }),
    EditorView.contentAttributes.of({ 'aria-label': textarea.getAttribute('aria-label') || 'SQL' }),
  ];
  if (textarea.dataset.validate) extensions.push(validator(textarea.dataset.validate, csrf));
  const view = new EditorView({ doc: textarea.value, extensions });
  textarea.style.display = 'none';
  textarea.after(view.dom);
  textarea.editor = view;
  // The server's formatted text (the Format button) replaces the editor's.
  textarea.addEventListener('migrate:replace', (e) => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: e.detail } });
  });
}

window.migrateEditor = { attach };
document.addEventListener('DOMContentLoaded', () => document.querySelectorAll('textarea[data-editor]').forEach(attach));
