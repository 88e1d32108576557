//! Migrations inside an application: `Migrator::run` on the application's own sqlx pool
//! (two instances starting at once), and the events a run reports to listeners.

use crate::db::TestDb;
use migrate::schema::Dialect;
use migrate::sqlx::{MySqlPool, PgPool, SqlitePool};
use migrate::{DownTarget, Error, Event, Migrator, Report, UpTarget};
use std::sync::{Arc, Mutex};

on_every_database!(
    two_instances_starting_at_once_apply_each_migration_once,
    events_come_in_order_and_a_listener_can_stop_the_run,
);

/// Ten SQL files, as `embed_sql!` would give them.
fn files() -> Vec<(String, String)> {
    (1..=10u64)
        .map(|v| {
            let path = format!("migrations/V{v:03}_20250114200000_table_{v}.sql");
            let text = format!(
                "-- === UP Migration ===\nCREATE TABLE app_{v} (id integer NOT NULL PRIMARY KEY);\n\
                 -- === DOWN Migration ===\nDROP TABLE app_{v};\n"
            );
            (path, text)
        })
        .collect()
}

fn migrator(files: &[(String, String)]) -> Migrator {
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    // Only the SQL files: the Rust migrations linked into the test binary belong to other tests.
    let sql = migrate::sql::parse_embedded(&borrowed).unwrap();
    Migrator::new(&[], sql).unwrap().lock_timeout(std::time::Duration::from_secs(30))
}

/// An application starting: its own pool, then the one call.
async fn start(dialect: Dialect, url: &str, m: &Migrator) -> Report {
    match dialect {
        Dialect::Postgres => m.run(&PgPool::connect(url).await.unwrap()).await.unwrap(),
        Dialect::MySql => m.run(&MySqlPool::connect(url).await.unwrap()).await.unwrap(),
        Dialect::Sqlite => m.run(&SqlitePool::connect(url).await.unwrap()).await.unwrap(),
    }
}

async fn two_instances_starting_at_once_apply_each_migration_once(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let files = files();
    let (a, b) = (migrator(&files), migrator(&files));
    let (first, second) = tokio::join!(start(dialect, &db.url, &a), start(dialect, &db.url, &b));
    let mut applied: Vec<u64> = first.applied.iter().chain(&second.applied).map(|d| d.version).collect();
    applied.sort_unstable();
    assert_eq!(applied, (1..=10).collect::<Vec<_>>(), "{dialect}: each applied by exactly one instance");
    let (rows, _) = a.history(&mut db.conn).await.unwrap();
    assert_eq!(rows.iter().filter(|r| r.status == "applied").count(), 10);

    // A restart finds everything applied; the pool's connection is back in the pool.
    let again = start(dialect, &db.url, &a).await;
    assert!(again.applied.is_empty());
    assert_eq!(again.skipped, (1..=10).collect::<Vec<_>>());
    // A URL works too, and `to` stops where it says.
    a.down(&mut db.conn, DownTarget::Step(3)).await.unwrap();
    let partial = migrator(&files).to(8).run(db.url.as_str()).await.unwrap();
    assert_eq!(partial.applied.iter().map(|d| d.version).collect::<Vec<_>>(), [8]);
    db.drop().await;
}

/// What listeners saw: `kind` and the version, if any.
type Seen = Arc<Mutex<Vec<String>>>;

fn recording(m: Migrator, seen: &Seen, stop_at: Option<(&'static str, u64)>) -> Migrator {
    let log = Arc::clone(seen);
    m.on_event(move |e: &Event<'_>| {
        let version = match e {
            Event::MigrationStarted { version, .. }
            | Event::MigrationDone { version, .. }
            | Event::MigrationFailed { version, .. } => Some(*version),
            Event::RunStarted { versions, .. } => versions.last().copied(),
            _ => None,
        };
        log.lock().unwrap().push(format!("{} {}", e.kind(), version.map_or("-".into(), |v| v.to_string())));
        match stop_at {
            Some((kind, v)) if kind == e.kind() && version == Some(v) => Err(format!("refused at V{v}")),
            _ => Ok(()),
        }
    })
}

async fn events_come_in_order_and_a_listener_can_stop_the_run(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let files: Vec<(String, String)> = files().into_iter().take(3).collect();
    let conn = &mut db.conn;

    // A listener failing after V2 stops the run there: V1 and V2 stay applied, V3 waits.
    let seen = Seen::default();
    let stopping = recording(migrator(&files), &seen, Some(("migration_done", 2)));
    let err = stopping.up(conn, UpTarget::default()).await.unwrap_err();
    let Error::Partial { report, error } = &err else { panic!("{err}") };
    assert_eq!(report.applied.iter().map(|d| d.version).collect::<Vec<_>>(), [1, 2], "{err}");
    assert!(
        matches!(&**error, Error::Stopped { event: "migration_done", message } if message == "refused at V2"),
        "{err}"
    );
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "run_started 3",
            "migration_started 1",
            "migration_done 1",
            "migration_started 2",
            "migration_done 2",
            "run_failed -"
        ],
        "{dialect}"
    );
    let status = stopping.status(conn).await.unwrap();
    let states: Vec<&str> = status.migrations.iter().map(|m| m.status.as_str()).collect();
    assert_eq!(states, ["applied", "applied", "pending"], "{dialect}");

    // Refusing before a migration stops before it; a failing migration is reported.
    seen.lock().unwrap().clear();
    let refusing = recording(migrator(&files), &seen, Some(("migration_started", 3)));
    refusing.up(conn, UpTarget::default()).await.unwrap_err();
    assert_eq!(refusing.status(conn).await.unwrap().current, Some(2));
    let mut broken = files.clone();
    broken[2].1 = "-- === UP Migration ===\nINSERT INTO no_such_table VALUES (1);\n".to_owned();
    seen.lock().unwrap().clear();
    recording(migrator(&broken), &seen, None).up(conn, UpTarget::default()).await.unwrap_err();
    assert_eq!(*seen.lock().unwrap(), ["run_started 3", "migration_started 3", "migration_failed 3", "run_failed -"]);

    // Down reports too.
    seen.lock().unwrap().clear();
    let down = recording(migrator(&files), &seen, None);
    down.down(conn, DownTarget::Step(1)).await.unwrap();
    assert_eq!(*seen.lock().unwrap(), ["run_started 2", "migration_started 2", "migration_done 2", "run_finished -"]);
    db.drop().await;
}
