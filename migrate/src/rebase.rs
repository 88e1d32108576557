//! Renumbering the migrations a branch added so that they follow the ones it was merged
//! with (`migrate rebase`): SQL files renamed with their `Version:` header rewritten, Rust
//! migrations' `version = N` rewritten, and every `Dependencies:` that named an old
//! number pointed at the new one. The numbering is pure; the rewriting is text in, text out.

use crate::error::{Error, Result};
use crate::sql::SqlFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The new versions: each of `moved` (in its order), from `start` up, one apart.
///
/// ```
/// let map = migrate::rebase::renumber(&[42, 43], 45);
/// assert_eq!(map.get(&42), Some(&45));
/// assert_eq!(map.get(&43), Some(&46));
/// ```
pub fn renumber(moved: &[u64], start: u64) -> BTreeMap<u64, u64> {
    let mut sorted = moved.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.into_iter().zip(start..).collect()
}

/// A file to write: its new path, its new text, and the path it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// Where it was.
    pub from: PathBuf,
    /// Where it goes (the same path when only its text changes).
    pub to: PathBuf,
    /// Its new text.
    pub text: String,
}

/// The rewrites of the SQL files of `files` for `map` (old version to new): a moved file's
/// name and `Version:` header, and any file's `Dependencies:` naming a moved version.
/// `moved` says which file of a version moves (two files may share one after a merge).
pub fn sql_rewrites(files: &[SqlFile], moved: &[PathBuf], map: &BTreeMap<u64, u64>) -> Result<Vec<Rewrite>> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f.path).map_err(Error::io(format!("reading {}", f.path.display())))?;
        let moves = moved.contains(&f.path);
        let new_version = if moves { map.get(&f.version).copied() } else { None };
        let rewritten = rewrite_header(&text, new_version, map);
        let to = match new_version {
            Some(v) => renamed(&f.path, f.version, v),
            None => f.path.clone(),
        };
        if rewritten != text || to != f.path {
            out.push(Rewrite { from: f.path.clone(), to, text: rewritten });
        }
    }
    Ok(out)
}

/// `V{old}_rest.sql` as `V{new}_rest.sql` (zero-padded like the others).
fn renamed(path: &Path, _old: u64, new: u64) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let rest = name.split_once('_').map_or(name, |(_, rest)| rest);
    path.with_file_name(format!("V{new:03}_{rest}"))
}

/// The header of a SQL file with `Version:` set to `version` (when it moves) and each
/// `Dependencies:` entry in `map` replaced.
fn rewrite_header(text: &str, version: Option<u64>, map: &BTreeMap<u64, u64>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_header = true;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let directive = body.trim().strip_prefix("--").map(str::trim);
        if directive.is_some_and(|d| d.to_ascii_lowercase().contains("up migration") || d == "migrate:up") {
            in_header = false;
        }
        if in_header && !body.trim().is_empty() && directive.is_none() {
            in_header = false;
        }
        let key = directive.and_then(|d| d.split_once(':')).map(|(k, v)| (k.trim().to_ascii_lowercase(), v));
        match key {
            Some((k, _)) if in_header && k == "version" && version.is_some() => {
                out.push_str(&format!("-- Version: {:03}{ending}", version.unwrap_or_default()));
            }
            Some((k, v)) if in_header && k == "dependencies" => {
                let deps: Vec<String> = v
                    .split([',', ' '])
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(|d| match d.trim_start_matches(['V', 'v']).parse::<u64>().ok().and_then(|n| map.get(&n)) {
                        Some(new) => format!("V{new:03}"),
                        None => d.to_owned(),
                    })
                    .collect();
                out.push_str(&format!("-- Dependencies: {}{ending}", deps.join(", ")));
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// A Rust file's text with the `version = old` of the `#[migration]` at `line` (1-based)
/// set to `new`, or `None` when no such attribute is there.
pub fn rust_rewrite(text: &str, line: usize, old: u64, new: u64) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // The attribute is on the function's line or the few before it.
    let from = line.saturating_sub(8);
    for i in (from..line.min(lines.len())).rev() {
        let l = lines[i];
        if !l.contains("migration(") {
            continue;
        }
        let needle = format!("version = {old}");
        let at = l.find(&needle)?;
        let end = at + needle.len();
        if l[end..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let mut out: String = lines[..i].concat();
        out.push_str(&l[..at]);
        out.push_str(&format!("version = {new}"));
        out.push_str(&l[end..]);
        out.push_str(&lines[i + 1..].concat());
        return Some(out);
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn the_header_version_and_dependencies_follow_the_new_numbers() {
        let map = renumber(&[42], 44);
        let text = "-- Migration: tags\n-- Version: 042\n-- Dependencies: V041, V042\n\n-- === UP Migration ===\n-- Version: 042 stays in the body\nCREATE TABLE t (id int);\n";
        let out = rewrite_header(text, Some(44), &map);
        assert!(out.contains("-- Version: 044\n-- Dependencies: V041, V044\n"), "{out}");
        assert!(out.contains("-- Version: 042 stays in the body"), "{out}");
    }

    #[test]
    fn a_file_name_keeps_its_timestamp_and_name() {
        assert_eq!(renamed(Path::new("m/V042_20250101_tags.sql"), 42, 44), PathBuf::from("m/V044_20250101_tags.sql"));
    }

    #[test]
    fn a_rust_attribute_gets_the_new_version() {
        let text = "use x;\n\n#[migration(version = 42, name = \"tags\")]\nfn tags(s: &mut Schema) {}\n";
        let out = rust_rewrite(text, 4, 42, 44).unwrap();
        assert!(out.contains("#[migration(version = 44, name = \"tags\")]"), "{out}");
        assert_eq!(rust_rewrite(text, 4, 4, 44), None, "4 is not 42");
    }
}
