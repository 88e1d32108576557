use migrate::prelude::*;

#[migration(version = 1, name = "one")]
fn one(_s: &mut Schema) {}

mod other {
    use migrate::prelude::*;

    #[migration(version = 1, name = "also one")]
    fn also_one(_s: &mut Schema) {}
}

fn main() {}
