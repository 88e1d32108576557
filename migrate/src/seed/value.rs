//! The values a seed writes: [`SeedValue`], what Rust values become one, the typed column
//! handles of the schema module ([`Column`]) through which the compiler checks a seed's
//! names and types, and which values a column of each type accepts.

use migrate_schema::ColumnType;
use std::marker::PhantomData;

/// One value of a seed row. Serialised as plain JSON (`null`, `true`, `42`, `1.5`, `"text"`),
/// which is also how the seed tables keep what a seed wrote and what it replaced.
///
/// ```
/// use migrate::seed::SeedValue;
/// assert_eq!(SeedValue::from(10), SeedValue::Int(10));
/// assert_eq!(SeedValue::from(None::<&str>), SeedValue::Null);
/// assert_eq!(serde_json::to_string(&SeedValue::from("admin")).unwrap(), "\"admin\"");
/// ```
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum SeedValue {
    /// SQL `NULL`.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text; also how dates, times, UUIDs, decimals and JSON documents are written (the
    /// database converts it to the column's type).
    Text(String),
}

impl SeedValue {
    /// What kind of value it is, for messages: `null`, `a boolean`, ...
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            SeedValue::Null => "null",
            SeedValue::Bool(_) => "a boolean",
            SeedValue::Int(_) => "an integer",
            SeedValue::Float(_) => "a number",
            SeedValue::Text(_) => "text",
        }
    }

    /// The value as JSON read back from a seed table or from the database (a JSON
    /// document in a JSON column becomes its text).
    pub(crate) fn from_json(value: serde_json::Value) -> SeedValue {
        match value {
            serde_json::Value::Null => SeedValue::Null,
            serde_json::Value::Bool(b) => SeedValue::Bool(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => SeedValue::Int(i),
                None => SeedValue::Float(n.as_f64().unwrap_or_default()),
            },
            serde_json::Value::String(s) => SeedValue::Text(s),
            other => SeedValue::Text(other.to_string()),
        }
    }

    /// The value to bind in a column of `family`: a NULL has the family's type.
    pub(crate) fn to_sea_for(&self, family: Family) -> sea_query::Value {
        match (self, family) {
            (SeedValue::Null, Family::Integer) => sea_query::Value::BigInt(None),
            (SeedValue::Null, Family::Bool) => sea_query::Value::Bool(None),
            _ => self.to_sea(),
        }
    }

    /// The value to bind.
    fn to_sea(&self) -> sea_query::Value {
        match self {
            SeedValue::Null => sea_query::Value::String(None),
            SeedValue::Bool(b) => (*b).into(),
            SeedValue::Int(i) => (*i).into(),
            SeedValue::Float(f) => (*f).into(),
            SeedValue::Text(s) => s.as_str().into(),
        }
    }
}

macro_rules! from_via {
    ($variant:ident, $as:ty: $($t:ty),*) => {
        $(impl From<$t> for SeedValue {
            fn from(v: $t) -> Self {
                SeedValue::$variant(<$as>::from(v))
            }
        })*
    };
}
from_via!(Int, i64: i8, i16, i32, i64, u8, u16, u32);
from_via!(Float, f64: f32, f64);
from_via!(Bool, bool: bool);
from_via!(Text, String: &str, String, &String, char);

impl<T: Into<SeedValue>> From<Option<T>> for SeedValue {
    fn from(v: Option<T>) -> Self {
        v.map_or(SeedValue::Null, Into::into)
    }
}

macro_rules! from_display {
    ($feature:literal: $($t:ty),*) => {
        $(#[cfg(feature = $feature)]
        impl From<$t> for SeedValue {
            fn from(v: $t) -> Self {
                SeedValue::Text(v.to_string())
            }
        })*
    };
}
from_display!("chrono": sqlx::types::chrono::NaiveDate, sqlx::types::chrono::NaiveTime,
    sqlx::types::chrono::NaiveDateTime, sqlx::types::chrono::DateTime<sqlx::types::chrono::Utc>);
from_display!("uuid": sqlx::types::Uuid);
from_display!("rust_decimal": sqlx::types::Decimal);
from_display!("json": sqlx::types::JsonValue);

/// A column of the typed schema module (`migrate schema --rust` writes one per column:
/// `Users::EMAIL`), carrying its table, name and Rust type, so that a seed setting it to a
/// value of another type, or naming a column a migration dropped, does not compile.
///
/// ```
/// use migrate::seed::{Column, Seeds};
/// const NAME: Column<String> = Column::new("roles", "name");
/// const LEVEL: Column<i16> = Column::new("roles", "level");
/// let mut s = Seeds::new();
/// s.upsert("roles").key([NAME]).row(|r| r.set(NAME, "admin").set(LEVEL, 10));
/// ```
pub struct Column<T> {
    table: &'static str,
    name: &'static str,
    ty: PhantomData<fn() -> T>,
}

impl<T> Column<T> {
    /// The column `name` of `table`.
    pub const fn new(table: &'static str, name: &'static str) -> Self {
        Self { table, name, ty: PhantomData }
    }

    /// Its table.
    pub fn table(&self) -> &'static str {
        self.table
    }

    /// Its name.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Column<T> {}

/// A value a column of Rust type `T` takes: a `T`, a `T` for an `Option<T>` column, and
/// `&str` for text.
#[diagnostic::on_unimplemented(
    message = "a column of Rust type `{T}` does not take a value of type `{Self}`",
    label = "this column takes `{T}` values",
    note = "the typed schema module gives each column the type of its SQL type (`migrate schema --rust`)"
)]
pub trait IntoTyped<T> {
    /// The value.
    fn into_seed_value(self) -> SeedValue;
}

impl<T: Into<SeedValue>> IntoTyped<T> for T {
    fn into_seed_value(self) -> SeedValue {
        self.into()
    }
}

impl<T: Into<SeedValue>> IntoTyped<Option<T>> for T {
    fn into_seed_value(self) -> SeedValue {
        self.into()
    }
}

impl IntoTyped<String> for &str {
    fn into_seed_value(self) -> SeedValue {
        self.into()
    }
}

impl IntoTyped<Option<String>> for &str {
    fn into_seed_value(self) -> SeedValue {
        self.into()
    }
}

/// What a row's `set` takes as its column: a name (checked against the database before
/// anything runs) or a typed [`Column`] (checked by the compiler).
pub trait SetColumn<V> {
    /// The column's name.
    fn column_name(&self) -> String;
    /// The value for it.
    fn value(value: V) -> SeedValue;
}

impl<V: Into<SeedValue>> SetColumn<V> for &str {
    fn column_name(&self) -> String {
        (*self).to_owned()
    }
    fn value(value: V) -> SeedValue {
        value.into()
    }
}

impl<V: Into<SeedValue>> SetColumn<V> for String {
    fn column_name(&self) -> String {
        self.clone()
    }
    fn value(value: V) -> SeedValue {
        value.into()
    }
}

impl<T, V: IntoTyped<T>> SetColumn<V> for Column<T> {
    fn column_name(&self) -> String {
        self.name.to_owned()
    }
    fn value(value: V) -> SeedValue {
        value.into_seed_value()
    }
}

/// A column named in a key: a name or a typed [`Column`].
pub trait ColumnName {
    /// The name.
    fn column_name(&self) -> String;
}

impl ColumnName for &str {
    fn column_name(&self) -> String {
        (*self).to_owned()
    }
}

impl ColumnName for String {
    fn column_name(&self) -> String {
        self.clone()
    }
}

impl<T> ColumnName for Column<T> {
    fn column_name(&self) -> String {
        self.name.to_owned()
    }
}

/// The families of column types, for what values each accepts and how a value is bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Integer,
    Float,
    Decimal,
    Bool,
    Text,
    /// Dates, times, UUIDs, JSON, enums and native types: written as text, which the
    /// database converts.
    Textual,
    Bytes,
}

impl Family {
    pub(crate) fn of(ty: &ColumnType) -> Family {
        match ty {
            _ if ty.is_integer() => Family::Integer,
            ColumnType::Real | ColumnType::Double => Family::Float,
            ColumnType::Decimal { .. } => Family::Decimal,
            ColumnType::Boolean => Family::Bool,
            ColumnType::Char { .. } | ColumnType::Varchar { .. } | ColumnType::Text => Family::Text,
            ColumnType::Bytes => Family::Bytes,
            ColumnType::Native { sql } => Family::of_native(sql),
            _ => Family::Textual,
        }
    }

    /// A type written in the database's own words (SQLite keeps declared spellings such as
    /// `TEXT` or `VARCHAR(20)`), by SQLite's affinity rules where they apply.
    fn of_native(sql: &str) -> Family {
        let upper = sql.to_ascii_uppercase();
        let has = |word: &str| upper.contains(word);
        match () {
            _ if has("CHAR") || has("CLOB") || has("TEXT") => Family::Text,
            _ if has("BLOB") || has("BYTEA") || has("BINARY") => Family::Bytes,
            _ if has("BOOL") => Family::Bool,
            _ if has("REAL") || has("FLOA") || has("DOUB") => Family::Float,
            _ if has("DEC") || has("NUMERIC") => Family::Decimal,
            _ => Family::Textual,
        }
    }

    /// Whether a column of this family takes `value` (`NULL` is checked apart, against the
    /// column's nullability).
    pub(crate) fn accepts(self, value: &SeedValue) -> bool {
        match (self, value) {
            (_, SeedValue::Null) => true,
            (Family::Bytes, _) => false,
            (Family::Integer, SeedValue::Int(_)) => true,
            (Family::Float | Family::Decimal, SeedValue::Int(_) | SeedValue::Float(_)) => true,
            (Family::Decimal, SeedValue::Text(t)) => t.trim().parse::<f64>().is_ok(),
            (Family::Bool, SeedValue::Bool(_)) => true,
            (Family::Text | Family::Textual, SeedValue::Text(_)) => true,
            _ => false,
        }
    }

    /// A value read from a CSV cell (or a JSON string where the column wants another
    /// type) for a column of this family: `None` when the text is not one.
    pub(crate) fn parse(self, text: &str) -> Option<SeedValue> {
        let t = text.trim();
        match self {
            Family::Integer => t.parse().ok().map(SeedValue::Int),
            Family::Float => t.parse().ok().map(SeedValue::Float),
            Family::Decimal => t.parse::<f64>().ok().map(|_| SeedValue::Text(t.to_owned())),
            Family::Bool => match t.to_ascii_lowercase().as_str() {
                "true" | "t" | "yes" | "1" => Some(SeedValue::Bool(true)),
                "false" | "f" | "no" | "0" => Some(SeedValue::Bool(false)),
                _ => None,
            },
            Family::Text | Family::Textual => Some(SeedValue::Text(text.to_owned())),
            Family::Bytes => None,
        }
    }

    /// Whether `mine` (a value a seed writes) and `theirs` (the column's value read back as
    /// JSON) are the same: `None` where their texts differ and only the database can tell
    /// (dates, times, UUIDs, JSON, numbers written differently).
    pub(crate) fn same(self, mine: &SeedValue, theirs: &SeedValue) -> Option<bool> {
        use SeedValue::{Bool, Float, Int, Null, Text};
        let number = |v: &SeedValue| match v {
            Int(i) => Some(*i as f64),
            Float(f) => Some(*f),
            Text(t) => t.trim().parse().ok(),
            _ => None,
        };
        match (self, mine, theirs) {
            (_, Null, Null) => Some(true),
            (_, Null, _) | (_, _, Null) => Some(false),
            (Family::Integer, Int(a), Int(b)) => Some(a == b),
            (Family::Bool, Bool(a), Bool(b)) => Some(a == b),
            (Family::Bool, Bool(a), Int(b)) => Some(*a == (*b != 0)),
            // Text that differs is written again: where the database would call it equal
            // (MySQL's case-insensitive collations, CHAR padding) that writes the same value.
            (Family::Text, Text(a), Text(b)) => Some(a == b),
            (Family::Textual, Text(a), Text(b)) if a == b => Some(true),
            (Family::Float | Family::Decimal, a, b) if number(a).is_some() && number(a) == number(b) => Some(true),
            _ => None,
        }
    }

    /// What the family is called in messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Family::Integer => "an integer",
            Family::Float => "a number",
            Family::Decimal => "a decimal",
            Family::Bool => "a boolean",
            Family::Text => "text",
            Family::Textual => "text in the column's format",
            Family::Bytes => "binary data (seeds cannot write binary columns)",
        }
    }

    /// Whether a value bound as-is lands in a column of this family without a cast on
    /// PostgreSQL, which does not convert bound text to a date: integers, booleans and
    /// text (their NULLs are bound with the family's type, see [`SeedValue::to_sea_for`]).
    /// Whether a statement casts depends on its columns only, so that one text serves
    /// every chunk of rows.
    pub(crate) fn binds_plainly(self) -> bool {
        matches!(self, Family::Integer | Family::Bool | Family::Text)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn integer_columns_refuse_text_and_accept_integers() {
        assert!(Family::Integer.accepts(&SeedValue::Int(3)));
        assert!(!Family::Integer.accepts(&SeedValue::Text("3".into())));
        assert!(!Family::Integer.accepts(&SeedValue::Float(3.5)));
    }

    #[test]
    fn values_read_back_compare_where_their_text_allows_it() {
        use SeedValue::{Bool, Float, Int, Null, Text};
        assert_eq!(Family::Integer.same(&Int(3), &Int(3)), Some(true));
        assert_eq!(Family::Integer.same(&Int(3), &Int(4)), Some(false));
        assert_eq!(Family::Bool.same(&Bool(true), &Int(1)), Some(true));
        assert_eq!(Family::Decimal.same(&Text("9.50".into()), &Text("9.5".into())), Some(true));
        assert_eq!(Family::Float.same(&Float(0.5), &Int(1)), None);
        assert_eq!(
            Family::Textual.same(&Text("2025-01-02 03:04:05".into()), &Text("2025-01-02T03:04:05".into())),
            None
        );
        assert_eq!(Family::Text.same(&Null, &Text("x".into())), Some(false));
    }

    #[test]
    fn native_type_spellings_get_their_family() {
        let native = |sql: &str| Family::of(&ColumnType::Native { sql: sql.into() });
        assert_eq!(native("TEXT"), Family::Text);
        assert_eq!(native("varchar(20)"), Family::Text);
        assert_eq!(native("int(10) unsigned"), Family::Integer);
        assert_eq!(native("interval"), Family::Textual);
        assert_eq!(native("DOUBLE PRECISION"), Family::Float);
        assert_eq!(native("inet"), Family::Textual);
    }

    #[test]
    fn csv_cells_parse_by_the_column_family() {
        assert_eq!(Family::Bool.parse("TRUE"), Some(SeedValue::Bool(true)));
        assert_eq!(Family::Integer.parse(" 42 "), Some(SeedValue::Int(42)));
        assert_eq!(Family::Integer.parse("4x"), None);
        assert_eq!(Family::Decimal.parse("9.99"), Some(SeedValue::Text("9.99".into())));
    }

    #[test]
    fn json_numbers_keep_integers_exact() {
        let v: serde_json::Value = serde_json::from_str("[9007199254740993, 1.5]").unwrap();
        let values: Vec<SeedValue> = v.as_array().unwrap().iter().cloned().map(SeedValue::from_json).collect();
        assert_eq!(values, vec![SeedValue::Int(9_007_199_254_740_993), SeedValue::Float(1.5)]);
    }
}
