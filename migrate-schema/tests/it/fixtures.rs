//! The schemas the tests start from, and replay shortcuts.

use migrate_schema::{ForeignKeyAction, Op, Schema, SchemaModel};

/// A small blog, chosen so that every operation has something to act on:
///
/// - `users`: identity primary key `id`, `email` with a unique constraint, an indexed
///   nullable `name`, and `active` with a literal default;
/// - `posts`: identity primary key, `user_id` referencing `users(id)` with an index of its
///   own, `title`, nullable `body`, and `score` with a default and a check constraint.
///
/// Text columns that are indexed are `varchar`: MySQL cannot index `text` without a prefix.
pub(crate) fn blog() -> SchemaModel {
    let mut s = Schema::new();
    s.create_table("users", |t| {
        t.id("id");
        t.column::<String>("email").max_len(255).unique();
        t.column::<Option<String>>("name").max_len(100).index();
        t.column::<bool>("active").default(true);
    });
    s.create_table("posts", |t| {
        t.id("id");
        t.column::<i64>("user_id").references("users", "id").on_delete(ForeignKeyAction::Cascade);
        t.column::<String>("title").max_len(200);
        t.column::<Option<String>>("body");
        t.column::<i32>("score").default(0);
        t.index(&["user_id"]);
        t.check("score >= 0").name("posts_score_check");
    });
    model(&s)
}

/// The schema `s` builds from nothing.
pub(crate) fn model(s: &Schema) -> SchemaModel {
    SchemaModel::from_ops(s.ops()).unwrap()
}

/// `before` with `ops` applied.
pub(crate) fn applied(before: &SchemaModel, ops: &[Op]) -> SchemaModel {
    let mut schema = before.clone();
    for op in ops {
        schema.apply(op).unwrap();
    }
    schema
}
