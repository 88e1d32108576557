//! Errors as the CLI says them (issue 16, point 4): once, with the database's own words,
//! with the exit code of their cause, and a reader that goes away is not an error.

use crate::db::TestDb;
use crate::engine::Dir;
use crate::process::{migrate_at, text};
use migrate::schema::Dialect;
use std::process::Stdio;

/// A refused connection: one line that says so, and the refusal said once (it was said
/// three times, as the error and twice as "caused by").
#[test]
fn a_refused_connection_is_said_once() {
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    let out = migrate_at("postgres://postgres@127.0.0.1:1/nothing", &dir, &["status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.matches("Connection refused").count(), 1, "{said}");
    assert!(said.starts_with("error: connecting to postgres://postgres@127.0.0.1:1/nothing"), "{said}");
    assert!(!said.contains("caused by"), "{said}");
}

/// PostgreSQL's DETAIL and HINT are shown, as psql shows them, and the server's C source
/// line that sqlx appends ("... at line 1392") is not.
#[tokio::test]
async fn postgres_errors_show_detail_and_hint_not_the_servers_source_line() {
    let Some(db) = TestDb::new(Dialect::Postgres).await else { return };
    let dir = Dir::new();
    dir.write(1, "users", "CREATE TABLE users (email text NOT NULL);", None);
    dir.write(2, "nobody", "INSERT INTO users (email) VALUES (NULL);", None);
    let out = migrate_at(&db.url, &dir, &["up"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("null value in column \"email\" of relation \"users\" violates not-null constraint"),
        "{said}"
    );
    assert!(said.contains("DETAIL: Failing row contains (null)."), "{said}");
    assert!(!said.contains(" at line "), "{said}");
    assert_eq!(said.matches("violates not-null constraint").count(), 1, "{said}");

    db.drop().await;

    let db = TestDb::new(Dialect::Postgres).await.unwrap();
    let hinted = Dir::new();
    hinted.write(1, "hinted", "SELECT no_such_function(1);", None);
    let out = migrate_at(&db.url, &hinted, &["up"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("HINT: No function matches the given name and argument types"), "{said}");
    db.drop().await;
}

/// A failed `up` says, in its JSON document, what it applied and committed first.
#[tokio::test]
async fn a_failed_up_reports_what_it_committed_first() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    dir.write(2, "bad", "INSERT INTO missing VALUES (1);", None);
    let out = migrate_at(&db.url, &dir, &["--json", "up"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["applied"][0]["version"], 1, "{doc}");
    assert_eq!(doc["report"]["applied"][0]["version"], 1, "{doc}");
    assert!(doc["error"].as_str().unwrap().contains("no such table: missing"), "{doc}");
    db.drop().await;
}

/// An I/O failure is exit code 1 (the operation failed), not 2 (usage).
#[tokio::test]
async fn an_io_failure_is_exit_code_1() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    let file = dir.path().join("V001_20250114200000_one.sql");
    let under_a_file = file.join("snapshots");
    let out =
        migrate_at(&db.url, &dir, &["snapshot", "--dir", under_a_file.to_str().unwrap(), "save"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("writing "), "{}", text(&out));
    db.drop().await;
}

/// `migrate history | head -1`: the reader closes the pipe; the command ends quietly with
/// its own status, not a panic (101).
#[tokio::test]
async fn a_closed_pipe_ends_quietly() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    for v in 1..=3 {
        dir.write(v, &format!("t{v}"), &format!("CREATE TABLE t{v} (id integer);"), None);
    }
    assert!(migrate_at(&db.url, &dir, &["up"]).status().unwrap().success());
    for args in [&["history"][..], &["status"], &["--json", "status"], &["plan"]] {
        let mut child = migrate_at(&db.url, &dir, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(0) | None), "{args:?}: {:?} {said}", out.status);
        assert!(!said.contains("panicked"), "{args:?}: {said}");
    }
    db.drop().await;
}

/// The missing-link trap (issue 16, point 8): a binary that links no Rust migrations, on a
/// database whose history has applied ones, says it probably does not link their crate
/// (with the line that fixes it), never suggests `repair`, and `repair` keeps their rows.
#[tokio::test]
async fn a_binary_without_the_rust_migrations_says_it_does_not_link_them() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let empty = Dir::new();
    let linked = std::process::Command::new(env!("CARGO_BIN_EXE_migrate-rust-base"))
        .args(["--database-url", &db.url, "--migrations", empty.path().to_str().unwrap(), "up"])
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(linked.status.success(), "{}", text(&linked));
    assert!(String::from_utf8_lossy(&linked.stderr).contains("Found 1 Rust migration(s) and 0 SQL migration(s)."));

    let sql = Dir::new();
    sql.write(2, "notes", "CREATE TABLE notes (id integer);", None);
    let out = migrate_at(&db.url, &sql, &["status", "--check"]).output().unwrap();
    let said = text(&out);
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(said.contains("V1 users and posts was applied to this database as Rust"), "{said}");
    assert!(said.contains("`use my_app as _;`") && said.contains("Do not run `migrate repair`"), "{said}");
    assert!(!said.contains("no longer available"), "{said}");
    let up = migrate_at(&db.url, &sql, &["up"]).output().unwrap();
    assert_eq!(up.status.code(), Some(1), "{}", text(&up));
    assert!(text(&up).contains("does not link the crate"), "{}", text(&up));
    let repair = migrate_at(&db.url, &sql, &["--json", "repair"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&repair.stdout).unwrap();
    let actions = doc["actions"].as_array().unwrap();
    assert!(actions.iter().any(|a| a["action"] == "not_linked" && a["fixes"] == false), "{doc}");
    assert!(!actions.iter().any(|a| a["action"] == "remove_missing"), "{doc}");
    assert!(db.conn.table_exists("users").await.unwrap());

    // A deleted SQL file is missing, and is listed as what it was.
    let fresh = TestDb::new(Dialect::Sqlite).await.unwrap();
    let files = Dir::new();
    files.write(1, "one", "CREATE TABLE one (id integer);", None);
    let up = migrate_at(&fresh.url, &files, &["up"]).output().unwrap();
    assert!(
        text(&up).contains("Found 1 SQL migration(s) and no Rust migrations linked into this binary."),
        "{}",
        text(&up)
    );
    let later = Dir::new();
    later.write(2, "two", "CREATE TABLE two (id integer);", None);
    let out = migrate_at(&fresh.url, &later, &["--json", "status"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gone = doc["migrations"].as_array().unwrap().iter().find(|m| m["version"] == 1).cloned().unwrap();
    assert_eq!((gone["status"].as_str(), gone["kind"].as_str()), (Some("missing"), Some("sql")), "{doc}");
    fresh.drop().await;
    db.drop().await;
}

/// SQLite sends a migration of plain statements as one batch (issue 16, point 6); a
/// failure still names the statement and its place, leaves nothing of its migration, and
/// keeps what came before; a broken foreign key is caught per migration.
#[tokio::test]
async fn a_batched_sqlite_migration_fails_exactly_where_it_fails() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "parents", "CREATE TABLE parents (id integer PRIMARY KEY);", None);
    dir.write(
        2,
        "half",
        "CREATE TABLE half (id integer); -- a comment at the end\nINSERT INTO nowhere VALUES (1);\nCREATE TABLE never (id integer);",
        None,
    );
    let out = migrate_at(&db.url, &dir, &["up"]).output().unwrap();
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("while applying V2 half: statement 2 of 3 failed: (code: 1) no such table: nowhere"),
        "{said}"
    );
    assert!(db.conn.table_exists("parents").await.unwrap(), "{said}");
    assert!(!db.conn.table_exists("half").await.unwrap(), "{said}");

    db.drop().await;

    let mut db = TestDb::new(Dialect::Sqlite).await.unwrap();
    let dir = Dir::new();
    dir.write(1, "parents", "CREATE TABLE parents (id integer PRIMARY KEY);", None);
    dir.write(2, "children", "CREATE TABLE children (parent integer REFERENCES parents (id));", None);
    dir.write(3, "orphan", "INSERT INTO children VALUES (7);", None);
    let out = migrate_at(&db.url, &dir, &["up"]).output().unwrap();
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("while applying V3 orphan") && said.contains("foreign key violation"), "{said}");
    assert!(db.conn.table_exists("children").await.unwrap(), "{said}");
    let rows = crate::db::strings(&mut db.conn, "SELECT CAST(count(*) AS TEXT) FROM children").await;
    assert_eq!(rows, ["0"], "{said}");
    db.drop().await;
}

/// PostgreSQL sends a migration's statements as one simple query (issue 16, point 6); a
/// failure still names the statement and leaves nothing of its migration, and the history
/// rows of the batched and the failed migration are complete: timed, kind, audited.
#[tokio::test]
async fn a_batched_postgres_migration_fails_exactly_where_it_fails() {
    let Some(mut db) = TestDb::new(Dialect::Postgres).await else { return };
    let dir = Dir::new();
    dir.write(
        1,
        "one",
        "CREATE TABLE one (id integer); -- a comment at the end\nCREATE INDEX one_id ON one (id);",
        None,
    );
    dir.write(
        2,
        "half",
        "CREATE TABLE half (id integer);\nINSERT INTO nowhere VALUES (1);\nCREATE TABLE never (id integer);",
        None,
    );
    let out = migrate_at(&db.url, &dir, &["up"]).output().unwrap();
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("while applying V2 half: statement 2 of 3 failed: relation \"nowhere\" does not exist"),
        "{said}"
    );
    assert!(db.conn.table_exists("one").await.unwrap() && !db.conn.table_exists("half").await.unwrap(), "{said}");
    let rows = crate::db::strings(
        &mut db.conn,
        "SELECT version || ' ' || status || ' ' || (execution_time >= 0)::text || ' ' || kind FROM schema_migrations ORDER BY version",
    )
    .await;
    assert_eq!(rows, ["1 applied true sql", "2 failed true sql"], "{said}");
    let audit = crate::db::strings(
        &mut db.conn,
        "SELECT action || ' ' || version || ' ' || outcome FROM schema_migrations_audit WHERE version IS NOT NULL ORDER BY id",
    )
    .await;
    assert_eq!(audit, ["apply 1 ok", "apply 2 failed"], "{said}");
    db.drop().await;
}
