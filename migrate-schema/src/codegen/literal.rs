//! Rust literals: strings (raw when SQL reads better that way), column lists and the
//! values of defaults.

use crate::model::{DefaultValue, Literal};
use std::fmt::Write as _;

/// A Rust string literal for `s`: `"..."`, or `r#"..."#` when the text has quotes,
/// backslashes or line breaks, so SQL stays readable.
pub(crate) fn str_lit(s: &str) -> String {
    let plain = !s.contains(['"', '\\', '\n']);
    let raw_safe = !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if plain || !raw_safe {
        return format!("{s:?}");
    }
    let mut hashes = 1;
    while s.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{s}\"{h}")
}

/// `&["a", "b"]`.
pub(crate) fn strs(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| str_lit(i)).collect();
    format!("&[{}]", items.join(", "))
}

/// A float as a Rust literal (`1.0`, not `1`); `None` for NaN and infinities.
pub(crate) fn float_lit(f: f64) -> Option<String> {
    f.is_finite().then(|| format!("{f:?}"))
}

/// `vec![1, 2]`, with the element type spelled out when nothing else would infer it.
pub(crate) fn bytes_lit(bytes: &[u8], suffix: bool) -> String {
    if bytes.is_empty() {
        return "Vec::<u8>::new()".to_owned();
    }
    let mut out = String::from("vec![");
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{b}");
        if i == 0 && suffix {
            out.push_str("_u8");
        }
    }
    out.push(']');
    out
}

/// `.set_default(...)` and its siblings for an altered column, whose Rust type the
/// builder does not know: the literal's own type decides.
pub(crate) fn set_default(d: &DefaultValue) -> String {
    match d {
        DefaultValue::Now => ".set_default_now()".to_owned(),
        DefaultValue::Expr(sql) => format!(".set_default_expr({})", str_lit(sql)),
        DefaultValue::Value(lit) => match lit {
            Literal::Null => ".drop_default()".to_owned(),
            Literal::Bool(b) => format!(".set_default({b})"),
            Literal::Int(i) if i32::try_from(*i).is_ok() => format!(".set_default({i})"),
            Literal::Int(i) => format!(".set_default({i}_i64)"),
            Literal::Float(f) => match float_lit(*f) {
                Some(f) => format!(".set_default({f})"),
                None => format!(".set_default_expr({})", str_lit(&f.to_string())),
            },
            Literal::Text(t) => format!(".set_default({}.to_owned())", str_lit(t)),
            Literal::Bytes(b) => format!(".set_default({})", bytes_lit(b, true)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_with_quotes_or_lines_becomes_a_raw_string() {
        assert_eq!(str_lit("users"), "\"users\"");
        assert_eq!(str_lit(r#"CREATE VIEW "v" AS SELECT 1"#), r##"r#"CREATE VIEW "v" AS SELECT 1"#"##);
        assert_eq!(str_lit("a\"#b"), "r##\"a\"#b\"##");
        assert_eq!(str_lit("a\nb"), "r#\"a\nb\"#");
        assert_eq!(str_lit("bell\u{7}"), "\"bell\\u{7}\"");
    }

    #[test]
    fn literals_keep_their_rust_type() {
        assert_eq!(float_lit(1.0).as_deref(), Some("1.0"));
        assert_eq!(float_lit(f64::NAN), None);
        assert_eq!(bytes_lit(&[1, 2], true), "vec![1_u8, 2]");
        assert_eq!(set_default(&DefaultValue::Value(Literal::Int(1 << 40))), ".set_default(1099511627776_i64)");
    }
}
