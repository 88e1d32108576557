//! What the page can do: apply up to a migration, roll back to one (after showing what
//! that rolls back and asking), and a real dry run. Each answers with a fragment for
//! `#result` and the list's table, swapped out of band.

use super::Ui;
use super::pages::{Filter, failed, load, rows_table};
use crate::engine::{DownTarget, DryRun, UpTarget};
use crate::error::Result;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use std::sync::Arc;

#[derive(Debug, serde::Deserialize)]
pub(super) struct Target {
    to: u64,
    /// `yes` once the reader confirmed what the preview showed.
    #[serde(default)]
    confirm: String,
}

/// The result of an action, with the list as it stands after it.
async fn answered(ui: &Ui, result: Markup) -> Response {
    let table = match load(ui).await {
        Ok(loaded) => rows_table(ui, &loaded, &Filter::default()),
        Err(e) => return failed(&e),
    };
    html! { (result) (table) }.into_response()
}

/// `POST /up`: apply the pending migrations up to `to`.
pub(super) async fn up(State(ui): State<Arc<Ui>>, Form(t): Form<Target>) -> Response {
    let _busy = ui.busy.lock().await;
    let ran = async {
        let mut conn = ui.connect().await?;
        let report = ui.migrator().up(&mut conn, UpTarget { to: Some(t.to), step: None }).await;
        let _ = conn.close().await;
        report
    }
    .await;
    match ran {
        Ok(report) => {
            let result = html! { div.ok role="status" {
                @if report.applied.is_empty() { "Nothing to apply up to V" (format!("{:03}", t.to)) "." }
                @else {
                    "Applied " (report.applied.len()) " migration(s) in " (report.elapsed_ms) " ms: "
                    (report.applied.iter().map(|d| format!("V{:03} {}", d.version, d.name)).collect::<Vec<_>>().join(", "))
                }
            } };
            answered(&ui, result).await
        }
        Err(e) => answered(&ui, error_box(&e)).await,
    }
}

/// `POST /down`: first what rolling back to `to` rolls back, with its SQL and a button
/// that confirms; with `confirm=yes`, the rollback.
pub(super) async fn down(State(ui): State<Arc<Ui>>, Form(t): Form<Target>) -> Response {
    let _busy = ui.busy.lock().await;
    let target = DownTarget::To(t.to);
    if t.confirm != "yes" {
        let plan = async {
            let mut conn = ui.connect().await?;
            let plan = ui.migrator().down_plan(&mut conn, target).await;
            let _ = conn.close().await;
            plan
        }
        .await;
        return match plan {
            Ok(plan) if plan.is_empty() => {
                html! { div.ok role="status" { "Nothing is applied above V" (format!("{:03}", t.to)) "." } }
                    .into_response()
            }
            Ok(plan) => {
                let vals = format!(r#"{{"to": "{}", "confirm": "yes"}}"#, t.to);
                html! {
                    div.confirm role="alertdialog" aria-labelledby="confirm-title" {
                        h2 #confirm-title { "Roll back to V" (format!("{:03}", t.to)) "?" }
                        p { "This rolls back " (plan.len()) " migration(s), newest first:" }
                        @for p in &plan {
                            details {
                                summary { "V" (format!("{:03}", p.version)) " " (p.name) }
                                pre { code { (p.statements.join(";\n")) } }
                            }
                        }
                        button.danger hx-post="/down" hx-vals=(vals) hx-target="#result" autofocus { "Roll back" }
                        " "
                        button onclick="document.getElementById('result').innerHTML = ''" { "Cancel" }
                    }
                }
                .into_response()
            }
            Err(e) => error_box(&e).into_response(),
        };
    }
    let ran = async {
        let mut conn = ui.connect().await?;
        let report = ui.migrator().down(&mut conn, target).await;
        let _ = conn.close().await;
        report
    }
    .await;
    match ran {
        Ok(report) => {
            let result = html! { div.ok role="status" {
                "Rolled back " (report.rolled_back.len()) " migration(s): "
                (report.rolled_back.iter().map(|d| format!("V{:03} {}", d.version, d.name)).collect::<Vec<_>>().join(", "))
            } };
            answered(&ui, result).await
        }
        Err(e) => answered(&ui, error_box(&e)).await,
    }
}

/// `POST /dry-run`: the real dry run of the pending migrations up to `to`.
pub(super) async fn dry_run(State(ui): State<Arc<Ui>>, Form(t): Form<Target>) -> Response {
    let _busy = ui.busy.lock().await;
    let ran: Result<DryRun> = async {
        let mut conn = ui.connect().await?;
        let dry = ui.migrator().dry_run_up(&mut conn, &ui.url, UpTarget { to: Some(t.to), step: None }).await;
        let _ = conn.close().await;
        dry
    }
    .await;
    match ran {
        Ok(dry) => dry_report(&dry).into_response(),
        Err(e) => error_box(&e).into_response(),
    }
}

fn dry_report(dry: &DryRun) -> Markup {
    let method = match dry.method {
        crate::engine::DryRunMethod::Transaction => "in a transaction on the database, rolled back",
        crate::engine::DryRunMethod::ScratchDatabase => "on a scratch copy of the schema, then dropped",
    };
    html! {
        div.dry role="status" {
            h2 { "Dry run" }
            p { "Ran " (method) "; nothing was changed." }
            @if let Some(f) = &dry.failed { p.error { "It would fail: " (f) } }
            ul {
                @for m in &dry.migrations {
                    li {
                        "V" (format!("{:03}", m.planned.version)) " " (m.planned.name) ": "
                        @if m.executed { (m.rows_affected) " row(s) affected" } @else { "not executed" }
                        @if let Some(note) = &m.note { " (" (note) ")" }
                        @for r in &m.planned.risks { " " span class={ "badge " (r.level.name()) } { (r.rule) } }
                    }
                }
            }
            @if dry.unchanged { p { "The schema was read again afterwards: it is as it was." } }
            @if dry.changes.is_empty() { p { "The schema would not change." } }
            @else {
                h3 { "What the migrations would change" }
                ul.changes {
                    @for c in &dry.changes {
                        li class=(format!("{:?}", c.kind).to_lowercase()) {
                            code { (c.object) } " " (c.detail) @if c.destructive { " " span.badge.high { "destructive" } }
                        }
                    }
                }
            }
        }
    }
}

fn error_box(e: &crate::Error) -> Markup {
    html! { div.error role="alert" { "error: " (e.chain().join(": ")) } }
}
