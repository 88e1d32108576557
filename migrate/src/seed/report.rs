//! What seed runs and rollbacks take and report, and where a seed stands.

use super::SeedKind;

/// What a seed run does.
#[derive(Debug, Clone, Default)]
pub struct SeedOptions {
    /// The environment (`dev`, `test`, `prod`, ...): seeds that name others do not run.
    pub env: String,
    /// Only these seeds (empty: every one of the environment).
    pub only: Vec<String>,
    /// Run them and roll everything back: the report says what they would do.
    pub dry_run: bool,
    /// Run the seeds of `only` whatever environments they name (`#[migrate::test(seeds =
    /// [...])]`).
    pub any_env: bool,
    /// Run seeds again even when they did not change since they last ran.
    pub force: bool,
}

impl SeedOptions {
    /// Every seed of environment `env`.
    ///
    /// ```
    /// let options = migrate::seed::SeedOptions::env("dev");
    /// assert_eq!(options.env, "dev");
    /// ```
    pub fn env(env: &str) -> Self {
        Self { env: env.to_owned(), ..Self::default() }
    }
}

/// A seed that ran.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SeedDone {
    /// Its name.
    pub name: String,
    /// What it is written in.
    pub kind: SeedKind,
    /// Rows it inserted.
    pub inserted: u64,
    /// Rows it updated (rows that held other values).
    pub updated: u64,
    /// How long it took.
    pub execution_ms: i64,
    /// It had run before, and changed since.
    pub rerun: bool,
}

/// A seed rolled back.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SeedUndone {
    /// Its name.
    pub name: String,
    /// Rows it had inserted, deleted.
    pub deleted: u64,
    /// Rows it had updated, put back.
    pub restored: u64,
}

/// What a seed run or rollback did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SeedReport {
    /// The environment.
    pub env: String,
    /// Seeds that ran, in order.
    pub applied: Vec<SeedDone>,
    /// Seeds left alone: they ran before and did not change.
    pub unchanged: Vec<String>,
    /// Seeds waiting for the migration they need (`after`).
    pub waiting: Vec<String>,
    /// Seeds of other environments.
    pub other_env: Vec<String>,
    /// Seeds rolled back, in order.
    pub rolled_back: Vec<SeedUndone>,
    /// Everything was rolled back at the end (`--dry-run`).
    pub dry_run: bool,
}

/// A seed and where it stands.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SeedStatus {
    /// Its name.
    pub name: String,
    /// What it is written in (`rust`, `sql`, `json`, `csv`).
    pub kind: String,
    /// The environments it runs in (empty: every one).
    pub env: Vec<String>,
    /// `applied`, `changed` (ran, then changed), `pending`, `waiting` (for its `after`
    /// migration), `other_env`, or `missing` (ran, no longer available).
    pub status: String,
    /// Its checksum now (the recorded one when missing).
    pub checksum: String,
    /// When it last ran.
    pub applied_at: Option<String>,
    /// What its last run wrote.
    pub rows: Option<SeedRows>,
    /// The migration it needs.
    pub after: Option<u64>,
}

/// How many rows a seed's last run inserted and updated.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct SeedRows {
    /// Inserted.
    pub inserted: i64,
    /// Updated.
    pub updated: i64,
}
