//! The tool's own tables, defined with the typed builder and rendered like any migration
//! so each dialect gets its own types from one definition. Their names follow the history
//! table's (`schema_migrations` unless `history_table` says otherwise, see [`Tables`]):
//!
//! - `schema_migrations`: one row per migration version (applied, failed, pending while a
//!   non-transactional migration runs, rolled back), with its rendered down SQL;
//! - `schema_migrations_audit`: append-only, one row per action (apply, rollback, repair,
//!   resolve, baseline, unlock) with who, where from, when, outcome and duration;
//! - `schema_migrations_lock`: who holds the migration lock (on SQLite the row *is* the lock);
//! - `schema_migrations_kept`: the tables keeping rows of dropped tables and columns;
//! - `schema_migrations_seeds`: one row per seed that ran (see [`crate::seed`]);
//! - `schema_migrations_seed_rows`: per seed run and table, the rows it inserted and the
//!   values it replaced, which rolling it back reads.

use crate::actor::{actor, host};
use crate::driver::Connection;
use crate::error::{Error, Result};
pub(crate) use crate::tables::Tables;
use migrate_schema::{Dialect, Schema, SchemaModel, Statement, TimestampTz, render_all};
use sea_query::{
    Alias, CommonTableExpression, Expr, ExprTrait, InsertStatement, Query, QueryStatementWriter, SimpleExpr, WithClause,
};

/// A migration's status in the history.
pub(crate) mod status {
    /// Applied and committed.
    pub(crate) const APPLIED: &str = "applied";
    /// Failed; see `error_message`.
    pub(crate) const FAILED: &str = "failed";
    /// A non-transactional migration is running (or its process died while it ran).
    pub(crate) const PENDING: &str = "pending";
    /// Rolled back by `down`.
    pub(crate) const ROLLED_BACK: &str = "rolled_back";
}

/// One row of the history.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HistoryRow {
    /// Row id (order of first application).
    pub id: i64,
    /// Version.
    pub version: u64,
    /// Name.
    pub name: String,
    /// Checksum when applied.
    pub checksum: String,
    /// `applied`, `failed`, `pending`, `rolled_back`.
    pub status: String,
    /// Batch number.
    pub batch: i64,
    /// Duration in milliseconds.
    pub execution_ms: i64,
    /// When, as the database prints it.
    pub applied_at: String,
    /// Who (user@host).
    pub applied_by: Option<String>,
    /// Why it failed.
    pub error_message: Option<String>,
    /// Statements committed before a non-transactional migration failed or was
    /// interrupted; `None` when nothing of it can have been committed.
    pub progress: Option<i64>,
    /// SQL that undoes it, as rendered when it was applied.
    pub down_sql: Option<String>,
    /// Per statement, the checksum it had when a run outside a transaction started it.
    #[serde(skip)]
    pub(crate) statement_checksums: Option<Vec<String>>,
    /// `rust` or `sql`, as it was when applied (`None` in rows written before the
    /// history recorded it).
    pub kind: Option<String>,
}

impl HistoryRow {
    /// A failed or interrupted migration that may have left some statements committed:
    /// `up` refuses to go on until `resolve` says what happened.
    pub fn is_blocking(&self) -> bool {
        (self.status == status::FAILED || self.status == status::PENDING) && self.progress.is_some()
    }
}

fn definitions(t: &Tables) -> Schema {
    let mut s = Schema::new();
    s.create_table(&t.history, |t| {
        t.id("id");
        t.column::<i64>("version").unique();
        t.column::<String>("name").max_len(255);
        t.column::<String>("checksum").max_len(64);
        t.column::<TimestampTz>("applied_at").default_now();
        t.column::<Option<String>>("applied_by").max_len(255);
        t.column::<i64>("execution_time").default(0);
        t.column::<String>("status").max_len(16);
        t.column::<Option<String>>("rollback_checksum").max_len(64);
        t.column::<i32>("batch");
        t.column::<Option<String>>("error_message");
        t.column::<Option<i32>>("progress");
        t.column::<Option<String>>("down_sql");
        t.column::<Option<String>>("statement_checksums");
        t.column::<Option<String>>("kind").max_len(8);
    });
    s.create_table(&t.audit, |t| {
        t.id("id");
        t.column::<TimestampTz>("at").default_now();
        t.column::<String>("action").max_len(32);
        t.column::<Option<i64>>("version");
        t.column::<Option<String>>("name").max_len(255);
        t.column::<String>("outcome").max_len(16);
        t.column::<Option<String>>("detail");
        t.column::<Option<String>>("actor").max_len(255);
        t.column::<Option<String>>("host").max_len(255);
        t.column::<i64>("pid");
        t.column::<i64>("duration_ms").default(0);
    });
    s.create_table(&t.kept, |t| {
        t.id("id");
        t.column::<String>("kept_as").max_len(64);
        t.column::<i64>("version");
        t.column::<String>("table_name").max_len(255);
        t.column::<Option<String>>("column_name").max_len(255);
        t.column::<String>("key_columns");
        t.column::<String>("columns");
        t.column::<String>("definition");
        t.column::<i64>("row_count");
        t.column::<String>("created_at").max_len(32);
    });
    s.create_table(&t.seeds, |t| {
        t.id("id");
        t.column::<String>("name").max_len(255).unique();
        t.column::<String>("kind").max_len(8);
        t.column::<String>("checksum").max_len(64);
        t.column::<Option<String>>("env").max_len(64);
        t.column::<TimestampTz>("applied_at").default_now();
        t.column::<Option<String>>("applied_by").max_len(255);
        t.column::<i64>("rows_inserted").default(0);
        t.column::<i64>("rows_updated").default(0);
        t.column::<String>("status").max_len(16);
        t.column::<i64>("execution_time").default(0);
        t.column::<i32>("runs").default(0);
        t.column::<Option<String>>("error_message");
    });
    s.create_table(&t.seed_rows, |t| {
        t.id("id");
        t.column::<String>("seed").max_len(255);
        t.column::<i32>("run");
        t.column::<String>("table_name").max_len(255);
        t.column::<String>("action").max_len(8);
        t.column::<String>("columns");
        t.column::<i32>("key_len");
        t.column::<String>("rows");
    });
    s.create_index(&t.seed_rows, &["seed"]);
    s
}

/// The columns of the tool's table `name`, in order.
pub(crate) fn columns(tables: &Tables, name: &str) -> Vec<String> {
    definitions(tables)
        .ops()
        .iter()
        .find_map(|op| match op {
            migrate_schema::Op::CreateTable { table } if table.name == name => {
                Some(table.columns.iter().map(|c| c.name.clone()).collect())
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// `CREATE TABLE IF NOT EXISTS` for the lock table, which must exist before the lock is
/// taken (so before anything else, by any number of processes at once).
pub(crate) fn lock_table_sql(dialect: Dialect, tables: &Tables) -> String {
    let (text, ts) = match dialect {
        Dialect::Postgres => ("text", "timestamptz"),
        Dialect::MySql => ("varchar(255)", "datetime(6)"),
        Dialect::Sqlite => ("text", "text"),
    };
    format!(
        "CREATE TABLE IF NOT EXISTS {} (id integer NOT NULL PRIMARY KEY, token {text} NOT NULL, \
         host {text} NOT NULL, pid bigint NOT NULL, since {ts} NOT NULL)",
        tables.lock
    )
}

/// Create the history and audit tables unless they exist.
pub(crate) async fn ensure(conn: &mut Connection) -> Result<()> {
    let t = conn.tables();
    if conn.table_exists(&t.history).await.map_err(Error::db("looking for the history table"))? {
        let found = refuse_foreign(conn).await?;
        add_missing_columns(conn, &t, &found).await?;
    }
    ensure_tables(conn, &[&t.history, &t.audit]).await
}

/// A history table of an earlier release lacks the columns added since: they are added
/// (all nullable), under the migration lock.
async fn add_missing_columns(conn: &mut Connection, tables: &Tables, found: &[String]) -> Result<()> {
    let defs = definitions(tables);
    let Some(migrate_schema::Op::CreateTable { table }) =
        defs.ops().iter().find(|op| op.table() == Some(tables.history.as_str()))
    else {
        return Ok(());
    };
    let missing: Vec<_> = table.columns.iter().filter(|c| !found.contains(&c.name)).cloned().collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut before = table.clone();
    before.columns.retain(|c| found.contains(&c.name));
    let mut model = SchemaModel::new();
    model
        .apply(&migrate_schema::Op::CreateTable { table: before })
        .map_err(|e| Error::Config(format!("upgrading {}: {e}", tables.history)))?;
    for column in missing {
        let name = column.name.clone();
        let op = migrate_schema::Op::AddColumn { table: tables.history.clone(), column };
        let steps = migrate_schema::render(conn.dialect(), &model, &op)
            .map_err(|e| Error::Config(format!("upgrading {}: {e}", tables.history)))?;
        for step in &steps {
            conn.run_step(step).await.map_err(Error::step(format!("adding column {name} to {}", tables.history)))?;
        }
        model.apply(&op).map_err(|e| Error::Config(format!("upgrading {}: {e}", tables.history)))?;
    }
    Ok(())
}

/// Per statement (rendered step) of a migration, a short checksum of its canonical text:
/// what `recover --retry` compares, by position, with the file as it is now.
pub(crate) fn statement_checksums(statements: &[String]) -> String {
    serde_json::to_string(&statement_checksum_list(statements)).unwrap_or_default()
}

/// [`statement_checksums`] before it is written as JSON.
pub(crate) fn statement_checksum_list(statements: &[String]) -> Vec<String> {
    statements.iter().map(|s| migrate_schema::checksum_sql(s)[..16].to_owned()).collect()
}

/// Fail when the table under the history's name was made by another tool: it is named, with
/// its columns and the tool they suggest, and never written to.
async fn refuse_foreign(conn: &mut Connection) -> Result<Vec<String>> {
    let table = conn.tables().history.clone();
    let sql = match conn.dialect() {
        Dialect::Postgres => format!(
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() \
             AND table_name = '{table}' ORDER BY ordinal_position"
        ),
        Dialect::MySql => format!(
            "SELECT CAST(column_name AS char) FROM information_schema.columns WHERE table_schema = DATABASE() \
             AND table_name = '{table}' ORDER BY ordinal_position"
        ),
        Dialect::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
    };
    let found: Vec<(String,)> = conn.fetch_all(&sql).await.map_err(Error::db("reading the history table's columns"))?;
    let found: Vec<String> = found.into_iter().map(|(c,)| c.to_ascii_lowercase()).collect();
    // Our table's identifying columns (a table of an older release may lack later ones).
    if ["version", "name", "checksum", "status", "batch"].iter().all(|c| found.iter().any(|f| f == c)) {
        return Ok(found);
    }
    Err(Error::Config(format!(
        "`{table}` belongs to another tool (columns {}{}); migrate will not write to it. Set `history_table` in \
         migrate.toml (or pass --history-table) to keep migrate's history under another name, or rename that table \
         (ALTER TABLE {table} RENAME TO another_name)",
        found.join(", "),
        other_tool(&found).map(|t| format!(": {t}?")).unwrap_or_default()
    )))
}

/// The tool whose history table has these columns, as far as its layout tells.
fn other_tool(columns: &[String]) -> Option<&'static str> {
    let has = |c: &str| columns.iter().any(|x| x == c);
    match columns.len() {
        2 if has("version") && has("dirty") => Some("golang-migrate"),
        1 if has("version") => Some("Rails or dbmate"),
        2 if has("version") && has("inserted_at") => Some("Ecto"),
        _ if has("installed_rank") => Some("Flyway"),
        _ if has("version_id") && has("is_applied") => Some("goose"),
        _ => None,
    }
}

/// Create the tool's tables named in `names` unless they exist.
pub(crate) async fn ensure_tables(conn: &mut Connection, names: &[&str]) -> Result<()> {
    let dialect = conn.dialect();
    let defs = definitions(&conn.tables());
    for &name in names {
        if conn.table_exists(name).await.map_err(Error::db("looking for the history tables"))? {
            continue;
        }
        let ops: Vec<_> = defs.ops().iter().filter(|op| op.table() == Some(name)).cloned().collect();
        let plan = render_all(dialect, &SchemaModel::new(), &ops)
            .map_err(|e| Error::Config(format!("rendering {name}: {e}")))?;
        for step in &plan.steps {
            conn.run_step(step).await.map_err(Error::step(format!("creating {name}")))?;
        }
    }
    Ok(())
}

/// Every row, by version, or none when the table does not exist yet.
/// The highest version whose row says `applied`.
pub(crate) fn highest_applied(rows: &[HistoryRow]) -> Option<u64> {
    rows.iter().filter(|r| r.status == status::APPLIED).map(|r| r.version).max()
}

pub(crate) async fn rows(conn: &mut Connection) -> Result<Vec<HistoryRow>> {
    let table = conn.tables().history.clone();
    if !conn.table_exists(&table).await.map_err(Error::db("looking for the history table"))? {
        return Ok(Vec::new());
    }
    let found = refuse_foreign(conn).await?;
    let text = match conn.dialect() {
        Dialect::MySql => "char",
        Dialect::Postgres | Dialect::Sqlite => "text",
    };
    // Read-only commands read a table of an earlier release as it is.
    let optional = |column: &str| match found.iter().any(|c| c == column) {
        true => column.to_owned(),
        false => format!("CAST(NULL AS {text})"),
    };
    let (checksums, kind) = (optional("statement_checksums"), optional("kind"));
    let sql = format!(
        "SELECT id, version, name, checksum, status, execution_time, batch, CAST(applied_at AS {text}), applied_by, \
         error_message, progress, down_sql, {checksums}, {kind} FROM {table} ORDER BY version"
    );
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        i64,
        i32,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i32>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = conn.fetch_all(&sql).await.map_err(Error::db("reading the history table"))?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                version,
                name,
                checksum,
                status,
                execution_ms,
                batch,
                applied_at,
                applied_by,
                error,
                progress,
                down,
                checksums,
                kind,
            )| {
                HistoryRow {
                    id,
                    version: u64::try_from(version).unwrap_or_default(),
                    name,
                    checksum,
                    status,
                    batch: batch.into(),
                    execution_ms,
                    applied_at: applied_at.unwrap_or_default(),
                    applied_by,
                    error_message: error,
                    progress: progress.map(i64::from),
                    down_sql: down,
                    statement_checksums: checksums.and_then(|j| serde_json::from_str(&j).ok()),
                    kind,
                }
            },
        )
        .collect())
}

/// One audit entry, as read back.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditRow {
    /// When.
    pub at: String,
    /// `apply`, `rollback`, `repair`, `resolve`, `baseline`, `unlock`, `fresh`.
    pub action: String,
    /// The migration, when the action concerns one.
    pub version: Option<i64>,
    /// Its name.
    pub name: Option<String>,
    /// `ok` or `failed`.
    pub outcome: String,
    /// Details (the error, what was changed).
    pub detail: Option<String>,
    /// Who.
    pub actor: Option<String>,
    /// From which host.
    pub host: Option<String>,
    /// Which process.
    pub pid: i64,
    /// How long it took.
    pub duration_ms: i64,
}

/// Every audit entry, oldest first.
pub(crate) async fn audit_rows(conn: &mut Connection) -> Result<Vec<AuditRow>> {
    let table = conn.tables().audit.clone();
    if !conn.table_exists(&table).await.map_err(Error::db("looking for the audit table"))? {
        return Ok(Vec::new());
    }
    let text = match conn.dialect() {
        Dialect::MySql => "char",
        Dialect::Postgres | Dialect::Sqlite => "text",
    };
    let sql = format!(
        "SELECT CAST(at AS {text}), action, version, name, outcome, detail, actor, host, pid, duration_ms \
         FROM {table} ORDER BY id"
    );
    type Row = (
        Option<String>,
        String,
        Option<i64>,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        i64,
        i64,
    );
    let rows: Vec<Row> = conn.fetch_all(&sql).await.map_err(Error::db("reading the audit table"))?;
    Ok(rows
        .into_iter()
        .map(|(at, action, version, name, outcome, detail, actor, host, pid, duration_ms)| AuditRow {
            at: at.unwrap_or_default(),
            action,
            version,
            name,
            outcome,
            detail,
            actor,
            host,
            pid,
            duration_ms,
        })
        .collect())
}

pub(crate) fn build(dialect: Dialect, stmt: &impl QueryStatementWriter) -> Statement {
    let (sql, values) = match dialect {
        Dialect::Postgres => stmt.build(sea_query::PostgresQueryBuilder),
        Dialect::MySql => stmt.build(sea_query::MysqlQueryBuilder),
        Dialect::Sqlite => stmt.build(sea_query::SqliteQueryBuilder),
    };
    Statement { sql, values }
}

fn int(v: u64) -> SimpleExpr {
    Expr::val(i64::try_from(v).unwrap_or(i64::MAX))
}

/// The row a migration leaves: applied, failed or pending.
pub(crate) struct NewRow<'a> {
    pub(crate) version: u64,
    pub(crate) name: &'a str,
    pub(crate) checksum: &'a str,
    pub(crate) status: &'static str,
    pub(crate) execution_ms: i64,
    pub(crate) batch: i64,
    pub(crate) error_message: Option<String>,
    pub(crate) progress: Option<i64>,
    pub(crate) down_sql: Option<String>,
    /// [`statement_checksums`] of a migration run outside a transaction.
    pub(crate) statement_checksums: Option<String>,
    /// `rust` or `sql`.
    pub(crate) kind: &'static str,
}

/// One audit entry to write.
pub(crate) struct Audit<'a> {
    pub(crate) action: &'static str,
    pub(crate) version: Option<u64>,
    pub(crate) name: Option<&'a str>,
    pub(crate) outcome: &'static str,
    pub(crate) detail: Option<String>,
    pub(crate) duration_ms: i64,
}

/// Rows per multi-row `INSERT`: at most 900 bound values, under every database's limit.
pub(crate) const ROWS_PER_INSERT: usize = 90;

/// The statements writing history and audit rows, for one dialect and one set of table
/// names (a connection's: [`Sql::of`]).
pub(crate) struct Sql {
    pub(crate) dialect: Dialect,
    pub(crate) tables: std::sync::Arc<Tables>,
}

impl Sql {
    /// The statements for `conn`'s dialect and table names.
    pub(crate) fn of(conn: &Connection) -> Sql {
        Sql { dialect: conn.dialect(), tables: conn.tables() }
    }

    /// `DELETE` of the row of `version` (before a new row for it).
    pub(crate) fn delete(&self, version: u64) -> Statement {
        let stmt = Query::delete()
            .from_table(self.tables.at(&self.tables.history))
            .and_where(Expr::col(Alias::new("version")).eq(int(version)))
            .to_owned();
        build(self.dialect, &stmt)
    }

    /// The `INSERT` of `row`, with its values bound.
    pub(crate) fn insert(&self, row: &NewRow<'_>) -> Statement {
        self.insert_rows(std::slice::from_ref(row))
    }

    /// One `INSERT` of several history rows (at most [`ROWS_PER_INSERT`]).
    pub(crate) fn insert_rows(&self, rows: &[NewRow<'_>]) -> Statement {
        build(self.dialect, &self.rows_insert(rows))
    }

    /// PostgreSQL: a history row and its audit entry in one statement (the audit insert
    /// as a data-modifying CTE), one round trip instead of two.
    pub(crate) fn insert_with_audit(&self, row: &NewRow<'_>, entry: &Audit<'_>) -> Statement {
        let cte = CommonTableExpression::new()
            .query(self.entries_insert(std::slice::from_ref(entry)))
            .table_name(Alias::new("audit_entry"))
            .to_owned();
        let stmt = self.rows_insert(std::slice::from_ref(row)).with(WithClause::new().cte(cte).to_owned());
        build(Dialect::Postgres, &stmt)
    }

    fn rows_insert(&self, rows: &[NewRow<'_>]) -> InsertStatement {
        self.rows_insert_as(rows, None)
    }

    /// [`Sql::rows_insert`], with `adopted` naming who applied them (instead of this
    /// process's user) and when, if known (instead of now).
    fn rows_insert_as(&self, rows: &[NewRow<'_>], adopted: Option<(&str, Option<SimpleExpr>)>) -> InsertStatement {
        let (by, at) = match adopted {
            Some((by, at)) => (by.to_owned(), at),
            None => (actor().to_owned(), None),
        };
        let mut columns = vec![
            "version",
            "name",
            "checksum",
            "applied_by",
            "execution_time",
            "status",
            "batch",
            "error_message",
            "progress",
            "down_sql",
            "statement_checksums",
            "kind",
        ];
        if at.is_some() {
            columns.push("applied_at");
        }
        let mut stmt = Query::insert();
        stmt.into_table(self.tables.at(&self.tables.history)).columns(columns.into_iter().map(Alias::new));
        for row in rows {
            let mut values: Vec<SimpleExpr> = vec![
                int(row.version),
                row.name.into(),
                row.checksum.into(),
                by.clone().into(),
                row.execution_ms.into(),
                row.status.into(),
                row.batch.into(),
                row.error_message.clone().into(),
                row.progress.into(),
                row.down_sql.clone().into(),
                row.statement_checksums.clone().into(),
                row.kind.into(),
            ];
            values.extend(at.clone());
            stmt.values_panic(values);
        }
        stmt
    }

    /// The `INSERT` of a row adopted from another tool's history: who applied it and,
    /// where that tool kept it, when (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub(crate) fn insert_adopted(&self, row: &NewRow<'_>, applied_at: Option<&str>, applied_by: &str) -> Statement {
        let at = applied_at.map(|at| match self.dialect.capabilities().bound_values_need_cast {
            true => Expr::val(format!("{at}+00")).cast_as(Alias::new("timestamptz")),
            false => Expr::val(at.to_owned()),
        });
        build(self.dialect, &self.rows_insert_as(std::slice::from_ref(row), Some((applied_by, at))))
    }

    /// `UPDATE` of the row of `version`: new status and the given columns.
    pub(crate) fn update(&self, version: u64, values: Vec<(&'static str, SimpleExpr)>) -> Statement {
        let mut stmt = Query::update();
        stmt.table(self.tables.at(&self.tables.history)).and_where(Expr::col(Alias::new("version")).eq(int(version)));
        for (column, value) in values {
            stmt.value(Alias::new(column), value);
        }
        build(self.dialect, &stmt)
    }

    /// The `INSERT` of an audit entry.
    pub(crate) fn audit(&self, entry: &Audit<'_>) -> Statement {
        self.audit_rows(std::slice::from_ref(entry))
    }

    /// One `INSERT` of several audit entries (at most [`ROWS_PER_INSERT`]).
    pub(crate) fn audit_rows(&self, entries: &[Audit<'_>]) -> Statement {
        build(self.dialect, &self.entries_insert(entries))
    }

    fn entries_insert(&self, entries: &[Audit<'_>]) -> InsertStatement {
        let mut stmt = Query::insert();
        stmt.into_table(self.tables.at(&self.tables.audit)).columns(
            ["action", "version", "name", "outcome", "detail", "actor", "host", "pid", "duration_ms"].map(Alias::new),
        );
        for entry in entries {
            stmt.values_panic([
                entry.action.into(),
                entry.version.map(|v| i64::try_from(v).unwrap_or(i64::MAX)).into(),
                entry.name.map(str::to_owned).into(),
                entry.outcome.into(),
                entry.detail.clone().into(),
                actor().into(),
                host().into(),
                i64::from(std::process::id()).into(),
                entry.duration_ms.into(),
            ]);
        }
        stmt
    }
}
