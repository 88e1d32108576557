//! One step from the flags, the environment, `migrate.toml` and the binary's defaults to
//! the configuration every command runs with: a flag beats an environment variable, which
//! beats the file, which beats the defaults. Nothing here touches a database.

use super::Defaults;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::{Migrator, Options};
use std::path::PathBuf;
use std::time::Duration;

/// The flags every command takes.
#[derive(clap::Args, Debug)]
pub(super) struct Global {
    /// Database URL: postgres://…, mysql://…, sqlite://path.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub(super) database_url: Option<String>,
    /// Directory of SQL migration files.
    #[arg(long, global = true)]
    pub(super) migrations: Option<PathBuf>,
    /// Settings file (default: `migrate.toml` in the working directory, if there is one).
    #[arg(long, global = true)]
    pub(super) config: Option<PathBuf>,
    /// The environment: which seeds run, and the `[env.NAME]` section of the settings
    /// file, if it has sections [default: `environment` in the settings, else dev].
    #[arg(long, env = "MIGRATE_ENV", global = true)]
    pub(super) env: Option<String>,
    /// Print exactly one JSON document on stdout.
    #[arg(long, global = true)]
    pub(super) json: bool,
    /// Never ask for confirmation.
    #[arg(long, short = 'y', global = true)]
    pub(super) yes: bool,
    /// Seconds to wait for the migration lock [default: 60].
    #[arg(long, global = true)]
    pub(super) lock_timeout: Option<u64>,
    /// The history table's name; the audit, lock and kept-row tables are named after it
    /// [default: schema_migrations].
    #[arg(long, global = true, value_name = "NAME")]
    pub(super) history_table: Option<String>,
    /// Minutes after which a held lock is reported as stale [default: 30].
    #[arg(long, global = true)]
    pub(super) stale_lock_minutes: Option<u64>,
    /// Apply pending versions below the highest applied one.
    #[arg(long, global = true)]
    pub(super) allow_out_of_order: bool,
    /// Go on when applied migrations are no longer available.
    #[arg(long, global = true)]
    pub(super) ignore_missing: bool,
    /// Apply migrations whose risks the settings' `refuse_risk` would refuse.
    #[arg(long, global = true)]
    pub(super) allow_risk: bool,
    /// Go on when migrate.sum does not match the migrations (an emergency; the audit
    /// records it).
    #[arg(long, global = true)]
    pub(super) no_sum_check: bool,
}

/// What a command runs with, resolved and checked.
#[derive(Debug, Clone)]
pub(super) struct Config {
    /// `--json`.
    pub(super) json: bool,
    /// `--yes`.
    pub(super) yes: bool,
    /// The database URL, if one is given anywhere.
    pub(super) url: Option<String>,
    /// Where SQL migrations are read and written.
    pub(super) sql_dir: PathBuf,
    /// SQL files compiled into the binary, used when no directory was chosen.
    embedded: Option<&'static [(&'static str, &'static str)]>,
    /// Where `new` writes Rust migrations.
    pub(super) rust_dir: PathBuf,
    /// Where `schema --rust` writes the typed module.
    pub(super) schema_module: PathBuf,
    /// The engine's options.
    options: Options,
    history_table: Option<String>,
    /// `backup = true`: a backup before every command that changes the schema.
    pub(super) auto_backup: bool,
    /// Where backups go.
    pub(super) backup_dir: PathBuf,
    /// How they are taken.
    pub(super) backup_tool: crate::backup::Tool,
    /// The environment seeds run in.
    pub(super) environment: String,
    /// Where seed files are read.
    pub(super) seeds_dir: PathBuf,
    /// Where `seed new` writes Rust seeds.
    pub(super) rust_seeds_dir: PathBuf,
    /// The settings file: `--config`, else `migrate.toml` (which may not exist).
    pub(super) settings_path: PathBuf,
    /// `--no-sum-check`.
    no_sum_check: bool,
}

impl Config {
    /// Resolve `global` over the settings file over `defaults`.
    pub(super) fn resolve(global: &Global, defaults: Defaults) -> Result<Config> {
        let settings = settings(global)?;
        let settings_path = global.config.clone().unwrap_or_else(|| PathBuf::from(crate::config::FILE_NAME));
        let chosen_dir = global.migrations.clone().or(settings.migrations.clone());
        let options = Options {
            allow_out_of_order: global.allow_out_of_order || settings.allow_out_of_order == Some(true),
            ignore_missing: global.ignore_missing || settings.ignore_missing == Some(true),
            refuse_risk: settings.refuse_risk,
            allow_risk: global.allow_risk,
            discard_dropped: settings.keep_dropped == Some(false),
            lock: crate::LockOptions {
                timeout: Duration::from_secs(global.lock_timeout.or(settings.lock_timeout).unwrap_or(60)),
                stale_after: Duration::from_secs(
                    global.stale_lock_minutes.or(settings.stale_lock_minutes).unwrap_or(30).saturating_mul(60),
                ),
            },
            ..Options::default()
        };
        Ok(Config {
            json: global.json,
            yes: global.yes,
            url: global.database_url.clone().or(settings.database_url).or(defaults.database_url),
            embedded: defaults.embedded_sql.filter(|_| chosen_dir.is_none()),
            sql_dir: chosen_dir.or(defaults.migrations_dir).unwrap_or_else(|| PathBuf::from("migrations")),
            rust_dir: settings.rust_migrations.or(defaults.rust_dir).unwrap_or_else(|| PathBuf::from("src/migrations")),
            schema_module: settings
                .schema_module
                .or(defaults.schema_module)
                .unwrap_or_else(|| PathBuf::from("src/schema.rs")),
            options,
            history_table: global.history_table.clone().or(settings.history_table),
            auto_backup: settings.backup == Some(true),
            backup_dir: settings.backup_dir.unwrap_or_else(|| PathBuf::from("backups")),
            backup_tool: settings.backup_tool.unwrap_or_default(),
            environment: global.env.clone().or(settings.environment).unwrap_or_else(|| "dev".to_owned()),
            seeds_dir: settings.seeds.or(defaults.seeds_dir).unwrap_or_else(|| PathBuf::from("seeds")),
            rust_seeds_dir: settings
                .rust_seeds
                .or(defaults.rust_seeds_dir)
                .unwrap_or_else(|| PathBuf::from("src/seeds")),
            settings_path,
            no_sum_check: global.no_sum_check,
        })
    }

    /// The database URL, or the error that says where to give one.
    pub(super) fn url(&self) -> Result<&str> {
        self.url.as_deref().ok_or_else(|| {
            Error::Config(
                "no database URL: pass --database-url, set DATABASE_URL or write database_url in migrate.toml \
                 (e.g. sqlite://app.db)"
                    .to_owned(),
            )
        })
    }

    /// `None` when migrate.sum (if there is one) lists exactly `migrator`'s migrations;
    /// else an error naming what was added, removed or edited, or with `--no-sum-check`
    /// that list, for the audit.
    pub(super) fn check_sum(&self, migrator: &Migrator) -> Result<Option<String>> {
        let path = crate::sum::path_in(&self.sql_dir);
        let Some(file) = self.read_sum()? else { return Ok(None) };
        let now = crate::sum::Sum::of(migrator.migrations());
        let changes = file.changes(&now);
        if changes.is_empty() {
            return Ok(None);
        }
        let origin = |l: &crate::sum::Line| {
            migrator
                .migrations()
                .iter()
                .find(|m| m.version == l.version)
                .map_or_else(|| format!("V{:03}", l.version), |m| format!("V{:03} ({})", l.version, m.origin))
        };
        let listed: Vec<String> = changes
            .iter()
            .map(|c| match c {
                crate::sum::Change::Added(l) => format!("{} added", origin(l)),
                crate::sum::Change::Removed(l) => format!("V{:03} removed", l.version),
                crate::sum::Change::Edited(l) => format!("{} edited", origin(l)),
            })
            .collect();
        if self.no_sum_check {
            return Ok(Some(format!("--no-sum-check: {} does not match: {}", path.display(), listed.join(", "))));
        }
        Err(Error::Verification(vec![format!(
            "{} does not match the migrations: {}. Run `migrate hash` if these changes are meant (a migration from \
             another branch keeps its place only after `migrate rebase`), or pass --no-sum-check in an emergency",
            path.display(),
            listed.join(", ")
        )]))
    }

    /// migrate.sum, read and checked against its own total, if the project has one. Read
    /// before the migrations: after a merge that conflicted on it, the conflict is what
    /// to hear about, not the two migrations that now share a version.
    pub(super) fn read_sum(&self) -> Result<Option<crate::sum::Sum>> {
        let path = crate::sum::path_in(&self.sql_dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(format!("reading {}", path.display()))(e)),
        };
        crate::sum::Sum::parse(&text)
            .map(Some)
            .map_err(|e| Error::Config(format!("{}:{}: {}", path.display(), e.line, e.message)))
    }

    /// Write migrate.sum for `migrator`'s migrations.
    pub(super) fn write_sum(&self, migrator: &Migrator) -> Result<(PathBuf, crate::sum::Sum)> {
        let path = crate::sum::path_in(&self.sql_dir);
        let sum = crate::sum::Sum::of(migrator.migrations());
        std::fs::create_dir_all(&self.sql_dir).map_err(Error::io(format!("creating {}", self.sql_dir.display())))?;
        std::fs::write(&path, sum.render()).map_err(Error::io(format!("writing {}", path.display())))?;
        Ok((path, sum))
    }

    /// Whether the SQL files are compiled into the binary.
    #[cfg(feature = "ui")]
    pub(super) fn embedded(&self) -> bool {
        self.embedded.is_some()
    }

    /// Whether the project has a migrate.sum.
    pub(super) fn has_sum(&self) -> bool {
        crate::sum::path_in(&self.sql_dir).exists()
    }

    /// Whether `--history-table` or the settings name the history table.
    pub(super) fn history_table_chosen(&self) -> bool {
        self.history_table.is_some()
    }

    /// The migrations (Rust ones linked into this binary, and the SQL files) with these
    /// options.
    pub(super) fn migrator(&self) -> Result<Migrator> {
        self.migrator_with(self.embedded)
    }

    /// [`Config::migrator`] with the SQL files read from the directory even where the
    /// binary embeds them: what `import` just wrote there.
    pub(super) fn migrator_from_dir(&self) -> Result<Migrator> {
        self.migrator_with(None)
    }

    /// A migrator with no migrations and these options and history table: for `import`,
    /// which reads migrations only once it has written them.
    pub(super) fn without_migrations(&self) -> Result<Migrator> {
        let mut migrator = Migrator::new(&[], Vec::new())?;
        migrator.options = self.options;
        if let Some(name) = &self.history_table {
            migrator = migrator.history_table(name)?;
        }
        Ok(migrator)
    }

    fn migrator_with(&self, embedded: Option<&'static [(&'static str, &'static str)]>) -> Result<Migrator> {
        let mut migrator = match embedded {
            Some(files) => Migrator::new(
                &crate::registry::registered()?,
                crate::sql::parse_embedded(files).map_err(|e| Error::File(Box::new(e)))?,
            )?
            .with_rust_seeds(&crate::seed::registered()?),
            None => Migrator::load(Some(&self.sql_dir))?,
        };
        migrator.options = self.options;
        let files = crate::seed::load_dir(&self.seeds_dir).map_err(|e| Error::File(Box::new(e)))?;
        migrator = migrator.with_seeds(files);
        if let Some(name) = &self.history_table {
            migrator = migrator.history_table(name)?;
        }
        Ok(migrator)
    }
}

/// The settings file: `--config`, else `migrate.toml` in the working directory if present.
fn settings(global: &Global) -> Result<Settings> {
    let path = match &global.config {
        Some(path) => path.clone(),
        None => {
            let path = PathBuf::from(crate::config::FILE_NAME);
            if !path.exists() {
                return Ok(Settings::default());
            }
            path
        }
    };
    Settings::load(&path, global.env.as_deref())
}
