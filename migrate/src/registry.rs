//! The registry of Rust migrations, collected at link time through `inventory`.

use crate::error::{Error, Result};
use crate::tx::Tx;
use migrate_schema::{Op, Schema, checksum_ops};
use std::future::Future;
use std::pin::Pin;

/// A boxed future, as async migrations return it.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The function behind a migration.
#[derive(Clone, Copy)]
pub enum MigrationFn {
    /// Records schema operations.
    Schema(fn(&mut Schema)),
    /// Runs against the database.
    Async(for<'a, 'b> fn(&'a mut Tx<'b>) -> BoxFuture<'a, Result<()>>),
}

impl std::fmt::Debug for MigrationFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            MigrationFn::Schema(_) => "Schema(fn)",
            MigrationFn::Async(_) => "Async(fn)",
        })
    }
}

/// A migration registered by `#[migration]`. Built by the macro; read it through
/// [`registered`].
#[derive(Debug, Clone, Copy)]
pub struct RustMigration {
    /// Version, unique across the binary.
    pub version: u64,
    /// Human name.
    pub name: &'static str,
    /// What it does.
    pub up: MigrationFn,
    /// An explicit down, if given.
    pub down: Option<MigrationFn>,
    /// Whether it runs in a transaction.
    pub transaction: bool,
    /// Whether rolling it back is a no-op by design.
    pub irreversible: bool,
    /// Risk rules the migration accepts (`allow_risk = "drop-column, rename-column"`):
    /// `up` does not refuse it for them.
    pub allow_risk: &'static str,
    /// Versions it depends on (`depends_on = [12, 15]`), all lower than its own.
    pub depends_on: &'static [u64],
    /// A squash's first and last replaced versions (`replaces = 1..=50`), the last being
    /// its own.
    pub replaces: Option<(u64, u64)>,
    /// Checksum of an async migration's body tokens (empty for schema migrations).
    pub body_checksum: &'static str,
    /// Source file.
    pub file: &'static str,
    /// Source line.
    pub line: u32,
    /// Module path.
    pub module: &'static str,
}

inventory::collect!(RustMigration);

/// The operations a schema function records.
pub(crate) fn recorded(f: fn(&mut Schema)) -> Vec<Op> {
    let mut s = Schema::new();
    f(&mut s);
    s.into_ops()
}

impl RustMigration {
    /// `file:line`.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// The operations a schema migration records (empty for async migrations).
    pub fn ops(&self) -> Vec<Op> {
        match self.up {
            MigrationFn::Schema(f) => recorded(f),
            MigrationFn::Async(_) => Vec::new(),
        }
    }

    /// SHA-256 of the canonical form of what it does: its operations for a schema
    /// migration, its body's tokens for an async one (see `migrate_schema::checksum_ops`).
    pub fn checksum(&self) -> String {
        let own = match self.up {
            MigrationFn::Schema(_) => checksum_ops(&self.ops()),
            MigrationFn::Async(_) => self.body_checksum.to_owned(),
        };
        // Dependencies change what may run before it, and a squash's range what it stands
        // for: they count, as a SQL file's do.
        let own = match self.depends_on {
            [] => own,
            deps => {
                let deps: Vec<String> = deps.iter().map(u64::to_string).collect();
                migrate_schema::hex_sha256(&["migrate-rust-deps-v1\n", &own, "\n", &deps.join(",")])
            }
        };
        match self.replaces {
            None => own,
            Some((first, last)) => {
                migrate_schema::hex_sha256(&["migrate-rust-replaces-v1\n", &own, &format!("\n{first}..{last}")])
            }
        }
    }

    /// `"rust"`.
    pub fn kind(&self) -> &'static str {
        "rust"
    }
}

/// Every migration linked into this binary, sorted by version.
///
/// Duplicate versions across crates are an error naming both places (within one crate
/// they do not compile).
pub fn registered() -> Result<Vec<&'static RustMigration>> {
    let mut all: Vec<&'static RustMigration> = inventory::iter::<RustMigration>.into_iter().collect();
    all.sort_by_key(|m| (m.version, m.file, m.line));
    if let Some(pair) = all.windows(2).find(|w| w[0].version == w[1].version) {
        let place = |m: &RustMigration| format!("{} at {}", m.name, m.location());
        return Err(Error::DuplicateVersion {
            version: pair[0].version,
            first: place(pair[0]),
            second: place(pair[1]),
        });
    }
    Ok(all)
}

/// The message for a binary that expected migrations and found none linked.
pub(crate) const NONE_LINKED: &str = "no migrations found: no Rust migrations are linked into this binary and the \
migrations directory has no .sql files. If your migrations live in your library crate, make sure the binary names it, \
e.g. `use my_app as _;` in src/bin/migrate.rs, so that the linker keeps them; SQL files are read from `migrations/` \
or `--migrations DIR`";
