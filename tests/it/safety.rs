//! Safety before anything runs: risk rules sized by the data, validation of SQL files
//! against the database's schema, refusal of risky migrations, and real dry runs that leave
//! the database exactly as it was.

use crate::db::{TestDb, catalog, strings};
use crate::engine::{Dir, migrator};
use migrate::schema::Dialect;
use migrate::schema::risk::Level;
use migrate::{Connection, DownTarget, DryRunMethod, Error, Migrator, UpTarget, backup};

on_every_database!(
    risks_are_found_per_dialect_and_sized_by_the_data,
    risky_migrations_are_refused_unless_accepted,
    statements_naming_what_does_not_exist_are_refused_with_file_and_line,
    dry_runs_report_changes_and_leave_the_database_as_it_was,
    a_backup_restored_gives_back_schema_rows_and_history,
);

const TABLE: &str = "CREATE TABLE t (id integer NOT NULL PRIMARY KEY, name varchar(50) NOT NULL, note text, code varchar(20));\n\
     INSERT INTO t (id, name, note, code) VALUES (1, 'a much longer name', 'n1', 'x'), (2, 'b', NULL, 'x'), (3, 'c', 'n3', 'y');";

/// Every row of `t`, as text: what a dry run must leave alone.
async fn rows(conn: &mut Connection) -> Vec<String> {
    let sql = match conn.dialect() {
        Dialect::MySql => {
            "SELECT CONCAT(id, ':', name, ':', coalesce(note, '-'), ':', coalesce(code, '-')) FROM t ORDER BY id"
        }
        _ => "SELECT id || ':' || name || ':' || coalesce(note, '-') || ':' || coalesce(code, '-') FROM t ORDER BY id",
    };
    strings(conn, sql).await
}

async fn history(m: &Migrator, conn: &mut Connection) -> Vec<String> {
    let (rows, _) = m.history(conn).await.unwrap();
    rows.iter().map(|r| format!("{} {}", r.version, r.status)).collect()
}

/// A database of `dialect` with `t` (three rows) applied as V1, and its migrations directory.
async fn with_table_t(dialect: Dialect) -> Option<(TestDb, Dir)> {
    let mut db = TestDb::new(dialect).await?;
    let dir = Dir::new();
    dir.write(1, "t", TABLE, Some("DROP TABLE t;"));
    migrator(&dir, &[]).up(&mut db.conn, UpTarget::default()).await.unwrap();
    Some((db, dir))
}

async fn risks_are_found_per_dialect_and_sized_by_the_data(dialect: Dialect) {
    let Some((mut db, dir)) = with_table_t(dialect).await else { return };
    let conn = &mut db.conn;

    // A migration without risk: a new table and its index, a nullable column.
    dir.write(
        2,
        "safe",
        "CREATE TABLE u (id integer NOT NULL PRIMARY KEY, t_id integer);\nCREATE INDEX u_t ON u (t_id);\n\
         ALTER TABLE t ADD COLUMN opt integer;",
        None,
    );
    let narrow = match dialect {
        Dialect::Postgres => "ALTER TABLE t ALTER COLUMN name TYPE varchar(5);\n",
        Dialect::MySql => "ALTER TABLE t MODIFY name varchar(5) NOT NULL;\n",
        Dialect::Sqlite => "",
    };
    let empty = if dialect == Dialect::Sqlite { "DROP TABLE t;" } else { "TRUNCATE TABLE t;" };
    let risky = format!(
        "ALTER TABLE t DROP COLUMN note;\nCREATE UNIQUE INDEX t_code ON t (code);\n\
         ALTER TABLE t ADD COLUMN req integer NOT NULL;\n{narrow}ALTER TABLE t RENAME COLUMN name TO title;\n{empty}"
    );
    dir.write(3, "risky", &risky, None);
    let planned = migrator(&dir, &[]).plan(conn, UpTarget::default()).await.unwrap();
    assert!(planned[0].risks.is_empty(), "{dialect}: {:#?}", planned[0].risks);

    let risks = &planned[1].risks;
    let mut rules: Vec<&str> = risks.iter().map(|r| r.rule).collect();
    rules.sort();
    let expected: &[&str] = match dialect {
        Dialect::Sqlite => {
            &["add-required-column", "drop-column", "drop-table", "rename-column", "unique-on-existing-rows"]
        }
        Dialect::Postgres => &[
            "add-required-column",
            "drop-column",
            "index-not-concurrent",
            "narrow-type",
            "rename-column",
            "truncate",
            "type-change-rewrite",
            "unique-on-existing-rows",
        ],
        Dialect::MySql => &[
            "add-required-column",
            "copy-algorithm",
            "drop-column",
            "narrow-type",
            "rename-column",
            "truncate",
            "unique-on-existing-rows",
        ],
    };
    assert_eq!(rules, expected, "{dialect}: {risks:#?}");
    let of = |rule: &str| risks.iter().find(|r| r.rule == rule).unwrap();
    // Two notes are lost, one pair of rows shares a code, three rows have no `req`.
    assert_eq!((of("drop-column").count, of("drop-column").level), (Some(2), Level::High));
    assert_eq!(of("unique-on-existing-rows").count, Some(1));
    assert_eq!((of("add-required-column").count, of("add-required-column").level), (Some(3), Level::High));
    assert_eq!(of("rename-column").level, Level::Medium);
    assert!(of("drop-column").at.ends_with("V003_20250114200000_risky.sql:4"), "{}", of("drop-column").at);
    if dialect != Dialect::Sqlite {
        assert_eq!((of("narrow-type").count, of("narrow-type").level), (Some(1), Level::High), "one name is longer");
        assert_eq!(of("truncate").count, Some(3));
        let rewrite = risks.iter().find(|r| r.rule == "type-change-rewrite" || r.rule == "copy-algorithm").unwrap();
        assert!(rewrite.table_bytes.is_some_and(|b| b > 0), "{dialect}: the table's size is read: {rewrite:?}");
    } else {
        assert_eq!(of("drop-table").count, Some(3));
    }

    // The same column dropped from an empty table is no loss.
    conn.execute("DELETE FROM t").await.unwrap();
    let planned = migrator(&dir, &[]).plan(conn, UpTarget::default()).await.unwrap();
    let drop = planned[1].risks.iter().find(|r| r.rule == "drop-column").unwrap();
    assert_eq!((drop.count, drop.level), (Some(0), Level::Low));
    db.drop().await;
}

async fn risky_migrations_are_refused_unless_accepted(dialect: Dialect) {
    let Some((mut db, dir)) = with_table_t(dialect).await else { return };
    let conn = &mut db.conn;
    dir.write(2, "safe", "CREATE TABLE u (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE u;"));
    dir.write(3, "drop_note", "ALTER TABLE t DROP COLUMN note;", Some("ALTER TABLE t ADD COLUMN note text;"));
    let before = catalog(conn).await;

    let mut m = migrator(&dir, &[]);
    m.options.refuse_risk = Some(Level::High);
    let err = m.up(conn, UpTarget::default()).await.unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, Error::Risk { .. }), "{message}");
    assert!(message.contains("V3 drop_note") && message.contains("drop-column"), "{message}");
    assert!(message.contains("V003_20250114200000_drop_note.sql:4") && message.contains("2 non-NULL"), "{message}");
    assert_eq!(catalog(conn).await, before, "{dialect}: nothing applied, not even the safe V2");
    assert_eq!(history(&m, conn).await, ["1 applied"]);

    // Accepted in the file's header: applied.
    let accepted = "-- Migration: drop_note\n-- Allow risk: drop-column\n\n-- === UP Migration ===\n\
                    ALTER TABLE t DROP COLUMN note;\n\n-- === DOWN Migration ===\nALTER TABLE t ADD COLUMN note text;\n";
    let file = dir.path().join("V003_20250114200000_drop_note.sql");
    std::fs::write(&file, accepted).unwrap();
    let m = {
        let mut m = migrator(&dir, &[]);
        m.options.refuse_risk = Some(Level::High);
        m
    };
    m.up(conn, UpTarget::default()).await.unwrap();
    assert_eq!(history(&m, conn).await, ["1 applied", "2 applied", "3 applied"]);

    // The header is no part of the checksum: accepting a risk changes nothing that runs.
    std::fs::write(&file, accepted.replace("-- Allow risk: drop-column\n", "")).unwrap();
    assert!(migrator(&dir, &[]).validate(conn).await.unwrap().is_empty());

    // An unknown rule is an error naming the migration.
    m.down(conn, DownTarget::Step(1)).await.unwrap();
    std::fs::write(&file, accepted.replace("drop-column\n", "drop-colum\n")).unwrap();
    let problems = migrator(&dir, &[]).validate(conn).await.unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("accepts risk `drop-colum`, which is not a rule"), "{problems:?}");

    // --allow-risk: everything goes through (given values to lose: an empty column is no risk).
    conn.execute("UPDATE t SET note = 'again'").await.unwrap();
    std::fs::write(&file, accepted.replace("-- Allow risk: drop-column\n", "")).unwrap();
    let mut m = migrator(&dir, &[]);
    m.options.refuse_risk = Some(Level::High);
    assert!(matches!(m.up(conn, UpTarget::default()).await, Err(Error::Risk { .. })));
    m.options.allow_risk = true;
    m.up(conn, UpTarget::default()).await.unwrap();
    db.drop().await;
}

async fn statements_naming_what_does_not_exist_are_refused_with_file_and_line(dialect: Dialect) {
    let Some((mut db, dir)) = with_table_t(dialect).await else { return };
    let conn = &mut db.conn;
    dir.write(
        2,
        "bad",
        "CREATE TABLE u (id integer NOT NULL PRIMARY KEY);\nALTER TABLE t ADD COLUMN extra integer;\n\
         ALTER TABLE missing ADD COLUMN x integer;\nALTER TABLE t DROP COLUMN nope;\nCREATE TABLE u (id integer);\n\
         ALTER TABLE IF EXISTS missing ADD COLUMN y integer;\nCREATE TABLE IF NOT EXISTS u (id integer);\n\
         ALTER TABLE T ADD COLUMN y integer;",
        None,
    );
    let before = catalog(conn).await;
    let m = migrator(&dir, &[]);
    let problems = m.validate(conn).await.unwrap();
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    let file = "V002_20250114200000_bad.sql";
    // `T` is `t` under another case: not reported (PostgreSQL folds it; the others may not).
    assert_eq!(messages.len(), 3, "{dialect}: {messages:#?}");
    assert!(messages[0].contains(&format!("{file}:6)")) && messages[0].contains("table `missing` does not exist"));
    assert!(messages[1].contains(&format!("{file}:7)")) && messages[1].contains("column `t.nope` does not exist"));
    assert!(messages[2].contains(&format!("{file}:8)")) && messages[2].contains("table `u` already exists"));
    let err = m.up(conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(err.contains("nothing was applied") && err.contains("table `missing` does not exist"), "{err}");
    assert_eq!(catalog(conn).await, before, "{dialect}: not even the valid statements before them ran");
    assert_eq!(history(&m, conn).await, ["1 applied"]);
    db.drop().await;
}

async fn dry_runs_report_changes_and_leave_the_database_as_it_was(dialect: Dialect) {
    let Some((mut db, dir)) = with_table_t(dialect).await else { return };
    let url = db.url.clone();
    let conn = &mut db.conn;
    let drop_index = if dialect == Dialect::MySql { "DROP INDEX t_extra ON t;" } else { "DROP INDEX t_extra;" };
    dir.write(
        2,
        "extra",
        "ALTER TABLE t ADD COLUMN extra integer;\nUPDATE t SET extra = id;\nCREATE INDEX t_extra ON t (extra);",
        Some(&format!("{drop_index}\nALTER TABLE t DROP COLUMN extra;")),
    );
    let m = migrator(&dir, &[]);
    let (schema, data, recorded) = (catalog(conn).await, rows(conn).await, history(&m, conn).await);

    let dry = m.dry_run_up(conn, &url, UpTarget::default()).await.unwrap();
    assert!(dry.failed.is_none(), "{dry:?}");
    assert!(dry.unchanged);
    let objects: Vec<&str> = dry.changes.iter().map(|c| c.object.as_str()).collect();
    assert!(objects.contains(&"t.extra") && objects.contains(&"t.t_extra"), "{dialect}: {objects:?}");
    if dialect == Dialect::MySql {
        assert_eq!(dry.method, DryRunMethod::ScratchDatabase);
        assert!(dry.migrations[0].note.as_deref().unwrap_or_default().contains("scratch"));
    } else {
        assert_eq!(dry.method, DryRunMethod::Transaction);
        assert_eq!(dry.migrations[0].rows_affected, 3, "the UPDATE's rows");
    }
    assert_eq!(
        (catalog(conn).await, rows(conn).await, history(&m, conn).await),
        (schema.clone(), data.clone(), recorded)
    );

    // A failing statement: reported, and still nothing stays.
    dir.write(3, "dup", "INSERT INTO t (id, name) VALUES (1, 'dup');", None);
    let failing = migrator(&dir, &[]);
    let dry = failing.dry_run_up(conn, &url, UpTarget::default()).await.unwrap();
    if dialect != Dialect::MySql {
        assert!(dry.failed.as_deref().unwrap_or_default().starts_with("V3 dup"), "{dry:?}");
    }
    assert_eq!((catalog(conn).await, rows(conn).await), (schema.clone(), data.clone()));
    std::fs::remove_file(dir.path().join("V003_20250114200000_dup.sql")).unwrap();

    // down --dry-run after the real up.
    m.up(conn, UpTarget::default()).await.unwrap();
    let (schema, data) = (catalog(conn).await, rows(conn).await);
    let dry = m.dry_run_down(conn, &url, DownTarget::Step(1)).await.unwrap();
    assert!(dry.failed.is_none(), "{dry:?}");
    assert!(dry.changes.iter().any(|c| c.object == "t.extra"), "{:?}", dry.changes);
    assert_eq!((catalog(conn).await, rows(conn).await), (schema, data));
    assert_eq!(history(&m, conn).await, ["1 applied", "2 applied"]);
    db.drop().await;
}

async fn a_backup_restored_gives_back_schema_rows_and_history(dialect: Dialect) {
    let Some((mut db, dir)) = with_table_t(dialect).await else { return };
    let url = db.url.clone();
    let conn = &mut db.conn;
    let m = migrator(&dir, &[]);
    let before = (catalog(conn).await, rows(conn).await, history(&m, conn).await);

    let backups = Dir::new();
    let taken = backup::create(conn, &url, backups.path(), "manual").await.unwrap();
    assert_eq!((taken.version, taken.before.as_str()), (Some(1), "manual"));
    assert!(taken.bytes > 0 && taken.file.is_file(), "{taken:?}");
    assert_eq!(backup::list(backups.path()).unwrap(), std::slice::from_ref(&taken));

    // Lose a column, a row, and move the history on.
    dir.write(2, "drop_note", "ALTER TABLE t DROP COLUMN note;", Some("ALTER TABLE t ADD COLUMN note text;"));
    migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap();
    conn.execute("DELETE FROM t WHERE id = 1").await.unwrap();
    assert_ne!(catalog(conn).await, before.0);

    let found = backup::find(backups.path(), &taken.name).unwrap();
    backup::restore(conn, &url, &found).await.unwrap();
    assert_eq!((catalog(conn).await, rows(conn).await, history(&m, conn).await), before, "{dialect}");
    let (_, trail) = m.history(conn).await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|a| a.action.as_str()).collect();
    assert!(actions.ends_with(&["backup", "apply", "restore"]), "{dialect}: the audit trail is kept: {actions:?}");

    assert!(backup::find(backups.path(), "nope").unwrap_err().to_string().contains(&taken.name));
    assert_eq!(backup::purge(backups.path(), std::time::Duration::ZERO).unwrap().len(), 1);
    assert!(backup::list(backups.path()).unwrap().is_empty() && !taken.file.exists());
    db.drop().await;
}

/// The built-in logical dump (no client tools): quotes, backslashes, non-ASCII text, NULLs,
/// binary data, a foreign key and a view come back as they were.
async fn logical_dump_round_trip(dialect: Dialect) {
    let Some((mut db, dir)) = with_table_t(dialect).await else { return };
    let url = db.url.clone();
    let conn = &mut db.conn;
    let (text, bytes, binary) = match dialect {
        Dialect::Postgres => ("'it''s a \\ back, é'", "'\\x00ff27'::bytea", "bytea"),
        _ => ("'it''s a \\\\ back, é'", "0x00FF27", "blob"),
    };
    let extra = format!(
        "INSERT INTO t (id, name, note, code) VALUES (4, {text}, NULL, NULL);\n\
         CREATE TABLE child (id integer NOT NULL PRIMARY KEY, t_id integer REFERENCES t (id), data {binary});\n\
         INSERT INTO child (id, t_id, data) VALUES (1, 4, {bytes}), (2, NULL, NULL);\n\
         CREATE VIEW named AS SELECT id, name FROM t;"
    );
    dir.write(2, "extra", &extra, None);
    let m = migrator(&dir, &[]);
    m.up(conn, UpTarget::default()).await.unwrap();
    let hex = match dialect {
        Dialect::Postgres => "SELECT id || ':' || coalesce(encode(data, 'hex'), '-') FROM child ORDER BY id",
        _ => "SELECT CONCAT(id, ':', coalesce(hex(data), '-')) FROM child ORDER BY id",
    };
    let before = (catalog(conn).await, rows(conn).await, strings(conn, hex).await, history(&m, conn).await);
    assert_eq!(
        before.2,
        ["1:00ff27", "2:-"].map(|s| if dialect == Dialect::MySql { s.to_uppercase() } else { s.to_owned() })
    );

    let backups = Dir::new();
    let taken = backup::create_with(conn, &url, backups.path(), "manual", backup::Tool::BuiltIn).await.unwrap();
    assert_eq!(taken.method, "logical");
    conn.execute("DROP VIEW named").await.unwrap();
    conn.execute("DELETE FROM child").await.unwrap();
    conn.execute("UPDATE t SET name = 'changed'").await.unwrap();
    backup::restore(conn, &url, &taken).await.unwrap();
    let after = (catalog(conn).await, rows(conn).await, strings(conn, hex).await, history(&m, conn).await);
    assert_eq!(after, before, "{dialect}");
    // The history's own sequence goes on: the next migration gets a new row.
    dir.write(3, "more", "CREATE TABLE more_rows (id integer);", None);
    migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap();
    db.drop().await;
}

#[tokio::test]
async fn a_builtin_logical_dump_restores_postgres() {
    logical_dump_round_trip(Dialect::Postgres).await;
}

#[tokio::test]
async fn a_builtin_logical_dump_restores_mysql() {
    logical_dump_round_trip(Dialect::MySql).await;
}
