//! The statements seeds send, built with sea-query for the connected dialect, every value
//! bound: reading rows back as JSON text (their key, and the values a seed would replace),
//! finding the rows that already hold given values, the multi-row upsert in the dialect's
//! own form, and what rolling a seed back deletes and restores. Pure: no I/O.

use super::builder::Mode;
use super::check::ColumnInfo;
use super::value::{Family, SeedValue};
use crate::history::build;
use migrate_schema::{Dialect, Statement};
use sea_query::{Alias, Condition, Expr, ExprTrait, Func, OnConflict, Query};

/// Rows per multi-row statement: at most 30,000 bound values (SQLite allows 32,766) and
/// 1,000 rows.
pub(crate) fn rows_per_statement(columns: usize) -> usize {
    (30_000 / columns.max(1)).clamp(1, 1_000)
}

/// `value` bound for `column`, cast to its type where the dialect does not convert it.
fn bound(dialect: Dialect, column: &ColumnInfo, value: &SeedValue) -> Expr {
    let plain = Expr::val(value.to_sea_for(column.family));
    if dialect.capabilities().bound_values_need_cast && !column.family.binds_plainly() {
        return plain.cast_as(Alias::new(column.sql_type.clone()));
    }
    plain
}

/// The values [`write`] binds for `rows`, in its order: a statement of as many rows,
/// rendered once, takes them in place of its own.
pub(crate) fn values_of(columns: &[ColumnInfo], rows: &[&[SeedValue]]) -> sea_query::Values {
    sea_query::Values(
        rows.iter().flat_map(|r| columns.iter().zip(r.iter()).map(|(c, v)| v.to_sea_for(c.family))).collect(),
    )
}

fn col(name: &str) -> Expr {
    Expr::col(Alias::new(name))
}

/// `column`, as text where JSON would not keep it exactly (decimals).
fn readable(dialect: Dialect, column: &ColumnInfo) -> Expr {
    match column.family {
        Family::Decimal => col(&column.name).cast_as(Alias::new(dialect.capabilities().text_type)),
        _ => col(&column.name),
    }
}

/// The JSON array of `columns`, as text.
fn json_of(dialect: Dialect, columns: &[ColumnInfo]) -> Expr {
    let caps = dialect.capabilities();
    let args: Vec<Expr> = columns.iter().map(|c| readable(dialect, c)).collect();
    Expr::from(Func::cust(Alias::new(caps.json_array)).args(args)).cast_as(Alias::new(caps.text_type))
}

/// The row's columns hold exactly `values` (`IS NULL` for a null).
fn equal(dialect: Dialect, columns: &[ColumnInfo], values: &[SeedValue]) -> Condition {
    columns.iter().zip(values).fold(Condition::all(), |all, (c, v)| match v {
        SeedValue::Null => all.add(col(&c.name).is_null()),
        v => all.add(col(&c.name).eq(bound(dialect, c, v))),
    })
}

/// Any of `conditions`, as a tree of groups of at most 16: a flat `OR` of a thousand rows
/// is a parse tree a thousand deep, beyond SQLite's limit (1,000); the tree is three deep.
fn any_of(mut conditions: Vec<Condition>) -> Condition {
    const FAN_OUT: usize = 16;
    while conditions.len() > FAN_OUT {
        let mut groups = Vec::with_capacity(conditions.len().div_ceil(FAN_OUT));
        let mut rest = conditions.into_iter().peekable();
        while rest.peek().is_some() {
            groups.push(rest.by_ref().take(FAN_OUT).fold(Condition::any(), Condition::add));
        }
        conditions = groups;
    }
    conditions.into_iter().fold(Condition::any(), Condition::add)
}

/// The rows whose key is one of `keys`.
fn key_in(dialect: Dialect, key: &[ColumnInfo], keys: &[&[SeedValue]]) -> Condition {
    match key {
        [single] => Condition::all().add(col(&single.name).is_in(keys.iter().map(|k| bound(dialect, single, &k[0])))),
        _ => any_of(keys.iter().map(|k| equal(dialect, key, k)).collect()),
    }
}

/// `SELECT 1 FROM table LIMIT 1`: whether the table has any row.
pub(crate) fn any_row(dialect: Dialect, table: &str) -> Statement {
    build(dialect, Query::select().expr(Expr::val(1)).from(Alias::new(table)).limit(1))
}

/// Per row whose key is among `keys` (every row without `keys`): its key and its
/// `columns` (the key first), each as a JSON array.
pub(crate) fn read(
    dialect: Dialect,
    table: &str,
    columns: &[ColumnInfo],
    key_len: usize,
    keys: Option<&[&[SeedValue]]>,
) -> Statement {
    let mut q = Query::select();
    q.expr(json_of(dialect, &columns[..key_len])).expr(json_of(dialect, columns)).from(Alias::new(table));
    if let Some(keys) = keys {
        q.cond_where(key_in(dialect, &columns[..key_len], keys));
    }
    build(dialect, &q)
}

/// The keys (JSON arrays) of the rows that hold exactly `rows` over `columns`.
pub(crate) fn holding(
    dialect: Dialect,
    table: &str,
    columns: &[ColumnInfo],
    key_len: usize,
    rows: &[&[SeedValue]],
) -> Statement {
    let cond = any_of(rows.iter().map(|r| equal(dialect, columns, r)).collect());
    build(dialect, Query::select().expr(json_of(dialect, &columns[..key_len])).from(Alias::new(table)).cond_where(cond))
}

/// One multi-row `INSERT` of `rows` that updates the rows whose key is present (`Upsert`)
/// or leaves them (`Insert`), in the dialect's own form: `ON CONFLICT (key) DO UPDATE`
/// (PostgreSQL, SQLite), `ON DUPLICATE KEY UPDATE` (MySQL). Without a mode, a plain
/// `INSERT`: for a table that had no rows when the seed began, where no key can be
/// present (a row another session adds meanwhile makes it fail, and the seed with it).
pub(crate) fn write(
    dialect: Dialect,
    table: &str,
    mode: Option<Mode>,
    columns: &[ColumnInfo],
    key_len: usize,
    rows: &[&[SeedValue]],
) -> Statement {
    let names = |cs: &[ColumnInfo]| cs.iter().map(|c| Alias::new(c.name.clone())).collect::<Vec<_>>();
    let mut q = Query::insert();
    q.into_table(Alias::new(table)).columns(names(columns));
    for row in rows {
        q.values_panic(columns.iter().zip(row.iter()).map(|(c, v)| bound(dialect, c, v)));
    }
    let Some(mode) = mode else { return build(dialect, &q) };
    let key = names(&columns[..key_len]);
    let mut on = OnConflict::columns(key.clone());
    match (mode, &columns[key_len..]) {
        (Mode::Upsert, rest) if !rest.is_empty() => on.update_columns(names(rest)),
        _ => on.do_nothing_on(key),
    };
    q.on_conflict(on);
    build(dialect, &q)
}

/// `DELETE` of the rows that hold exactly `rows` over `columns` (its caller has checked,
/// in the same transaction, that they hold those values: with a one-column key, the key
/// alone picks them, through its index).
pub(crate) fn delete(
    dialect: Dialect,
    table: &str,
    columns: &[ColumnInfo],
    key_len: usize,
    rows: &[&[SeedValue]],
) -> Statement {
    let cond = match key_len {
        1 => key_in(dialect, &columns[..1], &rows.iter().map(|r| &r[..1]).collect::<Vec<_>>()),
        _ => any_of(rows.iter().map(|r| equal(dialect, columns, r)).collect()),
    };
    build(dialect, Query::delete().from_table(Alias::new(table)).cond_where(cond))
}

/// `UPDATE` of the row of key `key` that holds `now`, back to `before`.
pub(crate) fn restore(
    dialect: Dialect,
    table: &str,
    columns: &[ColumnInfo],
    key_len: usize,
    now: &[SeedValue],
    before: &[SeedValue],
) -> Statement {
    let mut q = Query::update();
    q.table(Alias::new(table)).cond_where(equal(dialect, columns, now));
    for (c, v) in columns[key_len..].iter().zip(&before[key_len..]) {
        q.value(Alias::new(c.name.clone()), bound(dialect, c, v));
    }
    build(dialect, &q)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn columns() -> Vec<ColumnInfo> {
        vec![
            ColumnInfo { name: "name".into(), family: Family::Text, sql_type: "varchar(50)".into(), uuid: false },
            ColumnInfo { name: "starts".into(), family: Family::Textual, sql_type: "timestamp".into(), uuid: false },
        ]
    }

    fn row() -> Vec<SeedValue> {
        vec![SeedValue::Text("a".into()), SeedValue::Text("2025-01-01 00:00:00".into())]
    }

    #[test]
    fn upserts_use_each_dialects_own_form() {
        let r = row();
        let rows = [r.as_slice()];
        let pg = write(Dialect::Postgres, "events", Some(Mode::Upsert), &columns(), 1, &rows).sql;
        assert_eq!(
            pg,
            r#"INSERT INTO "events" ("name", "starts") VALUES ($1, CAST($2 AS timestamp)) ON CONFLICT ("name") DO UPDATE SET "starts" = "excluded"."starts""#
        );
        let my = write(Dialect::MySql, "events", Some(Mode::Upsert), &columns(), 1, &rows).sql;
        assert_eq!(
            my,
            "INSERT INTO `events` (`name`, `starts`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `starts` = VALUES(`starts`)"
        );
        let lite = write(Dialect::Sqlite, "events", Some(Mode::Insert), &columns(), 1, &rows).sql;
        assert_eq!(lite, r#"INSERT INTO "events" ("name", "starts") VALUES (?, ?) ON CONFLICT ("name") DO NOTHING"#);
        let my_once = write(Dialect::MySql, "events", Some(Mode::Insert), &columns(), 1, &rows).sql;
        assert!(my_once.ends_with("ON DUPLICATE KEY UPDATE `name` = `name`"), "{my_once}");
    }

    #[test]
    fn a_thousand_rows_compare_in_a_shallow_tree_of_groups() {
        let rows: Vec<Vec<SeedValue>> =
            (0..1000).map(|i| vec![SeedValue::Text(format!("r{i}")), SeedValue::Null]).collect();
        let rows: Vec<&[SeedValue]> = rows.iter().map(Vec::as_slice).collect();
        let sql = holding(Dialect::Sqlite, "events", &columns(), 1, &rows).sql;
        let (mut depth, mut deepest) = (0i32, 0);
        for c in sql.chars() {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            deepest = Ord::max(deepest, depth);
        }
        assert!(deepest <= 6, "{deepest}");
        assert_eq!(sql.matches(r#""starts" IS NULL"#).count(), 1000);
    }

    #[test]
    fn a_statement_of_as_many_rows_binds_values_of_others_in_its_order() {
        let (a, b) = (row(), vec![SeedValue::Text("b".into()), SeedValue::Null]);
        let first = write(Dialect::Postgres, "events", Some(Mode::Upsert), &columns(), 1, &[a.as_slice()]);
        let other = write(Dialect::Postgres, "events", Some(Mode::Upsert), &columns(), 1, &[b.as_slice()]);
        assert_eq!(first.sql, other.sql, "the text does not depend on the values");
        assert_eq!(values_of(&columns(), &[b.as_slice()]), other.values);
    }

    #[test]
    fn reads_build_json_arrays_in_the_dialect() {
        let r = row();
        let pg = read(Dialect::Postgres, "events", &columns(), 1, Some(&[r.as_slice()])).sql;
        assert_eq!(
            pg,
            r#"SELECT CAST(json_build_array("name") AS text), CAST(json_build_array("name", "starts") AS text) FROM "events" WHERE "name" IN ($1)"#
        );
        let my = holding(Dialect::MySql, "events", &columns(), 1, &[r.as_slice()]).sql;
        assert_eq!(my, "SELECT CAST(JSON_ARRAY(`name`) AS char) FROM `events` WHERE `name` = ? AND `starts` = ?");
    }
}
