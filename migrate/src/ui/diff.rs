//! The schema diff viewer: two sides as `migrate diff` names them (`migrations`, `database`,
//! another database URL, a snapshot file), every table side by side as each side would
//! create it, lines coloured by what the diff says of them (added, removed, changed),
//! destructive changes flagged; exported as SQL, JSON or a standalone HTML file, and made
//! into a migration when it starts from the migrations.

use super::pages::{failed, layout};
use super::{Ui, boxed};
use crate::error::{Error, Result};
use axum::extract::{Form, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use migrate_schema::{Change, ChangeKind, Dialect, Op, SchemaModel};
use std::sync::Arc;

/// The two sides and the rename hints, as `migrate diff --from --to --rename` takes them.
#[derive(Debug, serde::Deserialize)]
pub(super) struct Sides {
    #[serde(default = "migrations")]
    from: String,
    #[serde(default = "database")]
    to: String,
    /// `table.old=new` or `old=new`, comma-separated.
    #[serde(default)]
    rename: String,
    /// `sql`, `json` or `html`, for an export.
    #[serde(default)]
    format: String,
    /// The new migration's name, to create one.
    #[serde(default)]
    name: String,
}

fn migrations() -> String {
    "migrations".to_owned()
}

fn database() -> String {
    "database".to_owned()
}

/// Both schemas and what differs.
struct Compared {
    from: SchemaModel,
    to: SchemaModel,
    diff: migrate_schema::Diff,
}

async fn compare(ui: &Ui, sides: &Sides) -> Result<Compared> {
    let renames: Vec<String> =
        sides.rename.split(',').map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect();
    let options = crate::diff::options(&renames)?;
    let migrator = ui.migrator();
    let mut conn = boxed(ui.connect()).await?;
    let from = boxed(crate::diff::source(&migrator, &mut conn, &ui.url, sides.from.trim())).await;
    let to = boxed(crate::diff::source(&migrator, &mut conn, &ui.url, sides.to.trim())).await;
    let _ = boxed(conn.close()).await;
    let (from, to) = (from?, to?);
    let diff = migrate_schema::normalize::diff_in(ui.dialect, &from, &to, &options)
        .map_err(|e| Error::Config(e.to_string()))?;
    Ok(Compared { from, to, diff })
}

/// The changes no operation expresses, to write by hand: `by hand: object detail`.
fn by_hand(c: &Compared) -> Vec<String> {
    c.diff.changes.iter().filter(|x| x.unsupported).map(|x| format!("by hand: {} {}", x.object, x.detail)).collect()
}

/// How a line of a table's definition fares: the change of the column, index or
/// constraint it defines, else of the whole table when it is added or removed.
fn line_kind<'c>(table: &str, line: &str, changes: &'c [Change]) -> Option<&'c Change> {
    let whole = changes.iter().find(|c| c.object == table && matches!(c.kind, ChangeKind::Added | ChangeKind::Removed));
    object_change(table, line, changes).or(whole)
}

fn object_change<'c>(table: &str, line: &str, changes: &'c [Change]) -> Option<&'c Change> {
    let unquoted = |s: &str| s.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']').to_owned();
    let trimmed = line.trim_start();
    let named = if let Some(rest) = trimmed.split_once(" INDEX ").map(|(_, r)| r) {
        rest.split_whitespace().find(|w| *w != "IF" && *w != "NOT" && *w != "EXISTS").map(unquoted)
    } else if let Some(rest) = trimmed.strip_prefix("CONSTRAINT ") {
        rest.split_whitespace().next().map(unquoted)
    } else {
        trimmed.split_whitespace().next().map(unquoted)
    }?;
    let object = format!("{table}.{named}");
    changes.iter().find(|c| c.object == object)
}

fn kind_class(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed | ChangeKind::Renamed => "changed",
    }
}

/// One side's definition of `table`, line by line, each coloured by its change.
fn side(dialect: Dialect, model: &SchemaModel, table: &str, changes: &[Change]) -> Markup {
    let Some(t) = model.table(table) else { return html! { p.hint { "Not on this side." } } };
    // Rendered into the side without it, so that its foreign keys find what they reference.
    let mut others = model.clone();
    others.tables.retain(|x| x.name != table);
    let sql = match migrate_schema::render_all(dialect, &others, &[Op::CreateTable { table: t.clone() }]) {
        // One column or constraint per line, so that each line is one object.
        Ok(plan) => {
            let sql = crate::squash::statements(dialect, &plan);
            crate::sql::format(dialect, &sql).unwrap_or(sql)
        }
        Err(e) => return html! { p.error { (e.to_string()) } },
    };
    html! {
        pre.definition { code {
            @for line in sql.trim_end().lines() {
                @match line_kind(table, line, changes) {
                    Some(c) => span class={ "line " (kind_class(c.kind)) } title=(c.detail) { (line) },
                    None => span.line { (line) },
                }
            }
        } }
    }
}

/// The comparison: counts, the changes, then every table that differs side by side
/// (expandable), and the tables that do not, folded.
fn compared(ui: &Ui, sides: &Sides, c: &Compared) -> Markup {
    let changes = &c.diff.changes;
    let count = |k: &str| changes.iter().filter(|x| kind_class(x.kind) == k).count();
    let mut tables: Vec<&str> = c.to.tables.iter().map(|t| t.name.as_str()).collect();
    tables.extend(c.from.tables.iter().map(|t| t.name.as_str()).filter(|n| c.to.table(n).is_none()));
    let touches = |t: &str| {
        changes.iter().filter(|x| x.object == t || x.object.starts_with(&format!("{t}."))).collect::<Vec<_>>()
    };
    html! {
        p.summary {
            @if changes.is_empty() { "The two sides are the same." }
            @else {
                span.added { (count("added")) " added" } " · " span.removed { (count("removed")) " removed" } " · "
                span.changed { (count("changed")) " changed" }
                @let destructive = changes.iter().filter(|x| x.destructive).count();
                @if destructive > 0 { " · " span.badge.high { (destructive) " destructive" } }
            }
        }
        @if !changes.is_empty() {
            ul.changes {
                @for x in changes {
                    li class=(kind_class(x.kind)) {
                        code { (x.object) } " " (x.detail)
                        @if x.destructive { " " span.badge.high { "destructive" } }
                        @if x.unsupported { " " span.badge.medium { "by hand" } }
                    }
                }
            }
        }
        div.tables {
            @for t in &tables {
                @let own = touches(t);
                @let class = if c.from.table(t).is_none() { "added" } else if c.to.table(t).is_none() { "removed" } else if own.is_empty() { "same" } else { "changed" };
                details class={ "table " (class) } open[class != "same"] {
                    summary { code { (t) } " " span class={ "badge " (class) } { (class) } }
                    div.sides {
                        div { h3 { (sides.from) } (side(ui.dialect, &c.from, t, changes)) }
                        div { h3 { (sides.to) } (side(ui.dialect, &c.to, t, changes)) }
                    }
                }
            }
        }
    }
}

/// `GET /diff`: the form, and with both sides the comparison.
pub(super) async fn page(State(ui): State<Arc<Ui>>, Query(sides): Query<Sides>) -> Response {
    let result = compare(&ui, &sides).await;
    let query = format!(
        "from={}&to={}&rename={}",
        super::edit::encoded(&sides.from),
        super::edit::encoded(&sides.to),
        super::edit::encoded(&sides.rename)
    );
    let body = html! {
        form.filters method="get" action="/diff" {
            label { "From " input type="text" name="from" value=(sides.from) list="sides"; }
            label { "To " input type="text" name="to" value=(sides.to) list="sides"; }
            label { "Renames " input type="text" name="rename" value=(sides.rename) placeholder="users.name=full_name"; }
            datalist #sides { option value="migrations" {} option value="database" {} }
            button type="submit" { "Compare" }
        }
        p.hint { "A side is " code { "migrations" } " (what they make), " code { "database" } " (this one), another "
            (ui.dialect.name()) " URL, or a snapshot file (" code { "migrate snapshot save" } ")." }
        @match &result {
            Ok(c) => {
                p.buttons {
                    "Export: " a href={ "/diff/export?" (query) "&format=sql" } download { "SQL" } " · "
                    a href={ "/diff/export?" (query) "&format=json" } download { "JSON" } " · "
                    a href={ "/diff/export?" (query) "&format=html" } download { "HTML" }
                }
                (compared(&ui, &sides, c))
                @if !ui.read_only && !c.diff.changes.is_empty() {
                    @if sides.from.trim() == "migrations" {
                        form.create hx-post="/diff/create" hx-target="#result" {
                            input type="hidden" name="from" value=(sides.from);
                            input type="hidden" name="to" value=(sides.to);
                            input type="hidden" name="rename" value=(sides.rename);
                            label { "Create a migration from this diff, named " input type="text" name="name" required placeholder="sync schema"; }
                            " " button type="submit" { "Create" }
                        }
                    } @else {
                        p.hint { "A migration starts from what the migrations make: compare from " code { "migrations" } " to create one." }
                    }
                }
            }
            Err(e) => div.error role="alert" { (e.chain().join(": ")) },
        }
    };
    layout(&ui, "Schema diff", body).into_response()
}

/// `GET /diff/export?format=sql|json|html`: the comparison as a file.
pub(super) async fn export(State(ui): State<Arc<Ui>>, Query(sides): Query<Sides>) -> Response {
    let c = match compare(&ui, &sides).await {
        Ok(c) => c,
        Err(e) => return failed(&e),
    };
    let (body, kind, ext) = match sides.format.as_str() {
        "sql" => match migrate_schema::render_all(ui.dialect, &c.from, &c.diff.ops) {
            Ok(plan) => {
                let head = format!("-- {} -> {} ({})\n", sides.from, sides.to, ui.dialect.name());
                let unsupported: String = by_hand(&c).iter().map(|n| format!("-- {n}\n")).collect();
                (
                    format!("{head}{unsupported}\n{}", crate::squash::statements(ui.dialect, &plan)),
                    "application/sql",
                    "sql",
                )
            }
            Err(e) => return failed(&Error::Config(format!("rendering the diff for {}: {e}", ui.dialect))),
        },
        "json" => {
            let doc = serde_json::json!({ "from": sides.from, "to": sides.to, "dialect": ui.dialect.name(), "changes": c.diff.changes });
            (serde_json::to_string_pretty(&doc).unwrap_or_default(), "application/json", "json")
        }
        "html" => {
            let page = html! {
                (DOCTYPE)
                html lang="en" {
                    head {
                        meta charset="utf-8";
                        title { "Schema diff: " (sides.from) " → " (sides.to) }
                        style { (PreEscaped(include_str!("assets/app.css"))) }
                    }
                    body { main {
                        h1 { "Schema diff: " (sides.from) " → " (sides.to) }
                        p { (ui.dialect.name()) " · " code { (crate::driver::redact(&ui.url)) } }
                        (compared(&ui, &sides, &c))
                    } }
                }
            };
            (page.into_string(), "text/html; charset=utf-8", "html")
        }
        other => {
            return (StatusCode::BAD_REQUEST, format!("unknown format `{other}`: sql, json or html\n")).into_response();
        }
    };
    let disposition = format!("attachment; filename=\"schema-diff.{ext}\"");
    ([(header::CONTENT_TYPE, kind.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body).into_response()
}

/// `POST /diff/create`: a SQL migration taking the migrations' schema to the other side,
/// written (never over another), migrate.sum updated, the migrations read again.
pub(super) async fn create(State(ui): State<Arc<Ui>>, Form(sides): Form<Sides>) -> Response {
    let _busy = ui.busy.lock().await;
    let refused = |e: &Error| {
        (StatusCode::UNPROCESSABLE_ENTITY, html! { div.error role="alert" { "not created: " (e.chain().join(": ")) } })
            .into_response()
    };
    if sides.from.trim() != "migrations" {
        return refused(&Error::Config("a migration starts from `migrations`".to_owned()));
    }
    if sides.name.trim().is_empty() {
        return refused(&Error::Config("give the migration a name".to_owned()));
    }
    let c = match compare(&ui, &sides).await {
        Ok(c) => c,
        Err(e) => return refused(&e),
    };
    let dir = ui.project.sql_dir();
    let target = crate::new::Target { name: sides.name.trim(), sql: true, dir: &dir };
    let migrator = ui.migrator();
    let notes = by_hand(&c);
    let written = crate::new::from_ops(&migrator, &target, Some(ui.dialect), &c.from, &c.diff.ops, &notes)
        .and_then(|file| crate::new::write(&file).map(|()| file))
        .and_then(|file| ui.project.saved().map(|sum| (file, sum)));
    let (file, sum) = match written {
        Ok(done) => done,
        Err(e) => return refused(&e),
    };
    if let Err(e) = ui.reload() {
        return failed(&e);
    }
    html! {
        div.ok role="status" {
            "Created " code { (file.path.display()) } " (V" (format!("{:03}", file.version)) ")"
            @if let Some(path) = sum { "; " code { (path.display()) } " updated" } ". "
            a href={ "/migrations/" (file.version) } { "Open it" } " · " a href={ "/migrations/" (file.version) "/edit" } { "Edit it" }
            @if sides.to.trim() == "database" {
                p { "This database already has these changes: record that with "
                    code { "migrate resolve " (file.version) " --applied" } "." }
            }
        }
    }
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(kind: ChangeKind, object: &str) -> Change {
        Change { kind, object: object.to_owned(), detail: String::new(), destructive: false, unsupported: false }
    }

    #[test]
    fn a_definitions_line_is_matched_to_its_change() {
        let changes = [change(ChangeKind::Added, "posts.summary"), change(ChangeKind::Removed, "posts.posts_user")];
        assert_eq!(
            line_kind("posts", "  \"summary\" varchar(100) NULL,", &changes).map(|c| c.kind),
            Some(ChangeKind::Added)
        );
        assert_eq!(line_kind("posts", "  `summary` text,", &changes).map(|c| c.kind), Some(ChangeKind::Added));
        let index = "CREATE INDEX \"posts_user\" ON \"posts\" (\"user_id\");";
        assert_eq!(line_kind("posts", index, &changes).map(|c| c.kind), Some(ChangeKind::Removed));
        assert!(line_kind("posts", "  \"title\" text NOT NULL,", &changes).is_none());
    }
}
