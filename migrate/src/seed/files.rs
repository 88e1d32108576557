//! Seed files in `seeds/` (and `seeds/{env}/`, which runs in that environment only): SQL
//! with a header, JSON (`{"table": [{row}, ...]}`) and CSV (one table per file, the header
//! row names the columns). Reading them is pure: what they hold is checked against the
//! database's schema before anything runs (see `check`).
//!
//! ```text
//! -- Seed: plans                  (default: the file's name without extension)
//! -- Env: dev, test               (default: every environment)
//! -- After: 3                     (runs once V3 is applied)
//! -- Key: plans(code)             (what identifies a row; needed for rollback)
//! INSERT INTO plans (code, price) VALUES ('free', 0) ON CONFLICT (code) DO NOTHING;
//! ```
//!
//! JSON keeps the same settings under `"$seed"`: `{"$seed": {"env": ["dev"], "after": 3,
//! "key": {"posts": ["slug"]}, "insert_only": ["tags"]}, "posts": [...]}`; CSV in leading
//! `# Key: slug` / `# Env:` / `# After:` / `# Table:` lines. Without a key, a table's rows
//! are keyed on its primary key.

use super::builder::{Mode, Seeds, TableRows};
use super::value::SeedValue;
use super::{Body, Seed, SeedKind};
use crate::sql::FileError;
use std::path::{Path, PathBuf};

/// Every seed file of `dir` and of its environment folders (`dir/dev/`, ...), by name. A
/// missing directory holds no seeds.
pub fn load_dir(dir: &Path) -> Result<Vec<Seed>, FileError> {
    let mut seeds = Vec::new();
    if !dir.is_dir() {
        return Ok(seeds);
    }
    for (path, env) in files_of(dir)? {
        let text = std::fs::read_to_string(&path).map_err(|e| FileError {
            path: path.clone(),
            line: None,
            message: format!("cannot read it: {e}"),
            unreadable: true,
        })?;
        if let Some(seed) = parse(&path, &text, env.as_deref())? {
            seeds.push(seed);
        }
    }
    Ok(seeds)
}

/// The files of `dir` and, one level down, of its environment folders, sorted.
fn files_of(dir: &Path) -> Result<Vec<(PathBuf, Option<String>)>, FileError> {
    let unreadable = |path: &Path, e: std::io::Error| FileError {
        path: path.to_owned(),
        line: None,
        message: format!("cannot read the directory: {e}"),
        unreadable: true,
    };
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(|e| unreadable(dir, e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            let env = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let mut inner: Vec<PathBuf> = std::fs::read_dir(&path)
                .map_err(|e| unreadable(&path, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            inner.sort();
            out.extend(inner.into_iter().map(|p| (p, env.clone())));
        } else {
            out.push((path, None));
        }
    }
    Ok(out)
}

/// The seed in `text`, read from `path` (its extension says the format; other files are
/// not seeds: `None`); `env` is the environment folder it sits in.
pub(crate) fn parse(path: &Path, text: &str, env: Option<&str>) -> Result<Option<Seed>, FileError> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut header =
        Header { name: stem, env: env.map(|e| vec![e.to_owned()]).unwrap_or_default(), ..Header::default() };
    let fail =
        |line: Option<usize>, message: String| FileError { path: path.to_owned(), line, message, unreadable: false };
    let (kind, body) = match path.extension().and_then(|e| e.to_str()) {
        Some("sql") => (SeedKind::Sql, sql(text, &mut header).map_err(|(line, m)| fail(Some(line), m))?),
        Some("json") => (SeedKind::Json, json(text, &mut header).map_err(|(line, m)| fail(line, m))?),
        Some("csv") => (SeedKind::Csv, csv_body(text, &mut header).map_err(|(line, m)| fail(line, m))?),
        _ => return Ok(None),
    };
    Ok(Some(Seed::new(header.name, kind, header.env, header.after, path.display().to_string(), body)))
}

#[derive(Default)]
struct Header {
    name: String,
    env: Vec<String>,
    after: Option<u64>,
    keys: Vec<(String, Vec<String>)>,
    table: Option<String>,
}

type Failure = (usize, String);

impl Header {
    /// Apply one `Name: value` directive; `false` when the name is not one.
    fn directive(&mut self, line: usize, name: &str, value: &str) -> Result<bool, Failure> {
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "seed" => self.name = value.to_owned(),
            "env" => self.env = list(value),
            "after" => {
                let v = value.trim_start_matches(['V', 'v']);
                self.after = Some(v.parse().map_err(|_| (line, format!("`After: {value}`: expected a version")))?);
            }
            // `Key: roles(name)`; in a CSV file, which holds one table, `Key: name` too.
            "key" if !value.contains('(') => self.keys.push((String::new(), list(value))),
            "key" => {
                for part in split_keys(value) {
                    self.keys.push(key_of(&part).ok_or_else(|| {
                        (line, format!("`Key: {value}`: expected `table(column, ...)`, e.g. `Key: roles(name)`"))
                    })?);
                }
            }
            "table" => self.table = Some(value.to_owned()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

fn list(value: &str) -> Vec<String> {
    value.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

/// `roles(name), plans(code, region)` → `["roles(name)", "plans(code, region)"]`.
fn split_keys(value: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut current) = (0, String::new());
    for c in value.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

fn key_of(part: &str) -> Option<(String, Vec<String>)> {
    let (table, rest) = part.split_once('(')?;
    let columns = list(rest.strip_suffix(')')?);
    (!table.trim().is_empty() && !columns.is_empty()).then(|| (table.trim().to_owned(), columns))
}

/// A SQL seed: the `-- Name: value` lines at the top, then the statements.
fn sql(text: &str, header: &mut Header) -> Result<Body, Failure> {
    let (mut offset, mut body_line) = (0, 1);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let Some(comment) = trimmed.strip_prefix("--") else { break };
            if let Some((name, value)) = comment.split_once(':') {
                header.directive(i + 1, name, value)?;
            }
        }
        offset += line.len();
        body_line = i + 2;
    }
    let statements = text[offset..].to_owned();
    if header.keys.iter().any(|(table, _)| table.is_empty()) {
        return Err((1, "`Key:` in a SQL seed names its table: `Key: roles(name)`".to_owned()));
    }
    Ok(Body::Sql { text: statements, line: body_line, keys: std::mem::take(&mut header.keys) })
}

/// A JSON seed: `{"table": [{"column": value, ...}, ...], ...}` in file order, with the
/// settings under `"$seed"`.
fn json(text: &str, header: &mut Header) -> Result<Body, (Option<usize>, String)> {
    let doc: Ordered = serde_json::from_str(text).map_err(|e| (Some(e.line()), format!("not valid JSON: {e}")))?;
    let mut lines = row_lines(text).into_iter();
    let mut seeds = Seeds::new();
    let mut insert_only = Vec::new();
    for (table, value) in doc.0 {
        if table == "$seed" {
            insert_only = settings(value, header).map_err(|m| (Some(1), m))?;
            continue;
        }
        let serde_json::Value::Array(rows) = value else {
            return Err((None, format!("`{table}`: expected an array of rows (objects)")));
        };
        let mut out = TableRows::new(table.clone(), Mode::Upsert);
        for (i, row) in rows.into_iter().enumerate() {
            let line = lines.next().unwrap_or(1);
            let serde_json::Value::Object(fields) = row else {
                return Err((Some(line), format!("`{table}` row {}: expected an object", i + 1)));
            };
            out.push(fields.into_iter().map(|(c, v)| (c, SeedValue::from_json(v))).collect(), line);
        }
        seeds.tables.push(out);
    }
    for t in &mut seeds.tables {
        if let Some((_, key)) = header.keys.iter().find(|(table, _)| *table == t.table) {
            t.key = key.clone();
        }
        if insert_only.contains(&t.table) {
            t.mode = Mode::Insert;
        }
    }
    Ok(Body::Rows { seeds, from_text: false })
}

/// The `"$seed"` object: name, env, after, key (per table) and insert_only (tables).
fn settings(value: serde_json::Value, header: &mut Header) -> Result<Vec<String>, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Settings {
        name: Option<String>,
        env: Option<Vec<String>>,
        after: Option<u64>,
        #[serde(default)]
        key: std::collections::BTreeMap<String, Vec<String>>,
        #[serde(default)]
        insert_only: Vec<String>,
    }
    let s: Settings = serde_json::from_value(value).map_err(|e| format!("`$seed`: {e}"))?;
    if let Some(name) = s.name {
        header.name = name;
    }
    if let Some(env) = s.env {
        header.env = env;
    }
    header.after = s.after.or(header.after);
    header.keys.extend(s.key);
    Ok(s.insert_only)
}

/// An object's entries in the order of the text (serde_json's map sorts them, and the order
/// of tables is the order they are written in, parents before children).
struct Ordered(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of tables: {\"table\": [{row}, ...]}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// The line of every row (an element of an array that is a value of the top-level
/// object), in the order of the text.
fn row_lines(text: &str) -> Vec<usize> {
    let (mut stack, mut lines, mut line) = (Vec::new(), Vec::new(), 1);
    let (mut in_string, mut escaped, mut expecting) = (false, false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        let in_rows = stack == ['{', '['];
        if in_rows && expecting && !c.is_whitespace() && c != ']' {
            lines.push(line);
            expecting = false;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                stack.push(c);
                expecting = stack == ['{', '['];
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' if in_rows => expecting = true,
            _ => {}
        }
    }
    lines
}

/// A CSV seed: `# Name: value` lines, then the header row and the rows. Cells are text
/// until the check reads them as the column's type; an empty cell is NULL.
fn csv_body(text: &str, header: &mut Header) -> Result<Body, (Option<usize>, String)> {
    for (i, line) in text.lines().enumerate() {
        let Some(comment) = line.trim().strip_prefix('#') else { break };
        if let Some((name, value)) = comment.split_once(':') {
            header.directive(i + 1, name, value).map_err(|(l, m)| (Some(l), m))?;
        }
    }
    let table = header.table.clone().unwrap_or_else(|| table_of_stem(&header.name));
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| (e.position().map(|p| p.line() as usize), format!("the header row: {e}")))?
        .iter()
        .map(|c| c.trim().to_owned())
        .collect();
    let mut rows = TableRows::new(table, Mode::Upsert);
    if let Some((_, key)) = header.keys.iter().find(|(t, _)| t.is_empty() || *t == rows.table) {
        rows.key = key.clone();
    }
    for record in reader.records() {
        let record = record.map_err(|e| (e.position().map(|p| p.line() as usize), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.len() != columns.len() {
            return Err((Some(line), format!("{} cells for {} columns", record.len(), columns.len())));
        }
        let values = columns
            .iter()
            .zip(record.iter())
            .map(|(c, cell)| {
                (c.clone(), if cell.is_empty() { SeedValue::Null } else { SeedValue::Text(cell.to_owned()) })
            })
            .collect();
        rows.push(values, line);
    }
    let mut seeds = Seeds::new();
    seeds.tables.push(rows);
    Ok(Body::Rows { seeds, from_text: true })
}

/// `02_roles` → `roles`: a leading number orders the files and is not part of the table.
fn table_of_stem(stem: &str) -> String {
    let rest = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    match rest.strip_prefix('_') {
        Some(table) if rest.len() < stem.len() => table.to_owned(),
        _ => stem.to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn rows_of(seed: &Seed) -> &Seeds {
        match &seed.body {
            Body::Rows { seeds, .. } => seeds,
            Body::Sql { .. } => panic!("not rows"),
        }
    }

    #[test]
    fn json_rows_keep_file_order_and_lines() {
        let text = "{\n  \"$seed\": {\"env\": [\"dev\"], \"key\": {\"posts\": [\"slug\"]}},\n  \"users\": [\n    {\"id\": 1},\n    {\"id\": 2}\n  ],\n  \"posts\": [{\"slug\": \"a\", \"user_id\": 1}]\n}\n";
        let seed = parse(Path::new("seeds/demo.json"), text, None).unwrap().unwrap();
        assert_eq!(seed.env, ["dev"]);
        let seeds = rows_of(&seed);
        let tables: Vec<&str> = seeds.tables.iter().map(|t| t.table.as_str()).collect();
        assert_eq!(tables, ["users", "posts"]);
        assert_eq!(seeds.tables[0].rows[1].line, Some(5));
        assert_eq!(seeds.tables[1].rows[0].line, Some(7));
        assert_eq!(seeds.tables[1].key, ["slug"]);
    }

    #[test]
    fn a_json_row_that_is_not_an_object_names_its_line() {
        let text = "{\"roles\": [\n {\"name\": \"a\"},\n 42\n]}";
        let e = parse(Path::new("seeds/roles.json"), text, None).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.to_string().contains("row 2: expected an object"), "{e}");
    }

    #[test]
    fn csv_reads_its_header_and_names_the_line_of_a_short_row() {
        let text = "# Key: code\n# Env: dev, test\ncode,price\nfree,0\npro\n";
        let e = parse(Path::new("seeds/10_plans.csv"), text, None).unwrap_err();
        assert_eq!(e.line, Some(5), "{e}");
        let ok =
            parse(Path::new("seeds/10_plans.csv"), "# Key: code\ncode,price\nfree,\n", Some("dev")).unwrap().unwrap();
        let seeds = rows_of(&ok);
        assert_eq!(seeds.tables[0].table, "plans");
        assert_eq!(seeds.tables[0].key, ["code"]);
        assert_eq!(seeds.tables[0].rows[0].get("price"), Some(&SeedValue::Null));
        assert_eq!(ok.env, ["dev"]);
    }

    #[test]
    fn sql_headers_give_name_env_after_and_keys() {
        let text = "-- Seed: plans\n-- Env: dev, test\n-- After: V3\n-- Key: plans(code), prices(plan, region)\n\nINSERT INTO plans VALUES ('free');\n";
        let seed = parse(Path::new("seeds/x.sql"), text, None).unwrap().unwrap();
        assert_eq!((seed.name.as_str(), seed.after), ("plans", Some(3)));
        let Body::Sql { keys, text, line } = &seed.body else { panic!() };
        assert_eq!(keys[1], ("prices".to_owned(), vec!["plan".to_owned(), "region".to_owned()]));
        assert!(text.starts_with("\nINSERT") || text.starts_with("INSERT"), "{text:?}");
        assert!(*line >= 5);
    }
}
