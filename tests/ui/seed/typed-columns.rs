//! A seed through the typed schema module: names and values the compiler checks.

#[path = "../schema/before.generated.rs"]
mod schema;

use migrate::prelude::*;
use schema::Users;

#[seed(name = "users", env = ["dev"], after = 1)]
fn users(s: &mut Seeds) {
    s.upsert(Users::Table)
        .key([Users::EMAIL])
        .row(|r| r.set(Users::EMAIL, "ann@example.com").set(Users::DISPLAY_NAME, "Ann"))
        .row(|r| r.set(Users::EMAIL, String::from("bob@example.com")).set(Users::DISPLAY_NAME, None::<String>));
    s.generate(Users::Table, 3, |i, r| r.set(Users::ID, i as i64).set(Users::EMAIL, format!("u{i}@example.com")));
}

#[seed(name = "by name")]
fn by_name(s: &mut Seeds) {
    s.insert("users").key(["email"]).row(|r| r.set("email", "x@example.com").set("id", 7));
}

fn main() {
    let _ = (users as fn(&mut Seeds), by_name as fn(&mut Seeds));
}
