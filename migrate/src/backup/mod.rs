//! Whole-database backups before destructive commands, and restoring them.
//!
//! - **SQLite**: `VACUUM INTO` a new file (a consistent copy, taken online).
//! - **PostgreSQL**: `pg_dump --format=custom`, restored with `pg_restore`.
//! - **MySQL/MariaDB**: `mysqldump --single-transaction` (routines and triggers included),
//!   restored with the `mysql` client.
//! - Without those tools (or with [`Tool::BuiltIn`]): a logical dump written by the
//!   database itself through the connection, schema and rows as SQL (see `logical.rs`).
//!
//! The audit and lock tables are left out of every backup and kept by a restore: the audit
//! trail stays append-only, and the restore itself is recorded in it. Each backup has a
//! JSON file beside it saying when it was taken, of which database, before which command
//! and at which applied version.
//!
//! Besides whole-database backups, `up` keeps the rows of every table and column a migration
//! drops in a table of their own, which rolling the migration back puts back ([`kept`],
//! [`purge_kept`]).

pub use crate::keep::{Kept, list as kept};

mod logical;
mod mysql;
mod postgres;
mod sqlite;

use crate::driver::{Connection, redact};
use crate::error::{Error, Result};
use crate::history;
use migrate_schema::Dialect;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A backup and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Backup {
    /// Its name: `YYYYMMDDTHHMMSS_command`.
    pub name: String,
    /// The backup file.
    pub file: PathBuf,
    /// `postgresql`, `mysql` or `sqlite`.
    pub dialect: String,
    /// The database, password hidden.
    pub database: String,
    /// When it was taken (UTC, RFC 3339).
    pub created_at: String,
    /// The command it was taken before (`up`, `down`, `reset`, `fresh`, or `manual`).
    pub before: String,
    /// The highest applied migration when it was taken.
    pub version: Option<u64>,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// How it was taken: `vacuum_into`, `pg_dump`, `mysqldump` or `logical`.
    #[serde(default)]
    pub method: String,
}

/// What takes PostgreSQL and MySQL backups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tool {
    /// `pg_dump`/`mysqldump` when installed, else the built-in logical dump.
    #[default]
    Auto,
    /// The built-in logical dump, through the connection (no client tools needed).
    BuiltIn,
}

impl Tool {
    /// `auto` or `builtin`.
    pub fn parse(text: &str) -> Option<Tool> {
        match text {
            "auto" => Some(Tool::Auto),
            "builtin" => Some(Tool::BuiltIn),
            _ => None,
        }
    }
}

/// Whether `tool` can be started here.
/// A database's own whole-database backup, one file per database: its client tools
/// (`pg_dump`/`pg_restore`, `mysqldump`/`mysql`) or its own statement (SQLite's
/// `VACUUM INTO`). The built-in logical dump (`logical.rs`) serves every database.
trait Native {
    /// The `method` a backup's description records.
    const METHOD: &'static str;
    /// The backup file's extension.
    const EXTENSION: &'static str;
    /// Whether it can be used here (its client tools are installed).
    fn available() -> bool;
    /// Write the database behind `conn` (reachable at `url`) to `file`, without the audit
    /// and lock tables.
    async fn dump(conn: &mut Connection, url: &str, file: &Path) -> Result<()>;
    /// Load `file` into the database, emptied of everything but the audit and lock tables.
    async fn load(conn: &mut Connection, url: &str, file: &Path) -> Result<()>;
    /// The schema alone, as SQL texts to execute in order, the tool's own tables left out;
    /// `None` when the tool is missing or fails.
    fn schema(url: &str, own: &crate::tables::Tables) -> Option<Vec<String>>;
}

/// Run `$body` with `$d` the [`Native`] backup of `$dialect`.
macro_rules! each {
    ($dialect:expr, $d:ident => $body:expr) => {
        match $dialect {
            Dialect::Postgres => {
                type $d = postgres::Postgres;
                $body
            }
            Dialect::MySql => {
                type $d = mysql::MySql;
                $body
            }
            Dialect::Sqlite => {
                type $d = sqlite::Sqlite;
                $body
            }
        }
    };
}

/// The schema of the database at `url` as its dump tool writes it (`pg_dump --schema-only`,
/// `mysqldump --no-data` with routines and triggers), the tool's own tables left out, as
/// SQL texts to execute in order; `None` when the tool is not installed or fails (and on
/// SQLite, which has no dump tool to run).
pub(crate) fn schema_dump(dialect: Dialect, url: &str, own: &crate::tables::Tables) -> Option<Vec<String>> {
    each!(dialect, D => D::schema(url, own))
}

/// What `c` writes on stdout, when it runs and succeeds.
fn output_of(mut c: Command) -> Option<String> {
    let out = c.stdin(Stdio::null()).stderr(Stdio::piped()).output().ok()?;
    if !out.status.success() {
        tracing::debug!("dumping the schema failed: {}", String::from_utf8_lossy(&out.stderr).trim());
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

fn installed(tool: &str) -> bool {
    Command::new(tool).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Back up the database behind `conn` (reachable at `url`) into `dir`, before `command`,
/// with the client tools where installed. The backup is recorded in the audit table.
pub async fn create(conn: &mut Connection, url: &str, dir: &Path, command: &str) -> Result<Backup> {
    create_with(conn, url, dir, command, Tool::Auto).await
}

/// [`create`], choosing what takes PostgreSQL and MySQL backups.
pub async fn create_with(conn: &mut Connection, url: &str, dir: &Path, command: &str, tool: Tool) -> Result<Backup> {
    let started = std::time::Instant::now();
    std::fs::create_dir_all(dir).map_err(Error::io(format!("creating {}", dir.display())))?;
    let now = chrono_clock::Utc::now();
    let name = format!("{}_{command}", now.format("%Y%m%dT%H%M%S%.3f")).replace('.', "");
    let dialect = conn.dialect();
    // `builtin` is for the servers' dumps: SQLite's own copy needs no client tool.
    let native = match (tool, dialect) {
        (Tool::BuiltIn, Dialect::Postgres | Dialect::MySql) => None,
        _ => each!(dialect, D => D::available().then_some((D::METHOD, D::EXTENSION))),
    };
    let (method, extension) = native.unwrap_or(("logical", "sql"));
    let file = dir.join(format!("{name}.{extension}"));
    match native {
        Some(_) => each!(dialect, D => D::dump(conn, url, &file).await)?,
        None => logical::dump(conn, &file).await?,
    }
    let own = conn.tables();
    let version = if conn.table_exists(&own.history).await.unwrap_or(false) {
        history::highest_applied(&history::rows(conn).await?)
    } else {
        None
    };
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let backup = Backup {
        name,
        file,
        dialect: dialect.name().to_owned(),
        database: redact(url),
        created_at: now.to_rfc3339(),
        before: command.to_owned(),
        version,
        bytes,
        method: method.to_owned(),
    };
    let meta = serde_json::to_string_pretty(&backup).map_err(|e| Error::Custom(e.to_string()))?;
    let meta_path = dir.join(format!("{}.json", backup.name));
    std::fs::write(&meta_path, meta).map_err(Error::io(format!("writing {}", meta_path.display())))?;
    let detail = format!("backup {} ({} bytes) before {command}", backup.file.display(), backup.bytes);
    audit(conn, "backup", version, detail, started).await?;
    Ok(backup)
}

/// Every backup in `dir`, oldest first.
pub fn list(dir: &Path) -> Result<Vec<Backup>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("reading {}", dir.display()))(e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).map_err(Error::io(format!("reading {}", path.display())))?;
            let backup: Backup = serde_json::from_str(&text)
                .map_err(|e| Error::Config(format!("{}: not a backup's description: {e}", path.display())))?;
            out.push(backup);
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The backup called `name` (or whose file is `name`) in `dir`.
pub fn find(dir: &Path, name: &str) -> Result<Backup> {
    let all = list(dir)?;
    all.iter()
        .find(|b| b.name == name || b.file == Path::new(name) || b.file.file_name() == Path::new(name).file_name())
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|b| b.name.as_str()).collect();
            Error::Config(format!(
                "no backup {name} in {} (backups: {})",
                dir.display(),
                if known.is_empty() { "none".to_owned() } else { known.join(", ") }
            ))
        })
}

/// Bring the database behind `conn` (reachable at `url`) back to `backup`: everything but
/// the audit and lock tables is dropped, then the backup is loaded. Recorded in the audit
/// table.
pub async fn restore(conn: &mut Connection, url: &str, backup: &Backup) -> Result<()> {
    let started = std::time::Instant::now();
    let dialect = conn.dialect();
    if backup.dialect != dialect.name() {
        return Err(Error::Config(format!("{} is a {} backup, not {}", backup.name, backup.dialect, dialect.name())));
    }
    if !backup.file.is_file() {
        return Err(Error::Config(format!("{}: the backup file is missing", backup.file.display())));
    }
    conn.drop_everything().await?;
    conn.execute(&format!("DROP TABLE IF EXISTS {}", conn.tables().history))
        .await
        .map_err(Error::db("restoring: dropping the history table"))?;
    match backup.method.as_str() {
        "logical" => logical::load(conn, &backup.file).await?,
        _ => each!(dialect, D => D::load(conn, url, &backup.file).await)?,
    }
    let detail = format!("restored {} (taken {} before {})", backup.name, backup.created_at, backup.before);
    audit(conn, "restore", backup.version, detail, started).await
}

/// Delete the backups of `dir` taken more than `older_than` ago; returns them.
pub fn purge(dir: &Path, older_than: std::time::Duration) -> Result<Vec<Backup>> {
    let cutoff = cutoff(older_than)?;
    let mut purged = Vec::new();
    for backup in list(dir)? {
        let taken = chrono_clock::DateTime::parse_from_rfc3339(&backup.created_at)
            .map_err(|e| Error::Config(format!("{}: created_at: {e}", backup.name)))?;
        if taken < cutoff {
            let _ = std::fs::remove_file(&backup.file);
            let _ = std::fs::remove_file(dir.join(format!("{}.json", backup.name)));
            purged.push(backup);
        }
    }
    Ok(purged)
}

/// Drop the tables of rows kept before drops (see [`kept`]) made more than `older_than`
/// ago; returns them.
pub async fn purge_kept(conn: &mut Connection, older_than: std::time::Duration) -> Result<Vec<Kept>> {
    let cutoff = cutoff(older_than)?.to_rfc3339_opts(chrono_clock::SecondsFormat::Secs, true);
    crate::keep::purge(conn, &cutoff).await
}

fn cutoff(older_than: std::time::Duration) -> Result<chrono_clock::DateTime<chrono_clock::Utc>> {
    let age = chrono_clock::Duration::from_std(older_than).map_err(|e| Error::Config(format!("--older-than: {e}")))?;
    Ok(chrono_clock::Utc::now() - age)
}

async fn audit(
    conn: &mut Connection,
    action: &'static str,
    version: Option<u64>,
    detail: String,
    started: std::time::Instant,
) -> Result<()> {
    history::ensure(conn).await?;
    let entry = history::Audit {
        action,
        version,
        name: None,
        outcome: "ok",
        detail: Some(detail),
        duration_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
    };
    conn.execute_statement(&crate::history::Sql::of(conn).audit(&entry))
        .await
        .map_err(Error::db("writing the audit trail"))?;
    Ok(())
}

/// Run a dump or restore tool; its standard error is the message when it fails.
fn run(mut c: Command, tool: &str, input: Option<std::fs::File>) -> Result<()> {
    if let Some(input) = input {
        c.stdin(input);
    }
    let out = c
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| Error::Config(format!("{tool} could not be started ({e}); install it or turn backups off")))?;
    if !out.status.success() {
        return Err(Error::Custom(format!("{tool} failed: {}", String::from_utf8_lossy(&out.stderr).trim())));
    }
    Ok(())
}
