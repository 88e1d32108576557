//! `cargo bench -p migrate-tests --bench seed`: what a seed costs against writing the same
//! rows by hand. `MIGRATE_BENCH_ROWS` generated rows (default 100,000) of a four-column
//! table, on each database whose URL is set (SQLite always), measured in the same run:
//!
//! - **raw**: hand-written multi-row `INSERT` statements through sqlx, values bound, in one
//!   transaction, as many rows per statement as the seed sends;
//! - **seed**: `Migrator::run_seeds` with a `generate` seed of the same rows (building the
//!   rows, checking them against the catalog, the upserts, what it keeps for rollback, the
//!   lock and the seed tables);
//! - **second run**: the same seed again (unchanged: skipped), and forced (`--force`: every
//!   row compared with the database, none written).
//!
//! Each figure is the best of `MIGRATE_BENCH_ROUNDS` (3); `MIGRATE_BENCH_FORCED=0` leaves the
//! forced run out (to profile the first run alone).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use migrate::schema::Dialect;
use migrate::seed::{RustSeed, Seed, SeedOptions, Seeds};
use migrate::testing::TestDatabase;
use migrate::{Connection, Migrator};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static ROWS: AtomicUsize = AtomicUsize::new(100_000);
const PER_STATEMENT: usize = 1_000;
const TABLE: &str = "CREATE TABLE people (id bigint NOT NULL PRIMARY KEY, email varchar(100) NOT NULL UNIQUE, \
                     name varchar(100) NOT NULL, score integer NOT NULL)";

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|c| c.parse().ok()).unwrap_or(default)
}

fn people(s: &mut Seeds) {
    s.generate("people", ROWS.load(Ordering::Relaxed), |i, r| {
        r.set("id", i as i64)
            .set("email", format!("person{i}@example.com"))
            .set("name", format!("Person {i}"))
            .set("score", (i % 100) as i32)
    });
}

fn migrator() -> Migrator {
    let files = [("migrations/V001_20250101000000_people.sql", TABLE)];
    let seed =
        Seed::of(&RustSeed { name: "people", env: &[], after: None, build: people, file: file!(), line: line!() });
    Migrator::new(&[], migrate::sql::parse_embedded(&files).unwrap()).unwrap().with_seeds([seed])
}

/// The rows by hand: `INSERT INTO people (...) VALUES (?, ?, ?, ?), ...` per 1,000 rows.
async fn raw(url: &str, dialect: Dialect, rows: usize) -> Duration {
    macro_rules! insert {
        ($conn:expr, $db:ty) => {{
            let mut tx = sqlx::Connection::begin(&mut $conn).await.unwrap();
            let started = Instant::now();
            let all: Vec<(i64, String, String, i32)> = (0..rows)
                .map(|i| (i as i64, format!("person{i}@example.com"), format!("Person {i}"), (i % 100) as i32))
                .collect();
            for chunk in all.chunks(PER_STATEMENT) {
                let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO people (id, email, name, score) ");
                q.push_values(chunk, |mut b, (id, email, name, score)| {
                    b.push_bind(*id).push_bind(email.clone()).push_bind(name.clone()).push_bind(*score);
                });
                q.build().execute(&mut *tx).await.unwrap();
            }
            tx.commit().await.unwrap();
            started.elapsed()
        }};
    }
    match dialect {
        Dialect::Postgres => {
            let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(url).await.unwrap();
            insert!(c, sqlx::Postgres)
        }
        Dialect::MySql => {
            let mut c = <sqlx::MySqlConnection as sqlx::Connection>::connect(url).await.unwrap();
            insert!(c, sqlx::MySql)
        }
        Dialect::Sqlite => {
            let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(url).await.unwrap();
            insert!(c, sqlx::Sqlite)
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Times {
    raw: Duration,
    seed: Duration,
    unchanged: Duration,
    forced: Duration,
}

fn best(a: Duration, b: Duration) -> Duration {
    if a.is_zero() { b } else { a.min(b) }
}

async fn measure(dialect: Dialect, rows: usize, rounds: usize) -> Option<Times> {
    let mut times = Times::default();
    let m = migrator();
    for _ in 0..rounds {
        for mode in ["raw", "seed"] {
            let db = TestDatabase::create(dialect).await.unwrap()?;
            let mut conn = Connection::connect(&db.url).await.unwrap();
            m.up(&mut conn, Default::default()).await.unwrap();
            if mode == "raw" {
                times.raw = best(times.raw, raw(&db.url, dialect, rows).await);
            } else {
                let t = Instant::now();
                let report = m.run_seeds(&mut conn, &SeedOptions::env("dev")).await.unwrap();
                times.seed = best(times.seed, t.elapsed());
                assert_eq!(report.applied[0].inserted as usize, rows);
                let t = Instant::now();
                let again = m.run_seeds(&mut conn, &SeedOptions::env("dev")).await.unwrap();
                times.unchanged = best(times.unchanged, t.elapsed());
                assert!(again.applied.is_empty());
                if env_usize("MIGRATE_BENCH_FORCED", 1) == 1 {
                    let t = Instant::now();
                    let options = SeedOptions { force: true, ..SeedOptions::env("dev") };
                    let forced = m.run_seeds(&mut conn, &options).await.unwrap();
                    times.forced = best(times.forced, t.elapsed());
                    assert_eq!(forced.applied[0].inserted + forced.applied[0].updated, 0);
                }
            }
            let _ = conn.close().await;
            db.drop_now().await;
        }
    }
    Some(times)
}

#[tokio::main]
async fn main() {
    let rows = env_usize("MIGRATE_BENCH_ROWS", 100_000);
    ROWS.store(rows, Ordering::Relaxed);
    let rounds = env_usize("MIGRATE_BENCH_ROUNDS", 3);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("seeding {rows} generated rows, {PER_STATEMENT} per statement (best of {rounds})");
    for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::MySql] {
        let Some(t) = measure(dialect, rows, rounds).await else {
            println!("{dialect}: skipped (no URL)");
            continue;
        };
        println!(
            "{dialect}: seed {:.0} ms / raw multi-row INSERT {:.0} ms = {:.2}x; second run {:.1} ms unchanged, \
             {:.0} ms forced ({:.2}x raw)",
            ms(t.seed),
            ms(t.raw),
            ms(t.seed) / ms(t.raw),
            ms(t.unchanged),
            ms(t.forced),
            ms(t.forced) / ms(t.raw),
        );
    }
}
