//! `#[migration]`: turns a function into a registered migration of the `migrate` crate.
//!
//! The entry point only parses and hands off: [`ast`] reads the attribute and function
//! into a small model, [`valid`] checks it (collecting every error), [`expand`] writes the
//! registration. Use it through `migrate::prelude::*`; see the `migrate` crate for the
//! user-facing documentation.

mod ast;
mod expand;
mod valid;

use proc_macro::TokenStream;

/// Register a function as a migration.
///
/// `fn(&mut Schema)` records schema operations (automatic down); `async fn(&mut Tx<'_>)
/// -> migrate::Result<()>` runs code against the database. Arguments: `version` (positive
/// integer, unique), `name` (string), optional `down` (a function of the same kind),
/// `transaction` (bool, default true) and `irreversible` (flag: `down` is a no-op).
#[proc_macro_attribute]
pub fn migration(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = proc_macro2::TokenStream::from(args);
    let item = proc_macro2::TokenStream::from(item);
    expand::migration(args, item).into()
}
