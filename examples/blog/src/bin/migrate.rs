//! `cargo run --bin migrate -- up`: the blog's Rust migrations and its SQL files
//! (`examples/blog/migrations`, embedded at compile time), on `blog.db` by default.

use blog as _; // links the Rust migrations into this binary

fn main() -> std::process::ExitCode {
    migrate::cli::main_with(migrate::cli::Defaults {
        database_url: Some("sqlite://blog.db".to_owned()),
        migrations_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations").into()),
        embedded_sql: Some(migrate::embed_sql!("migrations")),
        rust_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/src/migrations").into()),
        schema_module: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/src/schema.rs").into()),
        seeds_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds").into()),
        rust_seeds_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/src/seeds").into()),
    })
}
