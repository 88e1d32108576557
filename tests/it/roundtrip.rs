//! Real databases read back faithfully: a schema applied with the database's own client
//! into database A, `migrate new --from-db --sql` from A into an empty project, `migrate up`
//! of that project into an empty database C; the catalogs of A and C, as the database
//! reports them, must be equal line for line, and reading C back must find nothing new.

use crate::db::{TestDb, strings};
use crate::engine::Dir;
use crate::process::{migrate_at, text};
use migrate::Connection;
use migrate::schema::Dialect;

/// Everything the catalog says about the current schema, one line per fact, sorted, without
/// the tool's own tables: columns (position among the live ones, type, nullability, default,
/// collation, identity, generation), indexes with their definition, constraints with name
/// and definition, sequences with their parameters and owner, views, triggers, functions,
/// types, domains, extensions, rules, partitions and table options.
pub(crate) async fn full_catalog(conn: &mut Connection) -> Vec<String> {
    let queries: &[&str] = match conn.dialect() {
        Dialect::Postgres => &[
            "SELECT c.relname || '.' || a.attname || ' #' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) \
             || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull || ' default=' \
             || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' identity=' || a.attidentity::text || ' generated=' \
             || a.attgenerated::text || ' collation=' || coalesce(co.collname, '-') \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             LEFT JOIN pg_collation co ON co.oid = a.attcollation AND co.collname <> 'default' \
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') \
             AND a.attnum > 0 AND NOT a.attisdropped",
            "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()",
            "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) \
             FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND contypid = 0",
            "SELECT 'sequence ' || sequencename || ' ' || data_type::text || ' start=' || start_value || ' by=' \
             || increment_by || ' min=' || min_value || ' max=' || max_value || ' cycle=' || cycle \
             FROM pg_sequences WHERE schemaname = current_schema()",
            "SELECT 'owned ' || s.relname || ' by ' || t.relname || '.' || a.attname || ' ' || d.deptype::text \
             FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' \
             JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid \
             WHERE s.relnamespace = current_schema()::regnamespace",
            "SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = current_schema()",
            "SELECT 'matview ' || matviewname || ' ' || definition FROM pg_matviews WHERE schemaname = current_schema()",
            "SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace",
            "SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p \
             WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind IN ('f', 'p') \
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')",
            "SELECT 'aggregate ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p \
             WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind = 'a'",
            "SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) \
             FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = current_schema()::regnamespace \
             GROUP BY t.typname",
            "SELECT 'domain ' || t.typname || ' ' || format_type(t.typbasetype, t.typtypmod) || ' notnull=' \
             || t.typnotnull || ' default=' || coalesce(t.typdefault, '-') || ' ' \
             || coalesce((SELECT string_agg(conname || ' ' || pg_get_constraintdef(c.oid), ', ' ORDER BY conname) \
             FROM pg_constraint c WHERE c.contypid = t.oid), '') \
             FROM pg_type t WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype = 'd'",
            "SELECT 'composite ' || t.typname || ' ' || string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), \
             ', ' ORDER BY a.attnum) FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' \
             JOIN pg_attribute a ON a.attrelid = c.oid WHERE t.typnamespace = current_schema()::regnamespace \
             GROUP BY t.typname",
            "SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'",
            "SELECT 'rule ' || rulename || ' ' || definition FROM pg_rules WHERE schemaname = current_schema()",
            "SELECT 'partition ' || c.relname || ' of ' || p.relname || ' ' \
             || coalesce(pg_get_expr(c.relpartbound, c.oid), 'inherits #' || i.inhseqno) \
             FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent \
             WHERE c.relnamespace = current_schema()::regnamespace",
            "SELECT 'partitioned ' || c.relname || ' ' || pg_get_partkeydef(c.oid) FROM pg_class c \
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'p'",
            "SELECT 'comment ' || c.relname || coalesce('.' || a.attname, '') || ' ' || d.description \
             FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass \
             LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0 \
             WHERE c.relnamespace = current_schema()::regnamespace",
        ],
        Dialect::MySql => &[
            "SELECT CONCAT(c.table_name, '.', c.column_name, ' #', c.ordinal_position, ' ', c.column_type, ' ', \
             c.is_nullable, ' default=', coalesce(c.column_default, '-'), ' extra=', c.extra, ' charset=', \
             coalesce(c.character_set_name, '-'), ' collation=', coalesce(c.collation_name, '-'), ' comment=', \
             c.column_comment, ' generated=', coalesce(c.generation_expression, '-')) \
             FROM information_schema.columns c WHERE c.table_schema = DATABASE()",
            "SELECT CONCAT('index ', table_name, ' ', index_name, ' unique=', 1 - non_unique, ' ', index_type, ' ', \
             GROUP_CONCAT(CONCAT(column_name, coalesce(CONCAT('(', sub_part, ')'), ''), ' ', \
             coalesce(collation, '-')) ORDER BY seq_in_index), ' comment=', index_comment) \
             FROM information_schema.statistics WHERE table_schema = DATABASE() \
             GROUP BY table_name, index_name, non_unique, index_type, index_comment",
            "SELECT CONCAT('constraint ', table_name, ' ', constraint_name, ' ', constraint_type) \
             FROM information_schema.table_constraints WHERE table_schema = DATABASE()",
            "SELECT CONCAT('check ', table_name, ' ', constraint_name, ' ', check_clause) \
             FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()",
            "SELECT CONCAT('fk ', r.table_name, ' ', r.constraint_name, ' ', \
             GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position), ' -> ', r.referenced_table_name, ' ', \
             GROUP_CONCAT(k.referenced_column_name ORDER BY k.ordinal_position), ' delete=', r.delete_rule, \
             ' update=', r.update_rule) FROM information_schema.referential_constraints r \
             JOIN information_schema.key_column_usage k ON k.constraint_schema = r.constraint_schema \
             AND k.constraint_name = r.constraint_name AND k.table_name = r.table_name \
             WHERE r.constraint_schema = DATABASE() GROUP BY r.table_name, r.constraint_name, r.referenced_table_name, \
             r.delete_rule, r.update_rule",
            "SELECT CONCAT('table ', table_name, ' ', table_type, ' engine=', coalesce(engine, '-'), ' collation=', \
             coalesce(table_collation, '-'), ' row_format=', coalesce(row_format, '-'), ' options=', \
             coalesce(create_options, '-'), ' comment=', table_comment) \
             FROM information_schema.tables WHERE table_schema = DATABASE()",
            "SELECT CONCAT('view ', table_name, ' ', REPLACE(view_definition, CONCAT('`', DATABASE(), '`.'), ''), \
             ' ', character_set_client, ' ', collation_connection) FROM information_schema.views \
             WHERE table_schema = DATABASE()",
            "SELECT CONCAT('trigger ', trigger_name, ' ', action_timing, ' ', event_manipulation, ' on ', \
             event_object_table, ' ', action_statement) FROM information_schema.triggers WHERE trigger_schema = DATABASE()",
            "SELECT CONCAT('routine ', routine_type, ' ', routine_name, ' ', coalesce(routine_definition, '-')) \
             FROM information_schema.routines WHERE routine_schema = DATABASE()",
        ],
        Dialect::Sqlite => &[
            "SELECT m.name || '.' || p.name || ' #' || p.cid || ' ' || p.type || ' notnull=' || p.\"notnull\" \
             || ' default=' || coalesce(p.dflt_value, '-') || ' pk=' || p.pk || ' hidden=' || p.hidden \
             FROM sqlite_schema m, pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            "SELECT 'index ' || m.name || ' ' || i.name || ' unique=' || i.\"unique\" || ' origin=' || i.origin \
             || ' partial=' || i.partial || ' ' || (SELECT group_concat(coalesce(x.name, '<expr>') || ' ' || x.coll \
             || ' desc=' || x.\"desc\", ', ') FROM pragma_index_xinfo(i.name) x WHERE x.key) \
             FROM sqlite_schema m, pragma_index_list(m.name) i WHERE m.type = 'table'",
            "SELECT 'fk ' || m.name || ' ' || f.id || ' ' || f.seq || ' ' || f.\"from\" || '->' || f.\"table\" || '.' \
             || coalesce(f.\"to\", '-') || ' ' || f.on_delete || ' ' || f.on_update || ' ' || f.\"match\" \
             FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
            "SELECT type || ' ' || name || ' ' || sql FROM sqlite_schema WHERE type IN ('trigger', 'view')",
            // The pragmas do not report check constraints, column collations or WITHOUT ROWID:
            // count them in the table's SQL.
            "SELECT 'table ' || name || ' checks=' || ((length(sql) - length(replace(upper(sql), 'CHECK', ''))) / 5) \
             || ' collate=' || ((length(sql) - length(replace(upper(sql), 'COLLATE', ''))) / 7) \
             || ' nocase=' || ((length(sql) - length(replace(upper(sql), 'NOCASE', ''))) / 6) \
             || ' autoincrement=' || (instr(upper(sql), 'AUTOINCREMENT') > 0) \
             || ' without_rowid=' || (instr(upper(replace(sql, ' ', '')), 'WITHOUTROWID') > 0) \
             FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        ],
    };
    rows_of(conn, queries).await
}

/// The names of everything in the current schema, without attributes: tables, views and
/// their columns, indexes, constraints, sequences, functions, types, triggers.
async fn object_names(conn: &mut Connection) -> Vec<String> {
    let queries: &[&str] = match conn.dialect() {
        Dialect::Postgres => &[
            "SELECT c.relkind::text || ' ' || c.relname FROM pg_class c \
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'c')",
            "SELECT 'column ' || c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') \
             AND a.attnum > 0 AND NOT a.attisdropped",
            "SELECT 'constraint ' || conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace",
            "SELECT 'routine ' || proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace",
            "SELECT 'type ' || typname FROM pg_type WHERE typnamespace = current_schema()::regnamespace AND typtype IN ('d', 'e')",
            "SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal",
            "SELECT 'extension ' || extname FROM pg_extension",
        ],
        Dialect::MySql => &[
            "SELECT CONCAT(table_type, ' ', table_name) FROM information_schema.tables WHERE table_schema = DATABASE()",
            "SELECT CONCAT('column ', table_name, '.', column_name) FROM information_schema.columns WHERE table_schema = DATABASE()",
            "SELECT DISTINCT CONCAT('index ', table_name, '.', index_name) FROM information_schema.statistics WHERE table_schema = DATABASE()",
            "SELECT CONCAT('constraint ', table_name, '.', constraint_name) FROM information_schema.table_constraints WHERE table_schema = DATABASE()",
            "SELECT CONCAT('routine ', routine_name) FROM information_schema.routines WHERE routine_schema = DATABASE()",
            "SELECT CONCAT('trigger ', trigger_name) FROM information_schema.triggers WHERE trigger_schema = DATABASE()",
        ],
        Dialect::Sqlite => &[
            "SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
            "SELECT 'column ' || m.name || '.' || p.name FROM sqlite_schema m, pragma_table_xinfo(m.name) p \
             WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'",
        ],
    };
    rows_of(conn, queries).await
}

/// The first column of every row of `queries`, without the tool's own tables, sorted.
async fn rows_of(conn: &mut Connection, queries: &[&str]) -> Vec<String> {
    let mut lines = Vec::new();
    for q in queries {
        lines.extend(strings(conn, q).await);
    }
    lines.retain(|l| !l.contains("schema_migrations") && !l.contains("sqlite_sequence"));
    lines.sort();
    lines
}

/// The lines only one side has, for a readable failure.
pub(crate) fn differences(original: &[String], copy: &[String]) -> String {
    let mut out = String::new();
    for l in original.iter().filter(|l| !copy.contains(l)) {
        out.push_str(&format!("  original only: {l}\n"));
    }
    for l in copy.iter().filter(|l| !original.contains(l)) {
        out.push_str(&format!("  copy only:     {l}\n"));
    }
    out
}

/// Apply `sql` natively to a fresh database, generate the migration from it, apply that to
/// another fresh database; the catalogs must be equal and the copy read back must give no
/// new migration.
pub(crate) async fn round_trip(dialect: Dialect, what: &str, sql: &str) {
    let Some(mut original) = TestDb::new(dialect).await else { return };
    crate::native::run(&original.url, sql).unwrap_or_else(|e| panic!("{dialect} {what}: the native client: {e}"));
    let dir = Dir::new();
    let new = migrate_at(&original.url, &dir, &["new", "copy", "--from-db", "--sql"]).output().unwrap();
    assert!(new.status.success(), "{dialect} {what}: new --from-db: {}", text(&new));
    let written = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect::<Vec<_>>();
    let migration = std::fs::read_to_string(&written[0]).unwrap();
    let mut copy = TestDb::new(dialect).await.expect("a second database");
    let up = migrate_at(&copy.url, &dir, &["up"]).output().unwrap();
    assert!(up.status.success(), "{dialect} {what}: the generated migration fails: {}\n{migration}", text(&up));
    let (a, c) = (object_names(&mut original.conn).await, object_names(&mut copy.conn).await);
    assert!(a.len() > 3, "{dialect} {what}: the schema is empty: {a:?}");
    assert!(a == c, "{dialect} {what}: objects differ:\n{}\nmigration:\n{migration}", differences(&a, &c));
    let (a, c) = (full_catalog(&mut original.conn).await, full_catalog(&mut copy.conn).await);
    assert!(a == c, "{dialect} {what}: the copy differs:\n{}\nmigration:\n{migration}", differences(&a, &c));
    let again = migrate_at(&copy.url, &dir, &["--json", "new", "again", "--from-db", "--sql"]).output().unwrap();
    let doc: serde_json::Value =
        serde_json::from_slice(&again.stdout).unwrap_or_else(|e| panic!("{dialect} {what}: {e}: {}", text(&again)));
    assert_eq!(doc["path"], serde_json::Value::Null, "{dialect} {what}: the copy read back is not settled: {doc}");
    original.drop().await;
    copy.drop().await;
}

/// Each case of the issue, in the database's own SQL.
pub(crate) fn cases(dialect: Dialect) -> &'static [(&'static str, &'static str)] {
    match dialect {
        Dialect::Sqlite => &[
            (
                "foreign keys between types spelled differently",
                "CREATE TABLE p (id int PRIMARY KEY);\n\
                 CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER UNSIGNED REFERENCES p (id));\n\
                 CREATE TABLE d (id INT(11) NOT NULL REFERENCES p (id) ON DELETE CASCADE);",
            ),
            (
                "collations of columns and index columns",
                "CREATE TABLE n (id integer PRIMARY KEY, name text COLLATE NOCASE, code text);\n\
                 CREATE INDEX n_code ON n (code COLLATE NOCASE);\nCREATE UNIQUE INDEX n_name ON n (name DESC);",
            ),
            (
                "generated columns, virtual and stored",
                "CREATE TABLE g (a integer NOT NULL, twice integer GENERATED ALWAYS AS (a * 2) VIRTUAL, \
                 label text GENERATED ALWAYS AS ('#' || a) STORED NOT NULL);",
            ),
        ],
        Dialect::MySql => &[
            (
                "a foreign key and its index sharing a name, index names reused across tables",
                "CREATE TABLE job (JobId int NOT NULL PRIMARY KEY);\n\
                 CREATE TABLE task (id int NOT NULL PRIMARY KEY, JobId int, CONSTRAINT JobId FOREIGN KEY (JobId) \
                 REFERENCES job (JobId));\n\
                 CREATE TABLE a (x int, KEY idx_x (x));\nCREATE TABLE b (x int, KEY idx_x (x));",
            ),
            (
                "triggers with IF blocks",
                "CREATE TABLE film (id int NOT NULL PRIMARY KEY, title varchar(50));\n\
                 CREATE TABLE film_text (id int NOT NULL PRIMARY KEY, title varchar(50));\n\
                 DELIMITER ;;\nCREATE TRIGGER upd_film AFTER UPDATE ON film FOR EACH ROW BEGIN\n\
                 IF (old.title != new.title) THEN\n UPDATE film_text SET title = new.title WHERE id = old.id;\n\
                 END IF;\nEND;;\nDELIMITER ;",
            ),
            (
                "column character sets, collations and defaults as the server spells them",
                "CREATE TABLE s (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, code varchar(10) CHARACTER SET ascii NOT NULL, \
                 tag varchar(20) COLLATE utf8mb4_bin DEFAULT 'it''s \\\\ here', hash binary(32) NOT NULL DEFAULT '', \
                 amount decimal(10,4) NOT NULL DEFAULT 0.0000, \
                 changed timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP) \
                 ENGINE=InnoDB DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC;\n\
                 CREATE TABLE m (id int NOT NULL PRIMARY KEY) ENGINE=MyISAM;",
            ),
            (
                "generated columns, virtual and stored",
                "CREATE TABLE g (a int NOT NULL, twice int AS (a * 2) VIRTUAL, label varchar(20) AS (concat('#', a)) \
                 PERSISTENT, KEY g_twice (twice));",
            ),
        ],
        Dialect::Postgres => &[
            (
                "several identity columns, always and by default",
                "CREATE TABLE m (a int GENERATED ALWAYS AS IDENTITY, b bigint GENERATED BY DEFAULT AS IDENTITY, \
                 c smallint GENERATED ALWAYS AS IDENTITY);",
            ),
            ("serial columns", "CREATE TABLE s (c serial, d bigserial);"),
            (
                "named sequences of their own",
                "CREATE SEQUENCE contacts_seq START 100 INCREMENT 5;\nCREATE SEQUENCE loose_seq AS integer MAXVALUE 9000 CYCLE;\n\
                 CREATE TABLE contacts (id int NOT NULL DEFAULT nextval('contacts_seq'), \
                 i int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);\nALTER SEQUENCE contacts_seq OWNED BY contacts.id;",
            ),
            (
                "constraint names",
                "CREATE TABLE ack (id int, code text, CONSTRAINT pk_acknowledgement_id PRIMARY KEY (id), \
                 CONSTRAINT ack_code_unique UNIQUE (code), CONSTRAINT ack_code_short CHECK (length(code) < 9));\n\
                 CREATE INDEX ack_code_c ON ack (code COLLATE \"C\" DESC);",
            ),
            ("column collations", "CREATE TABLE coll (id int PRIMARY KEY, code text COLLATE \"C\");"),
            (
                "generated columns",
                "CREATE TABLE gen (a int NOT NULL, hours numeric(4,2) GENERATED ALWAYS AS (round(a / 60.0, 2)) STORED, \
                 label text NOT NULL GENERATED ALWAYS AS ('#' || a) STORED);",
            ),
            (
                "functions triggers call, extensions, domains and types",
                "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n\
                 CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);\n\
                 CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TYPE spare AS ENUM ('x', 'y');\n\
                 CREATE TYPE pair AS (a integer, b text);\n\
                 CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at = now(); RETURN NEW; END $$;\n\
                 CREATE TABLE film (id int PRIMARY KEY, title text, released year, feeling mood, at timestamptz);\n\
                 CREATE FUNCTION titles() RETURNS SETOF text LANGUAGE sql AS $$ SELECT title FROM film $$;\n\
                 CREATE FUNCTION _concat(text, text) RETURNS text LANGUAGE sql AS $$ SELECT $1 || $2 $$;\n\
                 CREATE AGGREGATE concat_all(text) (SFUNC = _concat, STYPE = text, INITCOND = '');\n\
                 CREATE INDEX film_title_trgm ON film USING gin (title gin_trgm_ops);\n\
                 CREATE VIEW film_titles AS SELECT title FROM film;\nCREATE VIEW film_titles_too AS SELECT title FROM film_titles;\n\
                 CREATE TRIGGER film_touch BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION touch();",
            ),
        ],
    }
}

async fn each_case_of_the_issue_round_trips(dialect: Dialect) {
    for (what, sql) in cases(dialect) {
        round_trip(dialect, what, sql).await;
    }
}

/// A corpus schema, whole, without the statements naming a database of their own.
pub(crate) fn corpus_schema(dialect: Dialect, path: &str, adapt: impl Fn(String) -> String) -> Option<String> {
    let text = adapt(crate::corpus::corpus(path)?);
    crate::corpus::steps(&text, dialect, 1, |s| !crate::corpus::names_a_database(s)).into_iter().next()
}

/// Sakila on the three databases: declared type spellings (SQLite), character sets, `ON
/// UPDATE` and views made in another session's character set (MySQL), `now()` defaults,
/// inheritance and rules (PostgreSQL).
async fn sakila_round_trips(dialect: Dialect) {
    let Some(sql) = sakila(dialect) else { return };
    round_trip(dialect, "sakila", &sql).await;
}

/// Sakila's schema for `dialect`, as one text.
pub(crate) fn sakila(dialect: Dialect) -> Option<String> {
    let path = match dialect {
        Dialect::Postgres => "sakila/postgres-schema.sql",
        Dialect::MySql => "sakila/mysql-schema.sql",
        Dialect::Sqlite => "sakila/sqlite-schema.sql",
    };
    corpus_schema(dialect, path, |t| t.replace("sakila.", ""))
}

/// Chinook with and without auto-increment keys (serial ones on PostgreSQL).
async fn chinook_round_trips(dialect: Dialect) {
    let paths: &[&str] = match dialect {
        Dialect::Postgres => &[
            "chinook/Chinook_PostgreSql.sql",
            "chinook/Chinook_PostgreSql_AutoIncrementPKs.sql",
            "chinook/Chinook_PostgreSql_SerialPKs.sql",
        ],
        Dialect::MySql => &["chinook/Chinook_MySql.sql", "chinook/Chinook_MySql_AutoIncrementPKs.sql"],
        Dialect::Sqlite => &["chinook/Chinook_Sqlite.sql", "chinook/Chinook_Sqlite_AutoIncrementPKs.sql"],
    };
    for path in paths {
        let Some(sql) = corpus_schema(dialect, path, |t| t) else { return };
        round_trip(dialect, path, &sql).await;
    }
}

on_every_database!(each_case_of_the_issue_round_trips, sakila_round_trips, chinook_round_trips);

/// Pagila: partitions attached to a partitioned table, a generated column, full-text
/// search types and functions.
#[tokio::test]
async fn pagila_round_trips() {
    let Some(sql) = pagila() else { return };
    round_trip(Dialect::Postgres, "pagila", &sql).await;
}

/// Pagila's schema on PostgreSQL 15 without pgvector: `uuidv7()` and virtual generated
/// columns are PostgreSQL 18's.
pub(crate) fn pagila() -> Option<String> {
    let adapt = |t: String| t.replace("uuidv7()", "gen_random_uuid()").replace(") VIRTUAL", ") STORED");
    let text = crate::corpus::corpus("pagila/pagila-schema.sql").map(adapt)?;
    let needs_pgvector = |s: &str| s.replace("tsvector", "").contains("vector") || s.contains("film_embedding");
    crate::corpus::steps(&text, Dialect::Postgres, 1, |s| !crate::corpus::names_a_database(s) && !needs_pgvector(s))
        .into_iter()
        .next()
}
