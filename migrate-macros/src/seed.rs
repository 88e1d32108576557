//! `#[seed(name = "...", env = [...], after = N)]`: a function recording rows through
//! `&mut Seeds` becomes a registered seed. Read the arguments (every problem collected),
//! check the signature, then emit the function and its registration.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprArray, ExprLit, FnArg, ItemFn, Lit, LitInt, LitStr, Meta, ReturnType, Token};

pub(crate) fn seed(args: TokenStream, item: TokenStream) -> TokenStream {
    let function: ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(e) => return e.to_compile_error(),
    };
    let (parsed, mut errors) = match Punctuated::<Meta, Token![,]>::parse_terminated.parse2(args) {
        Ok(metas) => read(metas),
        Err(e) => (Args::default(), vec![e]),
    };
    errors.extend(signature(&function));
    if parsed.name.is_none() && errors.is_empty() {
        errors.push(syn::Error::new_spanned(&function.sig.ident, "#[seed] needs `name = \"...\"`"));
    }
    if let Some(first) = errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    }) {
        // The function is emitted as written, so that one mistake is one error.
        let e = first.to_compile_error();
        return quote!(#e #item);
    }
    expand(&parsed, &function)
}

#[derive(Default)]
struct Args {
    name: Option<LitStr>,
    env: Vec<LitStr>,
    after: Option<LitInt>,
}

/// The arguments, and what is wrong with them.
fn read(metas: Punctuated<Meta, Token![,]>) -> (Args, Vec<syn::Error>) {
    let (mut args, mut errors) = (Args::default(), Vec::new());
    for meta in metas {
        let key = meta.path().get_ident().map(ToString::to_string).unwrap_or_default();
        let value = match &meta {
            Meta::NameValue(nv) => Some(&nv.value),
            _ => None,
        };
        let expected = |what: &str| syn::Error::new_spanned(&meta, format!("expected `{key} = {what}`"));
        match (key.as_str(), value) {
            ("name", Some(Expr::Lit(ExprLit { lit: Lit::Str(s), .. }))) if !s.value().trim().is_empty() => {
                args.name = Some(s.clone());
            }
            ("name", _) => errors.push(expected("\"<name>\"")),
            ("env", Some(Expr::Lit(ExprLit { lit: Lit::Str(s), .. }))) => args.env = vec![s.clone()],
            ("env", Some(Expr::Array(ExprArray { elems, .. }))) => {
                for e in elems {
                    match e {
                        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => args.env.push(s.clone()),
                        other => errors.push(syn::Error::new_spanned(other, "an environment is a string: \"dev\"")),
                    }
                }
            }
            ("env", _) => errors.push(expected("[\"dev\", \"test\", ...]")),
            ("after", Some(Expr::Lit(ExprLit { lit: Lit::Int(v), .. }))) if v.base10_parse::<u64>().is_ok() => {
                args.after = Some(v.clone());
            }
            ("after", _) => errors.push(expected("<migration version>")),
            _ => errors.push(syn::Error::new_spanned(
                meta.path(),
                format!("unknown argument `{key}`; expected one of: name, env, after"),
            )),
        }
    }
    (args, errors)
}

/// A seed is `fn name(s: &mut Seeds)`: not async, one argument, nothing returned.
fn signature(f: &ItemFn) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    let wrong = "a seed is `fn name(s: &mut Seeds)`";
    if let Some(a) = &f.sig.asyncness {
        errors.push(syn::Error::new_spanned(a, format!("{wrong}: not async (it records rows; the run writes them)")));
    }
    match f.sig.inputs.iter().collect::<Vec<_>>().as_slice() {
        [FnArg::Typed(arg)] if matches!(&*arg.ty, syn::Type::Reference(r) if r.mutability.is_some()) => {}
        _ => errors.push(syn::Error::new_spanned(&f.sig.inputs, format!("{wrong}: one argument, `&mut Seeds`"))),
    }
    if let ReturnType::Type(_, ty) = &f.sig.output {
        errors.push(syn::Error::new_spanned(ty, format!("{wrong}: it returns nothing")));
    }
    errors
}

fn expand(args: &Args, f: &ItemFn) -> TokenStream {
    let ident = &f.sig.ident;
    let name = args.name.as_ref().map(LitStr::value).unwrap_or_default();
    let env = &args.env;
    let after = match &args.after {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    };
    quote! {
        #f
        const _: () = {
            ::migrate::__private::inventory::submit! {
                ::migrate::__private::RustSeed {
                    name: #name,
                    env: &[#(#env),*],
                    after: #after,
                    build: #ident,
                    file: ::core::file!(),
                    line: ::core::line!(),
                }
            }
        };
    }
}
