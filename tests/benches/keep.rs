//! `cargo bench -p migrate-tests --bench keep`: what keeping the rows of a dropped column
//! costs. A table of `MIGRATE_BENCH_ROWS` rows (default 200,000) loses a text column in a
//! migration; printed, measured in the same run on each database whose URL is set (SQLite
//! always): `up` with the rows kept against `up` with `keep_dropped = false` and against the
//! raw `ALTER TABLE ... DROP COLUMN`, and `down` putting the values back against `down`
//! that only re-adds the column. Each figure is the best of `MIGRATE_BENCH_ROUNDS` (3).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use migrate::schema::Dialect;
use migrate::testing::TestDatabase;
use migrate::{Connection, DownTarget, Migrator, UpTarget};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|c| c.parse().ok()).unwrap_or(default)
}

fn migrations() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("migrate_bench_keep_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    file(
        "V001_20250114200000_t.sql",
        "-- === UP Migration ===\nCREATE TABLE t (id integer NOT NULL PRIMARY KEY, note varchar(100), code integer);\n\
         -- === DOWN Migration ===\nDROP TABLE t;\n",
    );
    file(
        "V002_20250114200000_drop_note.sql",
        "-- === UP Migration ===\nALTER TABLE t DROP COLUMN note;\n\
         -- === DOWN Migration ===\nALTER TABLE t ADD COLUMN note varchar(100);\n",
    );
    dir
}

async fn fill(conn: &mut Connection, rows: usize) {
    let sql = match conn.dialect() {
        Dialect::Postgres => {
            format!("INSERT INTO t (id, note, code) SELECT i, 'note number ' || i, i FROM generate_series(1, {rows}) i")
        }
        Dialect::MySql => format!(
            "INSERT INTO t (id, note, code) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) \
             SELECT i, CONCAT('note number ', i), i FROM n"
        ),
        Dialect::Sqlite => format!(
            "INSERT INTO t (id, note, code) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) \
             SELECT i, 'note number ' || i, i FROM n"
        ),
    };
    if conn.dialect() == Dialect::MySql {
        // Recursion is limited to 1,000 by default: MySQL 8 and MariaDB name the limit differently.
        for variable in ["cte_max_recursion_depth", "max_recursive_iterations"] {
            let _ = conn.execute(&format!("SET SESSION {variable} = {}", rows + 1)).await;
        }
    }
    conn.execute(&sql).await.unwrap();
}

#[derive(Default, Clone, Copy)]
struct Times {
    raw: Duration,
    discard_up: Duration,
    keep_up: Duration,
    discard_down: Duration,
    keep_down: Duration,
}

fn best(a: Duration, b: Duration) -> Duration {
    if a.is_zero() { b } else { a.min(b) }
}

async fn measure(dialect: Dialect, rows: usize, rounds: usize) -> Option<Times> {
    let dir = migrations();
    let files = migrate::sql::load_dir(&dir).unwrap();
    let mut times = Times::default();
    for _ in 0..rounds {
        for mode in ["raw", "discard", "keep"] {
            let db = TestDatabase::create(dialect).await.unwrap()?;
            let mut conn = Connection::connect(&db.url).await.unwrap();
            let mut m = Migrator::new(&[], files.clone()).unwrap();
            m.options.discard_dropped = mode != "keep";
            m.up(&mut conn, UpTarget { to: Some(1), step: None }).await.unwrap();
            fill(&mut conn, rows).await;
            let t = Instant::now();
            if mode == "raw" {
                conn.execute("ALTER TABLE t DROP COLUMN note").await.unwrap();
                times.raw = best(times.raw, t.elapsed());
            } else {
                m.up(&mut conn, UpTarget::default()).await.unwrap();
                let up = t.elapsed();
                let t = Instant::now();
                m.down(&mut conn, DownTarget::Step(1)).await.unwrap();
                let down = t.elapsed();
                if mode == "keep" {
                    (times.keep_up, times.keep_down) = (best(times.keep_up, up), best(times.keep_down, down));
                } else {
                    (times.discard_up, times.discard_down) =
                        (best(times.discard_up, up), best(times.discard_down, down));
                }
            }
            let _ = conn.close().await;
            db.drop_now().await;
        }
    }
    let _ = std::fs::remove_dir_all(dir);
    Some(times)
}

#[tokio::main]
async fn main() {
    let rows = env_usize("MIGRATE_BENCH_ROWS", 200_000);
    let rounds = env_usize("MIGRATE_BENCH_ROUNDS", 3);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("dropping a text column of {rows} rows (best of {rounds})");
    for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::MySql] {
        let Some(t) = measure(dialect, rows, rounds).await else {
            println!("{dialect}: skipped (no URL)");
            continue;
        };
        println!(
            "{dialect}: up {:.0} ms kept / {:.0} ms not kept ({:.1}x) / {:.0} ms raw ALTER ({:.1}x); \
             down {:.0} ms putting {rows} values back / {:.0} ms re-adding the column ({:.1}x)",
            ms(t.keep_up),
            ms(t.discard_up),
            ms(t.keep_up) / ms(t.discard_up),
            ms(t.raw),
            ms(t.keep_up) / ms(t.raw),
            ms(t.keep_down),
            ms(t.discard_down),
            ms(t.keep_down) / ms(t.discard_down),
        );
    }
}
