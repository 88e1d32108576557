//! SQLite: `pragma_table_list`, `pragma_table_xinfo`, `pragma_index_list`/`index_xinfo`,
//! `pragma_foreign_key_list`, and the `CREATE` statements in `sqlite_schema` for what the
//! pragmas leave out (constraint names, checks, `AUTOINCREMENT`, collations).

use super::ddl::{self, ColumnDef, ConstraintKind, Part};
use super::{action, is_tool_table, native, quote};
use migrate_schema::normalize::{parse_default, parse_type};
use migrate_schema::{Check, Column, ColumnType, Dialect, ForeignKey, Index, PrimaryKey, SchemaModel, Table};
use sqlx::SqliteConnection;

type Result<T> = std::result::Result<T, sqlx::Error>;

/// id, seq, parent table, from, to, on update, on delete.
type ForeignKeyRow = (i64, i64, String, String, Option<String>, String, String);

pub(crate) async fn introspect(c: &mut SqliteConnection) -> Result<SchemaModel> {
    let mut model = SchemaModel::new();
    let objects: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT s.type, s.name, s.tbl_name, s.sql FROM sqlite_schema s \
         WHERE s.name NOT LIKE 'sqlite_%' ORDER BY s.rowid",
    )
    .fetch_all(&mut *c)
    .await?;
    let kinds: Vec<(String, String)> =
        sqlx::query_as("SELECT name, type FROM pragma_table_list WHERE schema = 'main'").fetch_all(&mut *c).await?;
    let kind_of = |name: &str| kinds.iter().find(|(n, _)| n == name).map_or("table", |(_, k)| k.as_str());
    for (ty, name, table, sql) in &objects {
        let sql = sql.clone().unwrap_or_default();
        if is_tool_table(table) {
            continue;
        }
        match ty.as_str() {
            "table" if kind_of(name) == "virtual" => {
                model.natives.push(native("virtual_table", name, None, sql, format!("DROP TABLE {}", quote(name))));
            }
            "table" if kind_of(name) == "shadow" => {}
            "table" => table_of(c, &mut model, name, &sql).await?,
            "view" => model.natives.push(native("view", name, None, sql, format!("DROP VIEW {}", quote(name)))),
            "trigger" => {
                model.natives.push(native("trigger", name, Some(table), sql, format!("DROP TRIGGER {}", quote(name))))
            }
            _ => {}
        }
    }
    let tables: Vec<String> = model.tables.iter().map(|t| t.name.clone()).collect();
    for table in tables {
        let indexes: Vec<(String, bool, String)> =
            sqlx::query_as("SELECT name, \"unique\", origin FROM pragma_index_list(?) ORDER BY seq")
                .bind(&table)
                .fetch_all(&mut *c)
                .await?;
        let sql_of = |ty: &str, name: &str| {
            objects.iter().find(|(t, n, _, _)| t == ty && n == name).and_then(|o| o.3.as_deref())
        };
        let table_sql = sql_of("table", &table).unwrap_or_default();
        for (name, unique, origin) in indexes {
            let index = (name.as_str(), unique, origin.as_str());
            index_of(c, &mut model, (&table, table_sql), index, sql_of("index", &name)).await?;
        }
    }
    Ok(model)
}

async fn table_of(c: &mut SqliteConnection, model: &mut SchemaModel, name: &str, sql: &str) -> Result<()> {
    let (parts, without_rowid) = ddl::table_parts(sql);
    let defs: Vec<&ColumnDef> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Column(d) => Some(d),
            Part::Constraint { .. } => None,
        })
        .collect();
    let def_of = |column: &str| defs.iter().find(|d| d.name.eq_ignore_ascii_case(column)).copied();
    let mut table = Table::new(name);
    let columns: Vec<(String, String, bool, Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid",
    )
    .bind(name)
    .fetch_all(&mut *c)
    .await?;
    let mut key: Vec<(i64, String)> = Vec::new();
    for (column, declared, not_null, default, pk, hidden) in columns {
        let def = def_of(&column);
        if hidden != 0 || def.is_some_and(|d| d.generated) {
            model.natives.push(native(
                "generated_column",
                &format!("{name}.{column}"),
                Some(name),
                sql.to_owned(),
                String::new(),
            ));
            continue;
        }
        let mut ty = parse_type(Dialect::Sqlite, &declared);
        if let Some(values) = def.and_then(|d| enum_values(&column, d)) {
            ty = ColumnType::Enum { name: String::new(), values };
        }
        let default = default.and_then(|d| parse_default(Dialect::Sqlite, &ty, &d));
        let mut col = Column::new(column.clone(), ty);
        // A key column holds no NULL in the model (SQLite lets a non-integer key hold one
        // unless declared NOT NULL, a bug it keeps for compatibility).
        col.nullable = !not_null && pk == 0;
        col.default = default;
        col.identity = def.is_some_and(|d| d.autoincrement);
        if pk > 0 {
            key.push((pk, column.clone()));
        }
        if let Some(collation) = def.and_then(|d| d.collate.clone()) {
            model.natives.push(native(
                "collation",
                &format!("{name}.{column}"),
                Some(name),
                format!("COLLATE {collation}"),
                String::new(),
            ));
        }
        for (i, (check_name, expr)) in def.map(|d| d.checks.as_slice()).unwrap_or_default().iter().enumerate() {
            if matches!(col.ty, ColumnType::Enum { .. }) && i == 0 && check_name.is_none() {
                continue;
            }
            let check_name = check_name.clone().unwrap_or_else(|| format!("{name}_{column}_check{}", i + 1));
            table.checks.push(Check { name: check_name, expr: expr.clone() });
        }
        table.columns.push(col);
    }
    key.sort();
    if !key.is_empty() {
        table.primary_key = Some(PrimaryKey { columns: key.into_iter().map(|(_, c)| c).collect() });
    }
    for (i, part) in parts.iter().enumerate() {
        if let Part::Constraint { name: check_name, kind: ConstraintKind::Check(expr) } = part {
            let check_name = check_name.clone().unwrap_or_else(|| format!("{name}_check{}", i + 1));
            table.checks.push(Check { name: check_name, expr: expr.clone() });
        }
    }
    foreign_keys_of(c, &mut table, &parts).await?;
    if without_rowid {
        model.natives.push(native(
            "without_rowid",
            &format!("{name} WITHOUT ROWID"),
            Some(name),
            sql.to_owned(),
            String::new(),
        ));
    }
    model.tables.push(table);
    Ok(())
}

/// `"col" IN ('a', 'b')`, the check the renderer writes for an enum column.
fn enum_values(column: &str, def: &ColumnDef) -> Option<Vec<String>> {
    let (name, expr) = def.checks.first()?;
    if name.is_some() {
        return None;
    }
    let expr = expr.trim();
    let rest = expr.strip_prefix(&format!("\"{column}\""))?.trim_start();
    let list = rest.strip_prefix("IN")?.trim().strip_prefix('(')?.strip_suffix(')')?;
    match parse_type(Dialect::MySql, &format!("enum({list})")) {
        ColumnType::Enum { values, .. } => Some(values),
        _ => None,
    }
}

async fn foreign_keys_of(c: &mut SqliteConnection, table: &mut Table, parts: &[Part]) -> Result<()> {
    let rows: Vec<ForeignKeyRow> = sqlx::query_as(
        "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
    )
    .bind(&table.name)
    .fetch_all(&mut *c)
    .await?;
    let named: Vec<(Option<&String>, &Vec<String>)> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Constraint { name, kind: ConstraintKind::ForeignKey(cols) } => Some((name.as_ref(), cols)),
            _ => None,
        })
        .collect();
    let mut fks: Vec<(i64, ForeignKey)> = Vec::new();
    for (id, _, parent, from, to, on_update, on_delete) in rows {
        if let Some((_, fk)) = fks.iter_mut().find(|(i, _)| *i == id) {
            fk.columns.push(from);
            fk.ref_columns.extend(to);
            continue;
        }
        let fk = ForeignKey {
            name: String::new(),
            columns: vec![from],
            ref_table: parent,
            ref_columns: to.into_iter().collect(),
            on_delete: action(&on_delete),
            on_update: action(&on_update),
        };
        fks.push((id, fk));
    }
    for (id, mut fk) in fks {
        let name =
            named.iter().find(|(_, cols)| cols.iter().map(String::as_str).eq(fk.columns.iter().map(String::as_str)));
        fk.name = name
            .and_then(|(n, _)| n.cloned())
            .unwrap_or_else(|| format!("{}_{}_fkey{id}", table.name, fk.columns.join("_")));
        if fk.ref_columns.is_empty() {
            let key: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk")
                .bind(&fk.ref_table)
                .fetch_all(&mut *c)
                .await?;
            fk.ref_columns = key;
        }
        table.foreign_keys.push(fk);
    }
    Ok(())
}

/// One index of `table` (with its CREATE TABLE statement): `(name, unique, origin)` from
/// `pragma_index_list`, and its SQL (none for the indexes behind `UNIQUE` and `PRIMARY KEY`
/// constraints).
async fn index_of(
    c: &mut SqliteConnection,
    model: &mut SchemaModel,
    (table, table_sql): (&str, &str),
    (name, unique, origin): (&str, bool, &str),
    sql: Option<&str>,
) -> Result<()> {
    if origin == "pk" {
        return Ok(());
    }
    let keys: Vec<(i64, Option<String>, bool, Option<String>)> =
        sqlx::query_as("SELECT cid, name, \"desc\", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno")
            .bind(name)
            .fetch_all(&mut *c)
            .await?;
    let plain = keys.iter().all(|(cid, column, desc, coll)| {
        *cid >= 0 && column.is_some() && !desc && coll.as_deref().is_none_or(|c| c.eq_ignore_ascii_case("binary"))
    });
    let columns: Vec<String> = keys.into_iter().filter_map(|(_, column, _, _)| column).collect();
    let Some(owner) = model.tables.iter_mut().find(|t| t.name == table) else { return Ok(()) };
    if origin == "u" {
        // A `UNIQUE` constraint of the table: its name is in the CREATE TABLE statement.
        let parts = ddl::table_parts(table_sql).0;
        let constraint = parts.iter().find_map(|p| match p {
            Part::Constraint { name, kind: ConstraintKind::Unique(cols) } if *cols == columns => Some(name.clone()),
            _ => None,
        });
        // An unnamed constraint's index is `sqlite_autoindex_…`, a name SQLite reserves.
        let name = constraint.flatten().unwrap_or_else(|| format!("{table}_{}_key", columns.join("_")));
        owner.indexes.push(Index { name, columns, unique: true, predicate: None });
        return Ok(());
    }
    let sql = sql.unwrap_or_default();
    if !plain {
        model.natives.push(native("index", name, Some(table), sql.to_owned(), format!("DROP INDEX {}", quote(name))));
        return Ok(());
    }
    let predicate = ddl::index_predicate(sql);
    owner.indexes.push(Index { name: name.to_owned(), columns, unique, predicate });
    Ok(())
}
