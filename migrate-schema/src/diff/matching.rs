//! Matching the old schema to the new one: which tables and columns are kept, renamed (only
//! on a hint) or dropped, and the old schema as it stands once its drops and renames have
//! run, in the new schema's names. The phases compare that model with the new schema.

use super::{Change, ChangeKind, Rename};
use crate::error::SchemaError;
use crate::model::{Column, SchemaModel, Table};
use crate::ops::Op;
use crate::words::mentions;
use std::collections::{HashMap, HashSet};

/// The two schemas, matched.
pub(super) struct Matching<'a> {
    /// The old schema.
    pub(super) from: &'a SchemaModel,
    /// The new schema.
    pub(super) to: &'a SchemaModel,
    /// The old schema without its dropped tables and columns (nor what uses them), with
    /// the renames done: what the old objects look like in the new schema's names.
    pub(super) renamed: SchemaModel,
    /// Tables in both schemas, sorted by their new name.
    pub(super) kept: Vec<Kept<'a>>,
    /// Tables only in the old schema, sorted by name.
    pub(super) dropped: Vec<&'a Table>,
    /// Tables only in the new schema, sorted by name.
    pub(super) created: Vec<&'a Table>,
    /// The renames in an order that runs, each with the change it completes (none for a
    /// step to a temporary name).
    pub(super) renames: Vec<(Op, Option<Change>)>,
    /// Positions by name: of `renamed`'s tables, of `to`'s, and of `kept` by old name (a
    /// diff of thousands of tables looks tables up by name thousands of times).
    renamed_at: HashMap<String, usize>,
    to_at: HashMap<&'a str, &'a Table>,
    kept_at: HashMap<&'a str, usize>,
}

/// A table of both schemas.
pub(super) struct Kept<'a> {
    /// As the old schema has it.
    pub(super) old: &'a Table,
    /// As the new schema has it.
    pub(super) new: &'a Table,
    /// Columns of `old` that are not in `new`, in table order.
    pub(super) dropped: Vec<&'a Column>,
}

impl Kept<'_> {
    /// Whether the old column `name` is dropped.
    pub(super) fn drops(&self, name: &str) -> bool {
        self.dropped.iter().any(|c| c.name == name)
    }
}

impl<'a> Matching<'a> {
    pub(super) fn new(from: &'a SchemaModel, to: &'a SchemaModel, renames: &'a [Rename]) -> Result<Self, SchemaError> {
        let hints = Hints::new(from, to, renames)?;
        let (mut kept, mut dropped) = (Vec::new(), Vec::new());
        let new_tables: HashMap<&str, &Table> = to.tables.iter().map(|t| (t.name.as_str(), t)).collect();
        for old in &from.tables {
            match hints
                .table_image(|n| new_tables.contains_key(n), &old.name)
                .and_then(|name| new_tables.get(name).copied())
            {
                Some(new) => {
                    let dropped = old.columns.iter().filter(|c| hints.column_image(old, new, &c.name).is_none());
                    kept.push(Kept { old, new, dropped: dropped.collect() });
                }
                None => dropped.push(old),
            }
        }
        kept.sort_by(|a, b| a.new.name.cmp(&b.new.name));
        dropped.sort_by(|a, b| a.name.cmp(&b.name));
        let kept_names: HashSet<&str> = kept.iter().map(|k| k.new.name.as_str()).collect();
        let mut created: Vec<&Table> = to.tables.iter().filter(|t| !kept_names.contains(t.name.as_str())).collect();
        created.sort_by(|a, b| a.name.cmp(&b.name));
        let mut renamed = prune(from, &kept, &dropped);
        let renames = hints.run(&mut renamed, &kept)?;
        let renamed_at = renamed.tables.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        let kept_at = kept.iter().enumerate().map(|(i, k)| (k.old.name.as_str(), i)).collect();
        Ok(Self { from, to, renamed, kept, dropped, created, renames, renamed_at, to_at: new_tables, kept_at })
    }

    /// Table `name` of the old schema as renamed ([`Matching::renamed`]).
    pub(super) fn old_table(&self, name: &str) -> Option<&Table> {
        self.renamed_at.get(name).map(|&i| &self.renamed.tables[i])
    }

    /// Table `name` of the new schema.
    pub(super) fn new_table(&self, name: &str) -> Option<&'a Table> {
        self.to_at.get(name).copied()
    }

    /// The kept table whose old name is `name`.
    pub(super) fn kept_by_old_name(&self, name: &str) -> Option<&Kept<'a>> {
        self.kept_at.get(name).map(|&i| &self.kept[i])
    }
}

/// The rename hints, checked against the two schemas.
struct Hints<'a> {
    /// (old name, new name).
    tables: Vec<(&'a str, &'a str)>,
    /// (table's old name, old column name, new column name).
    columns: Vec<(&'a str, &'a str, &'a str)>,
}

impl<'a> Hints<'a> {
    fn new(from: &'a SchemaModel, to: &'a SchemaModel, renames: &'a [Rename]) -> Result<Self, SchemaError> {
        let mut hints = Self { tables: Vec::new(), columns: Vec::new() };
        // Tables first: a column hint needs to know where its table goes.
        for rename in renames {
            if let Rename::Table { from: old, to: new } = rename {
                hints.check_table(from, to, old, new).map_err(|reason| invalid(rename, reason))?;
                hints.tables.push((old, new));
            }
        }
        for rename in renames {
            if let Rename::Column { table, from: old, to: new } = rename {
                hints.check_column(from, to, table, old, new).map_err(|reason| invalid(rename, reason))?;
                hints.columns.push((table, old, new));
            }
        }
        Ok(hints)
    }

    fn check_table(&self, from: &SchemaModel, to: &SchemaModel, old: &str, new: &str) -> Result<(), String> {
        if from.table(old).is_none() {
            Err(format!("table `{old}` does not exist in the old schema"))
        } else if to.table(new).is_none() {
            Err(format!("table `{new}` does not exist in the new schema"))
        } else if old == new {
            Err("a table cannot be renamed to its own name".to_owned())
        } else if self.tables.iter().any(|(o, _)| *o == old) {
            Err(format!("table `{old}` is renamed twice"))
        } else if self.tables.iter().any(|(_, n)| *n == new) {
            Err(format!("two tables are renamed to `{new}`"))
        } else {
            Ok(())
        }
    }

    fn check_column(
        &self,
        from: &SchemaModel,
        to: &SchemaModel,
        table: &str,
        old: &str,
        new: &str,
    ) -> Result<(), String> {
        let Some(old_table) = from.table(table) else {
            let renamed = self.tables.iter().find(|(_, n)| *n == table);
            let hint = renamed.map(|(o, _)| format!(" (name the table as the old schema does: `{o}`)"));
            return Err(format!("table `{table}` does not exist in the old schema{}", hint.unwrap_or_default()));
        };
        let Some(new_table) =
            self.table_image(|n| to.table(n).is_some(), &old_table.name).and_then(|name| to.table(name))
        else {
            return Err(format!("table `{table}` is not in the new schema, and no hint renames it"));
        };
        let same_table = |t: &str| t == table;
        if old_table.column(old).is_none() {
            Err(format!("column `{table}.{old}` does not exist in the old schema"))
        } else if new_table.column(new).is_none() {
            Err(format!("column `{}.{new}` does not exist in the new schema", new_table.name))
        } else if old == new {
            Err("a column cannot be renamed to its own name".to_owned())
        } else if self.columns.iter().any(|(t, o, _)| same_table(t) && *o == old) {
            Err(format!("column `{table}.{old}` is renamed twice"))
        } else if self.columns.iter().any(|(t, _, n)| same_table(t) && *n == new) {
            Err(format!("two columns of `{table}` are renamed to `{new}`"))
        } else {
            Ok(())
        }
    }

    /// The new name of the old table `name`, if it is kept.
    fn table_image(&self, in_new: impl Fn(&str) -> bool, name: &'a str) -> Option<&'a str> {
        image(self.tables.iter().copied(), name, in_new)
    }

    /// The new name of column `name` of the kept table `old`, which is `new` in the new schema.
    fn column_image(&self, old: &Table, new: &Table, name: &'a str) -> Option<&'a str> {
        let pairs = self.columns.iter().filter(|(t, ..)| *t == old.name).map(|(_, o, n)| (*o, *n));
        image(pairs, name, |n| new.column(n).is_some())
    }

    /// Runs the renames on `model` (the pruned old schema): tables, then columns.
    fn run(&self, model: &mut SchemaModel, kept: &[Kept<'_>]) -> Result<Vec<(Op, Option<Change>)>, SchemaError> {
        let tables = self.tables.iter().map(|(o, n)| (o.to_string(), n.to_string())).collect();
        let steps =
            rename_in_order(model, tables, |m, n| m.table(n).is_some(), |from, to| Op::RenameTable { from, to })?;
        let mut out: Vec<_> =
            steps.into_iter().map(|(op, done)| (op, done.map(|(from, to)| renamed(to, &from)))).collect();
        for k in kept {
            let table = k.new.name.as_str();
            let pairs =
                self.columns.iter().filter(|(t, ..)| *t == k.old.name).map(|(_, o, n)| (o.to_string(), n.to_string()));
            let taken = |m: &SchemaModel, n: &str| m.table(table).is_some_and(|t| t.column(n).is_some());
            let op = |from, to| Op::RenameColumn { table: table.to_owned(), from, to };
            let steps = rename_in_order(model, pairs.collect(), taken, op)?;
            out.extend(
                steps
                    .into_iter()
                    .map(|(op, done)| (op, done.map(|(from, to)| renamed(format!("{table}.{to}"), &from)))),
            );
        }
        Ok(out)
    }
}

fn invalid(rename: &Rename, reason: String) -> SchemaError {
    SchemaError::InvalidRename { rename: rename.to_string(), reason }
}

/// Where the old object `name` goes: where its hint says; else under its own name if the
/// new schema has it and no hint claims that name for another object; else nowhere.
fn image<'a>(
    hints: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    name: &'a str,
    in_new: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    if let Some((_, new)) = hints.clone().find(|(old, _)| *old == name) {
        return Some(new);
    }
    let claimed = hints.clone().any(|(_, new)| new == name);
    (!claimed && in_new(name)).then_some(name)
}

/// `from` without the dropped tables and columns, nor the indexes, constraints and foreign
/// keys that use them: those are dropped explicitly, and come back only if the new schema
/// has them. Natives are compared on their own.
fn prune(from: &SchemaModel, kept: &[Kept<'_>], dropped: &[&Table]) -> SchemaModel {
    let dropped: HashSet<&str> = dropped.iter().map(|t| t.name.as_str()).collect();
    let kept: HashMap<&str, &Kept<'_>> = kept.iter().map(|k| (k.old.name.as_str(), k)).collect();
    let table_gone = |name: &str| dropped.contains(name);
    let column_gone = |table: &str, column: &str| kept.get(table).is_some_and(|k| k.drops(column));
    let mut model = SchemaModel { tables: from.tables.clone(), natives: Vec::new() };
    model.tables.retain(|t| !table_gone(&t.name));
    for t in &mut model.tables {
        let gone: Vec<String> =
            t.columns.iter().filter(|c| column_gone(&t.name, &c.name)).map(|c| c.name.clone()).collect();
        let uses = |columns: &[String]| columns.iter().any(|c| gone.contains(c));
        let names = |expr: &str| gone.iter().any(|g| mentions(expr, g));
        t.columns.retain(|c| !gone.contains(&c.name));
        t.indexes.retain(|i| !uses(&i.columns) && !i.predicate.as_deref().is_some_and(names));
        t.uniques.retain(|u| !uses(&u.columns));
        t.checks.retain(|c| !names(&c.expr));
        t.foreign_keys.retain(|f| {
            !uses(&f.columns)
                && !table_gone(&f.ref_table)
                && !f.ref_columns.iter().any(|c| column_gone(&f.ref_table, c))
        });
    }
    model
}

/// A rename hint carried out: (original name, new name).
type Completed = (String, String);

/// Renames (current name, target) pairs in `model`, each once its target is free. Returns
/// each operation with the (original name, target) of the hint it completes, if it does.
fn rename_in_order(
    model: &mut SchemaModel,
    mut pending: Vec<(String, String)>,
    taken: impl Fn(&SchemaModel, &str) -> bool,
    op: impl Fn(String, String) -> Op,
) -> Result<Vec<(Op, Option<Completed>)>, SchemaError> {
    pending.sort();
    // (original name, current name, target)
    let mut pending: Vec<_> = pending.into_iter().map(|(from, to)| (from.clone(), from, to)).collect();
    let mut steps = Vec::new();
    while !pending.is_empty() {
        let free = pending.iter().position(|(_, _, to)| !taken(model, to));
        let in_cycle = || pending.iter().position(|(_, current, _)| pending.iter().any(|(_, _, to)| to == current));
        let (current, target, done) = match free.ok_or_else(in_cycle) {
            Ok(at) => {
                let (original, current, target) = pending.remove(at);
                (current, target.clone(), Some((original, target)))
            }
            // Every target is the current name of another pending rename (a cycle, such as
            // a swap): one of them steps aside to a temporary name, which frees a target.
            // (The search always succeeds: finitely many names are taken.)
            Err(Some(at)) => {
                let temporary =
                    (0..).map(|i| format!("_migrate_tmp_{i}")).find(|n| !taken(model, n)).unwrap_or_default();
                (std::mem::replace(&mut pending[at].1, temporary.clone()), temporary, None)
            }
            // A target taken by something that is not renamed: replay says what.
            Err(None) => {
                let (original, current, target) = pending.remove(0);
                (current, target.clone(), Some((original, target)))
            }
        };
        let step = op(current, target);
        model.apply(&step)?;
        steps.push((step, done));
    }
    Ok(steps)
}

/// The change a completed hint reports: `object` is the new object, named in full.
fn renamed(object: String, original: &str) -> Change {
    Change::new(ChangeKind::Renamed, object, format!("renamed from {original}"))
}
