//! A rejected operation leaves the schema as it was.

use super::*;

#[test]
fn apply_leaves_the_schema_unchanged_on_error() {
    let before = blog();
    let failing = [
        // Fails on its last foreign key, after its columns and names were checked.
        op(|s| {
            s.create_table("comments", |t| {
                t.id("id");
                t.column::<i64>("post_id").references("posts", "id");
                t.column::<i64>("editor_id").references("editors", "id");
            })
        }),
        op(|s| s.drop_table("users")),
        op(|s| s.drop_column("users", "id")),
        op(|s| s.rename_column("users", "name", "email")),
        op(|s| {
            s.alter_column("users", "id").nullable();
        }),
        op(|s| {
            s.alter_column("posts", "user_id").set_column_type(ColumnType::Text);
        }),
        op(|s| s.drop_unique("users", "users_email_key_missing")),
        Op::AlterColumn { table: "posts".into(), column: "nope".into(), change: ColumnChange::Nullable(true) },
        add_fk("posts", fk("posts_title_fkey", &["title"], "users", &["name"])),
        Op::AddCheck { table: "posts".into(), check: Check { name: "users_email_key".into(), expr: "true".into() } },
    ];
    for op in &failing {
        let mut schema = before.clone();
        assert!(schema.apply(op).is_err(), "{} should fail", op.describe());
        assert_eq!(schema, before, "{} changed the schema", op.describe());
    }
}
