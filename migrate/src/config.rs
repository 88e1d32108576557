//! `migrate.toml`: a project's settings, so that nobody types the same flags twice.
//!
//! ```toml
//! database_url = "sqlite://app.db"
//! migrations = "migrations"          # SQL files, relative to this file
//! lock_timeout = 60                  # seconds
//!
//! [env.production]
//! database_url = "${PRODUCTION_DATABASE_URL}"
//! lock_timeout = 300
//! refuse_risk = "high"               # `up` refuses high-risk migrations (see `plan`)
//! backup = true                      # back up before up, down, redo, reset, fresh
//! keep_dropped = true                # rows of dropped tables and columns kept for `down` (default)
//! backup_tool = "builtin"            # logical dump through the connection, not pg_dump/mysqldump
//! environment = "production"         # what seeds run as (`seed run`), unless --env says otherwise
//! ```
//!
//! A flag beats an environment variable (`DATABASE_URL`), which beats the file, which beats
//! the binary's own defaults. `--env NAME` (or `MIGRATE_ENV`) layers `[env.NAME]` over the
//! top-level keys. `${VAR}` in `database_url` reads the environment, so that passwords stay
//! out of the file. Unknown keys are errors: a misspelt setting is never silently ignored.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file looked for in the working directory when `--config` is not given.
pub const FILE_NAME: &str = "migrate.toml";

/// Settings from `migrate.toml`, after the environment's section is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `postgres://…`, `mysql://…` or `sqlite://path`; `${VAR}` is read from the environment.
    pub database_url: Option<String>,
    /// Directory of SQL migration files (relative to the file).
    pub migrations: Option<PathBuf>,
    /// Where `migrate new` writes Rust migrations (relative to the file).
    pub rust_migrations: Option<PathBuf>,
    /// Seconds to wait for the migration lock.
    pub lock_timeout: Option<u64>,
    /// The history table's name [default: `schema_migrations`]; the audit, lock and
    /// kept-row tables are named after it.
    pub history_table: Option<String>,
    /// Minutes after which a held lock is reported as stale.
    pub stale_lock_minutes: Option<u64>,
    /// Apply pending versions below the highest applied one.
    pub allow_out_of_order: Option<bool>,
    /// Go on when applied migrations are no longer available.
    pub ignore_missing: Option<bool>,
    /// Back the database up before `up`, `down`, `redo`, `reset` and `fresh`.
    pub backup: Option<bool>,
    /// Where `migrate schema --rust` writes the typed schema module (relative to the file)
    /// [default: `src/schema.rs`].
    pub schema_module: Option<PathBuf>,
    /// Where backups go (relative to the file) [default: `backups`].
    pub backup_dir: Option<PathBuf>,
    /// Before a migration drops a table or column, copy its rows into a table of their own
    /// that rolling it back puts back [default: true].
    pub keep_dropped: Option<bool>,
    /// `auto` (`pg_dump`/`mysqldump` when installed, else the built-in logical dump) or
    /// `builtin` [default: auto].
    #[serde(default, deserialize_with = "tool")]
    pub backup_tool: Option<crate::backup::Tool>,
    /// `up` refuses migrations with a risk at this level or above (`low`, `medium`,
    /// `high`) unless the migration accepts it or `--allow-risk` is given.
    #[serde(default, deserialize_with = "level")]
    pub refuse_risk: Option<migrate_schema::risk::Level>,
    /// The environment seeds run in when neither `--env` nor `MIGRATE_ENV` names one
    /// [default: `dev`].
    pub environment: Option<String>,
    /// Where seed files are read (relative to the file) [default: `seeds`].
    pub seeds: Option<PathBuf>,
    /// Where `migrate seed new` writes Rust seeds (relative to the file) [default: `src/seeds`].
    pub rust_seeds: Option<PathBuf>,
    /// `[env.NAME]` sections (only at the top level of the file).
    #[serde(default)]
    env: BTreeMap<String, Settings>,
}

impl Settings {
    /// Read `path` and apply the section of `env`, if any. Paths in the file become
    /// relative to its directory; `${VAR}` in the URL is expanded.
    pub fn load(path: &Path, env: Option<&str>) -> Result<Settings> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::Config(format!("reading {}: {e}", path.display())))?;
        Settings::parse(&text, path, env)
    }

    /// [`Settings::load`] on text already read; `path` names it in errors and anchors
    /// relative paths.
    ///
    /// ```
    /// use migrate::config::Settings;
    /// use std::path::Path;
    ///
    /// let text = "database_url = \"sqlite://dev.db\"\n[env.ci]\ndatabase_url = \"sqlite://ci.db\"\n";
    /// let ci = Settings::parse(text, Path::new("migrate.toml"), Some("ci")).unwrap();
    /// assert_eq!(ci.database_url.as_deref(), Some("sqlite://ci.db"));
    ///
    /// let typo = Settings::parse("databse_url = \"x\"", Path::new("migrate.toml"), None);
    /// assert!(typo.unwrap_err().to_string().contains("databse_url"));
    /// ```
    pub fn parse(text: &str, path: &Path, env: Option<&str>) -> Result<Settings> {
        let mut settings: Settings = toml::from_str(text).map_err(|e| Error::Config(located(path, text, &e)))?;
        let sections = std::mem::take(&mut settings.env);
        if let Some((name, _)) = sections.iter().find(|(_, s)| !s.env.is_empty()) {
            return Err(Error::Config(format!("{}: [env.{name}] cannot hold env sections", path.display())));
        }
        // A file without sections serves every environment (seeds name environments too);
        // a file with sections names each one, so that a misspelt `--env` is an error.
        if let Some(name) = env.filter(|_| !sections.is_empty()) {
            let section = sections.get(name).ok_or_else(|| {
                let known: Vec<&str> = sections.keys().map(String::as_str).collect();
                Error::Config(format!(
                    "{}: no [env.{name}] section (sections: {}); add an empty `[env.{name}]` if the top-level \
                     settings serve it",
                    path.display(),
                    known.join(", ")
                ))
            })?;
            settings = settings.overlay(section.clone());
        }
        if let Some(url) = &settings.database_url {
            settings.database_url = Some(expand(url).map_err(|m| Error::Config(format!("{}: {m}", path.display())))?);
        }
        let base = path.parent().unwrap_or(Path::new(""));
        settings.migrations = settings.migrations.map(|p| base.join(p));
        settings.rust_migrations = settings.rust_migrations.map(|p| base.join(p));
        settings.backup_dir = settings.backup_dir.map(|p| base.join(p));
        settings.schema_module = settings.schema_module.map(|p| base.join(p));
        settings.seeds = settings.seeds.map(|p| base.join(p));
        settings.rust_seeds = settings.rust_seeds.map(|p| base.join(p));
        Ok(settings)
    }

    fn overlay(self, over: Settings) -> Settings {
        Settings {
            database_url: over.database_url.or(self.database_url),
            migrations: over.migrations.or(self.migrations),
            rust_migrations: over.rust_migrations.or(self.rust_migrations),
            lock_timeout: over.lock_timeout.or(self.lock_timeout),
            history_table: over.history_table.or(self.history_table),
            stale_lock_minutes: over.stale_lock_minutes.or(self.stale_lock_minutes),
            allow_out_of_order: over.allow_out_of_order.or(self.allow_out_of_order),
            ignore_missing: over.ignore_missing.or(self.ignore_missing),
            refuse_risk: over.refuse_risk.or(self.refuse_risk),
            backup: over.backup.or(self.backup),
            backup_dir: over.backup_dir.or(self.backup_dir),
            schema_module: over.schema_module.or(self.schema_module),
            keep_dropped: over.keep_dropped.or(self.keep_dropped),
            backup_tool: over.backup_tool.or(self.backup_tool),
            environment: over.environment.or(self.environment),
            seeds: over.seeds.or(self.seeds),
            rust_seeds: over.rust_seeds.or(self.rust_seeds),
            env: BTreeMap::new(),
        }
    }
}

fn level<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<migrate_schema::risk::Level>, D::Error> {
    let text = String::deserialize(d)?;
    migrate_schema::risk::Level::parse(&text)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("refuse_risk must be low, medium or high, not {text:?}")))
}

fn tool<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<crate::backup::Tool>, D::Error> {
    let text = String::deserialize(d)?;
    crate::backup::Tool::parse(&text)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("backup_tool must be auto or builtin, not {text:?}")))
}

/// `path:line:column: message` for a TOML error.
fn located(path: &Path, text: &str, e: &toml::de::Error) -> String {
    let message = e.message();
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("{}:{line}:{column}: {message}", path.display())
        }
        None => format!("{}: {message}", path.display()),
    }
}

/// Replace each `${VAR}` with the variable's value; an unset variable is an error.
fn expand(text: &str) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}').ok_or_else(|| format!("unclosed `${{` in `{text}`"))?;
        let name = &after[..end];
        let value = std::env::var(name).map_err(|_| format!("database_url uses ${{{name}}}, which is not set"))?;
        out.push_str(&value);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse(text: &str, env: Option<&str>) -> Result<Settings> {
        Settings::parse(text, Path::new("proj/migrate.toml"), env)
    }

    #[test]
    fn sections_overlay_the_top_level_and_paths_follow_the_file() {
        let text = "migrations = \"db/sql\"\nlock_timeout = 5\n[env.prod]\nlock_timeout = 300\n";
        let top = parse(text, None).unwrap();
        assert_eq!(top.lock_timeout, Some(5));
        assert_eq!(top.migrations, Some(PathBuf::from("proj/db/sql")));
        let prod = parse(text, Some("prod")).unwrap();
        assert_eq!(prod.lock_timeout, Some(300));
        assert_eq!(prod.migrations, Some(PathBuf::from("proj/db/sql")));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = parse("lock_timeout = 5\nlock_timout = 6\n", None).unwrap_err().to_string();
        assert!(e.starts_with("proj/migrate.toml:2:1:"), "{e}");
        assert!(e.contains("lock_timout"), "{e}");
        let e = parse("lock_timeout = \"soon\"\n", None).unwrap_err().to_string();
        assert!(e.starts_with("proj/migrate.toml:1:"), "{e}");
        let e = parse("[env.dev]\n", Some("prod")).unwrap_err().to_string();
        assert!(e.contains("no [env.prod] section (sections: dev)"), "{e}");
    }

    #[test]
    fn urls_read_the_environment() {
        assert_eq!(expand("sqlite://a.db").unwrap(), "sqlite://a.db");
        let path = std::env::var("PATH").unwrap();
        assert_eq!(expand("x${PATH}y").unwrap(), format!("x{path}y"));
        assert!(expand("${MIGRATE_SURELY_UNSET_VARIABLE}").unwrap_err().contains("is not set"));
        assert!(expand("${PATH").unwrap_err().contains("unclosed"));
    }
}
