use migrate::prelude::*;

#[migration(version = 1, name = "no mapping")]
fn one(s: &mut Schema) {
    s.create_table("t", |t| {
        t.column::<std::time::Instant>("at");
    });
}

fn main() {}
