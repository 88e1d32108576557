//! The dependency graph. A migration comes after the versions it declares
//! (`-- Dependencies:`, `depends_on`); one that declares none comes after the version before
//! it, so that a project without declarations is the chain its versions make. Versions give
//! the order the graph allows: every edge points from a lower version to a higher one.

use super::types::Migration;
use std::collections::{BTreeMap, BTreeSet};

/// Each migration's parents, by version.
#[derive(Debug, Default)]
pub(crate) struct Graph {
    parents: BTreeMap<u64, Vec<u64>>,
    declared: BTreeSet<u64>,
}

impl Graph {
    /// The graph of `migrations`; versions repeated (one file per dialect) count once, and a
    /// declared dependency that is not among them (a file for another dialect) is left out.
    pub(crate) fn of<'m>(migrations: impl IntoIterator<Item = &'m Migration>) -> Self {
        let mut graph = Graph::default();
        let mut previous: Option<u64> = None;
        let mut all: Vec<&Migration> = migrations.into_iter().collect();
        all.sort_by_key(|m| m.version);
        all.dedup_by_key(|m| m.version);
        let versions: BTreeSet<u64> = all.iter().map(|m| m.version).collect();
        for m in all {
            let declared: Vec<u64> = m.dependencies().iter().copied().filter(|d| versions.contains(d)).collect();
            let parents = if m.dependencies().is_empty() {
                previous.into_iter().collect()
            } else {
                graph.declared.insert(m.version);
                declared
            };
            graph.parents.insert(m.version, parents);
            previous = Some(m.version);
        }
        graph
    }

    /// The versions `version` comes after, lowest first.
    pub(crate) fn parents(&self, version: u64) -> &[u64] {
        self.parents.get(&version).map_or(&[], Vec::as_slice)
    }

    /// Whether `version` declared its dependencies (rather than following the version
    /// before it).
    #[cfg_attr(not(feature = "cli-core"), allow(dead_code))]
    pub(crate) fn declared(&self, version: u64) -> bool {
        self.declared.contains(&version)
    }

    /// Every version `version` comes after, directly or not.
    pub(crate) fn ancestors(&self, version: u64) -> BTreeSet<u64> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![version];
        while let Some(v) = todo.pop() {
            for p in self.parents(v) {
                if seen.insert(*p) {
                    todo.push(*p);
                }
            }
        }
        seen
    }

    /// Every version that comes after `version`, directly or not. Children are always
    /// higher versions, so one pass upwards finds them all.
    pub(crate) fn descendants(&self, version: u64) -> BTreeSet<u64> {
        let mut found = BTreeSet::from([version]);
        for (v, parents) in self.parents.range(version + 1..) {
            if parents.iter().any(|p| found.contains(p)) {
                found.insert(*v);
            }
        }
        found.remove(&version);
        found
    }

    /// What `up --to version` may apply: `version` and its ancestors when it is a migration,
    /// else every version up to it.
    pub(crate) fn up_to(&self, version: u64) -> BTreeSet<u64> {
        if self.parents.contains_key(&version) {
            let mut set = self.ancestors(version);
            set.insert(version);
            set
        } else {
            self.parents.range(..=version).map(|(v, _)| *v).collect()
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::sql::SqlFile;

    fn migrations(spec: &[(u64, &[u64])]) -> Vec<Migration> {
        let files: Vec<SqlFile> = spec
            .iter()
            .map(|(v, deps)| {
                let header = if deps.is_empty() {
                    String::new()
                } else {
                    let list: Vec<String> = deps.iter().map(|d| format!("V{d:03}")).collect();
                    format!("-- Dependencies: {}\n", list.join(", "))
                };
                let text = format!("{header}-- === UP Migration ===\nSELECT 1;\n");
                crate::sql::parse_embedded(&[(&format!("migrations/V{v:03}_20250101_m{v}.sql"), &text)])
                    .unwrap()
                    .remove(0)
            })
            .collect();
        super::super::Migrator::new(&[], files).unwrap().migrations().to_vec()
    }

    #[test]
    fn undeclared_migrations_follow_the_version_before_and_declared_ones_only_what_they_name() {
        let all = migrations(&[(1, &[]), (2, &[1]), (3, &[1]), (4, &[2, 3]), (5, &[1]), (6, &[])]);
        let g = Graph::of(&all);
        assert_eq!(g.parents(1), [] as [u64; 0]);
        assert_eq!(g.parents(6), [5]);
        assert_eq!(g.ancestors(4), BTreeSet::from([1, 2, 3]));
        assert_eq!(g.up_to(5), BTreeSet::from([1, 5]));
        assert_eq!(g.up_to(7), BTreeSet::from([1, 2, 3, 4, 5, 6]));
        assert_eq!(g.descendants(2), BTreeSet::from([4]));
        assert_eq!(g.descendants(1), BTreeSet::from([2, 3, 4, 5, 6]));
        assert!(g.declared(5) && !g.declared(6));
    }

    #[test]
    fn a_chain_without_declarations_is_its_version_order() {
        let all = migrations(&[(1, &[]), (2, &[]), (3, &[])]);
        let g = Graph::of(&all);
        assert_eq!(g.up_to(2), BTreeSet::from([1, 2]));
        assert_eq!(g.descendants(2), BTreeSet::from([3]));
    }
}
