//! Seeds: reference data, development data sets and fixtures, written as `#[seed]` Rust
//! functions through a typed row builder or as files in `seeds/` (SQL, JSON, CSV).
//!
//! A seed runs in the environments it names, once the migration it needs (`after`) is
//! applied. Every row it writes is upserted on a key, so running it again changes nothing;
//! a seed whose content changed runs again. The seed tables (named after the history
//! table: `schema_migrations_seeds`, `schema_migrations_seed_rows`) keep what ran, and per
//! row what the seed inserted and what it replaced, so that rolling a seed back removes
//! exactly the rows it inserted and puts back the values it overwrote, refusing where the
//! rows changed since.
//!
//! ```rust,standalone_crate
//! use migrate::prelude::*;
//!
//! #[seed(name = "roles", env = ["dev", "test", "prod"], after = 1)]
//! fn roles(s: &mut Seeds) {
//!     s.upsert("roles").key(["name"]).row(|r| r.set("name", "admin").set("level", 10));
//! }
//! # fn main() {}
//! ```

mod builder;
pub(crate) mod check;
mod files;
pub(crate) mod render;
mod report;
pub(crate) mod store;
mod value;
pub(crate) mod write;

pub use builder::{Mode, Row, Seeds, TableRows};
pub use files::load_dir;
pub use report::{SeedDone, SeedOptions, SeedReport, SeedRows, SeedStatus, SeedUndone};
pub use value::{Column, ColumnName, IntoTyped, SeedValue, SetColumn};

use crate::error::{Error, Result};

/// A seed registered by `#[seed]`. Built by the macro; read it through [`registered`].
#[derive(Debug, Clone, Copy)]
pub struct RustSeed {
    /// Unique across the binary.
    pub name: &'static str,
    /// The environments it runs in (empty: every one).
    pub env: &'static [&'static str],
    /// The migration it needs applied first.
    pub after: Option<u64>,
    /// The function recording its rows.
    pub build: fn(&mut Seeds),
    /// Source file.
    pub file: &'static str,
    /// Source line.
    pub line: u32,
}

inventory::collect!(RustSeed);

/// Every seed linked into this binary, by name; two with one name are an error naming both.
pub fn registered() -> Result<Vec<&'static RustSeed>> {
    let mut all: Vec<&'static RustSeed> = inventory::iter::<RustSeed>.into_iter().collect();
    all.sort_by_key(|s| (s.name, s.file, s.line));
    if let Some(pair) = all.windows(2).find(|w| w[0].name == w[1].name) {
        return Err(Error::Config(format!(
            "two seeds are named `{}`: at {}:{} and at {}:{}; rename one",
            pair[0].name, pair[0].file, pair[0].line, pair[1].file, pair[1].line
        )));
    }
    Ok(all)
}

/// What a seed is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeedKind {
    /// A `#[seed]` function.
    Rust,
    /// A `.sql` file.
    Sql,
    /// A `.json` file.
    Json,
    /// A `.csv` file.
    Csv,
}

impl SeedKind {
    /// `rust`, `sql`, `json` or `csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            SeedKind::Rust => "rust",
            SeedKind::Sql => "sql",
            SeedKind::Json => "json",
            SeedKind::Csv => "csv",
        }
    }
}

/// What a seed does.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// Rows per table (Rust, JSON, CSV); `from_text` when every value is text to be read as
    /// the column's type (CSV).
    Rows { seeds: Seeds, from_text: bool },
    /// Statements, and the keys of the tables they write, by which the rows they insert and
    /// update are found.
    Sql { text: String, line: usize, keys: Vec<(String, Vec<String>)> },
}

/// One seed: a `#[seed]` function or a file of `seeds/`.
#[derive(Debug, Clone)]
pub struct Seed {
    pub(crate) name: String,
    pub(crate) kind: SeedKind,
    pub(crate) env: Vec<String>,
    pub(crate) after: Option<u64>,
    pub(crate) origin: String,
    pub(crate) checksum: String,
    pub(crate) body: Body,
}

impl Seed {
    pub(crate) fn new(
        name: String,
        kind: SeedKind,
        env: Vec<String>,
        after: Option<u64>,
        origin: String,
        body: Body,
    ) -> Seed {
        let checksum = checksum(&env, after, &body);
        Seed { name, kind, env, after, origin, checksum, body }
    }

    /// The seed of a `#[seed]` function: its rows, recorded now.
    pub fn of(seed: &RustSeed) -> Seed {
        let mut rows = Seeds::new();
        (seed.build)(&mut rows);
        let env = seed.env.iter().map(|e| (*e).to_owned()).collect();
        let origin = format!("{}:{}", seed.file, seed.line);
        Seed::new(
            seed.name.to_owned(),
            SeedKind::Rust,
            env,
            seed.after,
            origin,
            Body::Rows { seeds: rows, from_text: false },
        )
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What it is written in.
    pub fn kind(&self) -> SeedKind {
        self.kind
    }

    /// The environments it runs in; empty when it runs in every one.
    pub fn env(&self) -> &[String] {
        &self.env
    }

    /// The migration it needs applied first.
    pub fn after(&self) -> Option<u64> {
        self.after
    }

    /// Where it is defined (`file:line` or the file).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// SHA-256 of what it writes (its rows, or its statements without comments and
    /// formatting) and of its settings: a seed whose checksum changed runs again.
    pub fn checksum(&self) -> &str {
        &self.checksum
    }

    /// Whether it runs in environment `env`.
    pub fn runs_in(&self, env: &str) -> bool {
        self.env.is_empty() || self.env.iter().any(|e| e.eq_ignore_ascii_case(env))
    }
}

fn checksum(env: &[String], after: Option<u64>, body: &Body) -> String {
    use sha2::Digest;
    /// Serialised rows go straight into the hash.
    struct Hashing<'a>(&'a mut sha2::Sha256);
    impl std::io::Write for Hashing<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hash = sha2::Sha256::new();
    hash.update(format!("migrate-seed-v1\nenv={}\nafter={after:?}\n", env.join(",")));
    match body {
        Body::Rows { seeds, from_text } => {
            hash.update(format!("rows from_text={from_text}\n"));
            // Writing into a hash cannot fail, nor can serialising these types.
            let _ = serde_json::to_writer(Hashing(&mut hash), seeds);
        }
        Body::Sql { text, keys, .. } => {
            hash.update(format!("sql keys={keys:?}\n{}", migrate_schema::canonical_sql(text)));
        }
    }
    format!("{:x}", hash.finalize())
}

/// `seeds`, of which no two have one name (the seed tables know a seed by its name).
pub(crate) fn distinct(seeds: Vec<Seed>) -> Result<Vec<Seed>> {
    for (i, a) in seeds.iter().enumerate() {
        if let Some(b) = seeds[i + 1..].iter().find(|b| b.name == a.name) {
            return Err(Error::Config(format!(
                "two seeds are named `{}`: {} and {}; rename one (`-- Seed: name` in a SQL file, `\"$seed\": {{\"name\": ...}}` in JSON)",
                a.name, a.origin, b.origin
            )));
        }
    }
    Ok(seeds)
}
