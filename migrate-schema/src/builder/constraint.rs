//! Builders that refine an index, foreign key, unique or check constraint just declared.

use super::slot::Slot;
use crate::model::ForeignKeyAction;

/// Refines an index: name, uniqueness, partial predicate.
pub struct IndexBuilder<'a> {
    pub(crate) slot: Slot<'a>,
    pub(crate) at: usize,
}

impl IndexBuilder<'_> {
    /// Name the index (default: `idx_{table}_{columns}`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        if let Some(i) = self.slot.index(self.at) {
            i.name = name.into();
        }
        self
    }

    /// Make it a unique index.
    pub fn unique(mut self) -> Self {
        if let Some(i) = self.slot.index(self.at) {
            i.unique = true;
        }
        self
    }

    /// Make it a partial index on rows matching the SQL condition `predicate`
    /// (PostgreSQL and SQLite; MySQL has no partial indexes and rendering fails there).
    pub fn predicate(mut self, predicate: impl Into<String>) -> Self {
        if let Some(i) = self.slot.index(self.at) {
            i.predicate = Some(predicate.into());
        }
        self
    }
}

/// Refines a foreign key: name and referential actions.
pub struct ForeignKeyBuilder<'a> {
    pub(crate) slot: Slot<'a>,
    pub(crate) at: usize,
}

impl ForeignKeyBuilder<'_> {
    /// Name the constraint (default: `{table}_{columns}_fkey`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        if let Some(f) = self.slot.foreign_key(self.at) {
            f.name = name.into();
        }
        self
    }

    /// What happens to referencing rows when the referenced row is deleted.
    pub fn on_delete(mut self, action: ForeignKeyAction) -> Self {
        if let Some(f) = self.slot.foreign_key(self.at) {
            f.on_delete = Some(action);
        }
        self
    }

    /// What happens to referencing rows when the referenced key is updated.
    pub fn on_update(mut self, action: ForeignKeyAction) -> Self {
        if let Some(f) = self.slot.foreign_key(self.at) {
            f.on_update = Some(action);
        }
        self
    }
}

/// Refines a unique constraint.
pub struct UniqueBuilder<'a> {
    pub(crate) slot: Slot<'a>,
    pub(crate) at: usize,
}

impl UniqueBuilder<'_> {
    /// Name the constraint (default: `{table}_{columns}_key`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        if let Some(u) = self.slot.unique(self.at) {
            u.name = name.into();
        }
        self
    }
}

/// Refines a check constraint.
pub struct CheckBuilder<'a> {
    pub(crate) slot: Slot<'a>,
    pub(crate) at: usize,
}

impl CheckBuilder<'_> {
    /// Name the constraint (default: `{table}_check_{hash}`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        if let Some(c) = self.slot.check(self.at) {
            c.name = name.into();
        }
        self
    }
}
