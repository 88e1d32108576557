//! Columns: portable types, nullability, defaults and identity.

use serde::{Deserialize, Serialize};

/// A portable column type. Each dialect maps it to its own SQL type when rendering.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[non_exhaustive]
pub enum ColumnType {
    /// 16-bit integer.
    SmallInt,
    /// 32-bit integer.
    Int,
    /// 64-bit integer.
    BigInt,
    /// 32-bit float.
    Real,
    /// 64-bit float.
    Double,
    /// Exact decimal with `precision` digits, `scale` of them after the point.
    Decimal {
        /// Total number of digits.
        precision: u32,
        /// Digits after the decimal point.
        scale: u32,
    },
    /// Boolean.
    Boolean,
    /// Fixed-length text.
    Char {
        /// Length in characters.
        len: u32,
    },
    /// Variable-length text with a maximum length.
    Varchar {
        /// Maximum length in characters.
        len: u32,
    },
    /// Unbounded text.
    Text,
    /// Binary data.
    Bytes,
    /// Calendar date.
    Date,
    /// Time of day.
    Time,
    /// Date and time without time zone.
    Timestamp,
    /// Date and time with time zone (an instant).
    TimestampTz,
    /// UUID.
    Uuid,
    /// JSON document.
    Json,
    /// One of a fixed set of strings. PostgreSQL creates a named type `name`.
    Enum {
        /// Name of the type (PostgreSQL); other dialects inline the values.
        name: String,
        /// The allowed values, in order.
        values: Vec<String>,
    },
    /// A type written in the dialect's own SQL, used as is: the escape hatch.
    Native {
        /// The SQL type, e.g. `inet` or `mediumtext`.
        sql: String,
    },
}

impl ColumnType {
    /// Whether values of this type are integers (identity columns must be): the portable
    /// integer types, and native integer types such as MySQL's `int(10) unsigned`.
    ///
    /// ```
    /// use migrate_schema::ColumnType;
    /// assert!(ColumnType::Native { sql: "int(10) unsigned".into() }.is_integer());
    /// assert!(!ColumnType::Native { sql: "interval".into() }.is_integer());
    /// ```
    pub fn is_integer(&self) -> bool {
        match self {
            Self::SmallInt | Self::Int | Self::BigInt => true,
            Self::Native { sql } => {
                let lower = sql.trim().to_ascii_lowercase();
                let base = lower.split(|c: char| c == '(' || c.is_whitespace()).next().unwrap_or_default();
                matches!(base, "tinyint" | "smallint" | "mediumint" | "int" | "integer" | "bigint")
            }
            _ => false,
        }
    }
}

/// A literal default value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
#[non_exhaustive]
pub enum Literal {
    /// SQL `NULL`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string (also used for dates, times, UUIDs, decimals and JSON).
    Text(String),
    /// Binary data.
    Bytes(Vec<u8>),
}

/// A column default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
#[non_exhaustive]
pub enum DefaultValue {
    /// A literal value, rendered with the dialect's escaping.
    Value(Literal),
    /// The current date and time (`CURRENT_TIMESTAMP`).
    Now,
    /// A raw SQL expression, used as written.
    Expr(String),
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Portable type.
    #[serde(rename = "type")]
    pub ty: ColumnType,
    /// Whether `NULL` is allowed.
    pub nullable: bool,
    /// Default value, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<DefaultValue>,
    /// Identity / auto-increment column.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub identity: bool,
    /// PostgreSQL: an identity `GENERATED ALWAYS` (values may not be given) rather than
    /// `BY DEFAULT`. Other dialects have only the one kind.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub identity_always: bool,
    /// PostgreSQL: an identity column declared `serial` (a sequence the column owns and a
    /// `nextval` default) rather than `GENERATED … AS IDENTITY`; applications that call
    /// `nextval`, `currval` or `setval` on `<table>_<column>_seq` need it so. The other
    /// dialects render it as any identity column.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub serial: bool,
    /// The collation its values compare and sort by (`NOCASE`, `C`, `utf8mb4_bin`), where it
    /// is not the default of its table or database. On MySQL a collation names its character
    /// set too (`ascii_general_ci` is `CHARACTER SET ascii`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// MySQL: the value the column takes whenever its row is updated
    /// (`ON UPDATE CURRENT_TIMESTAMP`). The other dialects have no such clause (a trigger
    /// does it there) and refuse to render it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<DefaultValue>,
    /// A generated column: its value computed from the row's other columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Generated>,
    /// Comment (ignored by SQLite, which has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// How a generated column computes its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// The expression, as SQL of the dialect.
    pub expr: String,
    /// Stored with the row (`STORED`) rather than computed when read (`VIRTUAL`, which
    /// PostgreSQL before 18 does not have).
    #[serde(default)]
    pub stored: bool,
}

impl Column {
    /// A `NOT NULL` column of type `ty` with no default.
    pub fn new(name: impl Into<String>, ty: ColumnType) -> Self {
        Self {
            name: name.into(),
            ty,
            nullable: false,
            default: None,
            identity: false,
            identity_always: false,
            serial: false,
            collation: None,
            on_update: None,
            generated: None,
            comment: None,
        }
    }
}
