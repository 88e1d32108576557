//! Expansion: the user's function, untouched, followed by its registration.
//!
//! Generated code names only `::migrate::__private::…` and sits inside `const _: () = {…}`.
//! A crate-level `#[macro_export]` macro named after the version makes two migrations
//! with the same version in one crate a compile error that points at both versions.

use crate::ast::{Args, Kind, Migration};
use crate::valid;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use sha2::{Digest, Sha256};
use syn::ItemFn;
use syn::spanned::Spanned;

pub(crate) fn migration(args: TokenStream, item: TokenStream) -> TokenStream {
    let item_fn: ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(_) => {
            let err = syn::Error::new(
                Span::call_site(),
                "#[migration] goes on a function: `fn(s: &mut Schema)` or `async fn(tx: &mut Tx<'_>) -> migrate::Result<()>`",
            );
            return with_item(err, item);
        }
    };
    let args: Args = match syn::parse2(args) {
        Ok(a) => a,
        Err(e) => return with_item(e, item),
    };
    let mut m = Migration::new(args, &item_fn);
    match valid::check(&mut m) {
        Ok(version) => register(&m, version),
        // Emit the function too, so that one mistake does not cascade into errors at
        // every use of it.
        Err(e) => with_item(e, item),
    }
}

fn with_item(err: syn::Error, item: TokenStream) -> TokenStream {
    let err = err.to_compile_error();
    quote! { #err #item }
}

fn register(m: &Migration<'_>, version: u64) -> TokenStream {
    let item = m.item;
    let ident = &item.sig.ident;
    let p = quote!(::migrate::__private);
    let version_span = m.args.version.as_ref().map_or_else(Span::call_site, |v| v.span());
    // A squash shares its version with the last migration it replaces.
    let guard = match m.args.replaces {
        Some(_) => format_ident!("__migrate_squash_{}", version, span = version_span),
        None => format_ident!("__migrate_version_{}", version, span = version_span),
    };
    let name = m.args.name.as_ref().map(syn::LitStr::value).unwrap_or_default();
    let transaction = m.args.transaction.as_ref().is_none_or(|b| b.value);
    let irreversible = m.args.irreversible.is_some();
    let allow_risk = m.args.allow_risk.as_ref().map(syn::LitStr::value).unwrap_or_default();
    let depends_on: Vec<u64> = m
        .args
        .depends_on
        .iter()
        .flat_map(|(deps, _)| deps.iter().filter_map(|d| d.base10_parse::<u64>().ok()))
        .collect();
    let replaces = match &m.args.replaces {
        Some((first, last, _)) => match (first.base10_parse::<u64>(), last.base10_parse::<u64>()) {
            (Ok(a), Ok(b)) => quote!(::core::option::Option::Some((#a, #b))),
            _ => quote!(::core::option::Option::None),
        },
        None => quote!(::core::option::Option::None),
    };
    let sig_span = item.sig.span();

    let (up, down) = match m.kind {
        Kind::Schema => {
            let up = quote_spanned!(sig_span=> #p::MigrationFn::Schema(#ident));
            let down = m.args.down.as_ref().map(|d| quote_spanned!(d.span()=> #p::MigrationFn::Schema(#d)));
            (up, down)
        }
        Kind::Async => {
            let up = boxed(ident, &p, sig_span);
            let down = m.args.down.as_ref().map(|d| boxed(d, &p, d.span()));
            (up, down)
        }
    };
    let down = match down {
        Some(d) => quote!(::core::option::Option::Some(#d)),
        None => quote!(::core::option::Option::None),
    };
    let body_checksum = match m.kind {
        Kind::Async => token_checksum(item),
        Kind::Schema => String::new(),
    };

    quote! {
        #item

        const _: () = {
            #[doc(hidden)]
            #[macro_export]
            macro_rules! #guard { () => {}; }

            #p::inventory::submit! {
                #p::RustMigration {
                    version: #version,
                    name: #name,
                    up: #up,
                    down: #down,
                    transaction: #transaction,
                    irreversible: #irreversible,
                    allow_risk: #allow_risk,
                    depends_on: &[#(#depends_on),*],
                    replaces: #replaces,
                    body_checksum: #body_checksum,
                    file: ::core::file!(),
                    line: ::core::line!(),
                    module: ::core::module_path!(),
                }
            }
        };
    }
}

/// `MigrationFn::Async(|tx| Box::pin(f(tx)))`, spelled as a function item so that it
/// coerces to a plain function pointer.
fn boxed(f: &impl quote::ToTokens, p: &TokenStream, span: Span) -> TokenStream {
    quote_spanned! {span=>
        #p::MigrationFn::Async({
            fn __call<'a, 'b>(tx: &'a mut #p::Tx<'b>) -> #p::BoxFuture<'a, #p::Result<()>> {
                ::std::boxed::Box::pin(#f(tx))
            }
            __call
        })
    }
}

/// SHA-256 of the function body's tokens separated by single spaces: comments and
/// formatting do not change it (the canonical form `migrate_schema::checksum` documents).
fn token_checksum(item: &ItemFn) -> String {
    fn walk(tokens: TokenStream, out: &mut Vec<String>) {
        for tt in tokens {
            match tt {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    out.push(open.to_owned());
                    walk(g.stream(), out);
                    out.push(close.to_owned());
                }
                other => out.push(other.to_string()),
            }
        }
    }
    let mut tokens = Vec::new();
    walk(quote::ToTokens::to_token_stream(&item.block), &mut tokens);
    let mut hasher = Sha256::new();
    hasher.update(b"migrate-tokens-v1\n");
    hasher.update(tokens.join(" ").as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
