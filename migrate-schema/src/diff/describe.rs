//! How the change report words things (types, defaults, keys, constraints), and which
//! type changes keep every value.

use crate::model::{
    Check, Column, ColumnType, DefaultValue, ForeignKey, ForeignKeyAction, Index, Literal, NativeObject, PrimaryKey,
    Unique,
};
use crate::replay::type_name;

/// `varchar(50)`; an enum with its values, since a change of values is a change of type.
pub(super) fn column_type(ty: &ColumnType) -> String {
    match ty {
        ColumnType::Enum { name, values } => format!("enum {name}({})", values.join(", ")),
        _ => type_name(ty),
    }
}

/// `NULL` or `NOT NULL`.
pub(super) fn nullability(nullable: bool) -> &'static str {
    if nullable { "NULL" } else { "NOT NULL" }
}

/// A default as SQL would write it, or `none`.
pub(super) fn default(default: Option<&DefaultValue>) -> String {
    match default {
        None => "none".to_owned(),
        Some(DefaultValue::Now) => "CURRENT_TIMESTAMP".to_owned(),
        Some(DefaultValue::Expr(sql)) => sql.clone(),
        Some(DefaultValue::Value(value)) => match value {
            Literal::Null => "NULL".to_owned(),
            Literal::Bool(b) => b.to_string(),
            Literal::Int(i) => i.to_string(),
            Literal::Float(f) => f.to_string(),
            Literal::Text(s) => format!("'{}'", s.replace('\'', "''")),
            Literal::Bytes(b) => format!("x'{}'", b.iter().map(|byte| format!("{byte:02x}")).collect::<String>()),
        },
    }
}

/// `bigint NOT NULL default 0 identity`.
pub(super) fn column(c: &Column) -> String {
    let mut out = format!("{} {}", column_type(&c.ty), nullability(c.nullable));
    if c.default.is_some() {
        out.push_str(&format!(" default {}", default(c.default.as_ref())));
    }
    if c.identity {
        out.push_str(" identity");
    }
    out
}

/// `(a, b)`, or `none`.
pub(super) fn primary_key(pk: Option<&PrimaryKey>) -> String {
    pk.map_or_else(|| "none".to_owned(), |pk| format!("({})", pk.columns.join(", ")))
}

/// A quoted comment, or `none`.
pub(super) fn comment(comment: Option<&str>) -> String {
    comment.map_or_else(|| "none".to_owned(), |c| format!("'{c}'"))
}

/// `unique index (a, b) where a IS NOT NULL`.
pub(super) fn index(i: &Index) -> String {
    let unique = if i.unique { "unique " } else { "" };
    let predicate = i.predicate.as_ref().map(|p| format!(" where {p}")).unwrap_or_default();
    format!("{unique}index ({}){predicate}", i.columns.join(", "))
}

/// `unique (a, b)`.
pub(super) fn unique(u: &Unique) -> String {
    format!("unique ({})", u.columns.join(", "))
}

/// `check (score >= 0)`.
pub(super) fn check(c: &Check) -> String {
    format!("check ({})", c.expr)
}

/// `foreign key (user_id) → users(id) on delete cascade`.
pub(super) fn foreign_key(f: &ForeignKey) -> String {
    let mut out = format!("foreign key ({}) → {}({})", f.columns.join(", "), f.ref_table, f.ref_columns.join(", "));
    for (when, action) in [("delete", f.on_delete), ("update", f.on_update)] {
        if let Some(action) = action {
            out.push_str(&format!(" on {when} {}", self::action(action)));
        }
    }
    out
}

fn action(action: ForeignKeyAction) -> &'static str {
    match action {
        ForeignKeyAction::NoAction => "no action",
        ForeignKeyAction::Restrict => "restrict",
        ForeignKeyAction::Cascade => "cascade",
        ForeignKeyAction::SetNull => "set null",
        ForeignKeyAction::SetDefault => "set default",
    }
}

/// `trigger on posts`.
pub(super) fn native(n: &NativeObject) -> String {
    match &n.table {
        Some(table) => format!("{} on {table}", n.kind),
        None => n.kind.clone(),
    }
}

/// Whether dropping the native object loses data: a virtual table holds rows, a view or a
/// trigger does not.
pub(super) fn holds_data(n: &NativeObject) -> bool {
    n.kind.contains("table")
}

/// `1 column`, `3 columns`.
pub(super) fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// Whether every value of type `old` converts to `new` unchanged: a wider integer or
/// decimal, a longer text, an enum with more values, any value to unbounded text. Every
/// other change may lose data or fail on existing rows.
pub(super) fn keeps_values(old: &ColumnType, new: &ColumnType) -> bool {
    use ColumnType as T;
    let rank = |t: &T| match t {
        T::SmallInt => Some(1),
        T::Int => Some(2),
        T::BigInt => Some(3),
        _ => None,
    };
    let text_len = |t: &T| match t {
        T::Char { len } | T::Varchar { len } => Some(*len),
        T::Text => Some(u32::MAX),
        _ => None,
    };
    match (old, new) {
        _ if old == new => true,
        (T::Real, T::Double) => true,
        (T::Decimal { precision: p1, scale: s1 }, T::Decimal { precision: p2, scale: s2 }) => {
            s2 >= s1 && p2.saturating_sub(*s2) >= p1.saturating_sub(*s1)
        }
        (T::Enum { values: a, .. }, T::Enum { values: b, .. }) => a.iter().all(|v| b.contains(v)),
        // Every value but raw bytes and a native type's has a text form.
        (T::Bytes | T::Native { .. }, T::Text) => false,
        (_, T::Text) => true,
        _ => match (rank(old).zip(rank(new)), text_len(old).zip(text_len(new))) {
            (Some((a, b)), _) => b >= a,
            (_, Some((a, b))) => b >= a,
            _ => false,
        },
    }
}

/// MySQL table options as `ENGINE=MyISAM COLLATE=latin1_swedish_ci`, or `default`.
pub(crate) fn table_options(o: &crate::model::TableOptions) -> String {
    let parts: Vec<String> = [("ENGINE", &o.engine), ("COLLATE", &o.collation), ("ROW_FORMAT", &o.row_format)]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
        .collect();
    if parts.is_empty() { "default".to_owned() } else { parts.join(" ") }
}

/// A native as a diff object: `table.name` for what belongs to a table (its triggers,
/// indexes and constraints kept as DDL), as the contract names every object.
pub(crate) fn native_object(n: &crate::model::NativeObject) -> String {
    match &n.table {
        Some(t) if !n.name.starts_with(&format!("{t}.")) && !n.name.starts_with(&format!("{t} ")) => {
            format!("{t}.{}", n.name)
        }
        _ => n.name.clone(),
    }
}
