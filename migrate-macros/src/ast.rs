//! The parsed attribute and function, borrowing from the input.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprLit, Ident, ItemFn, Lit, LitBool, LitInt, LitStr, Meta, Path, Token};

/// The arguments of `#[migration(...)]`, each with the span of what the user wrote.
#[derive(Default)]
pub(crate) struct Args {
    pub(crate) version: Option<LitInt>,
    pub(crate) name: Option<LitStr>,
    pub(crate) down: Option<Path>,
    pub(crate) transaction: Option<LitBool>,
    pub(crate) irreversible: Option<Span>,
    pub(crate) allow_risk: Option<LitStr>,
    /// `depends_on = [12, 15]`: the versions, and the span of the whole argument.
    pub(crate) depends_on: Option<(Vec<LitInt>, Span)>,
    /// `replaces = 1..=50`: a squash's first and last replaced versions, and the span.
    pub(crate) replaces: Option<(LitInt, LitInt, Span)>,
    /// Problems found while reading the arguments; reported with the validation errors.
    pub(crate) errors: Vec<syn::Error>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let metas = Punctuated::<Meta, Token![,]>::parse_terminated(input)?;
        let mut args = Args::default();
        for meta in metas {
            args.take(meta);
        }
        Ok(args)
    }
}

impl Args {
    fn take(&mut self, meta: Meta) {
        let key = meta.path().get_ident().map(Ident::to_string).unwrap_or_default();
        let value = match &meta {
            Meta::NameValue(nv) => Some(&nv.value),
            _ => None,
        };
        let lit = match value {
            Some(Expr::Lit(ExprLit { lit, .. })) => Some(lit),
            _ => None,
        };
        let expected = |what: &str| syn::Error::new_spanned(&meta, format!("expected `{key} = {what}`"));
        match (key.as_str(), lit, value) {
            ("version", Some(Lit::Int(v)), _) => self.set_version(&meta, v.clone()),
            ("version", _, _) => self.errors.push(expected("<positive integer>")),
            ("name", Some(Lit::Str(v)), _) => self.set(&meta, |a| &mut a.name, v.clone()),
            ("name", _, _) => self.errors.push(expected("\"<description>\"")),
            ("transaction", Some(Lit::Bool(v)), _) => self.set(&meta, |a| &mut a.transaction, v.clone()),
            ("transaction", _, _) => self.errors.push(expected("true | false")),
            ("allow_risk", Some(Lit::Str(v)), _) => self.set(&meta, |a| &mut a.allow_risk, v.clone()),
            ("allow_risk", _, _) => self.errors.push(expected("\"<rule>, <rule>...\"")),
            ("depends_on", _, Some(Expr::Array(array))) => {
                let mut versions = Vec::new();
                for element in &array.elems {
                    match element {
                        Expr::Lit(ExprLit { lit: Lit::Int(v), .. }) => versions.push(v.clone()),
                        other => self.errors.push(syn::Error::new_spanned(other, "expected a version number")),
                    }
                }
                let span = syn::spanned::Spanned::span(&meta);
                self.set(&meta, |a| &mut a.depends_on, (versions, span));
            }
            ("depends_on", _, _) => self.errors.push(expected("[<version>, ...]")),
            ("replaces", _, Some(Expr::Range(range))) => {
                let int = |e: &Option<Box<Expr>>| match e.as_deref() {
                    Some(Expr::Lit(ExprLit { lit: Lit::Int(v), .. })) => Some(v.clone()),
                    _ => None,
                };
                match (int(&range.start), int(&range.end), &range.limits) {
                    (Some(first), Some(last), syn::RangeLimits::Closed(_)) => {
                        let span = syn::spanned::Spanned::span(&meta);
                        self.set(&meta, |a| &mut a.replaces, (first, last, span));
                    }
                    _ => self.errors.push(expected("<first>..=<last>")),
                }
            }
            ("replaces", _, _) => self.errors.push(expected("<first>..=<last>")),
            ("down", _, Some(Expr::Path(p))) => self.set(&meta, |a| &mut a.down, p.path.clone()),
            ("down", _, _) => self.errors.push(expected("<function name>")),
            ("irreversible", _, _) if matches!(meta, Meta::Path(_)) => {
                if self.irreversible.replace(syn::spanned::Spanned::span(&meta)).is_some() {
                    self.errors.push(syn::Error::new_spanned(&meta, "`irreversible` is given twice"));
                }
            }
            ("irreversible", _, _) => {
                self.errors.push(syn::Error::new_spanned(&meta, "`irreversible` is a flag: write it without a value"))
            }
            _ => self.errors.push(syn::Error::new_spanned(
                meta.path(),
                format!(
                    "unknown argument `{}`; expected one of: version, name, down, transaction, irreversible, allow_risk, \
                     depends_on, replaces",
                    quote::ToTokens::to_token_stream(meta.path())
                ),
            )),
        }
    }

    fn set_version(&mut self, meta: &Meta, v: LitInt) {
        self.set(meta, |a| &mut a.version, v);
    }

    fn set<T>(&mut self, meta: &Meta, slot: impl FnOnce(&mut Self) -> &mut Option<T>, value: T) {
        if slot(self).replace(value).is_some() {
            let key = quote::ToTokens::to_token_stream(meta.path());
            self.errors.push(syn::Error::new_spanned(meta, format!("`{key}` is given twice")));
        }
    }
}

/// What kind of migration the function is, from its signature.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `fn(&mut Schema)`.
    Schema,
    /// `async fn(&mut Tx<'_>) -> migrate::Result<()>`.
    Async,
}

pub(crate) struct Migration<'a> {
    pub(crate) args: Args,
    pub(crate) item: &'a ItemFn,
    pub(crate) kind: Kind,
}

impl<'a> Migration<'a> {
    pub(crate) fn new(args: Args, item: &'a ItemFn) -> Self {
        let kind = if item.sig.asyncness.is_some() { Kind::Async } else { Kind::Schema };
        Self { args, item, kind }
    }
}
