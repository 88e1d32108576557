//! Verification: the history rows against the migrations available, as pure functions
//! (the database is read before and written after, elsewhere).

use super::graph::Graph;
use super::types::{DownTarget, Kind, Migration, Options, Problem};
use crate::error::{Error, Result};
use crate::history::{HistoryRow, status};

/// What verification finds: failed or interrupted migrations that block `up`, applied
/// ones no longer available or edited since, and pending ones below the highest applied.
/// `available` and `rows` are ordered by version.
pub(super) fn problems(options: &Options, available: &[&Migration], rows: &[HistoryRow]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let unlinked = not_linked(available, rows);
    if let (Some(first), false) = (unlinked.first(), options.ignore_missing) {
        let names: Vec<String> = unlinked.iter().map(|r| format!("V{} {}", r.version, r.name)).collect();
        problems.push(Problem {
            kind: "not_linked",
            version: first.version,
            message: format!(
                "{} {} applied to this database as Rust, but this binary has no Rust migrations: it probably does \
                 not link the crate that holds them. Name that crate in the binary, e.g. `use my_app as _;` in \
                 src/bin/migrate.rs, and rebuild. Do not run `migrate repair`: it would delete their history",
                names.join(", "),
                if names.len() == 1 { "was" } else { "were" }
            ),
        });
    }
    for row in rows.iter().filter(|r| !unlinked.iter().any(|u| u.version == r.version)) {
        if row.is_blocking() {
            problems.push(Problem {
                kind: "failed",
                version: row.version,
                message: format!(
                    "V{} {} {} after {} statement(s) were committed: {}. See what took effect with `migrate \
                     recover`, then `migrate recover {} --retry`, `--rollback`, `--skip` or `--mark`",
                    row.version,
                    row.name,
                    if row.status == status::PENDING { "was interrupted" } else { "failed" },
                    row.progress.unwrap_or(0),
                    row.error_message.as_deref().unwrap_or("no error was recorded (the process died)"),
                    row.version
                ),
            });
        }
        if row.status != status::APPLIED {
            continue;
        }
        let found = available.binary_search_by_key(&row.version, |m| m.version).ok().map(|i| available[i]);
        // Adopted from another tool: its code may not be ported yet, and the port's
        // checksum could not be known when it was adopted (`repair` records it).
        if Kind::of_row(row) == Some(Kind::Imported) {
            continue;
        }
        match found {
            None if !options.ignore_missing => problems.push(Problem {
                kind: "missing",
                version: row.version,
                message: format!(
                    "V{} {} is applied but no longer available (deleted or renamed?). Restore it, pass \
                     --ignore-missing, or remove its row with `migrate repair`",
                    row.version, row.name
                ),
            }),
            Some(m) if m.checksum != row.checksum => problems.push(Problem {
                kind: "checksum",
                version: row.version,
                message: format!(
                    "V{} {} ({}) was changed after it was applied: checksum {} in the database, {} now. Revert \
                     the edit (add a new migration instead), or run `migrate repair` if the edit was deliberate",
                    row.version,
                    row.name,
                    m.origin,
                    short(&row.checksum),
                    short(&m.checksum)
                ),
            }),
            _ => {}
        }
    }
    // Pending while something that comes after it is applied: below the highest applied
    // version on a chain; on a graph, only when an applied migration descends from it.
    let highest = rows.iter().filter(|r| r.status == status::APPLIED).map(|r| r.version).max();
    if let Some(highest) = highest.filter(|_| !options.allow_out_of_order) {
        let graph = Graph::of(available.iter().copied());
        for m in available.iter().filter(|m| m.version < highest && !is_applied(rows, m.version)) {
            let Some(after) = graph.descendants(m.version).into_iter().rev().find(|d| is_applied(rows, *d)) else {
                continue;
            };
            problems.push(Problem {
                kind: "out_of_order",
                version: m.version,
                message: format!(
                    "V{} {} ({}) is pending but V{after}, which comes after it, is already applied. Give it a \
                     version above {highest}, or pass --allow-out-of-order",
                    m.version, m.name, m.origin
                ),
            });
        }
    }
    problems
}

/// Applied Rust migrations no longer available when the binary has no Rust migrations at
/// all: not deleted, most likely, but not linked (a binary that does not name the crate
/// holding them, whose `#[migration]` registrations the linker then drops).
pub(super) fn not_linked<'r>(available: &[&Migration], rows: &'r [HistoryRow]) -> Vec<&'r HistoryRow> {
    if available.iter().any(|m| m.kind == Kind::Rust) {
        return Vec::new();
    }
    rows.iter()
        .filter(|r| r.status == status::APPLIED && Kind::of_row(r) == Some(Kind::Rust))
        .filter(|r| available.binary_search_by_key(&r.version, |m| m.version).is_err())
        .collect()
}

/// The first twelve characters of a checksum, for messages.
pub(super) fn short(checksum: &str) -> &str {
    checksum.get(..12).unwrap_or(checksum)
}

/// Whether `version` is applied (`rows` ordered by version).
pub(super) fn is_applied(rows: &[HistoryRow], version: u64) -> bool {
    rows.binary_search_by_key(&version, |r| r.version).is_ok_and(|i| rows[i].status == status::APPLIED)
}

/// `Ok` when nothing was found, else one error listing every problem.
pub(super) fn verified(problems: Vec<Problem>) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::Verification(problems.into_iter().map(|p| p.message).collect()))
}

/// The applied rows `down` rolls back for `target`, newest first. Refuses, naming them,
/// when a migration that depends on one of them stays applied.
pub(super) fn down_targets<'r>(
    graph: &Graph,
    rows: &'r [HistoryRow],
    target: DownTarget,
) -> Result<Vec<&'r HistoryRow>> {
    let mut applied: Vec<&HistoryRow> = rows.iter().filter(|r| r.status == status::APPLIED).collect();
    applied.sort_by_key(|r| std::cmp::Reverse(r.version));
    let chosen: Vec<&HistoryRow> = match target {
        DownTarget::Step(n) => applied.iter().copied().take(n).collect(),
        DownTarget::To(v) => applied.iter().copied().filter(|r| r.version > v).collect(),
        DownTarget::Batch => {
            let last = applied.iter().map(|r| r.batch).max();
            applied.iter().copied().filter(|r| Some(r.batch) == last).collect()
        }
        DownTarget::Only(v) | DownTarget::Cascade(v) => {
            if !applied.iter().any(|r| r.version == v) {
                return Err(Error::Config(format!("V{v:03} is not applied to this database")));
            }
            let mut set =
                if matches!(target, DownTarget::Cascade(_)) { graph.descendants(v) } else { Default::default() };
            set.insert(v);
            applied.iter().copied().filter(|r| set.contains(&r.version)).collect()
        }
    };
    let mut blocked = Vec::new();
    for row in &chosen {
        let staying: Vec<String> = graph
            .descendants(row.version)
            .into_iter()
            .filter(|d| applied.iter().any(|r| r.version == *d) && !chosen.iter().any(|c| c.version == *d))
            .map(|d| format!("V{d:03}"))
            .collect();
        if !staying.is_empty() {
            blocked.push(format!(
                "V{:03} {} cannot be rolled back while {} {} applied: {} on it. Roll {} back first, or use \
                 `down --only {} --cascade`",
                row.version,
                row.name,
                staying.join(", "),
                if staying.len() == 1 { "is" } else { "are" },
                if staying.len() == 1 { "it depends" } else { "they depend" },
                if staying.len() == 1 { "it" } else { "them" },
                row.version,
            ));
        }
    }
    if !blocked.is_empty() {
        return Err(Error::Verification(blocked));
    }
    Ok(chosen)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::registry::{MigrationFn, RustMigration};

    fn nothing(_: &mut migrate_schema::Schema) {}

    static BASE: RustMigration = RustMigration {
        version: 1,
        name: "m",
        up: MigrationFn::Schema(nothing),
        down: None,
        transaction: true,
        irreversible: false,
        allow_risk: "",
        depends_on: &[],
        replaces: None,
        body_checksum: "",
        file: "m.rs",
        line: 1,
        module: "m",
    };

    fn available(version: u64, checksum: &str) -> Migration {
        let mut m = super::super::rust_migration(&BASE);
        m.version = version;
        m.checksum = checksum.to_owned();
        m
    }

    fn row(version: u64, checksum: &str, status: &str, batch: i64) -> HistoryRow {
        HistoryRow {
            id: version as i64,
            version,
            name: format!("m{version}"),
            checksum: checksum.to_owned(),
            status: status.to_owned(),
            batch,
            execution_ms: 0,
            applied_at: String::new(),
            applied_by: None,
            error_message: None,
            progress: None,
            down_sql: None,
            statement_checksums: None,
            kind: Some("rust".to_owned()),
        }
    }

    fn kinds(options: &Options, available: &[Migration], rows: &[HistoryRow]) -> Vec<(&'static str, u64)> {
        let available: Vec<&Migration> = available.iter().collect();
        problems(options, &available, rows).into_iter().map(|p| (p.kind, p.version)).collect()
    }

    #[test]
    fn applied_and_available_alike_is_no_problem() {
        let rows = [row(1, "a", status::APPLIED, 1), row(2, "b", status::APPLIED, 2)];
        assert!(
            kinds(&Options::default(), &[available(1, "a"), available(2, "b"), available(3, "c")], &rows).is_empty()
        );
    }

    #[test]
    fn an_edited_or_removed_migration_is_found_unless_missing_ones_are_ignored() {
        let rows = [row(1, "a", status::APPLIED, 1), row(2, "b", status::APPLIED, 1)];
        let edited = [available(1, "a-edited")];
        assert_eq!(kinds(&Options::default(), &edited, &rows), [("checksum", 1), ("missing", 2)]);
        let ignoring = Options { ignore_missing: true, ..Options::default() };
        assert_eq!(kinds(&ignoring, &edited, &rows), [("checksum", 1)]);
    }

    #[test]
    fn applied_rust_migrations_with_none_linked_are_a_linking_problem_never_a_repair() {
        let mut sql_only = available(3, "c");
        sql_only.kind = Kind::Sql;
        let rows = [row(1, "a", status::APPLIED, 1), row(2, "b", status::APPLIED, 1), row(3, "c", status::APPLIED, 1)];
        let all = problems(&Options::default(), &[&sql_only], &rows);
        assert_eq!(all.iter().map(|p| (p.kind, p.version)).collect::<Vec<_>>(), [("not_linked", 1)]);
        let message = &all[0].message;
        assert!(message.starts_with("V1 m1, V2 m2 were applied to this database as Rust"), "{message}");
        assert!(message.contains("`use my_app as _;`") && message.contains("Do not run `migrate repair`"), "{message}");

        // With a Rust migration linked, an applied one that is gone was removed: missing.
        let linked = [available(1, "a"), sql_only.clone()];
        assert_eq!(kinds(&Options::default(), &linked, &rows), [("missing", 2)]);
        // A deleted SQL file is missing whatever is linked.
        let mut deleted_sql = row(4, "d", status::APPLIED, 1);
        deleted_sql.kind = Some("sql".to_owned());
        let rows = [row(3, "c", status::APPLIED, 1), deleted_sql];
        assert_eq!(kinds(&Options::default(), &[sql_only], &rows), [("missing", 4)]);
    }

    #[test]
    fn a_migration_adopted_from_another_tools_code_is_neither_missing_nor_changed() {
        let mut adopted = row(2, "import:sea-orm", status::APPLIED, 0);
        adopted.kind = Some("imported".to_owned());
        let rows = [row(1, "a", status::APPLIED, 0), adopted.clone()];
        assert!(kinds(&Options::default(), &[available(1, "a")], &rows).is_empty());
        // Ported since, with whatever checksum the port has.
        assert!(kinds(&Options::default(), &[available(1, "a"), available(2, "ported")], &rows).is_empty());
    }

    #[test]
    fn a_pending_migration_below_the_highest_applied_is_out_of_order_unless_allowed() {
        let rows = [row(1, "a", status::APPLIED, 1), row(3, "c", status::APPLIED, 2)];
        let all = [available(1, "a"), available(2, "b"), available(3, "c")];
        assert_eq!(kinds(&Options::default(), &all, &rows), [("out_of_order", 2)]);
        let allowing = Options { allow_out_of_order: true, ..Options::default() };
        assert!(kinds(&allowing, &all, &rows).is_empty());
    }

    #[test]
    fn a_migration_that_failed_half_way_blocks_and_says_how_to_recover() {
        let mut failed = row(2, "b", status::FAILED, 2);
        failed.progress = Some(3);
        failed.error_message = Some("syntax error".into());
        let rows = [row(1, "a", status::APPLIED, 1), failed];
        let all = [available(1, "a"), available(2, "b")];
        let found = problems(&Options::default(), &all.iter().collect::<Vec<_>>(), &rows);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("after 3 statement(s)") && found[0].message.contains("recover 2 --retry"));
        assert!(verified(found).is_err());
    }

    #[test]
    fn down_targets_are_the_newest_applied_by_step_version_or_batch() {
        let rows = [
            row(1, "a", status::APPLIED, 1),
            row(2, "b", status::APPLIED, 2),
            row(3, "c", status::ROLLED_BACK, 2),
            row(4, "d", status::APPLIED, 2),
        ];
        let graph = Graph::default();
        let versions = |t| down_targets(&graph, &rows, t).unwrap().iter().map(|r| r.version).collect::<Vec<_>>();
        assert_eq!(versions(DownTarget::Step(2)), [4, 2]);
        assert_eq!(versions(DownTarget::To(1)), [4, 2]);
        assert_eq!(versions(DownTarget::Batch), [4, 2]);
        assert_eq!(versions(DownTarget::Step(9)), [4, 2, 1]);
    }
}
