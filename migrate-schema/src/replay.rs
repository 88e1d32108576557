//! Replay: applying operations to a [`SchemaModel`], checking each one on the way.
//!
//! Replay is the validator of the typed builder: an operation that names a missing table,
//! reuses a name, or breaks a foreign key fails here, before any SQL exists.

use crate::dialect::Dialect;
use crate::error::SchemaError;
use crate::model::{Column, ColumnType, ForeignKey, SchemaModel, Table};
use crate::ops::{ColumnChange, Op};
use crate::words::rename_word;

/// What a database allows that the portable rules do not, so that a schema the database
/// holds is never refused on its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rules {
    dialect: Option<Dialect>,
}

/// The kinds of named objects of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Index,
    Unique,
    ForeignKey,
    Check,
}

impl Rules {
    /// The portable rules: one namespace for every index and constraint, one identity
    /// column per table, foreign keys between columns of one type.
    const PORTABLE: Rules = Rules { dialect: None };

    /// Whether names of `kind` are unique across the schema, not only within a table:
    /// PostgreSQL's and SQLite's indexes (unique constraints are indexes), MySQL's foreign
    /// keys.
    fn schema_wide(self, kind: Named) -> bool {
        match self.dialect {
            None => true,
            Some(Dialect::Postgres | Dialect::Sqlite) => matches!(kind, Named::Index | Named::Unique),
            Some(Dialect::MySql) => kind == Named::ForeignKey,
        }
    }

    /// Whether an object of `kind` named like one of `other` on the same table clashes:
    /// InnoDB names the index backing a foreign key after the constraint.
    fn clash_in_table(self, kind: Named, other: Named) -> bool {
        let fk_and_index = |a: Named, b: Named| a == Named::ForeignKey && matches!(b, Named::Index | Named::Unique);
        !(self.dialect == Some(Dialect::MySql) && (fk_and_index(kind, other) || fk_and_index(other, kind)))
    }

    /// PostgreSQL allows several identity (and serial) columns in a table.
    fn several_identities(self) -> bool {
        self.dialect == Some(Dialect::Postgres)
    }

    /// SQLite lets key and auto-increment columns be declared without `NOT NULL` (and
    /// numbers a row given NULL).
    fn nullable_keys(self) -> bool {
        self.dialect == Some(Dialect::Sqlite)
    }

    /// SQLite does not compare the types of a foreign key's columns.
    fn compares_foreign_key_types(self) -> bool {
        self.dialect != Some(Dialect::Sqlite)
    }
}

/// The named objects of `t`, with their kinds.
fn named_objects(t: &Table) -> impl Iterator<Item = (&str, Named)> {
    t.indexes
        .iter()
        .map(|i| (i.name.as_str(), Named::Index))
        .chain(t.uniques.iter().map(|u| (u.name.as_str(), Named::Unique)))
        .chain(t.foreign_keys.iter().map(|f| (f.name.as_str(), Named::ForeignKey)))
        .chain(t.checks.iter().map(|c| (c.name.as_str(), Named::Check)))
}

impl SchemaModel {
    /// The schema produced by replaying `ops` on an empty schema.
    pub fn from_ops<'a>(ops: impl IntoIterator<Item = &'a Op>) -> Result<Self, SchemaError> {
        let mut schema = Self::new();
        for op in ops {
            schema.apply(op)?;
        }
        Ok(schema)
    }

    /// Apply one operation. On error the schema is left unchanged.
    ///
    /// ```
    /// use migrate_schema::{Op, SchemaError, SchemaModel};
    ///
    /// let mut model = SchemaModel::new();
    /// let err = model.apply(&Op::DropTable { table: "users".into() }).unwrap_err();
    /// assert_eq!(err, SchemaError::UnknownTable { table: "users".into() });
    /// ```
    pub fn apply(&mut self, op: &Op) -> Result<(), SchemaError> {
        self.apply_with(op, Rules::PORTABLE)
    }

    /// [`SchemaModel::apply`] as `dialect` allows it: what the database accepts is not
    /// refused (MySQL's per-table index names and a foreign key sharing its index's name,
    /// several identity columns on PostgreSQL, foreign keys between differently declared
    /// types on SQLite). What it would refuse still is, with the reason.
    ///
    /// ```
    /// use migrate_schema::{Dialect, Index, Op, SchemaModel, Table, Column, ColumnType};
    ///
    /// let mut model = SchemaModel::new();
    /// for name in ["a", "b"] {
    ///     let mut t = Table::new(name);
    ///     t.columns.push(Column::new("x", ColumnType::Int));
    ///     t.indexes.push(Index { name: "idx_x".into(), columns: vec!["x".into()], unique: false, predicate: None });
    ///     model.apply_for(Dialect::MySql, &Op::CreateTable { table: t }).unwrap();
    /// }
    /// let mut other = SchemaModel::new();
    /// let mut t = Table::new("a");
    /// t.columns.push(Column::new("x", ColumnType::Int));
    /// t.indexes.push(Index { name: "idx_x".into(), columns: vec!["x".into()], unique: false, predicate: None });
    /// other.apply_for(Dialect::Postgres, &Op::CreateTable { table: t.clone() }).unwrap();
    /// t.name = "b".into();
    /// assert!(other.apply_for(Dialect::Postgres, &Op::CreateTable { table: t }).is_err());
    /// ```
    pub fn apply_for(&mut self, dialect: Dialect, op: &Op) -> Result<(), SchemaError> {
        self.apply_with(op, Rules { dialect: Some(dialect) })
    }

    fn apply_with(&mut self, op: &Op, rules: Rules) -> Result<(), SchemaError> {
        match op {
            Op::CreateTable { table } => self.create_table(table, rules),
            Op::DropTable { table } => self.drop_table(table),
            Op::RenameTable { from, to } => self.rename_table(from, to),
            Op::AddColumn { table, column } => self.add_column(table, column, rules),
            Op::DropColumn { table, column } => self.drop_column(table, column),
            Op::RenameColumn { table, from, to } => self.rename_column(table, from, to),
            Op::AlterColumn { table, column, change } => self.alter_column(table, column, change),
            Op::CreateIndex { table, index } => {
                self.check_new_name(table, &index.name, Named::Index, rules)?;
                check_columns(self.existing(table)?, &format!("index `{}`", index.name), &index.columns)?;
                self.existing_mut(table)?.indexes.push(index.clone());
                Ok(())
            }
            Op::DropIndex { table, name } => {
                let t = self.existing_mut(table)?;
                let at = position(&t.indexes, |i| &i.name, name, "index", table)?;
                t.indexes.remove(at);
                Ok(())
            }
            Op::AddForeignKey { table, foreign_key } => {
                self.check_new_name(table, &foreign_key.name, Named::ForeignKey, rules)?;
                self.check_foreign_key(table, foreign_key, None, rules)?;
                self.existing_mut(table)?.foreign_keys.push(foreign_key.clone());
                Ok(())
            }
            Op::DropForeignKey { table, name } => {
                let t = self.existing_mut(table)?;
                let at = position(&t.foreign_keys, |f| &f.name, name, "foreign key", table)?;
                t.foreign_keys.remove(at);
                Ok(())
            }
            Op::AddUnique { table, unique } => {
                self.check_new_name(table, &unique.name, Named::Unique, rules)?;
                check_columns(self.existing(table)?, &format!("unique `{}`", unique.name), &unique.columns)?;
                self.existing_mut(table)?.uniques.push(unique.clone());
                Ok(())
            }
            Op::DropUnique { table, name } => self.drop_unique(table, name),
            Op::AddCheck { table, check } => {
                self.check_new_name(table, &check.name, Named::Check, rules)?;
                self.existing(table)?;
                self.existing_mut(table)?.checks.push(check.clone());
                Ok(())
            }
            Op::DropCheck { table, name } => {
                let t = self.existing_mut(table)?;
                let at = position(&t.checks, |c| &c.name, name, "check constraint", table)?;
                t.checks.remove(at);
                Ok(())
            }
            // Raw SQL and data statements do not change the model: the user's SQL is opaque.
            Op::Sql { .. } | Op::Data { .. } => Ok(()),
        }
    }

    fn existing(&self, table: &str) -> Result<&Table, SchemaError> {
        self.table(table).ok_or_else(|| SchemaError::UnknownTable { table: table.to_owned() })
    }

    fn existing_mut(&mut self, table: &str) -> Result<&mut Table, SchemaError> {
        self.table_mut(table).ok_or_else(|| SchemaError::UnknownTable { table: table.to_owned() })
    }

    /// A new object `name` of `kind` on `table` clashes with none: in the same table, with
    /// any of that name (as `rules` allow); elsewhere, with one of a kind whose names are
    /// schema-wide.
    fn check_new_name(&self, table: &str, name: &str, kind: Named, rules: Rules) -> Result<(), SchemaError> {
        check_identifier(name)?;
        let clash = self.tables.iter().find(|t| {
            named_objects(t).any(|(n, other)| {
                n == name
                    && match t.name == table {
                        true => rules.clash_in_table(kind, other),
                        false => rules.schema_wide(kind) && rules.schema_wide(other),
                    }
            })
        });
        match clash {
            Some(owner) => Err(SchemaError::DuplicateName { name: name.to_owned(), table: owner.name.clone() }),
            None => Ok(()),
        }
    }

    fn create_table(&mut self, table: &Table, rules: Rules) -> Result<(), SchemaError> {
        check_identifier(&table.name)?;
        if self.table(&table.name).is_some() {
            return Err(SchemaError::DuplicateTable { table: table.name.clone() });
        }
        if table.columns.is_empty() {
            return Err(SchemaError::NoColumns { table: table.name.clone() });
        }
        let mut built = Table { columns: Vec::new(), ..table.clone() };
        for column in &table.columns {
            check_new_column(&built, column, rules)?;
            built.columns.push(column.clone());
        }
        check_primary_key(&built, rules)?;
        // Names must be unique across the schema and within the new table itself.
        let names = table
            .indexes
            .iter()
            .map(|i| (&i.name, &i.columns[..], Named::Index, "index"))
            .chain(table.uniques.iter().map(|u| (&u.name, &u.columns[..], Named::Unique, "unique")))
            .chain(table.foreign_keys.iter().map(|f| (&f.name, &f.columns[..], Named::ForeignKey, "foreign key")))
            .chain(table.checks.iter().map(|c| (&c.name, &[][..], Named::Check, "check")));
        let mut seen: Vec<(&String, Named)> = Vec::new();
        for (name, columns, kind, what) in names {
            self.check_new_name(&table.name, name, kind, rules)?;
            if seen.iter().any(|(n, other)| *n == name && rules.clash_in_table(kind, *other)) {
                return Err(SchemaError::DuplicateName { name: name.clone(), table: table.name.clone() });
            }
            seen.push((name, kind));
            if kind != Named::Check {
                check_columns(&built, &format!("{what} `{name}`"), columns)?;
            }
        }
        for fk in &table.foreign_keys {
            self.check_foreign_key(&table.name, fk, Some(&built), rules)?;
        }
        self.tables.push(table.clone());
        Ok(())
    }

    fn drop_table(&mut self, name: &str) -> Result<(), SchemaError> {
        self.existing(name)?;
        let users = self.foreign_keys_into(name, None, Some(name));
        if !users.is_empty() {
            return Err(SchemaError::StillReferenced { what: format!("table `{name}`"), users });
        }
        self.tables.retain(|t| t.name != name);
        Ok(())
    }

    fn rename_table(&mut self, from: &str, to: &str) -> Result<(), SchemaError> {
        check_identifier(to)?;
        self.existing(from)?;
        if self.table(to).is_some() {
            return Err(SchemaError::DuplicateTable { table: to.to_owned() });
        }
        for t in &mut self.tables {
            if t.name == from {
                t.name = to.to_owned();
                // The key keeps the name it had (PostgreSQL's `<old name>_pkey`).
                if let Some(pk) = &mut t.primary_key {
                    let name = pk.name.get_or_insert_with(|| format!("{from}_pkey"));
                    if *name == format!("{to}_pkey") {
                        pk.name = None;
                    }
                }
            }
            for fk in &mut t.foreign_keys {
                if fk.ref_table == from {
                    fk.ref_table = to.to_owned();
                }
            }
        }
        Ok(())
    }

    fn add_column(&mut self, table: &str, column: &Column, rules: Rules) -> Result<(), SchemaError> {
        let t = self.existing(table)?;
        check_new_column(t, column, rules)?;
        self.existing_mut(table)?.columns.push(column.clone());
        Ok(())
    }

    fn drop_column(&mut self, table: &str, column: &str) -> Result<(), SchemaError> {
        let t = self.existing(table)?;
        existing_column(t, column)?;
        // MySQL and SQLite refuse a table without columns, and the down could not recreate it.
        if t.columns.len() == 1 {
            return Err(SchemaError::NoColumns { table: table.to_owned() });
        }
        let blockers = column_blockers(t, column);
        if !blockers.is_empty() {
            return Err(SchemaError::ColumnInUse {
                action: "drop",
                table: table.to_owned(),
                column: column.to_owned(),
                users: blockers.join(", "),
            });
        }
        let users = self.foreign_keys_into(table, Some(column), None);
        if !users.is_empty() {
            return Err(SchemaError::StillReferenced { what: format!("column `{table}.{column}`"), users });
        }
        let t = self.existing_mut(table)?;
        // Index and constraint names are unique across the schema: one list serves all four.
        let gone = t.dropped_with(column).names();
        t.indexes.retain(|i| !gone.contains(&i.name));
        t.uniques.retain(|u| !gone.contains(&u.name));
        t.checks.retain(|c| !gone.contains(&c.name));
        t.foreign_keys.retain(|f| !gone.contains(&f.name));
        t.columns.retain(|c| c.name != column);
        Ok(())
    }

    fn rename_column(&mut self, table: &str, from: &str, to: &str) -> Result<(), SchemaError> {
        check_identifier(to)?;
        let t = self.existing(table)?;
        existing_column(t, from)?;
        if t.column(to).is_some() {
            return Err(SchemaError::DuplicateColumn { table: table.to_owned(), column: to.to_owned() });
        }
        let rename = |cols: &mut Vec<String>| {
            for c in cols.iter_mut().filter(|c| *c == from) {
                *c = to.to_owned();
            }
        };
        for t in &mut self.tables {
            if t.name == table {
                for c in t.columns.iter_mut().filter(|c| c.name == from) {
                    c.name = to.to_owned();
                }
                if let Some(pk) = &mut t.primary_key {
                    rename(&mut pk.columns);
                }
                t.indexes.iter_mut().for_each(|i| rename(&mut i.columns));
                t.uniques.iter_mut().for_each(|u| rename(&mut u.columns));
                t.foreign_keys.iter_mut().for_each(|f| rename(&mut f.columns));
                // The databases rewrite the column's name in check and partial-index conditions.
                t.checks.iter_mut().for_each(|c| c.expr = rename_word(&c.expr, from, to));
                t.indexes.iter_mut().filter_map(|i| i.predicate.as_mut()).for_each(|p| *p = rename_word(p, from, to));
            }
            for fk in t.foreign_keys.iter_mut().filter(|f| f.ref_table == table) {
                rename(&mut fk.ref_columns);
            }
        }
        Ok(())
    }

    fn alter_column(&mut self, table: &str, column: &str, change: &ColumnChange) -> Result<(), SchemaError> {
        let t = self.existing(table)?;
        existing_column(t, column)?;
        match change {
            ColumnChange::Type(ty) => {
                // The down could not give the identity back: no change restores it.
                if !ty.is_integer() && t.column(column).is_some_and(|c| c.identity) {
                    return Err(SchemaError::IdentityNotInteger { table: table.to_owned(), column: column.to_owned() });
                }
                let mut users: Vec<String> = t
                    .foreign_keys
                    .iter()
                    .filter(|f| f.columns.iter().any(|c| c == column))
                    .map(|f| f.name.clone())
                    .collect();
                if !self.foreign_keys_into(table, Some(column), None).is_empty() {
                    users.push(self.foreign_keys_into(table, Some(column), None));
                }
                if !users.is_empty() {
                    return Err(SchemaError::ColumnInUse {
                        action: "change the type of",
                        table: table.to_owned(),
                        column: column.to_owned(),
                        users: users.join(", "),
                    });
                }
            }
            ColumnChange::Nullable(true) => {
                if t.primary_key.as_ref().is_some_and(|pk| pk.columns.iter().any(|c| c == column)) {
                    return Err(SchemaError::NullablePrimaryKey { table: table.to_owned(), column: column.to_owned() });
                }
                if t.column(column).is_some_and(|c| c.identity) {
                    return Err(SchemaError::NullableIdentity { table: table.to_owned(), column: column.to_owned() });
                }
            }
            ColumnChange::Nullable(false) | ColumnChange::Default(_) => {}
        }
        let t = self.existing_mut(table)?;
        if let Some(c) = t.column_mut(column) {
            match change {
                ColumnChange::Type(ty) => c.ty = ty.clone(),
                ColumnChange::Nullable(n) => c.nullable = *n,
                ColumnChange::Default(d) => c.default = d.clone(),
            }
        }
        Ok(())
    }

    fn drop_unique(&mut self, table: &str, name: &str) -> Result<(), SchemaError> {
        let t = self.existing(table)?;
        let at = position(&t.uniques, |u| &u.name, name, "unique constraint", table)?;
        let columns = t.uniques[at].columns.clone();
        let other_key = t.primary_key.as_ref().is_some_and(|pk| pk.columns == columns)
            || t.uniques.iter().any(|u| u.name != name && u.columns == columns);
        if !other_key {
            let users = self.foreign_keys_with_target(table, &columns);
            if !users.is_empty() {
                return Err(SchemaError::StillReferenced { what: format!("unique `{name}`"), users });
            }
        }
        self.existing_mut(table)?.uniques.remove(at);
        Ok(())
    }

    fn check_foreign_key(
        &self,
        table: &str,
        fk: &ForeignKey,
        new_table: Option<&Table>,
        rules: Rules,
    ) -> Result<(), SchemaError> {
        let from = match new_table {
            Some(t) => t,
            None => self.existing(table)?,
        };
        let what = format!("foreign key `{}`", fk.name);
        check_columns(from, &what, &fk.columns)?;
        check_identifier(&fk.ref_table)?;
        if fk.columns.len() != fk.ref_columns.len() {
            return Err(SchemaError::InvalidColumns {
                what,
                table: table.to_owned(),
                reason: "has different numbers of referencing and referenced columns",
            });
        }
        // A table may reference itself while it is being created.
        let target = match new_table.filter(|t| t.name == fk.ref_table) {
            Some(t) => t,
            None => self.table(&fk.ref_table).ok_or_else(|| SchemaError::ForeignKeyTarget {
                name: fk.name.clone(),
                table: table.to_owned(),
                target: fk.ref_table.clone(),
            })?,
        };
        for (col, ref_col) in fk.columns.iter().zip(&fk.ref_columns) {
            let target_col = target.column(ref_col).ok_or_else(|| SchemaError::ForeignKeyTarget {
                name: fk.name.clone(),
                table: table.to_owned(),
                target: format!("{}.{ref_col}", fk.ref_table),
            })?;
            if let Some(c) = from.column(col)
                && rules.compares_foreign_key_types()
                && !fk_compatible(&c.ty, &target_col.ty)
            {
                return Err(SchemaError::ForeignKeyType {
                    name: fk.name.clone(),
                    table: table.to_owned(),
                    column: col.clone(),
                    column_type: type_name(&c.ty),
                    target: format!("{}.{ref_col}", fk.ref_table),
                    target_type: type_name(&target_col.ty),
                });
            }
        }
        let is_key = target.primary_key.as_ref().is_some_and(|pk| same_columns(&pk.columns, &fk.ref_columns))
            || target.uniques.iter().any(|u| same_columns(&u.columns, &fk.ref_columns))
            || target
                .indexes
                .iter()
                .any(|i| i.unique && i.predicate.is_none() && same_columns(&i.columns, &fk.ref_columns));
        if !is_key {
            return Err(SchemaError::ForeignKeyNotUnique {
                name: fk.name.clone(),
                table: table.to_owned(),
                ref_table: fk.ref_table.clone(),
                columns: fk.ref_columns.join(", "),
            });
        }
        Ok(())
    }

    /// Foreign keys of *other* tables into `table` (or into one of its columns), as
    /// `table.fk` names. `except_table` excludes self-references of a table being dropped.
    fn foreign_keys_into(&self, table: &str, column: Option<&str>, except_table: Option<&str>) -> String {
        self.tables
            .iter()
            .filter(|t| Some(t.name.as_str()) != except_table)
            .flat_map(|t| t.foreign_keys.iter().map(move |f| (t, f)))
            .filter(|(_, f)| f.ref_table == table && column.is_none_or(|c| f.ref_columns.iter().any(|r| r == c)))
            .map(|(t, f)| format!("`{}.{}`", t.name, f.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn foreign_keys_with_target(&self, table: &str, columns: &[String]) -> String {
        self.tables
            .iter()
            .flat_map(|t| t.foreign_keys.iter().map(move |f| (t, f)))
            .filter(|(_, f)| f.ref_table == table && same_columns(&f.ref_columns, columns))
            .map(|(t, f)| format!("`{}.{}`", t.name, f.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What prevents dropping `column` on its own: the primary key, and multi-column indexes,
/// unique constraints and foreign keys (single-column ones are dropped with the column,
/// as every database does).
pub(crate) fn column_blockers(t: &Table, column: &str) -> Vec<String> {
    let multi = |cols: &[String]| cols.len() > 1 && cols.iter().any(|c| c == column);
    let mut out = Vec::new();
    if t.primary_key.as_ref().is_some_and(|pk| pk.columns.iter().any(|c| c == column)) {
        out.push("the primary key".to_owned());
    }
    out.extend(t.indexes.iter().filter(|i| multi(&i.columns)).map(|i| format!("index `{}`", i.name)));
    out.extend(t.uniques.iter().filter(|u| multi(&u.columns)).map(|u| format!("unique `{}`", u.name)));
    out.extend(t.foreign_keys.iter().filter(|f| multi(&f.columns)).map(|f| format!("foreign key `{}`", f.name)));
    out
}

fn check_new_column(t: &Table, column: &Column, rules: Rules) -> Result<(), SchemaError> {
    check_identifier(&column.name)?;
    if t.column(&column.name).is_some() {
        return Err(SchemaError::DuplicateColumn { table: t.name.clone(), column: column.name.clone() });
    }
    if column.identity {
        if !column.ty.is_integer() {
            return Err(SchemaError::IdentityNotInteger { table: t.name.clone(), column: column.name.clone() });
        }
        if column.nullable && !rules.nullable_keys() {
            return Err(SchemaError::NullableIdentity { table: t.name.clone(), column: column.name.clone() });
        }
        if t.columns.iter().any(|c| c.identity) && !rules.several_identities() {
            return Err(SchemaError::MultipleIdentity { table: t.name.clone() });
        }
    }
    if let ColumnType::Enum { name, .. } = &column.ty {
        check_identifier(name)?;
    }
    Ok(())
}

fn check_primary_key(t: &Table, rules: Rules) -> Result<(), SchemaError> {
    let Some(pk) = &t.primary_key else { return Ok(()) };
    check_columns(t, "primary key", &pk.columns)?;
    for name in pk.columns.iter().filter(|_| !rules.nullable_keys()) {
        if t.column(name).is_some_and(|c| c.nullable) {
            return Err(SchemaError::NullablePrimaryKey { table: t.name.clone(), column: name.clone() });
        }
    }
    Ok(())
}

fn check_columns(t: &Table, what: &str, columns: &[String]) -> Result<(), SchemaError> {
    if columns.is_empty() {
        return Err(SchemaError::InvalidColumns {
            what: what.to_owned(),
            table: t.name.clone(),
            reason: "has no columns",
        });
    }
    for (i, c) in columns.iter().enumerate() {
        existing_column(t, c)?;
        if columns[..i].contains(c) {
            return Err(SchemaError::InvalidColumns {
                what: what.to_owned(),
                table: t.name.clone(),
                reason: "lists a column twice",
            });
        }
    }
    Ok(())
}

fn existing_column<'t>(t: &'t Table, column: &str) -> Result<&'t Column, SchemaError> {
    t.column(column).ok_or_else(|| SchemaError::UnknownColumn { table: t.name.clone(), column: column.to_owned() })
}

fn position<T>(
    items: &[T],
    name_of: impl Fn(&T) -> &String,
    name: &str,
    kind: &'static str,
    table: &str,
) -> Result<usize, SchemaError> {
    items.iter().position(|i| name_of(i) == name).ok_or_else(|| SchemaError::UnknownObject {
        kind,
        table: table.to_owned(),
        name: name.to_owned(),
    })
}

/// Identifiers are always quoted, but quote characters and NUL are refused outright:
/// not every statement sea-query renders escapes them.
pub(crate) fn check_identifier(name: &str) -> Result<(), SchemaError> {
    let reason = if name.is_empty() {
        "it is empty"
    } else if name.len() > 63 {
        "it is longer than 63 bytes (PostgreSQL's limit)"
    } else if name.contains(['"', '`', '\0']) {
        "it contains a quote character or NUL"
    } else {
        return Ok(());
    };
    Err(SchemaError::InvalidIdentifier { name: name.to_owned(), reason })
}

/// Whether `a` and `b` hold the same columns, in any order (a key's identity).
pub(crate) fn same_columns(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|c| b.contains(c))
}

/// Integers are compatible with each other (PostgreSQL compares them across widths and
/// SQLite has one integer type; MySQL's stricter rule is checked by its renderer); text
/// types are compatible with each other whatever their lengths; other types must be equal.
fn fk_compatible(a: &ColumnType, b: &ColumnType) -> bool {
    let textual = |t: &ColumnType| matches!(t, ColumnType::Text | ColumnType::Varchar { .. } | ColumnType::Char { .. });
    // Signed integers of any width and spelling (`INTEGER` as SQLite keeps it); an unsigned
    // one only matches itself (MySQL refuses signed against unsigned).
    let integer = |t: &ColumnType| match t {
        ColumnType::Native { sql } => t.is_integer() && !sql.to_ascii_lowercase().contains("unsigned"),
        t => t.is_integer(),
    };
    a == b || (textual(a) && textual(b)) || (integer(a) && integer(b))
}

pub(crate) fn type_name(t: &ColumnType) -> String {
    match t {
        ColumnType::SmallInt => "smallint".into(),
        ColumnType::Int => "int".into(),
        ColumnType::BigInt => "bigint".into(),
        ColumnType::Real => "real".into(),
        ColumnType::Double => "double".into(),
        ColumnType::Decimal { precision, scale } => format!("decimal({precision},{scale})"),
        ColumnType::Boolean => "boolean".into(),
        ColumnType::Char { len } => format!("char({len})"),
        ColumnType::Varchar { len } => format!("varchar({len})"),
        ColumnType::Text => "text".into(),
        ColumnType::Bytes => "bytes".into(),
        ColumnType::Date => "date".into(),
        ColumnType::Time => "time".into(),
        ColumnType::Timestamp => "timestamp".into(),
        ColumnType::TimestampTz => "timestamptz".into(),
        ColumnType::Uuid => "uuid".into(),
        ColumnType::Json => "json".into(),
        ColumnType::Enum { name, .. } => format!("enum {name}"),
        ColumnType::Native { sql } => sql.clone(),
    }
}
