//! `migrations!("src/migrations")` and `embed_sql!("migrations")`: a directory's files,
//! listed at compile time. Each file is tracked by the compiler (as a module or through
//! `include_str!`), so edits rebuild; new files are noticed when the crate's build script
//! says `cargo:rerun-if-changed=<dir>` (see the `migrate` crate documentation).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use std::path::PathBuf;
use syn::LitStr;

/// The directory, relative to the crate's `Cargo.toml`, and its files ending in `ext`.
fn files(input: TokenStream, ext: &str) -> Result<(LitStr, Vec<PathBuf>), syn::Error> {
    let lit: LitStr = syn::parse2(input)?;
    let root = std::env::var("CARGO_MANIFEST_DIR")
        .map_err(|_| syn::Error::new(lit.span(), "CARGO_MANIFEST_DIR is not set"))?;
    let dir = PathBuf::from(root).join(lit.value());
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| syn::Error::new(lit.span(), format!("cannot read the directory {}: {e}", dir.display())))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
        .filter(|p| p.file_name().is_some_and(|n| n != "mod.rs"))
        .collect();
    files.sort();
    Ok((lit, files))
}

pub(crate) fn migrations(input: TokenStream) -> TokenStream {
    let (lit, files) = match files(input, "rs") {
        Ok(found) => found,
        Err(e) => return e.to_compile_error(),
    };
    let mut modules = Vec::new();
    for path in files {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let valid = stem.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            let message =
                format!("{}: a migration file name must be a Rust identifier, e.g. v004_add_tags.rs", path.display());
            return syn::Error::new(lit.span(), message).to_compile_error();
        }
        let name = format_ident!("{}", stem, span = Span::call_site());
        let path = path.display().to_string();
        modules.push(quote! { #[path = #path] mod #name; });
    }
    quote! { #(#modules)* }
}

pub(crate) fn embed_sql(input: TokenStream) -> TokenStream {
    let (_, files) = match files(input, "sql") {
        Ok(found) => found,
        Err(e) => return e.to_compile_error(),
    };
    let entries = files.iter().map(|p| {
        let path = p.display().to_string();
        quote! { (#path, include_str!(#path)) }
    });
    quote! { &[#(#entries),*] }
}
