//! SQLite: `pragma_table_list`, `pragma_table_xinfo`, `pragma_index_list`/`index_xinfo`,
//! `pragma_foreign_key_list`, and the `CREATE` statements in `sqlite_schema` for what the
//! pragmas leave out (constraint names, checks, `AUTOINCREMENT`, collations).
//!
//! Each pragma is read for every table at once, joined as a table-valued function with the
//! table list: five queries whatever the size of the schema, not several per table and
//! per index (SQLite answers each query quickly, but through sqlx's worker thread a query
//! costs about as much as the work of reading a table).

use super::ddl::{self, ColumnDef, ConstraintKind, Part};
use super::{action, is_tool_table, native};
use migrate_schema::normalize::{parse_default, parse_type};
use migrate_schema::{
    Check, Column, ColumnType, DefaultValue, Dialect, ForeignKey, Generated, Index, Literal, PrimaryKey, SchemaModel,
    Table,
};
use sqlx::SqliteConnection;
use std::collections::HashMap;

type Result<T> = std::result::Result<T, sqlx::Error>;

/// Ordinary tables of `main`, as the outer side of the pragma joins. `pragma_table_list`
/// tells virtual and shadow tables apart (reading a virtual table's columns would need its
/// module loaded).
macro_rules! tables {
    () => {
        "(SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
         AND name NOT LIKE 'sqlite_%') t"
    };
}

/// Table, name, declared type, NOT NULL, default, position in the key, hidden.
type ColumnRow = (String, String, String, bool, Option<String>, i64, i64);
/// Table, index, unique, origin, column number, column, descending, collation.
type IndexRow = (String, String, bool, String, i64, Option<String>, bool, Option<String>);
/// Table, id, parent table, from, to, on update, on delete.
type ForeignKeyRow = (String, i64, String, String, Option<String>, String, String);

/// The catalog, read in one pass and grouped by table.
#[derive(Default)]
struct Catalog {
    columns: HashMap<String, Vec<ColumnRow>>,
    indexes: HashMap<String, Vec<IndexRow>>,
    foreign_keys: HashMap<String, Vec<ForeignKeyRow>>,
}

impl Catalog {
    async fn read(c: &mut SqliteConnection) -> Result<Catalog> {
        let mut catalog = Catalog::default();
        let columns: Vec<ColumnRow> = sqlx::query_as(concat!(
            "SELECT t.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM ",
            tables!(),
            " JOIN pragma_table_xinfo(t.name) p ORDER BY t.name, p.cid"
        ))
        .fetch_all(&mut *c)
        .await?;
        for row in columns {
            catalog.columns.entry(row.0.clone()).or_default().push(row);
        }
        let indexes: Vec<IndexRow> = sqlx::query_as(concat!(
            "SELECT t.name, l.name, l.\"unique\", l.origin, x.cid, x.name, x.\"desc\", x.coll FROM ",
            tables!(),
            " JOIN pragma_index_list(t.name) l JOIN pragma_index_xinfo(l.name) x \
             WHERE x.key = 1 ORDER BY t.name, l.seq, x.seqno"
        ))
        .fetch_all(&mut *c)
        .await?;
        for row in indexes {
            catalog.indexes.entry(row.0.clone()).or_default().push(row);
        }
        let foreign_keys: Vec<ForeignKeyRow> = sqlx::query_as(concat!(
            "SELECT t.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete FROM ",
            tables!(),
            " JOIN pragma_foreign_key_list(t.name) f ORDER BY t.name, f.id, f.seq"
        ))
        .fetch_all(&mut *c)
        .await?;
        for row in foreign_keys {
            catalog.foreign_keys.entry(row.0.clone()).or_default().push(row);
        }
        Ok(catalog)
    }

    /// The primary-key columns of `table`, in key order (a foreign key that names no
    /// columns references them).
    fn key_of(&self, table: &str) -> Vec<String> {
        let mut key: Vec<(i64, &String)> =
            self.columns.get(table).into_iter().flatten().filter(|row| row.5 > 0).map(|row| (row.5, &row.1)).collect();
        key.sort();
        key.into_iter().map(|(_, c)| c.clone()).collect()
    }
}

pub(crate) async fn introspect(c: &mut SqliteConnection, own: &crate::tables::Tables) -> Result<SchemaModel> {
    let mut model = SchemaModel::new();
    let objects: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT s.type, s.name, s.tbl_name, s.sql FROM sqlite_schema s \
         WHERE s.name NOT LIKE 'sqlite_%' ORDER BY s.rowid",
    )
    .fetch_all(&mut *c)
    .await?;
    let kinds: HashMap<String, String> =
        sqlx::query_as("SELECT name, type FROM pragma_table_list WHERE schema = 'main'")
            .fetch_all(&mut *c)
            .await?
            .into_iter()
            .collect();
    let catalog = Catalog::read(c).await?;
    let index_sql: HashMap<&str, &str> = objects
        .iter()
        .filter(|(ty, ..)| ty == "index")
        .map(|(_, name, _, sql)| (name.as_str(), sql.as_deref().unwrap_or_default()))
        .collect();
    for (ty, name, table, sql) in &objects {
        let sql = sql.clone().unwrap_or_default();
        if is_tool_table(own, table) {
            continue;
        }
        match ty.as_str() {
            "table" => match kinds.get(name).map_or("table", String::as_str) {
                "virtual" => {
                    let drop = format!("DROP TABLE {}", Dialect::Sqlite.quote(name));
                    model.natives.push(native("virtual_table", name, None, sql, drop));
                }
                "shadow" => {}
                _ => table_of(&catalog, &index_sql, &mut model, name, &sql),
            },
            "view" => model.natives.push(native(
                "view",
                name,
                None,
                sql,
                format!("DROP VIEW {}", Dialect::Sqlite.quote(name)),
            )),
            "trigger" => model.natives.push(native(
                "trigger",
                name,
                Some(table),
                sql,
                format!("DROP TRIGGER {}", Dialect::Sqlite.quote(name)),
            )),
            _ => {}
        }
    }
    Ok(model)
}

fn table_of(catalog: &Catalog, index_sql: &HashMap<&str, &str>, model: &mut SchemaModel, name: &str, sql: &str) {
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
    let mut key: Vec<(i64, String)> = Vec::new();
    for (_, column, declared, not_null, default, pk, hidden) in catalog.columns.get(name).into_iter().flatten() {
        let def = def_of(column);
        // Hidden 2 and 3 are generated columns (virtual, stored); 1 a virtual table's.
        let generated = def.and_then(|d| d.generated.clone()).filter(|_| matches!(*hidden, 2 | 3));
        if *hidden != 0 && generated.is_none() {
            model.natives.push(native(
                "generated_column",
                &format!("{name}.{column}"),
                Some(name),
                sql.to_owned(),
                String::new(),
            ));
            continue;
        }
        let mut ty = declared_type(declared);
        if let Some(values) = def.and_then(|d| enum_values(column, d)) {
            ty = ColumnType::Enum { name: String::new(), values };
        }
        // `DEFAULT NULL` as declared (the same as none: the comparison says so).
        let default = default.as_deref().and_then(|d| match d.trim().eq_ignore_ascii_case("null") {
            true => Some(DefaultValue::Value(Literal::Null)),
            false => parse_default(Dialect::Sqlite, &ty, d),
        });
        let mut col = Column::new(column.clone(), ty);
        // As declared: SQLite lets a key column hold NULL unless declared NOT NULL (a bug it
        // keeps for compatibility), which the comparison with a model ignores.
        col.nullable = !not_null;
        col.default = default;
        col.identity = def.is_some_and(|d| d.autoincrement);
        if *pk > 0 {
            key.push((*pk, column.clone()));
        }
        col.collation = def.and_then(|d| d.collate.clone());
        col.generated = generated.map(|(expr, stored)| Generated { expr, stored });
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
        table.primary_key = Some(PrimaryKey { columns: key.into_iter().map(|(_, c)| c).collect(), name: None });
    }
    for (i, part) in parts.iter().enumerate() {
        if let Part::Constraint { name: check_name, kind: ConstraintKind::Check(expr) } = part {
            let check_name = check_name.clone().unwrap_or_else(|| format!("{name}_check{}", i + 1));
            table.checks.push(Check { name: check_name, expr: expr.clone() });
        }
    }
    foreign_keys_of(catalog, &mut table, &parts);
    indexes_of(catalog, index_sql, model, &mut table, &parts);
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
}

/// The portable type of a declared type when the renderer writes it back exactly so;
/// otherwise the declaration itself, which is what SQLite keeps and reports (`INT` is not
/// `integer` to it: `INT PRIMARY KEY` is no rowid alias).
fn declared_type(declared: &str) -> ColumnType {
    let portable = parse_type(Dialect::Sqlite, declared);
    match Dialect::Sqlite.type_sql(&portable, false) == declared {
        true => portable,
        false => ColumnType::Native { sql: declared.to_owned() },
    }
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

fn foreign_keys_of(catalog: &Catalog, table: &mut Table, parts: &[Part]) {
    let named: Vec<(Option<&String>, &Vec<String>)> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Constraint { name, kind: ConstraintKind::ForeignKey(cols) } => Some((name.as_ref(), cols)),
            _ => None,
        })
        .collect();
    let mut fks: Vec<(i64, ForeignKey)> = Vec::new();
    for (_, id, parent, from, to, on_update, on_delete) in catalog.foreign_keys.get(&table.name).into_iter().flatten() {
        if let Some((_, fk)) = fks.iter_mut().find(|(i, _)| i == id) {
            fk.columns.push(from.clone());
            fk.ref_columns.extend(to.clone());
            continue;
        }
        let fk = ForeignKey {
            name: String::new(),
            columns: vec![from.clone()],
            ref_table: parent.clone(),
            ref_columns: to.iter().cloned().collect(),
            on_delete: action(on_delete),
            on_update: action(on_update),
        };
        fks.push((*id, fk));
    }
    // SQLite numbers a table's foreign keys from the last declared.
    fks.reverse();
    for (id, mut fk) in fks {
        let name =
            named.iter().find(|(_, cols)| cols.iter().map(String::as_str).eq(fk.columns.iter().map(String::as_str)));
        fk.name = name
            .and_then(|(n, _)| n.cloned())
            .unwrap_or_else(|| format!("{}_{}_fkey{id}", table.name, fk.columns.join("_")));
        if fk.ref_columns.is_empty() {
            fk.ref_columns = catalog.key_of(&fk.ref_table);
        }
        table.foreign_keys.push(fk);
    }
}

/// The indexes of `table` (with the parts of its CREATE TABLE statement): those behind
/// `UNIQUE` constraints named from the statement, plain ones as indexes, the rest
/// (expressions, descending keys, collations) as natives with their SQL. The index behind
/// the primary key is the key itself.
fn indexes_of(
    catalog: &Catalog,
    index_sql: &HashMap<&str, &str>,
    model: &mut SchemaModel,
    table: &mut Table,
    parts: &[Part],
) {
    let rows = catalog.indexes.get(&table.name).map(Vec::as_slice).unwrap_or_default();
    for keys in rows.chunk_by(|a, b| a.1 == b.1) {
        let (_, name, unique, origin, ..) = &keys[0];
        if origin == "pk" {
            continue;
        }
        let plain = keys.iter().all(|(.., cid, column, desc, coll)| {
            *cid >= 0 && column.is_some() && !desc && coll.as_deref().is_none_or(|c| c.eq_ignore_ascii_case("binary"))
        });
        let columns: Vec<String> = keys.iter().filter_map(|row| row.5.clone()).collect();
        if origin == "u" {
            // A `UNIQUE` constraint of the table: its name is in the CREATE TABLE statement.
            let constraint = parts.iter().find_map(|p| match p {
                Part::Constraint { name, kind: ConstraintKind::Unique(cols) } if *cols == columns => Some(name.clone()),
                _ => None,
            });
            // An unnamed constraint's index is `sqlite_autoindex_…`, a name SQLite reserves.
            let name = constraint.flatten().unwrap_or_else(|| format!("{}_{}_key", table.name, columns.join("_")));
            table.indexes.push(Index { name, columns, unique: true, predicate: None });
            continue;
        }
        let sql = index_sql.get(name.as_str()).copied().unwrap_or_default();
        if !plain {
            let drop = format!("DROP INDEX {}", Dialect::Sqlite.quote(name));
            model.natives.push(native("index", name, Some(&table.name), sql.to_owned(), drop));
            continue;
        }
        let predicate = ddl::index_predicate(sql);
        table.indexes.push(Index { name: name.clone(), columns, unique: *unique, predicate });
    }
}
