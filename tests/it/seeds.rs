//! Seeds on the three databases: a run writes its rows, a second run changes nothing, a
//! changed seed runs again and upserts, a rollback leaves the tables exactly as before (the
//! rows compared as the database prints them), environments filter, bad rows are refused
//! before anything runs, and a seed that fails half-way leaves nothing.

use crate::db::{TestDb, strings};
use crate::engine::{Dir, migrator};
use migrate::schema::Dialect;
use migrate::seed::{RustSeed, Seed, SeedOptions, Seeds};
use migrate::{Connection, Error, Migrator};

on_every_database!(
    a_seed_runs_once_reruns_when_changed_and_rolls_back_to_the_rows_before,
    a_sql_seed_with_a_key_is_tracked_and_rolled_back,
    rows_of_the_wrong_type_or_columns_that_do_not_exist_stop_every_seed_before_anything_runs,
    a_seed_that_fails_half_way_leaves_nothing,
    rollback_refuses_rows_changed_since_and_rows_still_referenced,
    many_wide_rows_are_kept_for_rollback_whatever_the_column_limit,
);

const SCHEMA: &str = "CREATE TABLE roles (name varchar(50) NOT NULL PRIMARY KEY, level integer NOT NULL CHECK (level >= 0), \
     note varchar(100), price decimal(10,2), starts timestamp NULL, active boolean NOT NULL DEFAULT true);\n\
     CREATE TABLE grants (id integer NOT NULL PRIMARY KEY, role varchar(50) NOT NULL, what varchar(50) NOT NULL, \
     FOREIGN KEY (role) REFERENCES roles (name));\n\
     INSERT INTO roles (name, level, note) VALUES ('viewer', 1, 'there before');";

async fn setup(dialect: Dialect) -> Option<(TestDb, Dir)> {
    let db = TestDb::new(dialect).await?;
    let dir = Dir::new();
    dir.write(1, "roles", SCHEMA, Some("DROP TABLE grants;\nDROP TABLE roles;"));
    Some((db, dir))
}

/// Every row of `table`, each column as the database prints it: what must come back
/// exactly after a rollback, and stay the same after a second run.
async fn rows(conn: &mut Connection, table: &str, columns: &[&str]) -> Vec<String> {
    let text = if conn.dialect() == Dialect::MySql { "char" } else { "text" };
    let cells: Vec<String> = columns.iter().map(|c| format!("coalesce(CAST({c} AS {text}), '-')")).collect();
    let sql = match conn.dialect() {
        Dialect::MySql => format!("SELECT CONCAT_WS('|', {}) FROM {table} ORDER BY 1", cells.join(", ")),
        _ => format!("SELECT {} FROM {table} ORDER BY 1", cells.join(" || '|' || ")),
    };
    strings(conn, &sql).await
}

async fn roles(conn: &mut Connection) -> Vec<String> {
    rows(conn, "roles", &["name", "level", "note", "price", "starts", "active"]).await
}

fn rust_seed(name: &'static str, build: fn(&mut Seeds)) -> Seed {
    Seed::of(&RustSeed { name, env: &["dev", "test"], after: Some(1), build, file: file!(), line: line!() })
}

fn first(s: &mut Seeds) {
    s.upsert("roles")
        .key(["name"])
        .row(|r| {
            r.set("name", "admin")
                .set("level", 100)
                .set("price", "9.50")
                .set("starts", "2025-01-02 03:04:05")
                .set("active", false)
        })
        .row(|r| r.set("name", "viewer").set("level", 5));
}

fn second(s: &mut Seeds) {
    s.upsert("roles")
        .key(["name"])
        .row(|r| {
            r.set("name", "admin")
                .set("level", 90)
                .set("price", "9.50")
                .set("starts", "2025-01-02 03:04:05")
                .set("active", false)
        })
        .row(|r| r.set("name", "viewer").set("level", 5))
        .row(|r| r.set("name", "editor").set("level", 50).set("note", None::<&str>));
    s.insert("grants").row(|r| r.set("id", 1).set("role", "editor").set("what", "posts"));
}

fn with(dir: &Dir, seeds: Vec<Seed>) -> Migrator {
    migrator(dir, &[]).with_seeds(seeds)
}

async fn a_seed_runs_once_reruns_when_changed_and_rolls_back_to_the_rows_before(dialect: Dialect) {
    let Some((mut db, dir)) = setup(dialect).await else { return };
    let m = with(&dir, vec![rust_seed("roles", first)]);
    m.up(&mut db.conn, Default::default()).await.unwrap();
    let before = roles(&mut db.conn).await;
    let dev = SeedOptions::env("dev");

    let report = m.run_seeds(&mut db.conn, &dev).await.unwrap();
    let done = &report.applied[0];
    assert_eq!((done.inserted, done.updated), (1, 1), "{dialect}: admin is new, viewer's level changes");
    let seeded = roles(&mut db.conn).await;
    assert_ne!(seeded, before);
    // SQLite's NUMERIC affinity keeps 9.50 as the real 9.5.
    let price = if dialect == Dialect::Sqlite { "9.5" } else { "9.50" };
    let admin = format!("admin|100|-|{price}|2025-01-02 03:04:05");
    assert!(seeded.iter().any(|r| r.starts_with(&admin)), "{dialect}: {seeded:?}");

    let again = m.run_seeds(&mut db.conn, &dev).await.unwrap();
    assert!(again.applied.is_empty() && again.unchanged == ["roles"], "{dialect}: {again:?}");
    assert_eq!(roles(&mut db.conn).await, seeded, "{dialect}: a second run changes nothing");
    let forced = m.run_seeds(&mut db.conn, &SeedOptions { force: true, ..SeedOptions::env("dev") }).await.unwrap();
    assert_eq!(
        (forced.applied[0].inserted, forced.applied[0].updated),
        (0, 0),
        "{dialect}: equal rows are not written"
    );

    let changed = with(&dir, vec![rust_seed("roles", second)]);
    let status = changed.seed_status(&mut db.conn, "dev").await.unwrap();
    assert_eq!(status[0].status, "changed");
    let report = changed.run_seeds(&mut db.conn, &dev).await.unwrap();
    let done = &report.applied[0];
    assert!(done.rerun);
    assert_eq!((done.inserted, done.updated), (2, 1), "{dialect}: editor and its grant are new, admin's level changed");
    assert!(roles(&mut db.conn).await.iter().any(|r| r.starts_with("admin|90|")));

    let undone = changed.roll_back_seeds(&mut db.conn, &["roles".to_owned()]).await.unwrap();
    assert_eq!(undone.rolled_back[0].deleted, 3, "{dialect}: admin, editor and the grant");
    assert_eq!(roles(&mut db.conn).await, before, "{dialect}: the rows are what they were before the first run");
    assert!(rows(&mut db.conn, "grants", &["id"]).await.is_empty());
    assert_eq!(changed.seed_status(&mut db.conn, "dev").await.unwrap()[0].status, "pending");
    db.drop().await;
}

#[tokio::test]
async fn a_sql_seed_that_deletes_keyed_rows_is_refused_and_listeners_hear_of_seeds() {
    let Some((mut db, dir)) = setup(Dialect::Sqlite).await else { return };
    let seeds = Dir::new();
    let text = "-- Key: roles(name)\nINSERT INTO roles (name, level) VALUES ('owner', 1);\nDELETE FROM roles WHERE name = 'viewer';\n";
    std::fs::write(seeds.path().join("prune.sql"), text).unwrap();
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&heard);
    let m = with(&dir, migrate::seed::load_dir(seeds.path()).unwrap()).on_event(move |e| {
        log.lock().unwrap().push(e.kind());
        Ok(())
    });
    m.up(&mut db.conn, Default::default()).await.unwrap();
    let before = roles(&mut db.conn).await;
    let e = m.run_seeds(&mut db.conn, &SeedOptions::env("dev")).await.unwrap_err().to_string();
    assert!(e.contains("prune.sql: it deleted 1 row(s) of `roles`"), "{e}");
    assert_eq!(roles(&mut db.conn).await, before);
    assert!(heard.lock().unwrap().ends_with(&["seed_started", "seed_failed"]), "{:?}", heard.lock().unwrap());
    db.drop().await;
}

async fn a_sql_seed_with_a_key_is_tracked_and_rolled_back(dialect: Dialect) {
    let Some((mut db, dir)) = setup(dialect).await else { return };
    let seeds = Dir::new();
    let text = "-- Seed: plans\n-- Env: dev\n-- After: 1\n-- Key: roles(name)\n\n\
                INSERT INTO roles (name, level) VALUES ('owner', 1000);\n\
                UPDATE roles SET note = 'still here' WHERE name = 'viewer';\n";
    std::fs::write(seeds.path().join("plans.sql"), text).unwrap();
    let m = with(&dir, migrate::seed::load_dir(seeds.path()).unwrap());
    m.up(&mut db.conn, Default::default()).await.unwrap();
    let before = roles(&mut db.conn).await;
    let report = m.run_seeds(&mut db.conn, &SeedOptions::env("dev")).await.unwrap();
    assert_eq!((report.applied[0].inserted, report.applied[0].updated), (1, 1), "{dialect}");
    let prod = m.run_seeds(&mut db.conn, &SeedOptions::env("prod")).await.unwrap();
    assert_eq!(prod.other_env, ["plans"], "{dialect}: a dev seed does not run in prod");
    m.roll_back_seeds(&mut db.conn, &[]).await.unwrap();
    assert_eq!(roles(&mut db.conn).await, before, "{dialect}");
    db.drop().await;
}

async fn rows_of_the_wrong_type_or_columns_that_do_not_exist_stop_every_seed_before_anything_runs(dialect: Dialect) {
    let Some((mut db, dir)) = setup(dialect).await else { return };
    fn bad(s: &mut Seeds) {
        s.upsert("roles")
            .key(["name"])
            .row(|r| r.set("name", "x").set("level", "high"))
            .row(|r| r.set("name", "y").set("levle", 1));
    }
    // `a_first` would run first and is fine: it is not run either.
    let m = with(&dir, vec![rust_seed("a_first", first), rust_seed("b_bad", bad)]);
    m.up(&mut db.conn, Default::default()).await.unwrap();
    let before = roles(&mut db.conn).await;
    let e = m.run_seeds(&mut db.conn, &SeedOptions::env("dev")).await.unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, Error::Seed { .. }), "{text}");
    assert!(text.contains("seed `b_bad`: nothing was seeded"), "{text}");
    assert!(text.contains("`roles` row 1: column `level` takes an integer; the value is text"), "{text}");
    assert!(
        text.contains(
            "`roles` row 2: column `levle` does not exist (columns: name, level, note, price, starts, active)"
        ),
        "{text}"
    );
    assert_eq!(roles(&mut db.conn).await, before);
    assert!(m.seed_status(&mut db.conn, "dev").await.unwrap().iter().all(|s| s.status == "pending"));
    db.drop().await;
}

async fn a_seed_that_fails_half_way_leaves_nothing(dialect: Dialect) {
    let Some((mut db, dir)) = setup(dialect).await else { return };
    fn breaks(s: &mut Seeds) {
        s.upsert("roles").key(["name"]).row(|r| r.set("name", "admin").set("level", 100));
        // The database refuses this one: its CHECK, its foreign key.
        s.upsert("roles").key(["name"]).row(|r| r.set("name", "bad").set("level", -1));
    }
    fn orphan(s: &mut Seeds) {
        s.upsert("grants").row(|r| r.set("id", 7).set("role", "nobody").set("what", "x"));
    }
    for (name, build) in [("breaks", breaks as fn(&mut Seeds)), ("orphan", orphan)] {
        let m = with(&dir, vec![rust_seed(name, build)]);
        m.up(&mut db.conn, Default::default()).await.unwrap();
        let before = (roles(&mut db.conn).await, rows(&mut db.conn, "grants", &["id"]).await);
        let e = m.run_seeds(&mut db.conn, &SeedOptions::env("test")).await.unwrap_err();
        assert!(e.to_string().starts_with(&format!("seed `{name}`")), "{dialect}: {e}");
        assert_eq!(
            (roles(&mut db.conn).await, rows(&mut db.conn, "grants", &["id"]).await),
            before,
            "{dialect}: {name}"
        );
        assert_eq!(m.seed_status(&mut db.conn, "test").await.unwrap()[0].status, "pending", "{dialect}: {name}");
        let audit = strings(&mut db.conn, "SELECT outcome FROM schema_migrations_audit WHERE action = 'seed'").await;
        assert!(audit.contains(&"failed".to_owned()), "{dialect}: {audit:?}");
    }
    db.drop().await;
}

async fn rollback_refuses_rows_changed_since_and_rows_still_referenced(dialect: Dialect) {
    let Some((mut db, dir)) = setup(dialect).await else { return };
    let m = with(&dir, vec![rust_seed("roles", first)]);
    m.up(&mut db.conn, Default::default()).await.unwrap();
    m.run_seeds(&mut db.conn, &SeedOptions::env("dev")).await.unwrap();
    db.conn.execute("UPDATE roles SET level = 101 WHERE name = 'admin'").await.unwrap();
    let e = m.roll_back_seeds(&mut db.conn, &[]).await.unwrap_err().to_string();
    assert!(
        e.contains("rollback refused: 1 row(s) of `roles` that it inserted changed or were deleted since"),
        "{dialect}: {e}"
    );
    assert!(e.contains(r#"["admin"]"#), "{dialect}: {e}");
    db.conn.execute("UPDATE roles SET level = 100 WHERE name = 'admin'").await.unwrap();
    db.conn.execute("INSERT INTO grants (id, role, what) VALUES (1, 'admin', 'x')").await.unwrap();
    let seeded = roles(&mut db.conn).await;
    let e = m.roll_back_seeds(&mut db.conn, &[]).await.unwrap_err().to_string();
    assert!(e.contains("rollback refused"), "{dialect}: {e}");
    assert_eq!(roles(&mut db.conn).await, seeded, "{dialect}: nothing of it was rolled back");
    db.conn.execute("DELETE FROM grants").await.unwrap();
    m.roll_back_seeds(&mut db.conn, &[]).await.unwrap();
    db.drop().await;
}

#[test]
fn seed_files_with_bad_rows_are_refused_with_file_and_line() {
    let dir = Dir::new();
    std::fs::write(dir.path().join("roles.json"), "{\"roles\": [\n  {\"name\": \"a\"},\n  [1, 2]\n]}\n").unwrap();
    let e = migrate::seed::load_dir(dir.path()).unwrap_err();
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.to_string().contains("roles.json:3: `roles` row 2: expected an object"), "{e}");
    std::fs::remove_file(dir.path().join("roles.json")).unwrap();
    std::fs::write(dir.path().join("roles.csv"), "# Key: name\nname,level\n\"a\",1\n\"b,2\n").unwrap();
    let e = migrate::seed::load_dir(dir.path()).unwrap_err();
    assert!(e.to_string().contains("roles.csv"), "{e}");
}

#[tokio::test]
async fn a_csv_cell_that_is_not_the_columns_type_names_its_line() {
    let Some((mut db, dir)) = setup(Dialect::Sqlite).await else { return };
    let seeds = Dir::new();
    std::fs::write(seeds.path().join("roles.csv"), "# Key: name\nname,level\nadmin,100\nviewer,lots\n").unwrap();
    let m = with(&dir, migrate::seed::load_dir(seeds.path()).unwrap());
    m.up(&mut db.conn, Default::default()).await.unwrap();
    let e = m.run_seeds(&mut db.conn, &SeedOptions::env("dev")).await.unwrap_err().to_string();
    assert!(e.contains("roles.csv:4: `roles` row 2: column `level` takes an integer; `lots` is not one"), "{e}");
    db.drop().await;
}

#[tokio::test]
async fn seed_commands_run_report_and_roll_back_from_the_command_line() {
    use crate::process::{migrate_at, text};
    let Some((db, dir)) = setup(Dialect::Sqlite).await else { return };
    let project = Dir::new();
    std::fs::create_dir_all(project.path().join("seeds")).unwrap();
    std::fs::write(
        project.path().join("seeds/roles.json"),
        "{\"$seed\": {\"after\": 1}, \"roles\": [{\"name\": \"admin\", \"level\": 100}, {\"name\": \"viewer\", \"level\": 2}]}",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = migrate_at(&db.url, &dir, args).current_dir(project.path()).output().unwrap();
        (out.status.code(), text(&out), serde_json::from_slice::<serde_json::Value>(&out.stdout).ok())
    };
    assert_eq!(run(&["up"]).0, Some(0));
    let (_, _, doc) = run(&["--json", "seed", "status"]);
    let seed = &doc.unwrap()["seeds"][0];
    assert_eq!(
        (seed["name"].as_str(), seed["kind"].as_str(), seed["status"].as_str()),
        (Some("roles"), Some("json"), Some("pending"))
    );
    assert!(
        seed["checksum"].as_str().is_some_and(|c| c.len() == 64)
            && seed["rows"].is_null()
            && seed["env"] == serde_json::json!([])
    );

    let (code, out, _) = run(&["--env", "production", "seed", "run"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("seeding the `production` environment: pass --yes to confirm"), "{out}");
    let (code, out, _) = run(&["--env", "production", "--yes", "seed", "run"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Seeded roles (json): inserted 1, updated 1"), "{out}");
    let (_, _, doc) = run(&["--json", "seed", "status"]);
    let seed = &doc.unwrap()["seeds"][0];
    assert_eq!((seed["status"].as_str(), seed["rows"]["inserted"].as_i64()), (Some("applied"), Some(1)));

    let (code, out, doc) = run(&["--json", "seed", "run", "--dry-run", "--force"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(doc.unwrap()["dry_run"], true);
    let (code, out, _) = run(&["--yes", "seed", "rollback", "--all"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Rolled back roles: deleted 1, restored 1"), "{out}");

    let (code, out, _) = run(&["--yes", "fresh", "--seed"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Seeded (dev): roles (+1)"), "{out}");
    let (code, out, _) = run(&["--yes", "reset"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("1 seed(s) forgotten"), "{out}");
    let (_, _, doc) = run(&["--json", "seed", "status"]);
    assert_eq!(doc.unwrap()["seeds"][0]["status"], "waiting", "its migration was rolled back");

    let (code, out, _) = run(&["seed", "new", "plans", "--csv"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(project.path().join("seeds/plans.csv").is_file());
    db.drop().await;
}

/// MySQL's TEXT holds 64 KiB: what a seed keeps for rollback is cut to fit.
async fn many_wide_rows_are_kept_for_rollback_whatever_the_column_limit(dialect: Dialect) {
    let Some((mut db, dir)) = setup(dialect).await else { return };
    fn wide(s: &mut Seeds) {
        s.generate("roles", 3_000, |i, r| {
            r.set("name", format!("role {i}")).set("level", i as i32).set("note", "n".repeat(99))
        });
    }
    let m = with(&dir, vec![rust_seed("wide", wide)]);
    m.up(&mut db.conn, Default::default()).await.unwrap();
    let before = roles(&mut db.conn).await;
    let report = m.run_seeds(&mut db.conn, &SeedOptions::env("dev")).await.unwrap();
    assert_eq!(report.applied[0].inserted, 3_000, "{dialect}");
    let undone = m.roll_back_seeds(&mut db.conn, &[]).await.unwrap();
    assert_eq!(undone.rolled_back[0].deleted, 3_000, "{dialect}");
    assert_eq!(roles(&mut db.conn).await, before, "{dialect}");
    db.drop().await;
}
