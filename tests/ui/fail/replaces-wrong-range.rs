use migrate::prelude::*;

#[migration(version = 50, name = "squash", replaces = 1..=40)]
fn squash(s: &mut Schema) {
    s.create_table("users", |t| {
        t.id("id");
    });
}

#[migration(version = 60, name = "backwards", replaces = 60..=51)]
fn backwards(s: &mut Schema) {
    s.create_table("tags", |t| {
        t.id("id");
    });
}

fn main() {}
