//! `cargo bench -p migrate-tests --bench introspect`: a schema of 1,000 tables (10 columns,
//! 2 indexes and 1 foreign key each) created in an empty SQLite file and, when their URLs
//! are set, in PostgreSQL and MySQL/MariaDB databases. Prints, measured in the same run,
//! the time `Connection::introspect` takes to read it, and the ratio to the database's own
//! schema dump (`sqlite3 .schema`, `pg_dump --schema-only`, `mysqldump --no-data`); then
//! the time to diff two 1,000-table models (one with a change in every tenth table).
//!
//! Each figure is the best of `MIGRATE_BENCH_ROUNDS` (default 3) runs; `MIGRATE_BENCH_COUNT`
//! changes the number of tables.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use migrate::Connection;
use migrate::schema::{Column, ColumnType, Dialect, DiffOptions, SchemaModel, diff, normalize};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|c| c.parse().ok()).unwrap_or(default)
}

/// Table `i`: ten columns, a foreign key to the table before it, two indexes.
fn table_sql(i: usize, dialect: Dialect) -> Vec<String> {
    let text = if dialect == Dialect::MySql { "varchar(1000)" } else { "text" };
    let parent = if i == 0 { 0 } else { i - 1 };
    vec![
        format!(
            "CREATE TABLE t{i} (id bigint NOT NULL PRIMARY KEY, parent_id bigint, name varchar(100) NOT NULL, \
             email varchar(255), score integer NOT NULL DEFAULT 0, active boolean NOT NULL DEFAULT true, \
             note {text}, price decimal(10,2), born date, created_at timestamp NULL, \
             CONSTRAINT t{i}_parent_fkey FOREIGN KEY (parent_id) REFERENCES t{parent} (id) ON DELETE CASCADE)"
        ),
        format!("CREATE INDEX t{i}_name ON t{i} (name)"),
        format!("CREATE UNIQUE INDEX t{i}_email ON t{i} (email, score)"),
    ]
}

struct Db {
    dialect: Dialect,
    url: String,
    name: String,
    admin: Option<String>,
}

async fn create(dialect: Dialect, tables: usize) -> Option<Db> {
    let name = format!("migrate_bench_introspect_{}", std::process::id());
    let (url, admin) = match dialect {
        Dialect::Sqlite => {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            let _ = std::fs::remove_file(&file);
            (format!("sqlite://{}", file.display()), None)
        }
        _ => {
            let var = if dialect == Dialect::Postgres { "MIGRATE_TEST_POSTGRES_URL" } else { "MIGRATE_TEST_MYSQL_URL" };
            let admin = std::env::var(var).ok()?;
            let mut c = Connection::connect(&admin).await.unwrap();
            c.execute(&format!("DROP DATABASE IF EXISTS {name}")).await.unwrap();
            c.execute(&format!("CREATE DATABASE {name}")).await.unwrap();
            let _ = c.close().await;
            let (base, _) = admin.rsplit_once('/').unwrap();
            (format!("{base}/{name}"), Some(admin))
        }
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    for i in 0..tables {
        for sql in table_sql(i, dialect) {
            conn.execute(&sql).await.unwrap();
        }
    }
    let _ = conn.close().await;
    Some(Db { dialect, url, name, admin })
}

impl Db {
    async fn drop(self) {
        match self.admin {
            Some(admin) => {
                let mut c = Connection::connect(&admin).await.unwrap();
                c.execute(&format!("DROP DATABASE IF EXISTS {}", self.name)).await.unwrap();
                let _ = c.close().await;
            }
            None => {
                let _ = std::fs::remove_file(self.url.trim_start_matches("sqlite://"));
            }
        }
    }

    /// The database's own schema dump, as a command.
    fn dump(&self) -> Command {
        match self.dialect {
            Dialect::Sqlite => {
                let mut c = Command::new("sqlite3");
                c.arg(self.url.trim_start_matches("sqlite://")).arg(".schema");
                c
            }
            Dialect::Postgres => {
                let mut c = Command::new("pg_dump");
                c.arg("--schema-only").arg(&self.url);
                c
            }
            Dialect::MySql => {
                let rest = self.url.trim_start_matches("mysql://");
                let (auth, host) = rest.split_once('@').unwrap();
                let (hostport, db) = host.split_once('/').unwrap();
                let (h, port) = hostport.split_once(':').unwrap_or((hostport, "3306"));
                let (user, password) = auth.split_once(':').unwrap_or((auth, ""));
                let mut c = Command::new("mysqldump");
                c.args(["--no-data", "-h", h, "-P", port, "-u", user]);
                if !password.is_empty() {
                    c.arg(format!("-p{password}"));
                }
                c.arg(db);
                c
            }
        }
    }
}

fn best<F: FnMut() -> Duration>(rounds: usize, mut f: F) -> Duration {
    (0..rounds).map(|_| f()).min().unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn introspection(dialect: Dialect, tables: usize, rounds: usize) -> Option<SchemaModel> {
    let db = create(dialect, tables).await?;
    let mut conn = Connection::connect(&db.url).await.unwrap();
    let mut model = SchemaModel::new();
    let mut ours = Duration::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        model = conn.introspect().await.unwrap();
        ours = ours.min(t.elapsed());
    }
    let _ = conn.close().await;
    assert_eq!(model.tables.len(), tables, "{dialect}: every table read");
    let dump = best(rounds, || {
        let t = Instant::now();
        let out = db.dump().stdout(Stdio::piped()).stderr(Stdio::piped()).output().expect("the dump tool runs");
        assert!(out.status.success(), "{dialect}: {}", String::from_utf8_lossy(&out.stderr));
        t.elapsed()
    });
    println!(
        "{dialect:<10} introspect {tables} tables: {:>8.1} ms   dump tool: {:>8.1} ms   ratio {:.2}x",
        ms(ours),
        ms(dump),
        ours.as_secs_f64() / dump.as_secs_f64()
    );
    db.drop().await;
    Some(model)
}

fn diffs(model: &SchemaModel, rounds: usize) {
    let mut changed = model.clone();
    for t in changed.tables.iter_mut().step_by(10) {
        t.columns.push(Column { nullable: true, ..Column::new("extra", ColumnType::Int) });
        t.indexes.retain(|i| !i.name.ends_with("_name"));
    }
    let options = DiffOptions::default();
    let mut changes = 0;
    let plain = best(rounds, || {
        let t = Instant::now();
        changes = diff(model, &changed, &options).unwrap().changes.len();
        t.elapsed()
    });
    let normalised = best(rounds, || {
        let t = Instant::now();
        normalize::diff_in(Dialect::Postgres, model, &changed, &options).unwrap();
        t.elapsed()
    });
    println!(
        "diff of two {}-table models ({changes} changes): {:.1} ms; normalised for a dialect first: {:.1} ms (target < 50 ms)",
        model.tables.len(),
        ms(plain),
        ms(normalised)
    );
}

#[tokio::main]
async fn main() {
    let (tables, rounds) = (env_usize("MIGRATE_BENCH_COUNT", 1000), env_usize("MIGRATE_BENCH_ROUNDS", 3));
    let mut last = None;
    for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::MySql] {
        if let Some(model) = introspection(dialect, tables, rounds).await {
            last = Some(model);
        } else {
            println!("{dialect:<10} skipped: no URL set");
        }
    }
    if let Some(model) = last {
        diffs(&model, rounds);
    }
}
