//! `migrate ui`: a local web page on the same engine as the command line.
//!
//! The server binds 127.0.0.1 and answers only a browser that shows the random token it
//! printed (`?token=` once, then an HttpOnly, same-site cookie). Every request that changes
//! something is a POST carrying the page's CSRF token in the `X-CSRF-Token` header (htmx
//! sends it from the `<body>`'s `hx-headers`), and is refused under `--read-only`. Pages
//! are rendered on the server ([`pages`]); htmx swaps the parts an action changes. Every
//! asset is compiled into the binary.

mod actions;
mod diff;
mod edit;
mod pages;
mod wizard;

use crate::Migrator;
use crate::driver::Connection;
use crate::error::{Error, Result};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use migrate_schema::Dialect;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// An engine call as the page makes it: behind a pointer, so that the optimiser calls the
/// engine's code rather than copying it into every handler (the command line already
/// holds one copy; this keeps the page's share of the binary small).
fn boxed<'a, T>(
    work: impl std::future::Future<Output = T> + Send + 'a,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>> {
    Box::pin(work)
}

/// How `migrate ui` serves.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Serve {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub(crate) port: u16,
    /// Open the page in the default browser.
    pub(crate) open: bool,
    /// Hide and refuse every action that writes.
    pub(crate) read_only: bool,
}

/// What the page reads and writes besides the database: the migration files and
/// migrate.sum, as the command line configured them.
pub(crate) trait Project: Send + Sync {
    /// The migrations as the files say now (for a binary that compiles its SQL files in,
    /// as it was built).
    fn migrations(&self) -> Result<Migrator>;
    /// Whether the SQL files are compiled into the binary: an edit runs once it is rebuilt.
    fn embedded(&self) -> bool;
    /// Where new SQL migrations are written.
    fn sql_dir(&self) -> PathBuf;
    /// After a file was written: migrate.sum brought up to date, if the project has one;
    /// its path.
    fn saved(&self) -> Result<Option<PathBuf>>;
    /// With `backup = true` in the settings: where backups go and what takes them, so that
    /// the page backs up before it changes the schema, as the commands do.
    fn backups(&self) -> Option<(PathBuf, crate::backup::Tool)>;
}

/// What every request works with.
pub(crate) struct Ui {
    /// The migrations, read again after the page wrote a file.
    migrator: RwLock<Arc<Migrator>>,
    project: Box<dyn Project>,
    url: String,
    dialect: Dialect,
    token: String,
    csrf: String,
    read_only: bool,
    /// One action at a time from this page (the engine's lock guards against the others).
    busy: tokio::sync::Mutex<()>,
}

impl Ui {
    /// A connection to the database, bound to the migrator's tables.
    async fn connect(&self) -> Result<Connection> {
        let mut conn = boxed(Connection::connect(&self.url)).await?;
        self.migrator().bind(&mut conn);
        Ok(conn)
    }

    /// The migrations as they stand.
    fn migrator(&self) -> Arc<Migrator> {
        self.migrator.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// With backups configured, a backup of the database before `command` changes it;
    /// what to tell the reader about it.
    async fn backup_before(&self, conn: &mut Connection, command: &str) -> Result<Option<String>> {
        let Some((dir, tool)) = self.project.backups() else { return Ok(None) };
        let b = boxed(crate::backup::create_with(conn, &self.url, &dir, command, tool)).await?;
        Ok(Some(format!(
            "Backed up to {} ({} bytes) first; `migrate restore {}` brings it back.",
            b.file.display(),
            b.bytes,
            b.name
        )))
    }

    /// Read the migrations again, after a file was written.
    fn reload(&self) -> Result<()> {
        let fresh = Arc::new(self.project.migrations()?);
        *self.migrator.write().unwrap_or_else(std::sync::PoisonError::into_inner) = fresh;
        Ok(())
    }
}

/// Serve the page until the process is stopped; prints the address with its token first.
pub(crate) async fn serve(migrator: Migrator, project: Box<dyn Project>, url: String, options: Serve) -> Result<()> {
    let dialect = Dialect::from_url(&url).ok_or_else(|| Error::Config(format!("unsupported database URL: {url}")))?;
    // Reach the database once before serving, so that a wrong URL is said here, not in the page.
    let conn = boxed(Connection::connect(&url)).await?;
    boxed(conn.close()).await?;
    let ui = Arc::new(Ui {
        migrator: RwLock::new(Arc::new(migrator)),
        project,
        url,
        dialect,
        token: random_token()?,
        csrf: random_token()?,
        read_only: options.read_only,
        busy: tokio::sync::Mutex::new(()),
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port))
        .await
        .map_err(Error::io(format!("listening on 127.0.0.1:{}", options.port)))?;
    let port = listener.local_addr().map_err(Error::io("reading the address listened on"))?.port();
    let address = format!("http://127.0.0.1:{port}/?token={}", ui.token);
    // Said where the user reads it; a closed stdout (`| head -1`) does not stop the server.
    let mut out = std::io::stdout();
    let _ = writeln!(out, "migrate ui: {address}{}", if ui.read_only { " (read-only)" } else { "" });
    let _ = writeln!(out, "Open it in a browser; Ctrl-C stops the server.");
    let _ = out.flush();
    if options.open {
        open_browser(&address);
    }
    axum::serve(listener, router(ui)).await.map_err(Error::io("serving the page"))
}

fn router(ui: Arc<Ui>) -> Router {
    Router::new()
        .route("/", get(pages::migrations))
        .route("/migrations/{version}", get(pages::migration))
        .route("/timeline", get(pages::timeline))
        .route("/performance", get(pages::performance))
        .route("/graph", get(pages::graph))
        .route("/diff", get(diff::page))
        .route("/diff/export", get(diff::export))
        .route("/diff/create", post(diff::create))
        .route("/migrations/{version}/edit", get(edit::page))
        .route("/migrations/{version}/validate", post(edit::validate))
        .route("/migrations/{version}/save", post(edit::save))
        .route("/format", post(edit::format))
        .route("/new", get(wizard::page))
        .route("/new/preview", post(wizard::preview_new))
        .route("/new/validate", post(wizard::validate))
        .route("/new/save", post(wizard::save))
        .route("/up", post(actions::up))
        .route("/down", post(actions::down))
        .route("/dry-run", post(actions::dry_run))
        .route("/recover", post(actions::recover))
        .route("/fresh", post(actions::fresh))
        .route("/assets/{name}", get(asset))
        .layer(middleware::from_fn_with_state(ui.clone(), guard))
        .with_state(ui)
}

const TOKEN_COOKIE: &str = "migrate_ui_token";

/// The token (from the query once, then the cookie) on every request; on a POST also the
/// CSRF header and, under `--read-only`, a refusal.
async fn guard(State(ui): State<Arc<Ui>>, request: Request, next: Next) -> Response {
    let query_token = request
        .uri()
        .query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| pair.strip_prefix("token="))
        .map(str::to_owned);
    if let Some(given) = query_token {
        if !same(&given, &ui.token) {
            return refused(StatusCode::FORBIDDEN, "wrong token: use the address `migrate ui` printed");
        }
        let cookie = format!("{TOKEN_COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", ui.token);
        let mut response = Redirect::to(request.uri().path()).into_response();
        if let Ok(value) = cookie.parse() {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        return response;
    }
    if !cookie(request.headers(), TOKEN_COOKIE).is_some_and(|t| same(t, &ui.token)) {
        return refused(StatusCode::FORBIDDEN, "this page needs the token: open the address `migrate ui` printed");
    }
    if request.method() == Method::POST {
        let csrf = request.headers().get("x-csrf-token").and_then(|v| v.to_str().ok());
        if !csrf.is_some_and(|t| same(t, &ui.csrf)) {
            return refused(StatusCode::FORBIDDEN, "missing or wrong CSRF token: reload the page");
        }
        if ui.read_only {
            return refused(StatusCode::FORBIDDEN, "read-only: `migrate ui --read-only` changes nothing");
        }
    }
    // A page shows the files as they are now: the reader may have edited one elsewhere.
    if request.method() == Method::GET
        && !request.uri().path().starts_with("/assets/")
        && let Err(e) = ui.reload()
    {
        return pages::failed(&e);
    }
    next.run(request).await
}

fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

/// Compared in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn refused(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{message}\n")).into_response()
}

fn random_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Config(format!("no randomness for the page's token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn open_browser(address: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(address).spawn().is_err() {
        eprintln!("could not start {opener}: open the address above by hand");
    }
}

/// The embedded assets: the page's own CSS and script, and htmx and the editor as built by
/// scripts/ui-assets, stored gzipped: sent as they are to a browser that takes gzip (every
/// browser does), decompressed for any other client.
async fn asset(axum::extract::Path(name): axum::extract::Path<String>, headers: HeaderMap) -> Response {
    let (body, kind): (&'static [u8], &str) = match name.as_str() {
        "app.css" => (include_bytes!("assets/app.css"), "text/css"),
        "app.js" => (include_bytes!("assets/app.js"), "text/javascript"),
        "htmx.min.js" => return gzipped(include_bytes!("assets/htmx.min.js.gz"), &headers),
        // CodeMirror 6 with its SQL language.
        "editor.js" => return gzipped(include_bytes!("assets/editor.js.gz"), &headers),
        _ => return refused(StatusCode::NOT_FOUND, "no such asset"),
    };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "max-age=3600")], body).into_response()
}

/// A gzipped script, as the client can take it.
fn gzipped(gz: &'static [u8], headers: &HeaderMap) -> Response {
    let takes_gzip = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|e| e.trim().starts_with("gzip")));
    let cache = (header::CACHE_CONTROL, "max-age=3600");
    let kind = (header::CONTENT_TYPE, "text/javascript");
    if takes_gzip {
        return ([kind, cache, (header::CONTENT_ENCODING, "gzip"), (header::VARY, "accept-encoding")], gz)
            .into_response();
    }
    let mut text = Vec::new();
    match std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz), &mut text) {
        Ok(_) => ([kind, cache, (header::VARY, "accept-encoding")], text).into_response(),
        Err(e) => refused(StatusCode::INTERNAL_SERVER_ERROR, &format!("an embedded script is damaged: {e}")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (random_token().unwrap(), random_token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..31]));
    }

    #[test]
    fn the_token_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, "theme=dark; migrate_ui_token=abc; x=1".parse().unwrap());
        assert_eq!(cookie(&headers, TOKEN_COOKIE), Some("abc"));
        assert_eq!(cookie(&headers, "missing"), None);
    }
}
