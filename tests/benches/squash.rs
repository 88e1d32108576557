//! `cargo bench -p migrate-tests --bench squash`: what a squash saves a fresh database, and
//! what `migrate check --base` costs on a large project.
//!
//! 1,000 generated SQL migrations (a table with five columns and an index each; every tenth
//! also alters an earlier table) are applied to an empty database, then squashed into one
//! and the squash is applied to another empty database: once beside the originals (before
//! `squash --prune`), once alone (after it). Printed, measured in the same run: each time,
//! and its ratio to the same DDL run raw in one transaction through sqlx (the floor for
//! replaying the originals). On SQLite always; on PostgreSQL and MariaDB when
//! `MIGRATE_TEST_POSTGRES_URL` / `MIGRATE_TEST_MYSQL_URL` are set.
//!
//! Then `migrate check --base HEAD --dialect postgresql` as a process, in a git repository
//! whose last commit holds the 1,000 migrations and `migrate.sum`, with one new migration in
//! the working tree (no database): the median of five runs, against `git show` of the
//! base's sum file (the floor of reading a base through git). The goal is under 200 ms.
//!
//! `MIGRATE_BENCH_COUNT` changes the number of migrations.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use migrate::schema::Dialect;
use migrate::sql::load_dir;
use migrate::{Connection, Migrator, UpTarget};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_migrate-sql-only");

fn count() -> u64 {
    std::env::var("MIGRATE_BENCH_COUNT").ok().and_then(|c| c.parse().ok()).unwrap_or(1000)
}

/// The statements of migration `i` (1-based).
fn statements(i: u64) -> Vec<String> {
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

fn root() -> PathBuf {
    std::env::temp_dir().join(format!("migrate_bench_squash_{}", std::process::id()))
}

/// `dir/migrations` holding the `n` originals.
fn write_originals(dir: &Path, n: u64) -> PathBuf {
    let migrations = dir.join("migrations");
    let _ = std::fs::remove_dir_all(&migrations);
    std::fs::create_dir_all(&migrations).unwrap();
    for i in 1..=n {
        let body = statements(i).join(";\n") + ";\n";
        let text = format!("-- Migration: m{i}\n-- === UP Migration ===\n{body}");
        std::fs::write(migrations.join(format!("V{i:04}_20250101000000_m{i}.sql")), text).unwrap();
    }
    migrations
}

/// A fresh, empty database for one measurement, and how to drop it.
struct Fresh {
    url: String,
    admin: Option<(String, String)>,
}

fn admin_url(dialect: Dialect) -> Option<String> {
    match dialect {
        Dialect::Sqlite => None,
        Dialect::Postgres => std::env::var("MIGRATE_TEST_POSTGRES_URL").ok(),
        Dialect::MySql => std::env::var("MIGRATE_TEST_MYSQL_URL").ok(),
    }
}

async fn fresh(dialect: Dialect, label: &str) -> Fresh {
    let name = format!("migrate_bench_squash_{}_{label}", std::process::id());
    let Some(admin) = admin_url(dialect) else {
        let file = root().join(format!("{name}.db"));
        let _ = std::fs::remove_file(&file);
        return Fresh { url: format!("sqlite://{}", file.display()), admin: None };
    };
    let mut c = Connection::connect(&admin).await.unwrap();
    c.execute(&format!("DROP DATABASE IF EXISTS {name}")).await.unwrap();
    c.execute(&format!("CREATE DATABASE {name}")).await.unwrap();
    let _ = c.close().await;
    let base = admin.rsplit_once('/').unwrap().0;
    Fresh { url: format!("{base}/{name}"), admin: Some((admin, name)) }
}

impl Fresh {
    async fn drop(self, dialect: Dialect) {
        let Some((admin, name)) = self.admin else { return };
        let mut c = Connection::connect(&admin).await.unwrap();
        let force = if dialect == Dialect::Postgres { " WITH (FORCE)" } else { "" };
        c.execute(&format!("DROP DATABASE IF EXISTS {name}{force}")).await.unwrap();
        let _ = c.close().await;
    }
}

/// The originals' DDL through sqlx's text protocol, in one transaction.
async fn raw(url: &str, n: u64) -> Duration {
    let mut conn = Connection::connect(url).await.unwrap();
    let started = Instant::now();
    conn.execute("BEGIN").await.unwrap();
    for i in 1..=n {
        for s in statements(i) {
            conn.execute(&s).await.unwrap();
        }
    }
    conn.execute("COMMIT").await.unwrap();
    let took = started.elapsed();
    let _ = conn.close().await;
    took
}

/// `up` of the migrations in `dir`, from loading the files to the last commit; returns the
/// time and how many migrations it ran.
async fn up(url: &str, dir: &Path) -> (Duration, usize) {
    let mut conn = Connection::connect(url).await.unwrap();
    let started = Instant::now();
    let m = Migrator::new(&[], load_dir(dir).unwrap()).unwrap();
    let report = m.up(&mut conn, UpTarget::default()).await.unwrap();
    let took = started.elapsed();
    let _ = conn.close().await;
    (took, report.applied.len())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn bench(dialect: Dialect, n: u64) {
    let dir = root().join(format!("{dialect:?}"));
    let originals = write_originals(&dir, n);
    // Every database is dropped at the end, not between measurements, and each way is
    // measured in each of two rounds, the best kept: on a server each table is files, and
    // the time to create a thousand of them drifts with what the filesystem did just
    // before, by more than what a squash saves there (tried: whichever ran third was slowest).
    let mut dbs = Vec::new();
    let warm = fresh(dialect, "warm").await;
    let _ = raw(&warm.url, n).await;
    dbs.push(warm);

    // The squash is written for a database built from the originals (its scratch database
    // goes beside that one).
    let built = fresh(dialect, "built").await;
    let _ = up(&built.url, &originals).await;
    let migrator = Migrator::new(&[], load_dir(&originals).unwrap()).unwrap();
    let started = Instant::now();
    let squash = migrator.squash(dialect, Some(&built.url), n, false, false).await.unwrap();
    let squash_took = started.elapsed();
    dbs.push(built);
    // Beside the originals, as it stands until `squash --prune`; alone, after it.
    let beside = dir.join("beside");
    let alone = dir.join("alone");
    for (d, with_originals) in [(&beside, true), (&alone, false)] {
        std::fs::create_dir_all(d).unwrap();
        if with_originals {
            for entry in std::fs::read_dir(&originals).unwrap() {
                let path = entry.unwrap().path();
                std::fs::copy(&path, d.join(path.file_name().unwrap())).unwrap();
            }
        }
        std::fs::write(d.join(&squash.file_name), &squash.text).unwrap();
    }

    let mut best = [Duration::MAX; 4];
    let mut ran = [0; 4];
    for round in 0..2 {
        for (i, label) in ["raw", "before", "beside", "alone"].into_iter().enumerate() {
            let db = fresh(dialect, &format!("{label}{round}")).await;
            let (took, count) = match i {
                0 => (raw(&db.url, n).await, n as usize),
                1 => up(&db.url, &originals).await,
                2 => up(&db.url, &beside).await,
                _ => up(&db.url, &alone).await,
            };
            best[i] = best[i].min(took);
            ran[i] = count;
            dbs.push(db);
        }
    }
    let base = best[0];
    println!("\n{dialect:?}: {n} migrations, then one squash of them (best of 2 rounds)");
    let line = |what: &str, d: Duration, ran: Option<usize>| {
        let ran = ran.map(|r| format!("  ({r} run)")).unwrap_or_default();
        println!("  {what:<44} {:>8.1} ms  {:>6.2}x raw{ran}", ms(d), ms(d) / ms(base));
    };
    line("raw DDL, one transaction (sqlx)", base, None);
    line("up, the originals", best[1], Some(ran[1]));
    line("squash --to (writing the file)", squash_took, None);
    line("up, squash beside the originals", best[2], Some(ran[2]));
    line("up, squash alone (after --prune)", best[3], Some(ran[3]));
    println!("  before / after: {:.2}x (beside), {:.2}x (alone)", ms(best[1]) / ms(best[2]), ms(best[1]) / ms(best[3]));
    for db in dbs {
        db.drop(dialect).await;
    }
}

fn run(dir: &Path, program: &str, args: &[&str]) -> std::process::Output {
    let out = Command::new(program).current_dir(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn check(n: u64) {
    let dir = root().join("check");
    let migrations = write_originals(&dir, n);
    let dir_arg = migrations.display().to_string();
    run(&dir, BIN, &["--migrations", &dir_arg, "hash"]);
    run(&dir, "git", &["init", "-q"]);
    run(&dir, "git", &["add", "."]);
    run(&dir, "git", &["-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "base"]);
    let next = n + 1;
    let body = format!("-- Migration: m{next}\n-- === UP Migration ===\n{};\n", statements(next).join(";\n"));
    std::fs::write(migrations.join(format!("V{next:04}_20250102000000_m{next}.sql")), body).unwrap();
    run(&dir, BIN, &["--migrations", &dir_arg, "hash"]);

    let timed = |program: &str, args: &[&str]| {
        median(
            (0..5)
                .map(|_| {
                    let started = Instant::now();
                    run(&dir, program, args);
                    started.elapsed()
                })
                .collect(),
        )
    };
    let ours = timed(BIN, &["--migrations", &dir_arg, "check", "--base", "HEAD", "--dialect", "postgresql"]);
    let git = timed("git", &["show", "HEAD:migrations/migrate.sum"]);
    println!(
        "\nmigrate check --base HEAD on {n} migrations + 1 new, no database: {:.1} ms (median of 5; goal < 200 ms); \
         git show of the base's sum: {:.1} ms ({:.1}x)",
        ms(ours),
        ms(git),
        ms(ours) / ms(git)
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let n = count();
    std::fs::create_dir_all(root()).unwrap();
    bench(Dialect::Sqlite, n).await;
    for (dialect, var) in [(Dialect::Postgres, "MIGRATE_TEST_POSTGRES_URL"), (Dialect::MySql, "MIGRATE_TEST_MYSQL_URL")]
    {
        if std::env::var(var).is_ok() {
            bench(dialect, n).await;
        } else {
            println!("\n{dialect:?}: skipped ({var} is not set)");
        }
    }
    check(n);
    let _ = std::fs::remove_dir_all(root());
}
