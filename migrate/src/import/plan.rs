//! The match of another tool's files with its history: what is adopted as applied, what
//! `up` will run, and what stops the import (a migration the tool did not finish, a file
//! edited since it ran). Pure: no files, no database.

use super::{Applied, Body, Found, Language, Recorded};
use std::path::PathBuf;

/// What an import does, decided before anything is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Migrations the tool applied: recorded as applied in our history.
    pub adopt: Vec<ToAdopt>,
    /// Versions found in the directory that the tool had not applied: `up` runs them.
    pub pending: Vec<u64>,
    /// Applied migrations whose file changed since (the tool's checksum differs).
    pub edited: Vec<Edited>,
    /// Migrations the tool marked failed or dirty: `(key, why)`.
    pub failed: Vec<(String, String)>,
}

/// A migration to record as applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToAdopt {
    /// Our version.
    pub version: u64,
    /// Its name.
    pub name: String,
    /// When the tool applied it (UTC, `YYYY-MM-DD HH:MM:SS`), if it kept that.
    pub applied_at: Option<String>,
    /// Who, if it kept that.
    pub applied_by: Option<String>,
    /// `Some` for code that was not converted (its history row is adopted, its code is to
    /// be ported), `None` for SQL converted to one of our files.
    pub code: Option<Language>,
    /// The tool's file, `None` when the history names a migration the directory lacks.
    pub file: Option<PathBuf>,
}

/// A file edited after the tool applied it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// The file.
    pub file: PathBuf,
    /// Its version.
    pub version: u64,
    /// Its name.
    pub name: String,
}

/// Match `found` (the directory, by version) with `recorded` (the tool's history, if a
/// database was given). `version_of` gives our version for a history key the directory
/// does not have (a deleted file), where the key says it.
pub fn plan(found: &[Found], recorded: Option<&Recorded>, version_of: impl Fn(&str) -> Option<u64>) -> Plan {
    let mut plan = Plan::default();
    let Some(recorded) = recorded else {
        plan.pending = found.iter().map(|f| f.version).collect();
        return plan;
    };
    let applied: Vec<Applied> = match recorded {
        Recorded::Each(rows) => with_baselines(found, rows),
        Recorded::UpTo { version, dirty } => found
            .iter()
            .filter(|f| f.version <= *version)
            .map(|f| Applied {
                key: f.key.clone(),
                failed: (*dirty && f.version == *version)
                    .then(|| "dirty = true: the tool did not finish it".to_owned()),
                ..Applied::default()
            })
            .collect(),
    };
    for a in &applied {
        if let Some(why) = &a.failed {
            plan.failed.push((a.key.clone(), why.clone()));
            continue;
        }
        match found.iter().find(|f| f.key == a.key) {
            Some(f) => {
                let edited = a.checksum.as_ref().is_some_and(|c| !f.checksums.is_empty() && !f.checksums.contains(c));
                if edited {
                    plan.edited.push(Edited { file: f.file.clone(), version: f.version, name: f.name.clone() });
                }
                plan.adopt.push(ToAdopt {
                    version: f.version,
                    name: f.name.clone(),
                    applied_at: a.applied_at.clone(),
                    applied_by: a.applied_by.clone(),
                    code: match f.body {
                        Body::Code(language) => Some(language),
                        Body::Sql { .. } => None,
                    },
                    file: Some(f.file.clone()),
                });
            }
            None => {
                if let Some(version) = version_of(&a.key) {
                    plan.adopt.push(ToAdopt {
                        version,
                        name: a.name.clone().unwrap_or_else(|| a.key.clone()),
                        applied_at: a.applied_at.clone(),
                        applied_by: a.applied_by.clone(),
                        code: Some(Language::Rust),
                        file: None,
                    });
                }
            }
        }
    }
    plan.adopt.sort_by_key(|a| a.version);
    plan.pending = found.iter().filter(|f| !applied.iter().any(|a| a.key == f.key)).map(|f| f.version).collect();
    plan
}

/// `rows` with, for each baseline row, a row for every found migration up to its key that
/// has none (a baseline covers what came before it).
fn with_baselines(found: &[Found], rows: &[Applied]) -> Vec<Applied> {
    let mut out: Vec<Applied> = rows.iter().filter(|r| !r.baseline).cloned().collect();
    for b in rows.iter().filter(|r| r.baseline && r.failed.is_none()) {
        let Some(limit) = parts(&b.key) else { continue };
        for f in found.iter().filter(|f| parts(&f.key).is_some_and(|p| p <= limit)) {
            if !out.iter().any(|a| a.key == f.key) {
                out.push(Applied {
                    key: f.key.clone(),
                    applied_at: b.applied_at.clone(),
                    applied_by: b.applied_by.clone(),
                    ..Applied::default()
                });
            }
        }
    }
    out
}

/// A dotted version's numbers (`1.10` is `[1, 10]`), compared part by part.
fn parts(key: &str) -> Option<Vec<u64>> {
    key.split('.').map(|p| p.parse().ok()).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn found(version: u64, checksum: &str) -> Found {
        Found {
            key: version.to_string(),
            version,
            name: format!("m{version}"),
            file: PathBuf::from(format!("{version}_m.sql")),
            body: Body::Sql { up: "SELECT 1;".into(), down: None, transaction: true },
            checksums: vec![checksum.to_owned()],
        }
    }

    fn applied(version: u64, checksum: &str) -> Applied {
        Applied { key: version.to_string(), checksum: Some(checksum.to_owned()), ..Applied::default() }
    }

    #[test]
    fn applied_rows_are_adopted_and_the_rest_is_pending() {
        let files = [found(1, "a"), found(2, "b"), found(3, "c")];
        let p = plan(&files, Some(&Recorded::Each(vec![applied(1, "a"), applied(2, "b")])), |_| None);
        assert_eq!(p.adopt.iter().map(|a| a.version).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(p.pending, [3]);
        assert!(p.edited.is_empty() && p.failed.is_empty());
    }

    #[test]
    fn a_file_whose_checksum_differs_is_edited_by_name() {
        let files = [found(1, "a"), found(2, "b-edited")];
        let p = plan(&files, Some(&Recorded::Each(vec![applied(1, "a"), applied(2, "b")])), |_| None);
        assert_eq!(p.edited.iter().map(|e| e.version).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_failed_row_is_not_adopted() {
        let mut bad = applied(2, "b");
        bad.failed = Some("success = false".into());
        let p = plan(&[found(1, "a"), found(2, "b")], Some(&Recorded::Each(vec![applied(1, "a"), bad])), |_| None);
        assert_eq!(p.failed, [("2".to_owned(), "success = false".to_owned())]);
        assert_eq!(p.adopt.len(), 1);
    }

    #[test]
    fn up_to_a_version_adopts_everything_below_it_and_a_dirty_one_fails() {
        let files = [found(1, "a"), found(2, "b"), found(3, "c")];
        let clean = plan(&files, Some(&Recorded::UpTo { version: 2, dirty: false }), |_| None);
        assert_eq!(clean.adopt.iter().map(|a| a.version).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(clean.pending, [3]);
        let dirty = plan(&files, Some(&Recorded::UpTo { version: 2, dirty: true }), |_| None);
        assert_eq!(dirty.failed.len(), 1);
        assert_eq!(dirty.failed[0].0, "2");
    }

    #[test]
    fn an_applied_migration_without_a_file_is_adopted_as_code_when_its_key_gives_a_version() {
        let p =
            plan(&[found(1, "a")], Some(&Recorded::Each(vec![applied(1, "a"), applied(7, "x")])), |k| k.parse().ok());
        assert_eq!(p.adopt.iter().map(|a| (a.version, a.file.is_some())).collect::<Vec<_>>(), [(1, true), (7, false)]);
    }

    #[test]
    fn a_baseline_covers_every_migration_up_to_its_version() {
        let mut files = vec![found(1, "a"), found(2, "b"), found(3, "c")];
        files[1].key = "1.1".into();
        let baseline = Applied { key: "1.5".into(), baseline: true, ..Applied::default() };
        let p = plan(&files, Some(&Recorded::Each(vec![baseline])), |_| None);
        assert_eq!(p.adopt.iter().map(|a| a.version).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(p.pending, [3]);
    }

    #[test]
    fn without_a_history_everything_is_pending() {
        assert_eq!(plan(&[found(1, "a"), found(2, "b")], None, |_| None).pending, [1, 2]);
    }
}
