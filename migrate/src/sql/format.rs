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
    let parser: &dyn ParserDialect = match dialect {
        Dialect::Postgres => &PostgreSqlDialect {},
        Dialect::MySql => &MySqlDialect {},
        Dialect::Sqlite => &SQLiteDialect {},
    };
    let tokens = Tokenizer::new(parser, sql).tokenize_with_location().map_err(|e| e.to_string())?;
    if let Some(comment) = tokens.iter().find(|t| {
        matches!(t.token, Token::Whitespace(Whitespace::SingleLineComment { .. } | Whitespace::MultiLineComment(_)))
    }) {
        return Err(format!(
            "line {}: formatting would drop this comment; the text is left as it is",
            comment.span.start.line
        ));
    }
    let statements = Parser::parse_sql(parser, sql).map_err(|e| e.to_string())?;
    let pretty: Vec<String> = statements.iter().map(|s| format!("{s:#};")).collect();
    let text = pretty.join("\n\n");
    let again = Parser::parse_sql(parser, &text).map_err(|e| format!("the formatted text would not parse: {e}"))?;
    if again != statements {
        return Err("the parser would not print these statements back exactly; the text is left as it is".to_owned());
    }
    Ok(if text.is_empty() { text } else { text + "\n" })
}
