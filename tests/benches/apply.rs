//! `cargo bench -p migrate-tests --bench apply`: 1,000 generated migrations (a table with
//! five columns and an index each; every tenth also alters an earlier table) applied to an
//! empty SQLite file and, when `MIGRATE_TEST_POSTGRES_URL` is set, an empty PostgreSQL
//! database. Prints, measured in the same run, the ratio of each way of applying them to
//! the same DDL run raw in one transaction through sqlx, and to sqlx's own `Migrator` on
//! the same statements; then `status` and a no-op `up` with 1,000 applied.
//!
//! `MIGRATE_BENCH_COUNT` changes the number of migrations. `MIGRATE_BENCH_PG_TABLESPACE`
//! names a tablespace for the PostgreSQL databases: one on tmpfs takes the filesystem's
//! file-creation cost (large and noisy on some machines) out of the comparison.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use migrate::schema::Dialect;
use migrate::sql::load_dir;
use migrate::{Connection, Migrator, UpTarget};
use sqlx::{ConnectOptions, Connection as _};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

fn count() -> usize {
    std::env::var("MIGRATE_BENCH_COUNT").ok().and_then(|c| c.parse().ok()).unwrap_or(1000)
}

/// The statements of migration `i` (1-based).
fn statements(i: usize) -> Vec<String> {
    let mut out = vec![
        format!(
            "CREATE TABLE t{i} (id integer NOT NULL PRIMARY KEY, a integer, b varchar(50), c varchar(200), d integer)"
        ),
        format!("CREATE INDEX t{i}_a ON t{i} (a)"),
    ];
    if i.is_multiple_of(10) {
        out.push(format!("ALTER TABLE t{} ADD COLUMN e{i} integer", i - 5));
    }
    out
}

struct Dirs {
    ours: PathBuf,
    sqlx: PathBuf,
}

fn write_files(n: usize) -> Dirs {
    let root = std::env::temp_dir().join(format!("migrate_bench_{}", std::process::id()));
    let dirs = Dirs { ours: root.join("ours"), sqlx: root.join("sqlx") };
    for d in [&dirs.ours, &dirs.sqlx] {
        let _ = std::fs::remove_dir_all(d);
        std::fs::create_dir_all(d).unwrap();
    }
    for i in 1..=n {
        let body = statements(i).join(";\n") + ";\n";
        let ours = format!("-- Migration: m{i}\n-- === UP Migration ===\n{body}");
        std::fs::write(dirs.ours.join(format!("V{i:04}_20250101000000_m{i}.sql")), ours).unwrap();
        std::fs::write(dirs.sqlx.join(format!("{i}_m{i}.sql")), body).unwrap();
    }
    dirs
}

/// A fresh, empty database for one measurement, and how to drop it.
struct Fresh {
    url: String,
    admin: Option<(String, String)>,
}

async fn fresh(dialect: Dialect, label: &str) -> Fresh {
    let name = format!("migrate_bench_{}_{label}", std::process::id());
    match dialect {
        Dialect::Sqlite => {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            let _ = std::fs::remove_file(&file);
            Fresh { url: format!("sqlite://{}", file.display()), admin: None }
        }
        _ => {
            let admin = std::env::var("MIGRATE_TEST_POSTGRES_URL").unwrap();
            let mut c = Connection::connect(&admin).await.unwrap();
            c.execute(&format!("DROP DATABASE IF EXISTS {name}")).await.unwrap();
            let tablespace =
                std::env::var("MIGRATE_BENCH_PG_TABLESPACE").map(|t| format!(" TABLESPACE {t}")).unwrap_or_default();
            c.execute(&format!("CREATE DATABASE {name}{tablespace}")).await.unwrap();
            let _ = c.close().await;
            let base = admin.rsplit_once('/').unwrap().0;
            Fresh { url: format!("{base}/{name}"), admin: Some((admin, name)) }
        }
    }
}

impl Fresh {
    async fn drop(self) {
        match self.admin {
            Some((admin, name)) => {
                let mut c = Connection::connect(&admin).await.unwrap();
                c.execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.unwrap();
                let _ = c.close().await;
            }
            None => {
                let _ = std::fs::remove_file(self.url.trim_start_matches("sqlite://"));
            }
        }
    }
}

/// The DDL through sqlx's text protocol, in one transaction or one per migration (the
/// latter with `synchronous_commit = off` on PostgreSQL, as migrate does).
async fn raw(dialect: Dialect, url: &str, n: usize, per_migration: bool) -> Duration {
    let mut conn = Connection::connect(url).await.unwrap();
    let begin = match dialect {
        Dialect::Postgres if per_migration => "BEGIN; SET LOCAL synchronous_commit = off",
        _ => "BEGIN",
    };
    let started = Instant::now();
    if !per_migration {
        conn.execute(begin).await.unwrap();
    }
    for i in 1..=n {
        if per_migration {
            conn.execute(begin).await.unwrap();
        }
        for s in statements(i) {
            conn.execute(&s).await.unwrap();
        }
        if per_migration {
            conn.execute("COMMIT").await.unwrap();
        }
    }
    if !per_migration {
        conn.execute("COMMIT").await.unwrap();
    }
    let took = started.elapsed();
    let _ = conn.close().await;
    took
}

async fn ours(url: &str, dir: &Path, atomic: bool) -> (Duration, Migrator) {
    let mut m = Migrator::new(&[], load_dir(dir).unwrap()).unwrap();
    m.options.atomic = atomic;
    let mut conn = Connection::connect(url).await.unwrap();
    let started = Instant::now();
    m.up(&mut conn, UpTarget::default()).await.unwrap();
    let took = started.elapsed();
    let _ = conn.close().await;
    (took, m)
}

async fn sqlx_migrator(dialect: Dialect, url: &str, dir: &Path) -> Duration {
    let migrator = sqlx::migrate::Migrator::new(dir.to_owned()).await.unwrap();
    let started = Instant::now();
    match dialect {
        Dialect::Sqlite => {
            let mut c = sqlx::sqlite::SqliteConnectOptions::from_str(url)
                .unwrap()
                .create_if_missing(true)
                .connect()
                .await
                .unwrap();
            migrator.run(&mut c).await.unwrap();
        }
        _ => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            migrator.run(&mut c).await.unwrap();
        }
    }
    started.elapsed()
}

async fn sqlx_noop(dialect: Dialect, url: &str, dir: &Path) -> Duration {
    let migrator = sqlx::migrate::Migrator::new(dir.to_owned()).await.unwrap();
    let started = Instant::now();
    match dialect {
        Dialect::Sqlite => {
            let mut c = sqlx::sqlite::SqliteConnectOptions::from_str(url).unwrap().connect().await.unwrap();
            migrator.run(&mut c).await.unwrap();
        }
        _ => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            migrator.run(&mut c).await.unwrap();
        }
    }
    started.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn bench(dialect: Dialect, dirs: &Dirs, n: usize) {
    // Every database is dropped at the end, not between measurements: on PostgreSQL each
    // table is files, and a filesystem that has just deleted thousands of files allocates
    // new ones more slowly (ext4 skips recently deleted inodes), which would penalise
    // whichever measurement ran after a drop. Raw runs first and last; the mean is the base.
    let mut dbs = Vec::new();
    // The first thousand tables a server makes in a run take longer (up to twice as long
    // on PostgreSQL here) than the next thousand: a run that nobody measures goes first.
    let warm_db = fresh(dialect, "warm").await;
    let _ = raw(dialect, &warm_db.url, n, false).await;
    dbs.push(warm_db);
    let raw_db = fresh(dialect, "raw").await;
    let raw_first = raw(dialect, &raw_db.url, n, false).await;
    dbs.push(raw_db);
    // PostgreSQL commits each migration (SQLite uses savepoints in one transaction): its
    // floor is the same DDL with a commit per migration, measured before and after migrate
    // as the raw runs are, since a run's place in the sequence moves its time.
    let mut each_first = None;
    if dialect == Dialect::Postgres {
        let raw_db = fresh(dialect, "raw_each").await;
        each_first = Some(raw(dialect, &raw_db.url, n, true).await);
        dbs.push(raw_db);
    }

    let ours_db = fresh(dialect, "ours").await;
    let (ours_time, m) = ours(&ours_db.url, &dirs.ours, false).await;
    let mut conn = Connection::connect(&ours_db.url).await.unwrap();
    let started = Instant::now();
    let status = m.status(&mut conn).await.unwrap();
    let status_time = started.elapsed();
    assert_eq!(status.migrations.iter().filter(|s| s.status == "applied").count(), n);
    let started = Instant::now();
    let noop = m.up(&mut conn, UpTarget::default()).await.unwrap();
    let noop_time = started.elapsed();
    assert!(noop.applied.is_empty());
    let _ = conn.close().await;
    dbs.push(ours_db);

    let atomic_db = fresh(dialect, "atomic").await;
    let (atomic_time, _) = ours(&atomic_db.url, &dirs.ours, true).await;
    dbs.push(atomic_db);

    let sqlx_db = fresh(dialect, "sqlx").await;
    let sqlx_time = sqlx_migrator(dialect, &sqlx_db.url, &dirs.sqlx).await;
    let sqlx_noop_time = sqlx_noop(dialect, &sqlx_db.url, &dirs.sqlx).await;
    dbs.push(sqlx_db);

    let raw_db = fresh(dialect, "raw2").await;
    let raw_last = raw(dialect, &raw_db.url, n, false).await;
    dbs.push(raw_db);
    let mut raw_each = None;
    if let Some(first) = each_first {
        let raw_db = fresh(dialect, "raw_each2").await;
        let last = raw(dialect, &raw_db.url, n, true).await;
        raw_each = Some((first + last) / 2);
        dbs.push(raw_db);
    }
    for db in dbs {
        db.drop().await;
    }
    let raw_time = (raw_first + raw_last) / 2;

    println!("\n{dialect}: {n} migrations");
    println!(
        "  raw DDL, one transaction (sqlx)  {:>9.1} ms   1.00x (first {:.1} ms, last {:.1} ms)",
        ms(raw_time),
        ms(raw_first),
        ms(raw_last)
    );
    let ratio = |d: Duration| d.as_secs_f64() / raw_time.as_secs_f64();
    println!("  migrate up (per migration)        {:>9.1} ms   {:.2}x raw", ms(ours_time), ratio(ours_time));
    if let Some(each) = raw_each {
        println!("  raw DDL, a transaction each       {:>9.1} ms   {:.2}x raw", ms(each), ratio(each));
        println!("  migrate up vs raw, a transaction each   {:.2}x", ours_time.as_secs_f64() / each.as_secs_f64());
    }
    println!("  migrate up --atomic               {:>9.1} ms   {:.2}x raw", ms(atomic_time), ratio(atomic_time));
    println!("  sqlx Migrator::run                {:>9.1} ms   {:.2}x raw", ms(sqlx_time), ratio(sqlx_time));
    println!(
        "  migrate up vs sqlx Migrator       {:.2}x (below 1 is faster)",
        ours_time.as_secs_f64() / sqlx_time.as_secs_f64()
    );
    println!("  status, {n} applied                {:>9.1} ms", ms(status_time));
    println!(
        "  no-op up: migrate {:.1} ms, sqlx {:.1} ms   {:.2}x",
        ms(noop_time),
        ms(sqlx_noop_time),
        noop_time.as_secs_f64() / sqlx_noop_time.as_secs_f64()
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let n = count();
    let dirs = write_files(n);
    bench(Dialect::Sqlite, &dirs, n).await;
    if std::env::var("MIGRATE_TEST_POSTGRES_URL").is_ok() {
        bench(Dialect::Postgres, &dirs, n).await;
    } else {
        println!("\nPostgreSQL: skipped (MIGRATE_TEST_POSTGRES_URL is not set)");
    }
    let _ = std::fs::remove_dir_all(dirs.ours.parent().unwrap());
}
