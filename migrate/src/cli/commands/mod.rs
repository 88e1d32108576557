//! One file per command: its flags (a clap `Args` struct) and its `run`, which does the
//! work through a [`Context`] and returns a typed report for the output layer. A command is
//! added by writing its file and one line in [`commands!`].

use super::Defaults;
use super::config::{Config, Global};
use super::output::Output;
use crate::Migrator;
use crate::driver::Connection;
use crate::error::{Error, Result};
use std::io::IsTerminal;

/// Declares each command's module and its variant of [`Command`], and dispatches to its
/// `run`.
macro_rules! commands {
    ($($(#[$doc:meta])* $variant:ident => $module:ident,)*) => {
        $(mod $module;)*

        #[derive(clap::Subcommand, Debug)]
        pub(super) enum Command {
            $($(#[$doc])* $variant($module::$variant),)*
        }

        impl Command {
            async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
                match self {
                    $(Command::$variant(c) => c.run(ctx).await,)*
                }
            }
        }
    };
}

commands! {
    /// Apply pending migrations.
    Up => up,
    /// Roll back applied migrations (the last one by default).
    Down => down,
    /// Roll back the last migration and apply it again.
    Redo => redo,
    /// Roll back every migration.
    Reset => reset,
    /// Drop everything and apply every migration.
    Fresh => fresh,
    /// Show every migration and whether it is applied.
    Status => status,
    /// The SQL of every pending migration.
    Plan => plan,
    /// The history rows, and with --audit the audit trail.
    History => history,
    /// Check migrations without applying anything: the history, what the parser follows,
    /// and the pending migrations applied to a scratch copy of the database's schema.
    Validate => validate,
    /// Write a new migration with the next version: blank, from the database, or a template.
    New => new,
    /// Record migrations up to V as applied without running them.
    Baseline => baseline,
    /// Record what happened to a failed or interrupted migration, or that a pending
    /// migration's changes are already in the database (`--applied`).
    Resolve => resolve,
    /// Migrations that stopped half-way outside a transaction: which statements took
    /// effect (read from the database), and retry, roll back what ran, skip the rest, or
    /// mark it resolved.
    Recover => recover,
    /// Set the history right: checksums of edited migrations, rows of removed and failed
    /// ones, statuses the database's tables and columns contradict, gaps (asks first).
    Repair => repair,
    /// Compare two schemas: `migrations` (what they describe), `database` (the connected
    /// one), another database URL, or a snapshot file (JSON).
    Diff => diff,
    /// Save, list, show and compare snapshots of the database's schema.
    Snapshot => snapshot,
    /// Take, list and purge whole-database backups (see `backup` in migrate.toml).
    Backup => backup,
    /// Bring the database back to a backup (asks first).
    Restore => restore,
    /// Write the schema the migrations produce (replayed, no database needed) as a Rust
    /// module: a sea-query identifier enum and a row struct (sqlx `FromRow`) per table.
    Schema => schema,
    /// Clear the migration lock of a dead or stale holder.
    Unlock => unlock,
    /// The migrations and their dependencies (`-- Dependencies:`) as a tree, `--dot` for
    /// Graphviz or `--json`, each marked applied, pending or failed.
    Graph => graph,
    /// Write migrate.sum: every migration's version, kind and checksum, and a total that
    /// every command checks (and that two branches adding migrations conflict on).
    Hash => hash,
    /// The CI gate: against a git base (`--base origin/main`), migrations on the base are
    /// unchanged, new ones come after them, migrate.sum matches, and the new ones pass
    /// the offline validation and the high-risk rules (exit 3 otherwise).
    Check => check,
    /// Renumber the migrations a branch added (or the versions named) to follow the ones
    /// it was merged with: files renamed, `Version:` headers, Rust attributes,
    /// dependencies and migrate.sum rewritten.
    Rebase => rebase,
    /// Write one migration standing for every migration up to V (`--to V`, SQL or
    /// `--rust`), or delete the files squashes replace once every database has them
    /// (`--prune`).
    Squash => squash,
    /// Adopt a project from another tool (sqlx, diesel, refinery, sea-orm, flyway,
    /// golang-migrate, goose, dbmate, laravel, rails): convert its migrations and adopt its
    /// history, checking the checksums it kept.
    Import => import,
    /// Reference and development data: run the seeds of the environment, see where they
    /// stand, write a new one, or roll them back.
    Seed => seed,
    /// A local web page for the whole workflow (`ui` feature): the migrations, one
    /// migration's SQL and risks, the timeline, and actions, behind a random token.
    Ui => ui,
}

/// What a command works with: the configuration, the migrations, and the database once
/// the command asks for it.
pub(super) struct Context {
    pub(super) config: Config,
    pub(super) migrator: Migrator,
    conn: Option<Connection>,
    /// With `--no-sum-check`, what migrate.sum did not match: written to the audit once
    /// the command connects.
    skipped_sum: Option<String>,
}

impl Context {
    /// The migrator and the connection to the configured database (connecting on first use).
    pub(super) async fn connect(&mut self) -> Result<(&mut Migrator, &mut Connection)> {
        if self.conn.is_none() {
            let conn = Connection::connect(self.config.url()?).await?;
            self.conn = Some(conn);
        }
        let conn = self.conn.as_mut().ok_or_else(|| Error::Config("no connection".into()))?;
        self.migrator.bind(conn);
        if let Some(detail) = self.skipped_sum.take() {
            self.migrator.audit_note(conn, "sum-check-skipped", detail).await?;
        }
        Ok((&mut self.migrator, conn))
    }

    /// The configured database URL.
    pub(super) fn url(&self) -> Result<&str> {
        self.config.url()
    }

    /// A message on stderr while working, unless the output is JSON.
    pub(super) fn note(&self, message: std::fmt::Arguments<'_>) {
        super::output::note(self.config.json, message);
    }

    /// Ask before something destructive, unless `--yes` or stdin is not a terminal.
    pub(super) fn confirm(&self, question: &str) -> Result<()> {
        if self.config.yes || !std::io::stdin().is_terminal() {
            return Ok(());
        }
        eprint!("{question} [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer).map_err(Error::io("reading the answer"))?;
        if matches!(answer.trim(), "y" | "Y" | "yes") { Ok(()) } else { Err(Error::Config("cancelled".to_owned())) }
    }

    /// With `backup = true`: a backup before a command that changes the schema, when it
    /// has something to do (`before` names the command).
    pub(super) async fn backup_before(&mut self, before: &str) -> Result<()> {
        if !self.config.auto_backup {
            return Ok(());
        }
        let (dir, tool) = (self.config.backup_dir.clone(), self.config.backup_tool);
        let url = self.url()?.to_owned();
        let (migrator, conn) = self.connect().await?;
        let status = migrator.status(conn).await?;
        let work = match before {
            "up" => status.migrations.iter().any(|m| m.status == "pending"),
            "fresh" => true,
            _ => status.current.is_some(),
        };
        if work {
            let b = crate::backup::create_with(conn, &url, &dir, before, tool).await?;
            self.note(format_args!(
                "Backed up to {} ({} bytes); `migrate restore {}` brings it back.",
                b.file.display(),
                b.bytes,
                b.name
            ));
        }
        Ok(())
    }
}

/// Resolve the configuration, load the migrations and run the command; `None` when
/// Ctrl-C stopped it (after saying what took effect and releasing the lock).
pub(super) async fn run(global: &Global, command: &Command, defaults: Defaults) -> Result<Option<Box<dyn Output>>> {
    let config = Config::resolve(global, defaults)?;
    // `hash` writes the sum file, `import` updates it and `check` reports on it; every
    // other command checks it.
    let checks_sum = !matches!(command, Command::Hash(_) | Command::Import(_) | Command::Check(_) | Command::Rebase(_));
    if checks_sum {
        config.read_sum()?;
    }
    // `import` reads another tool's files, which may sit where ours go; it loads ours
    // itself once it has written them.
    let migrator = match command {
        Command::Import(_) | Command::Rebase(_) => config.without_migrations()?,
        _ => config.migrator()?,
    };
    let skipped_sum = if checks_sum { config.check_sum(&migrator)? } else { None };
    let mut ctx = Context { config, migrator, conn: None, skipped_sum };
    let outcome = tokio::select! {
        result = command.run(&mut ctx) => Some(result),
        _ = tokio::signal::ctrl_c() => None,
    };
    let conn = ctx.conn.take();
    match outcome {
        Some(result) => {
            if let Some(conn) = conn {
                let _ = conn.close().await;
            }
            result.map(Some)
        }
        None => {
            // The interrupted work's transaction dies with its session, and the server's
            // lock with it: a server's session is ended from a new connection (it would
            // finish its statement first), SQLite's statement is interrupted, and SQLite's
            // lock row is ours to clear.
            crate::driver::interrupt_running();
            drop(conn);
            match ctx.connect().await {
                Ok((migrator, conn)) => {
                    let _ = crate::lock::end_own_session(conn, migrator.options.lock).await;
                    eprintln!("interrupted: {}", interrupted(conn).await);
                    let _ = crate::lock::release(conn).await;
                }
                Err(_) => eprintln!("interrupted; the database could not be reached to see what took effect"),
            }
            if let Some(conn) = ctx.conn.take() {
                let _ = conn.close().await;
            }
            Ok(None)
        }
    }
}

/// What an interrupted run left: a migration that ran outside a transaction (every one on
/// MySQL/MariaDB, whose DDL commits as it goes) keeps the statements it had run, which its
/// history row counts; anything else died with its transaction.
async fn interrupted(conn: &mut Connection) -> String {
    let rows = crate::history::rows(conn).await.unwrap_or_default();
    match rows.iter().find(|r| r.status == crate::history::status::PENDING) {
        Some(r) => format!(
            "V{} {} was running outside a transaction and {} statement(s) of it had taken effect (committed); see \
             `migrate recover {}`",
            r.version,
            r.name,
            r.progress.unwrap_or(0),
            r.version
        ),
        None => "the running migration's transaction was rolled back".to_owned(),
    }
}

/// The dialect `--dialect` names, else the one of the URL's scheme, if either is given.
fn chosen_dialect(dialect: Option<&str>, url: Option<&str>) -> Result<Option<crate::schema::Dialect>> {
    match dialect {
        Some(name) => crate::schema::Dialect::from_url(name)
            .map(Some)
            .ok_or_else(|| Error::Config(format!("--dialect {name}: expected postgresql, mysql or sqlite"))),
        None => Ok(url.and_then(crate::schema::Dialect::from_url)),
    }
}
