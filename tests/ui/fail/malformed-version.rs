use migrate::prelude::*;

#[migration(version = "1", name = "quoted")]
fn one(_s: &mut Schema) {}

#[migration(version = 0, name = "")]
fn zero(_s: &mut Schema) {}

fn main() {}
