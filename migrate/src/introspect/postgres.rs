//! PostgreSQL: `pg_catalog` for the current schema. Columns with exact types (enum types
//! with their labels), identity and serial columns, keys, unique and check constraints,
//! foreign keys with their actions, indexes (partial ones portable; expression, GIN/GiST,
//! operator-class, sorted and INCLUDE indexes native), deferrable constraints (native),
//! views and triggers (native), comments.

use super::{action, is_tool_table, native, quote};
use migrate_schema::normalize::{parse_default, parse_type};
use migrate_schema::{
    Check, Column, ColumnType, DefaultValue, Dialect, ForeignKey, Index, PrimaryKey, SchemaModel, Table, Unique,
};
use sqlx::PgConnection;

type Result<T> = std::result::Result<T, sqlx::Error>;

/// Table oid, name, unique, columns, predicate, definition, portable.
type IndexRow = (i64, String, bool, Vec<String>, Option<String>, String, bool);

const TABLES: &str = "SELECT c.oid::int8, c.relname::text, obj_description(c.oid, 'pg_class') \
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.oid";

const COLUMNS: &str = "SELECT a.attrelid::int8, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
    pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, col_description(a.attrelid, a.attnum), \
    t.typtype::text, t.typname::text, \
    ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) \
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
    JOIN pg_type t ON t.oid = a.atttypid \
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped \
    ORDER BY a.attrelid, a.attnum";

const CONSTRAINTS: &str = "SELECT con.conrelid::int8, con.conname::text, con.contype::text, \
    ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o) \
      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o), \
    fc.relname::text, \
    ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o) \
      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o), \
    con.confupdtype::text, con.confdeltype::text, con.condeferrable, pg_get_constraintdef(con.oid), \
    pg_get_expr(con.conbin, con.conrelid) \
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
    LEFT JOIN pg_class fc ON fc.oid = con.confrelid \
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY con.conrelid, con.conname";

const INDEXES: &str = "SELECT i.indrelid::int8, ic.relname::text, i.indisunique, \
    ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o) \
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o), \
    pg_get_expr(i.indpred, i.indrelid), pg_get_indexdef(i.indexrelid), \
    (i.indexprs IS NULL AND am.amname = 'btree' AND i.indnkeyatts = i.indnatts \
      AND COALESCE((SELECT bool_and(o = 0) FROM unnest(i.indoption::int2[]) o), true) \
      AND COALESCE((SELECT bool_and(opc.opcdefault) FROM unnest(i.indclass::oid[]) x(oc) \
        JOIN pg_opclass opc ON opc.oid = x.oc), true) \
      AND COALESCE((SELECT bool_and(x.coll IN (0, 100)) FROM unnest(i.indcollation::oid[]) x(coll)), true)) \
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid \
    JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam \
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
    AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')) \
    ORDER BY ic.relname";

const VIEWS: &str = "SELECT c.relname::text, c.relkind::text, pg_get_viewdef(c.oid) \
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm') ORDER BY c.relname";

const TRIGGERS: &str = "SELECT t.tgname::text, c.relname::text, pg_get_triggerdef(t.oid) \
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE n.nspname = current_schema() AND NOT t.tgisinternal ORDER BY c.relname, t.tgname";

type ColumnRow =
    (i64, String, String, bool, Option<String>, String, String, Option<String>, String, String, Vec<String>);

type ConstraintRow =
    (i64, String, String, Vec<String>, Option<String>, Vec<String>, String, String, bool, String, Option<String>);

pub(crate) async fn introspect(c: &mut PgConnection, own: &crate::history::Tables) -> Result<SchemaModel> {
    let mut model = SchemaModel::new();
    let tables: Vec<(i64, String, Option<String>)> = sqlx::query_as(TABLES).fetch_all(&mut *c).await?;
    let mut oids = Vec::new();
    for (oid, name, comment) in tables {
        if is_tool_table(own, &name) {
            continue;
        }
        let mut table = Table::new(name);
        table.comment = comment;
        oids.push(oid);
        model.tables.push(table);
    }
    fn by_oid<'m>(model: &'m mut SchemaModel, oids: &[i64], oid: i64) -> Option<&'m mut Table> {
        let i = oids.iter().position(|o| *o == oid)?;
        model.tables.get_mut(i)
    }
    let columns: Vec<ColumnRow> = sqlx::query_as(COLUMNS).fetch_all(&mut *c).await?;
    for (oid, name, ty, not_null, default, identity, generated, comment, typtype, typname, labels) in columns {
        let Some(table) = by_oid(&mut model, &oids, oid) else { continue };
        let table_name = table.name.clone();
        if !generated.is_empty() {
            let sql = format!("{} {ty} GENERATED ALWAYS AS ({}) STORED", quote(&name), default.unwrap_or_default());
            model.natives.push(native(
                "generated_column",
                &format!("{table_name}.{name}"),
                Some(&table_name),
                sql,
                String::new(),
            ));
            continue;
        }
        let ty = if typtype == "e" {
            ColumnType::Enum { name: typname, values: labels }
        } else {
            parse_type(Dialect::Postgres, &ty)
        };
        let mut column = Column::new(name, ty);
        column.nullable = !not_null;
        column.comment = comment;
        column.identity = !identity.is_empty();
        column.default = default.and_then(|d| parse_default(Dialect::Postgres, &column.ty, &d));
        // A serial column: its sequence's nextval is what identity means here.
        if matches!(&column.default, Some(DefaultValue::Expr(e)) if e.starts_with("nextval(")) && column.ty.is_integer()
        {
            column.identity = true;
            column.default = None;
        }
        table.columns.push(column);
    }
    let constraints: Vec<ConstraintRow> = sqlx::query_as(CONSTRAINTS).fetch_all(&mut *c).await?;
    for (oid, name, kind, columns, ref_table, ref_columns, on_update, on_delete, deferrable, def, expr) in constraints {
        let Some(table) = by_oid(&mut model, &oids, oid) else { continue };
        if deferrable || kind == "x" {
            let table_name = table.name.clone();
            let sql = format!("ALTER TABLE {} ADD CONSTRAINT {} {def}", quote(&table_name), quote(&name));
            let drop = format!("ALTER TABLE {} DROP CONSTRAINT {}", quote(&table_name), quote(&name));
            model.natives.push(native("constraint", &name, Some(&table_name), sql, drop));
            continue;
        }
        match kind.as_str() {
            "p" => table.primary_key = Some(PrimaryKey { columns }),
            "u" => table.uniques.push(Unique { name, columns }),
            "c" => table.checks.push(Check { name, expr: expr.unwrap_or(def) }),
            "f" => table.foreign_keys.push(ForeignKey {
                name,
                columns,
                ref_table: ref_table.unwrap_or_default(),
                ref_columns,
                on_delete: action(&on_delete),
                on_update: action(&on_update),
            }),
            _ => {}
        }
    }
    let indexes: Vec<IndexRow> = sqlx::query_as(INDEXES).fetch_all(&mut *c).await?;
    for (oid, name, unique, columns, predicate, def, plain) in indexes {
        let Some(table) = by_oid(&mut model, &oids, oid) else { continue };
        if plain {
            table.indexes.push(Index { name, columns, unique, predicate });
        } else {
            let table_name = table.name.clone();
            model.natives.push(native("index", &name, Some(&table_name), def, format!("DROP INDEX {}", quote(&name))));
        }
    }
    let views: Vec<(String, String, String)> = sqlx::query_as(VIEWS).fetch_all(&mut *c).await?;
    for (name, kind, def) in views {
        let kind = if kind == "m" { "MATERIALIZED VIEW" } else { "VIEW" };
        let sql = format!("CREATE {kind} {} AS {}", quote(&name), def.trim());
        model.natives.push(native("view", &name, None, sql, format!("DROP {kind} {}", quote(&name))));
    }
    let triggers: Vec<(String, String, String)> = sqlx::query_as(TRIGGERS).fetch_all(&mut *c).await?;
    for (name, table, def) in triggers {
        if is_tool_table(own, &table) {
            continue;
        }
        let drop = format!("DROP TRIGGER {} ON {}", quote(&name), quote(&table));
        model.natives.push(native("trigger", &name, Some(&table), def, drop));
    }
    Ok(model)
}
