use migrate::prelude::*;

#[migration(name = "no version")]
fn one(_s: &mut Schema) {}

fn main() {}
