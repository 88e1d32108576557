//! The blog's reference data: its roles, in every environment once V006 has made the table.
//! The typed schema module's columns (`Roles::NAME`) make the compiler check each name and
//! value: a level given as text, or a column a migration dropped, does not compile.
//! (Demo users and posts for `dev` are `seeds/dev/demo_posts.json`.)

use crate::schema::Roles;
use migrate::prelude::*;

#[seed(name = "roles", env = ["dev", "test", "prod"], after = 6)]
fn roles(s: &mut Seeds) {
    let roles = s.upsert(Roles::Table).key([Roles::NAME]);
    for (name, level, description) in [
        ("admin", 100, "Everything, including other users"),
        ("editor", 50, "Writes and publishes posts"),
        ("reader", 10, "Reads and comments"),
    ] {
        roles.row(|r| r.set(Roles::NAME, name).set(Roles::LEVEL, level).set(Roles::DESCRIPTION, description));
    }
}
