//! Getting back what went wrong: rows of dropped tables and columns put back by `down`,
//! migrations that stopped half-way outside a transaction recovered by retry, rollback or
//! skip, and history repairs.

use crate::db::{TestDb, catalog, strings};
use crate::engine::{Dir, migrator};
use migrate::prelude::*;
use migrate::{Connection, DownTarget, Effect, RecoverAction, Resolution, RustMigration, UpTarget, backup};

on_every_database!(
    down_puts_back_the_rows_of_dropped_tables_and_columns,
    a_migration_stopped_half_way_is_rolled_back_to_where_it_started,
    a_migration_stopped_half_way_is_retried_or_skipped,
    repair_sets_the_history_right_against_the_migrations_and_the_schema,
    a_migration_fixed_after_it_failed_half_way_is_retried_as_now_written,
    a_history_table_of_an_earlier_release_gains_the_new_columns,
);

/// The case of the issue: a SQL file fails half-way where DDL commits as it goes; the
/// user fixes the broken statement and runs `recover V --retry`. The statements that took
/// effect are recognised by position and checksum, the rest run as now written, the
/// checksum is updated and audited, and the database ends as the native client leaves the
/// fixed file.
async fn a_migration_fixed_after_it_failed_half_way_is_retried_as_now_written(dialect: Dialect) {
    let broken = "-- migrate:no-transaction\nCREATE TABLE a (id integer);\nCREATE TABLE b (id integer);\n\
                  CREAT TABLE c (id integer);\nCREATE TABLE d (id integer);";
    let fixed = broken.replace("CREAT TABLE", "CREATE TABLE");
    let Some(mut both) = crate::native::SideBySide::new(dialect, &[(&fixed, None)]).await else { return };
    let file = both.dir.path().join("V001_20250114200000_step_1.sql");
    let written = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, written.replace("CREATE TABLE c", "CREAT TABLE c")).unwrap();
    let conn = &mut both.ours.conn;
    let m = migrator(&both.dir, &[]);
    m.up(conn, UpTarget::default()).await.unwrap_err();
    let (rows, _) = m.history(conn).await.unwrap();
    assert_eq!((rows[0].status.as_str(), rows[0].progress), ("failed", Some(2)), "{dialect}");
    let old_checksum = rows[0].checksum.clone();

    std::fs::write(&file, written).unwrap();
    let m = migrator(&both.dir, &[]);
    let plan = m.recover_plan(conn).await.unwrap();
    assert_eq!(plan[0].rollback_blocked, None, "{dialect}");
    assert_eq!((plan[0].ran, plan[0].retry.len()), (2, 2), "{dialect}: {plan:?}");
    assert!(plan[0].notes.iter().any(|n| n.contains("edited after it stopped") && n.contains("unchanged")), "{plan:?}");
    m.recover(conn, 1, RecoverAction::Retry).await.unwrap();

    let (rows, trail) = m.history(conn).await.unwrap();
    assert_eq!(rows[0].status, "applied", "{dialect}");
    assert_ne!(rows[0].checksum, old_checksum, "{dialect}: the checksum is the file's now");
    assert_eq!(rows[0].checksum, m.migrations()[0].checksum);
    let audited = trail.iter().rfind(|a| a.action == "recover").and_then(|a| a.detail.clone()).unwrap_or_default();
    assert!(audited.contains("ran statement(s) 3..=4") && audited.contains("edited since it stopped"), "{audited}");
    assert!(m.validate(conn).await.unwrap().is_empty(), "{dialect}: nothing left to complain about");
    crate::native::run(&both.theirs.url, &fixed).unwrap();
    assert_eq!(
        crate::native::schema(&mut both.ours.conn).await,
        crate::native::schema(&mut both.theirs.conn).await,
        "{dialect}"
    );
    both.drop().await;
}

/// A history table made by an earlier release, without the columns added since, is read as
/// it is by read-only commands and gains them under the lock on the next `up`.
async fn a_history_table_of_an_earlier_release_gains_the_new_columns(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "t", "CREATE TABLE t (id integer);", Some("DROP TABLE t;"));
    let m = migrator(&dir, &[]);
    m.up(&mut db.conn, UpTarget::default()).await.unwrap();
    db.conn.execute("ALTER TABLE schema_migrations DROP COLUMN statement_checksums").await.unwrap();
    assert_eq!(statuses(&m, &mut db.conn).await, ["1 applied"], "{dialect}");
    dir.write(2, "u", "CREATE TABLE u (id integer);", Some("DROP TABLE u;"));
    let m = migrator(&dir, &[]);
    m.up(&mut db.conn, UpTarget::default()).await.unwrap();
    assert_eq!(statuses(&m, &mut db.conn).await, ["1 applied", "2 applied"], "{dialect}");
    let columns = catalog(&mut db.conn).await;
    assert!(columns.iter().any(|c| c.contains("schema_migrations.statement_checksums")), "{dialect}: {columns:?}");
    db.drop().await;
}

#[migration(version = 20, name = "recovery people")]
fn recovery_people(s: &mut Schema) {
    s.create_table("people", |t| {
        t.id("id");
        t.column::<Option<String>>("nick").max_len(40);
    });
}

#[migration(version = 21, name = "recovery drop nick")]
fn recovery_drop_nick(s: &mut Schema) {
    s.drop_column("people", "nick");
}

fn rust_migrations() -> Vec<&'static RustMigration> {
    migrate::registered().unwrap().into_iter().filter(|m| m.module.ends_with("::recovery")).collect()
}

const T: &str = "CREATE TABLE t (id integer NOT NULL PRIMARY KEY, name varchar(50) NOT NULL, note text, code varchar(20));\n\
     INSERT INTO t (id, name, note, code) VALUES (1, 'a', 'n1', 'x'), (2, 'b', NULL, 'y'), (3, 'c', 'n3', NULL);\n\
     CREATE TABLE u (id integer NOT NULL PRIMARY KEY, label varchar(20));\n\
     INSERT INTO u (id, label) VALUES (1, 'one'), (2, 'two');\n\
     CREATE TABLE nokey (a integer, b integer);\n\
     INSERT INTO nokey (a, b) VALUES (1, 2);";

/// Every row of `t` and `u`, as text.
async fn data(conn: &mut Connection) -> Vec<String> {
    let (t, u) = match conn.dialect() {
        Dialect::MySql => (
            "SELECT CONCAT(id, ':', name, ':', coalesce(note, '-'), ':', coalesce(code, '-')) FROM t ORDER BY id",
            "SELECT CONCAT(id, ':', label) FROM u ORDER BY id",
        ),
        _ => (
            "SELECT id || ':' || name || ':' || coalesce(note, '-') || ':' || coalesce(code, '-') FROM t ORDER BY id",
            "SELECT id || ':' || label FROM u ORDER BY id",
        ),
    };
    let mut out = strings(conn, t).await;
    out.extend(strings(conn, u).await);
    out
}

async fn statuses(m: &migrate::Migrator, conn: &mut Connection) -> Vec<String> {
    let (mut rows, _) = m.history(conn).await.unwrap();
    rows.sort_by_key(|r| r.version);
    rows.iter().map(|r| format!("{} {}", r.version, r.status)).collect()
}

/// The catalog without the list of kept rows, which the first drop creates.
async fn user_catalog(conn: &mut Connection) -> Vec<String> {
    catalog(conn).await.into_iter().filter(|line| !line.contains("schema_migrations_kept")).collect()
}

async fn kept_tables(conn: &mut Connection) -> Vec<String> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => {
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'schema_migrations_kept_%'"
        }
        Dialect::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() \
             AND table_name LIKE 'schema_migrations_kept\\_%'"
        }
        Dialect::MySql => {
            "SELECT CAST(table_name AS char) FROM information_schema.tables WHERE table_schema = DATABASE() \
             AND table_name LIKE 'schema_migrations_kept\\_%'"
        }
    };
    strings(conn, sql).await
}

async fn with_tables(dialect: Dialect) -> Option<(TestDb, Dir)> {
    let mut db = TestDb::new(dialect).await?;
    let dir = Dir::new();
    dir.write(1, "tables", T, Some("DROP TABLE nokey;\nDROP TABLE u;\nDROP TABLE t;"));
    migrator(&dir, &[]).up(&mut db.conn, UpTarget::default()).await.unwrap();
    Some((db, dir))
}

async fn down_puts_back_the_rows_of_dropped_tables_and_columns(dialect: Dialect) {
    let Some((mut db, dir)) = with_tables(dialect).await else { return };
    let conn = &mut db.conn;
    let before = (user_catalog(conn).await, data(conn).await);
    dir.write(
        2,
        "drops",
        "ALTER TABLE t DROP COLUMN note;\nDROP TABLE u;\nALTER TABLE nokey DROP COLUMN b;",
        Some(
            "ALTER TABLE nokey ADD COLUMN b integer;\nCREATE TABLE u (id integer NOT NULL PRIMARY KEY, label varchar(20));\n\
             ALTER TABLE t ADD COLUMN note text;",
        ),
    );
    let m = migrator(&dir, &[]);
    let report = m.up(conn, UpTarget::default()).await.unwrap();
    assert_eq!(report.kept.len(), 3, "{dialect}: {:?}", report.kept);
    assert!(report.kept[0].starts_with("t.note: 3 row(s) kept in schema_migrations_kept_2_0_"), "{:?}", report.kept);
    assert!(report.kept[1].starts_with("u: 2 row(s) kept in schema_migrations_kept_2_1_"), "{:?}", report.kept);
    assert!(report.kept[2].contains("nokey.b: values not kept (the table has no primary key"), "{:?}", report.kept);
    let kept = backup::kept(conn).await.unwrap();
    let listed: Vec<(u64, &str, Option<&str>, i64)> =
        kept.iter().map(|k| (k.version, k.table.as_str(), k.column.as_deref(), k.rows)).collect();
    assert_eq!(listed, [(2, "t", Some("note"), 3), (2, "u", None, 2)]);
    assert_eq!(kept_tables(conn).await.len(), 2);
    let model = conn.introspect().await.unwrap();
    assert!(model.tables.iter().all(|t| !t.name.starts_with("schema_migrations")), "the kept tables are the tool's");

    let report = m.down(conn, DownTarget::Step(1)).await.unwrap();
    assert_eq!(report.kept, ["u: 2 row(s) put back", "t.note: 3 row(s) put back"], "{dialect}");
    assert_eq!(data(conn).await, before.1, "{dialect}: rows and values are back");
    assert!(backup::kept(conn).await.unwrap().is_empty() && kept_tables(conn).await.is_empty());

    // Keeping can be turned off; purge drops what is kept.
    let mut discarding = migrator(&dir, &[]);
    discarding.options.discard_dropped = true;
    assert!(discarding.up(conn, UpTarget::default()).await.unwrap().kept.is_empty());
    assert!(kept_tables(conn).await.is_empty());
    m.down(conn, DownTarget::Step(1)).await.unwrap();
    m.up(conn, UpTarget::default()).await.unwrap();
    assert_eq!(backup::purge_kept(conn, std::time::Duration::from_secs(3600)).await.unwrap().len(), 0);
    assert_eq!(backup::purge_kept(conn, std::time::Duration::ZERO).await.unwrap().len(), 2);
    assert!(kept_tables(conn).await.is_empty() && backup::kept(conn).await.unwrap().is_empty());
    m.down(conn, DownTarget::Step(1)).await.unwrap();
    assert_eq!(user_catalog(conn).await.len(), before.0.len());

    // A Rust migration's drop: the operation says which statement drops.
    let rust = rust_migrations();
    let with_rust = migrator(&dir, &rust);
    with_rust.up(conn, UpTarget { to: Some(20), step: None }).await.unwrap();
    conn.execute("INSERT INTO people (nick) VALUES ('ann'), (NULL), ('bob')").await.unwrap();
    let nicks = "SELECT coalesce(nick, '-') FROM people ORDER BY id";
    let report = with_rust.up(conn, UpTarget::default()).await.unwrap();
    assert!(report.kept[0].starts_with("people.nick: 3 row(s) kept"), "{:?}", report.kept);
    with_rust.down(conn, DownTarget::Step(1)).await.unwrap();
    assert_eq!(strings(conn, nicks).await, ["ann", "-", "bob"], "{dialect}");
    db.drop().await;
}

/// A migration run outside a transaction whose fifth statement fails after four took effect.
fn write_half_way(dir: &Dir, dialect: Dialect) {
    let drop_index = if dialect == Dialect::MySql { "DROP INDEX t_flag ON t" } else { "DROP INDEX t_flag" };
    let down = format!(
        "DROP TABLE after_failure;\nALTER TABLE t ADD COLUMN code varchar(20);\n{drop_index};\n\
         ALTER TABLE t DROP COLUMN flag;\nDROP TABLE log;"
    );
    dir.write(
        2,
        "half_way",
        "-- migrate:no-transaction\n\
         CREATE TABLE log (id integer NOT NULL PRIMARY KEY, what varchar(40));\n\
         ALTER TABLE t ADD COLUMN flag integer;\n\
         CREATE INDEX t_flag ON t (flag);\n\
         ALTER TABLE t DROP COLUMN code;\n\
         INSERT INTO u (id, label) VALUES (1, 'duplicate');\n\
         CREATE TABLE after_failure (id integer);",
        Some(&down),
    );
}

async fn a_migration_stopped_half_way_is_rolled_back_to_where_it_started(dialect: Dialect) {
    let Some((mut db, dir)) = with_tables(dialect).await else { return };
    let conn = &mut db.conn;
    let before = (user_catalog(conn).await, data(conn).await);
    write_half_way(&dir, dialect);
    let m = migrator(&dir, &[]);
    let err = m.up(conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(err.contains("statement 5 of 6") && err.contains("4 statement(s) before it were committed"), "{err}");
    let refused = m.up(conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(refused.contains("migrate recover 2"), "{refused}");

    let plan = m.recover_plan(conn).await.unwrap();
    assert_eq!(plan.len(), 1, "{plan:?}");
    let r = &plan[0];
    assert_eq!((r.version, r.status.as_str(), r.recorded, r.ran), (2, "failed", 4, 4), "{r:?}");
    let effects: Vec<Effect> = r.statements.iter().map(|s| s.effect).collect();
    use Effect::{Done, NotDone, Unknown};
    assert_eq!(effects, [Done, Done, Done, Done, Unknown, NotDone], "{dialect}");
    assert_eq!(r.retry.len(), 2);
    assert!(r.rollback_blocked.is_none(), "{r:?}");
    assert!(r.rollback.len() >= 4, "{:?}", r.rollback);

    let done = m.recover(conn, 2, RecoverAction::Rollback).await.unwrap();
    assert_eq!(done.ran, 4);
    assert_eq!((user_catalog(conn).await, data(conn).await), before, "{dialect}: schema and rows as before V2");
    assert_eq!(statuses(&m, conn).await, ["1 applied", "2 rolled_back"]);
    assert!(m.recover_plan(conn).await.unwrap().is_empty());
    let (_, trail) = m.history(conn).await.unwrap();
    let last = trail.last().unwrap();
    assert_eq!((last.action.as_str(), last.outcome.as_str()), ("recover", "ok"));
    assert!(last.detail.as_deref().unwrap_or_default().contains("rollback: undid statement(s) 1..=4"), "{last:?}");

    // Fixed, it applies from the start.
    let fixed = dir.path().join("V002_20250114200000_half_way.sql");
    let text = std::fs::read_to_string(&fixed).unwrap().replace("(1, 'duplicate')", "(3, 'three')");
    std::fs::write(&fixed, text).unwrap();
    let m = migrator(&dir, &[]);
    assert_eq!(m.up(conn, UpTarget::default()).await.unwrap().applied.len(), 1);
    db.drop().await;
}

async fn a_migration_stopped_half_way_is_retried_or_skipped(dialect: Dialect) {
    let Some((mut db, dir)) = with_tables(dialect).await else { return };
    let conn = &mut db.conn;
    write_half_way(&dir, dialect);
    let m = migrator(&dir, &[]);
    m.up(conn, UpTarget::default()).await.unwrap_err();

    // A statement that had taken effect edited after it stopped: what ran is no longer what
    // the file says, so neither a retry nor a rollback is attempted.
    let file = dir.path().join("V002_20250114200000_half_way.sql");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, original.replace("ADD COLUMN flag integer;", "ADD COLUMN flag bigint;")).unwrap();
    let edited = migrator(&dir, &[]);
    let blocked = edited.recover_plan(conn).await.unwrap()[0].rollback_blocked.clone().unwrap_or_default();
    assert!(blocked.contains("was edited after it stopped"), "{blocked}");
    assert!(blocked.contains("statement 2, which had taken effect, is no longer the one that ran"), "{blocked}");
    let err = edited.recover(conn, 2, RecoverAction::Retry).await.unwrap_err().to_string();
    assert!(err.contains("cannot be recovered that way"), "{err}");
    std::fs::write(&file, original).unwrap();

    // Nothing to do for a migration that did not stop half-way.
    let err = m.recover(conn, 1, RecoverAction::Retry).await.unwrap_err().to_string();
    assert!(err.contains("V1 did not stop half-way") && err.contains("V2 did"), "{err}");

    // Retrying as it is fails again at the same statement, and says so.
    let err = m.recover(conn, 2, RecoverAction::Retry).await.unwrap_err().to_string();
    assert!(err.contains("retry: statement 5 failed"), "{err}");
    assert_eq!(m.recover_plan(conn).await.unwrap()[0].ran, 4);

    // The data fixed by hand, a retry runs the rest and records it applied.
    conn.execute("DELETE FROM u WHERE id = 1").await.unwrap();
    m.recover(conn, 2, RecoverAction::Retry).await.unwrap();
    assert_eq!(statuses(&m, conn).await, ["1 applied", "2 applied"]);
    assert!(conn.table_exists("after_failure").await.unwrap());
    assert_eq!(strings(conn, "SELECT label FROM u ORDER BY id").await, ["duplicate", "two"]);
    assert!(m.up(conn, UpTarget::default()).await.unwrap().applied.is_empty(), "nothing left to apply");

    // Down, and up again into the failure: skip keeps what ran and records it applied.
    m.down(conn, DownTarget::Step(1)).await.unwrap();
    m.up(conn, UpTarget::default()).await.unwrap_err();
    m.recover(conn, 2, RecoverAction::Skip).await.unwrap();
    assert_eq!(statuses(&m, conn).await, ["1 applied", "2 applied"]);
    assert!(conn.table_exists("log").await.unwrap() && !conn.table_exists("after_failure").await.unwrap());
    let (rows, trail) = m.history(conn).await.unwrap();
    assert!(rows[1].error_message.as_deref().unwrap_or_default().contains("recover --skip"), "{:?}", rows[1]);
    let recovers: Vec<&str> = trail.iter().filter(|a| a.action == "recover").map(|a| a.outcome.as_str()).collect();
    assert_eq!(recovers, ["failed", "ok", "ok"]);

    // Finished by hand instead: marking records it, as `resolve` does.
    conn.execute("CREATE TABLE after_failure (id integer)").await.unwrap();
    m.down(conn, DownTarget::Step(1)).await.unwrap();
    m.up(conn, UpTarget::default()).await.unwrap_err();
    conn.execute("CREATE TABLE after_failure (id integer)").await.unwrap();
    let marked = m.recover(conn, 2, RecoverAction::Mark(Resolution::Applied)).await.unwrap();
    assert_eq!(marked.ran, 4);
    assert_eq!(statuses(&m, conn).await, ["1 applied", "2 applied"]);
    let (_, trail) = m.history(conn).await.unwrap();
    assert_eq!(trail.last().map(|a| a.action.as_str()), Some("resolve"));
    db.drop().await;
}

async fn repair_sets_the_history_right_against_the_migrations_and_the_schema(dialect: Dialect) {
    let Some((mut db, dir)) = with_tables(dialect).await else { return };
    let conn = &mut db.conn;
    dir.write(6, "v6t", "CREATE TABLE v6t (id integer);", Some("DROP TABLE v6t;"));
    migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap();
    migrator(&dir, &[]).down(conn, DownTarget::Step(1)).await.unwrap();
    std::fs::remove_file(dir.path().join("V006_20250114200000_v6t.sql")).unwrap();
    dir.write(2, "v2t", "CREATE TABLE v2t (id integer);", Some("DROP TABLE v2t;")).write(
        4,
        "drop_code",
        "ALTER TABLE t DROP COLUMN code;",
        Some("ALTER TABLE t ADD COLUMN code varchar(20);"),
    );
    migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap();

    // By hand: V2's table dropped and its file edited, V4's kept rows dropped, V5's table
    // created before V5 ran; and V3 written below the applied V4.
    conn.execute("DROP TABLE v2t").await.unwrap();
    dir.write(2, "v2t", "CREATE TABLE v2t (id bigint);", Some("DROP TABLE v2t;"));
    let kept = backup::kept(conn).await.unwrap();
    conn.execute(&format!("DROP TABLE {}", kept[0].kept_as)).await.unwrap();
    dir.write(3, "v3t", "CREATE TABLE v3t (id integer);", Some("DROP TABLE v3t;")).write(
        5,
        "v5t",
        "CREATE TABLE v5t (id integer);",
        Some("DROP TABLE v5t;"),
    );
    conn.execute("CREATE TABLE v5t (id integer)").await.unwrap();

    let m = migrator(&dir, &[]);
    let plan = m.repair_plan(conn).await.unwrap();
    let found: Vec<(u64, &str, bool)> = plan.iter().map(|a| (a.version, a.action, a.fixes)).collect();
    assert_eq!(
        found,
        [
            (2, "update_checksum", true),
            (2, "mark_rolled_back", true),
            (3, "gap", false),
            (4, "remove_kept", true),
            (5, "mark_applied", true),
            (6, "remove_orphan", true),
        ],
        "{dialect}: {plan:#?}"
    );
    assert_eq!(
        statuses(&m, conn).await,
        ["1 applied", "2 applied", "4 applied", "6 rolled_back"],
        "a plan changes nothing"
    );

    let done = m.repair(conn).await.unwrap();
    assert_eq!(done.len(), 6);
    assert_eq!(statuses(&m, conn).await, ["1 applied", "2 rolled_back", "4 applied", "5 applied"]);
    assert!(backup::kept(conn).await.unwrap().is_empty());
    let left: Vec<&str> = m.repair_plan(conn).await.unwrap().iter().map(|a| a.action).collect();
    assert_eq!(left, ["gap", "gap"], "{dialect}: V2 and V3 wait below V5");
    let (_, trail) = m.history(conn).await.unwrap();
    assert_eq!(trail.iter().filter(|a| a.action == "repair").count(), 5);

    // Applying what is pending out of order closes the gaps.
    let mut out_of_order = migrator(&dir, &[]);
    out_of_order.options.allow_out_of_order = true;
    out_of_order.up(conn, UpTarget::default()).await.unwrap();
    assert!(m.repair_plan(conn).await.unwrap().is_empty());
    db.drop().await;
}

/// PostgreSQL: the kept copy of a table with an enum column does not hold the type alive,
/// so a migration can drop both; `down` casts the values back.
#[tokio::test]
async fn a_dropped_enum_table_is_kept_without_its_type_on_postgres() {
    let Some(mut db) = TestDb::new(Dialect::Postgres).await else { return };
    let dir = Dir::new();
    let create = "CREATE TYPE mood AS ENUM ('happy', 'sad');\n\
                  CREATE TABLE feelings (id integer NOT NULL PRIMARY KEY, feel mood NOT NULL);";
    dir.write(1, "feelings", &format!("{create}\nINSERT INTO feelings VALUES (1, 'sad'), (2, 'happy');"), None).write(
        2,
        "drop_feelings",
        "DROP TABLE feelings;\nDROP TYPE mood;",
        Some(create),
    );
    let m = migrator(&dir, &[]);
    let conn = &mut db.conn;
    let report = m.up(conn, UpTarget::default()).await.unwrap();
    assert!(report.kept[0].starts_with("feelings: 2 row(s) kept"), "{:?}", report.kept);
    m.down(conn, DownTarget::Step(1)).await.unwrap();
    let rows = strings(conn, "SELECT id || ':' || feel::text FROM feelings ORDER BY id").await;
    assert_eq!(rows, ["1:sad", "2:happy"]);
    db.drop().await;
}
