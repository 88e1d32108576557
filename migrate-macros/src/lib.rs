//! `#[migration]` and `#[seed]`: turn a function into a registered migration or seed of the
//! `migrate` crate.
//!
//! The entry point only parses and hands off: [`ast`] reads the attribute and function
//! into a small model, [`valid`] checks it (collecting every error), [`expand`] writes the
//! registration. Use it through `migrate::prelude::*`; see the `migrate` crate for the
//! user-facing documentation.

mod ast;
mod dir;
mod expand;
mod seed;
mod test;
mod valid;

use proc_macro::TokenStream;

/// Register a function as a migration.
///
/// `fn(&mut Schema)` records schema operations (automatic down); `async fn(&mut Tx<'_>)
/// -> migrate::Result<()>` runs code against the database. Arguments: `version` (positive
/// integer, unique), `name` (string), optional `down` (a function of the same kind),
/// `transaction` (bool, default true), `irreversible` (flag: `down` is a no-op) and
/// `allow_risk` (the risk rules it accepts, comma-separated: `"drop-column"`) and
/// `depends_on` (lower versions it needs: `[12, 15]`).
#[proc_macro_attribute]
pub fn migration(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = proc_macro2::TokenStream::from(args);
    let item = proc_macro2::TokenStream::from(item);
    expand::migration(args, item).into()
}

/// Register a function as a seed: `#[seed(name = "roles", env = ["dev", "test"], after =
/// 3)] fn roles(s: &mut Seeds) { ... }` records rows that `migrate seed run` upserts once
/// migration 3 is applied, in the environments named (every one without `env`).
#[proc_macro_attribute]
pub fn seed(args: TokenStream, item: TokenStream) -> TokenStream {
    seed::seed(args.into(), item.into()).into()
}

/// Declare every `.rs` file of a directory (relative to `Cargo.toml`, `mod.rs` excepted) as
/// a module, so that a migration file written by `migrate new` is picked up without
/// editing a module list. Pair it with a build script printing
/// `cargo:rerun-if-changed=src/migrations` so that new files trigger a rebuild.
#[proc_macro]
pub fn migrations(input: TokenStream) -> TokenStream {
    dir::migrations(input.into()).into()
}

/// Every `.sql` file of a directory (relative to `Cargo.toml`) as `&[(path, text)]`,
/// embedded at compile time with `include_str!` (edits rebuild; new files need the build
/// script line `cargo:rerun-if-changed=migrations`).
#[proc_macro]
pub fn embed_sql(input: TokenStream) -> TokenStream {
    dir::embed_sql(input.into()).into()
}

/// A test with a fresh database: `#[migrate::test] async fn name(pool: sqlx::SqlitePool)`
/// (or `PgPool`, `MySqlPool`) gets a pool of a new database with every migration applied:
/// the Rust migrations linked into the test and the SQL files of `migrations/` (or
/// `migrations = "dir"`); `to = VERSION` stops there. SQLite uses a temporary file,
/// PostgreSQL and MySQL a new database on the server of `MIGRATE_TEST_POSTGRES_URL` /
/// `MIGRATE_TEST_MYSQL_URL` (or `DATABASE_URL`), dropped afterwards, also after a panic.
/// The body may return `()` or a `Result`.
#[proc_macro_attribute]
pub fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    test::test(args.into(), item.into()).into()
}
