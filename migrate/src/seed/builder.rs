//! The typed row builder a `#[seed]` function writes its rows through, and what file seeds
//! are read into: per table, how the rows are written (upserted, or inserted only where
//! their key is absent), the key, and the rows.

use super::value::{ColumnName, SeedValue, SetColumn};
use sea_query::IntoIden;

/// How a seed writes a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Insert a row whose key is absent, update the one whose key is present.
    Upsert,
    /// Insert a row whose key is absent and leave the one whose key is present (seed_fu's
    /// `seed_once`).
    Insert,
}

/// One row: its columns and values in the order they were set.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Row {
    pub(crate) values: Vec<(String, SeedValue)>,
    /// The line of the file it came from (file seeds).
    #[serde(skip)]
    pub(crate) line: Option<usize>,
}

impl Row {
    /// Set `column` (a name, or a typed column of the schema module) to `value`; setting
    /// a column twice keeps the last value.
    ///
    /// ```
    /// let mut s = migrate::seed::Seeds::new();
    /// s.upsert("roles").key(["name"]).row(|r| r.set("name", "admin").set("level", 10).set("note", None::<&str>));
    /// ```
    pub fn set<C: SetColumn<V>, V>(&mut self, column: C, value: V) -> &mut Row {
        let name = column.column_name();
        let value = C::value(value);
        match self.values.iter_mut().find(|(c, _)| *c == name) {
            Some(slot) => slot.1 = value,
            None => self.values.push((name, value)),
        }
        self
    }

    /// The value of `column`, if the row sets it.
    #[cfg(test)]
    pub(crate) fn get(&self, column: &str) -> Option<&SeedValue> {
        self.values.iter().find(|(c, _)| c == column).map(|(_, v)| v)
    }
}

/// The rows a seed writes to one table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableRows {
    pub(crate) table: String,
    pub(crate) mode: Mode,
    /// Empty: the table's primary key.
    pub(crate) key: Vec<String>,
    pub(crate) rows: Vec<Row>,
}

impl TableRows {
    pub(crate) fn new(table: String, mode: Mode) -> Self {
        Self { table, mode, key: Vec::new(), rows: Vec::new() }
    }

    /// The columns that identify a row (a primary key or a unique constraint of the
    /// table) [default: the primary key].
    pub fn key<C: ColumnName>(&mut self, columns: impl IntoIterator<Item = C>) -> &mut Self {
        self.key = columns.into_iter().map(|c| c.column_name()).collect();
        self
    }

    /// One row.
    pub fn row(&mut self, build: impl FnOnce(&mut Row) -> &mut Row) -> &mut Self {
        let mut row = Row::default();
        build(&mut row);
        self.rows.push(row);
        self
    }

    /// A row read from a file, at `line`.
    pub(crate) fn push(&mut self, values: Vec<(String, SeedValue)>, line: usize) {
        self.rows.push(Row { values, line: Some(line) });
    }
}

/// What a `#[seed]` function gets: it records rows per table, which the seed run checks
/// against the database's schema and then writes, upserting on each table's key.
///
/// ```
/// use migrate::seed::Seeds;
///
/// let mut s = Seeds::new();
/// s.upsert("roles").key(["name"]).row(|r| r.set("name", "admin").set("level", 10));
/// s.insert("settings").key(["name"]).row(|r| r.set("name", "theme").set("value", "dark"));
/// s.generate("users", 1_000, |i, r| r.set("email", format!("user{i}@example.com"))).key(["email"]);
/// assert_eq!(s.row_count(), 1_002);
/// ```
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Seeds {
    pub(crate) tables: Vec<TableRows>,
}

impl Seeds {
    /// No rows yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rows of `table` to insert where their key is absent and update where it is present.
    pub fn upsert(&mut self, table: impl IntoIden) -> &mut TableRows {
        self.table(table, Mode::Upsert)
    }

    /// Rows of `table` to insert where their key is absent; present ones are left as they are.
    pub fn insert(&mut self, table: impl IntoIden) -> &mut TableRows {
        self.table(table, Mode::Insert)
    }

    /// `count` rows of `table` made by `build(i, row)` for `i` in `0..count`, upserted (give
    /// them a key that `i` decides, so that running the seed again finds them).
    pub fn generate(
        &mut self,
        table: impl IntoIden,
        count: usize,
        mut build: impl FnMut(usize, &mut Row) -> &mut Row,
    ) -> &mut TableRows {
        let rows = self.table(table, Mode::Upsert);
        rows.rows.reserve(count);
        for i in 0..count {
            let mut row = Row::default();
            build(i, &mut row);
            rows.rows.push(row);
        }
        rows
    }

    /// How many rows are recorded, over every table.
    pub fn row_count(&self) -> usize {
        self.tables.iter().map(|t| t.rows.len()).sum()
    }

    fn table(&mut self, table: impl IntoIden, mode: Mode) -> &mut TableRows {
        let name = table.into_iden().inner().into_owned();
        self.tables.push(TableRows::new(name, mode));
        let last = self.tables.len() - 1;
        &mut self.tables[last]
    }
}
