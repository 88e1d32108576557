//! `migrate ui` as a user meets it: the real binary serving a real database, driven in
//! headless Chromium through chromedriver (Debian's `chromium` and `chromium-driver`).
//! Every action is checked in the database's catalog afterwards, every page is
//! screenshotted under the test's output folder, and the security rules are tried with
//! raw HTTP requests, the way a hostile page or a script would send them.

use crate::db::{TestDb, catalog, strings};
use crate::engine::Dir;
use fantoccini::{Client, ClientBuilder, Locator};
use migrate::schema::Dialect;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BIN: &str = env!("CARGO_BIN_EXE_migrate-sql-only");
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A `migrate ui` process; killed on drop.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    base: String,
    /// The address it printed, with its token.
    address: String,
}

impl Server {
    fn start(url: &str, dir: &Dir, extra: &[&str]) -> Self {
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

    fn token(&self) -> &str {
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
async fn http(base: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String, String) {
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

fn seeded() -> Dir {
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
async fn tables(db: &mut TestDb) -> Vec<String> {
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

#[tokio::test]
async fn without_the_token_or_the_csrf_header_or_under_read_only_nothing_is_served_or_changed() {
    let mut db = TestDb::new(Dialect::Sqlite).await.unwrap();
    let dir = seeded();
    let server = Server::start(&db.url, &dir, &[]);
    let cookie = format!("migrate_ui_token={}", server.token());

    let (status, _, body) = http(&server.base, "GET", "/", &[], "").await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("needs the token"), "{body}");
    let (status, _, _) = http(&server.base, "GET", "/?token=0123456789abcdef0123456789abcdef", &[], "").await;
    assert_eq!(status, 403, "a wrong token is refused");
    let (status, _, _) = http(&server.base, "GET", "/", &[("Cookie", "migrate_ui_token=nope")], "").await;
    assert_eq!(status, 403, "a wrong cookie is refused");
    let (status, head, _) = http(&server.base, "GET", &format!("/?token={}", server.token()), &[], "").await;
    assert_eq!(status, 303);
    assert!(head.contains("HttpOnly") && head.contains("SameSite=Strict"), "{head}");
    let (status, _, page) = http(&server.base, "GET", "/", &[("Cookie", &cookie)], "").await;
    assert_eq!(status, 200);
    let csrf = page.split(r#"X-CSRF-Token&quot;: &quot;"#).nth(1).and_then(|r| r.split("&quot;").next()).unwrap();

    // A cross-site form can carry the cookie (were it not same-site) but not the header.
    let (status, _, body) = http(&server.base, "POST", "/up", &[("Cookie", &cookie)], "to=3").await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("CSRF"), "{body}");
    let (status, _, _) =
        http(&server.base, "POST", "/up", &[("Cookie", &cookie), ("X-CSRF-Token", "wrong")], "to=3").await;
    assert_eq!(status, 403);
    let (status, _, _) = http(&server.base, "POST", "/up", &[("X-CSRF-Token", csrf)], "to=3").await;
    assert_eq!(status, 403, "the CSRF token without the cookie is refused");
    assert_eq!(tables(&mut db).await, Vec::<String>::new(), "nothing applied by a refused request");

    // The same request with both is served: the refusals above are the guard's.
    let (status, _, body) =
        http(&server.base, "POST", "/up", &[("Cookie", &cookie), ("X-CSRF-Token", csrf)], "to=1").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Applied 1 migration"), "{body}");
    assert_eq!(tables(&mut db).await, ["users"]);

    // A file written while the page runs (from the reader's own editor) is listed at once.
    dir.write(4, "add_notes", "CREATE TABLE notes (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE notes;"));
    let (_, _, page) = http(&server.base, "GET", "/", &[("Cookie", &cookie)], "").await;
    assert!(page.contains("add_notes") && page.contains("4 migrations"), "{page}");
    std::fs::remove_file(dir.path().join("V004_20250114200000_add_notes.sql")).unwrap();

    // The editor writes only files the migrations were read from, whatever the form names.
    let elsewhere = dir.path().join("V009_20250114200000_elsewhere.sql");
    let form = format!("file={}&text=SELECT+1%3B", elsewhere.display());
    let (status, _, body) =
        http(&server.base, "POST", "/migrations/2/save", &[("Cookie", &cookie), ("X-CSRF-Token", csrf)], &form).await;
    assert_eq!(status, 404, "{body}");
    assert!(!elsewhere.exists(), "no file was written where the form said");
    // The editor's bundle is stored gzipped; a client that does not take gzip gets it plain.
    let (status, head, script) = http(&server.base, "GET", "/assets/editor.js", &[("Cookie", &cookie)], "").await;
    assert_eq!(status, 200, "{head}");
    assert!(script.starts_with("/* migrate ui editor: CodeMirror 6"), "{}", &script[..script.len().min(200)]);
    assert!(!head.to_lowercase().contains("content-encoding"), "{head}");
    drop(server);

    let server = Server::start(&db.url, &dir, &["--read-only"]);
    let cookie = format!("migrate_ui_token={}", server.token());
    let (status, _, page) = http(&server.base, "GET", "/", &[("Cookie", &cookie)], "").await;
    assert_eq!(status, 200);
    assert!(page.contains("read-only"), "the page says it is read-only");
    assert!(!page.contains("<button"), "no action is offered read-only:\n{page}");
    let (_, _, view) = http(&server.base, "GET", "/migrations/2", &[("Cookie", &cookie)], "").await;
    assert!(view.contains("CREATE TABLE posts") && !view.contains("<button"), "{view}");
    let csrf = page.split(r#"X-CSRF-Token&quot;: &quot;"#).nth(1).and_then(|r| r.split("&quot;").next()).unwrap();
    let before = catalog(&mut db.conn).await;
    let v2 = dir.path().join("V002_20250114200000_create_posts.sql");
    let v2_text = std::fs::read_to_string(&v2).unwrap();
    let (_, _, editor) = http(&server.base, "GET", "/migrations/2/edit", &[("Cookie", &cookie)], "").await;
    assert!(editor.contains("CREATE TABLE posts") && !editor.contains("<button"), "{editor}");
    let save = format!("file={}&text=DROP+TABLE+users%3B", v2.display());
    let writes = [("/up", "to=3"), ("/down", "to=0&confirm=yes"), ("/dry-run", "to=3"), ("/migrations/2/save", &save)];
    for (path, body) in writes {
        let (status, _, answer) =
            http(&server.base, "POST", path, &[("Cookie", &cookie), ("X-CSRF-Token", csrf)], body).await;
        assert_eq!(status, 403, "{path} under --read-only: {answer}");
        assert!(answer.contains("read-only"), "{answer}");
    }
    assert_eq!(catalog(&mut db.conn).await, before, "read-only changed nothing");
    assert_eq!(std::fs::read_to_string(&v2).unwrap(), v2_text, "read-only wrote no file");
    drop(server);
    db.drop().await;
}

#[tokio::test]
async fn with_backup_in_the_settings_the_page_backs_up_before_it_changes_the_schema() {
    let db = TestDb::new(Dialect::Sqlite).await.unwrap();
    let dir = seeded();
    let settings = dir.path().join("migrate.toml");
    std::fs::write(&settings, "backup = true\nbackup_dir = \"backups\"\n").unwrap();
    let server = Server::start(&db.url, &dir, &["--config", settings.to_str().unwrap()]);
    let cookie = format!("migrate_ui_token={}", server.token());
    let (_, _, page) = http(&server.base, "GET", "/", &[("Cookie", &cookie)], "").await;
    let csrf = page.split(r#"X-CSRF-Token&quot;: &quot;"#).nth(1).and_then(|r| r.split("&quot;").next()).unwrap();
    let headers = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf)];
    // Each backup is its dump and a `.json` that describes it.
    let backups = || {
        let files = std::fs::read_dir(dir.path().join("backups")).map(|d| d.flatten().collect::<Vec<_>>());
        files.unwrap_or_default().iter().filter(|e| e.path().extension().is_some_and(|x| x == "json")).count()
    };

    let (status, _, body) = http(&server.base, "POST", "/up", &headers, "to=2").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Applied 2 migration(s)") && body.contains("Backed up to"), "{body}");
    assert_eq!(backups(), 1);
    let (_, _, body) = http(&server.base, "POST", "/up", &headers, "to=2").await;
    assert!(body.contains("Nothing to apply") && !body.contains("Backed up"), "no backup when nothing changes: {body}");
    assert_eq!(backups(), 1);
    let (_, _, body) = http(&server.base, "POST", "/down", &headers, "to=1&confirm=yes").await;
    assert!(body.contains("Rolled back 1 migration(s)") && body.contains("migrate restore"), "{body}");
    assert_eq!(backups(), 2);
    drop(server);
    db.drop().await;
}

/// A browser session on a chromedriver of its own; `None` (said) when Chromium is not
/// installed, except under `CI=true`.
async fn browser() -> Option<(Child, Client)> {
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
async fn until(client: &Client, condition: &str) {
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

async fn main_text(client: &Client) -> String {
    client.find(Locator::Css("main")).await.unwrap().text().await.unwrap()
}

async fn row_text(client: &Client, version: u64) -> String {
    client.find(Locator::Css(&format!("tr[data-version='{version}']"))).await.unwrap().text().await.unwrap()
}

async fn row_button(client: &Client, version: u64, label: &str) -> fantoccini::elements::Element {
    let xpath = format!("//tr[@data-version='{version}']//button[normalize-space()='{label}']");
    client.find(Locator::XPath(&xpath)).await.unwrap_or_else(|e| panic!("no {label:?} on V{version}: {e}"))
}

struct Shots(PathBuf);

impl Shots {
    fn new(dialect: Dialect) -> Self {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ui-screenshots").join(dialect.name());
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    async fn take(&self, client: &Client, name: &str) {
        std::fs::write(self.0.join(format!("{name}.png")), client.screenshot().await.unwrap()).unwrap();
    }
}

/// `13:28` in `2026-12-04 13:28:30+00` or `12/4/2026, 1:28:30 PM`, as minutes since midnight.
fn minute_of_day(text: &str) -> u32 {
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
async fn fits(client: &Client, width: u32, height: u32, page: &str) {
    client.set_window_size(width, height).await.unwrap();
    let overflow = client
        .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
        .await
        .unwrap();
    assert!(overflow.as_i64().unwrap() <= 0, "{page} at {width}×{height} scrolls sideways by {overflow} px");
}

/// The whole workflow on one database: list, dry run, apply up to a point (by keyboard),
/// filter, roll back to a point after its preview, the migration view, the timeline and
/// the performance page; the catalog checked after each action.
async fn workflow(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let Some((mut driver, client)) = browser().await else { return };
    let dir = seeded();
    let server = Server::start(&db.url, &dir, &[]);
    let shots = Shots::new(dialect);
    client.set_window_size(1280, 800).await.unwrap();

    client.goto(&server.address).await.unwrap();
    assert_eq!(client.current_url().await.unwrap().query(), None, "the token leaves the address bar");
    let load_ms = client
        .execute("const n = performance.getEntriesByType('navigation')[0]; return n.duration;", vec![])
        .await
        .unwrap();
    eprintln!("{dialect}: the migrations page loaded in {:.0} ms", load_ms.as_f64().unwrap_or(-1.0));
    let text = main_text(&client).await;
    assert!(text.contains("3 migrations; the database is at nothing applied"), "{text}");
    for v in 1..=3 {
        assert!(row_text(&client, v).await.contains("pending"), "{}", row_text(&client, v).await);
    }
    shots.take(&client, "1-migrations-pending").await;
    fits(&client, 1280, 800, "the migrations list").await;
    fits(&client, 390, 844, "the migrations list").await;
    shots.take(&client, "1-migrations-narrow").await;
    client.set_window_size(1280, 800).await.unwrap();

    // The dry run reports what V001..V002 would do and changes nothing.
    row_button(&client, 2, "Dry run").await.click().await.unwrap();
    until(&client, "document.querySelector('#result .dry')").await;
    let report = client.find(Locator::Css("#result .dry")).await.unwrap().text().await.unwrap();
    assert!(report.contains("nothing was changed") && report.contains("V002 create_posts"), "{report}");
    assert!(report.contains("posts"), "the report lists the new table: {report}");
    assert_eq!(tables(&mut db).await, Vec::<String>::new(), "{dialect}: the dry run left nothing");
    shots.take(&client, "2-dry-run").await;

    // Apply up to V003, from the keyboard: focus the button and press Enter.
    row_button(&client, 3, "Apply up to here").await.send_keys("\u{E007}").await.unwrap();
    until(&client, "document.querySelector('#result .ok')").await;
    let said = client.find(Locator::Css("#result .ok")).await.unwrap().text().await.unwrap();
    assert!(said.starts_with("Applied 3 migration(s)"), "{said}");
    assert_eq!(tables(&mut db).await, ["posts", "users"], "{dialect}");
    let indexes = catalog(&mut db.conn).await.into_iter().filter(|l| l.contains("posts_user")).count();
    assert!(indexes > 0, "{dialect}: the index of V003 is in the catalog");
    for v in 1..=3 {
        assert!(row_text(&client, v).await.contains("applied"), "the list was redrawn after the action");
    }
    shots.take(&client, "3-applied").await;

    // Search narrows the list as one types.
    client.find(Locator::Css("input[name=q]")).await.unwrap().send_keys("posts").await.unwrap();
    until(&client, "document.querySelectorAll('#rows tbody tr').length === 2").await;
    client.find(Locator::Css("input[name=q]")).await.unwrap().clear().await.unwrap();
    client.goto(&format!("{}/?status=applied&kind=sql", server.base)).await.unwrap();
    until(&client, "document.querySelectorAll('#rows tbody tr').length === 3").await;

    // Roll back to V001: the preview names what goes, nothing happens until it is confirmed.
    row_button(&client, 1, "Roll back to here").await.click().await.unwrap();
    until(&client, "document.querySelector('#result .confirm')").await;
    let preview = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(preview.contains("rolls back 2 migration(s)"), "{preview}");
    assert!(preview.contains("V003 index_posts_user") && preview.contains("V002 create_posts"), "{preview}");
    assert_eq!(tables(&mut db).await, ["posts", "users"], "{dialect}: the preview rolled nothing back");
    shots.take(&client, "4-rollback-preview").await;
    client.find(Locator::Css("#result .confirm button.danger")).await.unwrap().click().await.unwrap();
    until(&client, "document.querySelector('#result .ok')").await;
    let said = client.find(Locator::Css("#result .ok")).await.unwrap().text().await.unwrap();
    assert!(said.starts_with("Rolled back 2 migration(s)"), "{said}");
    assert_eq!(tables(&mut db).await, ["users"], "{dialect}");
    assert!(row_text(&client, 2).await.contains("rolled back") || row_text(&client, 2).await.contains("pending"));

    // The migration view: metadata, its SQL, its risks from the plan.
    client.goto(&format!("{}/migrations/2", server.base)).await.unwrap();
    let view = main_text(&client).await;
    assert!(view.contains("V002 create_posts") && view.contains("CREATE TABLE posts"), "{view}");
    assert!(view.contains(&format!("UP · {}", dialect.name())) && view.contains("DROP TABLE posts"), "{view}");
    assert!(view.contains("Risks"), "a pending migration shows its plan: {view}");
    let touched = client.find(Locator::Css("ul.touches")).await.unwrap().text().await.unwrap();
    assert!(touched.contains("create table posts"), "{touched}");
    shots.take(&client, "5-migration").await;
    fits(&client, 390, 844, "the migration view").await;
    client.set_window_size(1280, 800).await.unwrap();

    // The timeline: three applied, two rolled back, newest first.
    client.goto(&format!("{}/timeline", server.base)).await.unwrap();
    let events = client.find_all(Locator::Css("ol.timeline li")).await.unwrap();
    assert_eq!(events.len(), 5, "{}", main_text(&client).await);
    let newest = events[0].text().await.unwrap();
    assert!(newest.contains("rolled back V002"), "the last rollback comes first: {newest}");
    let applied = client.find_all(Locator::Css("ol.timeline li.apply")).await.unwrap().len();
    let rolled = client.find_all(Locator::Css("ol.timeline li.rollback")).await.unwrap().len();
    assert_eq!((applied, rolled), (3, 2));
    let shown = client.execute("return document.querySelector('time').textContent;", vec![]).await.unwrap();
    let raw = client.execute("return document.querySelector('time').getAttribute('datetime');", vec![]).await.unwrap();
    let (shown, raw) = (shown.as_str().unwrap(), raw.as_str().unwrap());
    assert_eq!(minute_of_day(shown), (minute_of_day(raw) + 330) % 1440, "shown in Kolkata's time: {shown} for {raw}");
    shots.take(&client, "6-timeline").await;
    fits(&client, 390, 844, "the timeline").await;
    client.set_window_size(1280, 800).await.unwrap();

    client.goto(&format!("{}/performance", server.base)).await.unwrap();
    let perf = main_text(&client).await;
    assert!(perf.contains("Slowest migrations") && perf.contains("V001 create_users"), "{perf}");
    let runs = client.find_all(Locator::Css("span.run.ok")).await.unwrap().len();
    assert!(runs >= 1, "each applied migration shows its runs over time");
    shots.take(&client, "7-performance").await;

    edit_and_save(&client, &server, &dir, &mut db, &shots).await;
    wizard(&client, &server, &dir, &mut db, &shots).await;
    schema_diff(&client, &server, &dir, &mut db, &shots).await;
    recover(&client, &mut db, &shots).await;

    // Loaded again, with the browser and the server warm, as a user reloading it sees it.
    client.goto(&format!("{}/", server.base)).await.unwrap();
    let warm_ms =
        client.execute("return performance.getEntriesByType('navigation')[0].duration;", vec![]).await.unwrap();
    eprintln!("{dialect}: the migrations page loaded again in {:.0} ms", warm_ms.as_f64().unwrap_or(-1.0));

    client.close().await.unwrap();
    let _ = driver.kill();
    let _ = driver.wait();
    drop(server);
    db.drop().await;
}

/// Replace the editor's text, as a paste does.
async fn set_editor(client: &Client, text: &str) {
    client
        .execute(
            "const v = document.getElementById('text').editor; \
             v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: arguments[0] } });",
            vec![serde_json::json!(text)],
        )
        .await
        .unwrap();
}

async fn editor_text(client: &Client) -> String {
    let text = client.execute("return document.getElementById('text').editor.state.doc.toString();", vec![]);
    text.await.unwrap().as_str().unwrap().to_owned()
}

/// The editor on V002 (pending) and V001 (applied): a typed mistake marked on its line,
/// a file that would not load refused on save and left as it was, the format button, a
/// save that `up` then applies, and the checksum consequences of saving an applied one.
async fn edit_and_save(client: &Client, server: &Server, dir: &Dir, db: &mut TestDb, shots: &Shots) {
    let dialect = db.conn.dialect();
    let v2 = dir.path().join("V002_20250114200000_create_posts.sql");
    let original = std::fs::read_to_string(&v2).unwrap();
    client.goto(&format!("{}/migrations/2/edit", server.base)).await.unwrap();
    until(client, "document.querySelector('.cm-editor .cm-content') && document.getElementById('text').editor").await;
    assert_eq!(editor_text(client).await, original, "the editor holds the file as it is on disk");

    // Typed at the start of line 4, the UP statement's line: a table that will not exist.
    client
        .execute(
            "const v = document.getElementById('text').editor; \
             v.dispatch({ selection: { anchor: v.state.doc.line(4).from } }); v.focus();",
            vec![],
        )
        .await
        .unwrap();
    client
        .find(Locator::Css(".cm-content"))
        .await
        .unwrap()
        .send_keys("ALTER TABLE nowhere ADD COLUMN x integer; ")
        .await
        .unwrap();
    until(client, "document.querySelector('.cm-lintRange-error')").await;
    let marked_line = client
        .execute(
            "return Array.from(document.querySelectorAll('.cm-line')).findIndex(l => l.querySelector('.cm-lintRange-error')) + 1;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(marked_line.as_u64(), Some(4), "the problem is marked on the line it is on");
    let said = client.find(Locator::Css("#validation")).await.unwrap().text().await.unwrap();
    assert!(said.starts_with("1 problem(s)") && said.contains("line 4: ") && said.contains("nowhere"), "{said}");
    shots.take(client, "8-editor-problem").await;

    // A dependency on a version that does not exist: the migrations would not load.
    set_editor(
        client,
        &original.replace("-- Migration: create_posts", "-- Migration: create_posts\n-- Dependencies: V009"),
    )
    .await;
    client.find(Locator::Css("#editor button[type=submit]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .error')").await;
    let refused = client.find(Locator::Css("#result .error")).await.unwrap().text().await.unwrap();
    assert!(refused.starts_with("not saved:") && refused.contains("9"), "{refused}");
    assert_eq!(std::fs::read_to_string(&v2).unwrap(), original, "a refused save leaves the file as it was");

    // Lower case, one line: the format button writes it as the parser does; then saved.
    let edited = "-- Migration: create_posts\n\n-- === UP Migration ===\ncreate table posts (id integer not null primary key, \
                  user_id integer not null references users (id), title varchar(200) not null, body text);\n\n\
                  -- === DOWN Migration ===\ndrop table posts;\n";
    set_editor(client, edited).await;
    client.find(Locator::Css("button[data-format]")).await.unwrap().click().await.unwrap();
    until(client, "document.getElementById('text').editor.state.doc.toString().includes('CREATE TABLE posts')").await;
    let formatted = editor_text(client).await;
    assert!(
        formatted.starts_with("-- Migration: create_posts\n\n-- === UP Migration ===\nCREATE TABLE posts ("),
        "{formatted}"
    );
    assert!(formatted.contains("body TEXT") && formatted.contains("DROP TABLE posts;"), "{formatted}");
    client.find(Locator::Css("#editor button[type=submit]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    let saved = client.find(Locator::Css("#result .ok")).await.unwrap().text().await.unwrap();
    assert!(saved.starts_with("Saved ") && saved.contains("checksum"), "{saved}");
    assert_eq!(std::fs::read_to_string(&v2).unwrap(), formatted, "the file on disk is the editor's text");
    shots.take(client, "9-editor-saved").await;

    // Applied from the list, the edited file is what the database gets.
    client.goto(&format!("{}/", server.base)).await.unwrap();
    row_button(client, 2, "Apply up to here").await.click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    let columns: Vec<String> = catalog(&mut db.conn).await.into_iter().filter(|l| l.starts_with("posts.")).collect();
    assert!(columns.iter().any(|c| c.starts_with("posts.body ")), "{dialect}: {columns:?}");

    // V001 is applied: saving a change first says what it does to the checksum.
    let v1 = dir.path().join("V001_20250114200000_create_users.sql");
    let applied_text = std::fs::read_to_string(&v1).unwrap();
    client.goto(&format!("{}/migrations/1/edit", server.base)).await.unwrap();
    until(client, "document.getElementById('text') && document.getElementById('text').editor").await;
    let warning = client.find(Locator::Css(".warning")).await.unwrap().text().await.unwrap();
    assert!(warning.contains("is applied on this database") && warning.contains("migrate repair"), "{warning}");
    set_editor(client, &applied_text.replace("varchar(200)", "varchar(250)")).await;
    client.find(Locator::Css("#editor button[type=submit]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .confirm')").await;
    let asked = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(asked.contains("was applied with checksum"), "{asked}");
    assert_eq!(std::fs::read_to_string(&v1).unwrap(), applied_text, "nothing is written before the confirmation");
    shots.take(client, "10-editor-applied").await;
    client.find(Locator::Css("#result .confirm button.danger")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    assert!(std::fs::read_to_string(&v1).unwrap().contains("varchar(250)"));
    client.goto(&format!("{}/", server.base)).await.unwrap();
    assert!(row_text(client, 1).await.contains("changed"), "{}", row_text(client, 1).await);
    // Put back from the editor: the checksum is the recorded one again, nothing to confirm.
    client.goto(&format!("{}/migrations/1/edit", server.base)).await.unwrap();
    until(client, "document.getElementById('text') && document.getElementById('text').editor").await;
    set_editor(client, &applied_text).await;
    client.find(Locator::Css("#editor button[type=submit]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    assert_eq!(std::fs::read_to_string(&v1).unwrap(), applied_text);
    client.goto(&format!("{}/", server.base)).await.unwrap();
    assert!(row_text(client, 1).await.contains("applied"), "{}", row_text(client, 1).await);
}

/// The wizard: a column added from a template, a wrong table said in the preview, the
/// file rehearsed on a scratch copy of the database, then saved and applied.
async fn wizard(client: &Client, server: &Server, dir: &Dir, db: &mut TestDb, shots: &Shots) {
    let dialect = db.conn.dialect();
    client.goto(&format!("{}/new", server.base)).await.unwrap();
    client.find(Locator::Css("#name")).await.unwrap().send_keys("add posts summary").await.unwrap();
    client.find(Locator::Css("input[name=method][value=template]")).await.unwrap().click().await.unwrap();
    client.find(Locator::Css("select[name=template]")).await.unwrap().select_by_value("add-column").await.unwrap();
    client.find(Locator::Css("input[name=table]")).await.unwrap().send_keys("nowhere").await.unwrap();
    client.find(Locator::Css("input[name=column]")).await.unwrap().send_keys("summary").await.unwrap();
    client.find(Locator::Css("input[name=type]")).await.unwrap().send_keys("varchar(100)").await.unwrap();
    client.find(Locator::Css("input[name=nullable]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#preview .error') && document.querySelector('#preview .error').textContent.includes('nowhere')").await;
    let table = client.find(Locator::Css("input[name=table]")).await.unwrap();
    table.clear().await.unwrap();
    table.send_keys("posts").await.unwrap();
    until(client, "document.querySelector('#preview code.generated') && document.querySelector('#preview code.generated').textContent.includes('summary')").await;
    let generated = client.find(Locator::Css("#preview code.generated")).await.unwrap().text().await.unwrap();
    assert!(generated.contains("ALTER TABLE") && generated.contains("-- === DOWN Migration ==="), "{generated}");
    let review = client.find(Locator::Css("#preview")).await.unwrap().text().await.unwrap();
    assert!(review.contains("V004"), "{review}");

    client
        .find(Locator::XPath("//button[text()='Validate against the database']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(client, "document.querySelector('#preview .dry')").await;
    let rehearsed = client.find(Locator::Css("#preview .dry")).await.unwrap().text().await.unwrap();
    assert!(rehearsed.contains("accepted every statement"), "{rehearsed}");
    assert!(
        !catalog(&mut db.conn).await.iter().any(|l| l.starts_with("posts.summary")),
        "the rehearsal changed nothing"
    );
    shots.take(client, "11-wizard").await;
    fits(client, 390, 844, "the wizard").await;
    client.set_window_size(1280, 800).await.unwrap();

    client.find(Locator::Css("input[name=apply]")).await.unwrap().click().await.unwrap();
    client.find(Locator::XPath("//button[text()='Save']")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelectorAll('#result .ok').length === 2 || document.querySelector('#result .error')")
        .await;
    let said = client.find(Locator::Css("#result")).await.unwrap().text().await.unwrap();
    assert!(said.contains("Created") && said.contains("Applied 2 migration(s)"), "{said}");
    let written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("V004_") && n.ends_with("_add_posts_summary.sql"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let columns: Vec<String> =
        catalog(&mut db.conn).await.into_iter().filter(|l| l.starts_with("posts.summary")).collect();
    assert_eq!(columns.len(), 1, "{dialect}: the new column is in the catalog");
    shots.take(client, "12-wizard-saved").await;

    // The graph: four migrations in a chain, each after the one before, all applied.
    client.goto(&format!("{}/graph", server.base)).await.unwrap();
    let nodes = client.find_all(Locator::Css("svg circle.node.applied")).await.unwrap();
    assert_eq!(nodes.len(), 4, "{}", main_text(client).await);
    let list = client.find(Locator::Css("ul.dependencies")).await.unwrap().text().await.unwrap();
    assert!(list.contains("V002 create_posts applied after V001") && list.contains("after V003"), "{list}");
    shots.take(client, "13-graph").await;
    fits(client, 390, 844, "the graph").await;
    client.set_window_size(1280, 800).await.unwrap();
}

/// A fetch from the page, with its cookie: the text of the answer.
async fn fetched(client: &Client, path: &str) -> String {
    let script = "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);";
    let text = client.execute_async(script, vec![serde_json::json!(path)]).await.unwrap();
    text.as_str().unwrap().to_owned()
}

/// The schema diff viewer on a database changed by hand: a table added, an index
/// dropped; side by side and coloured, exported three ways, and made into a migration.
async fn schema_diff(client: &Client, server: &Server, dir: &Dir, db: &mut TestDb, shots: &Shots) {
    let dialect = db.conn.dialect();
    db.conn.execute("CREATE TABLE notes (id integer NOT NULL PRIMARY KEY, body text)").await.unwrap();
    let drop_index = if dialect == Dialect::MySql { "DROP INDEX posts_user ON posts" } else { "DROP INDEX posts_user" };
    db.conn.execute(drop_index).await.unwrap();
    client.goto(&format!("{}/diff?from=migrations&to=database", server.base)).await.unwrap();
    let summary = client.find(Locator::Css("p.summary")).await.unwrap().text().await.unwrap();
    assert!(summary.starts_with("1 added · 1 removed"), "{summary}");
    let added = client.find(Locator::Css("details.table.added")).await.unwrap().text().await.unwrap();
    assert!(added.starts_with("notes") && added.contains("Not on this side."), "{added}");
    let green = client.find_all(Locator::Css("details.table.added .line.added")).await.unwrap().len();
    let html = client.find(Locator::Css("details.table.added")).await.unwrap().html(false).await.unwrap();
    assert!(green >= 2, "the new table's columns are green on the database's side: {html}");
    let posts = client.find(Locator::Css("details.table.changed")).await.unwrap().html(false).await.unwrap();
    let removed =
        client.find(Locator::Css("details.table.changed .line.removed")).await.expect(&posts).text().await.unwrap();
    assert!(removed.contains("posts_user"), "{removed}");
    let same = client.find_all(Locator::Css("details.table.same")).await.unwrap();
    assert!(!same.is_empty() && same[0].attr("open").await.unwrap().is_none(), "unchanged tables are folded");
    shots.take(client, "14-schema-diff").await;
    fits(client, 390, 844, "the schema diff").await;
    client.set_window_size(1280, 800).await.unwrap();

    let sql = fetched(client, "/diff/export?from=migrations&to=database&format=sql").await;
    assert!(sql.contains("CREATE TABLE") && sql.contains("notes") && sql.contains("DROP INDEX"), "{sql}");
    let json: serde_json::Value =
        serde_json::from_str(&fetched(client, "/diff/export?from=migrations&to=database&format=json").await).unwrap();
    assert_eq!(json["changes"].as_array().unwrap().len(), 2, "{json}");
    let standalone = fetched(client, "/diff/export?from=migrations&to=database&format=html").await;
    assert!(standalone.contains("<style>") && !standalone.contains("<script") && standalone.contains("notes"));

    client.find(Locator::Css("form.create input[name=name]")).await.unwrap().send_keys("sync notes").await.unwrap();
    client.find(Locator::Css("form.create button")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok, #result .error')").await;
    let said = client.find(Locator::Css("#result")).await.unwrap().text().await.unwrap();
    assert!(said.contains("Created") && said.contains("migrate resolve 5 --applied"), "{said}");
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("V005_"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("notes") && text.contains("posts_user"), "{text}");
    client.goto(&format!("{}/", server.base)).await.unwrap();
    assert!(row_text(client, 5).await.contains("pending"), "{}", row_text(client, 5).await);
}

/// V005 describes what the database already has, so applying it fails; the page's
/// *Recover* says the database kept none of it and records it applied when asked.
async fn recover(client: &Client, db: &mut TestDb, shots: &Shots) {
    let dialect = db.conn.dialect();
    let before = catalog(&mut db.conn).await;
    row_button(client, 5, "Apply up to here").await.click().await.unwrap();
    until(client, "document.querySelector('#result .error')").await;
    let said = client.find(Locator::Css("#result .error")).await.unwrap().text().await.unwrap();
    assert!(said.contains("notes"), "{said}");
    assert!(row_text(client, 5).await.contains("failed"), "{}", row_text(client, 5).await);
    row_button(client, 5, "Recover").await.click().await.unwrap();
    until(client, "document.querySelector('#result .confirm')").await;
    let plan = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(plan.contains("Recover V005") && plan.contains("inside a transaction"), "{plan}");
    shots.take(client, "15-recover").await;
    client.find(Locator::XPath("//button[text()='Record it applied']")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .ok')").await;
    let done = client.find(Locator::Css("#result .ok")).await.unwrap().text().await.unwrap();
    assert!(done.contains("V005") && done.contains("recorded applied"), "{done}");
    assert!(row_text(client, 5).await.contains("applied"), "{}", row_text(client, 5).await);
    assert_eq!(catalog(&mut db.conn).await, before, "recording it changed nothing in the database");

    // Reset asks first, listing all five; cancelled, nothing changes.
    client.find(Locator::XPath("//button[starts-with(text(), 'Reset')]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .confirm')").await;
    let preview = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(preview.contains("rolls back 5 migration(s)"), "{preview}");
    client.find(Locator::XPath("//button[text()='Cancel']")).await.unwrap().click().await.unwrap();
    assert_eq!(catalog(&mut db.conn).await, before, "the preview rolled nothing back");

    // Fresh: what it drops is read from the database; confirmed, every migration runs again.
    db.conn.execute("CREATE TABLE scratch_by_hand (id integer)").await.unwrap();
    client.find(Locator::XPath("//button[starts-with(text(), 'Fresh')]")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result .confirm')").await;
    let preview = client.find(Locator::Css("#result .confirm")).await.unwrap().text().await.unwrap();
    assert!(preview.contains("`scratch_by_hand`") && preview.contains("applies the 5 migration(s)"), "{preview}");
    assert!(!preview.contains("schema_migrations"), "the tool's own tables are not listed: {preview}");
    shots.take(client, "16-fresh-preview").await;
    client.find(Locator::XPath("//button[text()='Drop everything and apply']")).await.unwrap().click().await.unwrap();
    until(client, "document.querySelector('#result > div.ok, #result > div.error')").await;
    let said = client.find(Locator::Css("#result")).await.unwrap().text().await.unwrap();
    assert!(said.contains("applied 5 migration(s)"), "{said}");
    assert_eq!(tables(db).await, ["notes", "posts", "users"], "{dialect}");
}

#[tokio::test]
async fn the_workflow_in_chromium_on_sqlite() {
    workflow(Dialect::Sqlite).await;
}

#[tokio::test]
async fn the_workflow_in_chromium_on_postgres() {
    workflow(Dialect::Postgres).await;
}
