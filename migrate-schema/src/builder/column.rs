//! The typed column builder: `t.column::<T>(name)` and what can be chained after it.

use super::constraint::{ForeignKeyBuilder, IndexBuilder};
use super::naming;
use super::slot::Slot;
use super::types::{IntegerType, IntoDefault, SqlValue, TemporalType, TextType};
use crate::model::{ColumnType, DefaultValue, ForeignKey, Index, PrimaryKey, Unique};
use std::marker::PhantomData;

/// The column is declared inside `create_table`: it may join the primary key.
#[derive(Debug)]
pub struct InCreate;

/// The column is added to an existing table.
#[derive(Debug)]
pub struct InAlter;

/// A column whose type was given as a [`ColumnType`] rather than a Rust type.
#[derive(Debug)]
pub struct Untyped;

/// Refines a column just declared. `T` is its Rust type, which decides which defaults
/// and options it accepts; `C` says whether it is part of a new table.
pub struct ColumnBuilder<'a, T, C = InCreate> {
    pub(crate) slot: Slot<'a>,
    pub(crate) at: usize,
    pub(crate) _marker: PhantomData<fn() -> (T, C)>,
}

impl<'a, T, C> ColumnBuilder<'a, T, C> {
    pub(crate) fn new(slot: Slot<'a>, at: usize) -> Self {
        Self { slot, at, _marker: PhantomData }
    }

    fn name(&mut self) -> String {
        self.slot.column(self.at).map(|c| c.name.clone()).unwrap_or_default()
    }

    fn set(mut self, f: impl FnOnce(&mut crate::model::Column)) -> Self {
        if let Some(c) = self.slot.column(self.at) {
            f(c);
        }
        self
    }

    /// Default to a SQL expression, used as written (`"lower('X')"`, `"gen_random_uuid()"`).
    pub fn default_expr(self, sql: impl Into<String>) -> Self {
        let sql = sql.into();
        self.set(|c| c.default = Some(DefaultValue::Expr(sql)))
    }

    /// MySQL: the value the column takes whenever its row is updated, as SQL
    /// (`"CURRENT_TIMESTAMP(3)"`); the other dialects refuse it.
    pub fn on_update_expr(self, sql: impl Into<String>) -> Self {
        let sql = sql.into();
        self.set(|c| c.on_update = Some(DefaultValue::Expr(sql)))
    }

    /// A generated column stored with its row, computed by the SQL `expr` from the row's
    /// other columns.
    ///
    /// ```
    /// use migrate_schema::{Dialect, Schema};
    /// let mut s = Schema::new();
    /// s.create_table("film", |t| {
    ///     t.column::<i32>("length");
    ///     t.column::<Option<f64>>("hours").generated_stored("length / 60.0");
    /// });
    /// assert!(s.render(Dialect::Postgres).unwrap()[0].contains("GENERATED ALWAYS AS (length / 60.0) STORED"));
    /// ```
    pub fn generated_stored(self, expr: impl Into<String>) -> Self {
        let expr = expr.into();
        self.set(|c| c.generated = Some(crate::model::Generated { expr, stored: true }))
    }

    /// A generated column computed when read (MySQL, SQLite; PostgreSQL before 18 has
    /// only stored ones).
    pub fn generated_virtual(self, expr: impl Into<String>) -> Self {
        let expr = expr.into();
        self.set(|c| c.generated = Some(crate::model::Generated { expr, stored: false }))
    }

    /// Declare `DEFAULT NULL`: what a nullable column has anyway, written out, as schemas
    /// read from a database keep it.
    pub fn default_null(self) -> Self {
        self.set(|c| c.default = Some(DefaultValue::Value(crate::model::Literal::Null)))
    }

    /// A comment on the column (PostgreSQL, MySQL; SQLite has no comments).
    pub fn comment(self, text: impl Into<String>) -> Self {
        let text = text.into();
        self.set(|c| c.comment = Some(text))
    }

    /// Add a unique constraint on this column alone.
    pub fn unique(mut self) -> Self {
        let column = self.name();
        let name = naming::unique(self.slot.table_name(), &[&column]);
        self.slot.push_unique(Unique { name, columns: vec![column] });
        self
    }

    /// Add an index on this column alone (`idx_{table}_{column}`); returns its builder.
    pub fn index(mut self) -> IndexBuilder<'a> {
        let column = self.name();
        let name = naming::index(self.slot.table_name(), &[&column]);
        let at = self.slot.push_index(Index { name, columns: vec![column], unique: false, predicate: None });
        IndexBuilder { slot: self.slot, at }
    }

    /// Make this column reference `table(column)`; returns the foreign key's builder.
    pub fn references(mut self, table: impl Into<String>, column: impl Into<String>) -> ForeignKeyBuilder<'a> {
        let from = self.name();
        let name = naming::foreign_key(self.slot.table_name(), &[&from]);
        let at = self.slot.push_foreign_key(ForeignKey {
            name,
            columns: vec![from],
            ref_table: table.into(),
            ref_columns: vec![column.into()],
            on_delete: None,
            on_update: None,
        });
        ForeignKeyBuilder { slot: self.slot, at }
    }
}

impl<T: SqlValue, C> ColumnBuilder<'_, T, C> {
    /// Default to `value`, which must be of the column's own type.
    ///
    /// ```
    /// use migrate_schema::Schema;
    /// let mut s = Schema::new();
    /// s.create_table("flags", |t| {
    ///     t.column::<bool>("active").default(true);
    ///     t.column::<i16>("weight").default(1);
    ///     t.column::<Option<String>>("note").default("none");
    /// });
    /// ```
    pub fn default(self, value: impl IntoDefault<T>) -> Self {
        let literal = value.into_default().into_literal();
        self.set(|c| c.default = Some(DefaultValue::Value(literal)))
    }
}

impl<T: TextType, C> ColumnBuilder<'_, T, C> {
    /// Limit the length: `varchar(n)` instead of `text`.
    pub fn max_len(self, n: u32) -> Self {
        self.set(|c| c.ty = ColumnType::Varchar { len: n })
    }

    /// Fixed length: `char(n)`.
    pub fn fixed_len(self, n: u32) -> Self {
        self.set(|c| c.ty = ColumnType::Char { len: n })
    }

    /// Compare and sort by `collation` (`"NOCASE"` on SQLite, `"C"` on PostgreSQL,
    /// `"utf8mb4_bin"` or `"ascii_general_ci"` on MySQL, where it sets the character set too).
    ///
    /// ```
    /// use migrate_schema::{Dialect, Schema};
    /// let mut s = Schema::new();
    /// s.create_table("n", |t| {
    ///     t.column::<String>("name").collate("NOCASE");
    /// });
    /// assert!(s.render(Dialect::Sqlite).unwrap()[0].contains("text COLLATE NOCASE"));
    /// ```
    pub fn collate(self, collation: impl Into<String>) -> Self {
        let collation = collation.into();
        self.set(|c| c.collation = Some(collation))
    }
}

impl<T: TemporalType, C> ColumnBuilder<'_, T, C> {
    /// Default to the current date and time.
    pub fn default_now(self) -> Self {
        self.set(|c| c.default = Some(DefaultValue::Now))
    }

    /// MySQL: set to the current date and time whenever the row is updated
    /// (`ON UPDATE CURRENT_TIMESTAMP`); the other dialects refuse it.
    pub fn on_update_now(self) -> Self {
        self.set(|c| c.on_update = Some(DefaultValue::Now))
    }
}

impl<T: IntegerType, C> ColumnBuilder<'_, T, C> {
    /// Make it an identity / auto-increment column.
    pub fn auto_increment(self) -> Self {
        self.set(|c| c.identity = true)
    }

    /// An identity column that PostgreSQL declares `serial` (its own sequence
    /// `<table>_<column>_seq` and a `nextval` default) instead of `GENERATED BY DEFAULT AS
    /// IDENTITY`; the other dialects make it auto-increment.
    ///
    /// ```
    /// use migrate_schema::{Dialect, Schema};
    /// let mut s = Schema::new();
    /// s.create_table("t", |t| {
    ///     t.column::<i32>("id").serial().primary_key();
    /// });
    /// assert!(s.render(Dialect::Postgres).unwrap()[0].contains("\"id\" serial NOT NULL"));
    /// ```
    pub fn serial(self) -> Self {
        self.set(|c| {
            c.identity = true;
            c.serial = true;
        })
    }

    /// An identity column whose values the database always chooses (PostgreSQL's
    /// `GENERATED ALWAYS AS IDENTITY`: an `INSERT` may not give one); the other dialects
    /// make it auto-increment.
    pub fn generated_always(self) -> Self {
        self.set(|c| {
            c.identity = true;
            c.identity_always = true;
        })
    }
}

impl<T> ColumnBuilder<'_, T, InCreate> {
    /// Make this column the primary key, or part of it when called on several columns.
    pub fn primary_key(mut self) -> Self {
        let column = self.name();
        if let Slot::Table(t) = &mut self.slot {
            t.primary_key.get_or_insert_with(|| PrimaryKey { columns: Vec::new(), name: None }).columns.push(column);
        }
        self
    }
}

impl<C> ColumnBuilder<'_, Untyped, C> {
    /// Allow `NULL`.
    pub fn nullable(self) -> Self {
        self.set(|c| c.nullable = true)
    }

    /// Make it an identity / auto-increment column; the type must be an integer type,
    /// such as MySQL's `ColumnType::Native { sql: "int(10) unsigned".into() }` (replay
    /// rejects any other).
    pub fn auto_increment(self) -> Self {
        self.set(|c| c.identity = true)
    }

    /// Compare and sort by `collation` (see the typed builder's `collate`).
    pub fn collate(self, collation: impl Into<String>) -> Self {
        let collation = collation.into();
        self.set(|c| c.collation = Some(collation))
    }

    /// MySQL: set to the current date and time whenever the row is updated.
    pub fn on_update_now(self) -> Self {
        self.set(|c| c.on_update = Some(DefaultValue::Now))
    }

    /// `GENERATED ALWAYS AS IDENTITY` on PostgreSQL (see the typed builder's).
    pub fn generated_always(self) -> Self {
        self.set(|c| {
            c.identity = true;
            c.identity_always = true;
        })
    }
}
