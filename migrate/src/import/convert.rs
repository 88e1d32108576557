//! Another tool's migration as one of ours: a SQL file in our format with the same version
//! and name (so the adopted history lines up), or, for code, a `#[migration]` skeleton to
//! port it into. The converted file is parsed back and must hold the same statements.

use super::{Body, Found, Language, Tool};
use crate::sql::{FileError, SqlFile};
use migrate_schema::canonical_sql;
use std::path::{Path, PathBuf};

/// A migration converted to our format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Converted {
    /// A SQL file to write into the migrations directory.
    Sql {
        /// Its version.
        version: u64,
        /// The file name (`V{version}_{date}_{name}.sql`).
        file_name: String,
        /// Its text.
        text: String,
        /// The tool's file it came from.
        from: PathBuf,
    },
    /// Code to port by hand, with a skeleton to start from.
    Code {
        /// Its version.
        version: u64,
        /// The tool's file.
        from: PathBuf,
        /// Its language.
        language: Language,
        /// A `#[migration]` function with the version and name filled in.
        skeleton: String,
    },
}

impl Converted {
    /// Its version.
    pub fn version(&self) -> u64 {
        match self {
            Converted::Sql { version, .. } | Converted::Code { version, .. } => *version,
        }
    }
}

/// `found`, from `tool`, in our format. `today` (`YYYYMMDD`) stamps the file name of a
/// version that is not itself a date.
pub fn convert(tool: Tool, found: &Found, today: &str) -> Result<Converted, FileError> {
    let (up, down, transaction) = match &found.body {
        Body::Code(language) => {
            return Ok(Converted::Code {
                version: found.version,
                from: found.file.clone(),
                language: *language,
                skeleton: skeleton(tool, found, *language),
            });
        }
        Body::Sql { up, down, transaction } => (up, down, *transaction),
    };
    let snake = snake_case(&found.name);
    let stamp = date_of(found.version).unwrap_or_else(|| today.to_owned());
    let file_name = format!("V{:03}_{stamp}_{snake}.sql", found.version);
    let mut text = format!(
        "-- Migration: {}\n-- Version: {:03}\n-- Description: imported from {tool} ({})\n",
        one_line(&found.name),
        found.version,
        found.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    );
    if !transaction {
        text.push_str("-- migrate:no-transaction\n");
    }
    text.push_str("\n-- === UP Migration ===\n");
    push_section(&mut text, up);
    if let Some(down) = down {
        text.push_str("\n-- === DOWN Migration ===\n");
        push_section(&mut text, down);
    }
    same_statements(Path::new(&file_name), &found.file, &text, up, down.as_deref())?;
    Ok(Converted::Sql { version: found.version, file_name, text, from: found.file.clone() })
}

fn push_section(text: &mut String, body: &str) {
    let body = body.trim_matches('\n');
    text.push_str(body);
    if !body.is_empty() {
        text.push('\n');
    }
}

/// The file we wrote must say what the tool's did: a line of the tool's SQL that our
/// parser takes for a section marker would otherwise move statements between UP and DOWN.
fn same_statements(name: &Path, from: &Path, text: &str, up: &str, down: Option<&str>) -> Result<(), FileError> {
    let parsed = SqlFile::parse(name, text).map_err(|e| FileError { path: from.to_owned(), ..e })?;
    let same_up = canonical_sql(&parsed.up.text) == canonical_sql(up);
    let same_down = parsed.down.as_ref().map(|s| canonical_sql(&s.text)) == down.map(canonical_sql);
    if same_up && same_down {
        return Ok(());
    }
    Err(FileError {
        path: from.to_owned(),
        line: None,
        message: "a line of it reads as a section marker (`-- === UP Migration ===`, `-- migrate:down`, ...) in our \
                  format; change that comment, then import again"
            .to_owned(),
        unreadable: false,
    })
}

/// `YYYYMMDD` of a version that starts with a date (`20240102030405`, `20240102`).
fn date_of(version: u64) -> Option<String> {
    let digits = version.to_string();
    let plausible = |d: &str| {
        let (y, m, day) = (&d[..4], &d[4..6], &d[6..8]);
        ("1970"..="2999").contains(&y) && ("01"..="12").contains(&m) && ("01"..="31").contains(&day)
    };
    match digits.len() {
        8 | 14 if plausible(&digits) => Some(digits),
        _ => None,
    }
}

/// `Create Users table!` is `create_users_table`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_');
    if out.is_empty() { "migration".to_owned() } else { out.to_owned() }
}

fn one_line(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `#[migration]` for `found` to port its code into.
fn skeleton(tool: Tool, found: &Found, language: Language) -> String {
    let function = snake_case(&found.name);
    let function = if function.starts_with(|c: char| c.is_ascii_digit()) { format!("m_{function}") } else { function };
    format!(
        "// Ported from {tool}: {} ({}). Write here what its `up` does; give a `down = ...` if it had one.\n\
         #[migration(version = {}, name = \"{}\")]\n\
         fn {function}(s: &mut Schema) {{\n    compile_error!(\"port the {} of {} here\");\n}}\n",
        found.file.display(),
        language.name(),
        found.version,
        one_line(&found.name).replace('"', "'"),
        language.name(),
        found.file.display()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn sql(version: u64, name: &str, up: &str, down: Option<&str>) -> Found {
        Found {
            key: version.to_string(),
            version,
            name: name.to_owned(),
            file: PathBuf::from(format!("migrations/{version}_x.sql")),
            body: Body::Sql { up: up.to_owned(), down: down.map(str::to_owned), transaction: true },
            checksums: Vec::new(),
        }
    }

    #[test]
    fn a_timestamp_version_keeps_its_date_and_the_name_becomes_snake_case() {
        let found = sql(20240102030405, "create users", "CREATE TABLE users (id int);", Some("DROP TABLE users;"));
        let Converted::Sql { file_name, text, .. } = convert(Tool::Sqlx, &found, "20261203").unwrap() else {
            panic!("not SQL")
        };
        assert_eq!(file_name, "V20240102030405_20240102030405_create_users.sql");
        let parsed = SqlFile::parse(file_name.as_ref(), &text).unwrap();
        assert_eq!((parsed.version, parsed.name.as_str()), (20240102030405, "create users"));
        assert_eq!(parsed.down.unwrap().text.trim(), "DROP TABLE users;");
    }

    #[test]
    fn a_small_version_is_padded_and_stamped_with_today() {
        let found = sql(3, "Add index!", "CREATE INDEX i ON t (a);", None);
        let converted = convert(Tool::Refinery, &found, "20261203").unwrap();
        let Converted::Sql { file_name, text, .. } = converted else { panic!("not SQL") };
        assert_eq!(file_name, "V003_20261203_add_index.sql");
        assert!(SqlFile::parse(file_name.as_ref(), &text).unwrap().down.is_none());
    }

    #[test]
    fn sql_that_reads_as_our_section_marker_is_refused_by_file() {
        let found = sql(1, "x", "CREATE TABLE a (id int);\n-- === DOWN Migration ===\nCREATE TABLE b (id int);", None);
        let error = convert(Tool::Sqlx, &found, "20261203").unwrap_err();
        assert_eq!(error.path, PathBuf::from("migrations/1_x.sql"));
        assert!(error.message.contains("section marker"), "{}", error.message);
    }
}
