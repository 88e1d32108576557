//! The typed schema module (`migrate schema --rust`): for every table, a sea-query
//! identifier enum (`Users::Table`, `Users::Email`), typed column handles for seeds
//! (`Users::EMAIL: migrate::seed::Column<String>`) and a row struct that implements
//! `sqlx::FromRow`, with a Rust type per column (`Option<T>` where it is nullable). Code that
//! names a column stops compiling once a migration drops it and the module is regenerated.
//!
//! The module names everything through `::migrate` (its re-exports of sqlx and sea-query),
//! so the application needs no other dependency, and no sqlx macros: `FromRow` is written
//! out as sqlx's derive would write it. The output depends only on the schema, so a
//! `--check` compares text; declare it `#[rustfmt::skip] mod schema;` so that a project's
//! own rustfmt settings do not rewrite it.

use super::KEYWORDS;
use crate::dialect::Dialect;
use crate::model::{ColumnType, SchemaModel, Table};
use std::fmt::Write as _;

/// The module for `model` on `dialect`, under a header saying what it was generated from;
/// `notes` are what the replay could not follow (they become comments).
///
/// Types follow what sqlx decodes on that database: a UUID is `Uuid` on PostgreSQL and
/// `String` elsewhere (stored as text). Enum and native columns are `String`: on
/// PostgreSQL, select them cast to text.
///
/// ```
/// use migrate_schema::{codegen, Schema, SchemaModel};
/// let mut s = Schema::new();
/// s.create_table("users", |t| {
///     t.id("id");
///     t.column::<Option<String>>("display_name");
/// });
/// let model = SchemaModel::from_ops(s.ops()).unwrap();
/// let code = codegen::schema_module(&model, migrate_schema::Dialect::Sqlite, "the migrations", &[]);
/// assert!(code.contains("pub enum Users {\n    /// The table.\n    Table,\n    /// Column `id`.\n    Id,\n"));
/// assert!(code.contains("    /// Column `display_name`.\n    pub display_name: Option<String>,\n}"));
/// ```
pub fn schema_module(model: &SchemaModel, dialect: Dialect, source: &str, notes: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "//! The schema {source} produce, as Rust: written by `migrate schema --rust`; do not edit.");
    out.push_str("//! `migrate schema --rust --check` fails when it is stale.\n");
    for note in notes {
        let _ = writeln!(out, "//!\n//! Not followed: {note}");
    }
    out.push_str("\n#![allow(dead_code, clippy::all)]\n");
    let mut tables: Vec<&Table> = model.tables.iter().collect();
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    for table in tables {
        out.push('\n');
        table_code(&mut out, table, dialect);
    }
    out
}

fn table_code(out: &mut String, table: &Table, dialect: Dialect) {
    let name = type_name(&table.name);
    let row = format!("{name}Row");
    let variants: Vec<String> = table
        .columns
        .iter()
        .map(|c| match type_name(&c.name) {
            v if v == "Table" => "TableColumn".to_owned(),
            v => v,
        })
        .collect();
    let fields: Vec<String> = table.columns.iter().map(|c| field_name(&c.name)).collect();
    let types: Vec<String> = table
        .columns
        .iter()
        .map(|c| if c.nullable { format!("Option<{}>", rust_type(&c.ty, dialect)) } else { rust_type(&c.ty, dialect) })
        .collect();

    let _ = writeln!(out, "/// Table `{}` and its columns, for sea-query.", table.name);
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n");
    let _ = writeln!(out, "pub enum {name} {{");
    out.push_str("    /// The table.\n    Table,\n");
    for (v, c) in variants.iter().zip(&table.columns) {
        let _ = writeln!(out, "    /// Column `{}`.\n    {v},", c.name);
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "impl ::migrate::schema::sea_query::Iden for {name} {{");
    out.push_str("    fn unquoted(&self) -> &str {\n        match self {\n");
    let _ = writeln!(out, "            Self::Table => {:?},", table.name);
    for (v, c) in variants.iter().zip(&table.columns) {
        let _ = writeln!(out, "            Self::{v} => {:?},", c.name);
    }
    out.push_str("        }\n    }\n}\n\n");

    // Typed handles: a seed setting a column to a value of another type does not compile.
    let _ = writeln!(out, "impl {name} {{");
    for ((f, t), c) in fields.iter().zip(&types).zip(&table.columns) {
        let constant = f.trim_start_matches("r#").to_ascii_uppercase();
        let _ = writeln!(
            out,
            "    /// Column `{}`, typed (for seeds).\n    pub const {constant}: ::migrate::seed::Column<{t}> = \
             ::migrate::seed::Column::new({:?}, {:?});",
            c.name, table.name, c.name
        );
    }
    out.push_str("}\n\n");

    let _ = writeln!(out, "/// A row of `{}`.", table.name);
    out.push_str("#[derive(Debug, Clone, PartialEq)]\n");
    let _ = writeln!(out, "pub struct {row} {{");
    for ((f, t), c) in fields.iter().zip(&types).zip(&table.columns) {
        let _ = writeln!(out, "    /// Column `{}`.\n    pub {f}: {t},", c.name);
    }
    out.push_str("}\n\n");

    // What `#[derive(sqlx::FromRow)]` writes, through `::migrate::sqlx`.
    let s = "::migrate::sqlx";
    let _ = writeln!(out, "impl<'r, R: {s}::Row> {s}::FromRow<'r, R> for {row}");
    out.push_str("where\n");
    let _ = writeln!(out, "    &'r str: {s}::ColumnIndex<R>,");
    let mut bounded: Vec<&String> = Vec::new();
    for t in &types {
        if !bounded.contains(&t) {
            bounded.push(t);
            let _ = writeln!(out, "    {t}: {s}::Decode<'r, R::Database> + {s}::Type<R::Database>,");
        }
    }
    out.push_str("{\n");
    let _ = writeln!(out, "    fn from_row(row: &'r R) -> Result<Self, {s}::Error> {{");
    out.push_str("        Ok(Self {\n");
    for (f, c) in fields.iter().zip(&table.columns) {
        let _ = writeln!(out, "            {f}: row.try_get({:?})?,", c.name);
    }
    out.push_str("        })\n    }\n}\n");
}

/// The features of `migrate` (sqlx's type support) the module for `model` on `dialect`
/// needs, in a fixed order: `chrono`, `json`, `rust_decimal`, `uuid`.
///
/// ```
/// use migrate_schema::{codegen, Schema, SchemaModel, Timestamp, Uuid};
/// let mut s = Schema::new();
/// s.create_table("users", |t| {
///     t.column::<Uuid>("id");
///     t.column::<Timestamp>("created_at");
/// });
/// let model = SchemaModel::from_ops(s.ops()).unwrap();
/// assert_eq!(codegen::features(&model, migrate_schema::Dialect::Postgres), ["chrono", "uuid"]);
/// assert_eq!(codegen::features(&model, migrate_schema::Dialect::Sqlite), ["chrono"]);
/// ```
pub fn features(model: &SchemaModel, dialect: Dialect) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for column in model.tables.iter().flat_map(|t| &t.columns) {
        let feature = match &column.ty {
            ColumnType::Decimal { .. } => "rust_decimal",
            ColumnType::Date | ColumnType::Time | ColumnType::Timestamp | ColumnType::TimestampTz => "chrono",
            ColumnType::Uuid if dialect == Dialect::Postgres => "uuid",
            ColumnType::Json => "json",
            _ => continue,
        };
        if !found.contains(&feature) {
            found.push(feature);
        }
    }
    found.sort_unstable();
    found
}

/// The Rust type a column of type `ty` decodes into (through `::migrate::sqlx::types` for
/// those that need an sqlx feature: `chrono`, `uuid`, `rust_decimal`, `json`).
fn rust_type(ty: &ColumnType, dialect: Dialect) -> String {
    let types = "::migrate::sqlx::types";
    match ty {
        ColumnType::SmallInt => "i16".into(),
        ColumnType::Int => "i32".into(),
        ColumnType::BigInt => "i64".into(),
        ColumnType::Real => "f32".into(),
        ColumnType::Double => "f64".into(),
        ColumnType::Decimal { .. } => format!("{types}::Decimal"),
        ColumnType::Boolean => "bool".into(),
        ColumnType::Bytes => "Vec<u8>".into(),
        ColumnType::Date => format!("{types}::chrono::NaiveDate"),
        ColumnType::Time => format!("{types}::chrono::NaiveTime"),
        ColumnType::Timestamp => format!("{types}::chrono::NaiveDateTime"),
        ColumnType::TimestampTz => format!("{types}::chrono::DateTime<{types}::chrono::Utc>"),
        ColumnType::Uuid if dialect == Dialect::Postgres => format!("{types}::Uuid"),
        ColumnType::Json => format!("{types}::JsonValue"),
        // Text, fixed-length text, enums and types written in the dialect's own SQL.
        _ => "String".into(),
    }
}

/// `post_tags` → `PostTags`; never empty, never starting with a digit.
fn type_name(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) { format!("T{out}") } else { out }
}

/// A field name for column `name`: snake case, `r#` before a keyword.
fn field_name(name: &str) -> String {
    let snake = super::snake_case(name);
    match snake.as_str() {
        "" => "column".to_owned(),
        s if s.starts_with(|c: char| c.is_ascii_digit()) => format!("c_{s}"),
        "self" | "super" | "crate" | "Self" => format!("{snake}_"),
        s if KEYWORDS.contains(&s) => format!("r#{s}"),
        _ => snake,
    }
}
