use migrate::prelude::*;

#[migration(version = 900, name = "catalogue and tags")]
fn catalogue_and_tags(s: &mut Schema) {
    s.drop_check("posts", "posts_title_not_empty");
    s.drop_index("posts", "idx_posts_user_id");
    s.drop_column("legacy", "payload");
    s.rename_table("legacy", "archive");
    s.rename_column("posts", "body", "content");
    s.create_table("post_tags", |t| {
        t.column::<i64>("post_id");
        t.column::<i32>("tag_id");
        t.primary_key(&["post_id", "tag_id"]);
        t.index(&["tag_id", "post_id"]).name("post_tags_by_tag").unique();
        t.check("post_id > 0");
    });
    s.create_table("tags", |t| {
        t.column::<i32>("id").auto_increment().primary_key();
        t.column::<String>("label").max_len(50).unique();
        t.column::<Option<String>>("color").fixed_len(7).default("#ffffff");
        t.column::<f64>("weight").default(1.5);
        t.column::<Decimal<10, 2>>("price").default_expr("0.00");
        t.column::<Option<Uuid>>("uuid");
        t.column::<Option<Json>>("meta");
        t.column::<Option<Date>>("born");
        t.column::<Option<Time>>("at");
        t.column::<Option<Timestamp>>("seen").default_now();
        t.column::<Option<Vec<u8>>>("raw").default(Some(vec![1, 2]));
        t.column::<Option<i16>>("rank").default(Some(3));
        t.column_of_type("addr", ColumnType::Native { sql: "inet".into() }).nullable();
        t.comment(r#"Labels for "posts""#);
    });
    s.add_column::<Option<i64>>("archive", "moved_from").default(Some(5000000000));
    s.add_column::<Option<String>>("users", "bio").max_len(500).comment("Shown on the profile");
    s.add_column::<i16>("users", "level").default(1);
    s.add_column_of_type("users", "mood", ColumnType::Enum { name: "mood".into(), values: vec!["happy".into(), "it's fine".into()] }).nullable();
    s.alter_column("users", "name").set_column_type(ColumnType::Varchar { len: 100 }).set_default("anon".to_owned()).not_null();
    s.alter_column("users", "active").set_default(false);
    s.alter_column("users", "score").set_column_type(ColumnType::BigInt).drop_default();
    s.add_unique("users", &["name", "email"]);
    s.add_check("users", "score >= 0").name("users_score_positive");
    s.create_index("posts", &["title"]).name("posts_published_title").predicate("status = 'published'");
    s.add_foreign_key("posts", &["title"], "tags", &["label"]).name("posts_title_tag");
    s.add_foreign_key("post_tags", &["post_id"], "posts", &["id"]).on_delete(Cascade);
    s.add_foreign_key("post_tags", &["tag_id"], "tags", &["id"]).name("fk_tag").on_update(Restrict);
    s.sql(r#"CREATE VIEW "recent_posts" AS SELECT * FROM posts
WHERE id > 10"#)
        .down(r#"DROP VIEW "recent_posts""#);
}
