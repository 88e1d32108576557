//! Dropping what something else uses: refused with what uses it.

use super::*;

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
