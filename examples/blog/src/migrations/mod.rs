//! The blog's Rust migrations: every `.rs` file of this directory is a module (a file
//! written by `migrate new` is picked up as it is; `build.rs` notices new files).

migrate::migrations!("src/migrations");
