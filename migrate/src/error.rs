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
    /// A database error outside any migration (connecting, reading the history).
    #[error("{context}: {source}")]
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
    /// applied, listed here, and `error` is the failure that stopped it.
    #[error("{error} ({} migration(s) applied before it stay applied: {})", .applied.len(), applied_list(.applied))]
    Partial {
        /// What was applied and committed before the failure, in order.
        applied: Vec<crate::Done>,
        /// The failure.
        error: Box<Error>,
    },
    /// Usage or configuration error (bad URL, no database URL, ...).
    #[error("{0}")]
    Config(String),
    /// An error raised by a migration's own code.
    #[error("{0}")]
    Custom(String),
}

impl Error {
    /// The exit code of the CLI contract: 2 for usage, configuration and unparsable
    /// migration files, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Config(_) | Error::DuplicateVersion { .. } | Error::File(_) => 2,
            Error::Partial { error, .. } => error.exit_code(),
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
}

impl From<sqlx::Error> for Error {
    fn from(source: sqlx::Error) -> Self {
        Self::Database { context: "database error".to_owned(), source }
    }
}
