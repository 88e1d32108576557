use migrate::prelude::*;

#[seed(name = "roles", envs = ["dev"], after = "three")]
fn roles(s: &mut Seeds) {
    let _ = s;
}

fn main() {}
