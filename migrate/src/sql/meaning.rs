//! What a SQL statement does to the schema, read with `sqlparser` in the file's dialect:
//! the operations of the model where the statement maps to them (so that SQL files get the
//! same validation and risk checks as Rust migrations), `TRUNCATE`, statements that leave
//! tables alone (views, functions, data, grants), and the rest reported as unchecked.

use migrate_schema::normalize::{parse_default, parse_type};
use migrate_schema::{
    Check, Column, ColumnChange, Dialect, ForeignKey, ForeignKeyAction, Index, Op, SchemaModel, Table, Unique, naming,
};
use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnDef, ColumnOption, Expr, ObjectName, ObjectType,
    ReferentialAction, RenameTableNameKind, Statement, TableConstraint,
};
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

/// What one statement does, as far as the checks can follow it.
#[derive(Debug, Clone)]
pub enum Meaning {
    /// Changes the model can follow, in order.
    Ops {
        /// The operations.
        ops: Vec<Op>,
        /// Risk rules the statement's own form avoids (`CONCURRENTLY`, `NOT VALID`).
        avoided: Vec<&'static str>,
    },
    /// `TRUNCATE` of these tables.
    Truncate(Vec<String>),
    /// Leaves the tables alone (views, functions, triggers, data, grants, settings), or
    /// does nothing here (`IF EXISTS` on something absent).
    Nothing,
    /// A statement the checks cannot follow, and why.
    Unchecked(String),
}

/// What `sql` (one statement) does to `model`, the schema just before it.
///
/// ```
/// use migrate::sql::{meaning, Meaning};
/// use migrate_schema::{Dialect, Op, SchemaModel};
///
/// let m = meaning(Dialect::Postgres, "CREATE TABLE t (id bigint PRIMARY KEY, name text NOT NULL)", &SchemaModel::new());
/// let Meaning::Ops { ops, .. } = m else { panic!("{m:?}") };
/// assert!(matches!(&ops[0], Op::CreateTable { table } if table.columns.len() == 2));
///
/// let bad = meaning(Dialect::Postgres, "ALTER TABLE t ADD COLUMN", &SchemaModel::new());
/// assert!(matches!(bad, Meaning::Unchecked(reason) if reason.contains("does not parse")));
/// ```
pub fn meaning(dialect: Dialect, sql: &str, model: &SchemaModel) -> Meaning {
    let parsed = match dialect {
        Dialect::Postgres => Parser::parse_sql(&PostgreSqlDialect {}, sql),
        Dialect::MySql => Parser::parse_sql(&MySqlDialect {}, sql),
        Dialect::Sqlite => Parser::parse_sql(&SQLiteDialect {}, sql),
    };
    let statements = match parsed {
        Ok(statements) => statements,
        Err(e) => return Meaning::Unchecked(format!("does not parse as {} SQL here: {e}", dialect.name())),
    };
    let mut ops = Vec::new();
    let mut avoided = Vec::new();
    for statement in &statements {
        match statement_meaning(dialect, statement, model) {
            Meaning::Ops { ops: more, avoided: also } => {
                ops.extend(more);
                avoided.extend(also);
            }
            Meaning::Nothing => {}
            other => return other,
        }
    }
    if ops.is_empty() { Meaning::Nothing } else { Meaning::Ops { ops, avoided } }
}

/// The tables `sql` drops, alters, renames or truncates, by the names it gives them
/// (folded as the database folds them), whatever the model holds: what the tool's own
/// tables are protected against.
///
/// ```
/// use migrate::sql::tables_changed;
/// use migrate_schema::Dialect;
///
/// let changed = tables_changed(Dialect::Postgres, "DROP TABLE IF EXISTS Schema_Migrations");
/// assert_eq!(changed, [("drops", "schema_migrations".to_owned())]);
/// ```
pub fn tables_changed(dialect: Dialect, sql: &str) -> Vec<(&'static str, String)> {
    let parsed = match dialect {
        Dialect::Postgres => Parser::parse_sql(&PostgreSqlDialect {}, sql),
        Dialect::MySql => Parser::parse_sql(&MySqlDialect {}, sql),
        Dialect::Sqlite => Parser::parse_sql(&SQLiteDialect {}, sql),
    };
    let empty = SchemaModel::new();
    let names = Names { dialect, model: &empty };
    let mut out = Vec::new();
    for statement in parsed.unwrap_or_default() {
        match &statement {
            Statement::Drop { object_type: ObjectType::Table, names: dropped, .. } => {
                out.extend(dropped.iter().map(|n| ("drops", names.object(n))));
            }
            Statement::AlterTable(a) => {
                let renames = a.operations.iter().any(|o| matches!(o, AlterTableOperation::RenameTable { .. }));
                out.push((if renames { "renames" } else { "alters" }, names.object(&a.name)));
            }
            Statement::RenameTable(renames) => {
                out.extend(renames.iter().map(|r| ("renames", names.object(&r.old_name))))
            }
            Statement::Truncate(t) => out.extend(t.table_names.iter().map(|t| ("truncates", names.object(&t.name)))),
            _ => {}
        }
    }
    out
}

fn statement_meaning(dialect: Dialect, statement: &Statement, model: &SchemaModel) -> Meaning {
    let ops = |ops: Vec<Op>| Meaning::Ops { ops, avoided: Vec::new() };
    let names = Names { dialect, model };
    match statement {
        Statement::CreateTable(c) => {
            let name = names.table(&c.name);
            if c.temporary || (c.if_not_exists && model.table(&name).is_some()) {
                return Meaning::Nothing;
            }
            if c.query.is_some() || c.like.is_some() || c.clone.is_some() {
                return Meaning::Unchecked(format!("CREATE TABLE {name} copies another table's definition"));
            }
            let mut table = Table::new(&name);
            let mut constraints = Vec::new();
            if let Some(reason) = server_resolved_options(dialect, &c.table_options.to_string()) {
                return Meaning::Unchecked(format!("CREATE TABLE {name} {reason}"));
            }
            for def in &c.columns {
                let (column, more) = match column_of(dialect, &name, def) {
                    Ok(parts) => parts,
                    Err(reason) => return Meaning::Unchecked(format!("CREATE TABLE {name}: {reason}")),
                };
                table.columns.push(column);
                constraints.extend(more);
            }
            constraints.extend(c.constraints.iter().cloned());
            for constraint in &constraints {
                add_constraint(&names, &mut table, constraint);
            }
            for key in table.primary_key.iter().flat_map(|k| k.columns.clone()) {
                if let Some(col) = table.columns.iter_mut().find(|c| c.name == key) {
                    col.nullable = false;
                }
            }
            ops(vec![Op::CreateTable { table }])
        }
        Statement::AlterTable(a) => {
            let table = names.table(&a.name);
            if a.if_exists && model.table(&table).is_none() {
                return Meaning::Nothing;
            }
            let mut out = Vec::new();
            let mut avoided = Vec::new();
            for operation in &a.operations {
                match alter(&names, &table, operation) {
                    Meaning::Ops { ops, avoided: also } => {
                        out.extend(ops);
                        avoided.extend(also);
                    }
                    Meaning::Nothing => {}
                    other => return other,
                }
            }
            Meaning::Ops { ops: out, avoided }
        }
        Statement::CreateIndex(c) => {
            let table = names.table(&c.table_name);
            let mut columns = Vec::new();
            for column in &c.columns {
                match &column.column.expr {
                    Expr::Identifier(ident) => columns.push(names.column(&table, ident)),
                    other => return Meaning::Unchecked(format!("an index on the expression {other}")),
                }
            }
            let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
            let name = c.name.as_ref().map_or_else(|| naming::index(&table, &refs), |n| names.object(n));
            if c.if_not_exists && model.owner_of(&name).is_some() {
                return Meaning::Nothing;
            }
            let index = Index { name, columns, unique: c.unique, predicate: c.predicate.as_ref().map(Expr::to_string) };
            let avoided = if c.concurrently { vec!["index-not-concurrent"] } else { Vec::new() };
            Meaning::Ops { ops: vec![Op::CreateIndex { table, index }], avoided }
        }
        Statement::Drop { object_type, if_exists, names, table: on, .. } => {
            let mut out = Vec::new();
            for (written, name) in names.iter().map(|n| (n, Names { dialect, model }.object(n))) {
                let table_name = || Names { dialect, model }.table(written);
                match object_type {
                    ObjectType::Table if model.table(&table_name()).is_some() || !if_exists => {
                        out.push(Op::DropTable { table: table_name() });
                    }
                    ObjectType::Index => match model.owner_of(&name) {
                        Some(owner) if owner.unique(&name).is_some() => {
                            out.push(Op::DropUnique { table: owner.name.clone(), name })
                        }
                        Some(owner) => out.push(Op::DropIndex { table: owner.name.clone(), name }),
                        None if *if_exists || is_native(model, &name) => {}
                        None => match on {
                            Some(table) => {
                                out.push(Op::DropIndex { table: Names { dialect, model }.table(table), name })
                            }
                            None => return Meaning::Unchecked(format!("DROP INDEX {name}: no such index here")),
                        },
                    },
                    _ => {}
                }
            }
            ops(out)
        }
        Statement::RenameTable(renames) => ops(renames
            .iter()
            .map(|r| Op::RenameTable { from: names.table(&r.old_name), to: names.object(&r.new_name) })
            .collect()),
        Statement::Truncate(t) => Meaning::Truncate(t.table_names.iter().map(|t| names.table(&t.name)).collect()),
        Statement::Insert(_)
        | Statement::Update(_)
        | Statement::Delete(_)
        | Statement::Query(_)
        | Statement::CreateView(_)
        | Statement::CreateFunction(_)
        | Statement::CreateTrigger(_)
        | Statement::CreateProcedure { .. }
        | Statement::CreateExtension(_)
        | Statement::CreateType { .. }
        | Statement::CreateSequence { .. }
        | Statement::CreateSchema { .. }
        | Statement::CreateRole(_)
        | Statement::DropFunction(_)
        | Statement::DropTrigger(_)
        | Statement::DropProcedure { .. }
        | Statement::Comment { .. }
        | Statement::Grant(_)
        | Statement::Revoke(_)
        | Statement::Set(_)
        | Statement::Analyze(_)
        | Statement::Call(_)
        | Statement::Pragma { .. } => Meaning::Nothing,
        other => {
            let text = other.to_string();
            let head: String = text.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            Meaning::Unchecked(format!("`{head} ...` is not followed by the checks"))
        }
    }
}

fn alter(names: &Names<'_>, table: &str, operation: &AlterTableOperation) -> Meaning {
    let Names { dialect, model } = *names;
    let col = |ident: &sqlparser::ast::Ident| names.column(table, ident);
    let column_exists = |column: &str| model.table(table).and_then(|t| t.column(column)).is_some();
    let one = |op: Op| Meaning::Ops { ops: vec![op], avoided: Vec::new() };
    let change = |column: &str, change: ColumnChange| Op::AlterColumn {
        table: table.to_owned(),
        column: column.to_owned(),
        change,
    };
    match operation {
        AlterTableOperation::AddColumn { if_not_exists, column_def, .. } => {
            let (column, constraints) = match column_of(dialect, table, column_def) {
                Ok(parts) => parts,
                Err(reason) => return Meaning::Unchecked(format!("ALTER TABLE {table}: {reason}")),
            };
            if *if_not_exists && column_exists(&column.name) {
                return Meaning::Nothing;
            }
            let mut ops = vec![Op::AddColumn { table: table.to_owned(), column }];
            ops.extend(constraints.iter().filter_map(|c| constraint_op(names, table, c, None)));
            Meaning::Ops { ops, avoided: Vec::new() }
        }
        AlterTableOperation::DropColumn { column_names, if_exists, .. } => Meaning::Ops {
            ops: column_names
                .iter()
                .map(col)
                .filter(|c| !if_exists || column_exists(c))
                .map(|column| Op::DropColumn { table: table.to_owned(), column })
                .collect(),
            avoided: Vec::new(),
        },
        AlterTableOperation::RenameColumn { old_column_name, new_column_name } => {
            one(Op::RenameColumn { table: table.to_owned(), from: col(old_column_name), to: names.of(new_column_name) })
        }
        AlterTableOperation::RenameTable { table_name } => {
            let (RenameTableNameKind::To(to) | RenameTableNameKind::As(to)) = table_name;
            one(Op::RenameTable { from: table.to_owned(), to: names.object(to) })
        }
        AlterTableOperation::AlterColumn { column_name, op } => {
            let column = &col(column_name);
            match op {
                AlterColumnOperation::SetNotNull => one(change(column, ColumnChange::Nullable(false))),
                AlterColumnOperation::DropNotNull => one(change(column, ColumnChange::Nullable(true))),
                AlterColumnOperation::DropDefault => one(change(column, ColumnChange::Default(None))),
                AlterColumnOperation::SetDefault { value } => {
                    let ty = model.table(table).and_then(|t| t.column(column)).map(|c| c.ty.clone());
                    let default = ty.and_then(|ty| parse_default(dialect, &ty, &value.to_string()));
                    one(change(column, ColumnChange::Default(default)))
                }
                AlterColumnOperation::SetDataType { data_type, .. } => {
                    one(change(column, ColumnChange::Type(parse_type(dialect, &data_type.to_string()))))
                }
                other => Meaning::Unchecked(format!("ALTER COLUMN {column} {other}")),
            }
        }
        AlterTableOperation::ModifyColumn { col_name, data_type, options, .. } => {
            let def = ColumnDef { name: col_name.clone(), data_type: data_type.clone(), options: Vec::new() };
            redefine(dialect, table, &col(col_name), &def, options, model)
        }
        AlterTableOperation::ChangeColumn { old_name, new_name, data_type, options, .. } => {
            let def = ColumnDef { name: new_name.clone(), data_type: data_type.clone(), options: Vec::new() };
            let (from, to) = (col(old_name), names.of(new_name));
            match redefine(dialect, table, &from, &def, options, model) {
                Meaning::Ops { mut ops, avoided } if from != to => {
                    for op in &mut ops {
                        if let Op::AlterColumn { column, .. } = op {
                            column.clone_from(&to);
                        }
                    }
                    ops.insert(0, Op::RenameColumn { table: table.to_owned(), from, to });
                    Meaning::Ops { ops, avoided }
                }
                other => other,
            }
        }
        AlterTableOperation::AddConstraint { constraint, not_valid } => {
            let avoided = if *not_valid { vec!["foreign-key-validation", "check-validation"] } else { Vec::new() };
            match constraint_op(names, table, constraint, None) {
                Some(op) => Meaning::Ops { ops: vec![op], avoided },
                None => Meaning::Unchecked(format!("ADD {constraint}")),
            }
        }
        AlterTableOperation::DropConstraint { name, if_exists, .. } => {
            drop_named(table, &names.of(name), *if_exists, model)
        }
        AlterTableOperation::DropIndex { name } | AlterTableOperation::DropForeignKey { name, .. } => {
            drop_named(table, &names.of(name), false, model)
        }
        AlterTableOperation::Algorithm { .. } | AlterTableOperation::Lock { .. } => Meaning::Nothing,
        other => Meaning::Unchecked(format!("ALTER TABLE {table} {other}")),
    }
}

/// MySQL's `MODIFY`/`CHANGE`: the whole definition again; what differs becomes changes.
fn redefine(
    dialect: Dialect,
    table: &str,
    column: &str,
    def: &ColumnDef,
    options: &[ColumnOption],
    model: &SchemaModel,
) -> Meaning {
    let def = ColumnDef {
        options: options.iter().map(|o| sqlparser::ast::ColumnOptionDef { name: None, option: o.clone() }).collect(),
        ..def.clone()
    };
    let new = match column_of(dialect, table, &def) {
        Ok((new, _)) => new,
        Err(reason) => return Meaning::Unchecked(format!("ALTER TABLE {table}: {reason}")),
    };
    let Some(old) = model.table(table).and_then(|t| t.column(column)) else {
        // Leave the error to the replay: a change of a column that does not exist.
        let op =
            Op::AlterColumn { table: table.to_owned(), column: column.to_owned(), change: ColumnChange::Type(new.ty) };
        return Meaning::Ops { ops: vec![op], avoided: Vec::new() };
    };
    let mut ops = Vec::new();
    let mut change = |change| ops.push(Op::AlterColumn { table: table.to_owned(), column: column.to_owned(), change });
    if old.ty != new.ty {
        change(ColumnChange::Type(new.ty));
    }
    if old.nullable != new.nullable {
        change(ColumnChange::Nullable(new.nullable));
    }
    if old.default != new.default {
        change(ColumnChange::Default(new.default));
    }
    Meaning::Ops { ops, avoided: Vec::new() }
}

fn drop_named(table: &str, name: &str, if_exists: bool, model: &SchemaModel) -> Meaning {
    let owned = (table.to_owned(), name.to_owned());
    let op = match model.table(table) {
        Some(t) if t.foreign_key(name).is_some() => Op::DropForeignKey { table: owned.0, name: owned.1 },
        Some(t) if t.unique(name).is_some() => Op::DropUnique { table: owned.0, name: owned.1 },
        Some(t) if t.check(name).is_some() => Op::DropCheck { table: owned.0, name: owned.1 },
        Some(t) if t.index(name).is_some() => Op::DropIndex { table: owned.0, name: owned.1 },
        _ if if_exists => return Meaning::Nothing,
        _ => return Meaning::Unchecked(format!("drops {name} of {table}, which the checks do not know")),
    };
    Meaning::Ops { ops: vec![op], avoided: Vec::new() }
}

fn is_native(model: &SchemaModel, name: &str) -> bool {
    model.natives.iter().any(|n| n.name == name)
}

/// Why MySQL table options leave the table's shape to the server (a character set whose
/// default collation only the server knows, another engine, a row format), if they do.
fn server_resolved_options(dialect: Dialect, options: &str) -> Option<String> {
    if dialect != Dialect::MySql {
        return None;
    }
    let upper = options.to_ascii_uppercase();
    let engine_other = upper.split_whitespace().any(|w| w.starts_with("ENGINE=") && w != "ENGINE=INNODB");
    let resolved = ["CHARSET", "CHARACTER SET", "COLLATE", "ROW_FORMAT"].iter().any(|k| upper.contains(k));
    (engine_other || resolved).then(|| format!("has table options the server resolves ({})", options.trim()))
}

/// A column definition, and the constraints written on it (`PRIMARY KEY`, `UNIQUE`,
/// `REFERENCES`, `CHECK`) as table constraints; `Err` says why only the server can tell
/// what the column becomes (a character set without a collation).
fn column_of(dialect: Dialect, table: &str, def: &ColumnDef) -> Result<(Column, Vec<TableConstraint>), String> {
    let declared = def.data_type.to_string();
    let mut column = Column::new(fold(dialect, &def.name), parse_type(dialect, &declared));
    column.nullable = true;
    let mut constraints = Vec::new();
    let serial = declared.to_ascii_lowercase().contains("serial");
    column.identity = serial;
    column.serial = serial && dialect == Dialect::Postgres;
    for option in def.options.iter().map(|o| &o.option) {
        match option {
            ColumnOption::CharacterSet(name) => {
                return Err(format!(
                    "column {} has the character set {name}, whose collation the server chooses",
                    def.name
                ));
            }
            ColumnOption::Collation(name) => {
                let name = name.0.last().and_then(|part| part.as_ident()).map(|i| i.value.clone());
                column.collation = Some(name.unwrap_or_default());
            }
            ColumnOption::Generated { .. } => {
                return Err(format!("column {} is generated, by an expression the server rewrites", def.name));
            }
            ColumnOption::OnUpdate(expr) => column.on_update = parse_default(dialect, &column.ty, &expr.to_string()),
            ColumnOption::NotNull => column.nullable = false,
            ColumnOption::Null => column.nullable = true,
            ColumnOption::Default(expr) => column.default = parse_default(dialect, &column.ty, &expr.to_string()),
            ColumnOption::Identity(_) => column.identity = true,
            ColumnOption::DialectSpecific(tokens) => {
                let text = tokens.iter().map(ToString::to_string).collect::<String>().to_ascii_uppercase();
                column.identity |= text.contains("AUTO_INCREMENT") || text.contains("AUTOINCREMENT");
            }
            ColumnOption::PrimaryKey(pk) => {
                column.nullable = false;
                let mut pk = pk.clone();
                pk.columns = vec![ident_column(&def.name)];
                constraints.push(TableConstraint::PrimaryKey(pk));
            }
            ColumnOption::Unique(u) => {
                let mut u = u.clone();
                u.columns = vec![ident_column(&def.name)];
                constraints.push(TableConstraint::Unique(u));
            }
            ColumnOption::ForeignKey(fk) => {
                let mut fk = fk.clone();
                fk.columns = vec![def.name.clone()];
                constraints.push(TableConstraint::ForeignKey(fk));
            }
            ColumnOption::Check(c) => constraints.push(TableConstraint::Check(c.clone())),
            _ => {}
        }
    }
    if serial {
        column.nullable = false;
    }
    let _ = table;
    Ok((column, constraints))
}

fn ident_column(ident: &sqlparser::ast::Ident) -> sqlparser::ast::IndexColumn {
    sqlparser::ast::IndexColumn {
        column: sqlparser::ast::OrderByExpr {
            expr: Expr::Identifier(ident.clone()),
            options: Default::default(),
            with_fill: None,
        },
        operator_class: None,
    }
}

/// Add `constraint` to `table`, which is being created: its columns are the table's own.
fn add_constraint(names: &Names<'_>, table: &mut Table, constraint: &TableConstraint) {
    if let TableConstraint::PrimaryKey(pk) = constraint {
        let columns = pk.columns.iter().map(|c| names.index_column(Some(table), &table.name, c)).collect();
        table.primary_key = Some(migrate_schema::PrimaryKey { columns, name: None });
        return;
    }
    match constraint_op(names, &table.name, constraint, Some(table)) {
        Some(Op::AddUnique { unique, .. }) => table.uniques.push(unique),
        Some(Op::AddForeignKey { foreign_key, .. }) => table.foreign_keys.push(foreign_key),
        Some(Op::AddCheck { check, .. }) => table.checks.push(check),
        _ => {}
    }
}

/// The operation adding `constraint` to `table`; `creating` is the table when the
/// constraint is part of its `CREATE TABLE`.
fn constraint_op(names: &Names<'_>, table: &str, constraint: &TableConstraint, creating: Option<&Table>) -> Option<Op> {
    let idents = |columns: &[sqlparser::ast::IndexColumn]| -> Vec<String> {
        columns.iter().map(|c| names.index_column(creating, table, c)).collect()
    };
    let column = |ident: &sqlparser::ast::Ident| match creating {
        Some(t) => names.column_in(t, ident),
        None => names.column(table, ident),
    };
    let table_owned = table.to_owned();
    match constraint {
        TableConstraint::Unique(u) => {
            let columns = idents(&u.columns);
            let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
            let name = u.name.as_ref().map_or_else(|| naming::unique(table, &refs), |n| names.of(n));
            Some(Op::AddUnique { table: table_owned, unique: Unique { name, columns } })
        }
        TableConstraint::ForeignKey(fk) => {
            let columns: Vec<String> = fk.columns.iter().map(column).collect();
            let refs: Vec<&str> = columns.iter().map(String::as_str).collect();
            let name = fk.name.as_ref().map_or_else(|| naming::foreign_key(table, &refs), |n| names.of(n));
            let ref_table = match creating {
                Some(t) if names.same(&names.object(&fk.foreign_table), &t.name) => t.name.clone(),
                _ => names.table(&fk.foreign_table),
            };
            let ref_columns = fk
                .referred_columns
                .iter()
                .map(|c| match creating.filter(|t| t.name == ref_table) {
                    Some(t) => names.column_in(t, c),
                    None => names.column(&ref_table, c),
                })
                .collect();
            let foreign_key = ForeignKey {
                name,
                columns,
                ref_table,
                ref_columns,
                on_delete: fk.on_delete.and_then(action),
                on_update: fk.on_update.and_then(action),
            };
            Some(Op::AddForeignKey { table: table_owned, foreign_key })
        }
        TableConstraint::Check(c) => {
            let expr = c.expr.to_string();
            let name = c.name.as_ref().map_or_else(|| naming::check(table, &expr), |n| names.of(n));
            Some(Op::AddCheck { table: table_owned, check: Check { name, expr } })
        }
        _ => None,
    }
}

fn action(a: ReferentialAction) -> Option<ForeignKeyAction> {
    match a {
        ReferentialAction::Cascade => Some(ForeignKeyAction::Cascade),
        ReferentialAction::SetNull => Some(ForeignKeyAction::SetNull),
        ReferentialAction::SetDefault => Some(ForeignKeyAction::SetDefault),
        ReferentialAction::Restrict => Some(ForeignKeyAction::Restrict),
        ReferentialAction::NoAction => None,
    }
}

/// A name as the database stores it: PostgreSQL folds unquoted identifiers to lower case;
/// MySQL and SQLite keep them as written. Quoted identifiers keep their case everywhere.
fn fold(dialect: Dialect, ident: &sqlparser::ast::Ident) -> String {
    match (dialect, ident.quote_style) {
        (Dialect::Postgres, None) => ident.value.to_lowercase(),
        _ => ident.value.clone(),
    }
}

/// How the statements of one dialect name the objects of the model: folded as the
/// database folds them, and, where the database compares names without case (SQLite;
/// MySQL's columns, and its tables on case-insensitive file systems), resolved to the
/// spelling the object was created with, so that the operations name what the catalog holds.
#[derive(Clone, Copy)]
struct Names<'a> {
    dialect: Dialect,
    model: &'a SchemaModel,
}

impl Names<'_> {
    fn of(&self, ident: &sqlparser::ast::Ident) -> String {
        fold(self.dialect, ident)
    }

    fn same(&self, a: &str, b: &str) -> bool {
        self.dialect.same_name(a, b)
    }

    /// An object's own name (the last part of `schema.name`), folded.
    fn object(&self, name: &ObjectName) -> String {
        name.0.last().map_or_else(String::new, |part| match part.as_ident() {
            Some(ident) => self.of(ident),
            None => unquoted(&part.to_string()),
        })
    }

    /// A table's name, as the model spells the table it refers to.
    fn table(&self, name: &ObjectName) -> String {
        let stored = self.object(name);
        self.model.find_table(self.dialect, &stored).map_or(stored, |t| t.name.clone())
    }

    /// A column of the model's `table`, as the model spells it.
    fn column(&self, table: &str, ident: &sqlparser::ast::Ident) -> String {
        match self.model.table(table) {
            Some(t) => self.column_in(t, ident),
            None => self.of(ident),
        }
    }

    /// A column of `table`, as `table` spells it.
    fn column_in(&self, table: &Table, ident: &sqlparser::ast::Ident) -> String {
        let stored = self.of(ident);
        table.find_column(self.dialect, &stored).map_or(stored, |c| c.name.clone())
    }

    /// The column an index or key names (an expression as written); `creating` is the
    /// table when the key is part of its `CREATE TABLE`.
    fn index_column(&self, creating: Option<&Table>, table: &str, c: &sqlparser::ast::IndexColumn) -> String {
        match (&c.column.expr, creating) {
            (Expr::Identifier(ident), Some(t)) => self.column_in(t, ident),
            (Expr::Identifier(ident), None) => self.column(table, ident),
            (other, _) => unquoted(&other.to_string()),
        }
    }
}

fn unquoted(text: &str) -> String {
    let t = text.trim();
    for (open, close) in [('"', '"'), ('`', '`'), ('[', ']')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            return inner.to_owned();
        }
    }
    t.to_owned()
}
