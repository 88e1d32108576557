//! The schema the migrations describe. Where every migration up to the target is made of
//! operations, it is replayed on the model, no database needed. Where some are SQL (files,
//! raw SQL operations, async Rust code), they are applied to a scratch database created
//! next to the real one (a temporary file for SQLite) and that database is introspected,
//! then dropped.

use super::{Migrator, Source, UpTarget};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::registry::MigrationFn;
use crate::scratch::Scratch;
use migrate_schema::{Dialect, Op, SchemaModel};

/// The model the migrations replay into, and the migrations it could not see into.
#[derive(Debug, Clone)]
pub struct Replayed {
    /// The schema after the replayed operations.
    pub model: SchemaModel,
    /// Migrations whose effect on the schema is not known without running them
    /// (`V003 name`), in order.
    pub opaque: Vec<String>,
}

/// How the expected schema was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Replayed on the model.
    Replayed,
    /// Applied to a scratch database and introspected.
    ScratchDatabase,
}

impl Migrator {
    /// Replay the migrations for `dialect` up to `to` (all when `None`) on the model.
    ///
    /// ```
    /// use migrate::Migrator;
    /// use migrate::schema::Dialect;
    ///
    /// let replayed = Migrator::new(&[], Vec::new()).unwrap().replay(Dialect::Sqlite, None).unwrap();
    /// assert!(replayed.model.tables.is_empty() && replayed.opaque.is_empty());
    /// ```
    pub fn replay(&self, dialect: Dialect, to: Option<u64>) -> Result<Replayed> {
        let mut replayed = Replayed { model: SchemaModel::new(), opaque: Vec::new() };
        for m in self.for_dialect(dialect).take_while(|m| to.is_none_or(|t| m.version <= t)) {
            let label = format!("V{:03} {}", m.version, m.name);
            match &m.source {
                Source::Sql(_) => replayed.opaque.push(label),
                Source::Rust(r) => match r.up {
                    MigrationFn::Async(_) => replayed.opaque.push(label),
                    MigrationFn::Schema(_) => {
                        let ops = r.ops();
                        if ops.iter().any(|op| matches!(op, Op::Sql { .. })) {
                            replayed.opaque.push(label);
                        }
                        for op in &ops {
                            replayed.model.apply_for(dialect, op).map_err(|source| Error::Schema {
                                version: m.version,
                                name: m.name.clone(),
                                location: m.origin.clone(),
                                source: Box::new(source),
                            })?;
                        }
                    }
                },
            }
        }
        Ok(replayed)
    }

    /// The schema every migration for `dialect` describes, no database needed: Rust
    /// migrations through their operations, SQL files (and raw SQL) through their statements
    /// parsed in the dialect. What cannot be followed (async code, statements the parser does
    /// not map to operations) is listed in `opaque`.
    pub fn follow(&self, dialect: Dialect) -> Result<Replayed> {
        let mut replayed = Replayed { model: SchemaModel::new(), opaque: Vec::new() };
        for m in self.for_dialect(dialect) {
            let label = format!("V{:03} {}", m.version, m.name);
            let mut statements: Vec<(String, String)> = Vec::new();
            match &m.source {
                Source::Sql(f) => {
                    let parsed = f.up_statements(dialect).map_err(|e| Error::File(Box::new(e)))?;
                    statements.extend(parsed.into_iter().map(|s| (format!("{}:{}", f.path.display(), s.line), s.sql)));
                }
                Source::Rust(r) => match r.up {
                    MigrationFn::Async(_) => replayed.opaque.push(format!("{label}: async Rust code")),
                    MigrationFn::Schema(_) => {
                        for op in r.ops() {
                            if let Op::Sql { up, .. } = &op
                                && let Some(sql) = up.for_dialect(dialect)
                            {
                                for s in crate::sql::split(sql, dialect).unwrap_or_default() {
                                    statements.push((m.origin.clone(), s.sql));
                                }
                            }
                            replayed.model.apply_for(dialect, &op).map_err(|source| Error::Schema {
                                version: m.version,
                                name: m.name.clone(),
                                location: m.origin.clone(),
                                source: Box::new(source),
                            })?;
                        }
                    }
                },
            }
            for (at, sql) in statements {
                match crate::sql::meaning(dialect, &sql, &replayed.model) {
                    crate::sql::Meaning::Ops { ops, .. } => {
                        for op in ops {
                            if let Err(e) = replayed.model.apply_for(dialect, &op) {
                                replayed.opaque.push(format!("{label} ({at}): {e}"));
                            }
                        }
                    }
                    crate::sql::Meaning::Unchecked(reason) => replayed.opaque.push(format!("{label} ({at}): {reason}")),
                    _ => {}
                }
            }
        }
        Ok(replayed)
    }

    /// The typed schema module of the migrations for `dialect` (what `migrate schema --rust`
    /// writes): [`Migrator::follow`] written as Rust by
    /// [`schema_module`](migrate_schema::codegen::schema_module).
    pub fn schema_module(&self, dialect: Dialect) -> Result<(String, Replayed)> {
        let followed = self.follow(dialect)?;
        let source = format!("the migrations ({})", dialect.name());
        Ok((migrate_schema::codegen::schema_module(&followed.model, dialect, &source, &followed.opaque), followed))
    }

    /// The schema the migrations up to `to` produce on the database of `url`: replayed
    /// when that is exact, otherwise applied to a scratch database beside it.
    pub async fn expected_schema(&self, url: &str, to: Option<u64>) -> Result<(SchemaModel, Method)> {
        let dialect =
            Dialect::from_url(url).ok_or_else(|| Error::Config(format!("unsupported database URL: {url}")))?;
        let through = self.through(to);
        let replayed = through.replay(dialect, None)?;
        if replayed.opaque.is_empty() {
            return Ok((replayed.model, Method::Replayed));
        }
        let scratch = Scratch::create(url).await?;
        let result = through.apply_and_read(&scratch.url, None).await;
        scratch.drop().await;
        Ok((result?, Method::ScratchDatabase))
    }

    /// The migrations up to `to` in version order (all when `None`), whatever the graph:
    /// what a database that applied them has. A squash above `to` is left out, so the
    /// originals it replaces count again.
    pub(crate) fn through(&self, to: Option<u64>) -> Migrator {
        let mut through = self.clone();
        if let Some(to) = to {
            through.migrations.retain(|m| m.version <= to);
        }
        through
    }

    async fn apply_and_read(&self, url: &str, to: Option<u64>) -> Result<SchemaModel> {
        let mut conn = Connection::connect(url).await?;
        let applied = self.up(&mut conn, UpTarget { to, step: None }).await;
        let model = match applied {
            Ok(_) => conn.introspect().await,
            Err(e) => Err(e.within("applying the migrations to a scratch database")),
        };
        let _ = conn.close().await;
        model
    }
}

/// Where the database differs from what its applied migrations describe.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Drift {
    /// How the expected schema was obtained.
    pub method: Method,
    /// The differences, from the migrations' schema to the database's.
    pub changes: Vec<migrate_schema::Change>,
}

impl Migrator {
    /// Compare the database behind `conn` (reachable at `url`, for a scratch database
    /// beside it) with the schema its applied migrations describe. Empty `changes`: no
    /// drift.
    pub async fn drift(&self, conn: &mut Connection, url: &str) -> Result<Drift> {
        self.bind(conn);
        let applied = crate::history::highest_applied(&crate::history::rows(conn).await?);
        let (expected, method) = self.expected_schema(url, Some(applied.unwrap_or(0))).await?;
        let actual = conn.introspect().await?;
        let diff = migrate_schema::normalize::diff_in(conn.dialect(), &expected, &actual, &Default::default())
            .map_err(|e| Error::Custom(format!("comparing the database with its migrations: {e}")))?;
        Ok(Drift { method, changes: diff.changes })
    }
}
