use migrate::prelude::*;

#[migration(version = 911, name = "hand changes")]
fn hand_changes(s: &mut Schema) {
    s.drop_column("posts", "body");
    s.rename_column("users", "name", "full_name");
    s.create_table("tags", |t| {
        t.column::<i64>("id").primary_key();
        t.column::<String>("label").max_len(50);
        t.column::<Option<i64>>("post_id");
        t.index(&["label"]).name("tags_label").unique();
    });
    s.add_column::<Option<String>>("users", "bio").max_len(500);
    s.create_index("posts", &["title"]).name("posts_title");
    s.add_foreign_key("tags", &["post_id"], "posts", &["id"])
        .name("tags_post_id_fkey0")
        .on_delete(Cascade);
    s.sql_on(
        Dialect::Sqlite,
        "CREATE VIEW post_titles AS SELECT id, title FROM posts",
    )
    .down_on(Dialect::Sqlite, r#"DROP VIEW "post_titles""#);
}
