//! Running seeds: which ones run (their environment, the migration they need, whether they
//! changed since they last ran), every one of them checked against the database's schema
//! before the first writes anything, then each in a transaction of its own with its rows in
//! the seed tables, under the migration lock. `--dry-run` runs them all in one transaction
//! and rolls it back. Also where every seed stands (`seed status`).

use super::super::{Direction, Event, released};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::seed::check::{self, Group, Keyed};
use crate::seed::store::{self, Recorded, Run};
use crate::seed::write::{self, Counts, Writing};
use crate::seed::{Body, Seed, SeedDone, SeedOptions, SeedReport, SeedRows, SeedStatus};
use crate::{Migrator, history, lock};
use std::time::Instant;

/// Whether the migration `after` names is applied.
fn ready(seed: &Seed, rows: &[history::HistoryRow]) -> bool {
    match seed.after {
        None => true,
        Some(v) => {
            let applied = |r: &&history::HistoryRow| r.status == history::status::APPLIED;
            rows.iter().filter(applied).any(|r| r.version == v)
                || history::highest_applied(rows).is_some_and(|h| h >= v)
        }
    }
}

/// What a seed is checked into before anything runs.
enum Checked {
    Rows(Vec<Group>),
    Sql(Vec<Keyed>),
}

impl Migrator {
    /// Add seeds (files read with [`load_dir`](crate::seed::load_dir), or `#[seed]` functions
    /// through [`Seed::of`]) to the ones it runs.
    pub fn with_seeds(mut self, seeds: impl IntoIterator<Item = Seed>) -> Self {
        self.file_seeds.extend(seeds);
        self
    }

    /// Run these `#[seed]` functions too ([`registered`](super::registered) gives the ones
    /// linked into the binary; [`Migrator::load`] and [`Migrator::embedded`] add them).
    pub fn with_rust_seeds(mut self, seeds: &[&'static crate::seed::RustSeed]) -> Self {
        self.rust_seeds.extend_from_slice(seeds);
        self
    }

    /// Every seed: the `#[seed]` functions linked in (`load`, `embedded`) and the files,
    /// in the order they run (by `after`, then name); two of one name are an error.
    pub fn seeds(&self) -> Result<Vec<Seed>> {
        let mut all: Vec<Seed> =
            self.rust_seeds.iter().map(|s| Seed::of(s)).chain(self.file_seeds.iter().cloned()).collect();
        all.sort_by(|a, b| (a.after, &a.name).cmp(&(b.after, &b.name)));
        crate::seed::distinct(all)
    }

    /// Run the seeds of `options.env` on `db`, a database URL or an sqlx pool of the
    /// application: reference data at start-up, after [`Migrator::run`].
    ///
    /// ```rust,standalone_crate
    /// use migrate::prelude::*;
    /// use migrate::seed::SeedOptions;
    ///
    /// #[seed(name = "roles", after = 1)]
    /// fn roles(s: &mut Seeds) {
    ///     s.upsert("roles").row(|r| r.set("name", "admin").set("level", 100));
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> migrate::Result<()> {
    /// let files = [("migrations/V1_20250101000000_roles.sql", "CREATE TABLE roles (name text PRIMARY KEY, level int NOT NULL);")];
    /// let pool = migrate::sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await?;
    /// let migrator = migrate::Migrator::embedded(&files)?;
    /// migrator.run(&pool).await?;
    /// let report = migrator.seed(&pool, &SeedOptions::env("prod")).await?;
    /// assert_eq!(report.applied[0].inserted, 1);
    /// let again = migrator.seed(&pool, &SeedOptions::env("prod")).await?;
    /// assert_eq!(again.unchanged, ["roles"]);
    /// # Ok(()) }
    /// ```
    pub async fn seed(&self, db: impl crate::driver::Database, options: &SeedOptions) -> Result<SeedReport> {
        let mut conn = db.connection().await?;
        let result = self.run_seeds(&mut conn, options).await;
        match &result {
            Ok(_) => {
                let _ = conn.close().await;
            }
            Err(_) => conn.discard().await,
        }
        result
    }

    /// [`Migrator::seed`] on a connection.
    pub async fn run_seeds(&self, conn: &mut Connection, options: &SeedOptions) -> Result<SeedReport> {
        self.bind(conn);
        let seeds = self.seeds()?;
        for name in &options.only {
            if !seeds.iter().any(|s| &s.name == name) {
                let known: Vec<&str> = seeds.iter().map(|s| s.name.as_str()).collect();
                return Err(Error::Config(format!("no seed is named `{name}` (seeds: {})", known.join(", "))));
            }
        }
        let mut report = SeedReport { env: options.env.clone(), dry_run: options.dry_run, ..SeedReport::default() };
        let mut chosen = Vec::new();
        for seed in seeds.into_iter().filter(|s| options.only.is_empty() || options.only.contains(&s.name)) {
            if options.any_env || seed.runs_in(&options.env) {
                chosen.push(seed);
            } else if !options.only.is_empty() {
                return Err(Error::Config(format!(
                    "seed `{}` runs in {}, not in `{}`",
                    seed.name,
                    seed.env.join(", "),
                    options.env
                )));
            } else {
                report.other_env.push(seed.name);
            }
        }
        lock::acquire(conn, self.options.lock).await?;
        let result = self.seeds_locked(conn, chosen, options, report).await;
        released(conn, result).await
    }

    async fn seeds_locked(
        &self,
        conn: &mut Connection,
        seeds: Vec<Seed>,
        options: &SeedOptions,
        mut report: SeedReport,
    ) -> Result<SeedReport> {
        store::ensure(conn).await?;
        let history = history::rows(conn).await?;
        let recorded = store::recorded(conn).await?;
        let mut todo = Vec::new();
        for seed in seeds {
            let last = recorded.iter().find(|r| r.name == seed.name && r.status == store::status::APPLIED);
            if !ready(&seed, &history) {
                report.waiting.push(seed.name);
            } else if last.is_some_and(|r| r.checksum == seed.checksum) && !options.force {
                report.unchanged.push(seed.name);
            } else {
                todo.push(seed);
            }
        }
        if todo.is_empty() {
            return Ok(report);
        }
        let checked = self.check_all(conn, &mut todo).await?;
        if options.dry_run {
            conn.begin().await.map_err(Error::step("starting the dry run"))?;
        }
        for (seed, checked) in todo.iter().zip(&checked) {
            let last = recorded.iter().find(|r| r.name == seed.name);
            match self.one(conn, seed, checked, last, options).await {
                Ok(done) => report.applied.push(done),
                Err(e) => {
                    if options.dry_run {
                        let _ = conn.rollback().await;
                    }
                    return Err(e);
                }
            }
        }
        if options.dry_run {
            conn.rollback().await.map_err(Error::step("rolling the dry run back"))?;
        }
        Ok(report)
    }

    /// Check every seed against the database's schema; every problem of every seed at once.
    /// The rows move into what is checked (a seed of many rows is not copied).
    async fn check_all(&self, conn: &mut Connection, seeds: &mut [Seed]) -> Result<Vec<Checked>> {
        let model = conn.introspect().await?;
        let dialect = conn.dialect();
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for seed in seeds {
            let checked = match &mut seed.body {
                Body::Rows { seeds: rows, from_text } => {
                    let rows = std::mem::take(rows);
                    check::rows(&seed.origin, rows, *from_text, &model, dialect).map(Checked::Rows)
                }
                Body::Sql { keys, .. } => check::keyed(&seed.origin, keys, &model, dialect).map(Checked::Sql),
            };
            match checked {
                Ok(c) => out.push(c),
                Err(p) => problems.push((seed.name.clone(), p)),
            }
        }
        match problems.into_iter().next() {
            None => Ok(out),
            Some((name, p)) => Err(Error::Seed {
                name,
                message: format!("nothing was seeded:\n  - {}", p.join("\n  - ")),
                source: None,
            }),
        }
    }

    /// Run one seed in its transaction (or inside the dry run's), with its rows and its
    /// row in the seed table; a failure rolls it back and is audited.
    async fn one(
        &self,
        conn: &mut Connection,
        seed: &Seed,
        checked: &Checked,
        last: Option<&Recorded>,
        options: &SeedOptions,
    ) -> Result<SeedDone> {
        self.emit(&Event::SeedStarted { direction: Direction::Up, name: &seed.name })?;
        let started = Instant::now();
        let run = last.map_or(1, |r| r.runs + 1);
        if !options.dry_run {
            conn.begin().await.map_err(Error::step(format!("starting seed `{}`", seed.name)))?;
        }
        let result = self.write(conn, seed, checked, run, &options.env).await;
        let ms = super::super::millis(started);
        let result = match result {
            Ok(counts) if !options.dry_run => match conn.commit().await {
                Ok(()) => Ok(counts),
                Err(e) => {
                    Err(Error::Seed { name: seed.name.clone(), message: e.to_string(), source: Some(Box::new(e)) })
                }
            },
            other => other,
        };
        match result {
            Ok(c) => {
                let event = Event::SeedDone {
                    direction: Direction::Up,
                    name: &seed.name,
                    inserted: c.inserted,
                    updated: c.updated,
                    execution_ms: ms,
                };
                let _ = self.emit(&event);
                let rerun = last.is_some_and(|r| r.status == store::status::APPLIED);
                Ok(SeedDone {
                    name: seed.name.clone(),
                    kind: seed.kind,
                    inserted: c.inserted,
                    updated: c.updated,
                    execution_ms: ms,
                    rerun,
                })
            }
            Err(e) => {
                if !options.dry_run {
                    conn.abandon_transaction().await;
                    let _ = store::audit(conn, "seed", &seed.name, "failed", e.to_string(), ms).await;
                }
                let _ =
                    self.emit(&Event::SeedFailed { direction: Direction::Up, name: &seed.name, error: &e.to_string() });
                Err(e)
            }
        }
    }

    async fn write(
        &self,
        conn: &mut Connection,
        seed: &Seed,
        checked: &Checked,
        run: i64,
        env: &str,
    ) -> Result<Counts> {
        let started = Instant::now();
        let w = Writing { seed: &seed.name, run };
        let counts = match (checked, &seed.body) {
            (Checked::Rows(groups), _) => write::rows(conn, &w, groups).await?,
            (Checked::Sql(keyed), Body::Sql { text, line, .. }) => {
                write::sql(conn, &w, &seed.origin, text, *line, keyed).await?
            }
            (Checked::Sql(_), Body::Rows { .. }) => Counts::default(),
        };
        conn.check_foreign_keys().await.map_err(|e| Error::Seed {
            name: seed.name.clone(),
            message: format!("a foreign key does not hold after it: {e}"),
            source: Some(Box::new(e)),
        })?;
        let ms = super::super::millis(started);
        let inserted = i64::try_from(counts.inserted).unwrap_or(i64::MAX);
        let updated = i64::try_from(counts.updated).unwrap_or(i64::MAX);
        let row = Run {
            name: &seed.name,
            kind: seed.kind.as_str(),
            checksum: &seed.checksum,
            env,
            inserted,
            updated,
            status: store::status::APPLIED,
            execution_ms: ms,
            runs: run,
        };
        store::record_run(conn, &row).await?;
        let detail = format!("env {env}, run {run}: inserted {inserted}, updated {updated} ({})", seed.origin);
        store::audit(conn, "seed", &seed.name, "ok", detail, ms).await?;
        Ok(counts)
    }

    /// Where every seed stands in environment `env`.
    pub async fn seed_status(&self, conn: &mut Connection, env: &str) -> Result<Vec<SeedStatus>> {
        self.bind(conn);
        let seeds = self.seeds()?;
        let history = history::rows(conn).await?;
        let recorded = store::recorded(conn).await?;
        let mut out: Vec<SeedStatus> = seeds
            .iter()
            .map(|s| {
                let last = recorded.iter().find(|r| r.name == s.name && r.status == store::status::APPLIED);
                let status = match last {
                    Some(r) if r.checksum == s.checksum => "applied",
                    Some(_) => "changed",
                    None if !s.runs_in(env) => "other_env",
                    None if !ready(s, &history) => "waiting",
                    None => "pending",
                };
                SeedStatus {
                    name: s.name.clone(),
                    kind: s.kind.as_str().to_owned(),
                    env: s.env.clone(),
                    status: status.to_owned(),
                    checksum: s.checksum.clone(),
                    applied_at: last.map(|r| r.applied_at.clone()),
                    rows: last.map(|r| SeedRows { inserted: r.inserted, updated: r.updated }),
                    after: s.after,
                }
            })
            .collect();
        for r in
            recorded.iter().filter(|r| r.status == store::status::APPLIED && !seeds.iter().any(|s| s.name == r.name))
        {
            out.push(SeedStatus {
                name: r.name.clone(),
                kind: r.kind.clone(),
                env: r.env.iter().cloned().collect(),
                status: "missing".to_owned(),
                checksum: r.checksum.clone(),
                applied_at: Some(r.applied_at.clone()),
                rows: Some(SeedRows { inserted: r.inserted, updated: r.updated }),
                after: None,
            });
        }
        Ok(out)
    }
}
