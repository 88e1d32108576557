//! A `migrate` binary with one Rust migration linked (`users` and `posts`), run as a real
//! process by the tests of `migrate new --from-db`.

use migrate::prelude::*;

#[path = "../it/generated/base.rs"]
mod base;

#[migration(version = 1, name = "users and posts")]
fn users_and_posts(s: &mut Schema) {
    base::users_and_posts(s);
}

fn main() -> std::process::ExitCode {
    migrate::cli::main()
}
