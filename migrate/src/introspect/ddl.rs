//! Just enough of a `CREATE TABLE` statement to find what SQLite's pragmas do not report:
//! constraint names, check expressions, `AUTOINCREMENT`, collations and generated columns.

/// One part of a `CREATE TABLE` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    /// A column definition.
    Column(ColumnDef),
    /// A table constraint.
    Constraint { name: Option<String>, kind: ConstraintKind },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConstraintKind {
    PrimaryKey,
    Unique(Vec<String>),
    Check(String),
    ForeignKey(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ColumnDef {
    pub(crate) name: String,
    /// Inline checks: (constraint name, expression).
    pub(crate) checks: Vec<(Option<String>, String)>,
    pub(crate) autoincrement: bool,
    pub(crate) collate: Option<String>,
    /// `[GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL]`: the expression, and whether stored.
    pub(crate) generated: Option<(String, bool)>,
}

/// The parts of `CREATE TABLE name (…)`, and whether `WITHOUT ROWID` follows.
pub(crate) fn table_parts(sql: &str) -> (Vec<Part>, bool) {
    let Some(open) = sql.find('(') else { return (Vec::new(), false) };
    let Some(close) = matching(sql, open) else { return (Vec::new(), false) };
    let tail = sql[close + 1..].to_ascii_lowercase();
    let without_rowid = tail.split_whitespace().collect::<Vec<_>>().windows(2).any(|w| w == ["without", "rowid"]);
    let parts = split_top(&sql[open + 1..close]).into_iter().map(|p| part(p.trim())).collect();
    (parts, without_rowid)
}

fn part(text: &str) -> Part {
    let tokens = tokens(text);
    let (name, rest) = match tokens.first() {
        Some(Token::Word(w)) if w.eq_ignore_ascii_case("constraint") => {
            (tokens.get(1).map(Token::text), tokens.get(2..).unwrap_or_default())
        }
        _ => (None, &tokens[..]),
    };
    let word = |i: usize| rest.get(i).and_then(Token::word).map(str::to_ascii_lowercase);
    let kind = match word(0).as_deref() {
        Some("primary") => Some(ConstraintKind::PrimaryKey),
        Some("unique") => Some(ConstraintKind::Unique(names(rest.get(1)))),
        Some("check") => Some(ConstraintKind::Check(group(rest.get(1)))),
        Some("foreign") => Some(ConstraintKind::ForeignKey(names(rest.get(2)))),
        _ => None,
    };
    match kind {
        Some(kind) if name.is_some() || tokens.len() > 1 => Part::Constraint { name, kind },
        _ => Part::Column(column(&tokens)),
    }
}

fn column(tokens: &[Token]) -> ColumnDef {
    let mut def = ColumnDef { name: tokens.first().map(Token::text).unwrap_or_default(), ..ColumnDef::default() };
    let mut pending_name = None;
    let mut i = 1;
    while i < tokens.len() {
        match tokens[i].word().map(str::to_ascii_lowercase).as_deref() {
            Some("constraint") => {
                pending_name = tokens.get(i + 1).map(Token::text);
                i += 1;
            }
            Some("check") => {
                def.checks.push((pending_name.take(), group(tokens.get(i + 1))));
                i += 1;
            }
            Some("autoincrement") => def.autoincrement = true,
            Some("collate") => {
                def.collate = tokens.get(i + 1).map(Token::text);
                i += 1;
            }
            Some("as") if matches!(tokens.get(i + 1), Some(Token::Group(_))) => {
                let stored = tokens.get(i + 2).and_then(Token::word).is_some_and(|w| w.eq_ignore_ascii_case("stored"));
                def.generated = Some((group(tokens.get(i + 1)), stored));
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    def
}

/// The identifiers inside a parenthesised group: `("a", b)` → `[a, b]`.
fn names(token: Option<&Token>) -> Vec<String> {
    let inside = group(token);
    split_top(&inside).into_iter().filter_map(|p| tokens(p.trim()).first().map(Token::text)).collect()
}

/// The text inside a parenthesised group.
fn group(token: Option<&Token>) -> String {
    match token {
        Some(Token::Group(inside)) => inside.trim().to_owned(),
        _ => String::new(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Quoted(String),
    Group(String),
    Other,
}

impl Token {
    fn word(&self) -> Option<&str> {
        match self {
            Token::Word(w) => Some(w),
            _ => None,
        }
    }

    fn text(&self) -> String {
        match self {
            Token::Word(w) | Token::Quoted(w) => w.clone(),
            Token::Group(g) => g.clone(),
            Token::Other => String::new(),
        }
    }
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            let end = matching(text, i).unwrap_or(text.len() - 1);
            out.push(Token::Group(text[i + 1..end].to_owned()));
            i = end + 1;
        } else if let Some(close) = closing_quote(c) {
            let (value, end) = quoted(text, i, c, close);
            out.push(if c == '\'' { Token::Other } else { Token::Quoted(value) });
            i = end;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < bytes.len() && ((bytes[i] as char).is_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80) {
                i += 1;
            }
            out.push(Token::Word(text[start..i].to_owned()));
        } else {
            out.push(Token::Other);
            i += c.len_utf8();
        }
    }
    out
}

fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '`' => Some('`'),
        '[' => Some(']'),
        '\'' => Some('\''),
        _ => None,
    }
}

/// The content of the quoted text starting at `start`, and the index after it.
fn quoted(text: &str, start: usize, open: char, close: char) -> (String, usize) {
    let mut value = String::new();
    let mut chars = text[start + open.len_utf8()..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == close {
            if close != ']' && chars.peek().map(|(_, n)| *n) == Some(close) {
                chars.next();
                value.push(c);
                continue;
            }
            return (value, start + open.len_utf8() + i + c.len_utf8());
        }
        value.push(c);
    }
    (value, text.len())
}

/// The index of the parenthesis closing the one at `open`.
fn matching(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let c = bytes[i] as char;
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {
                if let Some(close) = closing_quote(c) {
                    i = quoted(text, i, c, close).1;
                    continue;
                }
            }
        }
        i += 1;
    }
    None
}

/// Split at commas outside parentheses and quotes.
fn split_top(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let c = bytes[i] as char;
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {
                if let Some(close) = closing_quote(c) {
                    i = quoted(text, i, c, close).1;
                    continue;
                }
            }
        }
        i += 1;
    }
    if !text[start..].trim().is_empty() {
        parts.push(&text[start..]);
    }
    parts
}

/// The predicate of `CREATE INDEX … WHERE predicate`, if any.
pub(crate) fn index_predicate(sql: &str) -> Option<String> {
    let open = sql.find('(')?;
    let close = matching(sql, open)?;
    let tail = sql[close + 1..].trim();
    let keyword = tail.get(..5)?;
    keyword.eq_ignore_ascii_case("where").then(|| tail[5..].trim().to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn finds_constraint_names_checks_and_column_options() {
        let sql = r#"CREATE TABLE "t" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "mood" text CHECK ("mood" IN ('a', 'b,c')), name text COLLATE NOCASE, total integer GENERATED ALWAYS AS (id * 2), CONSTRAINT "t_name_key" UNIQUE ("name"), CONSTRAINT "positive" CHECK (id > 0), CONSTRAINT "fk_t" FOREIGN KEY ("id") REFERENCES "u" ("id"), UNIQUE (mood, name) ) WITHOUT ROWID"#;
        let (parts, without_rowid) = table_parts(sql);
        assert!(without_rowid);
        assert_eq!(parts.len(), 8);
        let Part::Column(id) = &parts[0] else { panic!("{:?}", parts[0]) };
        assert!(id.autoincrement);
        let Part::Column(mood) = &parts[1] else { panic!() };
        assert_eq!(mood.checks, vec![(None, r#""mood" IN ('a', 'b,c')"#.to_owned())]);
        let Part::Column(name) = &parts[2] else { panic!() };
        assert_eq!(name.collate.as_deref(), Some("NOCASE"));
        let Part::Column(total) = &parts[3] else { panic!() };
        assert!(total.generated.is_some());
        assert_eq!(
            parts[4],
            Part::Constraint { name: Some("t_name_key".into()), kind: ConstraintKind::Unique(vec!["name".into()]) }
        );
        assert_eq!(
            parts[5],
            Part::Constraint { name: Some("positive".into()), kind: ConstraintKind::Check("id > 0".into()) }
        );
        assert_eq!(
            parts[6],
            Part::Constraint { name: Some("fk_t".into()), kind: ConstraintKind::ForeignKey(vec!["id".into()]) }
        );
        assert_eq!(
            parts[7],
            Part::Constraint { name: None, kind: ConstraintKind::Unique(vec!["mood".into(), "name".into()]) }
        );
    }

    #[test]
    fn index_predicates() {
        assert_eq!(index_predicate(r#"CREATE INDEX "i" ON "t" ("a") WHERE a > 0"#).as_deref(), Some("a > 0"));
        assert_eq!(index_predicate(r#"CREATE INDEX "i" ON "t" ("a")"#), None);
    }
}
