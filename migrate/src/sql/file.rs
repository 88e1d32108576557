//! SQL migration files: `V{version}_{timestamp}_{name}.sql` with a header of `-- Key: value`
//! directives and `-- === UP Migration ===` / `-- === DOWN Migration ===` sections.

use super::split::{SqlStatement, split};
use migrate_schema::{Dialect, canonical_sql, hex_sha256};
use std::fmt;
use std::path::{Path, PathBuf};

/// A SQL migration file, parsed.
#[derive(Debug, Clone)]
pub struct SqlFile {
    /// Where it was read from (or the name it was embedded under).
    pub path: PathBuf,
    /// The version from the file name.
    pub version: u64,
    /// The timestamp from the file name (`YYYYMMDD` or `YYYYMMDDHHmmss`).
    pub timestamp: String,
    /// The name: the header's `Migration:` or the file name's words.
    pub name: String,
    /// The only dialect it is for (`Database:`), or `None` for any.
    pub database: Option<Dialect>,
    /// Versions it depends on (`Dependencies:`).
    pub dependencies: Vec<u64>,
    /// The first and last version a squash replaces (`-- Replaces: V001..V050`), the last
    /// being its own.
    pub replaces: Option<(u64, u64)>,
    /// Risk rules it accepts (`-- Allow risk: drop-column, rename-column` in the header).
    pub allowed_risks: Vec<String>,
    /// `false` when the file has a `-- migrate:no-transaction` line.
    pub transaction: bool,
    /// The UP section and the line it starts on.
    pub up: Section,
    /// The DOWN section, when the file has a DOWN marker. A marker followed by nothing or
    /// only comments is a down that does nothing (diesel's empty `down.sql`); a file
    /// without the marker has no down and cannot be rolled back.
    pub down: Option<Section>,
    /// SHA-256 of the canonical form (see [`SqlFile::checksum`]).
    pub checksum: String,
}

/// A section of a file: its text and the file line of its first line.
#[derive(Debug, Clone)]
pub struct Section {
    /// The text.
    pub text: String,
    /// 1-based line of the file where the text starts.
    pub line: usize,
}

/// A SQL file that cannot be used, with the place that says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file.
    pub path: PathBuf,
    /// The line, when the problem is on one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// The file could not be read (an I/O error, not a problem with what it says).
    pub unreadable: bool,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for FileError {}

/// What the file name says: version, timestamp, snake_case name.
fn parse_name(path: &Path) -> Result<(u64, String, String), FileError> {
    let error = |message: String| FileError { path: path.to_owned(), line: None, message, unreadable: false };
    let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let expected =
        "expected V{version}_{YYYYMMDD[HHmmss]}_{snake_case_name}.sql, e.g. V001_20250114200000_create_users.sql";
    let stem = file.strip_suffix(".sql").ok_or_else(|| error(format!("not a .sql file name; {expected}")))?;
    let rest = stem.strip_prefix('V').ok_or_else(|| error(format!("the name must start with `V`; {expected}")))?;
    let mut parts = rest.splitn(3, '_');
    let (version, timestamp, name) = match (parts.next(), parts.next(), parts.next()) {
        (Some(v), Some(t), Some(n)) => (v, t, n),
        _ => return Err(error(format!("missing version, timestamp or name; {expected}"))),
    };
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(format!("version `{version}` is not a number; {expected}")));
    }
    let version = version.parse::<u64>().map_err(|_| error(format!("version `{version}` is too large")))?;
    if !(timestamp.len() == 8 || timestamp.len() == 14) || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(format!("timestamp `{timestamp}` is not YYYYMMDD or YYYYMMDDHHmmss; {expected}")));
    }
    let snake = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
    if name.is_empty() || !name.bytes().all(snake) {
        return Err(error(format!("name `{name}` is not snake_case (a-z, 0-9, _); {expected}")));
    }
    Ok((version, timestamp.to_owned(), name.to_owned()))
}

#[derive(PartialEq)]
enum Marker {
    Up,
    Down,
    NoTransaction,
}

/// Whether `line` is one of the file's markers (UP, DOWN, no-transaction).
pub(crate) fn is_marker(line: &str) -> bool {
    marker(line).is_some()
}

/// `-- === UP Migration ===`, `-- migrate:up`, and their DOWN forms; `-- migrate:no-transaction`.
fn marker(line: &str) -> Option<Marker> {
    let body = line.trim().strip_prefix("--")?;
    let words = body.trim_matches(|c: char| c == '=' || c == '-' || c.is_whitespace()).to_ascii_lowercase();
    match words.as_str() {
        "up migration" | "migrate:up" => Some(Marker::Up),
        "down migration" | "migrate:down" => Some(Marker::Down),
        "migrate:no-transaction" => Some(Marker::NoTransaction),
        _ => None,
    }
}

impl SqlFile {
    /// Parse `text`, read from `path`.
    ///
    /// ```
    /// use migrate::sql::SqlFile;
    ///
    /// let text = "-- Migration: Create users\n-- === UP Migration ===\nCREATE TABLE users (id int);\n\
    ///             -- === DOWN Migration ===\nDROP TABLE users;\n";
    /// let file = SqlFile::parse("migrations/V001_20250114200000_create_users.sql".as_ref(), text).unwrap();
    /// assert_eq!((file.version, file.name.as_str()), (1, "Create users"));
    /// assert_eq!(file.down.unwrap().line, 5);
    /// ```
    pub fn parse(path: &Path, text: &str) -> Result<Self, FileError> {
        let (version, timestamp, file_name) = parse_name(path)?;
        let error = |line: usize, message: String| FileError {
            path: path.to_owned(),
            line: Some(line),
            message,
            unreadable: false,
        };
        let mut name = None;
        let mut database = None;
        let mut dependencies = Vec::new();
        let mut replaces = None;
        let mut transaction = true;
        let mut allowed_risks = Vec::new();
        let mut up: Option<(usize, Vec<&str>)> = None;
        let mut down: Option<(usize, Vec<&str>)> = None;
        let mut in_header = true;
        for (i, line) in text.lines().enumerate() {
            let number = i + 1;
            match marker(line) {
                Some(Marker::Up) => {
                    if up.is_some() {
                        return Err(error(number, "a second UP section".into()));
                    }
                    if down.is_some() {
                        return Err(error(number, "the UP section must come before the DOWN section".into()));
                    }
                    in_header = false;
                    up = Some((number + 1, Vec::new()));
                    continue;
                }
                Some(Marker::Down) => {
                    if down.is_some() {
                        return Err(error(number, "a second DOWN section".into()));
                    }
                    if up.is_none() {
                        return Err(error(number, "a DOWN section without an UP section before it".into()));
                    }
                    down = Some((number + 1, Vec::new()));
                    continue;
                }
                Some(Marker::NoTransaction) => {
                    transaction = false;
                    continue;
                }
                None => {}
            }
            if in_header && let Some((key, value)) = header_directive(line) {
                match key.as_str() {
                    "migration" => name = Some(value.to_owned()),
                    "allow risk" => {
                        allowed_risks.extend(value.split(',').map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()))
                    }
                    "version" => {
                        let declared = value
                            .trim_start_matches(['V', 'v'])
                            .parse::<u64>()
                            .map_err(|_| error(number, format!("`Version: {value}` is not a number")))?;
                        if declared != version {
                            return Err(error(
                                number,
                                format!("`Version: {value}` does not match version {version} of the file name"),
                            ));
                        }
                    }
                    "database" => {
                        database = match value.to_ascii_lowercase().as_str() {
                            "any" | "" => None,
                            "postgresql" | "postgres" => Some(Dialect::Postgres),
                            "mysql" | "mariadb" => Some(Dialect::MySql),
                            "sqlite" => Some(Dialect::Sqlite),
                            other => {
                                return Err(error(
                                    number,
                                    format!("unknown `Database: {other}`; expected postgresql, mysql, sqlite or any"),
                                ));
                            }
                        }
                    }
                    "dependencies" => {
                        for dep in value.split([',', ' ']).map(str::trim).filter(|d| !d.is_empty()) {
                            let v = dep.trim_start_matches(['V', 'v']).parse::<u64>().map_err(|_| {
                                error(number, format!("dependency `{dep}` is not a version such as V001"))
                            })?;
                            dependencies.push(v);
                        }
                    }
                    "replaces" => {
                        let versions: Option<Vec<u64>> = value
                            .split("..")
                            .map(|v| v.trim().trim_start_matches(['V', 'v']).parse::<u64>().ok())
                            .collect();
                        match versions.as_deref() {
                            Some([first, last]) if first <= last && *last == version => {
                                replaces = Some((*first, *last));
                            }
                            Some([_, last]) if *last != version => {
                                return Err(error(
                                    number,
                                    format!("`Replaces: {value}` must end at this file's own version, V{version:03}"),
                                ));
                            }
                            _ => {
                                return Err(error(
                                    number,
                                    format!("`Replaces: {value}` is not a range of versions such as V001..V050"),
                                ));
                            }
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match (&mut up, &mut down) {
                (_, Some((_, lines))) | (Some((_, lines)), None) => lines.push(line),
                (None, None) => {
                    // A file without markers is all UP.
                    let stripped = line.trim();
                    if !stripped.is_empty() && !stripped.starts_with("--") {
                        in_header = false;
                        up = Some((number, vec![line]));
                    }
                }
            }
        }
        let section = |(line, lines): (usize, Vec<&str>)| Section { text: lines.join("\n"), line };
        let up = up.map(section).unwrap_or(Section { text: String::new(), line: 1 });
        let down = down.map(section);
        let name = name.unwrap_or_else(|| file_name.replace('_', " "));
        let mut file = SqlFile {
            path: path.to_owned(),
            version,
            timestamp,
            name,
            database,
            dependencies,
            replaces,
            allowed_risks,
            transaction,
            up,
            down,
            checksum: String::new(),
        };
        file.checksum = file.compute_checksum();
        Ok(file)
    }

    /// Whether the file has a DOWN marker with no statement after it: rolling it back does
    /// nothing.
    pub fn has_empty_down(&self) -> bool {
        self.down.as_ref().is_some_and(|s| canonical_sql(&s.text).is_empty())
    }

    /// SHA-256 of `migrate-sqlfile-v1\n`, the directives that change what runs
    /// (`Database`, `Dependencies`, no-transaction, `Replaces`), and the canonical UP and DOWN text
    /// ([`canonical_sql`]): comments, blank lines, indentation and line endings do not
    /// count; any change to a statement does.
    fn compute_checksum(&self) -> String {
        let database = self.database.map_or("any", Dialect::name);
        let dependencies = self.dependencies.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let mut header =
            format!("database:{database}\ndependencies:{dependencies}\ntransaction:{}\n", self.transaction);
        if let Some((first, last)) = self.replaces {
            header.push_str(&format!("replaces:{first}..{last}\n"));
        }
        let down = self.down.as_ref().map(|s| canonical_sql(&s.text)).unwrap_or_default();
        hex_sha256(&["migrate-sqlfile-v1\n", &header, "up\n", &canonical_sql(&self.up.text), "\ndown\n", &down])
    }

    /// Whether the file applies to `dialect`.
    pub fn applies_to(&self, dialect: Dialect) -> bool {
        self.database.is_none_or(|d| d == dialect)
    }

    /// The UP statements for `dialect`, with file line numbers.
    pub fn up_statements(&self, dialect: Dialect) -> Result<Vec<SqlStatement>, FileError> {
        self.statements(&self.up, dialect)
    }

    /// The DOWN statements for `dialect` (none for an empty DOWN section), or `None` when
    /// the file has no DOWN marker.
    pub fn down_statements(&self, dialect: Dialect) -> Result<Option<Vec<SqlStatement>>, FileError> {
        self.down.as_ref().map(|s| self.statements(s, dialect)).transpose()
    }

    fn statements(&self, section: &Section, dialect: Dialect) -> Result<Vec<SqlStatement>, FileError> {
        let offset = section.line - 1;
        split(&section.text, dialect)
            .map(|statements| {
                statements.into_iter().map(|s| SqlStatement { line: s.line + offset, ..s }).collect::<Vec<_>>()
            })
            .map_err(|e| FileError {
                path: self.path.clone(),
                line: Some(e.line + offset),
                message: e.message,
                unreadable: false,
            })
    }
}

/// `-- Key: value` in the header, with the key lower-cased.
fn header_directive(line: &str) -> Option<(String, &str)> {
    let body = line.trim().strip_prefix("--")?.trim();
    let (key, value) = body.split_once(':')?;
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
        return None;
    }
    Some((key.to_ascii_lowercase(), value.split("  ").next().unwrap_or_default().trim()))
}

/// Every `.sql` file of `dir`, parsed, by version. A missing directory is no files; a
/// `.sql` file with a name that does not follow the format is an error, never skipped.
pub fn load_dir(dir: &Path) -> Result<Vec<SqlFile>, FileError> {
    let io = |path: &Path, e: std::io::Error| FileError {
        path: path.to_owned(),
        line: None,
        message: format!("cannot be read: {e}"),
        unreadable: true,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io(dir, e))?.path();
        let is_sql = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("sql"));
        if !is_sql || !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        files.push(SqlFile::parse(&path, &text)?);
    }
    files.sort_by_key(|f| f.version);
    Ok(files)
}

/// SQL files embedded with [`embed_sql!`](crate::embed_sql), parsed, by version, with the
/// same rules as [`load_dir`].
pub fn parse_embedded(files: &[(&str, &str)]) -> Result<Vec<SqlFile>, FileError> {
    let mut parsed =
        files.iter().map(|(path, text)| SqlFile::parse(Path::new(path), text)).collect::<Result<Vec<_>, _>>()?;
    parsed.sort_by_key(|f| f.version);
    Ok(parsed)
}
