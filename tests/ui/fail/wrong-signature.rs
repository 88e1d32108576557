use migrate::prelude::*;

#[migration(version = 1, name = "two args")]
fn one(_s: &mut Schema, _n: i32) {}

#[migration(version = 2, name = "returns")]
fn two(_s: &mut Schema) -> bool { true }

#[migration(version = 3, name = "wrong type")]
fn three(_s: &mut String) {}

fn main() {}
