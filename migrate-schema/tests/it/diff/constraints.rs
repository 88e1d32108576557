//! Indexes, checks and foreign keys: created, dropped and recreated around what they depend on.

use super::*;

#[test]
fn added_index_is_created_and_removed_index_dropped() {
    let to = changed(&blog(), |s| {
        s.create_index("posts", &["title"]);
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["create index idx_posts_title on posts"]);
    assert_eq!(report(&d), [(ChangeKind::Added, "posts.idx_posts_title", "index (title)")]);

    let back = diff_of(&to, &blog());
    assert_eq!(steps(&back), ["drop index idx_posts_title on posts"]);
    assert_eq!(report(&back), [(ChangeKind::Removed, "posts.idx_posts_title", "index (title)")]);
}

#[test]
fn changed_index_is_dropped_and_created_again_as_one_change() {
    let to = changed(&blog(), |s| {
        s.drop_index("posts", "idx_posts_user_id");
        s.create_index("posts", &["user_id", "title"]).name("idx_posts_user_id").unique();
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["drop index idx_posts_user_id on posts", "create index idx_posts_user_id on posts"]);
    assert_eq!(
        report(&d),
        [(ChangeKind::Changed, "posts.idx_posts_user_id", "index (user_id) → unique index (user_id, title)")]
    );
}

#[test]
fn changed_check_is_dropped_and_added_again() {
    let to = changed(&blog(), |s| {
        s.drop_check("posts", "posts_score_check");
        s.add_check("posts", "score >= 1").name("posts_score_check");
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["drop check posts_score_check on posts", "add check posts_score_check on posts"]);
    assert_eq!(
        report(&d),
        [(ChangeKind::Changed, "posts.posts_score_check", "check (score >= 0) → check (score >= 1)")]
    );
}

#[test]
fn foreign_key_over_retyped_columns_is_dropped_and_added_back_without_a_change_of_its_own() {
    // Replay refuses to retype either column under the foreign key, so build the new schema by hand.
    let mut to = blog();
    for t in &mut to.tables {
        for c in t.columns.iter_mut().filter(|c| c.name == "id" && t.name == "users" || c.name == "user_id") {
            c.ty = ColumnType::Int;
        }
    }
    let d = diff_of(&blog(), &to);
    assert_eq!(
        steps(&d),
        [
            "drop foreign key posts_user_id_fkey on posts",
            "alter column posts.user_id type",
            "alter column users.id type",
            "add foreign key posts_user_id_fkey on posts",
        ]
    );
    assert_eq!(
        report(&d),
        [(ChangeKind::Changed, "posts.user_id", "bigint → int"), (ChangeKind::Changed, "users.id", "bigint → int")]
    );
}

#[test]
fn new_tables_referencing_each_other_get_their_foreign_keys_last() {
    let to = build(|s| {
        s.create_table("a", |t| {
            t.id("id");
            t.column::<Option<i64>>("b_id");
        });
        s.create_table("b", |t| {
            t.id("id");
            t.column::<i64>("a_id").references("a", "id");
        });
        s.add_foreign_key("a", &["b_id"], "b", &["id"]);
    });
    let d = diff_of(&SchemaModel::new(), &to);
    assert_eq!(
        steps(&d),
        ["create table a", "create table b", "add foreign key a_b_id_fkey on a", "add foreign key b_a_id_fkey on b"]
    );
    assert!(d.ops.iter().all(|op| !matches!(op, Op::CreateTable { table } if !table.foreign_keys.is_empty())));
    assert_eq!(
        report(&d),
        [(ChangeKind::Added, "a", "new table (2 columns)"), (ChangeKind::Added, "b", "new table (2 columns)")]
    );
}

#[test]
fn dropping_a_referenced_table_drops_the_foreign_key_into_it_first() {
    let to = changed(&blog(), |s| {
        s.drop_foreign_key("posts", "posts_user_id_fkey");
        s.drop_table("users");
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["drop foreign key posts_user_id_fkey on posts", "drop table users"]);
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Removed, "posts.posts_user_id_fkey", "foreign key (user_id) → users(id) on delete cascade"),
            (ChangeKind::Removed, "users", "drops 4 columns of data"),
        ]
    );
    assert_eq!(destructive(&d), [false, true]);
}

#[test]
fn dropping_tables_that_reference_each_other_drops_the_references_first() {
    let d = diff_of(&blog(), &SchemaModel::new());
    assert_eq!(steps(&d), ["drop foreign key posts_user_id_fkey on posts", "drop table posts", "drop table users"]);
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Removed, "posts", "drops 5 columns of data"),
            (ChangeKind::Removed, "users", "drops 4 columns of data"),
        ]
    );
}
