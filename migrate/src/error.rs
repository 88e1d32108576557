//! The runtime's error type.

use migrate_schema::{RenderError, SchemaError};

fn verification_message(problems: &[String]) -> String {
    let mut out = format!("{} problem(s) found before anything ran; nothing was applied:", problems.len());
    for p in problems {
        out.push_str("\n  - ");
        out.push_str(p);
    }
    out
}

fn applied_list(applied: &[crate::Done]) -> String {
    applied.iter().map(|d| format!("V{} {}", d.version, d.name)).collect::<Vec<_>>().join(", ")
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, with what was being done when it did.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A database error outside any migration (connecting, reading the history). The
    /// message is the server's own, with PostgreSQL's DETAIL and HINT.
    #[error("{context}: {}", database_message(source))]
    Database {
        /// What was being done.
        context: String,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
    /// A migration failed; nothing of it was committed where the database allows that.
    #[error("while applying V{version} {name}: {message}")]
    Migration {
        /// Its version.
        version: u64,
        /// Its name.
        name: String,
        /// What failed (the statement and the database's message).
        message: String,
        /// The error under it: the database's ([`StepError`](crate::StepError)) or the
        /// migration's own code's.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
    /// The operations of a migration do not apply to the schema the earlier ones built.
    #[error("V{version} {name} (defined at {location}): {source}")]
    Schema {
        /// Its version.
        version: u64,
        /// Its name.
        name: String,
        /// `file:line` of the migration.
        location: String,
        /// What is wrong.
        #[source]
        source: Box<SchemaError>,
    },
    /// The migration cannot be rendered for the connected database.
    #[error("V{version} {name} (defined at {location}): {source}")]
    Render {
        /// Its version.
        version: u64,
        /// Its name.
        name: String,
        /// `file:line` of the migration.
        location: String,
        /// What is unsupported.
        #[source]
        source: Box<RenderError>,
    },
    /// The migration has no down.
    #[error("V{version} {name} cannot be rolled back: {reason}; nothing was rolled back")]
    Irreversible {
        /// Its version.
        version: u64,
        /// Its name.
        name: String,
        /// Why.
        reason: String,
    },
    /// A SQL migration file that cannot be used (misnamed, unparsable).
    #[error("{0}; nothing was applied")]
    File(Box<crate::sql::FileError>),
    /// Applied migrations do not match the available ones (edited, missing, out of
    /// order, failed half-way).
    #[error("{}", verification_message(.0))]
    Verification(Vec<String>),
    /// The migration lock could not be taken or cleared.
    #[error("{0}")]
    Lock(String),
    /// Two migrations share a version.
    #[error("duplicate migration version {version}: `{first}` and `{second}`; give one of them another version")]
    DuplicateVersion {
        /// The version.
        version: u64,
        /// One place (`name at file:line`).
        first: String,
        /// The other.
        second: String,
    },
    /// Pending migrations carry risks the configuration refuses.
    #[error(
        "{} risk(s) at level {refused} or above, which this environment refuses; nothing was applied:\n  - {}\n\
         Accept a rule in the migration (`allow_risk = \"rule\"`, or `-- Allow risk: rule` in a SQL file's \
         header), or pass --allow-risk",
        .risks.len(),
        .risks.join("\n  - ")
    )]
    Risk {
        /// The level refused.
        refused: migrate_schema::risk::Level,
        /// Each risk, with its migration and place.
        risks: Vec<String>,
    },
    /// A listener registered with [`crate::Migrator::on_event`] stopped the run; what was
    /// applied before stays applied.
    #[error("a listener stopped the run at {event}: {message}")]
    Stopped {
        /// The event (`migration_started`, ...).
        event: &'static str,
        /// The listener's message.
        message: String,
    },
    /// A run that failed after some migrations were applied and committed: those stay
    /// applied, and `report` says what the run did before `error` stopped it.
    #[error("{error} ({} migration(s) applied before it stay applied: {})", .report.applied.len(), applied_list(&.report.applied))]
    Partial {
        /// What the run did and committed before the failure.
        report: Box<crate::Report>,
        /// The failure.
        #[source]
        error: Box<Error>,
    },
    /// A seed was refused before anything ran, or failed and was rolled back: nothing of it
    /// was written.
    #[error("seed `{name}`: {message}")]
    Seed {
        /// The seed.
        name: String,
        /// What is wrong, with the file and line or the table and column.
        message: String,
        /// The error under it (the database's).
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
    /// `migrate import` found what stops it (a migration the other tool did not finish, a
    /// file edited since it ran) before writing anything.
    #[error("import from {tool}: {message}; nothing was imported")]
    Import {
        /// The tool imported from.
        tool: &'static str,
        /// What stops it, naming the files or versions, and what to do.
        message: String,
    },
    /// Reading or writing a file (a backup, a snapshot, the typed schema module) failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, naming the file.
        context: String,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// Something the tool was doing failed because of the error under it.
    #[error("{context}: {source}")]
    Within {
        /// What was being done.
        context: String,
        /// What failed.
        #[source]
        source: Box<Error>,
    },
    /// Usage or configuration error (bad URL, no database URL, ...).
    #[error("{0}")]
    Config(String),
    /// An error raised by a migration's own code (or a test helper's finding).
    #[error("{0}")]
    Custom(String),
}

impl Error {
    /// The exit code of the CLI contract: 2 for usage, configuration and unparsable
    /// migration files, 1 for everything else (a failed migration, a database or I/O error).
    ///
    /// ```
    /// let full = std::io::Error::other("No space left on device");
    /// assert_eq!(migrate::Error::io("writing backups/up.sql.gz")(full).exit_code(), 1);
    /// assert_eq!(migrate::Error::Config("no database URL".into()).exit_code(), 2);
    /// ```
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::File(f) if f.unreadable => 1,
            Error::Config(_) | Error::DuplicateVersion { .. } | Error::File(_) => 2,
            Error::Partial { error, .. } | Error::Within { source: error, .. } => error.exit_code(),
            _ => 1,
        }
    }

    /// An error from a migration's own code, with a message.
    ///
    /// ```
    /// let e = migrate::Error::custom("no admin user");
    /// assert_eq!(e.to_string(), "no admin user");
    /// ```
    pub fn custom(message: impl Into<String>) -> Self {
        Self::Custom(message.into())
    }

    pub(crate) fn db(context: impl Into<String>) -> impl FnOnce(sqlx::Error) -> Self {
        let context = context.into();
        move |source| Self::Database { context, source }
    }

    /// A statement the tool sent failed: the database's error, with the statement.
    pub(crate) fn step(context: impl Into<String>) -> impl FnOnce(crate::StepError) -> Self {
        let context = context.into();
        move |e| Self::Database { context: format!("{context} (statement: {})", e.sql), source: e.source }
    }

    /// An I/O error while `context` (which names the file).
    ///
    /// ```
    /// let e = migrate::Error::io("reading x.sql")(std::io::ErrorKind::NotFound.into());
    /// assert!(e.to_string().starts_with("reading x.sql: "));
    /// ```
    pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let context = context.into();
        move |source| Self::Io { context, source }
    }

    /// `context` failed because of `self`.
    pub(crate) fn within(self, context: impl Into<String>) -> Self {
        Self::Within { context: context.into(), source: Box::new(self) }
    }

    /// The messages of this error and its causes, each said once: a cause whose text (each
    /// of its lines) a message before it already holds is left out (most errors here, and sqlx's, repeat
    /// their cause in their own message). Database errors read as the server says them.
    ///
    /// ```
    /// let e = migrate::Error::io("writing up.sql")(std::io::Error::other("disk full"));
    /// assert_eq!(e.chain(), ["writing up.sql: disk full"]);
    /// ```
    pub fn chain(&self) -> Vec<String> {
        let mut said: Vec<String> = Vec::new();
        let mut next: Option<&(dyn std::error::Error + 'static)> = Some(self);
        while let Some(e) = next {
            let (text, under) = match e.downcast_ref::<sqlx::Error>() {
                // The server's error under it is what `database_message` said.
                Some(db @ sqlx::Error::Database(_)) => (database_message(db), None),
                Some(db) => (database_message(db), e.source()),
                None => (e.to_string(), e.source()),
            };
            // Said already when each of its lines is (a statement may sit between a
            // server's message and its DETAIL).
            let redundant = text.lines().all(|line| said.iter().any(|s| s.contains(line)));
            if !redundant {
                said.push(text);
            }
            next = under;
        }
        said
    }
}

/// The database's message as its own client shows it: PostgreSQL's with its DETAIL, HINT
/// and the table, column and constraint it names (never the server's C source line, which
/// sqlx appends); MySQL's with its error number; SQLite's with its result code.
pub(crate) fn database_message(e: &sqlx::Error) -> String {
    let (message, details) = database_parts(e);
    message + &details
}

/// [`database_message`] as the one-line message and the lines that follow it (`\nDETAIL:
/// ...`, `\nHINT: ...`; empty when there are none), for a caller that adds to the line.
pub(crate) fn database_parts(e: &sqlx::Error) -> (String, String) {
    let sqlx::Error::Database(db) = e else { return (e.to_string(), String::new()) };
    #[cfg(feature = "postgres")]
    if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        return postgres_parts(pg);
    }
    (db.to_string(), String::new())
}

/// [`database_parts`] of a PostgreSQL error, from its fields.
#[cfg(feature = "postgres")]
fn postgres_parts(pg: &sqlx::postgres::PgDatabaseError) -> (String, String) {
    let mut message = pg.message().to_owned();
    let named = [("table", pg.table()), ("column", pg.column()), ("constraint", pg.constraint())];
    let named: Vec<String> = named
        .iter()
        .filter_map(|(what, name)| {
            name.filter(|n| !message.contains(&format!("\"{n}\""))).map(|n| format!("{what} {n}"))
        })
        .collect();
    if !named.is_empty() {
        message.push_str(&format!(" ({})", named.join(", ")));
    }
    let mut details = String::new();
    if let Some(detail) = pg.detail() {
        details.push_str(&format!("\nDETAIL: {detail}"));
    }
    if let Some(hint) = pg.hint() {
        details.push_str(&format!("\nHINT: {hint}"));
    }
    (message, details)
}

impl From<sqlx::Error> for Error {
    fn from(source: sqlx::Error) -> Self {
        Self::Database { context: "database error".to_owned(), source }
    }
}
