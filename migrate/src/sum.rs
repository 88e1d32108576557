//! `migrate.sum`: the list of migrations a project has, one line per migration (version,
//! kind, checksum as the history records it), closed by a running hash of the lines. It is
//! written by `migrate hash` and checked by every command that reads migrations, so that
//! a migration added, removed or edited without `migrate hash` is caught; and since every
//! new migration changes the last line, two branches that each add one conflict on it
//! when they are merged, in git, before anything reaches a database.
//!
//! ```text
//! # migrate.sum: written by `migrate hash`, do not edit. ...
//! V001 sql 5c1e...
//! V002 rust 9a04...
//! V003 sql:postgresql 77d2...
//! total 3 e3b0...
//! ```
//!
//! The total hashes each line with its length before it (`len || line`, from a fixed
//! start), so two different lists never give the same total by moving text between lines.

use crate::Migration;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The file's name, in the migrations directory.
pub const FILE_NAME: &str = "migrate.sum";

/// A Rust migration written by `migrate new` and not compiled yet: any checksum matches
/// until `migrate hash` records it.
const UNHASHED: &str = "-";

/// One line: a migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Its version.
    pub version: u64,
    /// `rust`, `sql`, or `sql:DIALECT` for a file of one database.
    pub kind: String,
    /// Its checksum, or `-` for one not hashed yet.
    pub checksum: String,
}

/// The list, as written or as the migrations are now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sum {
    /// Every migration, by version.
    pub lines: Vec<Line>,
}

/// A difference between the file and the migrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A migration the file does not list.
    Added(Line),
    /// A migration the file lists that is gone.
    Removed(Line),
    /// A migration whose checksum is not the file's.
    Edited(Line),
}

/// Why `migrate.sum` cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumError {
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Sum {
    /// The sum of `migrations` as they are now.
    ///
    /// ```
    /// let sum = migrate::sum::Sum::of(&[]);
    /// assert!(sum.render().ends_with("total 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"));
    /// ```
    pub fn of(migrations: &[Migration]) -> Sum {
        let mut lines: Vec<Line> = migrations
            .iter()
            .map(|m| Line {
                version: m.version,
                kind: format!(
                    "{}{}{}",
                    m.kind.as_str(),
                    m.database().map(|d| format!(":{}", d.name())).unwrap_or_default(),
                    if m.replaces().is_some() { "+squash" } else { "" }
                ),
                checksum: m.checksum.clone(),
            })
            .collect();
        lines.sort_by(|a, b| (a.version, &a.kind).cmp(&(b.version, &b.kind)));
        Sum { lines }
    }

    /// The running, length-framed hash of the lines.
    pub fn total(&self) -> String {
        let mut hash = Sha256::new();
        for line in &self.lines {
            let text = line_text(line);
            hash.update((text.len() as u64).to_be_bytes());
            hash.update(text.as_bytes());
        }
        hash.finalize().iter().fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# migrate.sum: written by `migrate hash`, do not edit. A merge conflict on the last line means two \
             branches added migrations: run `migrate hash` after renumbering them (`migrate rebase`).\n",
        );
        for line in &self.lines {
            out.push_str(&line_text(line));
            out.push('\n');
        }
        let _ = writeln!(out, "total {} {}", self.lines.len(), self.total());
        out
    }

    /// Read a file's text: its lines, and a total that must match them.
    pub fn parse(text: &str) -> Result<Sum, SumError> {
        let mut sum = Sum::default();
        let mut total = None;
        for (i, raw) in text.lines().enumerate() {
            let error = |message: String| SumError { line: i + 1, message };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with("<<<<<<<") || line.starts_with(">>>>>>>") || line == "=======" {
                return Err(error(
                    "an unresolved merge conflict: two branches added migrations. Give the new ones versions above \
                     the other branch's (`migrate rebase`), then `migrate hash`"
                        .into(),
                ));
            }
            if total.is_some() {
                return Err(error("a line after the total".into()));
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["total", count, hash] => total = Some((count.to_string(), hash.to_string(), i + 1)),
                [version, kind, checksum] => {
                    let version = version
                        .strip_prefix('V')
                        .and_then(|v| v.parse().ok())
                        .ok_or_else(|| error(format!("`{version}` is not a version such as V001")))?;
                    sum.lines.push(Line { version, kind: kind.to_string(), checksum: checksum.to_string() });
                }
                _ => return Err(error(format!("expected `V{{version}} {{kind}} {{checksum}}`, found `{line}`"))),
            }
        }
        let Some((count, hash, at)) = total else {
            return Err(SumError { line: text.lines().count(), message: "the total line is missing".into() });
        };
        if count != sum.lines.len().to_string() || hash != sum.total() {
            return Err(SumError {
                line: at,
                message: "the total does not match the lines above it (edited by hand?): run `migrate hash`".into(),
            });
        }
        Ok(sum)
    }

    /// What differs from `self` (the file) in `now` (the migrations).
    pub fn changes(&self, now: &Sum) -> Vec<Change> {
        use std::collections::BTreeMap;
        let keyed = |s: &'_ Sum| -> BTreeMap<(u64, String), usize> {
            s.lines.iter().enumerate().map(|(i, l)| ((l.version, l.kind.clone()), i)).collect()
        };
        let (was, is) = (keyed(self), keyed(now));
        let mut out = Vec::new();
        for (key, &i) in &is {
            let l = &now.lines[i];
            match was.get(key).map(|&j| &self.lines[j]) {
                None => out.push(Change::Added(l.clone())),
                Some(x) if x.checksum != l.checksum && x.checksum != UNHASHED => out.push(Change::Edited(l.clone())),
                Some(_) => {}
            }
        }
        for (key, &j) in &was {
            if !is.contains_key(key) {
                out.push(Change::Removed(self.lines[j].clone()));
            }
        }
        out.sort_by_key(|c| match c {
            Change::Added(l) | Change::Removed(l) | Change::Edited(l) => l.version,
        });
        out
    }

    /// `self` with a line for a Rust migration `new` just wrote, to be hashed once compiled.
    pub fn with_unhashed(mut self, version: u64) -> Sum {
        self.lines.retain(|l| l.version != version);
        self.lines.push(Line { version, kind: "rust".into(), checksum: UNHASHED.into() });
        self.lines.sort_by(|a, b| (a.version, &a.kind).cmp(&(b.version, &b.kind)));
        self
    }
}

fn line_text(line: &Line) -> String {
    format!("V{:03} {} {}", line.version, line.kind, line.checksum)
}

/// Where the sum file of migrations in `dir` is.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn line(version: u64, checksum: &str) -> Line {
        Line { version, kind: "sql".into(), checksum: checksum.into() }
    }

    #[test]
    fn a_rendered_sum_parses_back_to_itself() {
        let sum = Sum { lines: vec![line(1, "aa"), line(2, "bb")] };
        assert_eq!(Sum::parse(&sum.render()).unwrap(), sum);
    }

    #[test]
    fn a_hand_edited_line_breaks_the_total() {
        let text = Sum { lines: vec![line(1, "aa"), line(2, "bb")] }.render().replace("V002 sql bb", "V002 sql cc");
        let error = Sum::parse(&text).unwrap_err();
        assert_eq!(error.line, 4);
        assert!(error.message.contains("does not match"), "{}", error.message);
    }

    #[test]
    fn the_total_is_framed_so_moving_text_between_lines_changes_it() {
        let a = Sum { lines: vec![Line { version: 1, kind: "sql".into(), checksum: "ab".into() }] };
        let b = Sum { lines: vec![Line { version: 1, kind: "sql".into(), checksum: "a".into() }, line(2, "b")] };
        assert_ne!(a.total(), b.total());
        let c = Sum { lines: vec![line(1, "b"), line(2, "a")] };
        let d = Sum { lines: vec![line(1, "a"), line(2, "b")] };
        assert_ne!(c.total(), d.total(), "order counts");
    }

    #[test]
    fn changes_name_added_removed_and_edited_migrations() {
        let file = Sum { lines: vec![line(1, "aa"), line(2, "bb"), line(3, "cc")] };
        let now = Sum { lines: vec![line(1, "aa"), line(2, "bX"), line(4, "dd")] };
        assert_eq!(
            file.changes(&now),
            [Change::Edited(line(2, "bX")), Change::Removed(line(3, "cc")), Change::Added(line(4, "dd"))]
        );
    }

    #[test]
    fn an_unhashed_rust_line_matches_any_checksum_until_hashed() {
        let file = Sum::default().with_unhashed(7);
        let now = Sum { lines: vec![Line { version: 7, kind: "rust".into(), checksum: "ff".into() }] };
        assert!(file.changes(&now).is_empty());
    }

    #[test]
    fn a_merge_conflict_is_named_as_such() {
        let text = "V001 sql aa\n<<<<<<< HEAD\nV042 sql bb\n=======\nV042 sql cc\n>>>>>>> other\n";
        let error = Sum::parse(text).unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("merge conflict"), "{}", error.message);
    }
}
