//! Replay validation: each operation that does not make sense against the schema fails
//! with the exact [`SchemaError`] that says why, and leaves the schema as it was.

use crate::fixtures::{applied, blog};
use migrate_schema::{
    Check, Column, ColumnChange, ColumnType, ForeignKey, Index, Op, PrimaryKey, Schema, SchemaError, SchemaModel,
    Table, Unique,
};

/// The error `op` fails with against `schema`.
fn rejected(schema: &SchemaModel, op: &Op) -> SchemaError {
    let mut after = schema.clone();
    after.apply(op).expect_err("the operation should be rejected")
}

/// The single operation `build` records.
fn op(build: impl FnOnce(&mut Schema)) -> Op {
    let mut s = Schema::new();
    build(&mut s);
    let mut ops = s.into_ops();
    assert_eq!(ops.len(), 1, "expected one operation, got {ops:?}");
    ops.remove(0)
}

fn names(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| (*c).to_owned()).collect()
}

fn fk(name: &str, columns: &[&str], ref_table: &str, ref_columns: &[&str]) -> ForeignKey {
    ForeignKey {
        name: name.into(),
        columns: names(columns),
        ref_table: ref_table.into(),
        ref_columns: names(ref_columns),
        on_delete: None,
        on_update: None,
    }
}

fn add_fk(table: &str, foreign_key: ForeignKey) -> Op {
    Op::AddForeignKey { table: table.into(), foreign_key }
}

fn index(name: &str, columns: &[&str]) -> Index {
    Index { name: name.into(), columns: names(columns), unique: false, predicate: None }
}

fn unknown_table(table: &str) -> SchemaError {
    SchemaError::UnknownTable { table: table.into() }
}

fn invalid_identifier(name: &str, reason: &'static str) -> SchemaError {
    SchemaError::InvalidIdentifier { name: name.into(), reason }
}

// ---------------------------------------------------------------------------------------
// Unknown tables, columns and objects
// ---------------------------------------------------------------------------------------

#[test]
fn operation_on_unknown_table_is_unknown_table() {
    let err = rejected(&blog(), &op(|s| s.drop_table("comments")));
    assert_eq!(err, unknown_table("comments"));
}

#[test]
fn add_column_to_unknown_table_is_unknown_table() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.add_column::<i32>("comments", "n");
        }),
    );
    assert_eq!(err, unknown_table("comments"));
}

#[test]
fn operation_on_unknown_column_is_unknown_column() {
    let err = rejected(&blog(), &op(|s| s.rename_column("users", "nickname", "handle")));
    assert_eq!(err, SchemaError::UnknownColumn { table: "users".into(), column: "nickname".into() });
}

#[test]
fn index_over_unknown_column_is_unknown_column() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.create_index("posts", &["published_at"]);
        }),
    );
    assert_eq!(err, SchemaError::UnknownColumn { table: "posts".into(), column: "published_at".into() });
}

#[test]
fn dropping_unknown_index_is_unknown_object() {
    let err = rejected(&blog(), &op(|s| s.drop_index("posts", "idx_posts_title")));
    assert_eq!(
        err,
        SchemaError::UnknownObject { kind: "index", table: "posts".into(), name: "idx_posts_title".into() }
    );
}

#[test]
fn dropping_an_index_through_another_table_is_unknown_object() {
    let err = rejected(&blog(), &op(|s| s.drop_index("users", "idx_posts_user_id")));
    assert_eq!(
        err,
        SchemaError::UnknownObject { kind: "index", table: "users".into(), name: "idx_posts_user_id".into() }
    );
}

// ---------------------------------------------------------------------------------------
// Duplicates
// ---------------------------------------------------------------------------------------

#[test]
fn creating_an_existing_table_is_duplicate_table() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.create_table("users", |t| {
                t.id("id");
            })
        }),
    );
    assert_eq!(err, SchemaError::DuplicateTable { table: "users".into() });
}

#[test]
fn renaming_a_table_onto_an_existing_one_is_duplicate_table() {
    let err = rejected(&blog(), &op(|s| s.rename_table("posts", "users")));
    assert_eq!(err, SchemaError::DuplicateTable { table: "users".into() });
}

#[test]
fn adding_an_existing_column_is_duplicate_column() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.add_column::<String>("users", "email");
        }),
    );
    assert_eq!(err, SchemaError::DuplicateColumn { table: "users".into(), column: "email".into() });
}

#[test]
fn create_table_with_a_column_twice_is_duplicate_column() {
    let err = rejected(
        &SchemaModel::new(),
        &op(|s| {
            s.create_table("t", |t| {
                t.column::<i32>("a");
                t.column::<i64>("a");
            })
        }),
    );
    assert_eq!(err, SchemaError::DuplicateColumn { table: "t".into(), column: "a".into() });
}

#[test]
fn renaming_a_column_onto_an_existing_one_is_duplicate_column() {
    let err = rejected(&blog(), &op(|s| s.rename_column("users", "name", "email")));
    assert_eq!(err, SchemaError::DuplicateColumn { table: "users".into(), column: "email".into() });
}

#[test]
fn index_named_like_an_index_of_another_table_is_duplicate_name() {
    let op = Op::CreateIndex { table: "users".into(), index: index("idx_posts_user_id", &["active"]) };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::DuplicateName { name: "idx_posts_user_id".into(), table: "posts".into() }
    );
}

#[test]
fn index_named_like_a_constraint_is_duplicate_name() {
    let op = Op::CreateIndex { table: "users".into(), index: index("posts_score_check", &["active"]) };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::DuplicateName { name: "posts_score_check".into(), table: "posts".into() }
    );
}

#[test]
fn constraint_named_like_an_existing_constraint_is_duplicate_name() {
    let op = Op::AddCheck {
        table: "users".into(),
        check: Check { name: "users_email_key".into(), expr: "email <> ''".into() },
    };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::DuplicateName { name: "users_email_key".into(), table: "users".into() }
    );
}

#[test]
fn create_table_reusing_a_name_within_itself_is_duplicate_name() {
    let err = rejected(
        &SchemaModel::new(),
        &op(|s| {
            s.create_table("t", |t| {
                t.column::<i32>("a").index().name("t_a");
                t.column::<i32>("b");
                t.unique(&["b"]).name("t_a");
            })
        }),
    );
    assert_eq!(err, SchemaError::DuplicateName { name: "t_a".into(), table: "t".into() });
}

// ---------------------------------------------------------------------------------------
// Foreign keys
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Dropping what something else uses
// ---------------------------------------------------------------------------------------

#[test]
fn dropping_a_column_of_a_multi_column_index_is_column_in_use() {
    let schema = applied(
        &blog(),
        &[Op::CreateIndex { table: "posts".into(), index: index("posts_feed", &["user_id", "score"]) }],
    );
    assert_eq!(
        rejected(&schema, &op(|s| s.drop_column("posts", "score"))),
        SchemaError::ColumnInUse {
            action: "drop",
            table: "posts".into(),
            column: "score".into(),
            users: "index `posts_feed`".into(),
        }
    );
}

#[test]
fn dropping_a_primary_key_column_is_column_in_use() {
    assert_eq!(
        rejected(&blog(), &op(|s| s.drop_column("users", "id"))),
        SchemaError::ColumnInUse {
            action: "drop",
            table: "users".into(),
            column: "id".into(),
            users: "the primary key".into(),
        }
    );
}

#[test]
fn dropping_a_column_another_table_references_is_still_referenced() {
    let schema = applied(
        &blog(),
        &[Op::AddUnique {
            table: "posts".into(),
            unique: Unique { name: "posts_title_key".into(), columns: vec!["title".into()] },
        }],
    );
    let schema = applied(&schema, &[add_fk("users", fk("users_fav_fkey", &["email"], "posts", &["title"]))]);
    assert_eq!(
        rejected(&schema, &op(|s| s.drop_column("posts", "title"))),
        SchemaError::StillReferenced { what: "column `posts.title`".into(), users: "`users.users_fav_fkey`".into() }
    );
}

#[test]
fn dropping_a_referenced_table_is_still_referenced() {
    assert_eq!(
        rejected(&blog(), &op(|s| s.drop_table("users"))),
        SchemaError::StillReferenced { what: "table `users`".into(), users: "`posts.posts_user_id_fkey`".into() }
    );
}

#[test]
fn dropping_a_table_that_references_only_itself_is_accepted() {
    let mut schema = applied(
        &blog(),
        &[op(|s| {
            s.create_table("nodes", |t| {
                t.id("id");
                t.column::<Option<i64>>("parent_id").references("nodes", "id");
            })
        })],
    );
    schema.apply(&op(|s| s.drop_table("nodes"))).unwrap();
    assert_eq!(schema, blog());
}

#[test]
fn dropping_the_unique_constraint_a_foreign_key_targets_is_still_referenced() {
    let schema = applied(&blog(), &[add_fk("posts", fk("posts_author_email_fkey", &["title"], "users", &["email"]))]);
    assert_eq!(
        rejected(&schema, &op(|s| s.drop_unique("users", "users_email_key"))),
        SchemaError::StillReferenced {
            what: "unique `users_email_key`".into(),
            users: "`posts.posts_author_email_fkey`".into()
        }
    );
}

#[test]
fn dropping_the_last_column_is_no_columns() {
    let schema = applied(
        &SchemaModel::new(),
        &[op(|s| {
            s.create_table("t", |t| {
                t.column::<i32>("only");
            })
        })],
    );
    assert_eq!(rejected(&schema, &op(|s| s.drop_column("t", "only"))), SchemaError::NoColumns { table: "t".into() });
}

#[test]
fn dropping_a_column_drops_the_partial_indexes_whose_predicate_mentions_it() {
    let mut schema = applied(
        &blog(),
        &[Op::CreateIndex {
            table: "posts".into(),
            index: Index { predicate: Some("body IS NOT NULL".into()), ..index("posts_live_title", &["title"]) },
        }],
    );
    schema.apply(&op(|s| s.drop_column("posts", "body"))).unwrap();
    assert_eq!(schema.table("posts").unwrap().index("posts_live_title"), None);
}

#[test]
fn renaming_a_column_renames_it_in_check_and_partial_index_conditions() {
    let mut schema = applied(
        &blog(),
        &[
            Op::CreateIndex {
                table: "posts".into(),
                index: Index {
                    predicate: Some("score > 0 AND \"score\" < max_score".into()),
                    ..index("posts_top", &["title"])
                },
            },
            Op::AddCheck {
                table: "posts".into(),
                check: Check { name: "posts_score_cap".into(), expr: "score <= 100".into() },
            },
        ],
    );
    schema.apply(&op(|s| s.rename_column("posts", "score", "points"))).unwrap();
    let posts = schema.table("posts").unwrap();
    assert_eq!(posts.index("posts_top").unwrap().predicate.as_deref(), Some("points > 0 AND \"points\" < max_score"));
    assert_eq!(posts.check("posts_score_cap").unwrap().expr, "points <= 100");
    assert_eq!(posts.check("posts_score_check").unwrap().expr, "points >= 0");
}

#[test]
fn dropping_a_column_drops_its_single_column_index_unique_foreign_key_and_checks() {
    let mut schema = blog();
    schema.apply(&op(|s| s.drop_column("posts", "user_id"))).unwrap();
    schema.apply(&op(|s| s.drop_column("posts", "score"))).unwrap();
    schema.apply(&op(|s| s.drop_column("users", "email"))).unwrap();
    let (users, posts) = (schema.table("users").unwrap(), schema.table("posts").unwrap());
    assert!(posts.indexes.is_empty() && posts.foreign_keys.is_empty() && posts.checks.is_empty(), "{posts:?}");
    assert!(users.uniques.is_empty(), "{users:?}");
}

// ---------------------------------------------------------------------------------------
// Keys and identity
// ---------------------------------------------------------------------------------------

#[test]
fn nullable_primary_key_column_is_nullable_primary_key() {
    let err = rejected(
        &SchemaModel::new(),
        &op(|s| {
            s.create_table("t", |t| {
                t.column::<Option<i64>>("id").primary_key();
            })
        }),
    );
    assert_eq!(err, SchemaError::NullablePrimaryKey { table: "t".into(), column: "id".into() });
}

#[test]
fn making_a_primary_key_column_nullable_is_nullable_primary_key() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.alter_column("users", "id").nullable();
        }),
    );
    assert_eq!(err, SchemaError::NullablePrimaryKey { table: "users".into(), column: "id".into() });
}

#[test]
fn nullable_identity_column_is_nullable_identity() {
    let column = Column { identity: true, nullable: true, ..Column::new("seq", ColumnType::BigInt) };
    let err = rejected(&blog(), &Op::AddColumn { table: "users".into(), column });
    assert_eq!(err, SchemaError::NullableIdentity { table: "users".into(), column: "seq".into() });
}

#[test]
fn identity_on_a_non_integer_column_is_identity_not_integer() {
    let column = Column { identity: true, ..Column::new("code", ColumnType::Text) };
    let err = rejected(&blog(), &Op::AddColumn { table: "users".into(), column });
    assert_eq!(err, SchemaError::IdentityNotInteger { table: "users".into(), column: "code".into() });
}

#[test]
fn changing_an_identity_column_to_a_non_integer_type_is_identity_not_integer() {
    let schema = applied(&blog(), &[op(|s| s.drop_table("posts"))]);
    let err = rejected(
        &schema,
        &op(|s| {
            s.alter_column("users", "id").set_column_type(ColumnType::Text);
        }),
    );
    assert_eq!(err, SchemaError::IdentityNotInteger { table: "users".into(), column: "id".into() });
}

#[test]
fn second_identity_column_is_multiple_identity() {
    let column = Column { identity: true, ..Column::new("seq", ColumnType::Int) };
    let err = rejected(&blog(), &Op::AddColumn { table: "users".into(), column });
    assert_eq!(err, SchemaError::MultipleIdentity { table: "users".into() });
}

#[test]
fn primary_key_over_unknown_column_is_unknown_column() {
    let table = Table {
        primary_key: Some(PrimaryKey { columns: vec!["id".into()], name: None }),
        columns: vec![Column::new("code", ColumnType::Text)],
        ..Table::new("t")
    };
    let err = rejected(&SchemaModel::new(), &Op::CreateTable { table });
    assert_eq!(err, SchemaError::UnknownColumn { table: "t".into(), column: "id".into() });
}

#[test]
fn table_without_columns_is_no_columns() {
    let err = rejected(&SchemaModel::new(), &Op::CreateTable { table: Table::new("t") });
    assert_eq!(err, SchemaError::NoColumns { table: "t".into() });
}

#[test]
fn index_listing_a_column_twice_is_invalid_columns() {
    let op = Op::CreateIndex { table: "posts".into(), index: index("posts_twice", &["title", "title"]) };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::InvalidColumns {
            what: "index `posts_twice`".into(),
            table: "posts".into(),
            reason: "lists a column twice"
        }
    );
}

#[test]
fn unique_without_columns_is_invalid_columns() {
    let op =
        Op::AddUnique { table: "posts".into(), unique: Unique { name: "posts_nothing_key".into(), columns: vec![] } };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::InvalidColumns {
            what: "unique `posts_nothing_key`".into(),
            table: "posts".into(),
            reason: "has no columns"
        }
    );
}

// ---------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------

#[test]
fn empty_table_name_is_invalid_identifier() {
    let err = rejected(
        &SchemaModel::new(),
        &op(|s| {
            s.create_table("", |t| {
                t.id("id");
            })
        }),
    );
    assert_eq!(err, invalid_identifier("", "it is empty"));
}

#[test]
fn identifier_longer_than_63_bytes_is_invalid_identifier() {
    let long = "c".repeat(64);
    let err = rejected(
        &blog(),
        &op(|s| {
            s.add_column::<i32>("users", long.clone());
        }),
    );
    assert_eq!(err, invalid_identifier(&long, "it is longer than 63 bytes (PostgreSQL's limit)"));
}

#[test]
fn identifier_of_exactly_63_bytes_is_accepted() {
    let mut schema = blog();
    schema
        .apply(&op(|s| {
            s.add_column::<i32>("users", "c".repeat(63));
        }))
        .unwrap();
}

#[test]
fn identifier_with_a_double_quote_is_invalid_identifier() {
    let err = rejected(&blog(), &op(|s| s.rename_column("users", "name", "na\"me")));
    assert_eq!(err, invalid_identifier("na\"me", "it contains a quote character or NUL"));
}

#[test]
fn identifier_with_a_backtick_is_invalid_identifier() {
    let err = rejected(&blog(), &op(|s| s.rename_table("posts", "po`sts")));
    assert_eq!(err, invalid_identifier("po`sts", "it contains a quote character or NUL"));
}

#[test]
fn identifier_with_nul_is_invalid_identifier() {
    let op = Op::CreateIndex { table: "posts".into(), index: index("idx\0", &["title"]) };
    assert_eq!(rejected(&blog(), &op), invalid_identifier("idx\0", "it contains a quote character or NUL"));
}

#[test]
fn enum_type_name_is_checked_as_an_identifier() {
    let ty = ColumnType::Enum { name: "mo\"od".into(), values: vec!["a".into()] };
    let err = rejected(&blog(), &Op::AddColumn { table: "users".into(), column: Column::new("mood", ty) });
    assert_eq!(err, invalid_identifier("mo\"od", "it contains a quote character or NUL"));
}

// ---------------------------------------------------------------------------------------
// Atomicity
// ---------------------------------------------------------------------------------------

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
