//! What no operation changes is reported as unsupported; how changes serialise.

use super::*;

#[test]
fn primary_key_change_is_unsupported_and_has_no_operation() {
    let from = build(|s| {
        s.create_table("t", |t| {
            t.column::<i32>("a").primary_key();
            t.column::<i32>("b");
        })
    });
    let mut to = from.clone();
    to.tables[0].primary_key = Some(PrimaryKey { columns: vec!["a".into(), "b".into()], name: None });
    let d = diff(&from, &to, &DiffOptions::default()).unwrap();
    assert!(d.ops.is_empty());
    assert!(!d.is_complete());
    assert_eq!(
        report(&d),
        [(
            ChangeKind::Changed,
            "t",
            "primary key (a) → (a, b): unsupported, no operation changes an existing table's primary key"
        )]
    );
    assert!(d.changes[0].unsupported);
}

#[test]
fn identity_and_comments_are_unsupported() {
    let from = blog();
    let mut to = blog();
    let users = to.tables.iter_mut().find(|t| t.name == "users").unwrap();
    users.comment = Some("people".into());
    users.columns[0].identity = false;
    users.columns[1].comment = Some("login".into());
    let d = diff(&from, &to, &DiffOptions::default()).unwrap();
    assert!(d.ops.is_empty());
    assert_eq!(
        report(&d),
        [
            (
                ChangeKind::Changed,
                "users",
                "comment none → 'people': unsupported, no operation changes a table's comment"
            ),
            (
                ChangeKind::Changed,
                "users.id",
                "identity on → off: unsupported, no operation switches identity on or off"
            ),
            (
                ChangeKind::Changed,
                "users.email",
                "comment none → 'login': unsupported, no operation changes a column's comment"
            ),
        ]
    );
    assert!(d.changes.iter().all(|c| c.unsupported));
}

#[test]
fn changes_serialise_with_snake_case_kinds() {
    let to = changed(&blog(), |s| s.rename_table("users", "accounts"));
    let d = diff_with(&blog(), &to, vec![Rename::table("users", "accounts")]);
    let json = serde_json::to_value(&d.changes).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "kind": "renamed", "object": "accounts", "detail": "renamed from users",
            "destructive": false, "unsupported": false
        }])
    );
}
