//! Once a migration dropped `users.display_name` and the module was generated again, a
//! seed that sets it no longer compiles.

#[path = "../schema/after.generated.rs"]
mod schema;

use migrate::prelude::*;
use schema::Users;

#[seed(name = "users")]
fn users(s: &mut Seeds) {
    s.upsert(Users::Table).row(|r| r.set(Users::EMAIL, "x@example.com").set(Users::DISPLAY_NAME, "X"));
}

fn main() {}
