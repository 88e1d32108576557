//! The wizard: a new SQL migration, blank, from one of `migrate new`'s templates, or from
//! what the database has that the migrations do not; its parameters are the command
//! line's (the same flags, checks and messages, read from the form), the file is shown as
//! it is typed, checked offline, optionally rehearsed on a scratch copy of the database,
//! then saved (and applied, from the list or here).

use super::pages::{failed, layout};
use super::{Ui, boxed};
use crate::error::{Error, Result};
use crate::new::template::{Template, TemplateArgs};
use crate::new::{NewFile, Target};
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use clap::{CommandFactory, FromArgMatches, ValueEnum};
use maud::{Markup, html};
use std::sync::Arc;

/// The template flags, parsed as `migrate new` parses them.
#[derive(Debug, clap::Parser)]
#[command(name = "template", no_binary_name = true)]
struct Params {
    #[command(flatten)]
    args: TemplateArgs,
}

/// The form as sent: every field by name.
type Fields = Vec<(String, String)>;

fn field<'f>(fields: &'f Fields, name: &str) -> &'f str {
    fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.trim())
}

/// How the migration is made.
enum Method {
    Blank,
    Template(Template),
    FromDatabase,
}

/// The method and the template's parameters, read from the form with the command line's
/// own rules: a flag a template does not take, a wrong value, two that conflict.
fn read(fields: &Fields) -> Result<(Method, TemplateArgs)> {
    let method = match field(fields, "method") {
        "" | "blank" => Method::Blank,
        "from-db" => Method::FromDatabase,
        "template" => {
            let name = field(fields, "template");
            let kind = Template::from_str(name, true)
                .map_err(|_| Error::Config(format!("choose a template (`{name}` is not one)")))?;
            Method::Template(kind)
        }
        other => return Err(Error::Config(format!("unknown method `{other}`"))),
    };
    if !matches!(method, Method::Template(_)) {
        return Ok((method, TemplateArgs::default()));
    }
    let mut argv: Vec<String> = Vec::new();
    for arg in Params::command().get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        let value = field(fields, long);
        if arg.get_action().takes_values() {
            if !value.is_empty() {
                argv.extend([format!("--{long}"), value.to_owned()]);
            }
        } else if !value.is_empty() {
            argv.push(format!("--{long}"));
        }
    }
    let matches = Params::command().try_get_matches_from(&argv).map_err(|e| Error::Config(clap_message(&e)))?;
    let params = Params::from_arg_matches(&matches).map_err(|e| Error::Config(clap_message(&e)))?;
    Ok((method, params.args))
}

/// clap's first line, without its `error: ` and usage.
fn clap_message(e: &clap::Error) -> String {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).replace("'", "`")
}

/// The file the form describes, not yet written.
async fn generated(ui: &Ui, fields: &Fields) -> Result<NewFile> {
    let name = field(fields, "name");
    if name.is_empty() {
        return Err(Error::Config("give the migration a name".to_owned()));
    }
    let (method, params) = read(fields)?;
    let dir = ui.project.sql_dir();
    let target = Target { name, sql: true, dir: &dir };
    let migrator = ui.migrator();
    match method {
        Method::Blank => boxed(crate::new::written(&migrator, Some(&ui.url), &target, None, &params)).await,
        Method::Template(kind) => {
            boxed(crate::new::written(&migrator, Some(&ui.url), &target, Some(kind), &params)).await
        }
        Method::FromDatabase => {
            let mut conn = boxed(ui.connect()).await?;
            let options = migrate_schema::DiffOptions::default();
            let found = boxed(crate::new::from_db(&migrator, &mut conn, &ui.url, &target, &options)).await;
            let _ = boxed(conn.close()).await;
            found?.map(|(file, _)| file).ok_or_else(|| {
                Error::Config("the database matches its migrations: there is nothing to write".to_owned())
            })
        }
    }
}

/// The migrations with `file` among them, and its problems found offline.
fn checked(ui: &Ui, file: &NewFile) -> Result<(crate::Migrator, Vec<String>)> {
    let parsed = crate::sql::SqlFile::parse(&file.path, &file.text).map_err(|e| Error::File(Box::new(e)))?;
    let with = ui.migrator().with_file(parsed)?;
    let problems = with
        .validate_offline(ui.dialect)?
        .into_iter()
        .filter(|p| p.version == file.version)
        .map(|p| p.message)
        .collect();
    Ok((with, problems))
}

/// `GET /new`: the form.
pub(super) async fn page(State(ui): State<Arc<Ui>>) -> Response {
    if ui.read_only {
        return (StatusCode::FORBIDDEN, layout(&ui, "New migration", html! { p { "Read-only: nothing is written." } }))
            .into_response();
    }
    let command = Params::command();
    let templates: Vec<clap::builder::PossibleValue> =
        Template::value_variants().iter().filter_map(ValueEnum::to_possible_value).collect();
    let body = html! {
        // One request at a time: leaving a field (its `change`) as a button is clicked
        // must not answer after the button's request and hide what it said.
        form #wizard hx-post="/new/preview" hx-target="#preview" hx-trigger="input changed delay:400ms, change, submit"
            hx-sync="this:replace" {
            p { label { "Name " input #name type="text" name="name" required placeholder="add users email" autofocus; } }
            fieldset {
                legend { "Method" }
                label { input type="radio" name="method" value="blank" checked; " Blank" }
                label { input type="radio" name="method" value="template"; " From a template" }
                label { input type="radio" name="method" value="from-db"; " From the database (what it has that the migrations do not)" }
            }
            fieldset #template-fields {
                legend { "Template" }
                p { label { "Template "
                    select name="template" {
                        @for t in &templates {
                            option value=(t.get_name()) { (t.get_name()) @if let Some(help) = t.get_help() { " · " (help.to_string()) } }
                        }
                    }
                } }
                div.params {
                    @for arg in command.get_arguments() {
                        @if let Some(long) = arg.get_long() {
                            @let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                            @let values: Vec<String> = arg.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
                            @if !arg.get_action().takes_values() {
                                label title=(help) { input type="checkbox" name=(long) value="yes"; " --" (long) }
                            } @else if !values.is_empty() {
                                label title=(help) { "--" (long) " "
                                    select name=(long) { option value="" { "—" } @for v in &values { option value=(v) { (v) } } }
                                }
                            } @else {
                                label title=(help) { "--" (long) " " input type="text" name=(long) placeholder=(help); }
                            }
                        }
                    }
                }
            }
            p.buttons {
                button type="button" hx-post="/new/validate" hx-target="#preview" hx-include="#wizard" hx-sync="closest form:replace" { "Validate against the database" }
                " "
                button type="button" hx-post="/new/save" hx-target="#result" hx-include="#wizard" hx-sync="closest form:replace" { "Save" }
                " "
                label { input type="checkbox" name="apply" value="yes"; " and apply it" }
            }
        }
        section #preview aria-live="polite" { p.hint { "The file appears here as you fill the form." } }
    };
    layout(&ui, "New migration", body).into_response()
}

fn preview(file: &NewFile, problems: &[String], rehearsal: Option<Markup>) -> Markup {
    html! {
        h2 { "Review" }
        p { "V" (format!("{:03}", file.version)) " · " code { (file.path.display()) } }
        @if problems.is_empty() { p.ok-text { "The migrations with it follow without problems (offline)." } }
        @for p in problems { p.error { (p) } }
        @if let Some(r) = rehearsal { (r) }
        pre { code.generated { (file.text) } }
    }
}

fn said(e: &Error) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, html! { div.error role="alert" { (e.chain().join(": ")) } }).into_response()
}

/// `POST /new/preview`: the file the form describes and its problems.
pub(super) async fn preview_new(State(ui): State<Arc<Ui>>, Form(fields): Form<Fields>) -> Response {
    let file = match generated(&ui, &fields).await {
        Ok(file) => file,
        Err(e) => return said(&e),
    };
    match checked(&ui, &file) {
        Ok((_, problems)) => preview(&file, &problems, None).into_response(),
        Err(e) => said(&e),
    }
}

/// `POST /new/validate`: the preview, and the pending migrations with it run on a scratch
/// copy of the database's schema.
pub(super) async fn validate(State(ui): State<Arc<Ui>>, Form(fields): Form<Fields>) -> Response {
    let _busy = ui.busy.lock().await;
    let file = match generated(&ui, &fields).await {
        Ok(file) => file,
        Err(e) => return said(&e),
    };
    let (with, problems) = match checked(&ui, &file) {
        Ok(found) => found,
        Err(e) => return said(&e),
    };
    let rehearsed = async {
        let mut conn = boxed(ui.connect()).await?;
        let r = boxed(with.rehearse(&mut conn, &ui.url)).await;
        let _ = boxed(conn.close()).await;
        r
    }
    .await;
    let report = match rehearsed {
        Ok(r) => html! {
            div.dry role="status" {
                @if let Some(why) = &r.skipped { p { (why) } }
                @else { p { "Ran " (r.ran) " pending migration(s), this one last, on a scratch copy of the database's schema, then dropped it." } }
                @if r.problems.is_empty() && r.skipped.is_none() { p { "The database accepted every statement." } }
                @for p in &r.problems { p.error { (p.message) } }
            }
        },
        Err(e) => html! { div.error role="alert" { (e.chain().join(": ")) } },
    };
    preview(&file, &problems, Some(report)).into_response()
}

/// `POST /new/save`: the file written (never over another), migrate.sum updated, the
/// migrations read again; with `apply`, applied up to it.
pub(super) async fn save(State(ui): State<Arc<Ui>>, Form(fields): Form<Fields>) -> Response {
    let _busy = ui.busy.lock().await;
    let file = match generated(&ui, &fields).await {
        Ok(file) => file,
        Err(e) => return said(&e),
    };
    if let Err(e) = checked(&ui, &file) {
        return said(&e);
    }
    let sum = match crate::new::write(&file).and_then(|()| ui.project.saved()) {
        Ok(sum) => sum,
        Err(e) => return said(&e),
    };
    if let Err(e) = ui.reload() {
        return failed(&e);
    }
    let version = file.version;
    let applied = if field(&fields, "apply") == "yes" && !ui.project.embedded() {
        let ran = async {
            let mut conn = boxed(ui.connect()).await?;
            let report = match super::actions::backup_if_needed(&ui, &mut conn, "up", version).await {
                Ok(note) => boxed(ui.migrator().up(&mut conn, crate::UpTarget { to: Some(version), step: None }))
                    .await
                    .map(|r| (note, r)),
                Err(e) => Err(e),
            };
            let _ = boxed(conn.close()).await;
            report
        }
        .await;
        Some(ran)
    } else {
        None
    };
    html! {
        div.ok role="status" {
            "Created " code { (file.path.display()) } " (V" (format!("{version:03}")) ")"
            @if let Some(path) = sum { "; " code { (path.display()) } " updated" }
            ". "
            a href={ "/migrations/" (version) } { "Open it" } " · " a href={ "/migrations/" (version) "/edit" } { "Edit it" }
            @if ui.project.embedded() { p { "This binary compiles its SQL files in: rebuild it to run the new file." } }
        }
        @match applied {
            Some(Ok((backup, report))) => div.ok role="status" {
                "Applied " (report.applied.len()) " migration(s) in " (report.elapsed_ms) " ms: "
                (report.applied.iter().map(|d| format!("V{:03} {}", d.version, d.name)).collect::<Vec<_>>().join(", "))
                @if let Some(b) = backup { " " (b) }
            },
            Some(Err(e)) => div.error role="alert" { "Created, but not applied: " (e.chain().join(": ")) },
            None => {},
        }
    }
    .into_response()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_form_is_read_with_the_command_lines_rules() {
        let (method, args) = read(&fields(&[
            ("method", "template"),
            ("template", "add-column"),
            ("table", "users"),
            ("column", "email"),
            ("type", "varchar(200)"),
            ("nullable", "yes"),
            ("default", ""),
        ]))
        .unwrap();
        assert!(matches!(method, Method::Template(Template::AddColumn)));
        assert_eq!(
            (args.table.as_deref(), args.ty.as_deref(), args.nullable),
            (Some("users"), Some("varchar(200)"), true)
        );
        assert_eq!(args.default, None, "an empty field is a flag not given");
        let conflict = read(&fields(&[
            ("method", "template"),
            ("template", "modify-column"),
            ("nullable", "yes"),
            ("not-null", "yes"),
        ]));
        let message = conflict.err().unwrap().to_string();
        assert!(message.contains("--nullable") && message.contains("--not-null"), "{message}");
        assert!(read(&fields(&[("method", "template"), ("template", "nope")])).is_err());
    }
}
