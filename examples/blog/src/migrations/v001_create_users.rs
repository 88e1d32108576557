use migrate::prelude::*;

#[migration(version = 1, name = "create users")]
fn create_users(s: &mut Schema) {
    s.create_table("users", |t| {
        t.id("id");
        t.column::<String>("email").max_len(255).unique();
        t.column::<Option<String>>("display_name");
        t.column::<bool>("active").default(true);
        t.column::<Timestamp>("created_at").default_now();
    });
    s.create_index("users", &["email", "active"]).name("idx_users_email_active");
}
