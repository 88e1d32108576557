//! The `migrate` command line: a thin layer over [`Migrator`]. Flags are parsed, the
//! migrations loaded, the command run, and the result printed for people (stderr for
//! progress, stdout for tables) or as exactly one JSON document on stdout (`--json`).
//!
//! Exit codes: 0 success; 1 the operation failed (database error, failed migration,
//! invalid or tampered migration, lock not acquired); 2 usage or configuration error
//! (bad flag, no database URL, unparsable migration file or `migrate.toml`); 3 `status --check` found
//! pending migrations or problems; 130 interrupted (Ctrl-C), with the lock released.

use crate::config::Settings;
use crate::driver::Connection;
use crate::engine::{DownTarget, Migrator, Problem, RecoverAction, Resolution, UpTarget};
use crate::error::Error;
use crate::new::template::{Template, TemplateArgs};
use crate::new::{NewFile, Target};
use clap::{ArgGroup, Parser, Subcommand};
use serde_json::json;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(name = "migrate", about = "Compiled, typed schema migrations", version)]
struct Args {
    /// Database URL: postgres://…, mysql://…, sqlite://path.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Directory of SQL migration files.
    #[arg(long, global = true)]
    migrations: Option<PathBuf>,
    /// Settings file (default: `migrate.toml` in the working directory, if there is one).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// The `[env.NAME]` section of the settings file to use.
    #[arg(long, env = "MIGRATE_ENV", global = true)]
    env: Option<String>,
    /// Print exactly one JSON document on stdout.
    #[arg(long, global = true)]
    json: bool,
    /// Never ask for confirmation.
    #[arg(long, short = 'y', global = true)]
    yes: bool,
    /// Seconds to wait for the migration lock [default: 60].
    #[arg(long, global = true)]
    lock_timeout: Option<u64>,
    /// The history table's name; the audit, lock and kept-row tables are named after it
    /// [default: schema_migrations].
    #[arg(long, global = true, value_name = "NAME")]
    history_table: Option<String>,
    /// Minutes after which a held lock is reported as stale [default: 30].
    #[arg(long, global = true)]
    stale_lock_minutes: Option<u64>,
    /// Apply pending versions below the highest applied one.
    #[arg(long, global = true)]
    allow_out_of_order: bool,
    /// Go on when applied migrations are no longer available.
    #[arg(long, global = true)]
    ignore_missing: bool,
    /// Apply migrations whose risks the settings' `refuse_risk` would refuse.
    #[arg(long, global = true)]
    allow_risk: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Apply pending migrations.
    Up {
        /// Stop after this version.
        #[arg(long)]
        to: Option<u64>,
        /// Apply at most this many.
        #[arg(long)]
        step: Option<usize>,
        /// Run them and report what they change, then undo it: in a transaction rolled back
        /// (PostgreSQL, SQLite) or on a scratch copy of the schema (MySQL).
        #[arg(long)]
        dry_run: bool,
        /// All pending migrations in one transaction (PostgreSQL, SQLite).
        #[arg(long)]
        atomic: bool,
    },
    /// Roll back applied migrations (the last one by default).
    #[command(group(ArgGroup::new("which").args(["step", "to", "batch"])))]
    Down {
        /// Roll back this many.
        #[arg(long)]
        step: Option<usize>,
        /// Roll back everything above this version.
        #[arg(long)]
        to: Option<u64>,
        /// Roll back the last batch.
        #[arg(long)]
        batch: bool,
        /// Run the rollback and report what it changes, then undo it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Roll back the last migration and apply it again.
    Redo,
    /// Roll back every migration.
    Reset,
    /// Drop everything and apply every migration.
    Fresh,
    /// Show every migration and whether it is applied.
    Status {
        /// Exit with 3 when migrations are pending or verification finds problems.
        #[arg(long)]
        check: bool,
    },
    /// The SQL of every pending migration.
    Plan,
    /// The history rows, and with --audit the audit trail.
    History {
        /// Show the audit trail too.
        #[arg(long)]
        audit: bool,
    },
    /// Check migrations without applying anything: the history, what the parser follows,
    /// and the pending migrations applied to a scratch copy of the database's schema.
    Validate {
        /// No database: parse, render and follow every migration from an empty schema.
        #[arg(long)]
        offline: bool,
        /// `postgresql`, `mysql` or `sqlite`, with --offline [default: the database URL's].
        #[arg(long, requires = "offline")]
        dialect: Option<String>,
    },
    /// Write a new migration with the next version: blank, from the database, or a template.
    New {
        /// Its name, in words or snake_case.
        name: String,
        /// A SQL file in the migrations directory instead of a Rust file.
        #[arg(long)]
        sql: bool,
        /// Directory of Rust migrations (default: the project's, or `src/migrations`).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Write what the database has that the migrations do not (apply them all first).
        #[arg(long, conflicts_with = "template")]
        from_db: bool,
        /// With --from-db, a rename rather than a drop and an add: `table.old=new` or `old=new`.
        #[arg(long = "rename", value_name = "OLD=NEW", requires = "from_db")]
        renames: Vec<String>,
        /// Write one common change, described by the flags below.
        #[arg(long, value_enum)]
        template: Option<Template>,
        #[command(flatten)]
        params: Box<TemplateArgs>,
    },
    /// Record migrations up to V as applied without running them.
    Baseline {
        /// The version the existing schema corresponds to.
        version: u64,
    },
    /// Record what happened to a failed or interrupted migration, or that a pending
    /// migration's changes are already in the database (`--applied`).
    #[command(group(ArgGroup::new("outcome").args(["applied", "rolled_back"]).required(true)))]
    Resolve {
        /// The migration.
        version: u64,
        /// It was finished by hand.
        #[arg(long)]
        applied: bool,
        /// It was undone by hand.
        #[arg(long)]
        rolled_back: bool,
    },
    /// Migrations that stopped half-way outside a transaction: which statements took
    /// effect (read from the database), and retry, roll back what ran, skip the rest, or
    /// mark it resolved.
    #[command(group(ArgGroup::new("way").args(["retry", "rollback", "skip", "mark"])))]
    Recover {
        /// The migration [default: the one that stopped, when only one did].
        version: Option<u64>,
        /// Run the statements after those that took effect.
        #[arg(long)]
        retry: bool,
        /// Undo the statements that took effect (computed from the operation model); the
        /// migration is pending again.
        #[arg(long)]
        rollback: bool,
        /// Leave the database as it is and record the migration as applied.
        #[arg(long)]
        skip: bool,
        /// Record what was done by hand: `applied` or `rolled-back`.
        #[arg(long, value_name = "OUTCOME", value_parser = ["applied", "rolled-back"])]
        mark: Option<String>,
    },
    /// Set the history right: checksums of edited migrations, rows of removed and failed
    /// ones, statuses the database's tables and columns contradict, gaps (asks first).
    Repair {
        /// Show what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Compare two schemas: `migrations` (what they describe), `database` (the connected
    /// one), another database URL, or a snapshot file (JSON).
    Diff {
        /// Where to start [default: migrations].
        #[arg(long, default_value = "migrations")]
        from: String,
        /// Where to end [default: database].
        #[arg(long, default_value = "database")]
        to: String,
        /// Exit with 3 when the two differ.
        #[arg(long)]
        check: bool,
        /// A rename, not a drop and an add: `table.old=new` (column) or `old=new` (table).
        #[arg(long = "rename", value_name = "OLD=NEW")]
        renames: Vec<String>,
    },
    /// Save, list, show and compare snapshots of the database's schema.
    Snapshot {
        /// Where snapshots are kept.
        #[arg(long, default_value = "snapshots")]
        dir: PathBuf,
        #[command(subcommand)]
        action: SnapshotAction,
    },
    /// Take, list and purge whole-database backups (see `backup` in migrate.toml).
    Backup {
        /// What to do [default: take one now].
        #[command(subcommand)]
        action: Option<BackupAction>,
    },
    /// Bring the database back to a backup (asks first).
    Restore {
        /// The backup's name (from `backup list`) or file.
        backup: String,
    },
    /// Write the schema the migrations produce (replayed, no database needed) as a Rust
    /// module: a sea-query identifier enum and a row struct (sqlx `FromRow`) per table.
    Schema {
        /// Rust (the only form so far).
        #[arg(long, required = true)]
        rust: bool,
        /// The module's file [default: `schema_module` in migrate.toml, else src/schema.rs].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write nothing; exit 3 when the file differs from what the migrations produce.
        #[arg(long)]
        check: bool,
        /// `postgresql`, `mysql` or `sqlite` [default: the database URL's].
        #[arg(long)]
        dialect: Option<String>,
    },
    /// Clear the migration lock of a dead or stale holder.
    Unlock {
        /// Clear it even if its holder may be alive (terminating its session).
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
enum BackupAction {
    /// Take a backup now.
    Create,
    /// Every backup, oldest first.
    List,
    /// Delete backups older than a duration (`30d`, `12h`, `90m`).
    Purge {
        /// How old a backup must be to go.
        #[arg(long)]
        older_than: String,
    },
}

#[derive(Subcommand, Debug)]
enum SnapshotAction {
    /// Save the connected database's schema.
    Save {
        /// A name for it.
        #[arg(default_value = "snapshot")]
        name: String,
    },
    /// Every saved snapshot.
    List,
    /// One snapshot's tables (all of it with --json).
    Show {
        /// Its name or file.
        name: String,
    },
    /// What changed from a snapshot to another one, or to the database.
    Diff {
        /// The older snapshot.
        from: String,
        /// The newer one [default: the database].
        to: Option<String>,
    },
}

/// Defaults a project's `src/bin/migrate.rs` can set.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// Used when neither `--database-url` nor `DATABASE_URL` is given.
    pub database_url: Option<String>,
    /// The SQL migrations directory when `--migrations` is not given (default `migrations`).
    pub migrations_dir: Option<PathBuf>,
    /// SQL files embedded at compile time ([`embed_sql!`](crate::embed_sql)), used instead
    /// of reading `migrations_dir` when `--migrations` is not given.
    pub embedded_sql: Option<&'static [(&'static str, &'static str)]>,
    /// Where `migrate new` writes Rust migrations (default `src/migrations`).
    pub rust_dir: Option<PathBuf>,
    /// Where `migrate schema --rust` writes the typed schema module (default `src/schema.rs`).
    pub schema_module: Option<PathBuf>,
}

/// Run the CLI on the process arguments.
pub fn main() -> ExitCode {
    main_with(Defaults::default())
}

/// Run the CLI with project defaults.
///
/// ```no_run
/// fn main() -> std::process::ExitCode {
///     migrate::cli::main_with(migrate::cli::Defaults {
///         database_url: Some("sqlite://app.db".into()),
///         ..Default::default()
///     })
/// }
/// ```
pub fn main_with(defaults: Defaults) -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: starting the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let json = args.json;
    match runtime.block_on(run(args, defaults)) {
        Ok(code) => code,
        Err(e) => {
            let applied = match &e {
                Error::Partial { applied, .. } => &applied[..],
                _ => &[],
            };
            if json {
                println!("{}", json!({"error": e.to_string(), "exit_code": e.exit_code(), "applied": applied}));
            }
            for d in applied {
                eprintln!("Applied V{} {} ({} ms)", d.version, d.name, d.execution_ms);
            }
            eprintln!("error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                eprintln!("  caused by: {s}");
                source = s.source();
            }
            ExitCode::from(e.exit_code())
        }
    }
}

/// The settings file: `--config`, else `migrate.toml` in the working directory if present.
fn settings(args: &Args) -> crate::Result<Settings> {
    let path = match &args.config {
        Some(path) => path.clone(),
        None => {
            let path = PathBuf::from(crate::config::FILE_NAME);
            if !path.exists() {
                return match &args.env {
                    Some(env) => Err(Error::Config(format!(
                        "--env {env} needs a settings file: there is no {} here and no --config",
                        crate::config::FILE_NAME
                    ))),
                    None => Ok(Settings::default()),
                };
            }
            path
        }
    };
    Settings::load(&path, args.env.as_deref())
}

async fn run(args: Args, defaults: Defaults) -> crate::Result<ExitCode> {
    let settings = settings(&args)?;
    let chosen_dir = args.migrations.clone().or(settings.migrations.clone());
    let dir = chosen_dir.clone().or(defaults.migrations_dir).unwrap_or_else(|| PathBuf::from("migrations"));
    let mut migrator = match defaults.embedded_sql.filter(|_| chosen_dir.is_none()) {
        Some(files) => Migrator::new(
            &crate::registry::registered()?,
            crate::sql::parse_embedded(files).map_err(|e| Error::File(Box::new(e)))?,
        )?,
        None => Migrator::load(Some(&dir))?,
    };
    migrator.options.allow_out_of_order = args.allow_out_of_order || settings.allow_out_of_order == Some(true);
    migrator.options.ignore_missing = args.ignore_missing || settings.ignore_missing == Some(true);
    migrator.options.refuse_risk = settings.refuse_risk;
    migrator.options.allow_risk = args.allow_risk;
    migrator.options.discard_dropped = settings.keep_dropped == Some(false);
    let lock_timeout = args.lock_timeout.or(settings.lock_timeout).unwrap_or(60);
    let stale_minutes = args.stale_lock_minutes.or(settings.stale_lock_minutes).unwrap_or(30);
    migrator.options.lock.timeout = Duration::from_secs(lock_timeout);
    migrator.options.lock.stale_after = Duration::from_secs(stale_minutes.saturating_mul(60));
    if let Some(name) = args.history_table.as_ref().or(settings.history_table.as_ref()) {
        migrator = migrator.history_table(name)?;
    }
    let url = args.database_url.clone().or(settings.database_url.clone()).or(defaults.database_url);
    if let Command::Schema { out, check, dialect, .. } = &args.command {
        let out = out
            .clone()
            .or(settings.schema_module.clone())
            .or(defaults.schema_module)
            .unwrap_or_else(|| PathBuf::from("src/schema.rs"));
        return schema_module(&migrator, &out, *check, dialect.as_deref(), url.as_deref(), args.json);
    }
    if let Command::Validate { offline: true, dialect } = &args.command {
        return validate_offline(&migrator, dialect.as_deref(), url.as_deref(), args.json);
    }
    if let Command::New { name, sql, dir: rust_dir, from_db, template, params, .. } = &args.command {
        let rust_dir = rust_dir
            .clone()
            .or(settings.rust_migrations.clone())
            .or(defaults.rust_dir)
            .unwrap_or_else(|| PathBuf::from("src/migrations"));
        let target = Target { name, sql: *sql, dir: if *sql { &dir } else { &rust_dir } };
        if !*from_db {
            return new_migration(&migrator, &target, *template, params, url.as_deref(), args.json).await;
        }
        let url = url.ok_or_else(|| Error::Config("--from-db needs the development database's URL".to_owned()))?;
        let mut conn = Connection::connect(&url).await?;
        migrator.bind(&mut conn);
        let result = new_from_db(&migrator, &mut conn, &url, &target, &args).await;
        let _ = conn.close().await;
        return result;
    }
    let url = url.ok_or_else(|| {
        Error::Config(
            "no database URL: pass --database-url, set DATABASE_URL or write database_url in migrate.toml \
             (e.g. sqlite://app.db)"
                .to_owned(),
        )
    })?;
    let mut conn = Connection::connect(&url).await?;
    migrator.bind(&mut conn);
    let outcome = tokio::select! {
        result = command(&mut migrator, &mut conn, &args, &url, &settings) => Some(result),
        _ = tokio::signal::ctrl_c() => None,
    };
    match outcome {
        Some(result) => {
            let _ = conn.close().await;
            result
        }
        None => {
            // The interrupted work's transaction dies with its connection; the server
            // releases advisory locks with the session; SQLite's lock row is ours to clear.
            drop(conn);
            match Connection::connect(&url).await {
                Ok(mut conn) => {
                    migrator.bind(&mut conn);
                    eprintln!("interrupted: {}", interrupted(&mut conn).await);
                    let _ = crate::lock::release(&mut conn).await;
                    let _ = conn.close().await;
                }
                Err(_) => eprintln!("interrupted; the database could not be reached to see what took effect"),
            }
            Ok(ExitCode::from(130))
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

/// Ask before something destructive, unless `--yes` or stdin is not a terminal.
fn confirm(args: &Args, question: &str) -> crate::Result<()> {
    if args.yes || !std::io::stdin().is_terminal() {
        return Ok(());
    }
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| Error::Config(format!("reading the answer: {e}")))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") { Ok(()) } else { Err(Error::Config("cancelled".to_owned())) }
}

/// With `backup = true`: a backup before a command that changes the schema, when it has
/// something to do.
async fn automatic_backup(
    migrator: &Migrator,
    conn: &mut Connection,
    url: &str,
    command: &Command,
    dir: &Path,
    tool: crate::backup::Tool,
) -> crate::Result<()> {
    let name = match command {
        Command::Up { dry_run: false, .. } => "up",
        Command::Down { dry_run: false, .. } => "down",
        Command::Redo => "redo",
        Command::Reset => "reset",
        Command::Fresh => "fresh",
        _ => return Ok(()),
    };
    let status = migrator.status(conn).await?;
    let work = match name {
        "up" => status.migrations.iter().any(|m| m.status == "pending"),
        "fresh" => true,
        _ => status.current.is_some(),
    };
    if work {
        let b = crate::backup::create_with(conn, url, dir, name, tool).await?;
        eprintln!(
            "Backed up to {} ({} bytes); `migrate restore {}` brings it back.",
            b.file.display(),
            b.bytes,
            b.name
        );
    }
    Ok(())
}

async fn backups(
    conn: &mut Connection,
    url: &str,
    (dir, tool): (&Path, crate::backup::Tool),
    action: &BackupAction,
    json: bool,
) -> crate::Result<()> {
    match action {
        BackupAction::Create => {
            let b = crate::backup::create_with(conn, url, dir, "manual", tool).await?;
            if json {
                print_json(json!({"backup": b}));
            } else {
                eprintln!("Backed up to {} ({} bytes).", b.file.display(), b.bytes);
            }
        }
        BackupAction::List => {
            let all = crate::backup::list(dir)?;
            let kept = crate::backup::kept(conn).await?;
            if json {
                print_json(json!({"backups": all, "kept": kept}));
            } else if all.is_empty() {
                eprintln!("No backups in {}.", dir.display());
            }
            for k in kept.iter().filter(|_| !json) {
                let object = k.column.as_ref().map_or_else(|| k.table.clone(), |c| format!("{}.{c}", k.table));
                println!(
                    "{}  {}  rows of {object} dropped by V{}  {} row(s)",
                    k.kept_as, k.created_at, k.version, k.rows
                );
            }
            for b in all.iter().filter(|_| !json) {
                let version = b.version.map_or_else(|| "-".to_owned(), |v| format!("V{v}"));
                println!(
                    "{}  {}  before {}  at {version}  {} bytes  {}",
                    b.name,
                    b.created_at,
                    b.before,
                    b.bytes,
                    b.file.display()
                );
            }
        }
        BackupAction::Purge { older_than } => {
            let age = parse_age(older_than)?;
            let purged = crate::backup::purge(dir, age)?;
            let kept = crate::backup::purge_kept(conn, age).await?;
            if json {
                print_json(json!({"purged": purged, "purged_kept": kept}));
            } else {
                eprintln!("Purged {} backup(s) and {} table(s) of kept rows.", purged.len(), kept.len());
            }
        }
    }
    Ok(())
}

/// `30d`, `12h`, `90m`, `45s`.
fn parse_age(text: &str) -> crate::Result<Duration> {
    let bad = || Error::Config(format!("--older-than {text}: expected a number and a unit (d, h, m, s), e.g. 30d"));
    let text = text.trim();
    let unit = text.chars().last().ok_or_else(bad)?;
    let n: u64 = text[..text.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let seconds = match unit {
        'd' => 86_400,
        'h' => 3_600,
        'm' => 60,
        's' => 1,
        _ => return Err(bad()),
    };
    Ok(Duration::from_secs(n.saturating_mul(seconds)))
}

async fn snapshot(
    conn: &mut Connection,
    url: &str,
    dir: &Path,
    action: &SnapshotAction,
    json: bool,
) -> crate::Result<ExitCode> {
    use crate::snapshot::Snapshot;
    match action {
        SnapshotAction::Save { name } => {
            let path = Snapshot::take(conn, url, name).await?.save(dir)?;
            if json {
                print_json(json!({"saved": path}));
            } else {
                eprintln!("Saved {}.", path.display());
            }
        }
        SnapshotAction::List => {
            let all = Snapshot::list(dir)?;
            if json {
                let items: Vec<_> = all
                    .iter()
                    .map(|(p, s)| {
                        json!({"file": p, "name": s.name, "taken_at": s.taken_at, "dialect": s.dialect,
                        "database": s.database, "applied_version": s.applied_version, "tables": s.schema.tables.len()})
                    })
                    .collect();
                print_json(json!({"snapshots": items}));
            } else {
                for (p, s) in &all {
                    let version = s.applied_version.map(|v| format!("V{v}")).unwrap_or_else(|| "-".to_owned());
                    println!(
                        "{:<20} {:<8} {:<7} {:>4} tables  {}",
                        s.taken_at,
                        s.dialect,
                        version,
                        s.schema.tables.len(),
                        p.display()
                    );
                }
                if all.is_empty() {
                    eprintln!("No snapshots in {}.", dir.display());
                }
            }
        }
        SnapshotAction::Show { name } => {
            let s = Snapshot::load(&Snapshot::find(dir, name)?)?;
            if json {
                print_json(serde_json::to_value(&s).unwrap_or_default());
            } else {
                println!("{} taken {} from {} ({})", s.name, s.taken_at, s.database, s.dialect);
                for t in &s.schema.tables {
                    let columns: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
                    println!("  {} ({})", t.name, columns.join(", "));
                }
                for n in &s.schema.natives {
                    println!("  {} {} (native)", n.kind, n.name);
                }
            }
        }
        SnapshotAction::Diff { from, to } => {
            let a = Snapshot::load(&Snapshot::find(dir, from)?)?.schema;
            let b = match to {
                Some(to) => Snapshot::load(&Snapshot::find(dir, to)?)?.schema,
                None => conn.introspect().await?,
            };
            let diff = migrate_schema::normalize::diff_in(conn.dialect(), &a, &b, &Default::default())
                .map_err(|e| Error::Config(e.to_string()))?;
            let to = to.as_deref().unwrap_or("database");
            print_diff(from, to, &diff.changes, json);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The changes from `from` to `to`, one line each (coloured on a terminal), or as JSON.
fn print_diff(from: &str, to: &str, changes: &[migrate_schema::Change], json: bool) {
    if json {
        print_json(json!({"from": from, "to": to, "changes": changes}));
    } else if changes.is_empty() {
        eprintln!("No differences between {from} and {to}.");
    } else {
        let colour = std::io::stdout().is_terminal();
        for c in changes {
            println!("{}", change_line(c, colour));
        }
    }
}

/// `+ users.bio  text NULL` (green for added, red for removed, yellow for changed).
fn change_line(c: &migrate_schema::Change, colour: bool) -> String {
    use migrate_schema::ChangeKind;
    let (sign, code) = match c.kind {
        ChangeKind::Added => ('+', "32"),
        ChangeKind::Removed => ('-', "31"),
        ChangeKind::Changed => ('~', "33"),
        ChangeKind::Renamed => ('>', "36"),
    };
    let mut line = format!("{sign} {}  {}", c.object, c.detail);
    if c.destructive {
        line.push_str("  [destructive]");
    }
    if c.unsupported {
        line.push_str("  [no operation can express this]");
    }
    if colour { format!("\x1b[{code}m{line}\x1b[0m") } else { line }
}

fn print_json(value: serde_json::Value) {
    println!("{value}");
}

fn print_plan(dialect: &str, planned: &[crate::Planned], json: bool) {
    if json {
        print_json(json!({"dialect": dialect, "migrations": planned}));
        return;
    }
    if planned.is_empty() {
        eprintln!("Nothing to do.");
    }
    for p in planned {
        let tx = if p.transaction { "" } else { " (no transaction)" };
        println!("-- V{} {} [{:?}]{tx}", p.version, p.name, p.kind);
        for r in &p.risks {
            let accepted = if r.accepted { ", accepted" } else { "" };
            let estimate = match (r.table_bytes, r.estimate_ms) {
                (Some(bytes), Some(ms)) => format!(" ({} KiB on disk, about {ms} ms)", bytes / 1024),
                _ => String::new(),
            };
            println!("--   risk {}{accepted}: {} on {}: {}{estimate} [{}]", r.level, r.rule, r.object, r.reason, r.at);
        }
        for problem in &p.problems {
            println!("--   problem: {}", problem.message);
        }
        for s in &p.statements {
            println!("{s};");
        }
        println!();
    }
}

/// A dry run: each migration's statements and risks, then what it changed, and how.
fn print_dry_run(dialect: &str, dry: &crate::DryRun, json: bool) -> ExitCode {
    let code = if dry.failed.is_some() { ExitCode::from(1) } else { ExitCode::SUCCESS };
    if json {
        print_json(json!({
            "dialect": dialect,
            "method": dry.method,
            "migrations": dry.migrations,
            "changes": dry.changes,
            "unchanged": dry.unchanged,
            "failed": dry.failed,
        }));
        return code;
    }
    let planned: Vec<crate::Planned> = dry.migrations.iter().map(|m| m.planned.clone()).collect();
    print_plan(dialect, &planned, false);
    let colour = std::io::stdout().is_terminal();
    for c in &dry.changes {
        println!("{}", change_line(c, colour));
    }
    for m in &dry.migrations {
        let note = m.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        let done = if m.executed { format!("{} row(s) affected", m.rows_affected) } else { "skipped".to_owned() };
        eprintln!("V{} {}: {done}{note}", m.planned.version, m.planned.name);
    }
    let method = match dry.method {
        crate::DryRunMethod::Transaction => "in a transaction that was rolled back",
        crate::DryRunMethod::ScratchDatabase => "on a scratch database copied from this one's schema, then dropped",
    };
    match &dry.failed {
        Some(f) => eprintln!("Dry run failed {method}: {f}"),
        None => {
            eprintln!("Dry run: {} migration(s) ran {method}; {} change(s).", dry.migrations.len(), dry.changes.len())
        }
    }
    if dry.unchanged {
        eprintln!("The database is as it was.");
    }
    code
}

/// The dialect `--dialect` names, else the one of the URL's scheme, if either is given.
fn chosen_dialect(dialect: Option<&str>, url: Option<&str>) -> crate::Result<Option<crate::schema::Dialect>> {
    match dialect {
        Some(name) => crate::schema::Dialect::from_url(name)
            .map(Some)
            .ok_or_else(|| Error::Config(format!("--dialect {name}: expected postgresql, mysql or sqlite"))),
        None => Ok(url.and_then(crate::schema::Dialect::from_url)),
    }
}

/// `validate --offline`: no database; the dialect from --dialect or the URL's scheme.
fn validate_offline(
    migrator: &Migrator,
    dialect: Option<&str>,
    url: Option<&str>,
    json: bool,
) -> crate::Result<ExitCode> {
    let dialect = chosen_dialect(dialect, url)?.ok_or_else(|| {
        Error::Config("validate --offline needs --dialect (postgresql, mysql or sqlite) or a database URL".to_owned())
    })?;
    let problems = migrator.validate_offline(dialect)?;
    let notes = migrator.notes(dialect);
    Ok(report_validation(&problems, &notes, migrator.migrations().len(), None, dialect.name(), json))
}

/// Print what `validate` found; exit 1 when there are problems. `rehearsed` is how many
/// pending migrations ran on a scratch database (`None` offline).
fn report_validation(
    problems: &[Problem],
    notes: &[Problem],
    available: usize,
    rehearsed: Option<usize>,
    dialect: &str,
    json: bool,
) -> ExitCode {
    if json {
        print_json(json!({
            "dialect": dialect,
            "valid": problems.is_empty(),
            "offline": rehearsed.is_none(),
            "rehearsed": rehearsed,
            "problems": problems,
            "notes": notes,
        }));
    } else {
        for n in notes {
            eprintln!("note: {}", n.message);
        }
        if problems.is_empty() {
            match rehearsed {
                Some(n) if n > 0 => eprintln!(
                    "{available} migration(s) valid; the {n} pending ran on a scratch copy of the schema without error."
                ),
                _ => eprintln!("{available} migration(s) valid."),
            }
        }
        for p in problems {
            eprintln!("problem: {}", p.message);
        }
    }
    if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// `migrate schema --rust`: write the typed module, or with `check` compare it.
fn schema_module(
    migrator: &Migrator,
    out: &Path,
    check: bool,
    dialect: Option<&str>,
    url: Option<&str>,
    json: bool,
) -> crate::Result<ExitCode> {
    let dialect = chosen_dialect(dialect, url)?.unwrap_or(crate::schema::Dialect::Sqlite);
    let (code, followed) = migrator.schema_module(dialect)?;
    let current = std::fs::read_to_string(out).ok();
    let fresh = current.as_deref() == Some(code.as_str());
    if check {
        if json {
            print_json(json!({"file": out, "fresh": fresh, "dialect": dialect.name()}));
        } else if fresh {
            eprintln!("{} is up to date.", out.display());
        } else {
            eprintln!(
                "{} is {}: run `migrate schema --rust` and commit it.",
                out.display(),
                if current.is_some() { "stale" } else { "missing" }
            );
        }
        return Ok(if fresh { ExitCode::SUCCESS } else { ExitCode::from(3) });
    }
    if !fresh {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::Config(format!("{}: {e}", parent.display())))?;
        }
        std::fs::write(out, &code).map_err(|e| Error::Config(format!("{}: {e}", out.display())))?;
    }
    if json {
        print_json(json!({"file": out, "written": !fresh, "tables": followed.model.tables.len()}));
    } else {
        let what = if fresh { "already up to date" } else { "written" };
        eprintln!("{} {what} ({} tables).", out.display(), followed.model.tables.len());
        for note in &followed.opaque {
            eprintln!("  not followed: {note}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_recoveries<'a>(plan: impl IntoIterator<Item = &'a crate::Recovery>) {
    let mut any = false;
    for r in plan {
        any = true;
        let why = r.error.as_deref().unwrap_or("its process stopped while it ran");
        eprintln!("V{} {} is {}: {why}", r.version, r.name, r.status);
        eprintln!(
            "  the history counts {} statement(s) committed; the database shows {} took effect",
            r.recorded, r.ran
        );
        for s in &r.statements {
            let effect = match s.effect {
                crate::Effect::Done => "in effect",
                crate::Effect::NotDone => "not in effect",
                crate::Effect::Partial => "partly in effect",
                crate::Effect::Unknown => "not visible in the schema",
            };
            let first = s.sql.lines().next().unwrap_or_default();
            eprintln!("  {:>3}. [{effect}{}] {first}", s.index, if s.committed { ", committed" } else { "" });
        }
        for note in &r.notes {
            eprintln!("  note: {note}");
        }
        match (&r.rollback_blocked, r.statements.is_empty()) {
            // Without its statements (edited, gone, async code), neither way on is offered.
            (Some(reason), true) => eprintln!("  --retry is not possible: {reason}"),
            _ => eprintln!("  --retry runs {} statement(s)", r.retry.len()),
        }
        match &r.rollback_blocked {
            Some(reason) => eprintln!("  --rollback is not possible: {reason}"),
            None => {
                eprintln!("  --rollback runs:");
                for sql in &r.rollback {
                    eprintln!("      {sql};");
                }
            }
        }
        eprintln!("  --skip records it applied as it is; --mark applied|rolled-back records what you did by hand");
    }
    if !any {
        eprintln!("No migration stopped half-way.");
    }
}

fn print_report(dialect: &str, report: &crate::Report, json: bool) {
    if json {
        print_json(json!({
            "dialect": dialect,
            "applied": report.applied,
            "rolled_back": report.rolled_back,
            "kept": report.kept,
            "elapsed_ms": report.elapsed_ms,
        }));
        return;
    }
    for note in &report.kept {
        eprintln!("Kept rows: {note}");
    }
    for d in &report.rolled_back {
        eprintln!("Rolled back V{} {} ({} ms)", d.version, d.name, d.execution_ms);
    }
    for d in &report.applied {
        eprintln!("Applied V{} {} ({} ms)", d.version, d.name, d.execution_ms);
    }
    if report.applied.is_empty() && report.rolled_back.is_empty() {
        eprintln!("Nothing to do: the database is up to date.");
    } else {
        eprintln!(
            "{} applied, {} rolled back in {} ms.",
            report.applied.len(),
            report.rolled_back.len(),
            report.elapsed_ms
        );
    }
}

async fn command(
    migrator: &mut Migrator,
    conn: &mut Connection,
    args: &Args,
    url: &str,
    settings: &Settings,
) -> crate::Result<ExitCode> {
    let dialect = conn.dialect().name();
    let json = args.json;
    let backup_dir = settings.backup_dir.clone().unwrap_or_else(|| PathBuf::from("backups"));
    let backup_tool = settings.backup_tool.unwrap_or_default();
    if settings.backup == Some(true) {
        automatic_backup(migrator, conn, url, &args.command, &backup_dir, backup_tool).await?;
    }
    match &args.command {
        Command::Up { to, step, dry_run, atomic } => {
            migrator.options.atomic = *atomic;
            let target = UpTarget { to: *to, step: *step };
            if *dry_run {
                return Ok(print_dry_run(dialect, &migrator.dry_run_up(conn, url, target).await?, json));
            } else {
                print_report(dialect, &migrator.up(conn, target).await?, json);
            }
        }
        Command::Plan => {
            let planned = migrator.plan(conn, UpTarget::default()).await?;
            print_plan(dialect, &planned, json);
            if planned.iter().any(|p| !p.problems.is_empty()) {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Down { step, to, batch, dry_run } => {
            let target = match (step, to, batch) {
                (_, Some(v), _) => DownTarget::To(*v),
                (_, _, true) => DownTarget::Batch,
                (n, _, _) => DownTarget::Step(n.unwrap_or(1)),
            };
            if *dry_run {
                return Ok(print_dry_run(dialect, &migrator.dry_run_down(conn, url, target).await?, json));
            } else {
                confirm(args, "Roll back migrations?")?;
                print_report(dialect, &migrator.down(conn, target).await?, json);
            }
        }
        Command::Redo => {
            confirm(args, "Roll back the last migration and apply it again?")?;
            let down = migrator.down(conn, DownTarget::Step(1)).await?;
            let mut up = migrator.up(conn, UpTarget { to: None, step: Some(down.rolled_back.len()) }).await?;
            up.rolled_back = down.rolled_back;
            up.elapsed_ms += down.elapsed_ms;
            print_report(dialect, &up, json);
        }
        Command::Reset => {
            confirm(args, "Roll back every migration?")?;
            print_report(dialect, &migrator.down(conn, DownTarget::To(0)).await?, json);
        }
        Command::Fresh => {
            confirm(args, "Drop every table of the database and apply every migration?")?;
            print_report(dialect, &migrator.fresh(conn).await?, json);
        }
        Command::Status { check } => {
            let status = migrator.status(conn).await?;
            let pending = status.migrations.iter().filter(|m| m.status == "pending").count();
            // With --check, drift too: the database against what its applied migrations describe.
            let drift = if *check { Some(migrator.drift(conn, url).await?) } else { None };
            if json {
                let mut doc = serde_json::to_value(&status).unwrap_or_default();
                if let (Some(drift), Some(map)) = (&drift, doc.as_object_mut()) {
                    map.insert("drift".to_owned(), serde_json::to_value(drift).unwrap_or_default());
                }
                print_json(doc);
            } else {
                println!("{:<8} {:<12} {:<5} {:<6} {:<28} name", "version", "status", "kind", "batch", "applied at");
                for m in &status.migrations {
                    println!(
                        "{:<8} {:<12} {:<5} {:<6} {:<28} {}",
                        m.version,
                        m.status,
                        format!("{:?}", m.kind).to_lowercase(),
                        m.batch.map(|b| b.to_string()).unwrap_or_default(),
                        m.applied_at.as_deref().unwrap_or(""),
                        m.name
                    );
                }
                println!("{} applied, {pending} pending", status.migrations.len() - pending);
                if let Some(h) = &status.lock {
                    println!("lock: held by {h}");
                }
                for p in &status.problems {
                    println!("problem: {}", p.message);
                }
                for c in drift.iter().flat_map(|d| &d.changes) {
                    println!("drift: {}", change_line(c, false));
                }
            }
            let drifted = drift.is_some_and(|d| !d.changes.is_empty());
            if *check && (pending > 0 || !status.problems.is_empty() || drifted) {
                return Ok(ExitCode::from(3));
            }
        }
        Command::Diff { from, to, check, renames } => {
            let options = crate::diff::options(renames)?;
            let (from_model, to_model) = (
                crate::diff::source(migrator, conn, url, from).await?,
                crate::diff::source(migrator, conn, url, to).await?,
            );
            let diff = migrate_schema::normalize::diff_in(conn.dialect(), &from_model, &to_model, &options)
                .map_err(|e| Error::Config(e.to_string()))?;
            print_diff(from, to, &diff.changes, json);
            if *check && !diff.changes.is_empty() {
                return Ok(ExitCode::from(3));
            }
        }
        Command::Snapshot { dir, action } => return snapshot(conn, url, dir, action, json).await,
        Command::Backup { action } => {
            let action = action.as_ref().unwrap_or(&BackupAction::Create);
            backups(conn, url, (&backup_dir, backup_tool), action, json).await?
        }
        Command::Restore { backup } => {
            let backup = crate::backup::find(&backup_dir, backup)?;
            confirm(args, &format!("Replace the database with backup {} (taken {})?", backup.name, backup.created_at))?;
            crate::backup::restore(conn, url, &backup).await?;
            if json {
                print_json(json!({"dialect": dialect, "restored": backup}));
            } else {
                eprintln!("Restored {} (taken {} before {}).", backup.name, backup.created_at, backup.before);
            }
        }
        Command::History { audit } => {
            let (rows, trail) = migrator.history(conn).await?;
            if json {
                print_json(json!({"dialect": dialect, "history": rows, "audit": trail}));
            } else {
                println!("{:<8} {:<12} {:<6} {:<8} {:<28} name", "version", "status", "batch", "ms", "applied at");
                for r in &rows {
                    println!(
                        "{:<8} {:<12} {:<6} {:<8} {:<28} {}{}",
                        r.version,
                        r.status,
                        r.batch,
                        r.execution_ms,
                        r.applied_at,
                        r.name,
                        r.error_message.as_deref().map(|e| format!(" ({e})")).unwrap_or_default()
                    );
                }
                if *audit {
                    println!("\n{:<28} {:<10} {:<8} {:<8} {:<24} detail", "at", "action", "version", "outcome", "who");
                    for a in &trail {
                        println!(
                            "{:<28} {:<10} {:<8} {:<8} {:<24} {}",
                            a.at,
                            a.action,
                            a.version.map(|v| v.to_string()).unwrap_or_default(),
                            a.outcome,
                            a.actor.as_deref().unwrap_or(""),
                            a.detail.as_deref().unwrap_or("")
                        );
                    }
                }
            }
        }
        Command::Validate { .. } => {
            let mut problems = migrator.validate(conn).await?;
            let rehearsal = migrator.rehearse(conn, url).await?;
            // A migration the parser already found wrong is reported once, as the parser says.
            let found: Vec<u64> = problems.iter().map(|p| p.version).collect();
            problems.extend(rehearsal.problems.iter().filter(|p| !found.contains(&p.version)).cloned());
            let mut notes = migrator.notes(conn.dialect());
            notes.extend(rehearsal.skipped.iter().map(|why| Problem {
                kind: "not_rehearsed",
                version: 0,
                message: why.clone(),
            }));
            return Ok(report_validation(
                &problems,
                &notes,
                migrator.migrations().len(),
                Some(rehearsal.ran),
                dialect,
                json,
            ));
        }
        Command::Baseline { version } => {
            let marked = migrator.baseline(conn, *version).await?;
            if json {
                print_json(json!({"dialect": dialect, "baselined": marked}));
            } else {
                eprintln!("Recorded {} migration(s) up to V{version} as applied.", marked.len());
            }
        }
        Command::Resolve { version, applied, .. } => {
            let resolution = if *applied { Resolution::Applied } else { Resolution::RolledBack };
            migrator.resolve(conn, *version, resolution).await?;
            let word = if *applied { "applied" } else { "rolled_back" };
            if json {
                print_json(json!({"dialect": dialect, "version": version, "resolution": word}));
            } else {
                eprintln!("V{version} recorded as {word}.");
            }
        }
        Command::Recover { version, retry, rollback, skip, mark } => {
            let action = match (retry, rollback, skip, mark.as_deref()) {
                (true, ..) => Some(RecoverAction::Retry),
                (_, true, ..) => Some(RecoverAction::Rollback),
                (_, _, true, _) => Some(RecoverAction::Skip),
                (.., Some("applied")) => Some(RecoverAction::Mark(Resolution::Applied)),
                (.., Some(_)) => Some(RecoverAction::Mark(Resolution::RolledBack)),
                _ => None,
            };
            let plan = migrator.recover_plan(conn).await?;
            let Some(action) = action else {
                if json {
                    print_json(json!({"dialect": dialect, "recoveries": plan}));
                } else {
                    print_recoveries(&plan);
                }
                return Ok(ExitCode::SUCCESS);
            };
            let version = match (version, plan.as_slice()) {
                (Some(v), _) => *v,
                (None, [only]) => only.version,
                (None, []) => return Err(Error::Config("no migration stopped half-way: nothing to recover".into())),
                (None, _) => {
                    let all: Vec<String> = plan.iter().map(|r| format!("V{}", r.version)).collect();
                    return Err(Error::Config(format!(
                        "several migrations stopped half-way ({}): name one",
                        all.join(", ")
                    )));
                }
            };
            if !json {
                print_recoveries(plan.iter().filter(|r| r.version == version));
            }
            if matches!(action, RecoverAction::Rollback | RecoverAction::Retry) {
                confirm(args, &format!("Run these statements on the database for V{version}?"))?;
            }
            let done = migrator.recover(conn, version, action).await?;
            let word = match action {
                RecoverAction::Retry => "retried",
                RecoverAction::Rollback => "rolled back",
                RecoverAction::Skip => "skipped",
                RecoverAction::Mark(Resolution::Applied) => "marked applied",
                RecoverAction::Mark(Resolution::RolledBack) => "marked rolled back",
            };
            if json {
                print_json(json!({"dialect": dialect, "version": version, "action": word, "recovery": done}));
            } else {
                eprintln!("V{version} {} {word}.", done.name);
            }
        }
        Command::Repair { dry_run } => {
            let planned = migrator.repair_plan(conn).await?;
            if !json {
                for a in &planned {
                    let what = if a.fixes { "fix" } else { "to do by you" };
                    eprintln!("{} V{} ({what}): {}", a.action, a.version, a.detail);
                }
            }
            let fixes = planned.iter().filter(|a| a.fixes).count();
            let actions = if fixes == 0 || *dry_run {
                planned
            } else {
                confirm(args, &format!("Make these {fixes} change(s) to the history?"))?;
                migrator.repair(conn).await?
            };
            let fixed = actions.iter().filter(|a| a.fixes).count();
            if json {
                print_json(json!({"dialect": dialect, "dry_run": dry_run, "actions": actions}));
            } else if actions.is_empty() {
                eprintln!("Nothing to repair.");
            } else if *dry_run {
                eprintln!("Dry run: {fixed} change(s) would be made; nothing was changed.");
            } else {
                eprintln!("Repaired {fixed} row(s).");
            }
        }
        Command::Unlock { force } => {
            let cleared = migrator.unlock(conn, *force).await?;
            if json {
                print_json(json!({"dialect": dialect, "cleared": cleared}));
            } else {
                match cleared {
                    Some(h) => eprintln!("Cleared the lock held by {h}."),
                    None => eprintln!("The lock was not held."),
                }
            }
        }
        Command::New { .. } | Command::Schema { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// `migrate new` without `--from-db`: blank, or from a template checked against the
/// schema the migrations lead to: replayed on the model, or when some do not replay (SQL
/// files, async code) and a database URL is set, applied to a scratch database.
async fn new_migration(
    migrator: &Migrator,
    target: &Target<'_>,
    template: Option<Template>,
    params: &TemplateArgs,
    url: Option<&str>,
    json: bool,
) -> crate::Result<ExitCode> {
    let dialect = url.and_then(migrate_schema::Dialect::from_url);
    let file = match template {
        None => {
            if let Some(flag) = params.given().first() {
                return Err(Error::Config(format!("--{flag} describes a template: add --template KIND")));
            }
            crate::new::blank(migrator, target)?
        }
        Some(kind) => {
            let mut replayed = migrator.replay(dialect.unwrap_or(migrate_schema::Dialect::Sqlite), None)?;
            if let (false, Some(url), false) = (replayed.opaque.is_empty(), url, params.unchecked) {
                let (model, _) = migrator.expected_schema(url, None).await?;
                replayed = crate::Replayed { model, opaque: Vec::new() };
            }
            let known = crate::new::template::Known { model: &replayed.model, skipped: &replayed.opaque };
            let for_sql = dialect.filter(|_| target.sql);
            match crate::new::template::build(
                kind,
                params,
                dialect.unwrap_or(migrate_schema::Dialect::Postgres),
                &known,
            )? {
                crate::new::template::Output::Ops(ops) => {
                    crate::new::from_ops(migrator, target, for_sql.or(dialect), &replayed.model, &ops, &[])?
                }
                crate::new::template::Output::Data { rust, up_sql } => {
                    crate::new::data_file(migrator, target, for_sql, &rust, &up_sql)?
                }
            }
        }
    };
    crate::new::write(&file)?;
    created(&file, json, None);
    Ok(ExitCode::SUCCESS)
}

/// `migrate new --from-db`.
async fn new_from_db(
    migrator: &Migrator,
    conn: &mut Connection,
    url: &str,
    target: &Target<'_>,
    args: &Args,
) -> crate::Result<ExitCode> {
    let Command::New { renames, .. } = &args.command else { return Ok(ExitCode::SUCCESS) };
    let options = crate::diff::options(renames)?;
    let Some((file, changes)) = crate::new::from_db(migrator, conn, url, target, &options).await? else {
        if args.json {
            print_json(json!({"path": null, "changes": []}));
        } else {
            eprintln!("No changes: the database matches its migrations. Nothing written.");
        }
        return Ok(ExitCode::SUCCESS);
    };
    crate::new::write(&file)?;
    created(&file, args.json, Some(&changes));
    Ok(ExitCode::SUCCESS)
}

/// Reports a written migration; for one generated from the database, its changes and how
/// to record that the database already has them.
fn created(file: &NewFile, json: bool, changes: Option<&[migrate_schema::Change]>) {
    let path = file.path.display().to_string();
    if json {
        print_json(json!({"path": path, "version": file.version, "changes": changes.unwrap_or_default()}));
        return;
    }
    eprintln!("Created {path} (version {}).", file.version);
    let Some(changes) = changes else { return };
    let colour = std::io::stderr().is_terminal();
    for c in changes {
        eprintln!("  {}", change_line(c, colour));
    }
    if changes.iter().any(|c| c.destructive) {
        eprintln!("Destructive changes above: if one is a rename, run again with --rename table.old=new or old=new.");
    }
    if changes.iter().any(|c| c.unsupported) {
        eprintln!("Some changes have no operation: they are listed at the top of the migration, to write by hand.");
    }
    let rebuild = if path.ends_with(".rs") { "add it to your migrations module, rebuild, then " } else { "" };
    eprintln!(
        "This database already has these changes: {rebuild}record that with `migrate resolve {} --applied`.",
        file.version
    );
}
