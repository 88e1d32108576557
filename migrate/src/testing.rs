//! Testing with real databases: a fresh database per test with the migrations applied
//! (what [`#[migrate::test]`](crate::test) gives), and a check that every migration goes
//! up, down and up again leaving the same schema.
//!
//! SQLite tests get a temporary file. PostgreSQL and MySQL tests get a new database on the
//! server of `MIGRATE_TEST_POSTGRES_URL` / `MIGRATE_TEST_MYSQL_URL` (else `DATABASE_URL`
//! when it is of that kind), dropped afterwards, also when the test panics. Without a URL
//! the test prints that it was skipped and passes, except under `CI=true`, where it fails.

use crate::driver::{Connection, Database};
use crate::engine::{DownTarget, Migrator, UpTarget};
use crate::error::{Error, Result};
use crate::scratch::Scratch;
use migrate_schema::Dialect;
use std::future::Future;

/// A database of its own for one test, dropped when this value is dropped (also while a
/// panic unwinds) or by [`TestDatabase::drop_now`].
pub struct TestDatabase {
    /// Its URL.
    pub url: String,
    scratch: Option<Scratch>,
}

impl TestDatabase {
    /// A new, empty database of `dialect`; `None` when the server's URL is not set (the
    /// test is skipped, which is a failure under `CI=true`).
    pub async fn create(dialect: Dialect) -> Result<Option<TestDatabase>> {
        let Some(server) = server_url(dialect)? else { return Ok(None) };
        let scratch = Scratch::create_as(&server, "migrate_test").await?;
        Ok(Some(TestDatabase { url: scratch.url.clone(), scratch: Some(scratch) }))
    }

    /// Drop the database now (close every connection to it first, or PostgreSQL ends them).
    pub async fn drop_now(mut self) {
        if let Some(scratch) = self.scratch.take() {
            scratch.drop().await;
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(scratch) = self.scratch.take() else { return };
        // No async here, and maybe no runtime (a panic unwinding out of one): a thread of
        // its own drops the database.
        let _ = std::thread::spawn(move || {
            if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                rt.block_on(scratch.drop());
            }
        })
        .join();
    }
}

/// The server URL tests of `dialect` use, `sqlite://` for SQLite; `None` to skip.
fn server_url(dialect: Dialect) -> Result<Option<String>> {
    let own = match dialect {
        Dialect::Sqlite => return Ok(Some("sqlite://".to_owned())),
        Dialect::Postgres => "MIGRATE_TEST_POSTGRES_URL",
        Dialect::MySql => "MIGRATE_TEST_MYSQL_URL",
    };
    let found = std::env::var(own)
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| std::env::var("DATABASE_URL").ok().filter(|u| Dialect::from_url(u) == Some(dialect)));
    match found {
        Some(url) => Ok(Some(url)),
        None if std::env::var("CI").as_deref() == Ok("true") => {
            Err(Error::Config(format!("{own} is not set: under CI=true a {dialect} test never skips")))
        }
        None => {
            eprintln!("skipped: {own} (or DATABASE_URL) is not set");
            Ok(None)
        }
    }
}

impl Migrator {
    /// Check that every migration goes up, down and up again leaving the same schema
    /// (compared through introspection) on the empty database `db`, one migration at a
    /// time. The error names the first migration whose down does not undo its up, or whose
    /// second up differs from the first, with the differences.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> migrate::Result<()> {
    /// let files = [(
    ///     "migrations/V901_20250114200000_notes.sql",
    ///     "-- === UP Migration ===\nCREATE TABLE notes (id integer PRIMARY KEY);\n\
    ///      -- === DOWN Migration ===\nDROP TABLE notes;\n",
    /// )];
    /// let sql = migrate::sql::parse_embedded(&files).map_err(|e| migrate::Error::custom(e.to_string()))?;
    /// let db = migrate::testing::TestDatabase::create(migrate::schema::Dialect::Sqlite).await?.unwrap();
    /// migrate::Migrator::new(&[], sql)?.check_reversible(db.url.as_str()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn check_reversible(&self, db: impl Database) -> Result<()> {
        let mut conn = db.connection().await?;
        let result = self.reversible_on(&mut conn).await;
        match &result {
            Ok(()) => {
                let _ = conn.close().await;
            }
            Err(_) => conn.discard().await,
        }
        result
    }

    async fn reversible_on(&self, conn: &mut Connection) -> Result<()> {
        let dialect = conn.dialect();
        let versions: Vec<(u64, String)> = self
            .for_dialect(dialect)
            .map(|m| (m.version, format!("V{} {} ({})", m.version, m.name, m.origin)))
            .collect();
        for (version, label) in versions {
            let before = conn.introspect().await?;
            self.up(conn, UpTarget { to: Some(version), step: None }).await?;
            let after = conn.introspect().await?;
            self.down(conn, DownTarget::Step(1)).await?;
            let undone = conn.introspect().await?;
            differences(dialect, &before, &undone)
                .map_err(|d| Error::Custom(format!("{label}: its down does not undo its up: {d}")))?;
            self.up(conn, UpTarget { to: Some(version), step: None }).await?;
            let again = conn.introspect().await?;
            differences(dialect, &after, &again)
                .map_err(|d| Error::Custom(format!("{label}: up after down gives another schema: {d}")))?;
        }
        Ok(())
    }
}

/// One line in a test: every migration (the Rust ones linked in and `files`, from
/// [`embed_sql!`](crate::embed_sql)) goes up, down and up again leaving the same schema,
/// on a fresh database of `dialect`; panics with the migration and the differences
/// otherwise. Skipped like any test here when the database's URL is not set.
///
/// ```no_run
/// # let files: &[(&str, &str)] = &[];
/// // In a crate with a `migrations/` directory: `let files = migrate::embed_sql!("migrations");`
/// migrate::testing::assert_reversible(migrate::schema::Dialect::Sqlite, files);
/// ```
#[allow(clippy::expect_used, clippy::panic)]
pub fn assert_reversible(dialect: Dialect, files: &[(&str, &str)]) {
    runtime().block_on(async {
        let Some(db) = TestDatabase::create(dialect).await.expect("a database for the test") else { return };
        let checked = match Migrator::embedded(files) {
            Ok(m) => m.check_reversible(db.url.as_str()).await,
            Err(e) => Err(e),
        };
        db.drop_now().await;
        if let Err(e) = checked {
            panic!("{dialect}: {e}");
        }
    });
}

fn differences(
    dialect: Dialect,
    expected: &migrate_schema::SchemaModel,
    found: &migrate_schema::SchemaModel,
) -> std::result::Result<(), String> {
    let diff =
        migrate_schema::normalize::diff_in(dialect, expected, found, &Default::default()).map_err(|e| e.to_string())?;
    if diff.changes.is_empty() {
        return Ok(());
    }
    Err(diff.changes.iter().map(|c| format!("{} {}", c.object, c.detail)).collect::<Vec<_>>().join("; "))
}

/// A pool `#[migrate::test]` can hand to a test.
pub trait TestPool: Sized + Clone {
    /// The database it is for.
    const DIALECT: Dialect;
    /// A pool on `url`.
    fn open(url: &str) -> impl Future<Output = Result<Self>>;
    /// Close it.
    fn shut(self) -> impl Future<Output = ()>;
    /// Apply `migrator`'s migrations through it.
    fn apply(&self, migrator: &Migrator) -> impl Future<Output = Result<crate::Report>>;
    /// Run `migrator`'s seeds through it.
    fn seed(
        &self,
        migrator: &Migrator,
        options: &crate::seed::SeedOptions,
    ) -> impl Future<Output = Result<crate::seed::SeedReport>>;
}

#[allow(unused_macros)]
macro_rules! test_pool {
    ($pool:ty, $dialect:expr) => {
        impl TestPool for $pool {
            const DIALECT: Dialect = $dialect;
            async fn open(url: &str) -> Result<Self> {
                <$pool>::connect(url).await.map_err(Error::db(format!("opening a pool on {url}")))
            }
            async fn shut(self) {
                self.close().await
            }
            async fn apply(&self, migrator: &Migrator) -> Result<crate::Report> {
                migrator.run(self).await
            }
            async fn seed(
                &self,
                migrator: &Migrator,
                options: &crate::seed::SeedOptions,
            ) -> Result<crate::seed::SeedReport> {
                migrator.seed(self, options).await
            }
        }
    };
}
#[cfg(feature = "postgres")]
test_pool!(sqlx::PgPool, Dialect::Postgres);
#[cfg(feature = "mysql")]
test_pool!(sqlx::MySqlPool, Dialect::MySql);

#[cfg(feature = "sqlite")]
impl TestPool for sqlx::SqlitePool {
    const DIALECT: Dialect = Dialect::Sqlite;
    async fn open(url: &str) -> Result<Self> {
        let options = <sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(url)
            .map_err(Error::db(format!("opening {url}")))?
            .create_if_missing(true)
            .foreign_keys(true);
        sqlx::SqlitePool::connect_with(options).await.map_err(Error::db(format!("opening a pool on {url}")))
    }
    async fn shut(self) {
        self.close().await
    }
    async fn apply(&self, migrator: &Migrator) -> Result<crate::Report> {
        migrator.run(self).await
    }
    async fn seed(&self, migrator: &Migrator, options: &crate::seed::SeedOptions) -> Result<crate::seed::SeedReport> {
        migrator.seed(self, options).await
    }
}

/// What a test function may return: nothing, or a `Result` whose error fails the test.
pub trait TestResult {
    /// Panic on an error.
    fn check(self);
}

impl TestResult for () {
    fn check(self) {}
}

impl<E: std::fmt::Debug> TestResult for std::result::Result<(), E> {
    #[allow(clippy::panic)]
    fn check(self) {
        if let Err(e) = self {
            panic!("the test returned an error: {e:?}");
        }
    }
}

/// A single-threaded tokio runtime, for a test that needs one outside `#[migrate::test]`.
#[allow(clippy::expect_used)]
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

/// What `#[migrate::test]` passes on: the SQL files to embed, where to stop, the seeds.
pub struct Spec {
    /// The SQL files (`embed_sql!`), empty without a directory.
    pub files: &'static [(&'static str, &'static str)],
    /// Apply up to this version.
    pub to: Option<u64>,
    /// Run these seeds after the migrations (whatever environments they name).
    pub seeds: &'static [&'static str],
    /// The crate's seed files (`seeds/` beside its `Cargo.toml`).
    pub seeds_dir: Option<&'static str>,
}

/// What a `#[migrate::test]` function does: a fresh database with the migrations applied,
/// the test run on a pool of it, the database dropped whatever happens.
#[allow(clippy::expect_used)]
pub fn run<P, F, Fut, R>(spec: Spec, test: F)
where
    P: TestPool,
    F: FnOnce(P) -> Fut,
    Fut: Future<Output = R>,
    R: TestResult,
{
    let rt = runtime();
    let db = rt.block_on(TestDatabase::create(P::DIALECT)).expect("a database for the test");
    let Some(db) = db else { return };
    let pool = rt
        .block_on(async {
            let pool = P::open(&db.url).await?;
            let mut migrator = Migrator::embedded(spec.files)?;
            if let Some(dir) = spec.seeds_dir.filter(|_| !spec.seeds.is_empty()) {
                let files = crate::seed::load_dir(std::path::Path::new(dir)).map_err(|e| Error::File(Box::new(e)))?;
                migrator = migrator.with_seeds(files);
            }
            migrator.options.to = spec.to;
            pool.apply(&migrator).await?;
            if !spec.seeds.is_empty() {
                let only = spec.seeds.iter().map(|s| (*s).to_owned()).collect();
                let options =
                    crate::seed::SeedOptions { env: "test".to_owned(), only, any_env: true, ..Default::default() };
                pool.seed(&migrator, &options).await?;
            }
            Ok::<_, Error>(pool)
        })
        .expect("the migrations (and seeds) apply to the test's database");
    // A panicking test still closes its pool before its database is dropped (MySQL waits
    // for open connections' locks), then fails as it would have.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rt.block_on(test(pool.clone()))));
    rt.block_on(pool.shut());
    rt.block_on(db.drop_now());
    match outcome {
        Ok(result) => result.check(),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}
