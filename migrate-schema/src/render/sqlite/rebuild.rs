//! SQLite's table rebuild, the procedure its documentation gives for schema changes that
//! `ALTER TABLE` cannot make (<https://sqlite.org/lang_altertable.html#otheralter>):
//!
//! 1. create the new table under a temporary name, with the new definition;
//! 2. copy the rows, column by column for the columns both versions have;
//! 3. drop the old table and rename the new one to the old name;
//! 4. recreate the table's indexes and triggers.
//!
//! The executor runs it with foreign-key enforcement off (it cannot change inside a
//! transaction, and dropping a parent table with it on would cascade) and runs
//! `PRAGMA foreign_key_check` before committing, so foreign-key integrity is verified,
//! not assumed. `legacy_alter_table` is on during the rename so that views and triggers
//! of other tables that name the table are left to resolve to the new one.

use super::Sqlite;
use crate::dialect::Dialect;
use crate::error::RenderError;
use crate::model::Table;
use crate::render::common::{self as c, quote, quote_list};

/// A rebuild of one SQLite table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuild {
    /// The table being rebuilt.
    pub table: String,
    temporary: String,
    create: String,
    copied: Vec<String>,
    indexes: Vec<String>,
}

impl Rebuild {
    /// The rebuild that turns `before` into `after` (same table name).
    pub fn new(before: &Table, after: &Table) -> Result<Self, RenderError> {
        let temporary = format!("_migrate_new_{}", after.name);
        let renamed = Table { name: temporary.clone(), ..after.clone() };
        // Indexes are created after the rename, under the final table name.
        let table_only = Table { indexes: Vec::new(), ..renamed };
        let mut steps = c::create_table::<Sqlite>(&table_only)?;
        let create = match steps.pop() {
            Some(super::Step::Execute(s)) => s.sql,
            _ => {
                return Err(RenderError::Unsupported {
                    dialect: Dialect::Sqlite,
                    operation: format!("rebuilding table `{}`", after.name),
                });
            }
        };
        let mut indexes = Vec::new();
        for index in &after.indexes {
            indexes.extend(c::create_index::<Sqlite>(&after.name, index)?.preview());
        }
        let copied =
            after.columns.iter().filter(|col| before.column(&col.name).is_some()).map(|col| col.name.clone()).collect();
        Ok(Self { table: after.name.clone(), temporary, create, copied, indexes })
    }

    /// The statements, given the `CREATE TRIGGER` statements of the table to recreate.
    pub fn statements(&self, triggers: &[String]) -> Vec<String> {
        let table = quote::<Sqlite>(&self.table);
        let temporary = quote::<Sqlite>(&self.temporary);
        let columns = quote_list::<Sqlite>(&self.copied);
        let mut out = vec![self.create.clone()];
        if !self.copied.is_empty() {
            out.push(format!("INSERT INTO {temporary} ({columns}) SELECT {columns} FROM {table}"));
        }
        out.extend([
            format!("DROP TABLE {table}"),
            "PRAGMA legacy_alter_table = ON".to_owned(),
            format!("ALTER TABLE {temporary} RENAME TO {table}"),
            "PRAGMA legacy_alter_table = OFF".to_owned(),
        ]);
        out.extend(self.indexes.iter().cloned());
        out.extend(triggers.iter().cloned());
        out
    }
}
