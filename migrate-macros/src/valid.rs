//! Validation of a parsed migration: one function per rule, every error collected.

use crate::ast::{Kind, Migration};
use syn::{FnArg, ReturnType};

/// All the problems of `m`, combined into one error, or `Ok` when there are none.
pub(crate) fn check(m: &mut Migration<'_>) -> syn::Result<u64> {
    let mut errors = std::mem::take(&mut m.args.errors);
    let version = version(m, &mut errors);
    name(m, &mut errors);
    dependencies(m, version, &mut errors);
    replaced(m, version, &mut errors);
    signature(m, &mut errors);
    match errors.into_iter().reduce(|mut a, b| {
        a.combine(b);
        a
    }) {
        Some(e) => Err(e),
        None => Ok(version),
    }
}

/// The version orders migrations and identifies them in the history: required, positive.
fn version(m: &Migration<'_>, errors: &mut Vec<syn::Error>) -> u64 {
    match &m.args.version {
        None if mentions(errors, "version") => 0,
        None => {
            errors.push(syn::Error::new_spanned(
                &m.item.sig.ident,
                "missing `version = <positive integer>` in #[migration(...)]",
            ));
            0
        }
        Some(lit) => match lit.base10_parse::<u64>() {
            Ok(0) => {
                errors.push(syn::Error::new_spanned(lit, "`version` must be a positive integer, not 0"));
                0
            }
            Ok(v) if lit.suffix().is_empty() => v,
            Ok(_) => {
                errors.push(syn::Error::new_spanned(lit, "`version` takes a plain integer, without a type suffix"));
                0
            }
            Err(_) => {
                errors.push(syn::Error::new_spanned(lit, "`version` must be a positive integer that fits in 64 bits"));
                0
            }
        },
    }
}

/// The name is shown by `status` and stored in the history: required, not blank.
fn name(m: &Migration<'_>, errors: &mut Vec<syn::Error>) {
    match &m.args.name {
        None if mentions(errors, "name") => {}
        None => {
            errors.push(syn::Error::new_spanned(&m.item.sig.ident, "missing `name = \"...\"` in #[migration(...)]"))
        }
        Some(lit) if lit.value().trim().is_empty() => {
            errors.push(syn::Error::new_spanned(lit, "`name` must not be empty"))
        }
        Some(_) => {}
    }
}

/// The runner calls the function with exactly one argument and, for async migrations,
/// awaits a `migrate::Result<()>`; generics and `self` cannot be called that way.
fn signature(m: &Migration<'_>, errors: &mut Vec<syn::Error>) {
    let sig = &m.item.sig;
    let expected = match m.kind {
        Kind::Schema => "fn(s: &mut Schema)",
        Kind::Async => "async fn(tx: &mut Tx<'_>) -> migrate::Result<()>",
    };
    if sig.inputs.len() != 1 || matches!(sig.inputs.first(), Some(FnArg::Receiver(_))) {
        errors.push(syn::Error::new_spanned(
            &sig.inputs,
            format!("a migration takes exactly one argument: `{expected}`"),
        ));
    }
    if !sig.generics.params.is_empty() {
        errors.push(syn::Error::new_spanned(&sig.generics, format!("a migration cannot be generic: `{expected}`")));
    }
    if m.kind == Kind::Schema && !matches!(sig.output, ReturnType::Default) {
        errors.push(syn::Error::new_spanned(
            &sig.output,
            "a schema migration returns nothing: `fn(s: &mut Schema)`; for a fallible migration write `async fn(tx: &mut Tx<'_>) -> migrate::Result<()>`",
        ));
    }
    if m.kind == Kind::Async && matches!(sig.output, ReturnType::Default) {
        errors.push(syn::Error::new_spanned(
            sig.fn_token,
            format!("an async migration returns `migrate::Result<()>`: `{expected}`"),
        ));
    }
    if let Some(constness) = &sig.constness {
        errors.push(syn::Error::new_spanned(constness, "a migration cannot be a `const fn`"));
    }
}

/// Whether an argument error was already reported for `key`, so that it is not
/// reported a second time as missing.
fn mentions(errors: &[syn::Error], key: &str) -> bool {
    errors.iter().any(|e| e.to_string().contains(&format!("`{key}")))
}

/// A migration runs after what it depends on, and versions give that order: each
/// dependency must be a lower version.
fn dependencies(m: &Migration<'_>, version: u64, errors: &mut Vec<syn::Error>) {
    let Some((deps, _)) = &m.args.depends_on else { return };
    for lit in deps {
        match lit.base10_parse::<u64>() {
            Ok(dep) if version != 0 && dep >= version => errors.push(syn::Error::new_spanned(
                lit,
                format!("`depends_on` names {dep}, which is not below this migration's version {version}"),
            )),
            Ok(_) => {}
            Err(_) => errors.push(syn::Error::new_spanned(lit, "a dependency is a version: a plain positive integer")),
        }
    }
}

/// A squash replaces a range of versions ending at its own.
fn replaced(m: &Migration<'_>, version: u64, errors: &mut Vec<syn::Error>) {
    let Some((first, last, _)) = &m.args.replaces else { return };
    match (first.base10_parse::<u64>(), last.base10_parse::<u64>()) {
        (Ok(a), Ok(b)) if a > b => {
            errors.push(syn::Error::new_spanned(first, format!("`replaces` starts at {a}, after its end {b}")))
        }
        (Ok(_), Ok(b)) if version != 0 && b != version => errors.push(syn::Error::new_spanned(
            last,
            format!("`replaces` must end at this migration's own version {version}: a squash takes the last version it replaces"),
        )),
        (Ok(_), Ok(_)) => {}
        _ => errors.push(syn::Error::new_spanned(first, "`replaces` is a range of versions: `1..=50`")),
    }
}
