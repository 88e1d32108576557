use migrate::prelude::*;

#[migration(version = 931, name = "hand changes")]
fn hand_changes(s: &mut Schema) {
    s.drop_column("posts", "body");
    s.rename_column("users", "name", "full_name");
    s.create_table("tags", |t| {
        t.column::<i64>("id").primary_key();
        t.column::<String>("label").max_len(50);
        t.column::<Option<i64>>("post_id");
        t.index(&["post_id"]).name("post_id");
        t.index(&["label"]).name("tags_label").unique();
    });
    s.add_column::<Option<String>>("users", "bio").max_len(500);
    s.alter_column("posts", "title")
        .set_column_type(ColumnType::Varchar { len: 300 });
    s.alter_column("users", "email")
        .set_default("none".to_owned());
    s.create_index("posts", &["title"]).name("posts_title");
    s.add_foreign_key("tags", &["post_id"], "posts", &["id"])
        .name("tags_ibfk_1")
        .on_delete(Cascade);
    s.sql_on(Dialect::MySql, "CREATE VIEW `post_titles` AS select `posts`.`id` AS `id`,`posts`.`title` AS `title` from `posts`")
        .down_on(Dialect::MySql, "DROP VIEW `post_titles`");
}
