//! SQL files as real applications write them, run through `migrate` and through the
//! database's own client: the same catalog afterwards, and every failure told as it
//! happened, with the database left as it was.

use crate::db::strings;
use crate::engine::migrator;
use crate::native::SideBySide;
use migrate::schema::Dialect;
use migrate::{DownTarget, UpTarget};

on_every_database!(unquoted_mixed_case_names_fold_like_the_database, an_empty_down_section_rolls_back_without_error,);

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
