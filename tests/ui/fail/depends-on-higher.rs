use migrate::prelude::*;

#[migration(version = 12, name = "tags", depends_on = [10, 15])]
fn tags(s: &mut Schema) {
    s.create_table("tags", |t| {
        t.id("id");
    });
}

#[migration(version = 13, name = "labels", depends_on = 10)]
fn labels(s: &mut Schema) {
    s.create_table("labels", |t| {
        t.id("id");
    });
}

fn main() {}
