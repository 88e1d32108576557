//! The schema the migrations describe before a change is made by hand: the one Rust
//! migration of the `migrate-rust-base` binary, shared with the tests.

use migrate::schema::Schema;

pub(crate) fn users_and_posts(s: &mut Schema) {
    s.create_table("users", |t| {
        t.id("id");
        t.column::<String>("email").max_len(255);
        t.column::<Option<String>>("name").max_len(100);
    });
    s.create_table("posts", |t| {
        t.id("id");
        t.column::<i64>("user_id").references("users", "id");
        t.column::<String>("title").max_len(200);
        t.column::<Option<String>>("body");
    });
}
