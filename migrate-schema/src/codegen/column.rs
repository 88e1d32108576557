//! One column as builder code: `t.column::<Option<String>>("bio").max_len(500)`, or the
//! untyped form for enum and native types.

use super::literal::{bytes_lit, float_lit, str_lit, strs};
use crate::builder::naming;
use crate::dialect::Dialect;
use crate::model::{Column, ColumnType, DefaultValue, Literal};
use std::fmt::Write as _;

/// How a column is declared, and what is chained after the declaration.
pub(super) struct ColumnCode<'c> {
    column: &'c Column,
    /// The Rust type for `column::<T>`, when the column has one.
    rust: Option<String>,
    /// `t.enumeration(...)` declares it.
    enumeration: bool,
    /// Everything chained after the declaration, starting with `.`.
    pub(super) tail: String,
}

impl<'c> ColumnCode<'c> {
    pub(super) fn new(table: &str, column: &'c Column, dialect: Option<Dialect>) -> Self {
        let base = rust_type(&column.ty);
        let rust = base.map(|b| if column.nullable { format!("Option<{b}>") } else { b });
        let enumeration = match &column.ty {
            ColumnType::Enum { name, .. } => match dialect {
                Some(Dialect::Postgres) | None => *name == naming::enum_type(table, &column.name),
                Some(_) => true,
            },
            _ => false,
        };
        let mut tail = String::new();
        match &column.ty {
            ColumnType::Varchar { len } => {
                let _ = write!(tail, ".max_len({len})");
            }
            ColumnType::Char { len } => {
                let _ = write!(tail, ".fixed_len({len})");
            }
            _ => {}
        }
        if rust.is_none() && column.nullable {
            tail.push_str(".nullable()");
        }
        match (column.identity, column.serial, column.identity_always) {
            (true, true, _) => tail.push_str(".serial()"),
            (true, false, true) => tail.push_str(".generated_always()"),
            (true, false, false) => tail.push_str(".auto_increment()"),
            _ => {}
        }
        if let Some(g) = &column.generated {
            let how = if g.stored { "stored" } else { "virtual" };
            let _ = write!(tail, ".generated_{how}({})", str_lit(&g.expr));
        }
        if let Some(collation) = &column.collation {
            let _ = write!(tail, ".collate({})", str_lit(collation));
        }
        match &column.on_update {
            Some(DefaultValue::Now) => tail.push_str(".on_update_now()"),
            Some(other) => {
                let sql = dialect.unwrap_or(Dialect::MySql).default_sql(other, &column.ty);
                let _ = write!(tail, ".on_update_expr({})", str_lit(&sql));
            }
            None => {}
        }
        if let Some(d) = &column.default {
            tail.push_str(&default_tail(d, column, rust.is_some(), dialect));
        }
        if let Some(c) = &column.comment {
            let _ = write!(tail, ".comment({})", str_lit(c));
        }
        Self { column, rust, enumeration, tail }
    }

    /// `t.id(name)` says all of it: a `NOT NULL` auto-increment `i64` with nothing else.
    pub(super) fn is_id(&self) -> bool {
        let c = self.column;
        c.ty == ColumnType::BigInt
            && c.identity
            && !c.serial
            && !c.identity_always
            && !c.nullable
            && c.generated.is_none()
            && c.default.is_none()
            && c.comment.is_none()
    }

    /// The declaration inside `create_table`'s closure.
    pub(super) fn create_head(&self) -> String {
        let name = str_lit(&self.column.name);
        match (&self.rust, &self.column.ty) {
            (Some(rust), _) => format!("t.column::<{rust}>({name})"),
            (None, ColumnType::Enum { values, .. }) if self.enumeration => {
                format!("t.enumeration({name}, {})", strs(values))
            }
            (None, ty) => format!("t.column_of_type({name}, {})", column_type_expr(ty)),
        }
    }

    /// The declaration adding it to `table`.
    pub(super) fn add_head(&self, table: &str) -> String {
        let (table, name) = (str_lit(table), str_lit(&self.column.name));
        match &self.rust {
            Some(rust) => format!("s.add_column::<{rust}>({table}, {name})"),
            None => format!("s.add_column_of_type({table}, {name}, {})", column_type_expr(&self.column.ty)),
        }
    }
}

/// The Rust type `column::<T>` takes for `ty`, if there is one (lengths are chained).
fn rust_type(ty: &ColumnType) -> Option<String> {
    let name = match ty {
        ColumnType::SmallInt => "i16",
        ColumnType::Int => "i32",
        ColumnType::BigInt => "i64",
        ColumnType::Real => "f32",
        ColumnType::Double => "f64",
        ColumnType::Boolean => "bool",
        ColumnType::Char { .. } | ColumnType::Varchar { .. } | ColumnType::Text => "String",
        ColumnType::Bytes => "Vec<u8>",
        ColumnType::Date => "Date",
        ColumnType::Time => "Time",
        ColumnType::Timestamp => "Timestamp",
        ColumnType::TimestampTz => "TimestampTz",
        ColumnType::Uuid => "Uuid",
        ColumnType::Json => "Json",
        ColumnType::Decimal { precision, scale } => return Some(format!("Decimal<{precision}, {scale}>")),
        ColumnType::Enum { .. } | ColumnType::Native { .. } => return None,
    };
    Some(name.to_owned())
}

/// `ColumnType::...` as a Rust expression.
pub(super) fn column_type_expr(ty: &ColumnType) -> String {
    match ty {
        ColumnType::SmallInt => "ColumnType::SmallInt".into(),
        ColumnType::Int => "ColumnType::Int".into(),
        ColumnType::BigInt => "ColumnType::BigInt".into(),
        ColumnType::Real => "ColumnType::Real".into(),
        ColumnType::Double => "ColumnType::Double".into(),
        ColumnType::Decimal { precision, scale } => {
            format!("ColumnType::Decimal {{ precision: {precision}, scale: {scale} }}")
        }
        ColumnType::Boolean => "ColumnType::Boolean".into(),
        ColumnType::Char { len } => format!("ColumnType::Char {{ len: {len} }}"),
        ColumnType::Varchar { len } => format!("ColumnType::Varchar {{ len: {len} }}"),
        ColumnType::Text => "ColumnType::Text".into(),
        ColumnType::Bytes => "ColumnType::Bytes".into(),
        ColumnType::Date => "ColumnType::Date".into(),
        ColumnType::Time => "ColumnType::Time".into(),
        ColumnType::Timestamp => "ColumnType::Timestamp".into(),
        ColumnType::TimestampTz => "ColumnType::TimestampTz".into(),
        ColumnType::Uuid => "ColumnType::Uuid".into(),
        ColumnType::Json => "ColumnType::Json".into(),
        ColumnType::Enum { name, values } => {
            let values: Vec<String> = values.iter().map(|v| format!("{}.into()", str_lit(v))).collect();
            format!("ColumnType::Enum {{ name: {}.into(), values: vec![{}] }}", str_lit(name), values.join(", "))
        }
        ColumnType::Native { sql } => format!("ColumnType::Native {{ sql: {}.into() }}", str_lit(sql)),
    }
}

/// The default, as `.default(v)` when the column's Rust type takes the literal, otherwise
/// as the SQL the dialect would write.
fn default_tail(d: &DefaultValue, column: &Column, typed: bool, dialect: Option<Dialect>) -> String {
    let ty = &column.ty;
    let temporal = matches!(ty, ColumnType::Date | ColumnType::Time | ColumnType::Timestamp | ColumnType::TimestampTz);
    let wrap = |v: String| if column.nullable { format!(".default(Some({v}))") } else { format!(".default({v})") };
    let typed_value = match d {
        DefaultValue::Now if temporal && typed => return ".default_now()".to_owned(),
        DefaultValue::Expr(sql) => return format!(".default_expr({})", str_lit(sql)),
        DefaultValue::Value(Literal::Null) => return ".default_null()".to_owned(),
        DefaultValue::Value(lit) if typed => match (lit, ty) {
            (Literal::Int(i), ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt) => Some(wrap(i.to_string())),
            (Literal::Float(f), ColumnType::Real | ColumnType::Double) => float_lit(*f).map(wrap),
            (Literal::Bool(b), ColumnType::Boolean) => Some(wrap(b.to_string())),
            (Literal::Text(t), ColumnType::Text | ColumnType::Varchar { .. } | ColumnType::Char { .. }) => {
                Some(format!(".default({})", str_lit(t)))
            }
            (Literal::Bytes(b), ColumnType::Bytes) => Some(wrap(bytes_lit(b, false))),
            _ => None,
        },
        _ => None,
    };
    typed_value.unwrap_or_else(|| {
        let sql = dialect.unwrap_or(Dialect::Postgres).default_sql(d, ty);
        format!(".default_expr({})", str_lit(&sql))
    })
}
