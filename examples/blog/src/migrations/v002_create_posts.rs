use migrate::prelude::*;

#[migration(version = 2, name = "create posts")]
fn create_posts(s: &mut Schema) {
    s.create_table("posts", |t| {
        t.id("id");
        t.column::<i64>("user_id").references("users", "id").on_delete(Cascade);
        t.column::<String>("title");
    });
}
