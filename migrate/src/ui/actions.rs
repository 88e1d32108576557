//! What the page can do: apply up to a migration, roll back to one (after showing what
//! that rolls back and asking), and a real dry run. Each answers with a fragment for
//! `#result` and the list's table, swapped out of band.

use super::pages::{Filter, badge, failed, load, rows_table};
use super::{Ui, boxed};
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
    let table = match boxed(load(ui)).await {
        Ok(loaded) => rows_table(ui, &loaded, &Filter::default()),
        Err(e) => return failed(&e),
    };
    html! { (result) (table) }.into_response()
}

/// With `backup = true`, the backup the command line takes before `command`, when the
/// database has something for it to change (a pending migration up to `to` for `up`,
/// anything applied above `to` for `down`); nothing runs if it fails.
pub(super) async fn backup_if_needed(
    ui: &Ui,
    conn: &mut crate::Connection,
    command: &str,
    to: u64,
) -> Result<Option<String>> {
    if ui.project.backups().is_none() {
        return Ok(None);
    }
    let status = boxed(ui.migrator().status(conn)).await?;
    let work = match command {
        "up" => status.migrations.iter().any(|m| m.status == "pending" && m.version <= to),
        _ => status.current.is_some_and(|c| c > to),
    };
    if !work {
        return Ok(None);
    }
    ui.backup_before(conn, command).await
}

/// `POST /up`: apply the pending migrations up to `to`.
pub(super) async fn up(State(ui): State<Arc<Ui>>, Form(t): Form<Target>) -> Response {
    let _busy = ui.busy.lock().await;
    let ran = async {
        let mut conn = boxed(ui.connect()).await?;
        let backed_up = backup_if_needed(&ui, &mut conn, "up", t.to).await;
        let report = match backed_up {
            Ok(note) => {
                boxed(ui.migrator().up(&mut conn, UpTarget { to: Some(t.to), step: None })).await.map(|r| (note, r))
            }
            Err(e) => Err(e),
        };
        let _ = boxed(conn.close()).await;
        report
    }
    .await;
    match ran {
        Ok((backup, report)) => {
            let result = html! { div.ok role="status" {
                @if report.applied.is_empty() { "Nothing to apply up to V" (format!("{:03}", t.to)) "." }
                @else {
                    "Applied " (report.applied.len()) " migration(s) in " (report.elapsed_ms) " ms: "
                    (report.applied.iter().map(|d| format!("V{:03} {}", d.version, d.name)).collect::<Vec<_>>().join(", "))
                }
                @if let Some(b) = backup { " " (b) }
            } };
            boxed(answered(&ui, result)).await
        }
        Err(e) => boxed(answered(&ui, error_box(&e))).await,
    }
}

/// `POST /down`: first what rolling back to `to` rolls back, with its SQL and a button
/// that confirms; with `confirm=yes`, the rollback.
pub(super) async fn down(State(ui): State<Arc<Ui>>, Form(t): Form<Target>) -> Response {
    let _busy = ui.busy.lock().await;
    let target = DownTarget::To(t.to);
    if t.confirm != "yes" {
        let plan = async {
            let mut conn = boxed(ui.connect()).await?;
            let plan = boxed(ui.migrator().down_plan(&mut conn, target)).await;
            let _ = boxed(conn.close()).await;
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
        let mut conn = boxed(ui.connect()).await?;
        let backed_up = backup_if_needed(&ui, &mut conn, "down", t.to).await;
        let report = match backed_up {
            Ok(note) => boxed(ui.migrator().down(&mut conn, target)).await.map(|r| (note, r)),
            Err(e) => Err(e),
        };
        let _ = boxed(conn.close()).await;
        report
    }
    .await;
    match ran {
        Ok((backup, report)) => {
            let result = html! { div.ok role="status" {
                "Rolled back " (report.rolled_back.len()) " migration(s): "
                (report.rolled_back.iter().map(|d| format!("V{:03} {}", d.version, d.name)).collect::<Vec<_>>().join(", "))
                @if let Some(b) = backup { " " (b) }
            } };
            boxed(answered(&ui, result)).await
        }
        Err(e) => boxed(answered(&ui, error_box(&e))).await,
    }
}

/// `POST /dry-run`: the real dry run of the pending migrations up to `to`.
pub(super) async fn dry_run(State(ui): State<Arc<Ui>>, Form(t): Form<Target>) -> Response {
    let _busy = ui.busy.lock().await;
    let ran: Result<DryRun> = async {
        let mut conn = boxed(ui.connect()).await?;
        let dry = boxed(ui.migrator().dry_run_up(&mut conn, &ui.url, UpTarget { to: Some(t.to), step: None })).await;
        let _ = boxed(conn.close()).await;
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

#[derive(Debug, serde::Deserialize)]
pub(super) struct Recover {
    to: u64,
    /// `retry`, `rollback` or `skip`; empty for what each would do.
    #[serde(default)]
    action: String,
}

/// `POST /recover`: for a migration that stopped half-way, first what the database shows
/// of each statement and what each way on runs, with a button for each; with `action`,
/// that way, as `migrate recover V --retry|--rollback|--skip` does.
pub(super) async fn recover(State(ui): State<Arc<Ui>>, Form(r): Form<Recover>) -> Response {
    use crate::RecoverAction;
    let _busy = ui.busy.lock().await;
    let action = match r.action.as_str() {
        "" => None,
        "retry" => Some(RecoverAction::Retry),
        "rollback" => Some(RecoverAction::Rollback),
        "skip" => Some(RecoverAction::Skip),
        "applied" => Some(RecoverAction::Mark(crate::Resolution::Applied)),
        other => {
            return error_box(&crate::Error::Config(format!("unknown way on `{other}`: retry, rollback or skip")))
                .into_response();
        }
    };
    let migrator = ui.migrator();
    let mut conn = match boxed(ui.connect()).await {
        Ok(conn) => conn,
        Err(e) => return error_box(&e).into_response(),
    };
    let Some(action) = action else {
        let plan = boxed(migrator.recover_plan(&mut conn)).await;
        let _ = boxed(conn.close()).await;
        let plan = match plan {
            Ok(plan) => plan,
            Err(e) => return error_box(&e).into_response(),
        };
        let way = |action: &str| format!(r#"{{"to": "{}", "action": "{action}"}}"#, r.to);
        let Some(p) = plan.into_iter().find(|p| p.version == r.to) else {
            // Failed inside a transaction: the database kept none of it.
            return html! {
                div.confirm role="alertdialog" aria-labelledby="recover-title" {
                    h2 #recover-title { "Recover V" (format!("{:03}", r.to)) }
                    p { "It failed inside a transaction, so the database kept none of it. Fix the file ("
                        a href={ "/migrations/" (r.to) "/edit" } { "edit it" } ") and apply it again; or, if the database "
                        "already has what it does (made by hand or by another tool), record it applied without running it, as "
                        code { "migrate resolve " (r.to) " --applied" } " does." }
                    button.danger hx-post="/recover" hx-vals=(way("applied")) hx-target="#result" { "Record it applied" }
                    " "
                    button type="button" onclick="document.getElementById('result').innerHTML = ''" { "Cancel" }
                }
            }
            .into_response();
        };
        return html! {
            div.confirm role="alertdialog" aria-labelledby="recover-title" {
                h2 #recover-title { "Recover V" (format!("{:03}", p.version)) " " (p.name) }
                @if let Some(e) = &p.error { p.error { (e) } }
                p { (p.ran) " of " (p.statements.len()) " statement(s) took effect (the history counts " (p.recorded) ")." }
                ol {
                    @for s in &p.statements {
                        li { code { (s.sql) } " " (badge(&format!("{:?}", s.effect).to_lowercase())) @if s.committed { " committed" } }
                    }
                }
                @for n in &p.notes { p.hint { (n) } }
                details { summary { "Retry runs " (p.retry.len()) " statement(s)" } pre { code { (p.retry.join(";\n")) } } }
                @match &p.rollback_blocked {
                    Some(why) => p.hint { "Rolling back what ran is not possible: " (why) },
                    None => details { summary { "Rolling back runs " (p.rollback.len()) " statement(s)" } pre { code { (p.rollback.join(";\n")) } } },
                }
                button.danger hx-post="/recover" hx-vals=(way("retry")) hx-target="#result" { "Retry" }
                " "
                @if p.rollback_blocked.is_none() {
                    button.danger hx-post="/recover" hx-vals=(way("rollback")) hx-target="#result" { "Roll back what ran" }
                    " "
                }
                button.danger hx-post="/recover" hx-vals=(way("skip")) hx-target="#result" { "Skip (record it applied as it is)" }
                " "
                button type="button" onclick="document.getElementById('result').innerHTML = ''" { "Cancel" }
            }
        }
        .into_response();
    };
    let word = match action {
        RecoverAction::Retry => "retried",
        RecoverAction::Rollback => "rolled back",
        RecoverAction::Skip => "skipped",
        RecoverAction::Mark(_) => "recorded applied",
    };
    // A migration that failed inside a transaction has no recovery to act on: recording
    // it applied is `resolve`'s.
    let done = match action {
        RecoverAction::Mark(resolution) => boxed(migrator.resolve(&mut conn, r.to, resolution)).await,
        other => boxed(migrator.recover(&mut conn, r.to, other)).await.map(|_| ()),
    };
    let _ = boxed(conn.close()).await;
    match done {
        Ok(()) => {
            boxed(answered(&ui, html! { div.ok role="status" { "V" (format!("{:03}", r.to)) " " (word) "." } })).await
        }
        Err(e) => boxed(answered(&ui, error_box(&e))).await,
    }
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct Confirm {
    /// `yes` once the reader confirmed what the preview showed.
    #[serde(default)]
    confirm: String,
}

/// `POST /fresh`: first what it drops (every table and view the database has, read from
/// it) and what it applies, then with `confirm=yes` `migrate fresh`: a backup first when
/// the settings ask for one.
pub(super) async fn fresh(State(ui): State<Arc<Ui>>, Form(c): Form<Confirm>) -> Response {
    let _busy = ui.busy.lock().await;
    let mut conn = match boxed(ui.connect()).await {
        Ok(conn) => conn,
        Err(e) => return error_box(&e).into_response(),
    };
    if c.confirm != "yes" {
        // Read as the schema diff reads the database (one copy of that code in the binary).
        let found = boxed(crate::diff::source(&ui.migrator(), &mut conn, &ui.url, "database")).await;
        let _ = boxed(conn.close()).await;
        let model = match found {
            Ok(model) => model,
            Err(e) => return error_box(&e).into_response(),
        };
        let migrator = ui.migrator();
        let own = migrator.own_tables();
        let tables: Vec<&str> =
            model.tables.iter().map(|t| t.name.as_str()).filter(|n| !own.iter().any(|o| o == n)).collect();
        let count = migrator.for_dialect(ui.dialect).count();
        return html! {
            div.confirm role="alertdialog" aria-labelledby="fresh-title" {
                h2 #fresh-title { "Drop everything and apply every migration?" }
                p { "This drops " (tables.len()) " table(s) and every view and type of the database, with their rows: "
                    (tables.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")) "." }
                p { "Then it forgets the history and applies the " (count) " migration(s) from the start." }
                @if ui.project.backups().is_some() { p { "A backup is taken first (backup = true)." } }
                @else { p.error { "No backup is taken: set " code { "backup = true" } " in migrate.toml, or run " code { "migrate backup" } " first." } }
                button.danger hx-post="/fresh" hx-vals=r#"{"confirm": "yes"}"# hx-target="#result" { "Drop everything and apply" }
                " "
                button type="button" onclick="document.getElementById('result').innerHTML = ''" { "Cancel" }
            }
        }
        .into_response();
    }
    let backed_up = ui.backup_before(&mut conn, "fresh").await;
    let ran = match backed_up {
        Ok(note) => boxed(ui.migrator().fresh(&mut conn)).await.map(|r| (note, r)),
        Err(e) => Err(e),
    };
    let _ = boxed(conn.close()).await;
    match ran {
        Ok((backup, report)) => {
            let result = html! { div.ok role="status" {
                "Dropped everything and applied " (report.applied.len()) " migration(s) in " (report.elapsed_ms) " ms."
                @if let Some(b) = backup { " " (b) }
            } };
            boxed(answered(&ui, result)).await
        }
        Err(e) => boxed(answered(&ui, error_box(&e))).await,
    }
}
