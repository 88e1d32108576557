//! Operations written back as the Rust a person would write with the typed builder: what
//! `migrate new --from-db` and `migrate new --template` put in a new migration file.
//!
//! The code uses the shortest builder form that records exactly the same operation (`t.id`,
//! `.unique()`, `.references(...)`, names only where they differ from the default), so
//! replaying the generated migration gives back the operations it was written from.

mod column;
mod literal;
mod module;

use crate::builder::naming;
use crate::dialect::Dialect;
use crate::model::{ForeignKeyAction, Index, Table};
use crate::ops::{ColumnChange, Op, RawSql};
use column::{ColumnCode, column_type_expr};
use literal::{str_lit, strs};
use std::fmt::Write as _;

pub use module::{features, schema_module};

/// A migration file: `#[migration]` and a function whose body records `ops`, after
/// `notes` as comments (what the caller could not turn into operations).
///
/// `dialect` is the database the operations were read from, when they were: an enum type
/// named after its column is the builder's default there unless it is PostgreSQL, where
/// enum types have names of their own.
///
/// ```
/// use migrate_schema::{codegen, Schema};
/// let mut s = Schema::new();
/// s.add_column::<Option<String>>("users", "bio").max_len(500);
/// s.drop_column("users", "legacy");
/// let code = codegen::rust_migration(7, "user bio", s.ops(), None, &[]);
/// assert!(code.contains("#[migration(version = 7, name = \"user bio\")]"));
/// assert!(code.contains("fn user_bio(s: &mut Schema) {"));
/// assert!(code.contains("    s.add_column::<Option<String>>(\"users\", \"bio\").max_len(500);"));
/// assert!(code.contains("    s.drop_column(\"users\", \"legacy\");"));
/// ```
pub fn rust_migration(version: u64, name: &str, ops: &[Op], dialect: Option<Dialect>, notes: &[String]) -> String {
    let mut body = String::new();
    for note in notes {
        let _ = writeln!(body, "    // {}", note.replace('\n', " "));
    }
    body.push_str(&rust_body(ops, dialect));
    rust_file(version, name, &body)
}

/// A migration file around `body`, the statements of a `fn(s: &mut Schema)`.
///
/// ```
/// let code = migrate_schema::codegen::rust_file(3, "seed roles", "    s.sql(\"SELECT 1\");\n");
/// assert!(code.ends_with("fn seed_roles(s: &mut Schema) {\n    s.sql(\"SELECT 1\");\n}\n"));
/// ```
pub fn rust_file(version: u64, name: &str, body: &str) -> String {
    let mut out = String::from("use migrate::prelude::*;\n\n");
    let _ = writeln!(out, "#[migration(version = {version}, name = {})]", str_lit(name));
    let _ = writeln!(out, "fn {}(s: &mut Schema) {{", function_name(name));
    out.push_str(body);
    out.push_str("}\n");
    out
}

/// The statements recording `ops`, one per line, indented for a function body.
pub fn rust_body(ops: &[Op], dialect: Option<Dialect>) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < ops.len() {
        if let Op::AlterColumn { table, column, .. } = &ops[i] {
            let run = ops[i..]
                .iter()
                .take_while(|o| matches!(o, Op::AlterColumn { table: t, column: c, .. } if t == table && c == column))
                .count();
            let changes = ops[i..i + run].iter().filter_map(|o| match o {
                Op::AlterColumn { change, .. } => Some(change),
                _ => None,
            });
            alter_column(&mut out, table, column, changes);
            i += run;
            continue;
        }
        op(&mut out, &ops[i], dialect);
        i += 1;
    }
    out
}

/// A Rust function name for a migration called `name`: snake case, never a keyword.
pub fn function_name(name: &str) -> String {
    let snake = snake_case(name);
    let keyword = KEYWORDS.contains(&snake.as_str());
    if snake.is_empty() || keyword || snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("migration_{snake}").trim_end_matches('_').to_owned()
    } else {
        snake
    }
}

/// `name` in snake case: ASCII letters and digits, lowercased, words joined by `_`.
///
/// ```
/// assert_eq!(migrate_schema::codegen::snake_case("Add user Bio!"), "add_user_bio");
/// ```
pub fn snake_case(name: &str) -> String {
    let mapped: String =
        name.trim().chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    mapped.split('_').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_")
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

fn op(out: &mut String, op: &Op, dialect: Option<Dialect>) {
    let line = match op {
        Op::CreateTable { table } => return create_table(out, table, dialect),
        Op::DropTable { table } => format!("s.drop_table({});", str_lit(table)),
        Op::RenameTable { from, to } => format!("s.rename_table({}, {});", str_lit(from), str_lit(to)),
        Op::AddColumn { table, column } => {
            let code = ColumnCode::new(table, column, dialect);
            format!("{}{};", code.add_head(table), code.tail)
        }
        Op::DropColumn { table, column } => format!("s.drop_column({}, {});", str_lit(table), str_lit(column)),
        Op::RenameColumn { table, from, to } => {
            format!("s.rename_column({}, {}, {});", str_lit(table), str_lit(from), str_lit(to))
        }
        Op::AlterColumn { table, column, change } => return alter_column(out, table, column, [change].into_iter()),
        Op::CreateIndex { table, index } => {
            format!("s.create_index({}, {}){};", str_lit(table), strs(&index.columns), index_tail(table, index))
        }
        Op::DropIndex { table, name } => format!("s.drop_index({}, {});", str_lit(table), str_lit(name)),
        Op::AddForeignKey { table, foreign_key: fk } => {
            let default = naming::foreign_key(table, &refs(&fk.columns));
            format!(
                "s.add_foreign_key({}, {}, {}, {}){};",
                str_lit(table),
                strs(&fk.columns),
                str_lit(&fk.ref_table),
                strs(&fk.ref_columns),
                fk_tail(&fk.name, &default, fk.on_delete, fk.on_update)
            )
        }
        Op::DropForeignKey { table, name } => format!("s.drop_foreign_key({}, {});", str_lit(table), str_lit(name)),
        Op::AddUnique { table, unique } => {
            let default = naming::unique(table, &refs(&unique.columns));
            format!("s.add_unique({}, {}){};", str_lit(table), strs(&unique.columns), name_tail(&unique.name, &default))
        }
        Op::DropUnique { table, name } => format!("s.drop_unique({}, {});", str_lit(table), str_lit(name)),
        Op::AddCheck { table, check } => {
            let default = naming::check(table, &check.expr);
            format!("s.add_check({}, {}){};", str_lit(table), str_lit(&check.expr), name_tail(&check.name, &default))
        }
        Op::DropCheck { table, name } => format!("s.drop_check({}, {});", str_lit(table), str_lit(name)),
        Op::Sql { up, down } => raw_sql(up, down.as_ref()),
        Op::Data { up, .. } => format!(
            "// A data statement, as PostgreSQL runs it: rewrite it with sea-query to run everywhere.\n    s.sql_on(Dialect::Postgres, {});",
            str_lit(&up.canonical())
        ),
    };
    let _ = writeln!(out, "    {line}");
}

fn create_table(out: &mut String, table: &Table, dialect: Option<Dialect>) {
    let _ = writeln!(out, "    s.create_table({}, |t| {{", str_lit(&table.name));
    let pk = table.primary_key.as_ref().map(|pk| pk.columns.as_slice()).unwrap_or_default();
    let single_pk = (pk.len() == 1).then(|| pk[0].as_str());
    let mut chained_uniques = Vec::new();
    let mut chained_fks = Vec::new();
    for column in &table.columns {
        let code = ColumnCode::new(&table.name, column, dialect);
        let is_pk = single_pk == Some(column.name.as_str());
        let mut line = if is_pk && code.is_id() {
            format!("t.id({})", str_lit(&column.name))
        } else {
            format!("{}{}{}", code.create_head(), code.tail, if is_pk { ".primary_key()" } else { "" })
        };
        let alone = |cols: &[String]| cols.len() == 1 && cols[0] == column.name;
        let unique_name = naming::unique(&table.name, &[&column.name]);
        if let Some(u) = table.uniques.iter().find(|u| alone(&u.columns) && u.name == unique_name) {
            line.push_str(".unique()");
            chained_uniques.push(&u.name);
        }
        let fk_name = naming::foreign_key(&table.name, &[&column.name]);
        if let Some(fk) = table.foreign_keys.iter().find(|f| alone(&f.columns) && f.name == fk_name) {
            let _ = write!(
                line,
                ".references({}, {}){}",
                str_lit(&fk.ref_table),
                str_lit(&fk.ref_columns[0]),
                fk_tail(&fk.name, &fk_name, fk.on_delete, fk.on_update)
            );
            chained_fks.push(&fk.name);
        }
        let _ = writeln!(out, "        {line};");
    }
    if pk.len() > 1 {
        let _ = writeln!(out, "        t.primary_key({});", strs(pk));
    }
    for u in table.uniques.iter().filter(|u| !chained_uniques.contains(&&u.name)) {
        let default = naming::unique(&table.name, &refs(&u.columns));
        let _ = writeln!(out, "        t.unique({}){};", strs(&u.columns), name_tail(&u.name, &default));
    }
    for index in &table.indexes {
        let _ = writeln!(out, "        t.index({}){};", strs(&index.columns), index_tail(&table.name, index));
    }
    for fk in table.foreign_keys.iter().filter(|f| !chained_fks.contains(&&f.name)) {
        let default = naming::foreign_key(&table.name, &refs(&fk.columns));
        let _ = writeln!(
            out,
            "        t.foreign_key({}, {}, {}){};",
            strs(&fk.columns),
            str_lit(&fk.ref_table),
            strs(&fk.ref_columns),
            fk_tail(&fk.name, &default, fk.on_delete, fk.on_update)
        );
    }
    for check in &table.checks {
        let default = naming::check(&table.name, &check.expr);
        let _ = writeln!(out, "        t.check({}){};", str_lit(&check.expr), name_tail(&check.name, &default));
    }
    if let Some(comment) = &table.comment {
        let _ = writeln!(out, "        t.comment({});", str_lit(comment));
    }
    if let Some(name) = table.primary_key.as_ref().and_then(|pk| pk.name.as_ref()) {
        let _ = writeln!(out, "        t.primary_key_name({});", str_lit(name));
    }
    let options = &table.options;
    for (method, value) in [
        ("partition_by", &table.partition_by),
        ("engine", &options.engine),
        ("default_collation", &options.collation),
        ("row_format", &options.row_format),
    ] {
        if let Some(value) = value {
            let _ = writeln!(out, "        t.{method}({});", str_lit(value));
        }
    }
    out.push_str("    });\n");
}

fn alter_column<'c>(out: &mut String, table: &str, column: &str, changes: impl Iterator<Item = &'c ColumnChange>) {
    let mut line = format!("s.alter_column({}, {})", str_lit(table), str_lit(column));
    for change in changes {
        match change {
            ColumnChange::Type(ty) => {
                let _ = write!(line, ".set_column_type({})", column_type_expr(ty));
            }
            ColumnChange::Nullable(true) => line.push_str(".nullable()"),
            ColumnChange::Nullable(false) => line.push_str(".not_null()"),
            ColumnChange::Default(None) => line.push_str(".drop_default()"),
            ColumnChange::Default(Some(d)) => line.push_str(&literal::set_default(d)),
        }
    }
    let _ = writeln!(out, "    {line};");
}

fn index_tail(table: &str, index: &Index) -> String {
    let mut tail = name_tail(&index.name, &naming::index(table, &refs(&index.columns)));
    if index.unique {
        tail.push_str(".unique()");
    }
    if let Some(p) = &index.predicate {
        let _ = write!(tail, ".predicate({})", str_lit(p));
    }
    tail
}

fn fk_tail(
    name: &str,
    default: &str,
    on_delete: Option<ForeignKeyAction>,
    on_update: Option<ForeignKeyAction>,
) -> String {
    let mut tail = name_tail(name, default);
    if let Some(a) = on_delete {
        let _ = write!(tail, ".on_delete({})", action(a));
    }
    if let Some(a) = on_update {
        let _ = write!(tail, ".on_update({})", action(a));
    }
    tail
}

fn name_tail(name: &str, default: &str) -> String {
    if name == default { String::new() } else { format!(".name({})", str_lit(name)) }
}

fn action(a: ForeignKeyAction) -> &'static str {
    match a {
        ForeignKeyAction::NoAction => "NoAction",
        ForeignKeyAction::Restrict => "Restrict",
        ForeignKeyAction::Cascade => "Cascade",
        ForeignKeyAction::SetNull => "SetNull",
        ForeignKeyAction::SetDefault => "SetDefault",
    }
}

/// `s.sql(...)` for a text every dialect runs, `s.sql_on(Dialect::X, ...)` for one
/// dialect's, then the other variants and the down.
fn raw_sql(up: &RawSql, down: Option<&RawSql>) -> String {
    let mut ups = variants(up).into_iter();
    let mut line = match (&up.any, ups.next()) {
        (Some(any), first) => {
            let mut l = format!("s.sql({})", str_lit(any));
            if let Some((d, sql)) = first {
                let _ = write!(l, "\n        .on({}, {})", dialect_path(d), str_lit(sql));
            }
            l
        }
        (None, Some((d, sql))) => format!("s.sql_on({}, {})", dialect_path(d), str_lit(sql)),
        (None, None) => "s.sql(\"\")".to_owned(),
    };
    for (d, sql) in ups {
        let _ = write!(line, "\n        .on({}, {})", dialect_path(d), str_lit(sql));
    }
    if let Some(down) = down {
        if let Some(any) = &down.any {
            let _ = write!(line, "\n        .down({})", str_lit(any));
        }
        for (d, sql) in variants(down) {
            let _ = write!(line, "\n        .down_on({}, {})", dialect_path(d), str_lit(sql));
        }
    }
    line.push(';');
    line
}

/// The per-dialect texts of `raw`.
fn variants(raw: &RawSql) -> Vec<(Dialect, &str)> {
    [(Dialect::Postgres, &raw.postgres), (Dialect::MySql, &raw.mysql), (Dialect::Sqlite, &raw.sqlite)]
        .into_iter()
        .filter_map(|(d, sql)| sql.as_deref().map(|s| (d, s)))
        .collect()
}

fn dialect_path(d: Dialect) -> &'static str {
    match d {
        Dialect::Postgres => "Dialect::Postgres",
        Dialect::MySql => "Dialect::MySql",
        Dialect::Sqlite => "Dialect::Sqlite",
    }
}

fn refs(columns: &[String]) -> Vec<&str> {
    columns.iter().map(String::as_str).collect()
}
