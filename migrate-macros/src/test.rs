//! `#[migrate::test]`: a test function taking a pool becomes a `#[test]` that creates a
//! fresh database, applies the migrations (the Rust ones linked in and, when the crate has
//! a `migrations/` directory or names one, its SQL files), runs the body on a pool of it
//! and drops the database; `seeds = ["roles", ...]` runs those seeds after the migrations.
//! The runtime lives in `migrate::testing::run`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, FnArg, ItemFn, Lit, MetaNameValue, Token};

pub(crate) fn test(args: TokenStream, item: TokenStream) -> TokenStream {
    match expand(args, item) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}

fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let pairs = syn::parse::Parser::parse2(Punctuated::<MetaNameValue, Token![,]>::parse_terminated, args)?;
    let mut to = quote!(::core::option::Option::None);
    let mut dir: Option<syn::LitStr> = None;
    let mut seeds: Vec<syn::LitStr> = Vec::new();
    for pair in pairs {
        let key = pair.path.get_ident().map(ToString::to_string).unwrap_or_default();
        match (key.as_str(), &pair.value) {
            ("to", Expr::Lit(ExprLit { lit: Lit::Int(v), .. })) => {
                let v: u64 = v.base10_parse()?;
                to = quote!(::core::option::Option::Some(#v));
            }
            ("migrations", Expr::Lit(ExprLit { lit: Lit::Str(s), .. })) => dir = Some(s.clone()),
            ("seeds", Expr::Array(array)) => {
                for e in &array.elems {
                    match e {
                        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => seeds.push(s.clone()),
                        other => return Err(syn::Error::new_spanned(other, "a seed is named by a string: \"roles\"")),
                    }
                }
            }
            _ => {
                return Err(syn::Error::new_spanned(
                    &pair,
                    "expected `to = VERSION`, `migrations = \"dir\"` (SQL files, relative to Cargo.toml) or \
                     `seeds = [\"name\", ...]`",
                ));
            }
        }
    }
    let mut f: ItemFn = syn::parse2(item)?;
    if f.sig.asyncness.is_none() {
        return Err(syn::Error::new_spanned(f.sig.fn_token, "#[migrate::test] goes on an `async fn` taking a pool"));
    }
    let pool = match f.sig.inputs.iter().collect::<Vec<_>>().as_slice() {
        [FnArg::Typed(arg)] => (*arg.ty).clone(),
        _ => {
            return Err(syn::Error::new_spanned(
                &f.sig.inputs,
                "#[migrate::test] functions take one argument, the pool: `sqlx::SqlitePool`, `PgPool` or `MySqlPool`",
            ));
        }
    };
    let files = match dir {
        Some(d) => quote!(::migrate::embed_sql!(#d)),
        None => {
            let default = std::env::var("CARGO_MANIFEST_DIR")
                .map(|root| std::path::Path::new(&root).join("migrations").is_dir())
                .unwrap_or(false);
            if default { quote!(::migrate::embed_sql!("migrations")) } else { quote!(&[]) }
        }
    };
    let seeds_dir = match std::env::var("CARGO_MANIFEST_DIR") {
        Ok(root) if std::path::Path::new(&root).join("seeds").is_dir() => {
            let dir = std::path::Path::new(&root).join("seeds").display().to_string();
            quote!(::core::option::Option::Some(#dir))
        }
        _ => quote!(::core::option::Option::None),
    };
    let name = f.sig.ident.clone();
    let vis = f.vis.clone();
    let attrs = std::mem::take(&mut f.attrs);
    f.sig.ident = format_ident!("__migrate_test_body", span = Span::call_site());
    Ok(quote! {
        #(#attrs)*
        #[::core::prelude::v1::test]
        #vis fn #name() {
            #f
            ::migrate::testing::run::<#pool, _, _, _>(
                ::migrate::testing::Spec { files: #files, to: #to, seeds: &[#(#seeds),*], seeds_dir: #seeds_dir },
                __migrate_test_body,
            )
        }
    })
}
