//! The Rust types a column can be declared with, and the SQL types they map to.
//!
//! `t.column::<T>()` takes its type from [`SqlType`]; `Option<T>` makes the column
//! nullable; `.default(v)` accepts only values convertible into `T` ([`SqlValue`]).
//! Types with no Rust value of their own here (timestamps without the `chrono` feature,
//! decimals) are zero-sized markers such as [`Timestamp`].

use crate::model::{ColumnType, Literal};
use std::marker::PhantomData;

/// A Rust type with a SQL column type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no SQL column type",
    label = "no SQL column type for this Rust type",
    note = "column types: i16, i32, i64, f32, f64, bool, String, Vec<u8>, Timestamp, TimestampTz, Date, Time, Uuid, Json, Decimal<P, S> (and chrono, uuid and serde_json types with their features), or Option<T> of any of them for a nullable column"
)]
pub trait SqlType {
    /// Whether the column allows `NULL` (`Option<T>`).
    const NULLABLE: bool = false;
    /// The portable column type.
    fn column_type() -> ColumnType;
}

/// A [`SqlType`] whose values can be written as a literal column default.
#[diagnostic::on_unimplemented(
    message = "a column of type `{Self}` cannot take a literal default",
    note = "use `.default_now()` for time columns, or `.default_expr(\"...\")` for a SQL expression"
)]
pub trait SqlValue: SqlType {
    /// The value as a literal.
    fn into_literal(self) -> Literal;
}

/// What `.default(v)` accepts for a column of type `T`: a `T`, or a `&str` for text.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a valid default for a column of type `{T}`",
    label = "expected a `{T}` here"
)]
pub trait IntoDefault<T> {
    /// The value as a `T`.
    fn into_default(self) -> T;
}

impl<T: SqlValue> IntoDefault<T> for T {
    fn into_default(self) -> T {
        self
    }
}

impl IntoDefault<String> for &str {
    fn into_default(self) -> String {
        self.to_owned()
    }
}

impl IntoDefault<Option<String>> for &str {
    fn into_default(self) -> Option<String> {
        Some(self.to_owned())
    }
}

/// Text types, which accept `.max_len(n)` and `.fixed_len(n)`.
pub trait TextType: SqlType {}

/// Date and time types, which accept `.default_now()`.
pub trait TemporalType: SqlType {}

/// Integer types, which accept `.auto_increment()`.
pub trait IntegerType: SqlType {}

macro_rules! sql_type {
    ($($rust:ty => $sql:expr, |$v:ident| $lit:expr;)*) => {$(
        impl SqlType for $rust {
            fn column_type() -> ColumnType { $sql }
        }
        impl SqlValue for $rust {
            fn into_literal(self) -> Literal { let $v = self; $lit }
        }
    )*};
}

sql_type! {
    i16 => ColumnType::SmallInt, |v| Literal::Int(v.into());
    i32 => ColumnType::Int, |v| Literal::Int(v.into());
    i64 => ColumnType::BigInt, |v| Literal::Int(v);
    f32 => ColumnType::Real, |v| Literal::Float(v.into());
    f64 => ColumnType::Double, |v| Literal::Float(v);
    bool => ColumnType::Boolean, |v| Literal::Bool(v);
    String => ColumnType::Text, |v| Literal::Text(v);
    Vec<u8> => ColumnType::Bytes, |v| Literal::Bytes(v);
    serde_json::Value => ColumnType::Json, |v| Literal::Text(v.to_string());
}

impl IntegerType for i16 {}
impl IntegerType for i32 {}
impl IntegerType for i64 {}
impl TextType for String {}

impl<T: SqlType> SqlType for Option<T> {
    const NULLABLE: bool = true;
    fn column_type() -> ColumnType {
        T::column_type()
    }
}

impl<T: SqlValue> SqlValue for Option<T> {
    fn into_literal(self) -> Literal {
        self.map_or(Literal::Null, T::into_literal)
    }
}

impl<T: TextType> TextType for Option<T> {}
impl<T: TemporalType> TemporalType for Option<T> {}
impl<T: IntegerType> IntegerType for Option<T> {}

macro_rules! marker {
    ($($(#[$doc:meta])* $name:ident => $sql:expr, $($tr:ident),*;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;
        impl SqlType for $name {
            fn column_type() -> ColumnType { $sql }
        }
        $(impl $tr for $name {})*
    )*};
}

marker! {
    /// A date and time without time zone (`timestamp`, MySQL `datetime(6)`).
    Timestamp => ColumnType::Timestamp, TemporalType;
    /// An instant: date and time with time zone (`timestamptz`, MySQL `timestamp(6)`).
    TimestampTz => ColumnType::TimestampTz, TemporalType;
    /// A calendar date.
    Date => ColumnType::Date, TemporalType;
    /// A time of day.
    Time => ColumnType::Time, TemporalType;
    /// A UUID (PostgreSQL `uuid`, MySQL `char(36)`).
    Uuid => ColumnType::Uuid, ;
    /// A JSON document (PostgreSQL `jsonb`, MySQL `json`).
    Json => ColumnType::Json, ;
}

/// An exact decimal with `P` digits, `S` of them after the point.
///
/// ```
/// use migrate_schema::{ColumnType, Decimal, SqlType};
/// assert_eq!(Decimal::<10, 2>::column_type(), ColumnType::Decimal { precision: 10, scale: 2 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal<const P: u32, const S: u32>(PhantomData<()>);

impl<const P: u32, const S: u32> SqlType for Decimal<P, S> {
    fn column_type() -> ColumnType {
        ColumnType::Decimal { precision: P, scale: S }
    }
}

#[cfg(feature = "chrono")]
mod chrono_types {
    use super::*;
    sql_type! {
        chrono::NaiveDateTime => ColumnType::Timestamp, |v| Literal::Text(v.format("%Y-%m-%d %H:%M:%S%.f").to_string());
        chrono::DateTime<chrono::Utc> => ColumnType::TimestampTz, |v| Literal::Text(v.format("%Y-%m-%d %H:%M:%S%.f+00:00").to_string());
        chrono::NaiveDate => ColumnType::Date, |v| Literal::Text(v.format("%Y-%m-%d").to_string());
        chrono::NaiveTime => ColumnType::Time, |v| Literal::Text(v.format("%H:%M:%S%.f").to_string());
    }
    impl TemporalType for chrono::NaiveDateTime {}
    impl TemporalType for chrono::DateTime<chrono::Utc> {}
    impl TemporalType for chrono::NaiveDate {}
    impl TemporalType for chrono::NaiveTime {}
}

#[cfg(feature = "uuid")]
sql_type! {
    uuid::Uuid => ColumnType::Uuid, |v| Literal::Text(v.hyphenated().to_string());
}

#[cfg(feature = "rust_decimal")]
sql_type! {
    rust_decimal::Decimal => ColumnType::Decimal { precision: 28, scale: 10 }, |v| Literal::Text(v.to_string());
}
