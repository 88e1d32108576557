use migrate::prelude::*;

#[migration(version = 1, name = "x", transactional = false)]
fn one(_s: &mut Schema) {}

fn main() {}
