//! The example blog application: its migrations live in `migrations/` (SQL) and
//! `src/migrations/` (Rust), its seeds in `src/seeds.rs` (roles, Rust) and `seeds/dev/`
//! (demo posts, JSON); `src/schema.rs` is the typed schema they produce, written by
//! `cargo run --bin migrate -- schema --rust`, which its queries use: a migration that drops
//! a column they select stops them compiling once the module is regenerated.

pub mod migrations;
pub mod seeds;
// Generated: compared as text by `migrate schema --rust --check`, so rustfmt leaves it alone.
#[rustfmt::skip]
pub mod schema;

use migrate::schema::sea_query::{Expr, ExprTrait, Order, Query, SqliteQueryBuilder};
use migrate::sqlx::{self, SqlitePool};
use schema::{Users, UsersRow};

/// Active users, by email, each with the name the blog shows.
pub async fn active_users(pool: &SqlitePool) -> Result<Vec<UsersRow>, sqlx::Error> {
    let sql = Query::select()
        .columns([Users::Id, Users::Email, Users::DisplayName, Users::Active, Users::CreatedAt])
        .from(Users::Table)
        .and_where(Expr::col(Users::Active).eq(true))
        .order_by(Users::Email, Order::Asc)
        .to_string(SqliteQueryBuilder);
    sqlx::query_as::<_, UsersRow>(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
}

/// Start-up: the blog's migrations, Rust and SQL, applied to `pool` by whichever instance
/// gets there first, each one logged as it is applied.
pub async fn migrate(pool: &SqlitePool) -> migrate::Result<migrate::Report> {
    migrate::Migrator::embedded(migrate::embed_sql!("migrations"))?
        .on_event(|event: &migrate::Event<'_>| {
            if let migrate::Event::MigrationDone { version, name, execution_ms, .. } = event {
                eprintln!("blog: migration V{version} {name} applied in {execution_ms} ms");
            }
            Ok(())
        })
        .run(pool)
        .await
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    //! The blog's migrations under test: `#[migrate::test]` gives each test a database of
    //! its own with every migration applied; `assert_reversible` checks each one's down.

    use migrate::schema::Dialect;
    use migrate::sqlx::{self, MySqlPool, PgPool, SqlitePool};
    use std::sync::{Arc, Mutex};

    async fn tables(pool: &SqlitePool) -> Vec<String> {
        let sql = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                   AND name NOT LIKE 'schema_migrations%' ORDER BY name";
        sqlx::query_scalar(sql).fetch_all(pool).await.unwrap()
    }

    #[migrate::test]
    async fn every_migration_is_applied(pool: SqlitePool) {
        assert_eq!(tables(&pool).await, ["post_tags", "posts", "roles", "tags", "users"]);
        let tags: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tags").fetch_one(&pool).await.unwrap();
        assert_eq!(tags, 2, "V004's rows are there");
    }

    #[migrate::test(seeds = ["roles", "demo_posts"])]
    async fn seeds_give_roles_and_demo_posts(pool: SqlitePool) {
        let roles: Vec<String> =
            sqlx::query_scalar("SELECT name FROM roles ORDER BY level DESC").fetch_all(&pool).await.unwrap();
        assert_eq!(roles, ["admin", "editor", "reader"]);
        let titles: Vec<String> =
            sqlx::query_scalar("SELECT title FROM posts ORDER BY id").fetch_all(&pool).await.unwrap();
        assert_eq!(titles, ["Hello from Ann", "Bob's first post"]);
    }

    #[migrate::test(seeds = ["roles"])]
    async fn roles_are_seeded_on_postgres(pool: PgPool) {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roles").fetch_one(&pool).await.unwrap();
        assert_eq!(n, 3);
    }

    #[migrate::test(seeds = ["roles"])]
    async fn roles_are_seeded_on_mysql(pool: MySqlPool) {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM roles").fetch_one(&pool).await.unwrap();
        assert_eq!(n, 3);
    }

    #[migrate::test]
    async fn queries_use_the_typed_schema(pool: SqlitePool) {
        let insert = "INSERT INTO users (email, display_name, active) VALUES ('b@x', NULL, 1), ('a@x', 'Ann', 1), ('c@x', 'C', 0)";
        sqlx::query(insert).execute(&pool).await.unwrap();
        let users = super::active_users(&pool).await.unwrap();
        let shown: Vec<(&str, Option<&str>)> =
            users.iter().map(|u| (u.email.as_str(), u.display_name.as_deref())).collect();
        assert_eq!(shown, [("a@x", Some("Ann")), ("b@x", None)]);
    }

    #[migrate::test(to = 1)]
    async fn start_up_applies_what_is_pending(pool: SqlitePool) {
        let report = super::migrate(&pool).await.unwrap();
        let applied: Vec<u64> = report.applied.iter().map(|m| m.version).collect();
        assert_eq!((report.skipped, applied), (vec![1], vec![2, 3, 4, 5, 6]));
        assert!(super::migrate(&pool).await.unwrap().applied.is_empty(), "a restart has nothing to do");
    }

    #[test]
    fn the_schema_module_is_up_to_date() {
        let migrator = migrate::Migrator::embedded(migrate::embed_sql!("migrations")).unwrap();
        let (code, _) = migrator.schema_module(Dialect::Sqlite).unwrap();
        assert_eq!(code, include_str!("schema.rs"), "run `cargo run --bin migrate -- schema --rust`");
    }

    #[migrate::test(to = 2)]
    async fn to_stops_at_a_version(pool: SqlitePool) -> Result<(), sqlx::Error> {
        assert_eq!(tables(&pool).await, ["posts", "users"]);
        Ok(())
    }

    const INSERT: &str = "INSERT INTO users (email) VALUES ('same@example.com')";
    const COUNT: &str = "SELECT COUNT(*) FROM users";

    // Two tests writing the same row at the same time: each has its own database, so
    // neither sees the other's row nor trips on its unique email.
    macro_rules! writing_the_same_row {
        ($($name:ident: $pool:ty),* $(,)?) => {$(
            #[migrate::test]
            async fn $name(pool: $pool) {
                sqlx::query(INSERT).execute(&pool).await.unwrap();
                std::thread::sleep(std::time::Duration::from_millis(100));
                assert_eq!(sqlx::query_scalar::<_, i64>(COUNT).fetch_one(&pool).await.unwrap(), 1);
            }
        )*};
    }

    writing_the_same_row!(
        isolated_sqlite_a: SqlitePool,
        isolated_sqlite_b: SqlitePool,
        isolated_postgres_a: PgPool,
        isolated_postgres_b: PgPool,
        isolated_mysql_a: MySqlPool,
        isolated_mysql_b: MySqlPool,
    );

    // Attributes go to the generated #[test]; a body may end in a panic.
    #[migrate::test]
    #[should_panic(expected = "the body panics")]
    async fn should_panic_still_applies(pool: SqlitePool) {
        drop(pool);
        panic!("the body panics");
    }

    /// The database a `#[migrate::test]` body got, which then panicked; `None` when the
    /// database is not configured here.
    fn database_of_a_panicking_test<P, F, Fut>(name_of: F) -> Option<String>
    where
        P: migrate::testing::TestPool,
        F: FnOnce(P) -> Fut,
        Fut: std::future::Future<Output = String>,
    {
        let seen: Arc<Mutex<Option<String>>> = Arc::default();
        let record = Arc::clone(&seen);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
            let spec = migrate::testing::Spec {
                files: migrate::embed_sql!("migrations"),
                to: None,
                seeds: &[],
                seeds_dir: None,
            };
            migrate::testing::run(spec, |pool: P| async move {
                *record.lock().unwrap() = Some(name_of(pool).await);
                let fails: fn() = || panic!("the test fails");
                fails();
            });
        }));
        let name = seen.lock().unwrap().clone()?;
        assert!(outcome.is_err());
        Some(name)
    }

    /// A test that panics still has its database dropped.
    #[test]
    fn the_database_is_dropped_after_a_panic() {
        let file = database_of_a_panicking_test(|pool: SqlitePool| async move {
            pool.connect_options().get_filename().display().to_string()
        });
        let file = file.unwrap();
        assert!(!std::path::Path::new(&file).exists(), "{file} was removed");

        let rt = migrate::testing::runtime();
        let name = database_of_a_panicking_test(|pool: PgPool| async move {
            sqlx::query_scalar("SELECT current_database()::text").fetch_one(&pool).await.unwrap()
        });
        if let Some(name) = name {
            let left: i64 = rt.block_on(async {
                let pool = PgPool::connect(&std::env::var("MIGRATE_TEST_POSTGRES_URL").unwrap()).await.unwrap();
                let sql = "SELECT COUNT(*) FROM pg_database WHERE datname = $1";
                sqlx::query_scalar(sql).bind(&name).fetch_one(&pool).await.unwrap()
            });
            assert_eq!(left, 0, "{name} was dropped");
        }

        let name = database_of_a_panicking_test(|pool: MySqlPool| async move {
            sqlx::query_scalar("SELECT CAST(DATABASE() AS char)").fetch_one(&pool).await.unwrap()
        });
        if let Some(name) = name {
            let left: i64 = rt.block_on(async {
                let pool = MySqlPool::connect(&std::env::var("MIGRATE_TEST_MYSQL_URL").unwrap()).await.unwrap();
                let sql = "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?";
                sqlx::query_scalar(sql).bind(&name).fetch_one(&pool).await.unwrap()
            });
            assert_eq!(left, 0, "{name} was dropped");
        }
    }

    #[test]
    fn every_migration_goes_down_and_up_again() {
        for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::MySql] {
            migrate::testing::assert_reversible(dialect, migrate::embed_sql!("migrations"));
        }
    }
}
