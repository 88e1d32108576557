//! Foreign keys: what they reference must exist, be a key, and match in type.

use super::*;

#[test]
fn foreign_key_to_missing_table_is_foreign_key_target() {
    let op = add_fk("posts", fk("posts_editor_fkey", &["user_id"], "editors", &["id"]));
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::ForeignKeyTarget {
            name: "posts_editor_fkey".into(),
            table: "posts".into(),
            target: "editors".into()
        }
    );
}

#[test]
fn foreign_key_to_missing_column_is_foreign_key_target() {
    let op = add_fk("posts", fk("posts_editor_fkey", &["user_id"], "users", &["uid"]));
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::ForeignKeyTarget {
            name: "posts_editor_fkey".into(),
            table: "posts".into(),
            target: "users.uid".into()
        }
    );
}

#[test]
fn foreign_key_between_different_types_is_foreign_key_type() {
    let op = add_fk("posts", fk("posts_title_fkey", &["title"], "users", &["id"]));
    assert!(matches!(
        rejected(&blog(), &op),
        SchemaError::ForeignKeyType { column, target_type, .. } if column == "title" && target_type == "bigint"
    ));
}

#[test]
fn foreign_key_between_integer_widths_replays_and_mysql_refuses_to_render_it() {
    let mut schema = blog();
    let op = add_fk("posts", fk("posts_score_fkey", &["score"], "users", &["id"]));
    let before = schema.clone();
    schema.apply(&op).unwrap();
    let err = migrate_schema::render(migrate_schema::Dialect::MySql, &before, &op).unwrap_err();
    assert!(err.to_string().contains("InnoDB needs integer keys of the same type"), "{err}");
    assert!(migrate_schema::render(migrate_schema::Dialect::Postgres, &before, &op).is_ok());
}

#[test]
fn foreign_key_between_text_types_of_different_lengths_is_accepted() {
    let mut schema = blog();
    let op = add_fk("posts", fk("posts_title_fkey", &["title"], "users", &["email"]));
    schema.apply(&op).unwrap();
    assert!(schema.table("posts").unwrap().foreign_key("posts_title_fkey").is_some());
}

#[test]
fn foreign_key_to_columns_that_are_not_a_key_is_foreign_key_not_unique() {
    let op = add_fk("posts", fk("posts_name_fkey", &["title"], "users", &["name"]));
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::ForeignKeyNotUnique {
            name: "posts_name_fkey".into(),
            table: "posts".into(),
            ref_table: "users".into(),
            columns: "name".into(),
        }
    );
}

#[test]
fn foreign_key_to_a_partial_unique_index_is_foreign_key_not_unique() {
    let schema = applied(
        &blog(),
        &[Op::CreateIndex {
            table: "users".into(),
            index: Index { unique: true, predicate: Some("active".into()), ..index("users_live_name", &["name"]) },
        }],
    );
    let op = add_fk("posts", fk("posts_name_fkey", &["title"], "users", &["name"]));
    assert!(matches!(rejected(&schema, &op), SchemaError::ForeignKeyNotUnique { .. }));
}

#[test]
fn foreign_key_with_column_lists_of_different_lengths_is_invalid_columns() {
    let op = add_fk("posts", fk("posts_pair_fkey", &["user_id", "score"], "users", &["id"]));
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::InvalidColumns {
            what: "foreign key `posts_pair_fkey`".into(),
            table: "posts".into(),
            reason: "has different numbers of referencing and referenced columns",
        }
    );
}

#[test]
fn table_may_reference_itself_while_it_is_created() {
    let mut schema = SchemaModel::new();
    schema
        .apply(&op(|s| {
            s.create_table("nodes", |t| {
                t.id("id");
                t.column::<Option<i64>>("parent_id").references("nodes", "id");
            })
        }))
        .unwrap();
    assert_eq!(schema.table("nodes").unwrap().foreign_keys[0].ref_table, "nodes");
}

#[test]
fn changing_the_type_of_a_foreign_key_column_is_column_in_use() {
    let op = op(|s| {
        s.alter_column("posts", "user_id").set_column_type(ColumnType::Int);
    });
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::ColumnInUse {
            action: "change the type of",
            table: "posts".into(),
            column: "user_id".into(),
            users: "posts_user_id_fkey".into(),
        }
    );
}

#[test]
fn changing_the_type_of_a_referenced_column_is_column_in_use() {
    let op = op(|s| {
        s.alter_column("users", "id").set_column_type(ColumnType::Int);
    });
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::ColumnInUse {
            action: "change the type of",
            table: "users".into(),
            column: "id".into(),
            users: "`posts.posts_user_id_fkey`".into(),
        }
    );
}
