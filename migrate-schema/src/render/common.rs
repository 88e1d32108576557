//! What the three dialects render alike: sea-query statements built from the model,
//! parameterised by the dialect's [`Backend`] for types, defaults and identity.

use super::{Dialect, Statement, Step};
use crate::error::RenderError;
use crate::model::{
    Column, ColumnType, DefaultValue, ForeignKey, ForeignKeyAction, Index, Literal, SchemaModel, Table,
};
use sea_query::{
    ColumnDef, ConditionalStatement, Expr, ForeignKey as SqForeignKey, ForeignKeyCreateStatement, Index as SqIndex,
    IndexCreateStatement, Keyword, QueryBuilder, SchemaBuilder, Table as SqTable, TableCreateStatement, Value,
};

/// A dialect's answers to the questions rendering asks.
pub(crate) trait Backend {
    const DIALECT: Dialect;
    type Builder: SchemaBuilder + QueryBuilder + Default;

    /// The column's SQL type, with identity folded in where the dialect spells it there.
    fn column_type(c: &Column) -> sea_query::ColumnType;

    /// The keyword for "now" on a column of type `ty`.
    fn now(ty: &ColumnType) -> &'static str;

    /// Dialect-specific parts of a column definition: identity, comment, enum check.
    fn finish_column(table: &Table, c: &Column, def: &mut ColumnDef);

    /// Whether the primary key is written on the column itself (SQLite's
    /// `INTEGER PRIMARY KEY AUTOINCREMENT`) rather than as a table constraint.
    fn inline_primary_key(_table: &Table) -> bool {
        false
    }

    /// Whether a literal default on a column of type `ty` must be written as an expression,
    /// `DEFAULT ('…')` (MySQL: literal defaults on TEXT, BLOB and JSON columns).
    fn literal_default_is_expression(_ty: &ColumnType) -> bool {
        false
    }

    fn builder() -> Self::Builder {
        Self::Builder::default()
    }
}

/// `name` quoted for the backend's dialect ([`Dialect::quote`]).
pub(crate) fn quote<B: Backend>(name: &str) -> String {
    B::DIALECT.quote(name)
}

pub(crate) fn quote_list<B: Backend>(names: &[String]) -> String {
    names.iter().map(|n| quote::<B>(n)).collect::<Vec<_>>().join(", ")
}

/// A string literal, escaped by sea-query for the dialect.
pub(crate) fn string_literal<B: Backend>(s: &str) -> String {
    B::builder().value_to_string(&Value::String(Some(s.to_owned())))
}

pub(crate) fn literal_value(l: &Literal) -> Value {
    match l {
        Literal::Null => Value::String(None),
        Literal::Bool(b) => Value::Bool(Some(*b)),
        Literal::Int(i) => Value::BigInt(Some(*i)),
        Literal::Float(f) => Value::Double(Some(*f)),
        Literal::Text(s) => Value::String(Some(s.clone())),
        Literal::Bytes(b) => Value::Bytes(Some(b.clone())),
    }
}

/// A decimal default held as text (`'4.99'`), written as the number it is (`4.99`), as
/// the databases report it.
fn decimal_number<'d>(d: &'d DefaultValue, ty: &ColumnType) -> Option<&'d str> {
    match (d, ty) {
        (DefaultValue::Value(Literal::Text(t)), ColumnType::Decimal { .. }) => {
            t.parse::<f64>().is_ok().then_some(t.as_str()).filter(|t| !t.contains(['e', 'E', 'n', 'N', 'i', 'I']))
        }
        _ => None,
    }
}

pub(crate) fn default_expr<B: Backend>(d: &DefaultValue, ty: &ColumnType) -> Expr {
    if let Some(number) = decimal_number(d, ty) {
        return Expr::Keyword(Keyword::Custom(number.to_owned().into()));
    }
    match d {
        DefaultValue::Value(Literal::Null) => Expr::Keyword(Keyword::Null),
        // sea-query writes a custom default in parentheses: `DEFAULT ('x')`.
        DefaultValue::Value(l) if B::literal_default_is_expression(ty) => {
            Expr::cust(B::builder().value_to_string(&literal_value(l)))
        }
        DefaultValue::Value(l) => Expr::Value(literal_value(l)),
        DefaultValue::Now => Expr::Keyword(Keyword::Custom(B::now(ty).into())),
        DefaultValue::Expr(sql) => Expr::cust(sql.clone()),
    }
}

/// The default as SQL text, written the way sea-query writes it in a column definition.
pub(crate) fn default_sql<B: Backend>(d: &DefaultValue, ty: &ColumnType) -> String {
    if let Some(number) = decimal_number(d, ty) {
        return number.to_owned();
    }
    match d {
        DefaultValue::Value(Literal::Null) => "NULL".to_owned(),
        DefaultValue::Value(l) if B::literal_default_is_expression(ty) => {
            format!("({})", B::builder().value_to_string(&literal_value(l)))
        }
        DefaultValue::Value(l) => B::builder().value_to_string(&literal_value(l)),
        DefaultValue::Now => B::now(ty).to_owned(),
        DefaultValue::Expr(sql) => format!("({sql})"),
    }
}

/// The column's type as its definition declares it: the SQL type, its collation if it has
/// one (`text COLLATE "C"`, `varchar(10) COLLATE ascii_general_ci`, `text COLLATE NOCASE`),
/// then the generation of a generated column as the dialect writes it.
pub(crate) fn declared_type<B: Backend>(sql_type: String, c: &Column) -> String {
    let mut sql = match &c.collation {
        Some(collation) if B::DIALECT == Dialect::Postgres => format!("{sql_type} COLLATE {}", quote::<B>(collation)),
        Some(collation) => format!("{sql_type} COLLATE {collation}"),
        None => sql_type,
    };
    if let Some(g) = &c.generated {
        let how = if g.stored { "STORED" } else { "VIRTUAL" };
        let always = if B::DIALECT == Dialect::MySql { "" } else { " GENERATED ALWAYS" };
        sql.push_str(&format!("{always} AS ({}) {how}", g.expr));
    }
    sql
}

pub(crate) fn column_def<B: Backend>(table: &Table, c: &Column) -> ColumnDef {
    let mut def = ColumnDef::new_with_type(c.name.clone(), B::column_type(c));
    // MariaDB takes no nullability on a generated column.
    let generated_on_mysql = c.generated.is_some() && B::DIALECT == Dialect::MySql;
    if c.nullable && !generated_on_mysql {
        def.null();
    } else if !generated_on_mysql {
        def.not_null();
    }
    if let Some(d) = &c.default {
        def.default(default_expr::<B>(d, &c.ty));
    }
    B::finish_column(table, c, &mut def);
    def
}

fn action(a: ForeignKeyAction) -> sea_query::ForeignKeyAction {
    match a {
        ForeignKeyAction::NoAction => sea_query::ForeignKeyAction::NoAction,
        ForeignKeyAction::Restrict => sea_query::ForeignKeyAction::Restrict,
        ForeignKeyAction::Cascade => sea_query::ForeignKeyAction::Cascade,
        ForeignKeyAction::SetNull => sea_query::ForeignKeyAction::SetNull,
        ForeignKeyAction::SetDefault => sea_query::ForeignKeyAction::SetDefault,
    }
}

pub(crate) fn foreign_key_stmt(table: &str, fk: &ForeignKey) -> ForeignKeyCreateStatement {
    let mut stmt = SqForeignKey::create();
    stmt.name(fk.name.clone()).from_tbl(table.to_owned()).to_tbl(fk.ref_table.clone());
    for c in &fk.columns {
        stmt.from_col(c.clone());
    }
    for c in &fk.ref_columns {
        stmt.to_col(c.clone());
    }
    if let Some(a) = fk.on_delete {
        stmt.on_delete(action(a));
    }
    if let Some(a) = fk.on_update {
        stmt.on_update(action(a));
    }
    stmt
}

pub(crate) fn index_stmt<B: Backend>(table: &str, index: &Index) -> Result<IndexCreateStatement, RenderError> {
    let mut stmt = SqIndex::create();
    stmt.name(index.name.clone()).table(table.to_owned());
    for c in &index.columns {
        stmt.col(c.clone());
    }
    if index.unique {
        stmt.unique();
    }
    if let Some(p) = &index.predicate {
        if !B::DIALECT.capabilities().partial_indexes {
            return Err(RenderError::Unsupported {
                dialect: B::DIALECT,
                operation: format!("partial index `{}` on `{table}` (WHERE {p})", index.name),
            });
        }
        stmt.and_where(Expr::cust(p.clone()));
    }
    Ok(stmt)
}

pub(crate) fn create_index<B: Backend>(table: &str, index: &Index) -> Result<Step, RenderError> {
    Ok(execute(index_stmt::<B>(table, index)?.to_string(B::builder())))
}

pub(crate) fn drop_index<B: Backend>(table: &str, name: &str) -> Step {
    execute(SqIndex::drop().name(name.to_owned()).table(table.to_owned()).to_string(B::builder()))
}

/// `CREATE TABLE` with columns, primary key, unique and check constraints and foreign
/// keys, followed by `CREATE INDEX` for each index.
pub(crate) fn create_table<B: Backend>(table: &Table) -> Result<Vec<Step>, RenderError> {
    let mut stmt: TableCreateStatement = SqTable::create();
    stmt.table(table.name.clone());
    for c in &table.columns {
        stmt.col(column_def::<B>(table, c));
    }
    if let Some(pk) = table.primary_key.as_ref().filter(|_| !B::inline_primary_key(table)) {
        let mut index = SqIndex::create();
        if let Some(name) = pk.name.as_ref().filter(|_| B::DIALECT == Dialect::Postgres) {
            index.name(name.clone());
        }
        for c in &pk.columns {
            index.col(c.clone());
        }
        stmt.primary_key(&mut index);
    }
    for u in &table.uniques {
        let mut index = SqIndex::create();
        index.name(u.name.clone()).unique();
        for c in &u.columns {
            index.col(c.clone());
        }
        stmt.index(&mut index);
    }
    for fk in &table.foreign_keys {
        stmt.foreign_key(&mut foreign_key_stmt(&table.name, fk));
    }
    for check in &table.checks {
        stmt.check((check.name.clone(), Expr::cust(check.expr.clone())));
    }
    if let Some(key) = table.partition_by.as_ref().filter(|_| B::DIALECT == Dialect::Postgres) {
        stmt.extra(format!("PARTITION BY {key}"));
    }
    if B::DIALECT == Dialect::MySql {
        let options = &table.options;
        stmt.engine(options.engine.as_deref().unwrap_or("InnoDB"));
        if let Some(collation) = &options.collation {
            stmt.collate(collation.clone());
        }
        if let Some(row_format) = &options.row_format {
            stmt.extra(format!("ROW_FORMAT={row_format}"));
        }
        if let Some(comment) = &table.comment {
            stmt.comment(comment.clone());
        }
    }
    let mut steps = vec![execute(stmt.to_string(B::builder()))];
    for index in &table.indexes {
        steps.push(create_index::<B>(&table.name, index)?);
    }
    Ok(steps)
}

pub(crate) fn drop_table<B: Backend>(table: &str) -> Step {
    execute(SqTable::drop().table(table.to_owned()).to_string(B::builder()))
}

pub(crate) fn rename_table<B: Backend>(from: &str, to: &str) -> Step {
    execute(SqTable::rename().table(from.to_owned(), to.to_owned()).to_string(B::builder()))
}

pub(crate) fn add_column<B: Backend>(table: &Table, column: &Column) -> Step {
    let stmt = SqTable::alter().table(table.name.clone()).add_column(column_def::<B>(table, column)).to_owned();
    execute(stmt.to_string(B::builder()))
}

pub(crate) fn drop_column<B: Backend>(table: &str, column: &str) -> Step {
    let stmt = SqTable::alter().table(table.to_owned()).drop_column(column.to_owned()).to_owned();
    execute(stmt.to_string(B::builder()))
}

pub(crate) fn rename_column<B: Backend>(table: &str, from: &str, to: &str) -> Step {
    let stmt = SqTable::alter().table(table.to_owned()).rename_column(from.to_owned(), to.to_owned()).to_owned();
    execute(stmt.to_string(B::builder()))
}

pub(crate) fn add_foreign_key<B: Backend>(table: &str, fk: &ForeignKey) -> Step {
    execute(foreign_key_stmt(table, fk).to_string(B::builder()))
}

pub(crate) fn drop_foreign_key<B: Backend>(table: &str, name: &str) -> Step {
    execute(SqForeignKey::drop().name(name.to_owned()).table(table.to_owned()).to_string(B::builder()))
}

pub(crate) fn add_unique<B: Backend>(table: &str, name: &str, columns: &[String]) -> Step {
    execute(format!(
        "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})",
        quote::<B>(table),
        quote::<B>(name),
        quote_list::<B>(columns)
    ))
}

pub(crate) fn add_check<B: Backend>(table: &str, name: &str, expr: &str) -> Step {
    execute(format!("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({expr})", quote::<B>(table), quote::<B>(name)))
}

pub(crate) fn drop_constraint<B: Backend>(table: &str, name: &str) -> Step {
    execute(format!("ALTER TABLE {} DROP CONSTRAINT {}", quote::<B>(table), quote::<B>(name)))
}

/// Raw SQL for the dialect; empty text renders nothing; no text is unsupported.
pub(crate) fn raw<B: Backend>(sql: &crate::ops::RawSql) -> Result<Vec<Step>, RenderError> {
    match sql.for_dialect(B::DIALECT) {
        Some(text) if text.trim().is_empty() => Ok(Vec::new()),
        Some(text) => Ok(vec![execute(text.to_owned())]),
        None => Err(RenderError::Unsupported {
            dialect: B::DIALECT,
            operation: "raw SQL with no text for this dialect (add `.on(dialect, ...)`)".to_owned(),
        }),
    }
}

pub(crate) fn data<B: Backend>(statement: &crate::ops::DataStatement) -> Step {
    use crate::ops::DataStatement as D;
    let (sql, values) = match statement {
        D::Insert(s) => s.build(B::builder()),
        D::Update(s) => s.build(B::builder()),
        D::Delete(s) => s.build(B::builder()),
    };
    Step::Execute(Statement { sql, values })
}

pub(crate) fn execute(sql: String) -> Step {
    Step::Execute(Statement::ddl(sql))
}

/// The table as it is in `schema`; replay has already checked it exists.
pub(crate) fn table<'s>(schema: &'s SchemaModel, name: &str) -> Result<&'s Table, RenderError> {
    schema.table(name).ok_or_else(|| crate::SchemaError::UnknownTable { table: name.to_owned() }.into())
}
