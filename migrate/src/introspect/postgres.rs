//! PostgreSQL: `pg_catalog` for the current schema. Columns with exact types (enum types
//! with their labels), identity and serial columns, keys, unique and check constraints,
//! foreign keys with their actions, indexes (partial ones portable; expression, GIN/GiST,
//! operator-class, sorted and INCLUDE indexes native), deferrable constraints (native),
//! views and triggers (native), comments.

use super::{action, is_tool_table, native};
use migrate_schema::normalize::{parse_default, parse_type};
use migrate_schema::{
    Check, Column, ColumnType, DefaultValue, Dialect, ForeignKey, Generated, Index, PrimaryKey, SchemaModel, Table,
    Unique,
};
use sqlx::PgConnection;

type Result<T> = std::result::Result<T, sqlx::Error>;

/// Table oid, name, unique, columns, predicate, definition, portable.
type IndexRow = (i64, String, bool, Vec<String>, Option<String>, String, bool);

/// Tables, partitioned ones with their partition key, and partitions (created as tables of
/// their own, then attached: see `PARTITIONS`).
const TABLES: &str = "SELECT c.oid::int8, c.relname::text, obj_description(c.oid, 'pg_class'), \
    CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END \
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.oid";

/// Partitions with their bounds, attached once every table, index and constraint exists: an
/// index or key the partition has already is attached to the parent's, not made again.
const PARTITIONS: &str = "SELECT c.relname::text, p.relname::text, pg_get_expr(c.relpartbound, c.oid) \
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent \
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relispartition AND c.relkind IN ('r', 'p') ORDER BY c.oid";

/// The sequence (`pg_sequence` as `$p`) is what `serial` makes for column `a`: of the
/// column's type, starting at 1 by 1 up to the type's maximum, cache 1, no cycle. One
/// with other parameters is a sequence of its own standing, kept with them.
macro_rules! serial_parameters {
    ($p:literal) => {
        concat!(
            $p,
            ".seqtypid = a.atttypid AND ",
            $p,
            ".seqstart = 1 AND ",
            $p,
            ".seqincrement = 1 AND ",
            $p,
            ".seqmin = 1 AND ",
            $p,
            ".seqcache = 1 AND NOT ",
            $p,
            ".seqcycle AND ",
            $p,
            ".seqmax = CASE a.atttypid \
             WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647 ELSE 9223372036854775807 END"
        )
    };
}

const COLUMNS: &str = concat!(
    "SELECT a.attrelid::int8, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
    pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, col_description(a.attrelid, a.attnum), \
    t.typtype::text, t.typname::text, \
    ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), \
    EXISTS (SELECT 1 FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S' \
      JOIN pg_sequence ps ON ps.seqrelid = s.oid \
      WHERE dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' \
      AND s.relname = c.relname || '_' || a.attname || '_seq' AND ",
    serial_parameters!("ps"),
    "), (SELECT co.collname::text FROM pg_collation co WHERE co.oid = a.attcollation AND a.attcollation <> t.typcollation) \
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
    JOIN pg_type t ON t.oid = a.atttypid \
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped \
    ORDER BY a.attrelid, a.attnum"
);

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
    WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm') ORDER BY c.oid";

/// Tables that inherit from others (`INHERITS`, not declarative partitions), each parent in
/// its order.
const INHERITS: &str = "SELECT c.relname::text, p.relname::text FROM pg_inherits i \
    JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent \
    WHERE c.relnamespace = current_schema()::regnamespace AND NOT c.relispartition AND c.relkind = 'r' \
    ORDER BY i.inhrelid, i.inhseqno";

/// Rules (`CREATE RULE`), not the `_RETURN` rules that make views.
const RULES: &str = "SELECT r.rulename::text, r.tablename::text, r.definition FROM pg_rules r \
    WHERE r.schemaname = current_schema() ORDER BY r.tablename, r.rulename";

const VIEW_INDEXES: &str = "SELECT ic.relname::text, c.relname::text, pg_get_indexdef(i.indexrelid) \
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid \
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'm' ORDER BY ic.oid";

const TRIGGERS: &str = "SELECT t.tgname::text, c.relname::text, pg_get_triggerdef(t.oid) \
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE n.nspname = current_schema() AND NOT t.tgisinternal ORDER BY c.relname, t.tgname";

type ColumnRow = (
    i64,
    String,
    String,
    bool,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    String,
    Vec<String>,
    bool,
    Option<String>,
);

/// Objects of the current schema that do not come from an extension.
const NOT_FROM_EXTENSION: &str = "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = x.oid AND e.deptype = 'e')";

/// Extensions (other than plpgsql), which operator classes and types come from.
const EXTENSIONS: &str = "SELECT extname::text FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY oid";

/// Domains, with their base type, default, NOT NULL and checks.
const DOMAINS: &str = "SELECT x.typname::text, format_type(x.typbasetype, x.typtypmod), x.typnotnull, x.typdefault, \
    ARRAY(SELECT 'CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c \
      WHERE c.contypid = x.oid ORDER BY c.conname) \
    FROM pg_type x WHERE x.typnamespace = current_schema()::regnamespace AND x.typtype = 'd' AND {own} ORDER BY x.oid";

/// Composite types, and enum types no column of a table uses (those the columns create).
const TYPES: &str = "SELECT x.typname::text, x.typtype::text, \
    ARRAY(SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) FROM pg_attribute a \
      WHERE a.attrelid = x.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), \
    ARRAY(SELECT quote_literal(e.enumlabel) FROM pg_enum e WHERE e.enumtypid = x.oid ORDER BY e.enumsortorder) \
    FROM pg_type x LEFT JOIN pg_class r ON r.oid = x.typrelid \
    WHERE x.typnamespace = current_schema()::regnamespace AND {own} \
    AND ((x.typtype = 'c' AND r.relkind = 'c') OR (x.typtype = 'e' AND NOT EXISTS (SELECT 1 FROM pg_attribute a \
      JOIN pg_class t ON t.oid = a.attrelid WHERE a.atttypid = x.oid AND t.relkind IN ('r', 'p')))) ORDER BY x.oid";

/// Sequences of their own standing: not an identity column's, not a serial column's (the
/// `<table>_<column>_seq` its column owns and defaults to, with `serial`'s parameters),
/// with the column that owns them, if any.
const SEQUENCES: &str = concat!(
    "SELECT x.relname::text, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, \
    s.seqmin, s.seqmax, s.seqcache, s.seqcycle, \
    (SELECT quote_ident(t.relname) || '.' || quote_ident(a.attname) FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid \
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid \
      WHERE d.objid = x.oid AND d.deptype = 'a' AND d.refobjsubid > 0) \
    FROM pg_class x JOIN pg_sequence s ON s.seqrelid = x.oid \
    WHERE x.relnamespace = current_schema()::regnamespace AND x.relkind = 'S' AND {own} \
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = x.oid AND d.deptype = 'i') \
    AND NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_attrdef ad ON ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid \
      JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid \
      WHERE d.objid = x.oid AND d.deptype = 'a' AND pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%' \
      AND x.relname = t.relname || '_' || a.attname || '_seq' AND ",
    serial_parameters!("s"),
    ") ORDER BY x.oid"
);

/// Functions and procedures, in the order they were created.
const FUNCTIONS: &str = "SELECT x.proname::text, pg_get_function_identity_arguments(x.oid), x.prokind::text, \
    pg_get_functiondef(x.oid) FROM pg_proc x \
    WHERE x.pronamespace = current_schema()::regnamespace AND x.prokind IN ('f', 'p') AND {own} ORDER BY x.oid";

/// Aggregates, rebuilt from `pg_aggregate`.
const AGGREGATES: &str = "SELECT x.proname::text, pg_get_function_identity_arguments(x.oid), \
    a.aggtransfn::regproc::text, format_type(a.aggtranstype, NULL), \
    NULLIF(a.aggfinalfn::regproc::text, '-'), a.agginitval \
    FROM pg_proc x JOIN pg_aggregate a ON a.aggfnoid = x.oid \
    WHERE x.pronamespace = current_schema()::regnamespace AND x.prokind = 'a' AND {own} ORDER BY x.oid";

type SequenceRow = (String, String, i64, i64, i64, i64, i64, bool, Option<String>);

/// Name, base type, NOT NULL, default, checks.
type DomainRow = (String, String, bool, Option<String>, Vec<String>);

/// Name, arguments, transition function, state type, final function, initial value.
type AggregateRow = (String, String, String, String, Option<String>, Option<String>);

type ConstraintRow =
    (i64, String, String, Vec<String>, Option<String>, Vec<String>, String, String, bool, String, Option<String>);

pub(crate) async fn introspect(c: &mut PgConnection, own: &crate::tables::Tables) -> Result<SchemaModel> {
    let mut model = SchemaModel::new();
    let tables: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(TABLES).fetch_all(&mut *c).await?;
    let mut oids = Vec::new();
    for (oid, name, comment, partition_by) in tables {
        if is_tool_table(own, &name) {
            continue;
        }
        let mut table = Table::new(name);
        table.comment = comment;
        table.partition_by = partition_by;
        oids.push(oid);
        model.tables.push(table);
    }
    fn by_oid<'m>(model: &'m mut SchemaModel, oids: &[i64], oid: i64) -> Option<&'m mut Table> {
        let i = oids.iter().position(|o| *o == oid)?;
        model.tables.get_mut(i)
    }
    let columns: Vec<ColumnRow> = sqlx::query_as(COLUMNS).fetch_all(&mut *c).await?;
    for (
        oid,
        name,
        ty,
        not_null,
        mut default,
        identity,
        generated,
        comment,
        typtype,
        typname,
        labels,
        serial,
        collation,
    ) in columns
    {
        let Some(table) = by_oid(&mut model, &oids, oid) else { continue };
        let generated = match generated.is_empty() {
            true => None,
            false => default.take().map(|expr| Generated { expr, stored: generated == "s" }),
        };
        let ty = if typtype == "e" {
            ColumnType::Enum { name: typname, values: labels }
        } else {
            parse_type(Dialect::Postgres, &ty)
        };
        let mut column = Column::new(name, ty);
        column.nullable = !not_null;
        column.comment = comment;
        column.identity = !identity.is_empty();
        column.identity_always = identity == "a";
        column.default = default.and_then(|d| default_as_held(&column.ty, &d));
        column.collation = collation;
        column.generated = generated;
        // A serial column (its own sequence's nextval, with serial's parameters); a nextval
        // of a sequence of its own standing stays a default, with the sequence.
        if serial
            && matches!(&column.default, Some(DefaultValue::Expr(e)) if e.starts_with("nextval("))
            && column.ty.is_integer()
        {
            column.identity = true;
            column.serial = true;
            column.default = None;
        }
        table.columns.push(column);
    }
    let constraints: Vec<ConstraintRow> = sqlx::query_as(CONSTRAINTS).fetch_all(&mut *c).await?;
    for (oid, name, kind, columns, ref_table, ref_columns, on_update, on_delete, deferrable, def, expr) in constraints {
        let Some(table) = by_oid(&mut model, &oids, oid) else { continue };
        if deferrable || kind == "x" {
            let table_name = table.name.clone();
            let sql = format!(
                "ALTER TABLE {} ADD CONSTRAINT {} {def}",
                Dialect::Postgres.quote(&table_name),
                Dialect::Postgres.quote(&name)
            );
            let drop = format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                Dialect::Postgres.quote(&table_name),
                Dialect::Postgres.quote(&name)
            );
            model.natives.push(native("constraint", &name, Some(&table_name), sql, drop));
            continue;
        }
        match kind.as_str() {
            "p" => {
                let named = (name != format!("{}_pkey", table.name)).then_some(name);
                table.primary_key = Some(PrimaryKey { columns, name: named });
            }
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
            model.natives.push(native(
                "index",
                &name,
                Some(&table_name),
                def,
                format!("DROP INDEX {}", Dialect::Postgres.quote(&name)),
            ));
        }
    }
    prerequisites(c, &mut model).await?;
    let views: Vec<(String, String, String)> = sqlx::query_as(VIEWS).fetch_all(&mut *c).await?;
    for (name, kind, def) in views {
        let kind = if kind == "m" { "MATERIALIZED VIEW" } else { "VIEW" };
        let sql = format!("CREATE {kind} {} AS {}", Dialect::Postgres.quote(&name), def.trim());
        model.natives.push(native("view", &name, None, sql, format!("DROP {kind} {}", Dialect::Postgres.quote(&name))));
    }
    // Indexes of materialized views, created after them.
    let view_indexes: Vec<(String, String, String)> = sqlx::query_as(VIEW_INDEXES).fetch_all(&mut *c).await?;
    for (name, view, def) in view_indexes {
        model.natives.push(native(
            "view_index",
            &name,
            Some(&view),
            def,
            format!("DROP INDEX {}", Dialect::Postgres.quote(&name)),
        ));
    }
    // A child table is created with the columns it holds, then made to inherit.
    let inherits: Vec<(String, String)> = sqlx::query_as(INHERITS).fetch_all(&mut *c).await?;
    for (child, parent) in inherits {
        let (sql, drop) = (
            format!("ALTER TABLE {} INHERIT {}", Dialect::Postgres.quote(&child), Dialect::Postgres.quote(&parent)),
            format!("ALTER TABLE {} NO INHERIT {}", Dialect::Postgres.quote(&child), Dialect::Postgres.quote(&parent)),
        );
        model.natives.push(native("inherit", &format!("{child} INHERITS {parent}"), Some(&child), sql, drop));
    }
    let partitions: Vec<(String, String, String)> = sqlx::query_as(PARTITIONS).fetch_all(&mut *c).await?;
    for (child, parent, bound) in partitions {
        let (sql, drop) = (
            format!(
                "ALTER TABLE {} ATTACH PARTITION {} {bound}",
                Dialect::Postgres.quote(&parent),
                Dialect::Postgres.quote(&child)
            ),
            format!(
                "ALTER TABLE {} DETACH PARTITION {}",
                Dialect::Postgres.quote(&parent),
                Dialect::Postgres.quote(&child)
            ),
        );
        model.natives.push(native("partition", &format!("{child} PARTITION OF {parent}"), Some(&child), sql, drop));
    }
    let rules: Vec<(String, String, String)> = sqlx::query_as(RULES).fetch_all(&mut *c).await?;
    for (name, table, def) in rules {
        if is_tool_table(own, &table) {
            continue;
        }
        let drop = format!("DROP RULE {} ON {}", Dialect::Postgres.quote(&name), Dialect::Postgres.quote(&table));
        let def = def.trim().trim_end_matches(';').to_owned();
        model.natives.push(native("rule", &format!("{table}.{name}"), Some(&table), def, drop));
    }
    let triggers: Vec<(String, String, String)> = sqlx::query_as(TRIGGERS).fetch_all(&mut *c).await?;
    for (name, table, def) in triggers {
        if is_tool_table(own, &table) {
            continue;
        }
        // Trigger names are unique per table only.
        let drop = format!("DROP TRIGGER {} ON {}", Dialect::Postgres.quote(&name), Dialect::Postgres.quote(&table));
        model.natives.push(native("trigger", &format!("{table}.{name}"), Some(&table), def, drop));
    }
    Ok(model)
}

/// The objects tables, views and triggers need, as native DDL: extensions, domains,
/// composite and unused enum types, sequences of their own standing (with their owner),
/// functions and aggregates. The diff creates each kind in its place
/// ([`migrate_schema::NativeObject::rank`]).
async fn prerequisites(c: &mut PgConnection, model: &mut SchemaModel) -> Result<()> {
    let own = |q: &str| sqlx::AssertSqlSafe(q.replace("{own}", NOT_FROM_EXTENSION));
    let extensions: Vec<(String,)> = sqlx::query_as(EXTENSIONS).fetch_all(&mut *c).await?;
    for (name,) in extensions {
        let sql = format!("CREATE EXTENSION IF NOT EXISTS {}", Dialect::Postgres.quote(&name));
        model.natives.push(native(
            "extension",
            &name,
            None,
            sql,
            format!("DROP EXTENSION IF EXISTS {}", Dialect::Postgres.quote(&name)),
        ));
    }
    let domains: Vec<DomainRow> = sqlx::query_as(own(DOMAINS)).fetch_all(&mut *c).await?;
    for (name, base, not_null, default, checks) in domains {
        let mut sql = format!("CREATE DOMAIN {} AS {base}", Dialect::Postgres.quote(&name));
        if let Some(d) = default {
            sql.push_str(&format!(" DEFAULT {d}"));
        }
        if not_null {
            sql.push_str(" NOT NULL");
        }
        for check in checks {
            sql.push_str(&format!(" {check}"));
        }
        model.natives.push(native(
            "domain",
            &name,
            None,
            sql,
            format!("DROP DOMAIN {}", Dialect::Postgres.quote(&name)),
        ));
    }
    let types: Vec<(String, String, Vec<String>, Vec<String>)> = sqlx::query_as(own(TYPES)).fetch_all(&mut *c).await?;
    for (name, kind, attributes, labels) in types {
        let body = match kind.as_str() {
            "c" => format!("({})", attributes.join(", ")),
            _ => format!("ENUM ({})", labels.join(", ")),
        };
        let sql = format!("CREATE TYPE {} AS {body}", Dialect::Postgres.quote(&name));
        model.natives.push(native("type", &name, None, sql, format!("DROP TYPE {}", Dialect::Postgres.quote(&name))));
    }
    let sequences: Vec<SequenceRow> = sqlx::query_as(own(SEQUENCES)).fetch_all(&mut *c).await?;
    for (name, ty, start, increment, min, max, cache, cycle, owner) in sequences {
        let sql = format!(
            "CREATE SEQUENCE {} AS {ty} INCREMENT BY {increment} MINVALUE {min} MAXVALUE {max} START WITH {start} \
             CACHE {cache}{}",
            Dialect::Postgres.quote(&name),
            if cycle { " CYCLE" } else { "" }
        );
        model.natives.push(native(
            "sequence",
            &name,
            None,
            sql,
            format!("DROP SEQUENCE {}", Dialect::Postgres.quote(&name)),
        ));
        if let Some(owner) = owner {
            let sql = format!("ALTER SEQUENCE {} OWNED BY {owner}", Dialect::Postgres.quote(&name));
            let drop = format!("ALTER SEQUENCE {} OWNED BY NONE", Dialect::Postgres.quote(&name));
            model.natives.push(native("sequence_owner", &format!("{name} owner"), None, sql, drop));
        }
    }
    let functions: Vec<(String, String, String, String)> = sqlx::query_as(own(FUNCTIONS)).fetch_all(&mut *c).await?;
    for (name, args, kind, def) in functions {
        let what = if kind == "p" { "PROCEDURE" } else { "FUNCTION" };
        let drop = format!("DROP {what} {}({args})", Dialect::Postgres.quote(&name));
        // As pg_dump does: a SQL function's body is checked when it is created, and may call
        // one created after it.
        let sql = format!("SET LOCAL check_function_bodies = false;\n{}", def.trim());
        model.natives.push(native("function", &format!("{name}({args})"), None, sql, drop));
    }
    let aggregates: Vec<AggregateRow> = sqlx::query_as(own(AGGREGATES)).fetch_all(&mut *c).await?;
    for (name, args, transition, state, finish, initial) in aggregates {
        let mut options = format!("SFUNC = {transition}, STYPE = {state}");
        if let Some(f) = finish {
            options.push_str(&format!(", FINALFUNC = {f}"));
        }
        if let Some(i) = initial {
            options.push_str(&format!(", INITCOND = '{}'", i.replace('\'', "''")));
        }
        let sql = format!("CREATE AGGREGATE {}({args}) ({options})", Dialect::Postgres.quote(&name));
        let drop = format!("DROP AGGREGATE {}({args})", Dialect::Postgres.quote(&name));
        model.natives.push(native("aggregate", &format!("{name}({args})"), None, sql, drop));
    }
    Ok(())
}

/// A default as the catalog holds it: a literal or `CURRENT_TIMESTAMP` read as the model
/// writes them, but `now()` and runtime casts such as `('now'::text)::date` (a value of each
/// row's insert, not the date the table was made) kept as the expressions they are.
fn default_as_held(ty: &ColumnType, text: &str) -> Option<DefaultValue> {
    let parsed = parse_default(Dialect::Postgres, ty, text)?;
    let spelled_so = |d: &DefaultValue| Dialect::Postgres.default_sql(d, ty) == text.trim();
    match parsed {
        DefaultValue::Now if !spelled_so(&DefaultValue::Now) => Some(DefaultValue::Expr(text.trim().to_owned())),
        DefaultValue::Value(_) if text.contains(")::") => Some(DefaultValue::Expr(text.trim().to_owned())),
        parsed => Some(parsed),
    }
}
