//! SQLite's lock and Ctrl-C (issue 16, point 7): `--lock-timeout 1` waits about one second
//! for a database another process is writing, and Ctrl-C stops a long statement, rolls
//! back and releases the lock row before the process exits with 130.

use crate::db::TestDb;
use crate::engine::Dir;
use crate::process::{migrate_at, text};
use migrate::Migrator;
use migrate::schema::Dialect;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Wait until the run of `child` holds the lock (it is under way), a little more, then
/// send it SIGINT, as Ctrl-C does; returns when it was sent.
async fn ctrl_c_once_it_holds_the_lock(url: &str, m: &Migrator, child: &std::process::Child) -> Instant {
    let started = Instant::now();
    loop {
        let mut probe = migrate::Connection::connect(url).await.unwrap();
        let held = m.status(&mut probe).await.map(|s| s.lock.is_some()).unwrap_or(false);
        let _ = probe.close().await;
        assert!(started.elapsed() < Duration::from_secs(20), "the run never took the lock");
        if held {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let sent = Instant::now();
    let kill = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    sent
}

#[tokio::test]
async fn the_lock_timeout_bounds_the_wait_for_a_busy_sqlite_database() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    // Another connection holds the database's write lock.
    db.conn.execute("CREATE TABLE other (id integer)").await.unwrap();
    db.conn.execute("BEGIN IMMEDIATE").await.unwrap();
    db.conn.execute("INSERT INTO other VALUES (1)").await.unwrap();
    let started = Instant::now();
    let out = migrate_at(&db.url, &dir, &["--lock-timeout", "1", "up"]).output().unwrap();
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("could not take the migration lock within 1 s"), "{}", text(&out));
    assert!(took >= Duration::from_millis(900) && took < Duration::from_millis(2500), "waited {took:?}");
    db.conn.execute("ROLLBACK").await.unwrap();
    let out = migrate_at(&db.url, &dir, &["--lock-timeout", "1", "up"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    db.drop().await;
}

#[tokio::test]
async fn ctrl_c_interrupts_a_long_sqlite_statement_and_releases_the_lock() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "fast", "CREATE TABLE fast (id integer);", None);
    // Far longer than the test waits: it must be interrupted, not finished.
    let slow = "CREATE TABLE slow (x integer);\nINSERT INTO slow WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 \
                FROM c WHERE x < 1000000000) SELECT x FROM c;";
    dir.write(2, "slow", slow, None);
    let child = migrate_at(&db.url, &dir, &["up"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let m = Migrator::new(&[], migrate::sql::load_dir(dir.path()).unwrap()).unwrap();
    let interrupted = ctrl_c_once_it_holds_the_lock(&db.url, &m, &child).await;
    let out = child.wait_with_output().unwrap();
    let took = interrupted.elapsed();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{said}");
    assert!(took < Duration::from_secs(4), "Ctrl-C took {took:?} to end the run: {said}");
    assert!(said.contains("interrupted: the running migration's transaction was rolled back"), "{said}");
    let status = m.status(&mut db.conn).await.unwrap();
    assert!(status.lock.is_none(), "the lock row is released: {status:?}");
    assert!(!db.conn.table_exists("slow").await.unwrap() && !db.conn.table_exists("fast").await.unwrap());
    let history = m.history(&mut db.conn).await.map(|(rows, _)| rows).unwrap_or_default();
    assert!(history.iter().all(|r| r.status != "applied"), "{history:?}");
    db.drop().await;
}

/// On PostgreSQL the server would run the interrupted statement to its end before it saw
/// the connection gone: Ctrl-C ends that session, so the run stops, rolls back and lets
/// the lock go at once.
#[tokio::test]
async fn ctrl_c_ends_a_long_postgres_statement_and_releases_the_lock() {
    let Some(mut db) = TestDb::new(Dialect::Postgres).await else { return };
    let dir = Dir::new();
    dir.write(1, "slow", "CREATE TABLE slow (x integer);\nSELECT pg_sleep(60);", None);
    let child = migrate_at(&db.url, &dir, &["up"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let m = Migrator::new(&[], migrate::sql::load_dir(dir.path()).unwrap()).unwrap();
    let interrupted = ctrl_c_once_it_holds_the_lock(&db.url, &m, &child).await;
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{said}");
    // The server's lock is free at once: another run takes it within its one second.
    let other = Dir::new();
    other.write(1, "quick", "CREATE TABLE quick (x integer);", None);
    let again = migrate_at(&db.url, &other, &["--lock-timeout", "1", "up"]).output().unwrap();
    let took = interrupted.elapsed();
    assert!(again.status.success(), "the lock was still held after Ctrl-C: {said}\n{}", text(&again));
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(!db.conn.table_exists("slow").await.unwrap(), "{said}");
    assert!(db.conn.table_exists("quick").await.unwrap());
    db.drop().await;
}

/// `unlock --force` (and Ctrl-C, which ends its own session the same way) ends the session
/// holding this database's lock, never one holding the same lock key in another database
/// of the server: advisory locks are per database, and so is the session it ends.
#[tokio::test]
async fn ending_a_lock_holder_leaves_other_databases_alone() {
    let Some(mut a) = TestDb::new(Dialect::Postgres).await else { return };
    let Some(b) = TestDb::new(Dialect::Postgres).await else { return };
    let dir = Dir::new();
    dir.write(1, "slow", "CREATE TABLE slow (x integer);\nSELECT pg_sleep(3);", None);
    let m = Migrator::new(&[], migrate::sql::load_dir(dir.path()).unwrap()).unwrap();
    let spawn =
        |url: &str| migrate_at(url, &dir, &["up"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let (in_a, in_b) = (spawn(&a.url), spawn(&b.url));
    for url in [&a.url, &b.url] {
        let started = Instant::now();
        loop {
            let mut probe = migrate::Connection::connect(url).await.unwrap();
            let held = m.status(&mut probe).await.map(|s| s.lock.is_some()).unwrap_or(false);
            let _ = probe.close().await;
            assert!(started.elapsed() < Duration::from_secs(20), "a run never took the lock");
            if held {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let forced = migrate_at(&b.url, &dir, &["unlock", "--force"]).output().unwrap();
    assert!(forced.status.success(), "{}", text(&forced));
    let b_out = in_b.wait_with_output().unwrap();
    assert_ne!(b_out.status.code(), Some(0), "the run in b was ended");
    let a_out = in_a.wait_with_output().unwrap();
    assert_eq!(a_out.status.code(), Some(0), "the run in a was left alone: {}", String::from_utf8_lossy(&a_out.stderr));
    assert!(a.conn.table_exists("slow").await.unwrap());
    a.drop().await;
    b.drop().await;
}
