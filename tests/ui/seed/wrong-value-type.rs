//! A typed column takes values of its type only: `users.id` is an i64, not text.

#[path = "../schema/before.generated.rs"]
mod schema;

use migrate::prelude::*;
use schema::Users;

#[seed(name = "users")]
fn users(s: &mut Seeds) {
    s.upsert(Users::Table).row(|r| r.set(Users::ID, "seven").set(Users::EMAIL, "x@example.com"));
}

fn main() {}
