//! SQL files as real applications write them, run through `migrate` and through the
//! database's own client: the same catalog afterwards, and every failure told as it
//! happened, with the database left as it was.

use crate::db::{TestDb, strings};
use crate::engine::{Dir, migrator};
use crate::native::{SideBySide, schema};
use migrate::schema::Dialect;
use migrate::{DownTarget, UpTarget};

on_every_database!(
    unquoted_mixed_case_names_fold_like_the_database,
    an_empty_down_section_rolls_back_without_error,
    a_file_that_opens_its_own_transaction_is_refused_unless_it_says_no_transaction,
    a_migration_that_drops_the_history_table_is_refused_before_anything_runs,
    a_history_table_of_another_tool_is_recognised_and_left_alone,
    history_table_keeps_the_history_apart_from_another_tools_table,
    a_migration_that_drops_a_renamed_history_table_is_refused_naming_the_setting,
    a_failing_history_write_is_reported_recorded_and_releases_the_lock,
    validate_has_the_database_judge_every_pending_statement,
    validate_accepts_pending_migrations_built_on_views_and_functions_of_the_database,
    a_schema_file_written_by_mysqldump_applies_as_the_client_applies_it,
    a_migration_that_moves_the_session_keeps_the_history_where_it_was,
    a_migration_runs_in_the_session_the_native_client_gives,
);

async fn unquoted_mixed_case_names_fold_like_the_database(dialect: Dialect) {
    // MySQL compares table names by case (lower_case_table_names = 0), columns without.
    let table = if dialect == Dialect::MySql { "UnsavedFiles" } else { "unsavedfiles" };
    let drop = format!("ALTER TABLE {table} DROP COLUMN filenameid;");
    let add = format!("ALTER TABLE {table} ADD COLUMN filenameid int;");
    let files = [
        (
            "CREATE TABLE UnsavedFiles (UnsavedId int NOT NULL PRIMARY KEY, FilenameId int);\n\
             INSERT INTO UnsavedFiles (UnsavedId, FilenameId) VALUES (1, 10), (2, 20);",
            Some("DROP TABLE UnsavedFiles;"),
        ),
        (drop.as_str(), Some(add.as_str())),
    ];
    let Some(mut both) = SideBySide::new(dialect, &files).await else { return };
    both.up().await;
    // The dropped column's values were kept, under the names the database gave them.
    let m = migrator(&both.dir, &[]);
    m.down(&mut both.ours.conn, DownTarget::Step(1)).await.unwrap();
    let text = if dialect == Dialect::MySql { "char" } else { "text" };
    let values =
        strings(&mut both.ours.conn, &format!("SELECT CAST(filenameid AS {text}) FROM {table} ORDER BY 1")).await;
    assert_eq!(values, ["10", "20"], "{dialect}");
    m.up(&mut both.ours.conn, UpTarget::default()).await.unwrap();
    both.down_to_zero().await;
    both.drop().await;
}

async fn an_empty_down_section_rolls_back_without_error(dialect: Dialect) {
    let files = [
        ("CREATE TABLE t (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE t;")),
        ("INSERT INTO t (id) VALUES (1);", Some("-- diesel's empty down.sql: nothing to undo")),
        ("INSERT INTO t (id) VALUES (2);", Some("")),
    ];
    let Some(mut both) = SideBySide::new(dialect, &files).await else { return };
    both.up().await;
    let notes = migrator(&both.dir, &[]).notes(dialect);
    assert_eq!(notes.iter().map(|n| (n.kind, n.version)).collect::<Vec<_>>(), [("empty_down", 2), ("empty_down", 3)]);
    both.down_to_zero().await;
    let (rows, _) = migrator(&both.dir, &[]).history(&mut both.ours.conn).await.unwrap();
    assert!(rows.iter().all(|r| r.status == "rolled_back"), "{dialect}: {rows:?}");
    both.drop().await;
}

async fn a_file_that_opens_its_own_transaction_is_refused_unless_it_says_no_transaction(dialect: Dialect) {
    let Some(mut both) = SideBySide::new(dialect, &[("BEGIN;\nCREATE TABLE t (id integer);", None)]).await else {
        return;
    };
    let m = migrator(&both.dir, &[]);
    let problems = m.validate(&mut both.ours.conn).await.unwrap();
    let at = "V001_20250114200000_step_1.sql:4";
    assert!(
        problems.iter().any(|p| p.kind == "transaction"
            && p.message.contains(at)
            && p.message.contains("-- migrate:no-transaction")),
        "{dialect}: {problems:#?}"
    );
    let refused = m.up(&mut both.ours.conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(refused.contains(at) && refused.contains("`BEGIN`"), "{dialect}: {refused}");
    assert!(schema(&mut both.ours.conn).await.is_empty(), "{dialect}: nothing ran");
    assert!(m.history(&mut both.ours.conn).await.unwrap().0.is_empty(), "{dialect}: no history row");

    // Marked, it runs as written: the open transaction ends as the native client ends it
    // (rolled back on PostgreSQL and SQLite; MariaDB committed the DDL already).
    both.dir.write(1, "step_1", "-- migrate:no-transaction\nBEGIN;\nCREATE TABLE t (id integer);", None);
    let m = migrator(&both.dir, &[]);
    let result = m.up(&mut both.ours.conn, UpTarget::default()).await;
    crate::native::run(&both.theirs.url, "BEGIN;\nCREATE TABLE t (id integer);").unwrap();
    match dialect {
        Dialect::MySql => assert!(result.is_ok(), "{result:?}"),
        _ => assert!(result.unwrap_err().to_string().contains("left a transaction open"), "{dialect}"),
    }
    assert_eq!(schema(&mut both.ours.conn).await, schema(&mut both.theirs.conn).await, "{dialect}");
    assert!(m.status(&mut both.ours.conn).await.unwrap().lock.is_none(), "{dialect}: the lock is released");
    both.drop().await;
}

async fn a_migration_that_drops_the_history_table_is_refused_before_anything_runs(dialect: Dialect) {
    let files = [
        ("CREATE TABLE t (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE t;")),
        ("CREATE TABLE u (id integer);\nDROP TABLE IF EXISTS schema_migrations;", Some("DROP TABLE u;")),
    ];
    let Some(mut both) = SideBySide::new(dialect, &files).await else { return };
    let m = migrator(&both.dir, &[]);
    let refused = m.up(&mut both.ours.conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(
        refused.contains("V002_20250114200000_step_2.sql:5") && refused.contains("`schema_migrations`"),
        "{refused}"
    );
    assert!(schema(&mut both.ours.conn).await.is_empty(), "{dialect}: nothing ran");
    // Applied one by one, the first runs and the history survives the refusal of the second.
    m.up(&mut both.ours.conn, UpTarget { to: Some(1), step: None }).await.unwrap();
    assert!(m.up(&mut both.ours.conn, UpTarget::default()).await.is_err());
    let (rows, _) = m.history(&mut both.ours.conn).await.unwrap();
    assert_eq!(rows.iter().map(|r| (r.version, r.status.as_str())).collect::<Vec<_>>(), [(1, "applied")], "{dialect}");
    both.drop().await;
}

async fn a_history_table_of_another_tool_is_recognised_and_left_alone(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let boolean = if dialect == Dialect::MySql { "tinyint(1)" } else { "boolean" };
    let create =
        format!("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty {boolean} NOT NULL)");
    db.conn.execute(&create).await.unwrap();
    db.conn.execute("INSERT INTO schema_migrations (version, dirty) VALUES (20240101, false)").await.unwrap();
    let dir = Dir::new();
    dir.write(1, "t", "CREATE TABLE t (id integer);", Some("DROP TABLE t;"));
    let m = migrator(&dir, &[]);
    for error in [
        m.up(&mut db.conn, UpTarget::default()).await.unwrap_err().to_string(),
        m.status(&mut db.conn).await.unwrap_err().to_string(),
    ] {
        assert!(
            error.contains("`schema_migrations` belongs to another tool (columns version, dirty: golang-migrate?)"),
            "{dialect}: {error}"
        );
    }
    let left = strings(&mut db.conn, "SELECT CAST(version AS char(20)) FROM schema_migrations").await;
    assert_eq!(left.iter().map(|s| s.trim()).collect::<Vec<_>>(), ["20240101"], "{dialect}: its rows are untouched");
    db.drop().await;
}

/// The project of the issue: it moved from golang-migrate, whose `schema_migrations` is
/// still there, and one of its migrations drops that table. With `history_table` set,
/// migrate runs the files exactly as the native client does, the old table included.
async fn history_table_keeps_the_history_apart_from_another_tools_table(dialect: Dialect) {
    let boolean = if dialect == Dialect::MySql { "tinyint(1)" } else { "boolean" };
    let files = [
        ("CREATE TABLE t (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE t;")),
        ("DROP TABLE IF EXISTS schema_migrations;\nALTER TABLE t ADD COLUMN note varchar(20);", None),
    ];
    let Some(both) = SideBySide::new(dialect, &files).await else { return };
    let mut both = both.history_table("migrate_history");
    both.before(&format!(
        "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty {boolean} NOT NULL);\n\
         INSERT INTO schema_migrations (version, dirty) VALUES (20240101, false);"
    ))
    .await;
    both.up().await;
    for conn in [&mut both.ours.conn, &mut both.theirs.conn] {
        assert!(!conn.table_exists("schema_migrations").await.unwrap(), "{dialect}: the old table is gone in both");
    }
    for table in ["migrate_history", "migrate_history_audit"] {
        assert!(both.ours.conn.table_exists(table).await.unwrap(), "{dialect}: {table}");
    }
    let m = migrator(&both.dir, &[]).history_table("migrate_history").unwrap();
    let (rows, audit) = m.history(&mut both.ours.conn).await.unwrap();
    assert_eq!(
        rows.iter().map(|r| (r.version, r.status.as_str())).collect::<Vec<_>>(),
        [(1, "applied"), (2, "applied")]
    );
    assert_eq!(audit.len(), 2, "{dialect}: {audit:?}");
    let status = m.status(&mut both.ours.conn).await.unwrap();
    assert!(status.lock.is_none() && status.current == Some(2), "{dialect}: {status:?}");
    // The same database read by a connection with the default names has no history of migrate's.
    let mut plain = migrate::Connection::connect(&both.ours.url).await.unwrap();
    assert_eq!(migrator(&both.dir, &[]).status(&mut plain).await.unwrap().current, None, "{dialect}");
    plain.close().await.unwrap();
    both.drop().await;
}

async fn a_migration_that_drops_a_renamed_history_table_is_refused_naming_the_setting(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "t", "CREATE TABLE t (id integer);", Some("DROP TABLE t;"));
    dir.write(2, "cleanup", "DROP TABLE t;\nDROP TABLE IF EXISTS migrate_history_audit;", None);
    let m = migrator(&dir, &[]).history_table("migrate_history").unwrap();
    let refused = m.up(&mut db.conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(refused.contains("V002_20250114200000_cleanup.sql:5"), "{dialect}: {refused}");
    assert!(refused.contains("`history_table`"), "{dialect}: {refused}");
    assert!(schema(&mut db.conn).await.is_empty(), "{dialect}: nothing ran");
    assert!(migrate::Tables::named("bad name").is_err() && m.clone().history_table("x".repeat(22).as_str()).is_err());
    db.drop().await;
}

/// `CREAT TABLE` passes the parser (it cannot read it) and fails on the database: the
/// rehearsal on a scratch copy of the schema reports it with file, line and the database's
/// message, and the database itself is left as it was.
async fn validate_has_the_database_judge_every_pending_statement(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "t", "CREATE TABLE t (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE t;"));
    migrator(&dir, &[]).up(&mut db.conn, UpTarget::default()).await.unwrap();
    dir.write(2, "typo", "ALTER TABLE t ADD COLUMN a integer;\nCREAT TABLE x (id integer);", None);
    dir.write(3, "fine", "ALTER TABLE t ADD COLUMN b integer;", None);
    let m = migrator(&dir, &[]);
    let before = schema(&mut db.conn).await;
    let rehearsal = m.rehearse(&mut db.conn, &db.url).await.unwrap();
    assert_eq!(rehearsal.skipped, None, "{dialect}");
    assert_eq!(rehearsal.ran, 2, "{dialect}");
    assert_eq!(rehearsal.problems.len(), 1, "{dialect}: {:?}", rehearsal.problems);
    let message = &rehearsal.problems[0].message;
    assert!(message.contains("V002_20250114200000_typo.sql:5") && message.contains("CREAT"), "{dialect}: {message}");
    let said = match dialect {
        Dialect::Postgres => "syntax error",
        Dialect::MySql => "1064",
        Dialect::Sqlite => "syntax error",
    };
    assert!(message.contains(said), "{dialect}: the database's own message: {message}");
    assert_eq!(schema(&mut db.conn).await, before, "{dialect}: the database is as it was");
    let (rows, _) = m.history(&mut db.conn).await.unwrap();
    assert_eq!(rows.len(), 1, "{dialect}: nothing recorded");
    db.drop().await;
}

/// No false alarm: pending migrations that use a view (and on PostgreSQL a function and an
/// enum type) the applied ones created run on the scratch copy as on the database.
async fn validate_accepts_pending_migrations_built_on_views_and_functions_of_the_database(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    let mut applied = String::from(
        "CREATE TABLE t (id integer NOT NULL PRIMARY KEY, name varchar(20));\nCREATE VIEW named AS SELECT id, name FROM t;",
    );
    let mut pending =
        String::from("CREATE VIEW named_twice AS SELECT id FROM named;\nINSERT INTO t (id, name) VALUES (1, 'a');");
    if dialect == Dialect::Postgres {
        applied.push_str(
            "\nCREATE TYPE mood AS ENUM ('ok', 'sad');\nCREATE FUNCTION twice(x integer) RETURNS integer AS $$ SELECT x * 2 $$ LANGUAGE sql;",
        );
        pending
            .push_str("\nALTER TABLE t ADD COLUMN feeling mood;\nCREATE VIEW doubled AS SELECT twice(id) AS d FROM t;");
    }
    dir.write(1, "base", &applied, None);
    migrator(&dir, &[]).up(&mut db.conn, UpTarget::default()).await.unwrap();
    dir.write(2, "on_top", &pending, None);
    let m = migrator(&dir, &[]);
    let rehearsal = m.rehearse(&mut db.conn, &db.url).await.unwrap();
    assert_eq!(rehearsal.skipped, None, "{dialect}");
    assert!(rehearsal.problems.is_empty(), "{dialect}: {:?}", rehearsal.problems);
    assert_eq!(rehearsal.ran, 1);
    assert!(!db.conn.table_exists("named_twice").await.unwrap(), "{dialect}: nothing applied to the database");
    db.drop().await;
}

/// PHP installers ship `mysqldump --no-data` output as their schema: settings, views and
/// triggers inside `/*!… */`, which MySQL runs. Everything in them must be applied.
async fn a_schema_file_written_by_mysqldump_applies_as_the_client_applies_it(dialect: Dialect) {
    if dialect != Dialect::MySql {
        return;
    }
    let dump = "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n\
        /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n\
        CREATE TABLE `child` (\n  `id` int(11) NOT NULL,\n  `parent_id` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  \
        KEY `parent_id` (`parent_id`),\n  CONSTRAINT `child_ibfk_1` FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`)\n\
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\
        CREATE TABLE `parent` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\
        /*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50001 VIEW `kids` AS select `child`.`id` AS `id` from `child` */;\n\
        DELIMITER ;;\n/*!50003 CREATE TRIGGER `child_check` BEFORE INSERT ON `child` FOR EACH ROW \
        BEGIN IF NEW.id < 0 THEN SET NEW.id = 0; END IF; END */;;\nDELIMITER ;\n\
        /*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;";
    let files = [(dump, Some("DROP VIEW kids;\nDROP TABLE child;\nDROP TABLE parent;"))];
    let Some(mut both) = SideBySide::new(dialect, &files).await else { return };
    both.up().await;
    assert!(schema(&mut both.ours.conn).await.iter().any(|l| l.contains("child_check")), "the trigger is there");
    both.down_to_zero().await;
    both.drop().await;
}

/// Data migrations see what they see under the native client: on MySQL `||` is a logical
/// OR and the session keeps the server's time zone, not the driver's UTC.
async fn a_migration_runs_in_the_session_the_native_client_gives(dialect: Dialect) {
    let files = [(
        "CREATE TABLE t (id integer NOT NULL PRIMARY KEY, a varchar(5), b varchar(5), c varchar(10), zone varchar(40));\n\
         INSERT INTO t (id, a, b) VALUES (1, '1', '0');\nUPDATE t SET c = a || b;",
        Some("DROP TABLE t;"),
    )];
    let Some(mut both) = SideBySide::new(dialect, &files).await else { return };
    both.up().await;
    let read = "SELECT c FROM t";
    let (ours, theirs) = (strings(&mut both.ours.conn, read).await, strings(&mut both.theirs.conn, read).await);
    assert_eq!(ours, theirs, "{dialect}");
    if dialect == Dialect::MySql {
        assert_eq!(ours, ["1"], "{dialect}: a logical OR");
        let zone = "SELECT CAST(@@session.time_zone AS char)";
        assert_eq!(strings(&mut both.ours.conn, zone).await, ["SYSTEM"], "{dialect}: the server's time zone");
    }
    both.down_to_zero().await;
    both.drop().await;
}

/// A migration whose own trigger makes the history write fail: the run stops there with
/// the database's message (not `current transaction is aborted`), rolls the migration back,
/// records the failure and releases the lock. On MySQL the trigger commits with its DDL, so
/// the history cannot take the failure either: the row stays `pending` at the statement the
/// engine saw, which is what `status` and `recover` then report.
async fn a_failing_history_write_is_reported_recorded_and_releases_the_lock(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    let trigger = match dialect {
        Dialect::Postgres => {
            "CREATE FUNCTION no_history() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'history is \
                              read-only'; END $$ LANGUAGE plpgsql;\nCREATE TRIGGER no_history BEFORE INSERT ON \
                              schema_migrations FOR EACH ROW EXECUTE FUNCTION no_history();"
        }
        Dialect::Sqlite => {
            "CREATE TRIGGER no_history BEFORE INSERT ON schema_migrations BEGIN \
                            SELECT RAISE(ABORT, 'history is read-only'); END;"
        }
        Dialect::MySql => {
            "CREATE TRIGGER no_history BEFORE UPDATE ON schema_migrations FOR EACH ROW \
                           SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'history is read-only';"
        }
    };
    dir.write(1, "first", "CREATE TABLE first (id integer);", Some("DROP TABLE first;"));
    migrator(&dir, &[]).up(&mut db.conn, UpTarget::default()).await.unwrap();
    dir.write(2, "guards", &format!("CREATE TABLE t (id integer);\n{trigger}"), None);
    let m = migrator(&dir, &[]);
    let error = m.up(&mut db.conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(error.contains("history is read-only"), "{dialect}: {error}");
    assert!(!error.contains("current transaction is aborted"), "{dialect}: {error}");
    assert_eq!(error.matches("history is read-only").count(), 1, "{dialect}: said once: {error}");
    let status = m.status(&mut db.conn).await.unwrap();
    assert!(status.lock.is_none(), "{dialect}: the lock is released");
    let (rows, _) = m.history(&mut db.conn).await.unwrap();
    assert_eq!(rows[0].status, "applied", "{dialect}");
    let tables = schema(&mut db.conn).await;
    let triggers = strings(
        &mut db.conn,
        match dialect {
            Dialect::Sqlite => "SELECT name FROM sqlite_schema WHERE type = 'trigger'",
            Dialect::MySql => {
                "SELECT CAST(trigger_name AS char) FROM information_schema.triggers WHERE trigger_schema = DATABASE()"
            }
            Dialect::Postgres => "SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal",
        },
    )
    .await;
    match dialect {
        Dialect::MySql => {
            assert_eq!((rows[1].status.as_str(), rows[1].progress), ("pending", Some(1)), "{dialect}: {rows:?}");
            assert_eq!(triggers, ["no_history"], "{dialect}: MySQL committed the trigger");
        }
        // One transaction for the run, the history written at its end: nothing of V2 remains
        // to record, and the audit says why.
        Dialect::Sqlite => {
            assert_eq!(rows.len(), 1, "{dialect}: {rows:?}");
            let (_, audit) = m.history(&mut db.conn).await.unwrap();
            let last = audit.last().unwrap();
            assert_eq!((last.version, last.outcome.as_str()), (Some(2), "failed"), "{audit:?}");
            assert!(last.detail.as_deref().unwrap_or_default().contains("history is read-only"), "{audit:?}");
        }
        Dialect::Postgres => {
            assert_eq!(rows[1].status, "failed", "{dialect}");
            assert!(rows[1].error_message.as_deref().unwrap_or_default().contains("history is read-only"), "{rows:?}");
        }
    }
    if dialect != Dialect::MySql {
        assert!(triggers.is_empty() && !tables.iter().any(|l| l.starts_with("t.")), "{dialect}: rolled back");
    }
    db.drop().await;
}

/// A migration that moves the session (`SET search_path`, `USE other_db`, as dump files do)
/// runs as the native client runs it; the history stays where it was, and the next
/// migration starts where every file starts.
async fn a_migration_that_moves_the_session_keeps_the_history_where_it_was(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let other = format!("moved_{}", std::process::id());
    let moves = match dialect {
        Dialect::Postgres => {
            format!("CREATE SCHEMA {other};\nSET search_path TO {other};\nCREATE TABLE t (id integer);")
        }
        Dialect::MySql => format!("CREATE DATABASE {other};\nUSE {other};\nCREATE TABLE t (id integer);"),
        Dialect::Sqlite => return db.drop().await,
    };
    let dir = Dir::new();
    dir.write(1, "moves", &moves, None);
    dir.write(2, "after", "CREATE TABLE u (id integer);", None);
    let m = migrator(&dir, &[]);
    let report = m.up(&mut db.conn, UpTarget::default()).await;
    let (rows, audit) = m.history(&mut db.conn).await.unwrap();
    let here = schema(&mut db.conn).await;
    let elsewhere = strings(
        &mut db.conn,
        &match dialect {
            Dialect::Postgres => {
                format!("SELECT table_name::text FROM information_schema.tables WHERE table_schema = '{other}'")
            }
            _ => {
                format!("SELECT CAST(table_name AS char) FROM information_schema.tables WHERE table_schema = '{other}'")
            }
        },
    )
    .await;
    let drop = match dialect {
        Dialect::Postgres => format!("DROP SCHEMA {other} CASCADE"),
        _ => format!("DROP DATABASE {other}"),
    };
    db.conn.execute(&drop).await.unwrap();
    report.unwrap_or_else(|e| panic!("{dialect}: {e}"));
    assert_eq!(rows.iter().map(|r| r.status.as_str()).collect::<Vec<_>>(), ["applied", "applied"], "{dialect}");
    assert_eq!(audit.len(), 2, "{dialect}");
    assert_eq!(elsewhere, ["t"], "{dialect}: t went where the file sent it");
    assert!(
        here.iter().any(|l| l.starts_with("u.")) && !here.iter().any(|l| l.starts_with("t.")),
        "{dialect}: {here:?}"
    );
    assert!(m.status(&mut db.conn).await.unwrap().lock.is_none(), "{dialect}: the lock is released");
    db.drop().await;
}
