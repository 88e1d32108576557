use migrate::prelude::*;

#[seed(name = "roles")]
async fn roles(s: &mut Seeds) -> u8 {
    let _ = s;
    0
}

fn main() {}
