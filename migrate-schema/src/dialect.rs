//! The three SQL dialects and what each can do: the one table the renderers, the replay
//! and the engine consult, depending on nothing else in the crate.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A SQL dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// PostgreSQL.
    Postgres,
    /// MySQL and MariaDB (InnoDB).
    MySql,
    /// SQLite.
    Sqlite,
}

impl Dialect {
    /// All dialects.
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::MySql, Dialect::Sqlite];

    /// Whether the stored names `a` and `b` name the same table or column.
    ///
    /// ```
    /// use migrate_schema::Dialect;
    /// assert!(Dialect::Sqlite.same_name("UnsavedId", "unsavedid"));
    /// assert!(!Dialect::Postgres.same_name("UnsavedId", "unsavedid"));
    /// ```
    pub fn same_name(self, a: &str, b: &str) -> bool {
        a == b || (self.capabilities().names_ignore_case && a.eq_ignore_ascii_case(b))
    }

    /// What the dialect can do.
    pub fn capabilities(self) -> &'static Capabilities {
        match self {
            Dialect::Postgres => &POSTGRES,
            Dialect::MySql => &MYSQL,
            Dialect::Sqlite => &SQLITE,
        }
    }

    /// The dialect of a database URL (`postgres://`, `postgresql://`, `mysql://`,
    /// `mariadb://`, `sqlite:`).
    ///
    /// ```
    /// use migrate_schema::Dialect;
    /// assert_eq!(Dialect::from_url("sqlite://app.db"), Some(Dialect::Sqlite));
    /// assert_eq!(Dialect::from_url("redis://x"), None);
    /// ```
    pub fn from_url(url: &str) -> Option<Self> {
        let scheme = url.split(':').next()?.to_ascii_lowercase();
        match scheme.as_str() {
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            "mysql" | "mariadb" => Some(Dialect::MySql),
            "sqlite" => Some(Dialect::Sqlite),
            _ => None,
        }
    }

    /// `name` as a quoted identifier: `` `name` `` on MySQL, `"name"` elsewhere, the quote
    /// character doubled inside. The one quoting function of the crates.
    ///
    /// ```
    /// use migrate_schema::Dialect;
    /// assert_eq!(Dialect::MySql.quote("a`b"), "`a``b`");
    /// assert_eq!(Dialect::Postgres.quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    /// ```
    pub fn quote(self, name: &str) -> String {
        match self {
            Dialect::MySql => format!("`{}`", name.replace('`', "``")),
            Dialect::Postgres | Dialect::Sqlite => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// The name used in file headers and configuration: `postgresql`, `mysql`, `sqlite`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgresql",
            Dialect::MySql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::MySql => "MySQL",
            Dialect::Sqlite => "SQLite",
        })
    }
}

/// The per-dialect capability table: one place that says what each dialect can do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Capabilities {
    /// DDL runs inside transactions and rolls back (PostgreSQL, SQLite; not MySQL).
    pub transactional_ddl: bool,
    /// `CREATE INDEX ... WHERE` (PostgreSQL, SQLite).
    pub partial_indexes: bool,
    /// `ALTER TABLE` can change a column's type, nullability and default in place.
    pub alter_column: bool,
    /// `ALTER TABLE` can add and drop foreign keys, unique and check constraints.
    pub alter_constraints: bool,
    /// Enumerations are named types created before use (PostgreSQL).
    pub named_enum_types: bool,
    /// Tables and columns carry comments.
    pub comments: bool,
    /// Names that differ only in case name the same table or column (SQLite; MySQL's
    /// columns always, its tables where `lower_case_table_names` says so). PostgreSQL
    /// compares exactly, after folding unquoted names to lower case.
    pub names_ignore_case: bool,
    /// The function that builds a JSON array of its arguments (`json_build_array`,
    /// `JSON_ARRAY`, `json_array`): how seeds read rows back as one text value each.
    pub json_array: &'static str,
    /// The type `CAST(x AS …)` names for text.
    pub text_type: &'static str,
    /// A bound parameter keeps the type it was bound with, so text bound for a date column
    /// (or a NULL bound for any column) needs `CAST(? AS type)` (PostgreSQL); the others
    /// convert bound values to the column's type.
    pub bound_values_need_cast: bool,
}

const POSTGRES: Capabilities = Capabilities {
    transactional_ddl: true,
    partial_indexes: true,
    alter_column: true,
    alter_constraints: true,
    named_enum_types: true,
    names_ignore_case: false,
    comments: true,
    json_array: "json_build_array",
    text_type: "text",
    bound_values_need_cast: true,
};

const MYSQL: Capabilities = Capabilities {
    transactional_ddl: false,
    partial_indexes: false,
    alter_column: true,
    alter_constraints: true,
    named_enum_types: false,
    names_ignore_case: true,
    comments: true,
    json_array: "JSON_ARRAY",
    text_type: "char",
    bound_values_need_cast: false,
};

const SQLITE: Capabilities = Capabilities {
    transactional_ddl: true,
    partial_indexes: true,
    alter_column: false,
    alter_constraints: false,
    named_enum_types: false,
    names_ignore_case: true,
    comments: false,
    json_array: "json_array",
    text_type: "text",
    bound_values_need_cast: false,
};
