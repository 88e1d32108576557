//! The names of the tool's own tables, which every connection carries. Nothing here
//! depends on the rest of the crate, so that the driver, the history and the lock can all
//! use it.

use crate::error::{Error, Result};
use migrate_schema::Dialect;
use sea_query::Alias;

/// The history table's name unless `history_table` says otherwise.
pub(crate) const DEFAULT: &str = "schema_migrations";

/// The names of the tool's own tables: the history table's, and the others after it
/// (`<history>_audit`, `<history>_lock`, `<history>_kept` and the kept-row tables
/// `<history>_kept_<version>_<n>_<time>`, `<history>_seeds`, `<history>_seed_rows`). Every
/// connection carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    /// One row per migration version.
    pub(crate) history: String,
    /// Append-only, one row per action.
    pub(crate) audit: String,
    /// Who holds the migration lock.
    pub(crate) lock: String,
    /// The tables keeping rows of dropped tables and columns.
    pub(crate) kept: String,
    /// One row per seed that ran.
    pub(crate) seeds: String,
    /// What each seed run wrote and replaced.
    pub(crate) seed_rows: String,
    /// The schema (PostgreSQL) or database (MySQL) they are in, read when the lock is
    /// taken: the history is written there even after a migration's `SET search_path` or
    /// `USE other_db` moved the session.
    pub(crate) schema: Option<String>,
}

impl Default for Tables {
    fn default() -> Self {
        Self::after(DEFAULT)
    }
}

impl Tables {
    /// The longest history table name: the kept-row tables add up to 42 characters to it
    /// and PostgreSQL cuts names at 63.
    pub const MAX_LEN: usize = 21;

    /// The tables named after `history`, which must be a plain name (letters, digits and
    /// `_`, not starting with a digit, at most [`Tables::MAX_LEN`] characters).
    ///
    /// ```
    /// assert!(migrate::Tables::named("app_migrations").is_ok());
    /// assert!(migrate::Tables::named("app migrations").is_err());
    /// ```
    pub fn named(history: &str) -> Result<Self> {
        let plain = history.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && history.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !plain || history.len() > Self::MAX_LEN {
            return Err(Error::Config(format!(
                "history_table `{history}`: expected a plain name of at most {} characters (letters, digits, _)",
                Self::MAX_LEN
            )));
        }
        Ok(Self::after(history))
    }

    fn after(history: &str) -> Self {
        Self {
            history: history.to_owned(),
            audit: format!("{history}_audit"),
            lock: format!("{history}_lock"),
            kept: format!("{history}_kept"),
            seeds: format!("{history}_seeds"),
            seed_rows: format!("{history}_seed_rows"),
            schema: None,
        }
    }

    /// `name` (one of these tables) in their schema, where it is known.
    pub(crate) fn at(&self, name: &str) -> sea_query::TableRef {
        use sea_query::IntoTableRef;
        match &self.schema {
            Some(schema) => (Alias::new(schema), Alias::new(name)).into_table_ref(),
            None => Alias::new(name).into_table_ref(),
        }
    }

    /// `name` in their schema, quoted for `dialect`, for SQL text.
    pub(crate) fn quoted(&self, dialect: Dialect, name: &str) -> String {
        let q = |n: &str| dialect.quote(n);
        match &self.schema {
            Some(schema) => format!("{}.{}", q(schema), q(name)),
            None => q(name),
        }
    }

    /// The history table's name.
    pub fn history(&self) -> &str {
        &self.history
    }

    /// Whether `name` is one of these tables, which introspection and diff never report
    /// and migrations may not change (compared without case where `ignore_case`).
    pub(crate) fn is_own(&self, name: &str, ignore_case: bool) -> bool {
        let same = |a: &str, b: &str| if ignore_case { a.eq_ignore_ascii_case(b) } else { a == b };
        [&self.history, &self.audit, &self.lock, &self.kept, &self.seeds, &self.seed_rows]
            .into_iter()
            .any(|t| same(t, name))
            || name.get(..self.kept.len()).is_some_and(|head| same(head, &self.kept))
                && name[self.kept.len()..].starts_with('_')
    }
}

impl Tables {
    /// The PostgreSQL advisory-lock key: per history table, so that two projects sharing a
    /// database do not wait for each other.
    #[cfg(feature = "postgres")]
    pub(crate) fn pg_lock_key(&self) -> i64 {
        if self.history == DEFAULT {
            return 0x6d69_6772;
        }
        let hash = migrate_schema::hex_sha256(&["migrate-lock\n", &self.history]);
        i64::from_str_radix(&hash[..7], 16).unwrap_or(0)
    }

    /// The `GET_LOCK` name on MySQL: per database, since MySQL's named locks are server-wide,
    /// and per history table.
    #[cfg(feature = "mysql")]
    pub(crate) fn mysql_lock_name(&self) -> String {
        // The database the lock was taken in, once known: a migration's `USE` moves DATABASE().
        let database = match &self.schema {
            Some(db) => format!("'{}'", db.replace('\\', "\\\\").replace('\'', "''")),
            None => "DATABASE()".to_owned(),
        };
        match self.history.as_str() {
            DEFAULT => format!("LEFT(CONCAT('migrate.', {database}), 64)"),
            other => format!("LEFT(CONCAT('migrate.', {database}, '.{other}'), 64)"),
        }
    }
}
