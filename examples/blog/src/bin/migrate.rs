//! `cargo run --bin migrate -- up`: the blog's migrations, on `blog.db` by default.

use blog as _; // links the migrations into this binary

fn main() -> std::process::ExitCode {
    migrate::cli::main_with(migrate::cli::Defaults { database_url: Some("sqlite://blog.db".to_owned()) })
}
