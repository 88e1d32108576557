//! `migrate ui` as a user meets it: the real binary serving a real database, driven in
//! headless Chromium through chromedriver (Debian's `chromium` and `chromium-driver`).
//! Every action is checked in the database's catalog afterwards, every page is
//! screenshotted under the test's output folder, and the security rules are tried with
//! raw HTTP requests, the way a hostile page or a script would send them.
//!
//! Here: the harness (the server process, raw HTTP, the browser session, waits and
//! screenshots). [`security`]: the guard and backups over HTTP; [`workflow`]: the reading
//! pages and the actions on the list; [`writing`]: the editor, the wizard, the schema diff,
//! recovery, reset and fresh.

mod security;
mod workflow;
mod writing;

use crate::db::{TestDb, catalog, strings};
use crate::engine::Dir;
use fantoccini::{Client, ClientBuilder, Locator};
use migrate::schema::Dialect;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub(super) const BIN: &str = env!("CARGO_BIN_EXE_migrate-sql-only");
pub(super) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub(super) const CHROMIUM: &str = "/usr/bin/chromium";

/// A `migrate ui` process; killed on drop.
pub(super) struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub(super) base: String,
    /// The address it printed, with its token.
    pub(super) address: String,
}

impl Server {
    pub(super) fn start(url: &str, dir: &Dir, extra: &[&str]) -> Self {
        let mut child = Command::new(BIN)
            .arg("--database-url")
            .arg(url)
            .arg("--migrations")
            .arg(dir.path())
            .args(["ui", "--port", "0"])
            .args(extra)
            .env_remove("DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut first = String::new();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut first).unwrap();
        // Keep reading what it says after, as a terminal would.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let address = first
            .trim()
            .strip_prefix("migrate ui: ")
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("`migrate ui` printed {first:?}"))
            .to_owned();
        let base = address.split("/?").next().unwrap().to_owned();
        Self { child, base, address }
    }

    pub(super) fn token(&self) -> &str {
        self.address.split("token=").nth(1).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request as a script would send it: `(status, headers, body)`.
pub(super) async fn http(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let host = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        request.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

pub(super) fn seeded() -> Dir {
    let dir = Dir::new();
    dir.write(
        1,
        "create_users",
        "CREATE TABLE users (id integer NOT NULL PRIMARY KEY, email varchar(200) NOT NULL);",
        Some("DROP TABLE users;"),
    )
    .write(
        2,
        "create_posts",
        "CREATE TABLE posts (id integer NOT NULL PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), title varchar(200) NOT NULL);",
        Some("DROP TABLE posts;"),
    )
    .write(3, "index_posts_user", "CREATE INDEX posts_user ON posts (user_id);", Some("DROP INDEX posts_user;"));
    dir
}

/// The tables the database's catalog lists, without our own.
pub(super) async fn tables(db: &mut TestDb) -> Vec<String> {
    let sql = match db.conn.dialect() {
        Dialect::Sqlite => "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
        Dialect::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
        }
        Dialect::MySql => "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1",
    };
    strings(&mut db.conn, sql)
        .await
        .into_iter()
        .filter(|t| !t.starts_with("schema_migrations") && !t.starts_with("sqlite_"))
        .collect()
}

/// A browser session on a chromedriver of its own; `None` (said) when Chromium is not
/// installed, except under `CI=true`.
pub(super) async fn browser() -> Option<(Child, Client)> {
    if !std::path::Path::new(CHROMEDRIVER).exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{CHROMEDRIVER} is missing: `apt-get install -y chromium chromium-driver` (.ci/run does)"
        );
        eprintln!("skipped: no {CHROMEDRIVER} (apt-get install -y chromium chromium-driver)");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        // UTC+5:30, so that times shown in the reader's zone differ from the stored UTC.
        .env("TZ", "Asia/Kolkata")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut capabilities = serde_json::Map::new();
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];
    capabilities.insert("goog:chromeOptions".into(), serde_json::json!({ "binary": CHROMIUM, "args": args }));
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector).capabilities(capabilities.clone()).connect(&url).await {
            Ok(client) => return Some((driver, client)),
            Err(e) if started.elapsed() > Duration::from_secs(30) => panic!("chromedriver did not start: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Wait until `condition` (a JavaScript expression) is true in the page.
pub(super) async fn until(client: &Client, condition: &str) {
    let started = Instant::now();
    loop {
        let v = client.execute(&format!("return !!({condition});"), vec![]).await.unwrap();
        if v == serde_json::Value::Bool(true) {
            return;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let text = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
            panic!("waited 20 s for `{condition}`; the page says:\n{text}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub(super) async fn main_text(client: &Client) -> String {
    client.find(Locator::Css("main")).await.unwrap().text().await.unwrap()
}

pub(super) async fn row_text(client: &Client, version: u64) -> String {
    client.find(Locator::Css(&format!("tr[data-version='{version}']"))).await.unwrap().text().await.unwrap()
}

pub(super) async fn row_button(client: &Client, version: u64, label: &str) -> fantoccini::elements::Element {
    let xpath = format!("//tr[@data-version='{version}']//button[normalize-space()='{label}']");
    client.find(Locator::XPath(&xpath)).await.unwrap_or_else(|e| panic!("no {label:?} on V{version}: {e}"))
}

pub(super) struct Shots(PathBuf);

impl Shots {
    pub(super) fn new(dialect: Dialect) -> Self {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ui-screenshots").join(dialect.name());
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub(super) async fn take(&self, client: &Client, name: &str) {
        std::fs::write(self.0.join(format!("{name}.png")), client.screenshot().await.unwrap()).unwrap();
    }
}

/// `13:28` in `2026-12-04 13:28:30+00` or `12/4/2026, 1:28:30 PM`, as minutes since midnight.
pub(super) fn minute_of_day(text: &str) -> u32 {
    let at = text.find(':').unwrap_or_else(|| panic!("no time in {text:?}"));
    let hour: u32 = text[..at].rsplit(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap();
    let minute: u32 = text[at + 1..at + 3].parse().unwrap();
    let hour = match (text.contains("PM"), text.contains("AM")) {
        (true, _) if hour < 12 => hour + 12,
        (_, true) if hour == 12 => 0,
        _ => hour,
    };
    hour * 60 + minute
}

/// The page neither scrolls sideways nor hides its navigation at this size.
pub(super) async fn fits(client: &Client, width: u32, height: u32, page: &str) {
    client.set_window_size(width, height).await.unwrap();
    let overflow = client
        .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
        .await
        .unwrap();
    assert!(overflow.as_i64().unwrap() <= 0, "{page} at {width}×{height} scrolls sideways by {overflow} px");
}

/// A fetch from the page, with its cookie: the text of the answer.
pub(super) async fn fetched(client: &Client, path: &str) -> String {
    let script = "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);";
    let text = client.execute_async(script, vec![serde_json::json!(path)]).await.unwrap();
    text.as_str().unwrap().to_owned()
}
