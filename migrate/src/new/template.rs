//! `migrate new NAME --template KIND --table T ...`: a migration for one common change,
//! its parameters checked first (names, types, which flags the template takes) and then
//! against the schema the migrations describe, when every migration replays.

use crate::error::{Error, Result};
use migrate_schema::normalize::{parse_default, parse_type};
use migrate_schema::{
    Check, Column, ColumnChange, ColumnType, Dialect, ForeignKey, ForeignKeyAction, Index, Op, SchemaModel, Table,
    Unique, naming,
};

/// The changes `--template` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Template {
    /// A table with an `id` key and `--columns name:type,...`.
    CreateTable,
    /// Drop `--table`.
    DropTable,
    /// Rename `--table` to `--to`.
    RenameTable,
    /// Add `--column` of `--type` (`--nullable`, `--default`, `--unique`, `--references t.c`).
    AddColumn,
    /// Drop `--column`.
    DropColumn,
    /// Change `--column`'s `--type`, `--nullable`/`--not-null`, `--default`/`--drop-default`.
    ModifyColumn,
    /// Rename `--column` to `--to`.
    RenameColumn,
    /// An index on `--columns` (`--unique`, `--where`, `--object` to name it).
    CreateIndex,
    /// Drop the index `--object`.
    DropIndex,
    /// A unique constraint on `--columns`.
    AddUnique,
    /// A check constraint `--check EXPR`.
    AddCheck,
    /// Drop the unique or check constraint `--object`.
    DropConstraint,
    /// A foreign key from `--columns` to `--references table.column`.
    AddForeignKey,
    /// Drop the foreign key `--object`.
    DropForeignKey,
    /// Insert a row into `--columns`.
    Insert,
    /// Update `--columns` of the rows matching `--where`.
    Update,
    /// Delete the rows matching `--where`.
    Delete,
}

/// The parameters of a template.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct TemplateArgs {
    /// The table.
    #[arg(long)]
    pub(crate) table: Option<String>,
    /// The column.
    #[arg(long)]
    pub(crate) column: Option<String>,
    /// A column type: a builder type (`String`, `Option<i64>`, `Timestamp`) or SQL (`varchar(255)`, `bigint`).
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) ty: Option<String>,
    /// The new name (`rename-table`, `rename-column`).
    #[arg(long)]
    pub(crate) to: Option<String>,
    /// Columns, comma-separated (`create-table` takes `name:type`, `?` for nullable).
    #[arg(long)]
    pub(crate) columns: Option<String>,
    /// The referenced column, `table.column` (`add-column`, `add-foreign-key`).
    #[arg(long, value_name = "TABLE.COLUMN")]
    pub(crate) references: Option<String>,
    /// What a foreign key does when the referenced row is deleted.
    #[arg(long, value_enum)]
    pub(crate) on_delete: Option<Referential>,
    /// Unique (`add-column`, `create-index`).
    #[arg(long)]
    pub(crate) unique: bool,
    /// Allow NULL.
    #[arg(long, conflicts_with = "not_null")]
    pub(crate) nullable: bool,
    /// Forbid NULL (`modify-column`).
    #[arg(long)]
    pub(crate) not_null: bool,
    /// A default, as SQL (`0`, `'none'`, `CURRENT_TIMESTAMP`).
    #[arg(long, conflicts_with = "drop_default")]
    pub(crate) default: Option<String>,
    /// Remove the default (`modify-column`).
    #[arg(long)]
    pub(crate) drop_default: bool,
    /// A check condition, as SQL (`add-check`).
    #[arg(long, value_name = "EXPR")]
    pub(crate) check: Option<String>,
    /// A condition, as SQL: the partial index's predicate, or the rows to update or delete.
    #[arg(long = "where", value_name = "EXPR")]
    pub(crate) predicate: Option<String>,
    /// The index's or constraint's name.
    #[arg(long, value_name = "NAME")]
    pub(crate) object: Option<String>,
    /// Skip checking the change against the migrations' schema (for a change to objects
    /// that migrations which do not replay, SQL files or async ones, created).
    #[arg(long)]
    pub(crate) unchecked: bool,
}

impl TemplateArgs {
    /// The flags given, by name.
    pub(crate) fn given(&self) -> Vec<&'static str> {
        let given = [
            ("table", self.table.is_some()),
            ("column", self.column.is_some()),
            ("type", self.ty.is_some()),
            ("to", self.to.is_some()),
            ("columns", self.columns.is_some()),
            ("references", self.references.is_some()),
            ("on-delete", self.on_delete.is_some()),
            ("unique", self.unique),
            ("nullable", self.nullable),
            ("not-null", self.not_null),
            ("default", self.default.is_some()),
            ("drop-default", self.drop_default),
            ("check", self.check.is_some()),
            ("where", self.predicate.is_some()),
            ("object", self.object.is_some()),
            ("unchecked", self.unchecked),
        ];
        given.into_iter().filter(|(_, set)| *set).map(|(flag, _)| flag).collect()
    }
}

/// A referential action, as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Referential {
    /// `NO ACTION`.
    NoAction,
    /// `RESTRICT`.
    Restrict,
    /// `CASCADE`.
    Cascade,
    /// `SET NULL`.
    SetNull,
    /// `SET DEFAULT`.
    SetDefault,
}

impl From<Referential> for ForeignKeyAction {
    fn from(a: Referential) -> Self {
        match a {
            Referential::NoAction => Self::NoAction,
            Referential::Restrict => Self::Restrict,
            Referential::Cascade => Self::Cascade,
            Referential::SetNull => Self::SetNull,
            Referential::SetDefault => Self::SetDefault,
        }
    }
}

/// What a template produces: schema operations, or (data templates) builder code and SQL.
pub(crate) enum Output {
    Ops(Vec<Op>),
    Data { rust: String, up_sql: String },
}

/// The schema a template is checked against: the migrations replayed on the model, with
/// the migrations that did not replay (their changes are missing from it).
pub(crate) struct Known<'a> {
    pub(crate) model: &'a SchemaModel,
    pub(crate) skipped: &'a [String],
}

/// The template's output for `args`, checked against the migrations' schema unless
/// `--unchecked` is given.
pub(crate) fn build(kind: Template, args: &TemplateArgs, dialect: Dialect, known: &Known<'_>) -> Result<Output> {
    let p = Params { kind, args, dialect, skipped: known.skipped };
    let schema = (!args.unchecked).then_some(known.model);
    p.only(accepted(kind))?;
    let out = match kind {
        Template::CreateTable => {
            let name = p.ident("table", &args.table)?;
            let mut table = Table::new(name);
            table.columns.push(Column { identity: true, ..Column::new("id", ColumnType::BigInt) });
            table.primary_key = Some(migrate_schema::PrimaryKey { columns: vec!["id".into()], name: None });
            for spec in split_top(args.columns.as_deref().unwrap_or_default()) {
                let (col, ty) = spec.split_once(':').ok_or_else(|| {
                    p.bad(format!("--columns: `{spec}` should be name:type, e.g. email:varchar(255) or bio:text?"))
                })?;
                let (ty, nullable) = p.column_type(ty.trim())?;
                let col = p.ident("columns", &Some(col.trim().to_owned()))?;
                table.columns.push(Column { nullable, ..Column::new(col, ty) });
            }
            Output::Ops(vec![Op::CreateTable { table }])
        }
        Template::DropTable => Output::Ops(vec![Op::DropTable { table: p.ident("table", &args.table)? }]),
        Template::RenameTable => {
            Output::Ops(vec![Op::RenameTable { from: p.ident("table", &args.table)?, to: p.ident("to", &args.to)? }])
        }
        Template::AddColumn => {
            let table = p.ident("table", &args.table)?;
            let name = p.ident("column", &args.column)?;
            let (ty, nullable) = p.column_type(p.required("type", &args.ty)?)?;
            let mut column = Column { nullable: nullable || args.nullable, ..Column::new(&name, ty) };
            column.default = args.default.as_deref().map(|d| p.default(&column.ty, d)).transpose()?;
            let mut ops = vec![Op::AddColumn { table: table.clone(), column }];
            if args.unique {
                let unique = Unique { name: naming::unique(&table, &[&name]), columns: vec![name.clone()] };
                ops.push(Op::AddUnique { table: table.clone(), unique });
            }
            if let Some(r) = &args.references {
                ops.push(Op::AddForeignKey { foreign_key: p.foreign_key(&table, vec![name], r)?, table });
            }
            Output::Ops(ops)
        }
        Template::DropColumn => Output::Ops(vec![Op::DropColumn {
            table: p.ident("table", &args.table)?,
            column: p.ident("column", &args.column)?,
        }]),
        Template::ModifyColumn => {
            let table = p.ident("table", &args.table)?;
            let column = p.ident("column", &args.column)?;
            let current = schema.and_then(|s| s.table(&table)).and_then(|t| t.column(&column)).map(|c| c.ty.clone());
            let mut changes = Vec::new();
            let mut ty = current;
            if let Some(t) = &args.ty {
                let (new, nullable) = p.column_type(t)?;
                changes.push(ColumnChange::Type(new.clone()));
                if nullable {
                    changes.push(ColumnChange::Nullable(true));
                }
                ty = Some(new);
            }
            if args.nullable || args.not_null {
                changes.push(ColumnChange::Nullable(args.nullable));
            }
            if let Some(d) = &args.default {
                changes.push(ColumnChange::Default(Some(p.default(ty.as_ref().unwrap_or(&ColumnType::Text), d)?)));
            }
            if args.drop_default {
                changes.push(ColumnChange::Default(None));
            }
            if changes.is_empty() {
                return Err(p.bad("say what changes: --type, --nullable, --not-null, --default or --drop-default"));
            }
            let op = |change| Op::AlterColumn { table: table.clone(), column: column.clone(), change };
            Output::Ops(changes.into_iter().map(op).collect())
        }
        Template::RenameColumn => Output::Ops(vec![Op::RenameColumn {
            table: p.ident("table", &args.table)?,
            from: p.ident("column", &args.column)?,
            to: p.ident("to", &args.to)?,
        }]),
        Template::CreateIndex => {
            let table = p.ident("table", &args.table)?;
            let columns = p.columns()?;
            let name = match &args.object {
                Some(_) => p.ident("object", &args.object)?,
                None => naming::index(&table, &refs(&columns)),
            };
            let index = Index { name, columns, unique: args.unique, predicate: args.predicate.clone() };
            Output::Ops(vec![Op::CreateIndex { table, index }])
        }
        Template::DropIndex => Output::Ops(vec![Op::DropIndex {
            table: p.ident("table", &args.table)?,
            name: p.ident("object", &args.object)?,
        }]),
        Template::AddUnique => {
            let table = p.ident("table", &args.table)?;
            let columns = p.columns()?;
            let name = match &args.object {
                Some(_) => p.ident("object", &args.object)?,
                None => naming::unique(&table, &refs(&columns)),
            };
            Output::Ops(vec![Op::AddUnique { table, unique: Unique { name, columns } }])
        }
        Template::AddCheck => {
            let table = p.ident("table", &args.table)?;
            let expr = p.required("check", &args.check)?.to_owned();
            let name = match &args.object {
                Some(_) => p.ident("object", &args.object)?,
                None => naming::check(&table, &expr),
            };
            Output::Ops(vec![Op::AddCheck { table, check: Check { name, expr } }])
        }
        Template::DropConstraint => {
            let table = p.ident("table", &args.table)?;
            let name = p.ident("object", &args.object)?;
            let owner = schema.ok_or_else(|| {
                p.bad("cannot tell which kind of constraint it is without checking: use drop-foreign-key, or drop --unchecked")
            })?;
            let t = owner.table(&table).ok_or_else(|| p.unknown(format!("no table `{table}`")))?;
            let op = if t.unique(&name).is_some() {
                Op::DropUnique { table, name }
            } else if t.check(&name).is_some() {
                Op::DropCheck { table, name }
            } else if t.foreign_key(&name).is_some() {
                Op::DropForeignKey { table, name }
            } else {
                return Err(p.unknown(format!("`{table}` has no unique, check or foreign-key constraint `{name}`")));
            };
            Output::Ops(vec![op])
        }
        Template::AddForeignKey => {
            let table = p.ident("table", &args.table)?;
            let columns = p.columns()?;
            let mut fk = p.foreign_key(&table, columns, p.required("references", &args.references)?)?;
            if args.object.is_some() {
                fk.name = p.ident("object", &args.object)?;
            }
            Output::Ops(vec![Op::AddForeignKey { table, foreign_key: fk }])
        }
        Template::DropForeignKey => Output::Ops(vec![Op::DropForeignKey {
            table: p.ident("table", &args.table)?,
            name: p.ident("object", &args.object)?,
        }]),
        Template::Insert | Template::Update | Template::Delete => return data(&p, schema),
    };
    if let (Output::Ops(ops), Some(schema)) = (&out, schema) {
        let mut model = schema.clone();
        for op in ops {
            model.apply(op).map_err(|e| p.unknown(e))?;
        }
    }
    Ok(out)
}

/// The flags each template takes (besides `--table`, which they all need).
fn accepted(kind: Template) -> &'static [&'static str] {
    match kind {
        Template::CreateTable => &["columns"],
        Template::DropTable => &[],
        Template::RenameTable => &["to"],
        Template::AddColumn => &["column", "type", "nullable", "default", "unique", "references", "on-delete"],
        Template::DropColumn => &["column"],
        Template::ModifyColumn => &["column", "type", "nullable", "not-null", "default", "drop-default"],
        Template::RenameColumn => &["column", "to"],
        Template::CreateIndex => &["columns", "unique", "where", "object"],
        Template::DropIndex | Template::DropConstraint | Template::DropForeignKey => &["object"],
        Template::AddUnique => &["columns", "object"],
        Template::AddCheck => &["check", "object"],
        Template::AddForeignKey => &["columns", "references", "on-delete", "object"],
        Template::Insert => &["columns"],
        Template::Update => &["columns", "where"],
        Template::Delete => &["where"],
    }
}

struct Params<'a> {
    kind: Template,
    args: &'a TemplateArgs,
    dialect: Dialect,
    skipped: &'a [String],
}

impl Params<'_> {
    fn bad(&self, message: impl std::fmt::Display) -> Error {
        use clap::ValueEnum as _;
        let kind = self.kind.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default();
        Error::Config(format!("--template {kind}: {message}"))
    }

    /// A check against the migrations' schema failed: say so, and what it may miss.
    fn unknown(&self, message: impl std::fmt::Display) -> Error {
        if self.skipped.is_empty() {
            return self.bad(message);
        }
        self.bad(format!(
            "{message}, in the schema the migrations replay to without {} (they do not replay); \
             if one of them made it, add --unchecked",
            self.skipped.join(", ")
        ))
    }

    /// Rejects flags the template does not use, so that a typo is not silently ignored.
    fn only(&self, accepted: &[&str]) -> Result<()> {
        let always = ["table", "unchecked"];
        match self.args.given().into_iter().find(|flag| !always.contains(flag) && !accepted.contains(flag)) {
            Some(flag) => Err(self.bad(format!("does not take --{flag}"))),
            None => Ok(()),
        }
    }

    fn required<'v>(&self, flag: &str, value: &'v Option<String>) -> Result<&'v str> {
        value.as_deref().filter(|v| !v.trim().is_empty()).ok_or_else(|| self.bad(format!("needs --{flag}")))
    }

    /// A table, column or constraint name: letters, digits and `_`, not starting with a
    /// digit, at most 63 bytes (PostgreSQL's limit, the lowest of the three).
    fn ident(&self, flag: &str, value: &Option<String>) -> Result<String> {
        let v = self.required(flag, value)?.trim();
        let valid = v.len() <= 63
            && v.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(self.bad(format!(
                "--{flag} `{v}` is not a plain identifier (letters, digits and _, not starting with a digit, at most 63 bytes)"
            )));
        }
        Ok(v.to_owned())
    }

    fn columns(&self) -> Result<Vec<String>> {
        let list = self.required("columns", &self.args.columns)?;
        list.split(',').map(|c| self.ident("columns", &Some(c.trim().to_owned()))).collect()
    }

    /// `Option<T>`, `T?`, a builder type or a SQL type; the flag is whether it allows NULL.
    fn column_type(&self, text: &str) -> Result<(ColumnType, bool)> {
        let text = text.trim();
        if let Some(inner) = text.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
            return Ok((self.column_type(inner)?.0, true));
        }
        if let Some(inner) = text.strip_suffix('?') {
            return Ok((self.column_type(inner)?.0, true));
        }
        let rust = match text {
            "i16" => Some(ColumnType::SmallInt),
            "i32" => Some(ColumnType::Int),
            "i64" => Some(ColumnType::BigInt),
            "f32" => Some(ColumnType::Real),
            "f64" => Some(ColumnType::Double),
            "bool" => Some(ColumnType::Boolean),
            "String" => Some(ColumnType::Text),
            "Vec<u8>" => Some(ColumnType::Bytes),
            "Date" => Some(ColumnType::Date),
            "Time" => Some(ColumnType::Time),
            "Timestamp" => Some(ColumnType::Timestamp),
            "TimestampTz" => Some(ColumnType::TimestampTz),
            "Uuid" => Some(ColumnType::Uuid),
            "Json" => Some(ColumnType::Json),
            _ => None,
        };
        if let Some(ty) = rust {
            return Ok((ty, false));
        }
        if let Some(ps) = text.strip_prefix("Decimal<").and_then(|t| t.strip_suffix('>')) {
            let parsed = ps.split_once(',').and_then(|(p, s)| Some((p.trim().parse().ok()?, s.trim().parse().ok()?)));
            return match parsed {
                Some((precision, scale)) => Ok((ColumnType::Decimal { precision, scale }, false)),
                None => Err(self.bad(format!("`{text}`: expected Decimal<PRECISION, SCALE>"))),
            };
        }
        match parse_type(Dialect::Postgres, text) {
            ColumnType::Native { .. } => Err(self.bad(format!(
                "unknown type `{text}`; use a builder type (i16, i32, i64, f32, f64, bool, String, Vec<u8>, Date, Time, \
                 Timestamp, TimestampTz, Uuid, Json, Decimal<P, S>, Option<T>) or a portable SQL type (varchar(255), \
                 text, integer, bigint, boolean, timestamp, ...)"
            ))),
            ty => Ok((ty, false)),
        }
    }

    fn default(&self, ty: &ColumnType, sql: &str) -> Result<migrate_schema::DefaultValue> {
        parse_default(self.dialect, ty, sql).ok_or_else(|| {
            self.bad(format!("--default `{sql}` is not a default (write NULL defaults by leaving it out)"))
        })
    }

    fn foreign_key(&self, table: &str, columns: Vec<String>, references: &str) -> Result<ForeignKey> {
        let (ref_table, ref_columns) = references
            .split_once('.')
            .ok_or_else(|| self.bad(format!("--references `{references}`: expected table.column")))?;
        let ref_table = self.ident("references", &Some(ref_table.to_owned()))?;
        let ref_columns: Vec<String> = ref_columns
            .split(',')
            .map(|c| self.ident("references", &Some(c.trim().to_owned())))
            .collect::<Result<_>>()?;
        if ref_columns.len() != columns.len() {
            return Err(self.bad(format!(
                "{} column(s) cannot reference {} column(s)",
                columns.len(),
                ref_columns.len()
            )));
        }
        Ok(ForeignKey {
            name: naming::foreign_key(table, &refs(&columns)),
            columns,
            ref_table,
            ref_columns,
            on_delete: self.args.on_delete.map(Into::into),
            on_update: None,
        })
    }
}

fn refs(columns: &[String]) -> Vec<&str> {
    columns.iter().map(String::as_str).collect()
}

/// Splits on commas outside parentheses and angle brackets (`price:decimal(10,2)`).
fn split_top(text: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0, Vec::new());
    for (i, c) in text.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth -= 1,
            ',' if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// Insert, update and delete: sea-query builder code with placeholder values of each
/// column's type, and the same statement as the dialect's SQL.
fn data(p: &Params<'_>, schema: Option<&SchemaModel>) -> Result<Output> {
    use migrate_schema::sea_query::{Alias, Expr, Query};
    let table = p.ident("table", &p.args.table)?;
    let known = schema.and_then(|s| s.table(&table));
    if schema.is_some() && known.is_none() {
        return Err(p.unknown(format!("no table `{table}`")));
    }
    let columns = if p.kind == Template::Delete { Vec::new() } else { p.columns()? };
    let mut placeholders = Vec::new();
    for c in &columns {
        let ty = match known {
            Some(t) => Some(&t.column(c).ok_or_else(|| p.unknown(format!("`{table}` has no column `{c}`")))?.ty),
            None => None,
        };
        placeholders.push(placeholder(ty));
    }
    let lit = |s: &str| format!("{s:?}");
    let (rust, up_sql) = match p.kind {
        Template::Insert => {
            let values: Vec<String> = placeholders.iter().map(|(r, _)| format!("{r}.into()")).collect();
            let rust = format!(
                "    // Fill in the values; `.down(...)` with the matching delete makes it reversible.\n    s.data(\n        \
                 sea_query::Query::insert()\n            .into_table({})\n            .columns([{}])\n            \
                 .values_panic([{}])\n            .to_owned(),\n    );\n",
                lit(&table),
                columns.iter().map(|c| lit(c)).collect::<Vec<_>>().join(", "),
                values.join(", ")
            );
            let values = placeholders.iter().map(|(_, v)| Expr::val(v.clone()));
            let mut q = Query::insert();
            q.into_table(Alias::new(&table)).columns(columns.iter().map(Alias::new)).values_panic(values);
            (rust, sql_text(&q, p.dialect))
        }
        Template::Update => {
            let predicate = p.required("where", &p.args.predicate)?;
            let sets: String = columns
                .iter()
                .zip(&placeholders)
                .map(|(c, (r, _))| format!("\n            .value({}, {r})", lit(c)))
                .collect();
            let rust = format!(
                "    // Fill in the values; `.down(...)` with the reverse update makes it reversible.\n    s.data(\n        \
                 sea_query::Query::update()\n            .table({}){sets}\n            \
                 .and_where(sea_query::Expr::cust({}))\n            .to_owned(),\n    );\n",
                lit(&table),
                lit(predicate)
            );
            let mut q = Query::update();
            q.table(Alias::new(&table)).and_where(Expr::cust(predicate.to_owned()));
            for (c, (_, v)) in columns.iter().zip(&placeholders) {
                q.value(Alias::new(c), Expr::val(v.clone()));
            }
            (rust, sql_text(&q, p.dialect))
        }
        _ => {
            let predicate = p.required("where", &p.args.predicate)?;
            let rust = format!(
                "    s.data(\n        sea_query::Query::delete()\n            .from_table({})\n            \
                 .and_where(sea_query::Expr::cust({}))\n            .to_owned(),\n    );\n",
                lit(&table),
                lit(predicate)
            );
            let mut q = Query::delete();
            q.from_table(Alias::new(&table)).and_where(Expr::cust(predicate.to_owned()));
            (rust, sql_text(&q, p.dialect))
        }
    };
    Ok(Output::Data { rust, up_sql })
}

/// The statement with its values inlined, in `dialect`'s SQL.
fn sql_text(q: &impl migrate_schema::sea_query::QueryStatementWriter, dialect: Dialect) -> String {
    use migrate_schema::sea_query::{MysqlQueryBuilder, PostgresQueryBuilder, SqliteQueryBuilder};
    match dialect {
        Dialect::Postgres => q.to_string(PostgresQueryBuilder),
        Dialect::MySql => q.to_string(MysqlQueryBuilder),
        Dialect::Sqlite => q.to_string(SqliteQueryBuilder),
    }
}

/// A placeholder value of the column's type, as Rust and as a sea-query value.
fn placeholder(ty: Option<&ColumnType>) -> (String, migrate_schema::sea_query::Value) {
    use migrate_schema::sea_query::Value;
    match ty {
        Some(ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt) => ("0".into(), Value::BigInt(Some(0))),
        Some(ColumnType::Real | ColumnType::Double) => ("0.0".into(), Value::Double(Some(0.0))),
        Some(ColumnType::Boolean) => ("false".into(), Value::Bool(Some(false))),
        _ => ("\"\"".into(), Value::String(Some(String::new()))),
    }
}
