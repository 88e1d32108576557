//! Identifiers as whole words in SQL expressions (checks, index predicates): what a rename
//! rewrites and what a drop finds still mentioned. Depends on nothing else in the crate.

/// Whether the SQL expression `expr` mentions the identifier `name` as a whole word.
pub(crate) fn mentions(expr: &str, name: &str) -> bool {
    word_positions(expr, name).next().is_some()
}

/// `expr` with every whole-word `from` replaced by `to`, the words [`mentions`] finds.
pub(crate) fn rename_word(expr: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(expr.len());
    let mut copied = 0;
    for at in word_positions(expr, from) {
        out.push_str(&expr[copied..at]);
        out.push_str(to);
        copied = at + from.len();
    }
    out.push_str(&expr[copied..]);
    out
}

/// Byte offsets at which `name` occurs in `expr` as a whole word.
fn word_positions<'a>(expr: &'a str, name: &'a str) -> impl Iterator<Item = usize> + 'a {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    expr.match_indices(name).map(|(at, _)| at).filter(move |&at| {
        let before = expr[..at].chars().next_back();
        let after = expr[at + name.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_matches_whole_words_only() {
        assert!(mentions("price > 0", "price"));
        assert!(mentions("(\"price\" > 0)", "price"));
        assert!(!mentions("unit_price > 0", "price"));
        assert!(!mentions("prices > 0", "price"));
    }
}
