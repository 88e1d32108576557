//! New migration files (Rust and SQL) rebuild the crate, so `migrate::migrations!` and
//! `migrate::embed_sql!` see them.

fn main() {
    println!("cargo:rerun-if-changed=src/migrations");
    println!("cargo:rerun-if-changed=migrations");
}
