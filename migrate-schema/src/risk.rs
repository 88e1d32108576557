//! Risk rules: what an operation can do to a live database beyond what it says, per
//! dialect. Each rule has a stable id, a level and a reason; where the size of the harm
//! depends on the data (rows lost, NULLs that make `NOT NULL` fail, values too long for a
//! narrower type), the finding carries a [`Probe`] that the runner answers with a count
//! from the database before showing it.
//!
//! Rules look at the schema before the operation and at the schema the migration started
//! from: a table created by the same migration is empty and unused, so locking and
//! rewriting rules do not apply to it.
//!
//! ```
//! use migrate_schema::risk::{assess, Level};
//! use migrate_schema::{Dialect, Op, Schema, SchemaModel};
//!
//! let mut s = Schema::new();
//! s.create_table("users", |t| { t.id("id"); t.column::<String>("email"); });
//! let model = SchemaModel::from_ops(s.ops()).unwrap();
//! let drop = Op::DropColumn { table: "users".into(), column: "email".into() };
//! let risks = assess(Dialect::Postgres, &model, &model, &drop);
//! assert_eq!(risks[0].rule, "drop-column");
//! assert_eq!(risks[0].level, Level::High);
//! ```

use crate::dialect::Dialect;
use crate::model::{Column, ColumnType, DefaultValue, SchemaModel};
use crate::ops::{ColumnChange, Op};
use serde::Serialize;

/// How much harm a risk can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth knowing; no harm expected.
    Low,
    /// Locks or rewrites a table, or breaks code that still uses an old name.
    Medium,
    /// Loses data or fails on the data the table holds.
    High,
}

impl Level {
    /// `low`, `medium`, `high`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    /// The level named `text` (`low`, `medium`, `high`).
    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().to_ascii_lowercase().as_str() {
            "low" => Some(Level::Low),
            "medium" => Some(Level::Medium),
            "high" => Some(Level::High),
            _ => None,
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A question for the database whose answer sizes a risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "count")]
pub enum Probe {
    /// Rows of `table`.
    Rows {
        /// The table.
        table: String,
    },
    /// Rows where `column` is not NULL (values a drop loses).
    Values {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
    /// Rows where `column` is NULL (rows that make `NOT NULL` fail).
    Nulls {
        /// The table.
        table: String,
        /// The column.
        column: String,
    },
    /// Values of `column` longer than `len` characters (cut or refused by a narrower type).
    Longer {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// The new maximum length.
        len: u32,
    },
    /// Rows that share their `columns` with another row (a unique index cannot be built).
    Duplicates {
        /// The table.
        table: String,
        /// The columns.
        columns: Vec<String>,
    },
}

impl Probe {
    /// The table the probe reads.
    pub fn table(&self) -> &str {
        match self {
            Probe::Rows { table }
            | Probe::Values { table, .. }
            | Probe::Nulls { table, .. }
            | Probe::Longer { table, .. }
            | Probe::Duplicates { table, .. } => table,
        }
    }
}

/// The rule of the peer linters (squawk, Atlas, strong_migrations, MySQL's online DDL)
/// that `rule` corresponds to, for a reader who knows them; empty for an unknown rule.
///
/// ```
/// assert!(migrate_schema::risk::peer_rule("drop-column").contains("squawk ban-drop-column"));
/// ```
pub fn peer_rule(rule: &str) -> &'static str {
    match rule {
        "drop-table" => "squawk ban-drop-table; Atlas DS102",
        "drop-column" => "squawk ban-drop-column; Atlas DS103; strong_migrations remove_column",
        "truncate" => "Atlas DS102 (data loss)",
        "add-required-column" => "squawk adding-required-field; Atlas MF103",
        "set-not-null" => "Atlas MF104",
        "narrow-type" | "change-type" => "Atlas MF (data-dependent); squawk changing-column-type",
        "unique-on-existing-rows" => "Atlas MF101, MF102",
        "rename-table" => "squawk renaming-table; Atlas BC101; strong_migrations rename_table",
        "rename-column" => "squawk renaming-column; Atlas BC102; strong_migrations rename_column",
        "type-change-rewrite" => "squawk changing-column-type; strong_migrations change_column",
        "volatile-default" => "squawk adding-field-with-default",
        "not-null-scan" => "squawk setting-not-nullable-field",
        "index-not-concurrent" => "squawk require-concurrent-index-creation; strong_migrations add_index",
        "foreign-key-validation" => "squawk adding-foreign-key-constraint",
        "check-validation" => "squawk constraint-missing-not-valid",
        "copy-algorithm" => "MySQL online DDL: ALGORITHM=COPY",
        "table-rebuild" => "strong_migrations (MySQL rebuilds)",
        "unchecked" => "squawk/Atlas: statements they cannot parse",
        _ => "",
    }
}

/// One risk of one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    /// How much harm it can do (after probing, the data may raise or lower it).
    pub level: Level,
    /// Stable rule id, e.g. `drop-column`; a migration acknowledges a risk by this id.
    pub rule: &'static str,
    /// `table` or `table.column`.
    pub object: String,
    /// What happens and what to do instead.
    pub reason: String,
    /// Whether the operation rewrites or scans the whole table (its time grows with it).
    pub scans_table: bool,
    /// What to count in the database to size the risk.
    #[serde(skip)]
    pub probe: Option<Probe>,
}

impl Risk {
    fn new(level: Level, rule: &'static str, object: impl Into<String>, reason: impl Into<String>) -> Risk {
        Risk { level, rule, object: object.into(), reason: reason.into(), scans_table: false, probe: None }
    }

    fn probe(mut self, probe: Probe) -> Risk {
        self.probe = Some(probe);
        self
    }

    fn scanning(mut self) -> Risk {
        self.scans_table = true;
        self
    }
}

/// Every rule id, for checking the ones a migration accepts.
pub const RULES: &[&str] = &[
    "drop-table",
    "drop-column",
    "truncate",
    "rename-table",
    "rename-column",
    "add-required-column",
    "volatile-default",
    "narrow-type",
    "change-type",
    "type-change-rewrite",
    "copy-algorithm",
    "set-not-null",
    "not-null-scan",
    "table-rebuild",
    "unique-on-existing-rows",
    "index-not-concurrent",
    "foreign-key-validation",
    "check-validation",
    "unchecked",
    "transaction-control",
];

/// A statement of a file run inside the tool's transaction that opens, ends or nests a
/// transaction itself (`BEGIN`, `COMMIT`, `SAVEPOINT`…), or that the database refuses to run
/// inside one (`CREATE INDEX CONCURRENTLY`, `VACUUM`): squawk's transaction-nesting rule.
pub fn transaction_control(statement: impl Into<String>, reason: impl Into<String>) -> Risk {
    Risk::new(Level::High, "transaction-control", statement, reason)
}

/// `TRUNCATE` of `table` (from a SQL statement; no operation of the model truncates).
pub fn truncate(table: &str) -> Risk {
    Risk::new(Level::High, "truncate", table, format!("deletes every row of {table}"))
        .probe(Probe::Rows { table: table.to_owned() })
}

/// A statement the checks cannot follow: nothing about it is known to be safe.
pub fn unchecked(object: impl Into<String>, reason: impl Into<String>) -> Risk {
    Risk::new(Level::Low, "unchecked", object, reason)
}

/// The risks of `op` on `dialect`, given the schema just before it (`before`) and the one
/// its migration started from (`start`: tables it lacks were created by the migration and
/// hold no rows yet).
pub fn assess(dialect: Dialect, start: &SchemaModel, before: &SchemaModel, op: &Op) -> Vec<Risk> {
    assess_with(dialect, |table| start.table(table).is_some(), before, op)
}

/// [`assess`], told by `existing` whether a table was there when the migration started
/// (so that a caller following many migrations need not keep a copy of each start).
pub fn assess_with(dialect: Dialect, existing: impl Fn(&str) -> bool, before: &SchemaModel, op: &Op) -> Vec<Risk> {
    let existing = |table: &str| existing(table);
    let mut out = Vec::new();
    match op {
        Op::DropTable { table } if existing(table) => out.push(
            Risk::new(Level::High, "drop-table", table, format!("drops table {table} and every row in it"))
                .probe(Probe::Rows { table: table.clone() }),
        ),
        Op::DropColumn { table, column } if existing(table) => {
            out.push(
                Risk::new(
                    Level::High,
                    "drop-column",
                    format!("{table}.{column}"),
                    format!("drops column {table}.{column} and its values"),
                )
                .probe(Probe::Values { table: table.clone(), column: column.clone() }),
            );
        }
        Op::RenameTable { from, to } if existing(from) => out.push(Risk::new(
            Level::Medium,
            "rename-table",
            from,
            format!(
                "renames table {from} to {to}: application code still using {from} fails until it is deployed \
                 with the new name"
            ),
        )),
        Op::RenameColumn { table, from, to } if existing(table) => out.push(Risk::new(
            Level::Medium,
            "rename-column",
            format!("{table}.{from}"),
            format!(
                "renames column {table}.{from} to {to}: application code still using {from} fails until it is \
                 deployed with the new name"
            ),
        )),
        Op::AddColumn { table, column } if existing(table) => add_column(dialect, table, column, &mut out),
        Op::AlterColumn { table, column, change } if existing(table) => {
            if let Some(old) = before.table(table).and_then(|t| t.column(column)) {
                alter_column(dialect, table, old, change, &mut out);
            }
        }
        Op::CreateIndex { table, index } if existing(table) => {
            if index.unique {
                out.push(duplicates(table, &index.columns));
            }
            if dialect == Dialect::Postgres {
                out.push(not_concurrent(table, &index.name));
            }
        }
        Op::AddUnique { table, unique } if existing(table) => {
            out.push(duplicates(table, &unique.columns));
            if dialect == Dialect::Postgres {
                out.push(not_concurrent(table, &unique.name));
            }
        }
        Op::AddForeignKey { table, foreign_key: fk } if existing(table) => match dialect {
            Dialect::Postgres => out.push(
                Risk::new(
                    Level::Medium,
                    "foreign-key-validation",
                    format!("{table}.{}", fk.name),
                    format!(
                        "checks every row of {table} while holding a SHARE ROW EXCLUSIVE lock on {table} and {}; \
                         on a large table add it NOT VALID, then VALIDATE CONSTRAINT in a later migration",
                        fk.ref_table
                    ),
                )
                .scanning(),
            ),
            Dialect::MySql => out.push(
                Risk::new(
                    Level::Medium,
                    "copy-algorithm",
                    format!("{table}.{}", fk.name),
                    format!(
                        "with foreign_key_checks on, InnoDB adds a foreign key with ALGORITHM=COPY: {table} is \
                         copied and writes to it wait until the copy ends"
                    ),
                )
                .scanning(),
            ),
            Dialect::Sqlite => {}
        },
        Op::AddCheck { table, check } if existing(table) && dialect == Dialect::Postgres => out.push(
            Risk::new(
                Level::Medium,
                "check-validation",
                format!("{table}.{}", check.name),
                format!(
                    "checks every row of {table} under an ACCESS EXCLUSIVE lock; on a large table add it NOT \
                     VALID, then VALIDATE CONSTRAINT in a later migration"
                ),
            )
            .scanning(),
        ),
        _ => {}
    }
    if dialect == Dialect::Sqlite
        && let Some(table) = op.table().filter(|t| existing(t))
        && crate::render::sqlite_rebuilds(before, op)
    {
        out.push(
            Risk::new(
                Level::Medium,
                "table-rebuild",
                table,
                format!(
                    "SQLite cannot alter this in place: {table} is rebuilt (every row copied into a new table) \
                     while the database is locked for writes"
                ),
            )
            .scanning()
            .probe(Probe::Rows { table: table.to_owned() }),
        );
    }
    out
}

fn duplicates(table: &str, columns: &[String]) -> Risk {
    Risk::new(
        Level::Medium,
        "unique-on-existing-rows",
        format!("{table}({})", columns.join(", ")),
        format!("fails if rows of {table} already share ({})", columns.join(", ")),
    )
    .probe(Probe::Duplicates { table: table.to_owned(), columns: columns.to_vec() })
}

fn not_concurrent(table: &str, name: &str) -> Risk {
    Risk::new(
        Level::Medium,
        "index-not-concurrent",
        format!("{table}.{name}"),
        format!(
            "builds index {name} while blocking writes to {table}; on a large table create it CONCURRENTLY in a \
             migration with transaction = false"
        ),
    )
    .scanning()
}

fn add_column(dialect: Dialect, table: &str, column: &Column, out: &mut Vec<Risk>) {
    let object = format!("{table}.{}", column.name);
    if !column.nullable && column.default.is_none() && !column.identity {
        out.push(
            Risk::new(
                Level::High,
                "add-required-column",
                &object,
                format!(
                    "adds NOT NULL column {object} without a default: fails if {table} has rows; give it a default \
                     or add it nullable, fill it, then set NOT NULL"
                ),
            )
            .probe(Probe::Rows { table: table.to_owned() }),
        );
    }
    if dialect == Dialect::Postgres
        && let Some(DefaultValue::Expr(expr)) = &column.default
        && is_volatile(expr)
    {
        out.push(
            Risk::new(
                Level::High,
                "volatile-default",
                &object,
                format!(
                    "the default `{expr}` is volatile: PostgreSQL rewrites {table} under an ACCESS EXCLUSIVE lock \
                     to give each row its own value; add the column without it, set the default, then fill rows \
                     in batches"
                ),
            )
            .scanning(),
        );
    }
}

/// PostgreSQL functions whose value differs per row: a default calling one is computed for
/// every existing row (`now()` and `CURRENT_TIMESTAMP` are stable, evaluated once).
fn is_volatile(expr: &str) -> bool {
    let lower = expr.to_ascii_lowercase();
    ["random(", "gen_random_uuid(", "uuid_generate_v", "clock_timestamp(", "timeofday(", "nextval(", "txid_current("]
        .iter()
        .any(|f| lower.contains(f))
}

fn alter_column(dialect: Dialect, table: &str, old: &Column, change: &ColumnChange, out: &mut Vec<Risk>) {
    let object = format!("{table}.{}", old.name);
    match change {
        ColumnChange::Type(to) => {
            let conversion = convert(&old.ty, to);
            match conversion {
                Conversion::Same => return,
                Conversion::Narrowing(len) => {
                    let (reason, probe) = match len {
                        Some(len) => (
                            format!("narrows {object} to {len} characters: longer values are refused or cut"),
                            Probe::Longer { table: table.to_owned(), column: old.name.clone(), len },
                        ),
                        None => (
                            format!("narrows {object}: values outside the new type are refused or changed"),
                            Probe::Values { table: table.to_owned(), column: old.name.clone() },
                        ),
                    };
                    out.push(Risk::new(Level::High, "narrow-type", &object, reason).probe(probe));
                }
                Conversion::Other => out.push(
                    Risk::new(
                        Level::High,
                        "change-type",
                        &object,
                        format!(
                            "converts {object} to another kind of type: values that do not convert fail the migration"
                        ),
                    )
                    .probe(Probe::Values { table: table.to_owned(), column: old.name.clone() }),
                ),
                Conversion::Widening => {}
            }
            let in_place = match dialect {
                Dialect::Postgres => pg_in_place(&old.ty, to),
                Dialect::MySql => mysql_in_place(&old.ty, to),
                Dialect::Sqlite => true,
            };
            if !in_place {
                let (rule, reason) = match dialect {
                    Dialect::Postgres => (
                        "type-change-rewrite",
                        format!(
                            "rewrites {table} and its indexes under an ACCESS EXCLUSIVE lock (reads and writes wait)"
                        ),
                    ),
                    _ => (
                        "copy-algorithm",
                        format!("needs ALGORITHM=COPY: {table} is copied and writes to it wait until the copy ends"),
                    ),
                };
                out.push(Risk::new(Level::High, rule, &object, reason).scanning());
            }
        }
        ColumnChange::Nullable(false) if old.nullable => {
            out.push(
                Risk::new(
                    Level::Medium,
                    "set-not-null",
                    &object,
                    format!("sets {object} NOT NULL: fails if a row holds NULL"),
                )
                .probe(Probe::Nulls { table: table.to_owned(), column: old.name.clone() }),
            );
            match dialect {
                Dialect::Postgres => out.push(
                    Risk::new(
                        Level::Medium,
                        "not-null-scan",
                        &object,
                        format!(
                            "scans every row of {table} under an ACCESS EXCLUSIVE lock; on a large table add a \
                             CHECK ({} IS NOT NULL) NOT VALID, validate it, then set NOT NULL",
                            old.name
                        ),
                    )
                    .scanning(),
                ),
                Dialect::MySql => out.push(
                    Risk::new(
                        Level::Medium,
                        "table-rebuild",
                        &object,
                        format!("InnoDB rebuilds {table} to change nullability (in place, but it reads every row)"),
                    )
                    .scanning(),
                ),
                Dialect::Sqlite => {}
            }
        }
        _ => {}
    }
}

enum Conversion {
    Same,
    Widening,
    /// Fewer values fit; the new maximum length when it is a length.
    Narrowing(Option<u32>),
    /// Another family of types.
    Other,
}

fn int_rank(ty: &ColumnType) -> Option<u8> {
    match ty {
        ColumnType::SmallInt => Some(1),
        ColumnType::Int => Some(2),
        ColumnType::BigInt => Some(3),
        _ => None,
    }
}

fn text_len(ty: &ColumnType) -> Option<Option<u32>> {
    match ty {
        ColumnType::Char { len } | ColumnType::Varchar { len } => Some(Some(*len)),
        ColumnType::Text => Some(None),
        _ => None,
    }
}

fn convert(from: &ColumnType, to: &ColumnType) -> Conversion {
    if from == to {
        return Conversion::Same;
    }
    if let (Some(a), Some(b)) = (int_rank(from), int_rank(to)) {
        return if b > a { Conversion::Widening } else { Conversion::Narrowing(None) };
    }
    if let (Some(a), Some(b)) = (text_len(from), text_len(to)) {
        return match (a, b) {
            (_, None) => Conversion::Widening,
            (None, Some(len)) => Conversion::Narrowing(Some(len)),
            (Some(a), Some(b)) if b >= a => Conversion::Widening,
            (Some(_), Some(b)) => Conversion::Narrowing(Some(b)),
        };
    }
    match (from, to) {
        (ColumnType::Real, ColumnType::Double) => Conversion::Widening,
        (ColumnType::Double, ColumnType::Real) => Conversion::Narrowing(None),
        (ColumnType::Decimal { precision: p1, scale: s1 }, ColumnType::Decimal { precision: p2, scale: s2 }) => {
            if p2 - s2.min(p2) >= p1 - s1.min(p1) && s2 >= s1 {
                Conversion::Widening
            } else {
                Conversion::Narrowing(None)
            }
        }
        (ColumnType::Timestamp, ColumnType::TimestampTz) | (ColumnType::TimestampTz, ColumnType::Timestamp) => {
            Conversion::Widening
        }
        (ColumnType::Enum { values: a, .. }, ColumnType::Enum { values: b, .. }) => {
            if a.iter().all(|v| b.contains(v)) {
                Conversion::Widening
            } else {
                Conversion::Narrowing(None)
            }
        }
        (ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt, ColumnType::Decimal { .. })
        | (_, ColumnType::Text) => Conversion::Widening,
        _ => Conversion::Other,
    }
}

/// Whether PostgreSQL changes the type without rewriting the table: a longer or unbounded
/// `varchar`, `varchar` to `text`, a decimal of the same scale with more digits.
fn pg_in_place(from: &ColumnType, to: &ColumnType) -> bool {
    match (from, to) {
        (ColumnType::Varchar { len: a }, ColumnType::Varchar { len: b }) => b >= a,
        (ColumnType::Varchar { .. }, ColumnType::Text) => true,
        (ColumnType::Decimal { precision: p1, scale: s1 }, ColumnType::Decimal { precision: p2, scale: s2 }) => {
            s1 == s2 && p2 >= p1
        }
        _ => false,
    }
}

/// Whether InnoDB changes the type in place: a longer `varchar` whose length still fits the
/// same length prefix (up to 255 bytes, or both above; counted at 4 bytes a character,
/// utf8mb4's worst case).
fn mysql_in_place(from: &ColumnType, to: &ColumnType) -> bool {
    match (from, to) {
        (ColumnType::Varchar { len: a }, ColumnType::Varchar { len: b }) => {
            b >= a && ((a * 4 <= 255) == (b * 4 <= 255))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::Schema;

    fn users() -> SchemaModel {
        let mut s = Schema::new();
        s.create_table("users", |t| {
            t.id("id");
            t.column::<Option<String>>("email").max_len(50);
            t.column::<i32>("age");
        });
        SchemaModel::from_ops(s.ops()).unwrap_or_default()
    }

    fn rules(dialect: Dialect, op: &Op) -> Vec<&'static str> {
        let model = users();
        assess(dialect, &model, &model, op).iter().map(|r| r.rule).collect()
    }

    fn alter(column: &str, change: ColumnChange) -> Op {
        Op::AlterColumn { table: "users".into(), column: column.into(), change }
    }

    #[test]
    fn type_changes_per_dialect() {
        let widen = alter("email", ColumnChange::Type(ColumnType::Varchar { len: 100 }));
        assert_eq!(rules(Dialect::Postgres, &widen), Vec::<&str>::new());
        assert_eq!(rules(Dialect::MySql, &widen), ["copy-algorithm"], "50 to 100 characters crosses 255 bytes");
        let narrow = alter("email", ColumnChange::Type(ColumnType::Varchar { len: 10 }));
        assert_eq!(rules(Dialect::Postgres, &narrow), ["narrow-type", "type-change-rewrite"]);
        let bigger = alter("age", ColumnChange::Type(ColumnType::BigInt));
        assert_eq!(rules(Dialect::Postgres, &bigger), ["type-change-rewrite"]);
        assert_eq!(rules(Dialect::Sqlite, &bigger), ["table-rebuild"]);
        let other = alter("age", ColumnChange::Type(ColumnType::Boolean));
        assert_eq!(rules(Dialect::MySql, &other), ["change-type", "copy-algorithm"]);
    }

    #[test]
    fn new_tables_carry_no_locking_risk() {
        let empty = SchemaModel::new();
        let op = Op::DropColumn { table: "users".into(), column: "age".into() };
        assert!(assess(Dialect::Postgres, &empty, &users(), &op).is_empty());
    }
}
