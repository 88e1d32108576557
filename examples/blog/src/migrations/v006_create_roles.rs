use migrate::prelude::*;

#[migration(version = 6, name = "create roles")]
fn create_roles(s: &mut Schema) {
    s.create_table("roles", |t| {
        t.id("id");
        t.column::<String>("name").max_len(50).unique();
        t.column::<i16>("level");
        t.column::<Option<String>>("description").max_len(255);
    });
}
