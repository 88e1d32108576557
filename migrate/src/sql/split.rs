//! Cutting SQL text into the statements a database accepts one at a time.
//!
//! The splitter reads the text once, tracking what a `;` can hide behind: quoted strings
//! (with `''` and, where the dialect has them, backslash escapes), quoted identifiers,
//! `--`, `#` (MySQL) and nested `/* */` comments, PostgreSQL dollar-quoted bodies
//! (`DO $$ … $$`, function bodies), trigger and `BEGIN ATOMIC` bodies that end with
//! `END`, and MySQL's client-side `DELIMITER` command. Statements that are only comments
//! are dropped; everything else is kept byte for byte.

use migrate_schema::Dialect;
use std::fmt;

/// One statement of a SQL text, and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlStatement {
    /// The statement, without its terminator, trimmed.
    pub sql: String,
    /// The line of the text it starts on.
    pub line: usize,
}

/// SQL text the splitter cannot cut: something opened that never closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// The line where the unclosed construct opens (1-based).
    pub line: usize,
    /// What is unclosed.
    pub message: String,
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SplitError {}

/// Cut `text` into statements for `dialect`.
///
/// ```
/// use migrate::sql::split;
/// use migrate::schema::Dialect;
///
/// let text = "CREATE TABLE t (s text DEFAULT 'a;b'); -- one\n\
///             CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN UPDATE t SET s = 'x'; END;";
/// let statements = split(text, Dialect::Sqlite).unwrap();
/// assert_eq!(statements.len(), 2);
/// assert_eq!(statements[1].line, 2);
/// assert!(statements[1].sql.ends_with("END"));
/// ```
pub fn split(text: &str, dialect: Dialect) -> Result<Vec<SqlStatement>, SplitError> {
    Splitter { chars: text.chars().collect(), dialect, at: 0, line: 1, out: Vec::new() }.run()
}

struct Splitter {
    chars: Vec<char>,
    dialect: Dialect,
    at: usize,
    line: usize,
    out: Vec<SqlStatement>,
}

impl Splitter {
    fn run(mut self) -> Result<Vec<SqlStatement>, SplitError> {
        let mut delimiter: Vec<char> = vec![';'];
        let mut current = String::new();
        let mut start_line = 1;
        let mut has_code = false;
        // Words of the statement so far (upper-cased), to see trigger and BEGIN ATOMIC bodies.
        let mut words: Vec<String> = Vec::new();
        let mut depth = 0usize;
        while self.at < self.chars.len() {
            let c = self.chars[self.at];
            if !has_code && self.dialect == Dialect::MySql && self.at_line_start() && self.word_ci("DELIMITER") {
                delimiter = self.delimiter_command()?;
                current.clear();
                continue;
            }
            // Under a custom DELIMITER the delimiter alone ends statements.
            let custom = delimiter != [';'];
            if (depth == 0 || custom) && self.looking_at(&delimiter) {
                self.at += delimiter.len();
                self.finish(&mut current, start_line, has_code);
                has_code = false;
                words.clear();
                depth = 0;
                continue;
            }
            let opened = self.line;
            let end = match c {
                '\'' => self.quoted('\'', self.backslash_escapes(&current), opened, "string")?,
                // MySQL (without ANSI_QUOTES) reads "…" as a string, backslash escapes included.
                '"' if self.dialect == Dialect::MySql => self.quoted('"', true, opened, "string")?,
                '"' => self.quoted('"', false, opened, "quoted identifier")?,
                '`' if self.dialect == Dialect::MySql => self.quoted('`', false, opened, "quoted identifier")?,
                '[' if self.dialect == Dialect::Sqlite => self.until_char(']', opened, "bracketed identifier")?,
                '-' if self.peek(1) == Some('-') => self.line_comment(),
                '#' if self.dialect == Dialect::MySql => self.line_comment(),
                '/' if self.peek(1) == Some('*') => self.block_comment(opened)?,
                '$' if self.dialect == Dialect::Postgres => self.dollar(opened)?,
                _ => self.at + 1,
            };
            // MySQL runs what `/*! … */` and MariaDB `/*M! … */` hold (mysqldump writes views,
            // triggers and settings so): code, not comments.
            let executable = self.dialect == Dialect::MySql
                && c == '/'
                && (self.peek(2) == Some('!') || (self.peek(2) == Some('M') && self.peek(3) == Some('!')));
            let is_comment = (c == '-' && self.peek(1) == Some('-'))
                || (c == '#' && self.dialect == Dialect::MySql)
                || (c == '/' && self.peek(1) == Some('*') && !executable);
            if !has_code && !c.is_whitespace() && !is_comment {
                has_code = true;
                start_line = self.line;
            }
            if c.is_alphabetic() || c == '_' {
                // The client looks for a custom delimiter at every character, so a word
                // delimiter written right after text (`t1MySQL`) still ends the statement.
                let word_end = match custom {
                    true => self.word_end_before(&delimiter),
                    false => self.word_end(),
                };
                let word: String = self.chars[self.at..word_end].iter().collect::<String>().to_uppercase();
                if !custom {
                    depth = body_depth(&words, &word, depth);
                }
                words.push(word);
                self.push_range(&mut current, word_end);
                continue;
            }
            self.push_range(&mut current, end);
        }
        if depth > 0 {
            return Err(SplitError { line: start_line, message: "a BEGIN … END body is never closed by END".into() });
        }
        self.finish(&mut current, start_line, has_code);
        Ok(self.out)
    }

    fn finish(&mut self, current: &mut String, line: usize, has_code: bool) {
        if has_code {
            self.out.push(SqlStatement { sql: current.trim().to_owned(), line });
        }
        current.clear();
    }

    fn push_range(&mut self, current: &mut String, end: usize) {
        for &ch in &self.chars[self.at..end] {
            if ch == '\n' {
                self.line += 1;
            }
            current.push(ch);
        }
        self.at = end;
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn looking_at(&self, pattern: &[char]) -> bool {
        self.chars[self.at..].starts_with(pattern)
    }

    fn at_line_start(&self) -> bool {
        self.chars[..self.at].iter().rev().take_while(|c| **c != '\n').all(|c| c.is_whitespace())
    }

    fn word_ci(&self, word: &str) -> bool {
        let end = self.at + word.len();
        end <= self.chars.len()
            && self.chars[self.at..end].iter().collect::<String>().eq_ignore_ascii_case(word)
            && self.chars.get(end).is_none_or(|c| c.is_whitespace())
    }

    fn word_end(&self) -> usize {
        let mut i = self.at;
        while i < self.chars.len() && (self.chars[i].is_alphanumeric() || self.chars[i] == '_') {
            i += 1;
        }
        i
    }

    /// [`Splitter::word_end`], stopping where `delimiter` starts inside the word.
    fn word_end_before(&self, delimiter: &[char]) -> usize {
        let end = self.word_end();
        (self.at + 1..end).find(|&i| self.chars[i..].starts_with(delimiter)).unwrap_or(end)
    }

    /// `DELIMITER x` (MySQL client command): returns the new delimiter, consuming the line.
    fn delimiter_command(&mut self) -> Result<Vec<char>, SplitError> {
        let line_end = self.chars[self.at..].iter().position(|c| *c == '\n').map_or(self.chars.len(), |p| self.at + p);
        let rest: String = self.chars[self.at + "DELIMITER".len()..line_end].iter().collect();
        let delimiter = rest.trim();
        if delimiter.is_empty() {
            return Err(SplitError { line: self.line, message: "DELIMITER without a delimiter".into() });
        }
        self.at = line_end;
        Ok(delimiter.chars().collect())
    }

    /// PostgreSQL `E'…'` strings, and every MySQL string, treat backslash as an escape.
    fn backslash_escapes(&self, current: &str) -> bool {
        match self.dialect {
            Dialect::MySql => true,
            Dialect::Postgres => {
                current.ends_with(['E', 'e']) && !current[..current.len() - 1].ends_with(|c: char| c.is_alphanumeric())
            }
            Dialect::Sqlite => false,
        }
    }

    fn quoted(&self, quote: char, backslash: bool, line: usize, what: &str) -> Result<usize, SplitError> {
        let mut i = self.at + 1;
        while i < self.chars.len() {
            let c = self.chars[i];
            if backslash && c == '\\' {
                i += 2;
                continue;
            }
            if c == quote {
                if self.chars.get(i + 1) == Some(&quote) {
                    i += 2;
                    continue;
                }
                return Ok(i + 1);
            }
            i += 1;
        }
        Err(SplitError { line, message: format!("unterminated {what} (opened with {quote})") })
    }

    fn until_char(&self, close: char, line: usize, what: &str) -> Result<usize, SplitError> {
        match self.chars[self.at + 1..].iter().position(|c| *c == close) {
            Some(p) => Ok(self.at + 1 + p + 1),
            None => Err(SplitError { line, message: format!("unterminated {what}") }),
        }
    }

    fn line_comment(&self) -> usize {
        self.chars[self.at..].iter().position(|c| *c == '\n').map_or(self.chars.len(), |p| self.at + p)
    }

    /// `/* … */`, nested on PostgreSQL.
    fn block_comment(&self, line: usize) -> Result<usize, SplitError> {
        let nests = self.dialect == Dialect::Postgres;
        let mut depth = 1;
        let mut i = self.at + 2;
        while i + 1 < self.chars.len() {
            match (self.chars[i], self.chars[i + 1]) {
                ('*', '/') => {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        return Ok(i);
                    }
                }
                ('/', '*') if nests => {
                    depth += 1;
                    i += 2;
                }
                _ => i += 1,
            }
        }
        Err(SplitError { line, message: "unterminated /* comment".into() })
    }

    /// `$tag$ … $tag$`; a `$` that opens no tag (a parameter such as `$1`) is itself.
    fn dollar(&self, line: usize) -> Result<usize, SplitError> {
        // Inside an identifier (`a$b`) a `$` is part of the name.
        if self.at > 0 && (self.chars[self.at - 1].is_alphanumeric() || self.chars[self.at - 1] == '_') {
            return Ok(self.at + 1);
        }
        let mut i = self.at + 1;
        while i < self.chars.len() && (self.chars[i].is_alphanumeric() || self.chars[i] == '_') {
            i += 1;
        }
        let opens = self.chars.get(i) == Some(&'$') && !self.peek(1).is_some_and(|c| c.is_ascii_digit());
        if !opens {
            return Ok(self.at + 1);
        }
        let tag = &self.chars[self.at..=i];
        let mut j = i + 1;
        while j + tag.len() <= self.chars.len() {
            if &self.chars[j..j + tag.len()] == tag {
                return Ok(j + tag.len());
            }
            j += 1;
        }
        let tag: String = tag.iter().collect();
        Err(SplitError { line, message: format!("unterminated dollar-quoted body (opened with {tag})") })
    }
}

/// The nesting of `BEGIN … END` bodies after `word`, in a statement whose earlier words are
/// `words`: only trigger bodies (`CREATE [TEMP] TRIGGER … BEGIN`) and SQL-standard function
/// bodies (`BEGIN ATOMIC`) hold semicolons; `CASE … END` nests inside them.
fn body_depth(words: &[String], word: &str, depth: usize) -> usize {
    let in_trigger = || {
        let lead: Vec<&str> = words.iter().take(6).map(String::as_str).collect();
        lead.first() == Some(&"CREATE") && lead.contains(&"TRIGGER")
    };
    let after_end = words.last().is_some_and(|w| w == "END");
    match word {
        "BEGIN" if depth > 0 || in_trigger() => depth + 1,
        "ATOMIC" if words.last().is_some_and(|w| w == "BEGIN") && depth == 0 => 1,
        // `END CASE` closes the CASE its END already counted.
        "CASE" if depth > 0 && !after_end => depth + 1,
        // MySQL's `END IF`, `END LOOP`, `END WHILE`, `END REPEAT` close blocks that were
        // not counted: their END closed nothing.
        "IF" | "LOOP" | "WHILE" | "REPEAT" if after_end && words.len() > 1 => depth + 1,
        "END" if depth > 0 => depth - 1,
        _ => depth,
    }
}
