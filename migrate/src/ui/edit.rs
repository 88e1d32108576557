//! The editor: a SQL migration file edited in the page (CodeMirror), checked as it is typed
//! by the same parser and offline validation as `migrate validate`, formatted on request,
//! and saved only once it parses; saving an applied migration's file first says what that
//! does to its checksum and asks.

use super::pages::{badge, failed, last_row, layout, load, shown_status};
use super::{Ui, boxed};
use crate::Migrator;
use crate::engine::{Kind, Migration};
use crate::error::Error;
use crate::sql::SqlFile;
use axum::extract::{Form, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;
use std::sync::Arc;

/// Which file of a version (several when each is for one database).
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct Which {
    #[serde(default)]
    file: String,
}

/// The text in the editor, and on save whether the reader confirmed.
#[derive(Debug, serde::Deserialize)]
pub(super) struct Edited {
    #[serde(default)]
    file: String,
    text: String,
    /// `yes` once the reader accepted the checksum consequences.
    #[serde(default)]
    confirm: String,
}

/// One problem on a line of the edited text.
#[derive(Debug, serde::Serialize, PartialEq)]
struct Problem {
    line: usize,
    message: String,
}

/// The SQL file of `version` the page edits: the one named `file`, else the one for the
/// connected database, else the first. Only files the migrator loaded can be named, so
/// the page writes nowhere else.
fn sql_file<'m>(migrator: &'m Migrator, ui: &Ui, version: u64, file: &str) -> Option<&'m Migration> {
    let files: Vec<&Migration> =
        migrator.migrations().iter().filter(|m| m.version == version && m.kind == Kind::Sql).collect();
    if !file.is_empty() {
        return files.into_iter().find(|m| m.origin == file);
    }
    files.iter().find(|m| m.applies_to(ui.dialect)).or(files.first()).copied()
}

fn not_editable(ui: &Ui, version: u64) -> Response {
    let body = html! { p { "V" (format!("{version:03}")) " has no SQL file to edit here (Rust migrations are edited in their source)." } };
    (StatusCode::NOT_FOUND, layout(ui, "Nothing to edit", body)).into_response()
}

/// `GET /migrations/V/edit`: the file in the editor, with what saving it means.
pub(super) async fn page(State(ui): State<Arc<Ui>>, Path(version): Path<u64>, Query(which): Query<Which>) -> Response {
    let migrator = ui.migrator();
    let Some(m) = sql_file(&migrator, &ui, version, &which.file) else { return not_editable(&ui, version) };
    let text = match std::fs::read_to_string(&m.origin) {
        Ok(text) => text,
        Err(e) => return failed(&Error::io(format!("reading {}", m.origin))(e)),
    };
    let loaded = match boxed(load(&ui)).await {
        Ok(l) => l,
        Err(e) => return failed(&e),
    };
    let shown = loaded
        .status
        .migrations
        .iter()
        .find(|s| s.version == version)
        .map(|s| shown_status(s, &loaded.status))
        .unwrap_or_else(|| "other dialect".to_owned());
    let applied = matches!(shown.as_str(), "applied" | "changed");
    let vals = serde_json::json!({ "file": m.origin }).to_string();
    let validate = format!("/migrations/{version}/validate?file={}", encoded(&m.origin));
    let body = html! {
        dl.meta {
            dt { "File" } dd { code { (m.origin) } }
            dt { "Status" } dd { (badge(&shown)) }
            dt { "Checksum" } dd { code { (m.checksum) } }
        }
        @if applied {
            div.warning role="note" {
                "V" (format!("{version:03}")) " is applied on this database. Saving a change gives the file a new checksum: "
                code { "status" } " then shows it as changed and " code { "up" } " refuses to run until "
                code { "migrate repair" } " records the new checksum. The database keeps what the old text did: "
                "to change the schema, write a new migration instead."
            }
        }
        @if ui.project.embedded() {
            p.hint { "This binary compiles its SQL files in: an edit saved here runs once the binary is rebuilt." }
        }
        @if ui.read_only {
            pre { code { (text) } }
        } @else {
            form #editor hx-post={ "/migrations/" (version) "/save" } hx-target="#result" hx-vals=(vals) {
                label for="text" { "SQL (" (ui.dialect.name()) ")" }
                textarea #text name="text" rows="20" spellcheck="false" data-editor data-dialect=(ui.dialect.name())
                    data-validate=(validate) { (text) }
                div #validation aria-live="polite" {}
                p.buttons {
                    button type="button" data-format=(ui.dialect.name()) data-target="text" { "Format" }
                    " "
                    button type="submit" { "Save" }
                }
            }
            script src="/assets/editor.js" {}
        }
    };
    layout(&ui, &format!("Edit V{version:03} {}", m.name), body).into_response()
}

/// The edited text's problems, each on its line: the file's own rules (header, markers,
/// statements that split), then the migrations with it in its place followed offline.
fn problems(ui: &Ui, migrator: &Migrator, m: &Migration, text: &str) -> Vec<Problem> {
    let parsed = match SqlFile::parse(std::path::Path::new(&m.origin), text) {
        Ok(parsed) => parsed,
        Err(e) => return vec![Problem { line: e.line.unwrap_or(1), message: e.message }],
    };
    let up_line = parsed.up.line;
    let version = parsed.version;
    let checked = migrator.with_file(parsed).and_then(|edited| edited.validate_offline(ui.dialect));
    match checked {
        Ok(found) => found
            .into_iter()
            .filter(|p| p.version == version)
            .map(|p| Problem { line: line_in(&p.message, &m.origin).unwrap_or(up_line), message: p.message })
            .collect(),
        Err(Error::File(e)) => vec![Problem { line: e.line.unwrap_or(up_line), message: e.message }],
        Err(e) => vec![Problem { line: up_line, message: e.chain().join(": ") }],
    }
}

/// The line of `path:LINE` in a message.
fn line_in(message: &str, path: &str) -> Option<usize> {
    let after = &message[message.find(&format!("{path}:"))? + path.len() + 1..];
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn json(value: &impl serde::Serialize) -> Response {
    let body = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `POST /migrations/V/validate`: `[{line, message}]` for the text in the editor.
pub(super) async fn validate(
    State(ui): State<Arc<Ui>>,
    Path(version): Path<u64>,
    Query(which): Query<Which>,
    Form(edited): Form<Edited>,
) -> Response {
    let migrator = ui.migrator();
    let file = if edited.file.is_empty() { which.file } else { edited.file };
    let Some(m) = sql_file(&migrator, &ui, version, &file) else { return not_editable(&ui, version) };
    json(&problems(&ui, &migrator, m, &edited.text))
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct ToFormat {
    text: String,
}

/// `POST /format`: `{"text": …}`, the file formatted for the connected database (header
/// and markers kept), or `{"error": …}` saying why it is left as it is.
pub(super) async fn format(State(ui): State<Arc<Ui>>, Form(f): Form<ToFormat>) -> Response {
    match crate::sql::format_file(ui.dialect, &f.text) {
        Ok(text) => json(&serde_json::json!({ "text": text })),
        Err(why) => json(&serde_json::json!({ "error": why })),
    }
}

/// `POST /migrations/V/save`: the text written to the file once it parses and, for an
/// applied migration whose checksum it changes, once the reader confirmed; migrate.sum
/// follows, and the page reads the migrations again.
pub(super) async fn save(State(ui): State<Arc<Ui>>, Path(version): Path<u64>, Form(edited): Form<Edited>) -> Response {
    let _busy = ui.busy.lock().await;
    let migrator = ui.migrator();
    let Some(m) = sql_file(&migrator, &ui, version, &edited.file) else { return not_editable(&ui, version) };
    let parsed = match SqlFile::parse(std::path::Path::new(&m.origin), &edited.text) {
        Ok(parsed) => parsed,
        Err(e) => return refusal(&format!("not saved: {e}")),
    };
    if let Err(e) = migrator.with_file(parsed.clone()) {
        return refusal(&format!("not saved: {}", e.chain().join(": ")));
    }
    let loaded = match boxed(load(&ui)).await {
        Ok(l) => l,
        Err(e) => return failed(&e),
    };
    let recorded = last_row(&loaded.rows, version).filter(|r| r.status == "applied").map(|r| r.checksum.clone());
    let changes_applied = recorded.as_ref().is_some_and(|c| *c != parsed.checksum);
    if changes_applied && edited.confirm != "yes" {
        let vals = serde_json::json!({ "file": m.origin, "confirm": "yes" }).to_string();
        return html! {
            div.confirm role="alertdialog" aria-labelledby="confirm-title" {
                h2 #confirm-title { "Save an applied migration?" }
                p { "V" (format!("{version:03}")) " was applied with checksum " code { (recorded.unwrap_or_default()) }
                    "; the new text has " code { (parsed.checksum) } ". After saving, " code { "status" }
                    " shows it as changed and " code { "up" } " refuses to run until " code { "migrate repair" }
                    " records the new checksum. Nothing in the database changes." }
                button.danger hx-post={ "/migrations/" (version) "/save" } hx-include="#text" hx-vals=(vals) hx-target="#result" autofocus { "Save anyway" }
                " "
                button type="button" onclick="document.getElementById('result').innerHTML = ''" { "Cancel" }
            }
        }
        .into_response();
    }
    let written = write(&m.origin, &edited.text).and_then(|()| ui.project.saved());
    let sum = match written {
        Ok(sum) => sum,
        Err(e) => return refusal(&format!("not saved: {}", e.chain().join(": "))),
    };
    if let Err(e) = ui.reload() {
        return refusal(&format!("saved {}, but the migrations no longer load: {}", m.origin, e.chain().join(": ")));
    }
    html! {
        div.ok role="status" {
            "Saved " code { (m.origin) } @if parsed.checksum == m.checksum { " (unchanged)" } @else { ": checksum " code { (parsed.checksum) } }
            @if let Some(path) = sum { "; " code { (path.display()) } " updated" }
            "."
            @if changes_applied { " " (badge("changed")) " until " code { "migrate repair" } " records it." }
            @if ui.project.embedded() { " This binary runs the text it was built with until it is rebuilt." }
        }
    }
    .into_response()
}

/// Written whole or not at all: a temporary file beside it, then renamed over it.
fn write(path: &str, text: &str) -> crate::Result<()> {
    let path = std::path::Path::new(path);
    let temporary = path.with_extension("sql.saving");
    std::fs::write(&temporary, text).map_err(Error::io(format!("writing {}", temporary.display())))?;
    std::fs::rename(&temporary, path).map_err(Error::io(format!("replacing {}", path.display())))
}

fn refusal(message: &str) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, html! { div.error role="alert" { (message) } }).into_response()
}

/// `s` for a query string.
pub(super) fn encoded(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_read_after_the_path() {
        let m = "V2 t (/x/V002_20250101_t.sql:7): table `u` does not exist";
        assert_eq!(line_in(m, "/x/V002_20250101_t.sql"), Some(7));
        assert_eq!(line_in(m, "/y.sql"), None);
    }

    #[test]
    fn paths_are_encoded_for_a_query() {
        assert_eq!(encoded("/a b/V1_x.sql&y"), "/a%20b/V1_x.sql%26y");
    }
}
