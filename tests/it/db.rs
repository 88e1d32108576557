//! Fresh databases for tests: a temporary SQLite file always; PostgreSQL and MariaDB from
//! `MIGRATE_TEST_POSTGRES_URL` / `MIGRATE_TEST_MYSQL_URL`, a new database per test,
//! dropped at the end. Without a URL a test prints that it was skipped, except under
//! `CI=true`, where a missing or unreachable database fails the test.

use migrate::Connection;
use migrate::testing::TestDatabase;
use migrate_schema::Dialect;

/// A database created for one test.
pub(crate) struct TestDb {
    pub(crate) conn: Connection,
    /// The URL of this test's database.
    pub(crate) url: String,
    db: TestDatabase,
}

impl TestDb {
    /// A fresh, empty database of `dialect`, or `None` when it is not configured.
    pub(crate) async fn new(dialect: Dialect) -> Option<Self> {
        let db = TestDatabase::create(dialect).await.unwrap_or_else(|e| panic!("{dialect}: {e}"))?;
        let conn = Connection::connect(&db.url).await.unwrap_or_else(|e| panic!("cannot reach {dialect}: {e}"));
        Some(Self { conn, url: db.url.clone(), db })
    }

    /// Drop the database.
    pub(crate) async fn drop(self) {
        let _ = self.conn.close().await;
        self.db.drop_now().await;
    }
}

/// The schema as the database's own catalog describes it, one line per fact, sorted:
/// what the execution tests compare before and after an operation and its inverse.
pub(crate) async fn catalog(conn: &mut Connection) -> Vec<String> {
    let queries: &[&str] = match conn.dialect() {
        Dialect::Sqlite => &[
            "SELECT m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p.\"notnull\" || ' default=' || coalesce(p.dflt_value, '-') || ' pk=' || p.pk FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            "SELECT m.name || ' index unique=' || i.\"unique\" || ' origin=' || i.origin || ' partial=' || i.partial || ' cols=' || (SELECT group_concat(c.name) FROM pragma_index_info(i.name) c) || CASE WHEN i.origin = 'c' THEN ' ' || i.name ELSE '' END FROM sqlite_schema m, pragma_index_list(m.name) i WHERE m.type = 'table'",
            "SELECT m.name || ' fk ' || f.\"from\" || '->' || f.\"table\" || '.' || f.\"to\" || ' ' || f.on_delete || ' ' || f.on_update FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
            "SELECT type || ' ' || name FROM sqlite_schema WHERE type IN ('trigger', 'view')",
            // SQLite's pragmas do not list check constraints: count them in the table's SQL.
            "SELECT name || ' checks=' || ((length(sql) - length(replace(upper(sql), 'CHECK', ''))) / 5) FROM sqlite_schema WHERE type = 'table'",
        ],
        Dialect::Postgres => &[
            "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' default=' || coalesce(column_default, '-') || ' identity=' || is_identity FROM information_schema.columns WHERE table_schema = 'public'",
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'",
            "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
            "SELECT 'type ' || typname FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'",
            "SELECT 'comment ' || c.relname || ' ' || coalesce(obj_description(c.oid), '-') FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'",
        ],
        Dialect::MySql => &[
            "SELECT CONCAT(table_name, '.', column_name, ' ', column_type, ' ', is_nullable, ' default=', coalesce(column_default, '-'), ' ', extra, ' ', column_comment) FROM information_schema.columns WHERE table_schema = DATABASE()",
            "SELECT CONCAT(table_name, ' index ', index_name, ' ', non_unique, ' ', GROUP_CONCAT(column_name ORDER BY seq_in_index)) FROM information_schema.statistics WHERE table_schema = DATABASE() GROUP BY table_name, index_name, non_unique",
            "SELECT CONCAT(table_name, ' ', constraint_name, ' ', constraint_type) FROM information_schema.table_constraints WHERE table_schema = DATABASE()",
            "SELECT CONCAT(table_name, ' ', constraint_name, ' ', check_clause) FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()",
            "SELECT CONCAT(table_name, ' ', constraint_name, ' ', delete_rule, ' ', update_rule) FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()",
        ],
    };
    let mut lines = Vec::new();
    for q in queries {
        lines.extend(strings(conn, q).await);
    }
    lines.sort();
    lines
}

/// The first column of every row of `sql`, as text.
pub(crate) async fn strings(conn: &mut Connection, sql: &str) -> Vec<String> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    let rows: Vec<(Option<String>,)> = match conn {
        Connection::Postgres(c) => sqlx::query_as(sql).fetch_all(&mut **c).await,
        Connection::MySql(c) => sqlx::query_as(sql).fetch_all(&mut **c).await,
        Connection::Sqlite(c) => sqlx::query_as(sql).fetch_all(&mut **c).await,
    }
    .unwrap_or_else(|e| panic!("catalog query failed: {e}"));
    rows.into_iter().map(|(s,)| s.unwrap_or_default()).collect()
}
