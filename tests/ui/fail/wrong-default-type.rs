use migrate::prelude::*;

#[migration(version = 1, name = "bad default")]
fn one(s: &mut Schema) {
    s.create_table("t", |t| {
        t.column::<bool>("active").default("yes");
    });
}

fn main() {}
