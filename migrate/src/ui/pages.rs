//! The pages, rendered on the server: the migrations list, one migration, the timeline
//! and the performance page.

use super::{Ui, boxed};
use crate::engine::{MigrationStatus, Status, UpTarget};
use crate::error::Result;
use crate::history::{AuditRow, HistoryRow};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};
use migrate_schema::Dialect;
use std::sync::Arc;

/// The frame of every page: navigation, the database, and where actions report.
pub(super) fn layout(ui: &Ui, title: &str, body: Markup) -> Markup {
    let headers = format!(r#"{{"X-CSRF-Token": "{}"}}"#, ui.csrf);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · migrate" }
                link rel="stylesheet" href="/assets/app.css";
                script src="/assets/htmx.min.js" {}
                script src="/assets/app.js" defer {}
            }
            body hx-headers=(headers) {
                a.skip href="#main" { "Skip to content" }
                header {
                    nav aria-label="Pages" {
                        strong { "migrate" }
                        a href="/" { "Migrations" }
                        a href="/timeline" { "Timeline" }
                        a href="/performance" { "Performance" }
                        a href="/graph" { "Graph" }
                        a href="/diff" { "Schema diff" }
                        @if !ui.read_only { a href="/new" { "New migration" } }
                    }
                    p.db {
                        (ui.dialect.name()) " · " code { (crate::driver::redact(&ui.url)) }
                        @if ui.read_only { " " span.badge.read-only { "read-only" } }
                    }
                }
                main #main {
                    h1 { (title) }
                    div #result aria-live="polite" {}
                    (body)
                }
            }
        }
    }
}

/// An error as a page (or a fragment, for htmx), said once.
pub(super) fn failed(e: &crate::Error) -> Response {
    let text = e.chain().join(": ");
    (StatusCode::INTERNAL_SERVER_ERROR, html! { div.error role="alert" { "error: " (text) } }).into_response()
}

/// A time the history recorded, shown in the reader's time zone by the page's script.
pub(super) fn time(at: &str) -> Markup {
    html! { time datetime=(at) { (at) } }
}

pub(super) fn badge(status: &str) -> Markup {
    html! { span class={ "badge " (status) } { (status.replace('_', " ")) } }
}

/// What the list and the timeline read: the status and the history.
pub(super) struct Loaded {
    pub(super) status: Status,
    pub(super) rows: Vec<HistoryRow>,
    pub(super) audit: Vec<AuditRow>,
}

pub(super) async fn load(ui: &Ui) -> Result<Loaded> {
    let mut conn = boxed(ui.connect()).await?;
    let status = boxed(ui.migrator().status(&mut conn)).await;
    let history = boxed(ui.migrator().history(&mut conn)).await;
    let _ = boxed(conn.close()).await;
    let (rows, audit) = history?;
    Ok(Loaded { status: status?, rows, audit })
}

/// The filters of the list, from the query string.
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct Filter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// A migration's status as the list shows it: `changed` when its checksum differs.
pub(super) fn shown_status(m: &MigrationStatus, status: &Status) -> String {
    if status.problems.iter().any(|p| p.version == m.version && p.kind == "checksum") {
        "changed".to_owned()
    } else {
        m.status.clone()
    }
}

pub(super) fn last_row(rows: &[HistoryRow], version: u64) -> Option<&HistoryRow> {
    rows.iter().filter(|r| r.version == version).max_by_key(|r| r.id)
}

impl Filter {
    fn keeps(&self, ui: &Ui, m: &MigrationStatus, shown: &str, row: Option<&HistoryRow>) -> bool {
        let q = self.q.trim().to_lowercase();
        let text_matches = q.is_empty()
            || m.name.to_lowercase().contains(&q)
            || m.version.to_string() == q.trim_start_matches(['v', 'V', '0'])
            || ui
                .migrator()
                .migrations()
                .iter()
                .find(|x| x.version == m.version)
                .and_then(|x| std::fs::read_to_string(&x.origin).ok())
                .is_some_and(|text| text.to_lowercase().contains(&q));
        let author = row.and_then(|r| r.applied_by.as_deref()).unwrap_or_default();
        let day = row.map(|r| r.applied_at.get(..10).unwrap_or(&r.applied_at)).unwrap_or_default();
        text_matches
            && (self.status.is_empty() || self.status == shown)
            && (self.kind.is_empty() || self.kind == m.kind.as_str())
            && (self.author.is_empty() || author.to_lowercase().contains(&self.author.to_lowercase()))
            && (self.from.is_empty() || (!day.is_empty() && day >= self.from.as_str()))
            && (self.to.is_empty() || (!day.is_empty() && day <= self.to.as_str()))
    }
}

/// `GET /`: every migration, filtered.
pub(super) async fn migrations(State(ui): State<Arc<Ui>>, Query(filter): Query<Filter>) -> Response {
    let loaded = match boxed(load(&ui)).await {
        Ok(l) => l,
        Err(e) => return failed(&e),
    };
    let statuses = ["pending", "applied", "failed", "rolled_back", "changed", "missing"];
    let body = html! {
        form.filters hx-get="/" hx-target="#rows" hx-select="#rows" hx-swap="outerHTML"
            hx-trigger="input changed delay:250ms, change" hx-push-url="true" role="search" {
            label { "Search " input type="search" name="q" value=(filter.q) placeholder="name or text"; }
            label { "Status "
                select name="status" {
                    option value="" { "any" }
                    @for s in statuses { option value=(s) selected[filter.status == s] { (s.replace('_', " ")) } }
                }
            }
            label { "Kind "
                select name="kind" {
                    option value="" { "any" }
                    @for k in ["sql", "rust"] { option value=(k) selected[filter.kind == k] { (k) } }
                }
            }
            label { "Author " input type="text" name="author" value=(filter.author); }
            label { "From " input type="date" name="from" value=(filter.from); }
            label { "To " input type="date" name="to" value=(filter.to); }
        }
        (rows_table(&ui, &loaded, &filter))
        @if !ui.read_only {
            section.database aria-labelledby="database-title" {
                h2 #database-title { "The whole database" }
                p {
                    button hx-post="/down" hx-vals=r#"{"to": "0"}"# hx-target="#result" { "Reset (roll back every migration)" }
                    " "
                    button hx-post="/fresh" hx-target="#result" { "Fresh (drop everything, apply every migration)" }
                }
            }
        }
    };
    layout(&ui, "Migrations", body).into_response()
}

/// The table of the list; actions replace it out of band after they ran.
pub(super) fn rows_table(ui: &Ui, loaded: &Loaded, filter: &Filter) -> Markup {
    let status = &loaded.status;
    html! {
        div.table #rows hx-swap-oob="true" {
            table {
                caption { (status.migrations.len()) " migrations; the database is at "
                    (status.current.map_or("nothing applied".to_owned(), |v| format!("V{v:03}"))) }
                thead { tr {
                    th scope="col" { "Version" } th scope="col" { "Name" } th scope="col" { "Kind" }
                    th scope="col" { "Status" } th scope="col" { "Batch" } th scope="col" { "Applied at" }
                    th scope="col" { "By" } th scope="col" { "Duration" } th scope="col" { "Actions" }
                } }
                tbody {
                    @for m in &status.migrations {
                        @let shown = shown_status(m, status);
                        @let row = last_row(&loaded.rows, m.version);
                        @if filter.keeps(ui, m, &shown, row) {
                            tr data-version=(m.version) {
                                td { a href={ "/migrations/" (m.version) } { "V" (format!("{:03}", m.version)) } }
                                td { (m.name) }
                                td { (m.kind.as_str()) }
                                td { (badge(&shown)) }
                                td { (m.batch.map(|b| b.to_string()).unwrap_or_default()) }
                                td { @if let Some(at) = &m.applied_at { (time(at)) } }
                                td { (row.and_then(|r| r.applied_by.clone()).unwrap_or_default()) }
                                td.num { @if let Some(ms) = m.execution_ms { (ms) " ms" } }
                                td.actions { (row_actions(ui, m, &shown, status.current)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn row_actions(ui: &Ui, m: &MigrationStatus, shown: &str, current: Option<u64>) -> Markup {
    let to = format!(r#"{{"to": "{}"}}"#, m.version);
    html! {
        @if !ui.read_only {
            @if shown == "pending" {
                button hx-post="/up" hx-vals=(to) hx-target="#result" { "Apply up to here" }
            }
            @if (shown == "applied" || shown == "changed") && current.is_some_and(|c| c > m.version) {
                button hx-post="/down" hx-vals=(to) hx-target="#result" { "Roll back to here" }
            }
            @if shown == "pending" {
                button hx-post="/dry-run" hx-vals=(to) hx-target="#result" { "Dry run" }
            }
        }
        @if shown == "pending" {
            a href={ "/migrations/" (m.version) "#plan" } { "Plan" }
        }
        @if shown == "failed" && !ui.read_only {
            button hx-post="/recover" hx-vals=(to) hx-target="#result" { "Recover" }
        }
    }
}

/// `GET /migrations/V`: its metadata, its SQL for each dialect, its risks.
pub(super) async fn migration(State(ui): State<Arc<Ui>>, Path(version): Path<u64>) -> Response {
    let migrator = ui.migrator();
    let Some(m) = migrator.migrations().iter().find(|m| m.version == version) else {
        return (
            StatusCode::NOT_FOUND,
            layout(&ui, "No such migration", html! { p { "There is no V" (version) "." } }),
        )
            .into_response();
    };
    let loaded = match boxed(load(&ui)).await {
        Ok(l) => l,
        Err(e) => return failed(&e),
    };
    let state = loaded.status.migrations.iter().find(|s| s.version == version);
    let shown = state.map(|s| shown_status(s, &loaded.status)).unwrap_or_else(|| "other dialect".to_owned());
    let row = last_row(&loaded.rows, version);
    // The risks and estimates come from the plan, which sizes them on the database.
    let planned = if shown == "pending" {
        match boxed(ui.connect()).await {
            Ok(mut conn) => {
                let plan = boxed(ui.migrator().plan(&mut conn, UpTarget { to: Some(version), step: None })).await;
                let _ = boxed(conn.close()).await;
                plan.ok().and_then(|p| p.into_iter().find(|p| p.version == version))
            }
            Err(_) => None,
        }
    } else {
        None
    };
    let dialects: Vec<Dialect> = match m.kind {
        crate::engine::Kind::Rust => {
            let mut all = vec![ui.dialect];
            all.extend([Dialect::Postgres, Dialect::MySql, Dialect::Sqlite].into_iter().filter(|d| *d != ui.dialect));
            all
        }
        _ => vec![ui.dialect],
    };
    let title = format!("V{:03} {}", m.version, m.name);
    let body = html! {
        dl.meta {
            dt { "Status" } dd { (badge(&shown)) }
            dt { "Kind" } dd { (m.kind.as_str()) }
            dt { "File" } dd { code { (m.origin) } }
            dt { "Checksum" } dd { code { (m.checksum) } }
            dt { "Transaction" } dd { (if m.transaction { "yes" } else { "no (runs outside a transaction)" }) }
            @let touched = touches(&migrator, version, ui.dialect);
            @if !touched.is_empty() {
                dt { "Touches" } dd { ul.touches { @for t in &touched { li { (t) } } } }
            }
            @if let Some(r) = row {
                dt { "Applied at" } dd { (time(&r.applied_at)) }
                dt { "By" } dd { (r.applied_by.clone().unwrap_or_default()) }
                dt { "Batch" } dd { (r.batch) }
                dt { "Duration" } dd { (r.execution_ms) " ms" }
                @if let Some(err) = &r.error_message { dt { "Error" } dd.error { (err) } }
            }
        }
        @if m.kind == crate::engine::Kind::Sql {
            p { a href={ "/migrations/" (version) "/edit" } { (if ui.read_only { "View the file" } else { "Edit the file" }) } }
        }
        @if !ui.read_only && shown == "pending" {
            p { button hx-post="/dry-run" hx-vals=(format!(r#"{{"to": "{version}"}}"#)) hx-target="#result" { "Run the dry run" } }
        }
        @if let Some(p) = &planned {
            section #plan {
                h2 { "Risks" }
                @if p.risks.is_empty() { p { "None found." } }
                @else {
                    table { thead { tr { th { "Level" } th { "Rule" } th { "Object" } th { "What happens" } th { "Rows" } th { "Estimate" } th { "Peer rule" } } }
                        tbody { @for r in &p.risks { tr {
                            td { (badge(r.level.name())) } td { code { (r.rule) } } td { (r.object) } td { (r.reason) }
                            td.num { (r.count.map(|c| c.to_string()).unwrap_or_default()) }
                            td.num { @if let Some(ms) = r.estimate_ms { "~" (ms) " ms" } }
                            td { (migrate_schema::risk::peer_rule(r.rule)) }
                        } } }
                    }
                }
                @for problem in &p.problems { p.error { (problem.message) } }
            }
        }
        @for d in dialects {
            @match ui.migrator().rendered(version, d) {
                Ok(Some(r)) => section.sql {
                    h2 { "UP · " (d.name()) }
                    pre { code { (r.up.join(";\n\n")) } }
                    h2 { "DOWN · " (d.name()) }
                    @match &r.down {
                        Ok(down) if down.is_empty() => p { "Nothing to undo." },
                        Ok(down) => pre { code { (down.join(";\n\n")) } },
                        Err(why) => p.hint { (why) },
                    }
                },
                Ok(None) => p.hint { "Not for " (d.name()) "." },
                Err(e) => p.error { (d.name()) ": " (e.chain().join(": ")) },
            }
        }
    };
    layout(&ui, &title, body).into_response()
}

/// `GET /timeline`: what was applied and rolled back, newest first, from the audit.
pub(super) async fn timeline(State(ui): State<Arc<Ui>>) -> Response {
    let loaded = match boxed(load(&ui)).await {
        Ok(l) => l,
        Err(e) => return failed(&e),
    };
    let runs: Vec<&AuditRow> = loaded
        .audit
        .iter()
        .rev()
        .filter(|a| matches!(a.action.as_str(), "apply" | "rollback") && a.version.is_some())
        .collect();
    let longest = runs.iter().map(|a| a.duration_ms).max().unwrap_or(1).max(1);
    let applied = |v: i64| loaded.status.migrations.iter().any(|m| m.version as i64 == v && m.status == "applied");
    let body = html! {
        @if runs.is_empty() { p { "Nothing has run on this database yet." } }
        ol.timeline {
            @for a in &runs {
                @let v = a.version.unwrap_or_default();
                @let class = format!("event {} {}", a.action, a.outcome);
                li class=(class) title=(a.detail.clone().unwrap_or_default()) {
                    div.when { (time(&a.at)) }
                    div.what {
                        strong { (if a.action == "apply" { "applied" } else { "rolled back" }) " " }
                        a href={ "/migrations/" (v) } { "V" (format!("{v:03}")) " " (a.name.clone().unwrap_or_default()) }
                        " " (badge(&a.outcome))
                        div.who { (a.actor.clone().unwrap_or_default()) " on " (a.host.clone().unwrap_or_default()) }
                        div.bar style={ "width: " (a.duration_ms * 100 / longest) "%" } {}
                        span.num { (a.duration_ms) " ms" }
                        @if !ui.read_only && a.action == "apply" && a.outcome == "ok" && applied(v) {
                            " " button hx-post="/down" hx-vals=(format!(r#"{{"to": "{v}"}}"#)) hx-target="#result" { "Roll back to here" }
                        }
                    }
                }
            }
        }
    };
    layout(&ui, "Timeline", body).into_response()
}

/// `GET /performance`: the slowest migrations, and each one's runs across time.
pub(super) async fn performance(State(ui): State<Arc<Ui>>) -> Response {
    let loaded = match boxed(load(&ui)).await {
        Ok(l) => l,
        Err(e) => return failed(&e),
    };
    let mut applied: Vec<&HistoryRow> = loaded.rows.iter().filter(|r| r.status == "applied").collect();
    applied.sort_by_key(|r| std::cmp::Reverse(r.execution_ms));
    let longest = applied.first().map_or(1, |r| r.execution_ms).max(1);
    // Every time each one was applied on this database, oldest first, from the audit.
    let runs = |v: u64| -> Vec<&AuditRow> {
        loaded.audit.iter().filter(|a| a.action == "apply" && a.version == Some(v as i64)).collect()
    };
    let body = html! {
        h2 { "Slowest migrations" }
        table {
            thead { tr { th { "Migration" } th { "Duration" } th { "Runs over time (audit)" } th { "Applied at" } } }
            tbody {
                @for r in applied.iter().take(50) {
                    @let all = runs(r.version);
                    @let slowest = all.iter().map(|a| a.duration_ms).max().unwrap_or(1).max(1);
                    tr {
                        td { a href={ "/migrations/" (r.version) } { "V" (format!("{:03}", r.version)) " " (r.name) } }
                        td { div.bar style={ "width: " (r.execution_ms * 100 / longest) "%" } {} span.num { (r.execution_ms) " ms" } }
                        td {
                            span.runs aria-label={ (all.len()) " run(s)" } {
                                @for a in &all {
                                    span class={ "run " (a.outcome) } style={ "height: " (4 + a.duration_ms * 20 / slowest) "px" }
                                        title={ (a.at) ": " (a.duration_ms) " ms, " (a.outcome) } {}
                                }
                            }
                            " " span.num { (all.len()) }
                        }
                        td { (time(&r.applied_at)) }
                    }
                }
            }
        }
    };
    layout(&ui, "Performance", body).into_response()
}

/// `GET /graph`: the migrations and what each comes after (`-- Dependencies:`, else the
/// version before it), drawn top to bottom in version order, one lane per branch, each
/// node coloured by its status on this database and linked to its page; the same as a
/// list for a screen reader.
pub(super) async fn graph(State(ui): State<Arc<Ui>>) -> Response {
    let loaded = match boxed(load(&ui)).await {
        Ok(l) => l,
        Err(e) => return failed(&e),
    };
    let migrator = ui.migrator();
    let edges = crate::engine::graph::Graph::of(migrator.migrations());
    let mut nodes: Vec<(u64, String, String, Vec<u64>)> = Vec::new();
    for m in &loaded.status.migrations {
        if nodes.last().is_some_and(|n| n.0 == m.version) {
            continue;
        }
        nodes.push((m.version, m.name.clone(), shown_status(m, &loaded.status), edges.parents(m.version).to_vec()));
    }
    // A node stays in the lane of its first parent when it is that parent's first child;
    // any other child opens a lane of its own.
    let mut lane: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    let mut taken: std::collections::HashSet<u64> = std::collections::HashSet::new();
    let mut lanes = 0;
    for (v, _, _, parents) in &nodes {
        let own = match parents.first() {
            Some(p) if taken.insert(*p) => lane.get(p).copied().unwrap_or(0),
            Some(_) => {
                lanes += 1;
                lanes
            }
            None if lane.is_empty() => 0,
            None => {
                lanes += 1;
                lanes
            }
        };
        lane.insert(*v, own);
    }
    let (step, gap, radius) = (36usize, 28usize, 9usize);
    let row: std::collections::HashMap<u64, usize> = nodes.iter().enumerate().map(|(i, n)| (n.0, i)).collect();
    let x = |v: u64| 20 + lane.get(&v).copied().unwrap_or(0) * gap;
    let y = |v: u64| 20 + row.get(&v).copied().unwrap_or(0) * step;
    let width = 20 + (lanes + 1) * gap + 420;
    let height = 20 + nodes.len().max(1) * step;
    let body = html! {
        @if nodes.is_empty() { p { "There are no migrations." } }
        div.graph {
            svg width=(width) height=(height) viewBox={ "0 0 " (width) " " (height) } role="img" aria-labelledby="graph-title" {
                title #graph-title { "The migrations and what each comes after" }
                @for (v, _, _, parents) in &nodes {
                    @for p in parents {
                        path.edge d=(format!("M{} {} C{} {}, {} {}, {} {}", x(*p), y(*p), x(*p), y(*v) - step / 2, x(*v), y(*p) + step / 2, x(*v), y(*v))) {}
                    }
                }
                @for (v, name, status, _) in &nodes {
                    a href={ "/migrations/" (v) } {
                        circle class={ "node " (status) } cx=(x(*v)) cy=(y(*v)) r=(radius) {}
                        text x=(20 + (lanes + 1) * gap) y=(y(*v) + 5) { "V" (format!("{v:03}")) " " (name) " · " (status.replace('_', " ")) }
                    }
                }
            }
        }
        h2 { "Dependencies" }
        ul.dependencies {
            @for (v, name, status, parents) in &nodes {
                li {
                    a href={ "/migrations/" (v) } { "V" (format!("{v:03}")) " " (name) } " " (badge(status))
                    @if !parents.is_empty() {
                        " after " (parents.iter().map(|p| format!("V{p:03}")).collect::<Vec<_>>().join(", "))
                        @if edges.declared(*v) { " (declared)" }
                    }
                }
            }
        }
    };
    layout(&ui, "Graph", body).into_response()
}

/// What a migration's UP does to the schema, operation by operation, as the parser reads
/// its statements for `dialect` (`create table posts`, `add column users.email`).
fn touches(migrator: &crate::Migrator, version: u64, dialect: Dialect) -> Vec<String> {
    let Ok(Some(rendered)) = migrator.rendered(version, dialect) else { return Vec::new() };
    let model = migrate_schema::SchemaModel::new();
    let mut out = Vec::new();
    for sql in &rendered.up {
        match crate::sql::meaning(dialect, sql, &model) {
            crate::sql::Meaning::Ops { ops, .. } => out.extend(ops.iter().map(migrate_schema::Op::describe)),
            crate::sql::Meaning::Truncate(tables) => out.extend(tables.iter().map(|t| format!("truncate {t}"))),
            crate::sql::Meaning::Unchecked(why) => out.push(format!("not followed: {why}")),
            _ => {}
        }
    }
    out.dedup();
    out
}
