//! The builder handed to `create_table`'s closure.

use super::column::{ColumnBuilder, InCreate, Untyped};
use super::constraint::{CheckBuilder, ForeignKeyBuilder, IndexBuilder, UniqueBuilder};
use super::naming;
use super::slot::Slot;
use super::types::{SqlType, TimestampTz};
use crate::model::{Check, Column, ColumnType, ForeignKey, Index, PrimaryKey, Table, Unique};

/// Declares the columns, keys, indexes and constraints of a new table.
pub struct TableBuilder<'a> {
    pub(crate) table: &'a mut Table,
}

impl TableBuilder<'_> {
    fn slot(&mut self) -> Slot<'_> {
        Slot::Table(self.table)
    }

    /// A column of Rust type `T`: `Option<T>` makes it nullable.
    ///
    /// ```
    /// use migrate_schema::{Schema, SchemaModel, ColumnType};
    /// let mut s = Schema::new();
    /// s.create_table("users", |t| {
    ///     t.column::<String>("email").max_len(255);
    ///     t.column::<Option<String>>("display_name");
    /// });
    /// let model = SchemaModel::from_ops(s.ops()).unwrap();
    /// let users = model.table("users").unwrap();
    /// assert_eq!(users.column("email").unwrap().ty, ColumnType::Varchar { len: 255 });
    /// assert!(users.column("display_name").unwrap().nullable);
    /// ```
    pub fn column<T: SqlType>(&mut self, name: impl Into<String>) -> ColumnBuilder<'_, T, InCreate> {
        let column = Column { nullable: T::NULLABLE, ..Column::new(name, T::column_type()) };
        let at = self.table.columns.len();
        self.table.columns.push(column);
        ColumnBuilder::new(self.slot(), at)
    }

    /// A column of an explicit [`ColumnType`], `NOT NULL` unless `.nullable()` is called.
    /// This is the escape hatch for native types: `ColumnType::Native { sql: "inet".into() }`.
    pub fn column_of_type(&mut self, name: impl Into<String>, ty: ColumnType) -> ColumnBuilder<'_, Untyped, InCreate> {
        let at = self.table.columns.len();
        self.table.columns.push(Column::new(name, ty));
        ColumnBuilder::new(self.slot(), at)
    }

    /// A `NOT NULL` column restricted to `values`. PostgreSQL gets a type named
    /// `{table}_{column}`; MySQL an `ENUM`; SQLite a `CHECK`.
    pub fn enumeration(&mut self, name: impl Into<String>, values: &[&str]) -> ColumnBuilder<'_, Untyped, InCreate> {
        let name = name.into();
        let ty = ColumnType::Enum {
            name: naming::enum_type(&self.table.name, &name),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        };
        self.column_of_type(name, ty)
    }

    /// An auto-increment 64-bit integer primary key.
    pub fn id(&mut self, name: impl Into<String>) -> ColumnBuilder<'_, i64, InCreate> {
        self.column::<i64>(name).auto_increment().primary_key()
    }

    /// `created_at` and `updated_at`, instants defaulting to now.
    pub fn timestamps(&mut self) {
        self.column::<TimestampTz>("created_at").default_now();
        self.column::<TimestampTz>("updated_at").default_now();
    }

    /// A primary key over several columns.
    pub fn primary_key(&mut self, columns: &[&str]) {
        self.table.primary_key = Some(PrimaryKey { columns: owned(columns), name: None });
    }

    /// A unique constraint over `columns`.
    pub fn unique(&mut self, columns: &[&str]) -> UniqueBuilder<'_> {
        let name = naming::unique(&self.table.name, columns);
        let at = self.slot().push_unique(Unique { name, columns: owned(columns) });
        UniqueBuilder { slot: self.slot(), at }
    }

    /// An index over `columns`.
    pub fn index(&mut self, columns: &[&str]) -> IndexBuilder<'_> {
        let name = naming::index(&self.table.name, columns);
        let at = self.slot().push_index(Index { name, columns: owned(columns), unique: false, predicate: None });
        IndexBuilder { slot: self.slot(), at }
    }

    /// A foreign key from `columns` to `ref_table(ref_columns)`.
    pub fn foreign_key(&mut self, columns: &[&str], ref_table: &str, ref_columns: &[&str]) -> ForeignKeyBuilder<'_> {
        let foreign_key = ForeignKey {
            name: naming::foreign_key(&self.table.name, columns),
            columns: owned(columns),
            ref_table: ref_table.to_owned(),
            ref_columns: owned(ref_columns),
            on_delete: None,
            on_update: None,
        };
        let at = self.slot().push_foreign_key(foreign_key);
        ForeignKeyBuilder { slot: self.slot(), at }
    }

    /// A check constraint with the SQL condition `expr`.
    pub fn check(&mut self, expr: impl Into<String>) -> CheckBuilder<'_> {
        let expr = expr.into();
        let name = naming::check(&self.table.name, &expr);
        let at = self.slot().push_check(Check { name, expr });
        CheckBuilder { slot: self.slot(), at }
    }

    /// A comment on the table (PostgreSQL, MySQL).
    pub fn comment(&mut self, text: impl Into<String>) {
        self.table.comment = Some(text.into());
    }

    /// Name the primary key's constraint (PostgreSQL keeps it; MySQL calls every primary
    /// key `PRIMARY`, SQLite names none). Call it after the key is declared.
    ///
    /// ```
    /// use migrate_schema::{Schema, SchemaModel};
    /// let mut s = Schema::new();
    /// s.create_table("ack", |t| {
    ///     t.column::<i32>("id").primary_key();
    ///     t.primary_key_name("pk_acknowledgement_id");
    /// });
    /// let model = SchemaModel::from_ops(s.ops()).unwrap();
    /// assert_eq!(model.table("ack").unwrap().primary_key.as_ref().unwrap().name.as_deref(), Some("pk_acknowledgement_id"));
    /// ```
    pub fn primary_key_name(&mut self, name: impl Into<String>) {
        if let Some(pk) = &mut self.table.primary_key {
            pk.name = Some(name.into());
        }
    }

    /// PostgreSQL: make it a partitioned table with the key `key` (`"RANGE (created_at)"`);
    /// its partitions are tables attached to it with raw SQL (`ALTER TABLE … ATTACH
    /// PARTITION …`).
    pub fn partition_by(&mut self, key: impl Into<String>) {
        self.table.partition_by = Some(key.into());
    }

    /// MySQL: the storage engine (`MyISAM`, `Aria`); InnoDB when not given.
    pub fn engine(&mut self, engine: impl Into<String>) {
        self.table.options.engine = Some(engine.into());
    }

    /// MySQL: the default collation of the table's text columns, which sets their
    /// character set too (`latin1_swedish_ci`); the database's when not given.
    pub fn default_collation(&mut self, collation: impl Into<String>) {
        self.table.options.collation = Some(collation.into());
    }

    /// MySQL: the row format (`DYNAMIC`, `COMPRESSED`); the engine's when not given.
    pub fn row_format(&mut self, format: impl Into<String>) {
        self.table.options.row_format = Some(format.into());
    }
}

pub(crate) fn owned(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| (*c).to_owned()).collect()
}
