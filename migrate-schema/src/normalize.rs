//! Reading types and defaults back from what a database reports, and bringing two models
//! to the form one dialect stores, so that equivalent spellings (`int4` and `integer`,
//! `character varying` and `varchar`, `'0'::integer` and `0`, MySQL display widths) never
//! show up as differences.
//!
//! The rule that keeps the two directions consistent: a model is normalised by rendering
//! each type and default the way the dialect's renderer writes it and reading that back with
//! the same parser that reads an introspected database.

use crate::dialect::Dialect;
use crate::model::{
    Column, ColumnType, DefaultValue, ForeignKey, ForeignKeyAction, Index, Literal, SchemaModel, Table,
};

/// The portable type of a column type as `dialect` spells it (as written in DDL or as its
/// catalog reports it); what has no portable equivalent stays [`ColumnType::Native`].
///
/// ```
/// use migrate_schema::{ColumnType, Dialect, normalize::parse_type};
/// assert_eq!(parse_type(Dialect::Postgres, "character varying(50)"), ColumnType::Varchar { len: 50 });
/// assert_eq!(parse_type(Dialect::MySql, "int(11)"), ColumnType::Int);
/// let rating = parse_type(Dialect::MySql, "enum('G','PG-13')");
/// assert_eq!(rating, ColumnType::Enum { name: String::new(), values: vec!["G".into(), "PG-13".into()] });
/// assert_eq!(parse_type(Dialect::Postgres, "inet"), ColumnType::Native { sql: "inet".into() });
/// ```
pub fn parse_type(dialect: Dialect, sql: &str) -> ColumnType {
    let spelled = spelling(sql);
    let (base, args) = match spelled.split_once('(') {
        Some((base, rest)) => {
            let (inside, after) = rest.split_once(')').unwrap_or((rest, ""));
            (format!("{}{}", base.trim_end(), after.trim_end()), Some(inside.to_owned()))
        }
        None => (spelled.clone(), None),
    };
    let numbers: Option<Vec<u32>> =
        args.as_deref().map(|a| a.split(',').filter_map(|n| n.trim().parse().ok()).collect());
    let one = numbers.as_ref().and_then(|n| (n.len() == 1).then(|| n[0]));
    let native = || ColumnType::Native { sql: sql.trim().to_owned() };
    if dialect == Dialect::MySql && base == "enum" {
        // The values as written: the spelling is lower-cased, the values are data.
        let inside = sql.find('(').zip(sql.rfind(')')).and_then(|(a, b)| sql.get(a + 1..b));
        return inside.map_or_else(native, |a| ColumnType::Enum { name: String::new(), values: quoted_list(a, true) });
    }
    if dialect == Dialect::MySql && spelled == "tinyint(1)" {
        return ColumnType::Boolean;
    }
    // MySQL's display widths (`int(11)`) mean nothing for the values a column holds.
    let width_free = dialect == Dialect::MySql && matches!(base.as_str(), "smallint" | "int" | "integer" | "bigint");
    if args.is_some() && !width_free && !takes_args(&base) {
        return native();
    }
    match (dialect, base.as_str()) {
        (_, "smallint") | (Dialect::Postgres, "int2") => ColumnType::SmallInt,
        (_, "integer" | "int") | (Dialect::Postgres, "int4") => ColumnType::Int,
        (_, "bigint") | (Dialect::Postgres, "int8") => ColumnType::BigInt,
        (Dialect::Postgres | Dialect::Sqlite, "real") | (Dialect::Postgres, "float4") | (Dialect::MySql, "float") => {
            ColumnType::Real
        }
        (Dialect::Postgres, "double precision" | "float8")
        | (Dialect::MySql, "double" | "double precision" | "real")
        | (Dialect::Sqlite, "double" | "double precision") => ColumnType::Double,
        (_, "numeric" | "decimal") => match numbers.as_deref() {
            Some([precision, scale]) => ColumnType::Decimal { precision: *precision, scale: *scale },
            Some([precision]) => ColumnType::Decimal { precision: *precision, scale: 0 },
            _ => native(),
        },
        (_, "boolean") | (Dialect::Postgres | Dialect::MySql, "bool") => ColumnType::Boolean,
        (_, "char" | "character") | (Dialect::Postgres, "bpchar") => match one {
            Some(len) => ColumnType::Char { len },
            None => native(),
        },
        (_, "varchar" | "character varying") => match one {
            Some(len) => ColumnType::Varchar { len },
            None => native(),
        },
        (_, "text") => ColumnType::Text,
        (Dialect::Postgres, "bytea") | (Dialect::MySql | Dialect::Sqlite, "blob") => ColumnType::Bytes,
        (_, "date") => ColumnType::Date,
        (Dialect::Postgres, "time" | "time without time zone") | (Dialect::Sqlite, "time") => ColumnType::Time,
        (Dialect::MySql, "time") if one == Some(6) => ColumnType::Time,
        (Dialect::Postgres, "timestamp" | "timestamp without time zone") | (Dialect::Sqlite, "timestamp") => {
            ColumnType::Timestamp
        }
        (Dialect::MySql, "datetime") if one == Some(6) => ColumnType::Timestamp,
        (Dialect::Postgres, "timestamptz" | "timestamp with time zone") | (Dialect::Sqlite, "timestamptz") => {
            ColumnType::TimestampTz
        }
        (Dialect::MySql, "timestamp") if one == Some(6) => ColumnType::TimestampTz,
        (Dialect::Postgres, "uuid") | (Dialect::Sqlite, "uuid_text") => ColumnType::Uuid,
        (Dialect::Postgres, "jsonb") | (Dialect::MySql, "json") | (Dialect::Sqlite, "json_text") => ColumnType::Json,
        _ => native(),
    }
}

fn takes_args(base: &str) -> bool {
    matches!(
        base,
        "numeric"
            | "decimal"
            | "char"
            | "character"
            | "bpchar"
            | "varchar"
            | "character varying"
            | "time"
            | "datetime"
            | "timestamp"
    )
}

/// Lower case, single spaces, no spaces inside parentheses.
fn spelling(sql: &str) -> String {
    let lower = sql.trim().to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.join(" ").replace("( ", "(").replace(" )", ")").replace(" (", "(").replace(", ", ",")
}

/// `'a','b''c'` → `["a", "b'c"]`; with `backslash`, MySQL's and MariaDB's escapes too
/// (`\'`, `\\`, `\0`, `\n`...).
fn quoted_list(text: &str, backslash: bool) -> Vec<String> {
    let mut values = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    value.push('\'');
                }
                '\'' => break,
                '\\' if backslash => value.extend(chars.next().map(unescaped)),
                c => value.push(c),
            }
        }
        values.push(value);
    }
    values
}

/// The character MySQL's `\x` stands for: `\0` NUL, `\n`, `\r`, `\t`, `\b`, `\Z`
/// (Ctrl-Z), and any other character itself.
fn unescaped(c: char) -> char {
    match c {
        '0' => '\0',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'b' => '\u{8}',
        'Z' => '\u{1a}',
        c => c,
    }
}

/// A column default as `dialect` reports it (catalog text, casts and all), read as the model
/// writes it for a column of type `ty`. `NULL` is no default.
///
/// ```
/// use migrate_schema::{ColumnType, DefaultValue, Dialect, Literal, normalize::parse_default};
/// let d = parse_default(Dialect::Postgres, &ColumnType::Int, "'-1'::integer");
/// assert_eq!(d, Some(DefaultValue::Value(Literal::Int(-1))));
/// let d = parse_default(Dialect::Postgres, &ColumnType::Varchar { len: 9 }, "'it''s'::character varying");
/// assert_eq!(d, Some(DefaultValue::Value(Literal::Text("it's".into()))));
/// assert_eq!(parse_default(Dialect::MySql, &ColumnType::Timestamp, "current_timestamp(6)"), Some(DefaultValue::Now));
/// ```
pub fn parse_default(dialect: Dialect, ty: &ColumnType, sql: &str) -> Option<DefaultValue> {
    let text = strip_casts(unwrap_parens(sql.trim()));
    let text = unwrap_parens(text.trim()).trim();
    let lower = text.to_ascii_lowercase();
    if lower == "null" || text.is_empty() {
        return None;
    }
    let now = [
        "current_timestamp",
        "current_timestamp()",
        "current_timestamp(6)",
        "now()",
        "localtimestamp",
        "current_date",
        "curdate()",
        "current_time",
        "curtime()",
        "current_time(6)",
    ];
    if now.contains(&lower.as_str()) {
        return Some(DefaultValue::Now);
    }
    if let Some(bytes) = hex_literal(dialect, text) {
        return Some(DefaultValue::Value(Literal::Bytes(bytes)));
    }
    let literal = match quoted(text, dialect == Dialect::MySql) {
        Some(s) => typed(ty, s, true),
        None if lower == "true" || lower == "false" => Some(Literal::Bool(lower == "true")),
        None if text.parse::<f64>().is_ok() => typed(ty, text.to_owned(), false),
        None => None,
    };
    Some(literal.map_or_else(|| DefaultValue::Expr(text.to_owned()), DefaultValue::Value))
}

/// A literal read as the column's type would hold it.
fn typed(ty: &ColumnType, text: String, quoted: bool) -> Option<Literal> {
    Some(match ty {
        ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt => Literal::Int(text.trim().parse().ok()?),
        ColumnType::Real | ColumnType::Double => Literal::Float(text.trim().parse().ok()?),
        ColumnType::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "1" | "t" | "true" => Literal::Bool(true),
            "0" | "f" | "false" => Literal::Bool(false),
            _ => return None,
        },
        ColumnType::Bytes if quoted => Literal::Bytes(text.strip_prefix("\\x").and_then(hex)?),
        _ if quoted => Literal::Text(text),
        _ => match text.parse::<i64>() {
            Ok(i) if !matches!(ty, ColumnType::Decimal { .. }) => Literal::Int(i),
            _ if matches!(ty, ColumnType::Decimal { .. }) => Literal::Text(text),
            _ => Literal::Float(text.parse().ok()?),
        },
    })
}

/// `'…'` (with `''` and, on MySQL and MariaDB, backslash escapes) → its content.
fn quoted(text: &str, backslash: bool) -> Option<String> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    let values = quoted_list(text, backslash);
    (values.len() == 1 && !inner.is_empty() || inner.is_empty()).then(|| values.into_iter().next().unwrap_or_default())
}

fn hex_literal(dialect: Dialect, text: &str) -> Option<Vec<u8>> {
    let body = text.strip_prefix("X'").or_else(|| text.strip_prefix("x'"))?.strip_suffix('\'')?;
    let _ = dialect;
    hex(body)
}

fn hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// `((x))` → `x`, when the outer parentheses enclose the whole text.
fn unwrap_parens(mut text: &str) -> &str {
    while text.starts_with('(') && text.ends_with(')') && encloses(text) {
        text = text[1..text.len() - 1].trim();
    }
    text
}

fn encloses(text: &str) -> bool {
    let mut depth = 0usize;
    let mut in_quote = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            '(' if !in_quote => depth += 1,
            ')' if !in_quote => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i + 1 < text.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// Remove PostgreSQL casts (`::type`, `::character varying`, `::timestamp(6) with time zone`)
/// outside string literals.
pub(crate) fn strip_casts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_quote = false;
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_quote = !in_quote;
        }
        if !in_quote && c == ':' && chars.peek() == Some(&':') {
            chars.next();
            skip_type_name(&mut chars);
            continue;
        }
        out.push(c);
    }
    out
}

fn skip_type_name(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    loop {
        while chars.peek().is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '"' | '.' | '[' | ']')) {
            chars.next();
        }
        if chars.peek() == Some(&'(') {
            for c in chars.by_ref() {
                if c == ')' {
                    break;
                }
            }
            continue;
        }
        // Multi-word type names: `character varying`, `time with time zone`.
        let mut ahead = chars.clone();
        let mut word = String::new();
        if ahead.peek() == Some(&' ') {
            ahead.next();
            while ahead.peek().is_some_and(|c| c.is_alphabetic()) {
                word.extend(ahead.next());
            }
        }
        if matches!(word.as_str(), "varying" | "precision" | "with" | "without" | "time" | "zone") {
            *chars = ahead;
            continue;
        }
        return;
    }
}

/// An expression (check, index predicate, default) in a form for comparison only: no
/// casts, quotes around identifiers, parentheses or whitespace, lower case outside string
/// literals.
///
/// ```
/// use migrate_schema::normalize::comparable_expr;
/// assert_eq!(comparable_expr("CHECK ((price > (0)::numeric))"), comparable_expr("\"price\" > 0"));
/// ```
pub fn comparable_expr(sql: &str) -> String {
    let text = sql.trim();
    let text = match text.get(..5) {
        Some(head) if head.eq_ignore_ascii_case("check") => &text[5..],
        _ => text,
    };
    let stripped = strip_casts(text);
    let mut out = String::with_capacity(stripped.len());
    let mut in_quote = false;
    for c in stripped.chars() {
        if c == '\'' {
            in_quote = !in_quote;
        }
        if in_quote || c == '\'' {
            out.push(c);
        } else if !(c.is_whitespace() || matches!(c, '(' | ')' | '"' | '`')) {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// [`comparable_expr`] with the synonyms `dialect` rewrites on its own (MariaDB stores
/// `length(x)` as `octet_length(x)`).
fn comparable_in(dialect: Dialect, sql: &str) -> String {
    let text = comparable_expr(sql);
    match dialect {
        Dialect::MySql => text.replace("octet_length", "length"),
        _ => text,
    }
}

impl SchemaModel {
    /// This model as `dialect` stores it: types and defaults read back from the renderer's
    /// SQL, enum names dropped where the dialect has none, default referential actions and
    /// `NULL` defaults written as none, comments dropped on SQLite, unique constraints as
    /// unique indexes where the dialect makes no difference (MySQL, SQLite).
    pub fn normalized(&self, dialect: Dialect) -> SchemaModel {
        let mut model = self.clone();
        for table in &mut model.tables {
            normalize_table(table, dialect);
        }
        model
    }
}

fn normalize_table(table: &mut Table, dialect: Dialect) {
    for column in &mut table.columns {
        normalize_column(column, dialect);
    }
    for fk in &mut table.foreign_keys {
        normalize_foreign_key(fk, dialect);
    }
    if dialect == Dialect::Sqlite {
        table.comment = None;
        // SQLite lets a key column hold NULL unless declared NOT NULL (a bug it keeps for
        // compatibility); the model's key columns never do.
        for key in table.primary_key.iter().flat_map(|pk| &pk.columns) {
            if let Some(c) = table.columns.iter_mut().find(|c| c.name == *key) {
                c.nullable = false;
            }
        }
    }
    if dialect != Dialect::MySql {
        table.options = Default::default();
    }
    if dialect != Dialect::Postgres {
        table.partition_by = None;
    }
    if let Some(pk) = &mut table.primary_key
        && (dialect != Dialect::Postgres || pk.name.as_deref() == Some(&format!("{}_pkey", table.name)))
    {
        pk.name = None;
    }
    if dialect != Dialect::Postgres {
        for u in std::mem::take(&mut table.uniques) {
            table.indexes.push(Index { name: u.name, columns: u.columns, unique: true, predicate: None });
        }
    }
}

fn normalize_column(column: &mut Column, dialect: Dialect) {
    column.ty = match &column.ty {
        ColumnType::Enum { name, values } => ColumnType::Enum {
            name: if dialect == Dialect::Postgres { name.clone() } else { column.name.clone() },
            values: values.clone(),
        },
        ty => parse_type(dialect, &dialect.type_sql(ty, column.identity)),
    };
    column.default = column.default.take().and_then(|d| match d {
        DefaultValue::Value(Literal::Null) => None,
        d => parse_default(dialect, &column.ty, &dialect.default_sql(&d, &column.ty)),
    });
    if dialect == Dialect::Sqlite {
        column.comment = None;
    }
    column.identity_always &= column.identity && dialect == Dialect::Postgres;
    column.serial &= column.identity && dialect == Dialect::Postgres;
}

fn normalize_foreign_key(fk: &mut ForeignKey, dialect: Dialect) {
    let plain = |a: Option<ForeignKeyAction>| match (a, dialect) {
        (Some(ForeignKeyAction::NoAction), _) | (Some(ForeignKeyAction::Restrict), Dialect::MySql) => None,
        (a, _) => a,
    };
    fk.on_delete = plain(fk.on_delete);
    fk.on_update = plain(fk.on_update);
}

/// `from` and `to` normalised for `dialect`, with the text of each check, index predicate
/// and expression default on the `to` side replaced by `from`'s where the two are the same
/// expression written differently, so that `==` and a diff see only real differences.
pub fn comparable(from: &SchemaModel, to: &SchemaModel, dialect: Dialect) -> (SchemaModel, SchemaModel) {
    let from = from.normalized(dialect);
    let mut to = to.normalized(dialect);
    for t in &mut to.tables {
        let Some(f) = from.table(&t.name) else { continue };
        if dialect == Dialect::Sqlite {
            align_foreign_key_names(f, t);
        }
        for check in &mut t.checks {
            if let Some(old) =
                f.check(&check.name).filter(|o| comparable_in(dialect, &o.expr) == comparable_in(dialect, &check.expr))
            {
                check.expr.clone_from(&old.expr);
            }
        }
        for index in &mut t.indexes {
            let Some(old) = f.index(&index.name) else { continue };
            if let (Some(a), Some(b)) = (&old.predicate, &mut index.predicate)
                && comparable_in(dialect, a) == comparable_in(dialect, b)
            {
                b.clone_from(a);
            }
        }
        for column in &mut t.columns {
            let Some(old) = f.column(&column.name) else { continue };
            if let (Some(DefaultValue::Expr(a)), Some(DefaultValue::Expr(b))) = (&old.default, &mut column.default)
                && comparable_in(dialect, a) == comparable_in(dialect, b)
            {
                b.clone_from(a);
            }
            if let (Some(a), Some(b)) = (&old.generated, &mut column.generated)
                && comparable_in(dialect, &a.expr) == comparable_in(dialect, &b.expr)
            {
                b.expr.clone_from(&a.expr);
            }
        }
    }
    (from, to)
}

/// The diff from `from` to `to` as `dialect` stores them: [`comparable`], then
/// [`diff`](crate::diff).
pub fn diff_in(
    dialect: Dialect,
    from: &SchemaModel,
    to: &SchemaModel,
    options: &crate::DiffOptions,
) -> Result<crate::Diff, crate::SchemaError> {
    let (from_n, to_n) = comparable(from, to, dialect);
    let mut diff = crate::diff(&from_n, &to_n, options)?;
    as_declared(&mut diff.ops, to);
    Ok(diff)
}

/// `table` (what the diff creates: its foreign keys and indexes may be left to later
/// operations) with each part as `declared` has it, and its unique indexes back as the
/// unique constraints they were declared as.
fn declared_table(table: &mut Table, declared: &Table) {
    for c in &mut table.columns {
        if let Some(d) = declared.column(&c.name) {
            declared_column(c, d);
        }
    }
    for fk in &mut table.foreign_keys {
        if let Some(d) = declared.foreign_key(&fk.name) {
            fk.clone_from(d);
        }
    }
    // In the declared order (SQLite numbers foreign keys by it).
    let position = |name: &str| declared.foreign_keys.iter().position(|f| f.name == name);
    table.foreign_keys.sort_by_key(|f| position(&f.name));
    for check in &mut table.checks {
        if let Some(d) = declared.check(&check.name) {
            check.clone_from(d);
        }
    }
    let (uniques, indexes): (Vec<Index>, Vec<Index>) =
        std::mem::take(&mut table.indexes).into_iter().partition(|i| declared.unique(&i.name).is_some());
    table.indexes = indexes;
    table.uniques.extend(uniques.into_iter().map(|i| crate::Unique { name: i.name, columns: i.columns }));
    table.primary_key.clone_from(&declared.primary_key);
    table.comment.clone_from(&declared.comment);
    table.options.clone_from(&declared.options);
    table.partition_by.clone_from(&declared.partition_by);
}

/// `column` as `declared` has it, but for the name of an enum type, which only
/// PostgreSQL declares (the compared form names it on the others).
fn declared_column(column: &mut Column, declared: &Column) {
    let enum_name = match &column.ty {
        ColumnType::Enum { name, .. } => Some(name.clone()),
        _ => None,
    };
    column.clone_from(declared);
    if let (ColumnType::Enum { name, .. }, Some(compared)) = (&mut column.ty, enum_name)
        && name.is_empty()
    {
        *name = compared;
    }
}

/// The objects the operations create, as `to` declares them rather than in the compared
/// form: the diff finds what differs between normalised models, but a migration written from
/// it must create what the database holds (SQLite's declared type spellings and `DEFAULT
/// NULL`, MySQL's explicit `NO ACTION`), or the copy it makes is not the original.
fn as_declared(ops: &mut [crate::Op], to: &SchemaModel) {
    use crate::Op;
    use crate::ops::ColumnChange;
    for op in ops {
        match op {
            Op::CreateTable { table } => {
                if let Some(t) = to.table(&table.name) {
                    declared_table(table, t);
                }
            }
            Op::AddColumn { table, column } => {
                if let Some(c) = to.table(table).and_then(|t| t.column(&column.name)) {
                    declared_column(column, c);
                }
            }
            Op::AlterColumn { table, column, change } => {
                let Some(c) = to.table(table).and_then(|t| t.column(column)) else { continue };
                match change {
                    ColumnChange::Type(ty) => ty.clone_from(&c.ty),
                    ColumnChange::Default(d) => d.clone_from(&c.default),
                    ColumnChange::Nullable(_) => {}
                }
            }
            Op::AddForeignKey { table, foreign_key } => {
                if let Some(fk) = to.table(table).and_then(|t| t.foreign_key(&foreign_key.name)) {
                    foreign_key.clone_from(fk);
                }
            }
            _ => {}
        }
    }
}

/// SQLite does not keep foreign-key names (sea-query does not write them for it): a key of
/// `to` that matches one of `from` in everything but the name takes that name.
fn align_foreign_key_names(from: &Table, to: &mut Table) {
    for fk in &mut to.foreign_keys {
        if from.foreign_key(&fk.name).is_some() {
            continue;
        }
        let same =
            |o: &&ForeignKey| o.columns == fk.columns && o.ref_table == fk.ref_table && o.ref_columns == fk.ref_columns;
        if let Some(old) = from.foreign_keys.iter().find(same) {
            fk.name.clone_from(&old.name);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn postgres_catalog_spellings_read_as_portable_types() {
        let p = |s| parse_type(Dialect::Postgres, s);
        assert_eq!(p("integer"), ColumnType::Int);
        assert_eq!(p("int4"), ColumnType::Int);
        assert_eq!(p("numeric(10,2)"), ColumnType::Decimal { precision: 10, scale: 2 });
        assert_eq!(p("numeric(10, 2)"), ColumnType::Decimal { precision: 10, scale: 2 });
        assert_eq!(p("character(3)"), ColumnType::Char { len: 3 });
        assert_eq!(p("timestamp with time zone"), ColumnType::TimestampTz);
        assert_eq!(p("timestamp without time zone"), ColumnType::Timestamp);
        assert_eq!(p("double precision"), ColumnType::Double);
        assert_eq!(p("jsonb"), ColumnType::Json);
        assert_eq!(p("json"), ColumnType::Native { sql: "json".into() });
        assert_eq!(p("integer[]"), ColumnType::Native { sql: "integer[]".into() });
    }

    #[test]
    fn mysql_widths_booleans_and_enums() {
        let m = |s| parse_type(Dialect::MySql, s);
        assert_eq!(m("int(11)"), ColumnType::Int);
        assert_eq!(m("bigint(20)"), ColumnType::BigInt);
        assert_eq!(m("tinyint(1)"), ColumnType::Boolean);
        assert_eq!(m("int(10) unsigned"), ColumnType::Native { sql: "int(10) unsigned".into() });
        assert_eq!(m("datetime(6)"), ColumnType::Timestamp);
        assert_eq!(m("datetime"), ColumnType::Native { sql: "datetime".into() });
        assert_eq!(
            m("enum('a','it''s')"),
            ColumnType::Enum { name: String::new(), values: vec!["a".into(), "it's".into()] }
        );
    }

    #[test]
    fn every_type_survives_render_then_parse() {
        let types = [
            ColumnType::SmallInt,
            ColumnType::Int,
            ColumnType::BigInt,
            ColumnType::Real,
            ColumnType::Double,
            ColumnType::Decimal { precision: 12, scale: 3 },
            ColumnType::Boolean,
            ColumnType::Char { len: 2 },
            ColumnType::Varchar { len: 40 },
            ColumnType::Text,
            ColumnType::Bytes,
            ColumnType::Date,
            ColumnType::Time,
            ColumnType::Timestamp,
            ColumnType::TimestampTz,
            ColumnType::Json,
        ];
        for dialect in Dialect::ALL {
            for ty in &types {
                assert_eq!(&parse_type(dialect, &dialect.type_sql(ty, false)), ty, "{dialect} {ty:?}");
            }
        }
        assert_eq!(
            parse_type(Dialect::Postgres, &Dialect::Postgres.type_sql(&ColumnType::Uuid, false)),
            ColumnType::Uuid
        );
        assert_eq!(parse_type(Dialect::Sqlite, &Dialect::Sqlite.type_sql(&ColumnType::Uuid, false)), ColumnType::Uuid);
    }

    #[test]
    fn defaults_read_back_through_casts_and_quotes() {
        let d = |dialect, ty: &ColumnType, s| parse_default(dialect, ty, s);
        let text = ColumnType::Text;
        assert_eq!(d(Dialect::Postgres, &text, "NULL::text"), None);
        assert_eq!(d(Dialect::MySql, &text, "('x')"), Some(DefaultValue::Value(Literal::Text("x".into()))));
        assert_eq!(d(Dialect::MySql, &ColumnType::Boolean, "1"), Some(DefaultValue::Value(Literal::Bool(true))));
        assert_eq!(d(Dialect::Postgres, &ColumnType::Boolean, "true"), Some(DefaultValue::Value(Literal::Bool(true))));
        assert_eq!(
            d(Dialect::Postgres, &ColumnType::Decimal { precision: 5, scale: 2 }, "1.50"),
            Some(DefaultValue::Value(Literal::Text("1.50".into())))
        );
        assert_eq!(
            d(Dialect::Postgres, &ColumnType::Double, "'1.5'::double precision"),
            Some(DefaultValue::Value(Literal::Float(1.5)))
        );
        assert_eq!(
            d(Dialect::Postgres, &ColumnType::Bytes, "'\\x0aff'::bytea"),
            Some(DefaultValue::Value(Literal::Bytes(vec![10, 255])))
        );
        assert_eq!(
            d(Dialect::Sqlite, &ColumnType::Bytes, "X'0AFF'"),
            Some(DefaultValue::Value(Literal::Bytes(vec![10, 255])))
        );
        assert_eq!(d(Dialect::Postgres, &ColumnType::TimestampTz, "CURRENT_TIMESTAMP"), Some(DefaultValue::Now));
        assert_eq!(d(Dialect::Postgres, &text, "lower('X'::text)"), Some(DefaultValue::Expr("lower('X')".into())));
        assert_eq!(
            d(Dialect::Postgres, &ColumnType::Int, "nextval('t_id_seq'::regclass)"),
            Some(DefaultValue::Expr("nextval('t_id_seq')".into()))
        );
    }

    #[test]
    fn expressions_compare_without_casts_quotes_or_parentheses() {
        assert_eq!(comparable_expr("CHECK ((length((name)::text) > 0))"), comparable_expr("length(\"name\") > 0"));
        assert_ne!(comparable_expr("x > 'A'"), comparable_expr("x > 'a'"));
    }
}
