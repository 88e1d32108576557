//! MySQL and MariaDB: `information_schema` for the current database. Column types as
//! written (`int(10) unsigned`, `enum(…)`, `set(…)`), MariaDB's JSON (a `longtext` with a
//! `json_valid` check), auto-increment, keys and indexes (prefix-length, FULLTEXT and SPATIAL
//! ones native), checks, foreign keys with their rules, per-column collations, `ON UPDATE`,
//! table options that are not the defaults, views and triggers (native), comments.

use super::{action, is_tool_table, native};
use migrate_schema::normalize::{parse_default, parse_type};
use migrate_schema::{
    Check, Column, ColumnType, Dialect, ForeignKey, Generated, Index, PrimaryKey, SchemaModel, Table,
};
use sqlx::MySqlConnection;

type Result<T> = std::result::Result<T, sqlx::Error>;

/// Table, index, unique, column, prefix length, index type, collation (`A`/`D`).
type StatisticsRow = (String, String, bool, Option<String>, Option<i64>, String, String);
/// Table, index, unique, columns with prefix lengths, index type, descending.
type IndexParts = (String, String, bool, Vec<(String, Option<i64>)>, String, bool);

const TABLES: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(COALESCE(ENGINE, '') AS CHAR), \
    CAST(TABLE_COMMENT AS CHAR), CAST(COALESCE(TABLE_COLLATION, '') AS CHAR), CAST(COALESCE(CREATE_OPTIONS, '') AS CHAR) \
    FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' \
    ORDER BY CREATE_TIME, TABLE_NAME";

const COLUMNS: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), CAST(COLUMN_TYPE AS CHAR), \
    CAST(IS_NULLABLE AS CHAR), CAST(COLUMN_DEFAULT AS CHAR), CAST(EXTRA AS CHAR), CAST(COLUMN_COMMENT AS CHAR), \
    CAST(COLLATION_NAME AS CHAR), CAST(GENERATION_EXPRESSION AS CHAR) \
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION";

const CHECKS: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(CONSTRAINT_NAME AS CHAR), CAST(CHECK_CLAUSE AS CHAR) \
    FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME";

/// MySQL 8 has no `TABLE_NAME` in `CHECK_CONSTRAINTS` (names are unique per schema there).
const CHECKS_MYSQL: &str = "SELECT CAST(tc.TABLE_NAME AS CHAR), CAST(cc.CONSTRAINT_NAME AS CHAR), \
    CAST(cc.CHECK_CLAUSE AS CHAR) FROM information_schema.CHECK_CONSTRAINTS cc \
    JOIN information_schema.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA \
    AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK' \
    WHERE cc.CONSTRAINT_SCHEMA = DATABASE() ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME";

const STATISTICS: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(INDEX_NAME AS CHAR), NON_UNIQUE = 0, \
    CAST(COLUMN_NAME AS CHAR), CAST(SUB_PART AS SIGNED), CAST(INDEX_TYPE AS CHAR), CAST(COALESCE(COLLATION, 'A') AS CHAR) \
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

const FOREIGN_KEYS: &str = "SELECT CAST(k.TABLE_NAME AS CHAR), CAST(k.CONSTRAINT_NAME AS CHAR), \
    CAST(k.COLUMN_NAME AS CHAR), CAST(k.REFERENCED_TABLE_NAME AS CHAR), CAST(k.REFERENCED_COLUMN_NAME AS CHAR), \
    CAST(r.UPDATE_RULE AS CHAR), CAST(r.DELETE_RULE AS CHAR) \
    FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
    ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME \
    WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL \
    ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";

const VIEWS: &str = "SELECT CAST(TABLE_NAME AS CHAR), CAST(VIEW_DEFINITION AS CHAR), \
    CAST(CHARACTER_SET_CLIENT AS CHAR), CAST(COLLATION_CONNECTION AS CHAR) \
    FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME";

/// By name: `CREATED` counts in seconds, so routines made within a second of each other
/// would come in any order (and so would the migrations written from them); MySQL does not
/// check a routine's body when it is created, so no order is needed.
const ROUTINES: &str = "SELECT CAST(ROUTINE_NAME AS CHAR), CAST(ROUTINE_TYPE AS CHAR) FROM information_schema.ROUTINES \
    WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_NAME";

const TRIGGERS: &str = "SELECT CAST(TRIGGER_NAME AS CHAR), CAST(EVENT_OBJECT_TABLE AS CHAR), \
    CAST(ACTION_TIMING AS CHAR), CAST(EVENT_MANIPULATION AS CHAR), CAST(ACTION_STATEMENT AS CHAR) \
    FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME";

type ColumnRow = (String, String, String, String, Option<String>, String, String, Option<String>, Option<String>);

/// A referential rule as MySQL reports it: `RESTRICT` when none was given, `NO ACTION`
/// only when written so (the same to InnoDB, kept as declared).
fn rule(text: &str) -> Option<migrate_schema::ForeignKeyAction> {
    match text.eq_ignore_ascii_case("no action") {
        true => Some(migrate_schema::ForeignKeyAction::NoAction),
        false => action(text).filter(|a| *a != migrate_schema::ForeignKeyAction::Restrict),
    }
}

pub(crate) async fn introspect(c: &mut MySqlConnection, own: &crate::tables::Tables) -> Result<SchemaModel> {
    let mut model = SchemaModel::new();
    let tables: Vec<(String, String, String, String, String)> = sqlx::query_as(TABLES).fetch_all(&mut *c).await?;
    let database_collation: Option<String> = sqlx::query_scalar(
        "SELECT CAST(DEFAULT_COLLATION_NAME AS CHAR) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()",
    )
    .fetch_optional(&mut *c)
    .await?;
    let mut collations = Vec::new();
    for (name, engine, comment, collation, create_options) in tables {
        if is_tool_table(own, &name) {
            continue;
        }
        let mut table = Table::new(name);
        table.comment = Some(comment).filter(|c| !c.is_empty());
        // What the renderer writes unless told otherwise: InnoDB, the database's collation,
        // the engine's row format.
        table.options.engine = Some(engine).filter(|e| !e.is_empty() && !e.eq_ignore_ascii_case("innodb"));
        table.options.collation =
            Some(collation.clone()).filter(|c| !c.is_empty() && Some(c) != database_collation.as_ref());
        table.options.row_format = create_options.split_whitespace().find_map(|option| {
            let (key, value) = option.split_once('=')?;
            key.eq_ignore_ascii_case("row_format").then(|| value.to_ascii_uppercase())
        });
        collations.push(collation);
        model.tables.push(table);
    }
    let columns: Vec<ColumnRow> = sqlx::query_as(COLUMNS).fetch_all(&mut *c).await?;
    for (table, name, ty, nullable, default, extra, comment, collation, expression) in columns {
        let Some(i) = model.tables.iter().position(|t| t.name == table) else { continue };
        let extra = extra.to_ascii_lowercase();
        let generated =
            expression.filter(|_| extra.contains("generated") || extra.contains("persistent")).map(|expr| {
                let stored = extra.contains("stored") || extra.contains("persistent");
                Generated { expr, stored }
            });
        let ty = parse_type(Dialect::MySql, &ty);
        let mut column = Column::new(name, ty);
        column.nullable = nullable == "YES";
        column.identity = extra.contains("auto_increment");
        column.comment = Some(comment).filter(|c| !c.is_empty());
        column.default =
            default.and_then(|d| parse_default(Dialect::MySql, &column.ty, &d)).filter(|_| generated.is_none());
        column.generated = generated;
        column.collation = collation.filter(|c| *c != collations[i]);
        if let Some((_, value)) = extra.split_once("on update ") {
            column.on_update = parse_default(Dialect::MySql, &column.ty, value.trim());
        }
        model.tables[i].columns.push(column);
    }
    checks_of(c, &mut model).await?;
    indexes_of(c, &mut model).await?;
    foreign_keys_of(c, &mut model).await?;
    let views: Vec<(String, String, String, String)> = sqlx::query_as(VIEWS).fetch_all(&mut *c).await?;
    let (database, client, connection): (Option<String>, String, String) =
        sqlx::query_as("SELECT DATABASE(), CAST(@@character_set_client AS CHAR), CAST(@@collation_connection AS CHAR)")
            .fetch_one(&mut *c)
            .await?;
    let qualifier = database.map(|d| format!("{}.", Dialect::MySql.quote(&d))).unwrap_or_default();
    for (name, def, view_client, view_connection) in views {
        // The definition names every table with its database: drop it, so that the view
        // reads the same (and can be created) in another database.
        let def = if qualifier.is_empty() { def } else { def.replace(&qualifier, "") };
        let mut sql = format!("CREATE VIEW {} AS {def}", Dialect::MySql.quote(&name));
        // A view's text literals take the character set of the session that created it (a
        // column of its own type): created, as mysqldump does, in a session like that one.
        if (view_client.as_str(), view_connection.as_str()) != (client.as_str(), connection.as_str()) {
            sql = format!(
                "SET @saved_cs_client = @@character_set_client, @saved_col_connection = @@collation_connection, \
                 character_set_client = {view_client}, collation_connection = {view_connection};\n{sql};\n\
                 SET character_set_client = @saved_cs_client, collation_connection = @saved_col_connection"
            );
        }
        model.natives.push(native("view", &name, None, sql, format!("DROP VIEW {}", Dialect::MySql.quote(&name))));
    }
    let triggers: Vec<(String, String, String, String, String)> = sqlx::query_as(TRIGGERS).fetch_all(&mut *c).await?;
    for (name, table, timing, event, statement) in triggers {
        if is_tool_table(own, &table) {
            continue;
        }
        let sql = format!(
            "CREATE TRIGGER {} {timing} {event} ON {} FOR EACH ROW {statement}",
            Dialect::MySql.quote(&name),
            Dialect::MySql.quote(&table)
        );
        model.natives.push(native(
            "trigger",
            &name,
            Some(&table),
            sql,
            format!("DROP TRIGGER {}", Dialect::MySql.quote(&name)),
        ));
    }
    routines(c, &mut model.natives).await?;
    Ok(model)
}

/// Stored procedures and functions, as the server writes them (`SHOW CREATE`), without
/// their `DEFINER`, so that whoever applies the migration may create them.
async fn routines(c: &mut MySqlConnection, natives: &mut Vec<migrate_schema::NativeObject>) -> Result<()> {
    use sqlx::Row;
    let routines: Vec<(String, String)> = sqlx::query_as(ROUTINES).fetch_all(&mut *c).await?;
    for (name, kind) in routines {
        let show = sqlx::AssertSqlSafe(format!("SHOW CREATE {kind} {}", Dialect::MySql.quote(&name)));
        let row = sqlx::query(show).fetch_one(&mut *c).await?;
        let def: Option<String> = match row.try_get::<Option<String>, _>(2) {
            Ok(text) => text,
            Err(_) => row.try_get::<Option<Vec<u8>>, _>(2)?.map(|b| String::from_utf8_lossy(&b).into_owned()),
        };
        // Without the privilege to see it, the server returns no text: nothing to copy.
        let Some(def) = def else { continue };
        let sql = match (def.find("DEFINER="), def.find(&format!(" {kind} "))) {
            (Some(at), Some(kind_at)) if at < kind_at => format!("{}{}", &def[..at], def[kind_at + 1..].trim_start()),
            _ => def,
        };
        natives.push(native(
            "function",
            &name,
            None,
            sql,
            format!("DROP {kind} IF EXISTS {}", Dialect::MySql.quote(&name)),
        ));
    }
    Ok(())
}

async fn checks_of(c: &mut MySqlConnection, model: &mut SchemaModel) -> Result<()> {
    let checks: Vec<(String, String, String)> = match sqlx::query_as(CHECKS).fetch_all(&mut *c).await {
        Ok(rows) => rows,
        Err(_) => sqlx::query_as(CHECKS_MYSQL).fetch_all(&mut *c).await?,
    };
    for (table, name, clause) in checks {
        let Some(t) = model.tables.iter_mut().find(|t| t.name == table) else { continue };
        // MariaDB's JSON is a longtext with a `json_valid` check named after the column.
        if let Some(column) = t.columns.iter_mut().find(|col| col.name == name)
            && clause.replace(' ', "") == format!("json_valid({})", Dialect::MySql.quote(&name))
            && column.ty == (ColumnType::Native { sql: "longtext".into() })
        {
            column.ty = ColumnType::Json;
            // MariaDB gives JSON columns the binary collation of their character set.
            let fragment = format!("{table}.{name}");
            model.natives.retain(|n| !(n.kind == "collation" && n.name == fragment));
            continue;
        }
        t.checks.push(Check { name, expr: clause });
    }
    Ok(())
}

async fn indexes_of(c: &mut MySqlConnection, model: &mut SchemaModel) -> Result<()> {
    let rows: Vec<StatisticsRow> = sqlx::query_as(STATISTICS).fetch_all(&mut *c).await?;
    // (table, name, unique, columns with prefix lengths, type, descending)
    let mut indexes: Vec<IndexParts> = Vec::new();
    for (table, name, unique, column, sub_part, kind, collation) in rows {
        let column = (column.unwrap_or_default(), sub_part);
        match indexes.iter_mut().find(|i| i.0 == table && i.1 == name) {
            Some(index) => {
                index.3.push(column);
                index.5 |= collation == "D";
            }
            None => indexes.push((table, name, unique, vec![column], kind, collation == "D")),
        }
    }
    for (table, name, unique, columns, kind, descending) in indexes {
        let Some(t) = model.tables.iter_mut().find(|t| t.name == table) else { continue };
        let names: Vec<String> = columns.iter().map(|(c, _)| c.clone()).collect();
        if name == "PRIMARY" {
            t.primary_key = Some(PrimaryKey { columns: names, name: None });
            continue;
        }
        let plain = kind == "BTREE" && !descending && columns.iter().all(|(_, prefix)| prefix.is_none());
        if plain {
            t.indexes.push(Index { name, columns: names, unique, predicate: None });
            continue;
        }
        let keys: Vec<String> = columns
            .iter()
            .map(|(c, prefix)| {
                prefix.map_or_else(|| Dialect::MySql.quote(c), |n| format!("{}({n})", Dialect::MySql.quote(c)))
            })
            .collect();
        let kind_word = match kind.as_str() {
            "FULLTEXT" | "SPATIAL" => format!("{kind} "),
            _ if unique => "UNIQUE ".to_owned(),
            _ => String::new(),
        };
        let sql = format!(
            "CREATE {kind_word}INDEX {} ON {} ({})",
            Dialect::MySql.quote(&name),
            Dialect::MySql.quote(&table),
            keys.join(", ")
        );
        let drop = format!("DROP INDEX {} ON {}", Dialect::MySql.quote(&name), Dialect::MySql.quote(&table));
        model.natives.push(native("index", &name, Some(&table), sql, drop));
    }
    Ok(())
}

async fn foreign_keys_of(c: &mut MySqlConnection, model: &mut SchemaModel) -> Result<()> {
    let rows: Vec<(String, String, String, String, String, String, String)> =
        sqlx::query_as(FOREIGN_KEYS).fetch_all(&mut *c).await?;
    for (table, name, column, ref_table, ref_column, on_update, on_delete) in rows {
        let Some(t) = model.tables.iter_mut().find(|t| t.name == table) else { continue };
        match t.foreign_keys.iter_mut().find(|f| f.name == name) {
            Some(fk) => {
                fk.columns.push(column);
                fk.ref_columns.push(ref_column);
            }
            None => t.foreign_keys.push(ForeignKey {
                name,
                columns: vec![column],
                ref_table,
                ref_columns: vec![ref_column],
                on_delete: rule(&on_delete),
                on_update: rule(&on_update),
            }),
        }
    }
    // InnoDB creates an index for a foreign key that has none, named after it.
    for t in &mut model.tables {
        let fks: Vec<(String, Vec<String>)> =
            t.foreign_keys.iter().map(|f| (f.name.clone(), f.columns.clone())).collect();
        t.indexes.retain(|i| !fks.iter().any(|(name, cols)| *name == i.name && *cols == i.columns && !i.unique));
    }
    Ok(())
}
