//! The phases of a diff, in dependency order: what goes, goes before what comes; each
//! phase emits its operations and reports the changes they make.

use super::describe;
use super::matching::{Kept, Matching};
use super::part::Part;
use super::{Change, ChangeKind, Diff};
use crate::model::{Column, ForeignKey, NativeObject, SchemaModel, Table};
use crate::ops::{ColumnChange, Op, RawSql};
use crate::replay::same_columns;

/// The operations and changes from `m.from` to `m.to`.
pub(super) fn plan(m: &Matching<'_>) -> Diff {
    let mut out = Diff { ops: Vec::new(), changes: Vec::new() };
    drop_foreign_keys(m, &mut out);
    for part in [Part::Check, Part::Unique, Part::Index] {
        drop_parts(m, &mut out, part);
    }
    drop_natives(m, &mut out, false);
    let last_columns = drop_columns(m, &mut out);
    drop_tables(m, &mut out);
    drop_natives(m, &mut out, true);
    for (op, change) in &m.renames {
        out.ops.push(op.clone());
        out.changes.extend(change.clone());
    }
    add_natives(m, &mut out, true);
    create_tables(m, &mut out);
    add_columns(m, &mut out);
    for (k, column) in last_columns {
        drop_column(&mut out, &k.new.name, &k.new.name, column);
    }
    alter_tables(m, &mut out);
    for part in [Part::Unique, Part::Check, Part::Index, Part::ForeignKey] {
        add_parts(m, &mut out, part);
    }
    for t in &m.created {
        out.ops.extend(Part::ForeignKey.names(t).into_iter().filter_map(|name| Part::ForeignKey.add(t, name)));
    }
    add_natives(m, &mut out, false);
    out
}

/// Whether the object `name` of kind `part` on `table` (its new name) stays as it is.
fn keeps(m: &Matching<'_>, part: Part, table: &str, name: &str) -> bool {
    let (Some(old), Some(new)) = (m.old_table(table), m.new_table(table)) else { return false };
    let is_disturbed_fk = part == Part::ForeignKey && new.foreign_key(name).is_some_and(|fk| disturbed(m, table, fk));
    part.same(old, new, name) && !is_disturbed_fk
}

/// Whether an unchanged foreign key must still be dropped and added back: replay, like the
/// databases, refuses to change the type of a column a foreign key uses (at either end)
/// and to drop the unique constraint it references.
fn disturbed(m: &Matching<'_>, table: &str, fk: &ForeignKey) -> bool {
    let retyped = |table: &str, column: &str| {
        let old = m.old_table(table).and_then(|t| t.column(column));
        let new = m.new_table(table).and_then(|t| t.column(column));
        matches!((old, new), (Some(a), Some(b)) if a.ty != b.ty)
    };
    fk.columns.iter().any(|c| retyped(table, c))
        || fk.ref_columns.iter().any(|c| retyped(&fk.ref_table, c))
        || m.old_table(&fk.ref_table).is_some_and(|t| drops_key(m, t, &t.name, &fk.ref_columns))
}

/// Whether a unique constraint of `t` (called `new_name` in the new schema) over `columns`
/// is dropped.
fn drops_key(m: &Matching<'_>, t: &Table, new_name: &str, columns: &[String]) -> bool {
    t.uniques.iter().any(|u| same_columns(&u.columns, columns) && !keeps(m, Part::Unique, new_name, &u.name))
}

/// Whether a foreign key of the dropped table `t` must go before the tables do, because it
/// references another dropped table, or a column or unique constraint dropped earlier.
/// (The others go with their table.)
fn blocks(m: &Matching<'_>, t: &Table, fk: &ForeignKey) -> bool {
    if fk.ref_table == t.name {
        return false;
    }
    match m.kept_by_old_name(&fk.ref_table) {
        None => true,
        Some(k) => fk.ref_columns.iter().any(|c| k.drops(c)) || drops_key(m, k.old, &k.new.name, &fk.ref_columns),
    }
}

fn drop_foreign_keys(m: &Matching<'_>, out: &mut Diff) {
    for t in &m.dropped {
        for fk in Part::ForeignKey.names(t).into_iter().filter_map(|name| t.foreign_key(name)) {
            if blocks(m, t, fk) {
                out.ops.push(Part::ForeignKey.drop(&t.name, &fk.name));
            }
        }
    }
    drop_parts(m, out, Part::ForeignKey);
}

/// Drops the objects of kept tables that change or go. One dropped only to be added back
/// (see [`disturbed`]) is not a change.
fn drop_parts(m: &Matching<'_>, out: &mut Diff, part: Part) {
    for k in &m.kept {
        for name in part.names(k.old) {
            if keeps(m, part, &k.new.name, name) {
                continue;
            }
            out.ops.push(part.drop(&k.old.name, name));
            let object = format!("{}.{name}", k.new.name);
            let old = part.describe(k.old, name).unwrap_or_default();
            let unchanged = m.old_table(&k.new.name).is_some_and(|r| part.same(r, k.new, name));
            let detail = match part.describe(k.new, name) {
                None => {
                    out.changes.push(Change::new(ChangeKind::Removed, object, old));
                    continue;
                }
                Some(_) if unchanged => continue,
                // Same text, other column: a dropped column's name taken over by a renamed one.
                Some(new) if new == old => format!("{new}: recreated, a column it uses was replaced"),
                Some(new) => format!("{old} → {new}"),
            };
            out.changes.push(Change::new(ChangeKind::Changed, object, detail));
        }
    }
}

/// Adds the objects of kept tables that are new or changed (a change was reported with its drop).
fn add_parts(m: &Matching<'_>, out: &mut Diff, part: Part) {
    for k in &m.kept {
        for name in part.names(k.new) {
            if keeps(m, part, &k.new.name, name) {
                continue;
            }
            out.ops.extend(part.add(k.new, name));
            if let (None, Some(detail)) = (part.describe(k.old, name), part.describe(k.new, name)) {
                out.changes.push(Change::new(ChangeKind::Added, format!("{}.{name}", k.new.name), detail));
            }
        }
    }
}

/// Drops the columns that go, except the last column of a table that loses all of them
/// (replay refuses a table without columns): those are returned, to go once the new
/// columns are in.
fn drop_columns<'m, 'a>(m: &'m Matching<'a>, out: &mut Diff) -> Vec<(&'m Kept<'a>, &'a Column)> {
    let mut last = Vec::new();
    for k in &m.kept {
        let mut columns = k.dropped.clone();
        if columns.len() == k.old.columns.len() {
            last.extend(columns.pop().map(|c| (k, c)));
        }
        for c in columns {
            drop_column(out, &k.old.name, &k.new.name, c);
        }
    }
    last
}

/// Drops column `c` of `table`, called `new_name` in the new schema.
fn drop_column(out: &mut Diff, table: &str, new_name: &str, c: &Column) {
    out.ops.push(Op::DropColumn { table: table.to_owned(), column: c.name.clone() });
    let detail = format!("drops its data ({})", describe::column_type(&c.ty));
    out.changes.push(Change::new(ChangeKind::Removed, format!("{new_name}.{}", c.name), detail).destructive(true));
}

fn drop_tables(m: &Matching<'_>, out: &mut Diff) {
    for t in &m.dropped {
        out.ops.push(Op::DropTable { table: t.name.clone() });
        let detail = format!("drops {} of data", describe::count(t.columns.len(), "column"));
        out.changes.push(Change::new(ChangeKind::Removed, &t.name, detail).destructive(true));
    }
}

/// Creates the new tables without their foreign keys, which come last, once every table
/// they may reference exists.
fn create_tables(m: &Matching<'_>, out: &mut Diff) {
    for t in &m.created {
        out.ops.push(Op::CreateTable { table: Table { foreign_keys: Vec::new(), ..(*t).clone() } });
        let detail = format!("new table ({})", describe::count(t.columns.len(), "column"));
        out.changes.push(Change::new(ChangeKind::Added, &t.name, detail));
    }
}

fn add_columns(m: &Matching<'_>, out: &mut Diff) {
    for k in &m.kept {
        let old = m.old_table(&k.new.name);
        for c in k.new.columns.iter().filter(|c| old.and_then(|t| t.column(&c.name)).is_none()) {
            out.ops.push(Op::AddColumn { table: k.new.name.clone(), column: c.clone() });
            let object = format!("{}.{}", k.new.name, c.name);
            out.changes.push(Change::new(ChangeKind::Added, object, describe::column(c)));
        }
    }
}

/// Alters the columns of kept tables, and reports what of a table no operation changes.
fn alter_tables(m: &Matching<'_>, out: &mut Diff) {
    for k in &m.kept {
        let Some(old) = m.old_table(&k.new.name) else { continue };
        let new = k.new;
        if old.primary_key != new.primary_key {
            let what = format!(
                "primary key {} → {}",
                describe::primary_key(old.primary_key.as_ref()),
                describe::primary_key(new.primary_key.as_ref())
            );
            out.changes.push(Change::unsupported(
                &new.name,
                &what,
                "no operation changes an existing table's primary key",
            ));
        }
        if old.comment != new.comment {
            let what = format!(
                "comment {} → {}",
                describe::comment(old.comment.as_deref()),
                describe::comment(new.comment.as_deref())
            );
            out.changes.push(Change::unsupported(&new.name, &what, "no operation changes a table's comment"));
        }
        if old.partition_by != new.partition_by {
            let shown = |p: &Option<String>| p.clone().unwrap_or_else(|| "none".to_owned());
            let what = format!("partition key {} → {}", shown(&old.partition_by), shown(&new.partition_by));
            out.changes.push(Change::unsupported(&new.name, &what, "no operation partitions an existing table"));
        }
        if old.options != new.options {
            let what = format!(
                "table options {} → {}",
                describe::table_options(&old.options),
                describe::table_options(&new.options)
            );
            out.changes.push(Change::unsupported(&new.name, &what, "no operation changes a table's options"));
        }
        for c in &new.columns {
            if let Some(before) = old.column(&c.name) {
                alter_column(out, &new.name, before, c);
            }
        }
    }
}

/// One operation per aspect that differs: type, then default, then nullability (so that a
/// new default is in place before `NOT NULL`).
fn alter_column(out: &mut Diff, table: &str, old: &Column, new: &Column) {
    let object = format!("{table}.{}", new.name);
    let mut alter = |change, detail: String, destructive| {
        out.ops.push(Op::AlterColumn { table: table.to_owned(), column: new.name.clone(), change });
        out.changes.push(Change::new(ChangeKind::Changed, &object, detail).destructive(destructive));
    };
    if old.ty != new.ty {
        let detail = format!("{} → {}", describe::column_type(&old.ty), describe::column_type(&new.ty));
        alter(ColumnChange::Type(new.ty.clone()), detail, !describe::keeps_values(&old.ty, &new.ty));
    }
    if old.default != new.default {
        let detail = format!(
            "default {} → {}",
            describe::default(old.default.as_ref()),
            describe::default(new.default.as_ref())
        );
        alter(ColumnChange::Default(new.default.clone()), detail, false);
    }
    if old.nullable != new.nullable {
        let detail = format!("{} → {}", describe::nullability(old.nullable), describe::nullability(new.nullable));
        alter(ColumnChange::Nullable(new.nullable), detail, !new.nullable);
    }
    if old.identity != new.identity {
        let what = if new.identity { "identity off → on" } else { "identity on → off" };
        out.changes.push(Change::unsupported(&object, what, "no operation switches identity on or off"));
    }
    if old.comment != new.comment {
        let what = format!(
            "comment {} → {}",
            describe::comment(old.comment.as_deref()),
            describe::comment(new.comment.as_deref())
        );
        out.changes.push(Change::unsupported(&object, &what, "no operation changes a column's comment"));
    }
    let shown = |v: Option<&str>| v.map_or_else(|| "default".to_owned(), |v| format!("`{v}`"));
    if old.collation != new.collation {
        let what = format!("collation {} → {}", shown(old.collation.as_deref()), shown(new.collation.as_deref()));
        out.changes.push(Change::unsupported(&object, &what, "no operation changes a column's collation"));
    }
    if old.on_update != new.on_update {
        let what = format!(
            "on update {} → {}",
            describe::default(old.on_update.as_ref()),
            describe::default(new.on_update.as_ref())
        );
        out.changes.push(Change::unsupported(&object, &what, "no operation changes a column's ON UPDATE"));
    }
    if old.generated != new.generated {
        let shown = |g: &Option<crate::model::Generated>| {
            g.as_ref().map_or_else(|| "none".to_owned(), |g| format!("AS ({})", g.expr))
        };
        let what = format!("generated {} → {}", shown(&old.generated), shown(&new.generated));
        out.changes.push(Change::unsupported(&object, &what, "no operation changes how a column is generated"));
    }
    if old.identity && new.identity && old.serial != new.serial {
        let what = if new.serial { "identity → serial" } else { "serial → identity" };
        out.changes.push(Change::unsupported(&object, what, "no operation turns a serial into an identity column"));
    }
}

/// The natives of `a` that `b` lacks or defines otherwise, each with `b`'s version: those
/// that exist before the tables (`prelude`) or the others, in the order they are created
/// (by [`NativeObject::rank`], then as `a` lists them: in the order the database made them).
fn differing<'s>(
    a: &'s SchemaModel,
    b: &'s SchemaModel,
    prelude: bool,
) -> Vec<(&'s NativeObject, Option<&'s NativeObject>)> {
    let mut natives: Vec<_> = a
        .natives
        .iter()
        .filter(|n| (n.rank() < NativeObject::BEFORE_TABLES) == prelude)
        .map(|n| (n, b.natives.iter().find(|other| other.name == n.name)))
        .filter(|(n, other)| *other != Some(*n))
        .collect();
    natives.sort_by_key(|(n, _)| n.rank());
    natives
}

/// Drops the natives that go or change, with their own DDL (which is also the down), in
/// the reverse of their creation order: those the tables need after the tables.
fn drop_natives(m: &Matching<'_>, out: &mut Diff, prelude: bool) {
    for (old, new) in differing(m.from, m.to, prelude).into_iter().rev() {
        if is_fragment(old) || new.is_some_and(is_fragment) {
            let kind = if new.is_some() { ChangeKind::Changed } else { ChangeKind::Removed };
            out.changes.push(fragment_change(kind, new.unwrap_or(old)));
            continue;
        }
        out.ops.push(Op::Sql { up: RawSql::any(&old.drop), down: Some(RawSql::any(&old.sql)) });
        let change = match new {
            None => Change::new(ChangeKind::Removed, describe::native_object(old), describe::native(old)),
            Some(new) => {
                let what = format!("{}: definition changed", describe::native(new));
                Change::new(ChangeKind::Changed, describe::native_object(old), what)
            }
        };
        out.changes.push(change.destructive(describe::holds_data(old)));
    }
}

/// A native that is part of a table's definition (a column's collation, a generated
/// column, `WITHOUT ROWID`, an engine) has no statement of its own to drop it: no
/// operation can add or remove it alone, so the change is reported as unsupported.
fn is_fragment(n: &NativeObject) -> bool {
    n.drop.is_empty()
}

fn fragment_change(kind: ChangeKind, n: &NativeObject) -> Change {
    let what = format!("{}: part of the table's definition, changed by hand", describe::native(n));
    let mut change = Change::new(kind, describe::native_object(n), what);
    change.unsupported = true;
    change
}

/// Creates the natives that are new or changed (a change was reported with its drop):
/// those the tables need before the tables.
fn add_natives(m: &Matching<'_>, out: &mut Diff, prelude: bool) {
    for (new, old) in differing(m.to, m.from, prelude) {
        if is_fragment(new) || old.is_some_and(is_fragment) {
            if old.is_none() {
                out.changes.push(fragment_change(ChangeKind::Added, new));
            }
            continue;
        }
        out.ops.push(Op::Sql { up: RawSql::any(&new.sql), down: Some(RawSql::any(&new.drop)) });
        if old.is_none() {
            out.changes.push(Change::new(ChangeKind::Added, describe::native_object(new), describe::native(new)));
        }
    }
}
