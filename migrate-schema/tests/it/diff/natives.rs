//! Natives: the DDL kept for what the model cannot express, dropped and created with its own SQL.

use super::*;

fn native(kind: &str, name: &str, table: Option<&str>, sql: &str) -> NativeObject {
    NativeObject {
        kind: kind.into(),
        name: name.into(),
        table: table.map(Into::into),
        sql: sql.into(),
        drop: format!("DROP {} {name}", kind.to_uppercase()),
    }
}

/// The raw SQL of each operation, as (up, down).
fn raw_sql(d: &Diff) -> Vec<(String, String)> {
    let text = |sql: Option<&migrate_schema::RawSql>| sql.and_then(|s| s.any.clone()).unwrap_or_default();
    d.ops
        .iter()
        .filter_map(|op| match op {
            Op::Sql { up, down } => Some((text(Some(up)), text(down.as_ref()))),
            _ => None,
        })
        .collect()
}

#[test]
fn natives_added_removed_and_changed_are_raw_sql_with_their_down() {
    let mut from = blog();
    let mut to = blog();
    from.natives = vec![
        native("view", "v_old", None, "CREATE VIEW v_old AS SELECT 1"),
        native("trigger", "trg", Some("posts"), "CREATE TRIGGER trg ... 1"),
    ];
    to.natives = vec![
        native("trigger", "trg", Some("posts"), "CREATE TRIGGER trg ... 2"),
        native("view", "v_new", None, "CREATE VIEW v_new AS SELECT 2"),
    ];
    let d = diff_of(&from, &to);
    assert_eq!(
        raw_sql(&d),
        [
            ("DROP TRIGGER trg".to_owned(), "CREATE TRIGGER trg ... 1".to_owned()),
            ("DROP VIEW v_old".to_owned(), "CREATE VIEW v_old AS SELECT 1".to_owned()),
            // Created in dependency order: views before the triggers that may use them.
            ("CREATE VIEW v_new AS SELECT 2".to_owned(), "DROP VIEW v_new".to_owned()),
            ("CREATE TRIGGER trg ... 2".to_owned(), "DROP TRIGGER trg".to_owned()),
        ]
    );
    assert_eq!(
        report(&d),
        [
            // A table's native is named `table.name`, as the contract names objects.
            (ChangeKind::Changed, "posts.trg", "trigger on posts: definition changed"),
            (ChangeKind::Removed, "v_old", "view"),
            (ChangeKind::Added, "v_new", "view"),
        ]
    );
}

#[test]
fn a_native_on_a_dropped_table_is_dropped_before_the_table() {
    let mut from = blog();
    from.natives = vec![native("trigger", "trg", Some("posts"), "CREATE TRIGGER trg ...")];
    let to = changed(&blog(), |s| s.drop_table("posts"));
    let d = diff_of(&from, &to);
    assert_eq!(steps(&d), ["raw SQL", "drop table posts"]);
}

#[test]
fn dropping_a_virtual_table_is_destructive() {
    let mut from = blog();
    from.natives = vec![native("virtual_table", "search", None, "CREATE VIRTUAL TABLE search USING fts5(body)")];
    let d = diff_of(&from, &blog());
    assert_eq!(report(&d), [(ChangeKind::Removed, "search", "virtual_table")]);
    assert_eq!(destructive(&d), [true]);
}
