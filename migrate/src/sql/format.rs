//! Formatting a section of a SQL file: each statement pretty-printed by the parser, and
//! only when that changes nothing the database would see.

use migrate_schema::Dialect;
use sqlparser::dialect::{Dialect as ParserDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer, Whitespace};

/// `sql` with each statement on its own lines, indented, keywords as the parser writes
/// them, one blank line between statements. Refused (with why) when the text does not
/// parse, has comments (which the parser would drop), or when the formatted text would not
/// parse back to the same statements.
///
/// ```
/// use migrate::sql::format;
/// use migrate_schema::Dialect;
///
/// let pretty = format(Dialect::Postgres, "create table t (id int primary key, name text); drop table u").unwrap();
/// assert!(pretty.starts_with("CREATE TABLE t ("));
/// assert!(pretty.contains("\n\nDROP TABLE u;"));
/// assert!(format(Dialect::Postgres, "-- keep me\nSELECT 1").unwrap_err().contains("comment"));
/// ```
pub fn format(dialect: Dialect, sql: &str) -> Result<String, String> {
    statements(dialect, sql, 1)
}

/// A whole migration file formatted: its header and markers kept as they are, the
/// statements of each section as [`format`] writes them. Errors name the file's line.
///
/// ```
/// use migrate::sql::format_file;
/// use migrate_schema::Dialect;
///
/// let file = "-- Migration: Users\n-- === UP Migration ===\ncreate table users (id int);\n-- === DOWN Migration ===\ndrop table users;\n";
/// let pretty = format_file(Dialect::Sqlite, file).unwrap();
/// assert!(pretty.starts_with("-- Migration: Users\n-- === UP Migration ===\nCREATE TABLE users"));
/// assert!(pretty.ends_with("-- === DOWN Migration ===\nDROP TABLE users;\n"));
/// let commented = "-- === UP Migration ===\nselect 1;\n-- why\nselect 2;\n";
/// assert!(format_file(Dialect::Sqlite, commented).unwrap_err().starts_with("line 3:"));
/// ```
pub fn format_file(dialect: Dialect, text: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut body = String::new();
    let mut body_line = 1;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let comment = line.trim_start().starts_with("--");
        if super::file::is_marker(line) || (comment && body.trim().is_empty()) {
            if body.trim().is_empty() {
                out.push_str(&body);
            } else {
                out.push_str(&statements(dialect, &body, body_line)?);
                out.push('\n');
            }
            body.clear();
            out.push_str(line);
            body_line = i + 2;
        } else {
            body.push_str(line);
        }
    }
    if body.trim().is_empty() {
        out.push_str(&body);
    } else {
        out.push_str(&statements(dialect, &body, body_line)?);
    }
    Ok(out)
}

/// [`format`] on text that starts on line `first_line` of its file.
fn statements(dialect: Dialect, sql: &str, first_line: usize) -> Result<String, String> {
    let parser: &dyn ParserDialect = match dialect {
        Dialect::Postgres => &PostgreSqlDialect {},
        Dialect::MySql => &MySqlDialect {},
        Dialect::Sqlite => &SQLiteDialect {},
    };
    let tokens = Tokenizer::new(parser, sql)
        .tokenize_with_location()
        .map_err(|e| format!("the statements from line {first_line}: {e}"))?;
    if let Some(comment) = tokens.iter().find(|t| {
        matches!(t.token, Token::Whitespace(Whitespace::SingleLineComment { .. } | Whitespace::MultiLineComment(_)))
    }) {
        return Err(format!(
            "line {}: formatting would drop this comment; the text is left as it is",
            comment.span.start.line as usize + first_line - 1
        ));
    }
    let from_line = |e: sqlparser::parser::ParserError| format!("the statements from line {first_line}: {e}");
    let statements = Parser::parse_sql(parser, sql).map_err(from_line)?;
    let pretty: Vec<String> = statements.iter().map(|s| format!("{s:#};")).collect();
    let text = pretty.join("\n\n");
    let again = Parser::parse_sql(parser, &text).map_err(|e| format!("the formatted text would not parse: {e}"))?;
    if again != statements {
        return Err("the parser would not print these statements back exactly; the text is left as it is".to_owned());
    }
    Ok(if text.is_empty() { text } else { text + "\n" })
}
