//! Checksums: SHA-256 of a canonical form of what a migration does.
//!
//! The canonical forms, pinned by tests (changing them would make every applied
//! migration look edited, which is the mistake refinery made between releases):
//!
//! - **Schema migrations** (`fn(&mut Schema)`): the text `migrate-ops-v1\n` followed by the
//!   JSON serialisation of the recorded [`Op`]s (`serde_json`, fields in declaration
//!   order; data statements as their PostgreSQL text with values inlined). Reformatting the
//!   Rust code cannot change it; changing any operation does.
//! - **SQL text** (SQL files, raw SQL): the text `migrate-sql-v1\n` followed by the SQL with
//!   comments removed, line endings normalised, every run of whitespace outside quotes
//!   turned into one space, except next to `(`, `)`, `,` and `;` where it is removed, and
//!   trimmed. Quoted strings, quoted identifiers and dollar-quoted
//!   bodies are kept byte for byte.
//! - **Async Rust migrations** hash their function body's tokens at compile time
//!   (`migrate-tokens-v1\n` + the tokens separated by single spaces), so comments and
//!   formatting do not count there either.

use crate::ops::Op;
use sha2::{Digest, Sha256};

/// The checksum of a schema migration's operations.
///
/// ```
/// use migrate_schema::{checksum_ops, Schema};
/// let mut a = Schema::new();
/// a.create_table("t", |t| { t.id("id"); });
/// let mut b = Schema::new();
/// b.create_table("t", |t| { t.id("id"); t.column::<bool>("x"); });
/// assert_eq!(checksum_ops(a.ops()).len(), 64);
/// assert_ne!(checksum_ops(a.ops()), checksum_ops(b.ops()));
/// ```
pub fn checksum_ops(ops: &[Op]) -> String {
    // Serialising our own types cannot fail: no maps with non-string keys, no I/O.
    let json = serde_json::to_string(ops).unwrap_or_default();
    hex_sha256(&["migrate-ops-v1\n", &json])
}

/// The checksum of SQL text, insensitive to comments, whitespace and line endings.
///
/// ```
/// use migrate_schema::checksum_sql;
/// assert_eq!(
///     checksum_sql("CREATE TABLE t (id int); -- the table"),
///     checksum_sql("CREATE TABLE t\r\n  (id int);\n"),
/// );
/// assert_ne!(checksum_sql("SELECT 'a  b'"), checksum_sql("SELECT 'a b'"));
/// ```
pub fn checksum_sql(sql: &str) -> String {
    hex_sha256(&["migrate-sql-v1\n", &canonical_sql(sql)])
}

/// SHA-256 of the concatenated parts, as 64 lowercase hex digits.
pub fn hex_sha256(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// SQL without comments and with whitespace outside quotes collapsed (see the module
/// documentation for the exact form).
///
/// ```
/// use migrate_schema::canonical_sql;
/// assert_eq!(
///     canonical_sql("CREATE TABLE a (\r\n  id int, -- the key\n  b  text /* note */\n) ;"),
///     "CREATE TABLE a(id int,b text);"
/// );
/// assert_eq!(canonical_sql("SELECT 'a  b' , \"x  y\""), "SELECT 'a  b',\"x  y\"");
/// ```
pub fn canonical_sql(sql: &str) -> String {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = String::with_capacity(sql.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '-' && next == Some('-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            pending_space = true;
            continue;
        }
        if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
            pending_space = true;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        // Whitespace next to `(`, `)`, `,` and `;` never separates tokens: drop it there.
        let tight = |ch: char| matches!(ch, '(' | ')' | ',' | ';');
        if pending_space && !out.is_empty() && !tight(c) && !out.ends_with(tight) {
            out.push(' ');
        }
        pending_space = false;
        let end = match c {
            '\'' | '"' | '`' => quoted_end(&chars, i, c),
            '$' => dollar_end(&chars, i),
            _ => i + 1,
        };
        let end = end.min(chars.len());
        out.extend(&chars[i..end]);
        i = end;
    }
    out
}

/// End (exclusive) of the quoted run opening at `start`; a doubled quote is an escape.
fn quoted_end(chars: &[char], start: usize, quote: char) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == '\\' && quote == '\'' {
            i += 2;
            continue;
        }
        if chars[i] == quote {
            if chars.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    chars.len()
}

/// End (exclusive) of a PostgreSQL dollar-quoted body opening at `start`, or `start + 1`
/// when the `$` does not open one (a placeholder such as `$1`).
fn dollar_end(chars: &[char], start: usize) -> usize {
    let mut i = start + 1;
    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
        i += 1;
    }
    if chars.get(i) != Some(&'$') || chars[start + 1..i].first().is_some_and(|c| c.is_ascii_digit()) {
        return start + 1;
    }
    let tag: Vec<char> = chars[start..=i].to_vec();
    let mut j = i + 1;
    while j + tag.len() <= chars.len() {
        if chars[j..j + tag.len()] == tag[..] {
            return j + tag.len();
        }
        j += 1;
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schema;

    #[test]
    fn ops_checksum_is_pinned() {
        let mut s = Schema::new();
        s.create_table("users", |t| {
            t.id("id");
            t.column::<String>("email").max_len(255).unique();
        });
        // If this changes, every applied migration would look edited: bump the version
        // prefix and keep the old algorithm for rows that carry it instead.
        assert_eq!(checksum_ops(s.ops()), "6feb477567ca360614f3d723f52296fab79641590b79a6e4095a20f96fb42378");
    }

    #[test]
    fn sql_checksum_ignores_comments_whitespace_and_line_endings() {
        let a = "CREATE TABLE t (\n  id int -- key\n);\n/* done */";
        let b = "CREATE TABLE t ( id int );";
        assert_eq!(canonical_sql(a), "CREATE TABLE t(id int);");
        assert_eq!(checksum_sql(a), checksum_sql(b));
        assert_eq!(checksum_sql("SELECT 1\r\n"), checksum_sql("SELECT 1\n"));
    }

    #[test]
    fn sql_checksum_keeps_quoted_text_and_dollar_bodies() {
        assert_eq!(canonical_sql("SELECT '--not  a comment'"), "SELECT '--not  a comment'");
        assert_eq!(canonical_sql("SELECT $$a   -- b$$, $1"), "SELECT $$a   -- b$$,$1");
        assert_eq!(canonical_sql("SELECT $f$ x  $f$"), "SELECT $f$ x  $f$");
        assert_ne!(checksum_sql("SELECT 'a'"), checksum_sql("SELECT 'b'"));
    }
}
