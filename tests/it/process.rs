//! The CLI as real processes: eight `migrate up` at the same moment against one database
//! apply each migration exactly once; a `kill -9` in the middle of a long migration is
//! followed by an `up` that finishes the job; `--json` and exit codes.

use crate::db::TestDb;
use crate::engine::Dir;
use migrate::schema::Dialect;
use migrate::{Migrator, UpTarget};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_migrate-sql-only");

fn migrate(db: &TestDb, dir: &Dir, args: &[&str]) -> Command {
    migrate_at(&db.url, dir, args)
}

/// The SQL-only binary on the database at `url` and the SQL files of `dir`.
pub(crate) fn migrate_at(url: &str, dir: &Dir, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--database-url").arg(url).arg("--migrations").arg(dir.path()).args(args);
    cmd.env_remove("DATABASE_URL").stdin(Stdio::null());
    cmd
}

pub(crate) fn text(o: &Output) -> String {
    format!("stdout: {}\nstderr: {}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

async fn race(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    for v in 1..=12u64 {
        let up = format!(
            "CREATE TABLE t{v} (id integer NOT NULL PRIMARY KEY, v varchar(10));\nINSERT INTO t{v} (id, v) VALUES (1, 'a');"
        );
        dir.write(v, &format!("table_{v}"), &up, Some(&format!("DROP TABLE t{v};")));
    }
    let children: Vec<_> = (0..8)
        .map(|_| migrate(&db, &dir, &["--json", "up"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let mut applied = Vec::new();
    for o in &outputs {
        assert!(o.status.success(), "{dialect}: a process failed\n{}", text(o));
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}\n{}", text(o)));
        for d in doc["applied"].as_array().unwrap() {
            applied.push(d["version"].as_u64().unwrap());
        }
    }
    applied.sort_unstable();
    assert_eq!(applied, (1..=12).collect::<Vec<_>>(), "{dialect}: each migration applied by exactly one process");
    let m = Migrator::new(&[], migrate::sql::load_dir(dir.path()).unwrap()).unwrap();
    let (rows, audit) = m.history(&mut db.conn).await.unwrap();
    assert_eq!(rows.len(), 12);
    assert!(rows.iter().all(|r| r.status == "applied"));
    assert_eq!(audit.iter().filter(|a| a.action == "apply").count(), 12);
    db.drop().await;
}

#[tokio::test]
async fn eight_processes_apply_each_migration_once_on_sqlite() {
    race(Dialect::Sqlite).await;
}

#[tokio::test]
async fn eight_processes_apply_each_migration_once_on_postgres() {
    race(Dialect::Postgres).await;
}

#[tokio::test]
async fn eight_processes_apply_each_migration_once_on_mysql() {
    race(Dialect::MySql).await;
}

async fn killed(dialect: Dialect, slow: &str) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "fast", "CREATE TABLE fast (id integer);", Some("DROP TABLE fast;")).write(
        2,
        "slow",
        &format!("CREATE TABLE slow (id integer);\n{slow};"),
        Some("DROP TABLE slow;"),
    );
    let mut child = migrate(&db, &dir, &["up"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let m = Migrator::new(&[], migrate::sql::load_dir(dir.path()).unwrap()).unwrap();
    // Wait until the run is under way (it holds the lock), then a little more.
    let started = Instant::now();
    loop {
        let probe = migrate::Connection::connect(&db.url).await.unwrap();
        let mut probe = probe;
        let held = m.status(&mut probe).await.map(|s| s.lock.is_some()).unwrap_or(false);
        let _ = probe.close().await;
        if held || started.elapsed() > Duration::from_secs(20) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();

    let again = migrate(&db, &dir, &["--lock-timeout", "30", "up"]).output().unwrap();
    assert!(again.status.success(), "{dialect}: up after kill -9\n{}", text(&again));
    let report = String::from_utf8_lossy(&again.stderr);
    assert!(report.contains("Applied V2 slow"), "{dialect}: the interrupted migration is applied again\n{report}");
    let status = m.status(&mut db.conn).await.unwrap();
    assert!(status.migrations.iter().all(|s| s.status == "applied"), "{status:?}");
    assert!(status.lock.is_none() && status.problems.is_empty(), "{status:?}");
    db.drop().await;
}

#[tokio::test]
async fn kill_9_in_a_long_migration_then_up_finishes_on_sqlite() {
    killed(
        Dialect::Sqlite,
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c",
    )
    .await;
}

#[tokio::test]
async fn kill_9_in_a_long_migration_then_up_finishes_on_postgres() {
    killed(Dialect::Postgres, "SELECT pg_sleep(2)").await;
}

#[tokio::test]
async fn json_and_exit_codes_follow_the_contract() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", Some("DROP TABLE one;"));
    let status = migrate(&db, &dir, &["status", "--check"]).output().unwrap();
    assert_eq!(status.status.code(), Some(3), "{}", text(&status));
    let plan = migrate(&db, &dir, &["--json", "up", "--dry-run"]).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    assert_eq!(doc["migrations"][0]["statements"][0], "CREATE TABLE one (id integer)");
    assert_eq!(doc["migrations"][0]["kind"], "sql");
    assert!(!db.conn.table_exists("one").await.unwrap(), "a dry run executes nothing");
    let up = migrate(&db, &dir, &["--json", "up"]).output().unwrap();
    assert!(up.status.success(), "{}", text(&up));
    let status = migrate(&db, &dir, &["--json", "status", "--check"]).output().unwrap();
    assert_eq!(status.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!((doc["dialect"].as_str(), doc["current"].as_u64()), (Some("sqlite"), Some(1)));
    for key in ["version", "name", "kind", "status", "checksum", "applied_at", "batch", "execution_ms"] {
        assert!(doc["migrations"][0].get(key).is_some(), "status --json lacks {key}");
    }
    std::fs::write(dir.path().join("V2_bad.sql"), "SELECT 1;").unwrap();
    let bad = migrate(&db, &dir, &["--json", "up"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
    let doc: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert!(doc["error"].as_str().unwrap().contains("V2_bad.sql"));
    let usage = Command::new(BIN).arg("up").arg("--no-such-flag").output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let _ = Migrator::new(&[], Vec::new()).unwrap().up(&mut db.conn, UpTarget::default()).await.unwrap_err();
    db.drop().await;
}

#[tokio::test]
async fn migrate_toml_supplies_what_flags_do_not() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", Some("DROP TABLE one;"));
    let settings =
        "migrations = \".\"\nlock_timeout = 5\n\n[env.ci]\ndatabase_url = \"${MIGRATE_TEST_SETTINGS_URL}\"\n";
    std::fs::write(dir.path().join("migrate.toml"), settings).unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .current_dir(dir.path())
            .env_remove("DATABASE_URL")
            .env_remove("MIGRATE_ENV")
            .env("MIGRATE_TEST_SETTINGS_URL", &db.url)
            .stdin(Stdio::null())
            .args(args)
            .output()
            .unwrap()
    };
    let no_url = run(&["up"]);
    assert_eq!(no_url.status.code(), Some(2), "{}", text(&no_url));
    assert!(text(&no_url).contains("migrate.toml"), "{}", text(&no_url));
    let up = run(&["--env", "ci", "up"]);
    assert!(up.status.success(), "{}", text(&up));
    assert!(db.conn.table_exists("one").await.unwrap());
    let unknown = run(&["--env", "prod", "status"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown));
    assert!(text(&unknown).contains("no [env.prod] section (sections: ci)"), "{}", text(&unknown));
    std::fs::write(dir.path().join("typo.toml"), "migrations = \".\"\nlock_timout = 5\n").unwrap();
    let typo = run(&["--config", "typo.toml", "status"]);
    assert_eq!(typo.status.code(), Some(2), "{}", text(&typo));
    assert!(text(&typo).contains("typo.toml:2:1:") && text(&typo).contains("lock_timout"), "{}", text(&typo));
    let missing = run(&["--config", "nowhere.toml", "status"]);
    assert_eq!(missing.status.code(), Some(2), "{}", text(&missing));
    db.drop().await;
}

/// `history_table` in migrate.toml and `--history-table` name the tool's tables; a name
/// that is not a plain identifier is refused before anything connects.
#[tokio::test]
async fn history_table_comes_from_the_settings_or_the_flag() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", Some("DROP TABLE one;"));
    std::fs::write(dir.path().join("migrate.toml"), "history_table = \"app_history\"\n").unwrap();
    let config = dir.path().join("migrate.toml");
    let config = config.to_str().unwrap();
    let up = migrate(&db, &dir, &["--config", config, "up"]).output().unwrap();
    assert!(up.status.success(), "{}", text(&up));
    for table in ["app_history", "app_history_audit", "app_history_lock"] {
        assert!(db.conn.table_exists(table).await.unwrap(), "{table}");
    }
    assert!(!db.conn.table_exists("schema_migrations").await.unwrap());
    let status = migrate(&db, &dir, &["--history-table", "app_history", "--json", "status"]).output().unwrap();
    let doc: serde_json::Value =
        serde_json::from_slice(&status.stdout).unwrap_or_else(|e| panic!("{e}\n{}", text(&status)));
    assert_eq!(doc["current"], 1, "{}", text(&status));
    let bad = migrate(&db, &dir, &["--history-table", "app-history", "status"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
    assert!(text(&bad).contains("history_table `app-history`: expected a plain name"), "{}", text(&bad));
    db.drop().await;
}

/// `validate --offline` needs no database: the dialect comes from --dialect or the URL's
/// scheme, and a statement the model can follow is judged from an empty schema.
#[test]
fn validate_offline_needs_no_database() {
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", Some("DROP TABLE one;"));
    let offline = |args: &[&str]| {
        let mut cmd = Command::new(BIN);
        cmd.arg("--migrations").arg(dir.path()).args(args).env_remove("DATABASE_URL").stdin(Stdio::null());
        cmd.output().unwrap()
    };
    let ok = offline(&["validate", "--offline", "--dialect", "postgresql"]);
    assert!(ok.status.success(), "{}", text(&ok));
    assert!(text(&ok).contains("1 migration(s) valid."), "{}", text(&ok));
    let unreachable =
        offline(&["--database-url", "postgres://nobody@127.0.0.1:1/none", "--json", "validate", "--offline"]);
    assert!(unreachable.status.success(), "the URL gives the dialect only: {}", text(&unreachable));
    let doc: serde_json::Value = serde_json::from_slice(&unreachable.stdout).unwrap();
    assert_eq!((doc["dialect"].as_str(), doc["offline"].as_bool()), (Some("postgresql"), Some(true)));
    let no_dialect = offline(&["validate", "--offline"]);
    assert_eq!(no_dialect.status.code(), Some(2), "{}", text(&no_dialect));
    assert!(text(&no_dialect).contains("needs --dialect"), "{}", text(&no_dialect));
    dir.write(2, "again", "CREATE TABLE one (id integer);", None);
    let twice = offline(&["validate", "--offline", "--dialect", "sqlite"]);
    assert_eq!(twice.status.code(), Some(1), "{}", text(&twice));
    assert!(text(&twice).contains("V002_20250114200000_again.sql:4"), "{}", text(&twice));
}

/// `validate` on a database: a typo the parser cannot read is reported once, from the
/// database, with file and line; exit 1.
#[tokio::test]
async fn validate_reports_what_the_database_rejects_once() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "typo", "CREAT TABLE one (id integer);", None);
    let out = migrate(&db, &dir, &["validate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.matches("problem:").count(), 1, "{said}");
    assert!(said.contains("V001_20250114200000_typo.sql:4") && said.contains("the database rejects it"), "{said}");
    db.drop().await;
}

/// On MariaDB, where DDL commits as it goes: a migration failing at its fourth statement,
/// then `recover` (what took effect), `recover --rollback` and `repair --dry-run`.
#[tokio::test]
async fn recover_and_repair_from_the_command_line_on_mysql() {
    let Some(mut db) = TestDb::new(Dialect::MySql).await else { return };
    let dir = Dir::new();
    dir.write(
        1,
        "t",
        "CREATE TABLE t (id integer NOT NULL PRIMARY KEY, code varchar(5));\nINSERT INTO t VALUES (1, 'a');",
        None,
    )
    .write(
        2,
        "half",
        "CREATE TABLE log (id integer);\nALTER TABLE t ADD COLUMN flag integer;\nALTER TABLE t DROP COLUMN code;\n\
             INSERT INTO t (id) VALUES (1);",
        None,
    );
    let up = migrate(&db, &dir, &["up"]).output().unwrap();
    assert_eq!(up.status.code(), Some(1), "{}", text(&up));
    assert!(String::from_utf8_lossy(&up.stderr).contains("migrate recover 2"), "{}", text(&up));

    let plan = migrate(&db, &dir, &["--json", "recover"]).output().unwrap();
    assert!(plan.status.success(), "{}", text(&plan));
    let doc: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let r = &doc["recoveries"][0];
    assert_eq!(
        (r["version"].as_u64(), r["recorded"].as_u64(), r["ran"].as_u64()),
        (Some(2), Some(3), Some(3)),
        "{doc}"
    );
    let effects: Vec<&str> =
        r["statements"].as_array().unwrap().iter().map(|s| s["effect"].as_str().unwrap()).collect();
    assert_eq!(effects, ["done", "done", "done", "unknown"]);

    let human = migrate(&db, &dir, &["recover"]).output().unwrap();
    let err = String::from_utf8_lossy(&human.stderr);
    assert!(err.contains("--rollback runs:") && err.contains("ADD COLUMN `code`"), "{}", text(&human));

    let rollback = migrate(&db, &dir, &["recover", "--rollback"]).output().unwrap();
    assert!(rollback.status.success(), "{}", text(&rollback));
    let codes = crate::db::strings(&mut db.conn, "SELECT code FROM t").await;
    assert_eq!(codes, ["a"], "the dropped column is back with its value");
    assert!(!db.conn.table_exists("log").await.unwrap());

    let repair = migrate(&db, &dir, &["--json", "repair", "--dry-run"]).output().unwrap();
    assert!(repair.status.success(), "{}", text(&repair));
    let doc: serde_json::Value = serde_json::from_slice(&repair.stdout).unwrap();
    assert_eq!(doc["dry_run"], true);
    assert_eq!(doc["actions"].as_array().map(Vec::len), Some(0), "{doc}");
    db.drop().await;
}

/// `migrate schema --rust` writes the typed module without a database; `--check` exits 3
/// once a new migration makes it stale, and 0 again after it is written.
#[test]
fn schema_rust_check_detects_a_stale_module() {
    let dir = Dir::new();
    dir.write(1, "users", "CREATE TABLE users (id bigint NOT NULL PRIMARY KEY, email varchar(255) NOT NULL);", None);
    let out = dir.path().join("schema.rs");
    let out_arg = out.display().to_string();
    let schema = |extra: &[&str]| {
        let mut c = migrate_at("sqlite:///nonexistent/never-opened.db", &dir, &["schema", "--rust", "--out", &out_arg]);
        c.args(extra).output().unwrap()
    };
    let missing = schema(&["--check"]);
    assert_eq!(missing.status.code(), Some(3), "{}", text(&missing));
    let written = schema(&[]);
    assert!(written.status.success(), "{}", text(&written));
    let code = std::fs::read_to_string(&out).unwrap();
    assert!(code.contains("pub struct UsersRow {") && code.contains("pub email: String,"), "{code}");
    assert_eq!(schema(&["--check"]).status.code(), Some(0));

    dir.write(2, "nick", "ALTER TABLE users ADD COLUMN nick varchar(40);", None);
    let stale = schema(&["--check"]);
    assert_eq!(stale.status.code(), Some(3), "{}", text(&stale));
    assert!(String::from_utf8_lossy(&stale.stderr).contains("is stale"), "{}", text(&stale));
    let written = schema(&[]);
    assert!(written.status.success(), "{}", text(&written));
    assert!(std::fs::read_to_string(&out).unwrap().contains("pub nick: Option<String>,"));
    assert_eq!(schema(&["--check"]).status.code(), Some(0));
}
