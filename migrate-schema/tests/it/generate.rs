//! Random valid operation sequences for the property tests.
//!
//! Operations are generated as seeds that pick their tables, columns and names among what
//! the schema has when they are realised; those that replay refuses are left out, so every
//! sequence is valid, and most candidates are (about 60%, covering every kind of operation).

use migrate_schema::sea_query::Query;
use migrate_schema::{
    Check, Column, ColumnChange, ColumnType, DefaultValue, ForeignKey, ForeignKeyAction, Index, Literal, NativeObject,
    Op, PrimaryKey, RawSql, SchemaModel, Table, Unique,
};
use proptest::prelude::*;

const TABLES: [&str; 6] = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];
const COLUMNS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
const NAMES: usize = 8;

#[derive(Debug, Clone)]
pub(crate) enum Ty {
    SmallInt,
    Int,
    BigInt,
    Text,
    Varchar(u32),
    Boolean,
    TimestampTz,
    Enum(u8),
}

impl Ty {
    fn column_type(&self) -> ColumnType {
        match self {
            Ty::SmallInt => ColumnType::SmallInt,
            Ty::Int => ColumnType::Int,
            Ty::BigInt => ColumnType::BigInt,
            Ty::Text => ColumnType::Text,
            Ty::Varchar(len) => ColumnType::Varchar { len: *len },
            Ty::Boolean => ColumnType::Boolean,
            Ty::TimestampTz => ColumnType::TimestampTz,
            Ty::Enum(n) => {
                ColumnType::Enum { name: format!("kind_{n}"), values: (0..=*n).map(|v| format!("v{v}")).collect() }
            }
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum DefaultSeed {
    None,
    Int(i64),
    Text(String),
    Now,
    Expr,
}

impl DefaultSeed {
    fn value(&self) -> Option<DefaultValue> {
        match self {
            DefaultSeed::None => None,
            DefaultSeed::Int(i) => Some(DefaultValue::Value(Literal::Int(*i))),
            DefaultSeed::Text(s) => Some(DefaultValue::Value(Literal::Text(s.clone()))),
            DefaultSeed::Now => Some(DefaultValue::Now),
            DefaultSeed::Expr => Some(DefaultValue::Expr("1 + 1".into())),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ColumnSeed {
    name: usize,
    ty: Ty,
    nullable: bool,
    default: DefaultSeed,
    identity: bool,
}

impl ColumnSeed {
    fn column(&self) -> Column {
        let ty = self.ty.column_type();
        Column {
            nullable: self.nullable,
            default: self.default.value(),
            identity: false,
            ..Column::new(COLUMNS[self.name % COLUMNS.len()], ty)
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Seed {
    CreateTable { name: usize, columns: Vec<ColumnSeed>, keyed: bool, index: Option<(usize, bool)>, check: bool },
    DropTable(usize),
    RenameTable(usize, usize),
    AddColumn(usize, ColumnSeed),
    DropColumn(usize, usize),
    RenameColumn(usize, usize, usize),
    AlterType(usize, usize, Ty),
    AlterNullable(usize, usize, bool),
    AlterDefault(usize, usize, DefaultSeed),
    CreateIndex { table: usize, columns: Vec<usize>, unique: bool, partial: Option<usize>, name: usize },
    DropIndex(usize, usize),
    AddForeignKey { table: usize, column: usize, target: usize, name: usize, on_delete: Option<ForeignKeyAction> },
    DropForeignKey(usize, usize),
    AddUnique { table: usize, columns: Vec<usize>, name: usize },
    DropUnique(usize, usize),
    AddCheck { table: usize, column: usize, name: usize },
    DropCheck(usize, usize),
    Sql,
    Data(usize),
}

fn ty() -> impl Strategy<Value = Ty> {
    prop_oneof![
        Just(Ty::SmallInt),
        Just(Ty::Int),
        Just(Ty::BigInt),
        Just(Ty::Text),
        (1u32..300).prop_map(Ty::Varchar),
        Just(Ty::Boolean),
        Just(Ty::TimestampTz),
        (0u8..3).prop_map(Ty::Enum),
    ]
}

fn default() -> impl Strategy<Value = DefaultSeed> {
    prop_oneof![
        3 => Just(DefaultSeed::None),
        1 => any::<i64>().prop_map(DefaultSeed::Int),
        1 => "[a-z' ]{0,6}".prop_map(DefaultSeed::Text),
        1 => Just(DefaultSeed::Now),
        1 => Just(DefaultSeed::Expr),
    ]
}

fn column() -> impl Strategy<Value = ColumnSeed> {
    (0..COLUMNS.len(), ty(), any::<bool>(), default(), prop::bool::weighted(0.2))
        .prop_map(|(name, ty, nullable, default, identity)| ColumnSeed { name, ty, nullable, default, identity })
}

fn action() -> impl Strategy<Value = Option<ForeignKeyAction>> {
    prop_oneof![
        Just(None),
        Just(Some(ForeignKeyAction::Cascade)),
        Just(Some(ForeignKeyAction::Restrict)),
        Just(Some(ForeignKeyAction::SetNull)),
        Just(Some(ForeignKeyAction::NoAction)),
    ]
}

pub(crate) fn create_table() -> impl Strategy<Value = Seed> {
    (
        0..TABLES.len(),
        prop::collection::vec(column(), 1..5),
        any::<bool>(),
        prop::option::of((0..COLUMNS.len(), any::<bool>())),
        any::<bool>(),
    )
        .prop_map(|(name, columns, keyed, index, check)| Seed::CreateTable { name, columns, keyed, index, check })
}

pub(crate) fn seed() -> impl Strategy<Value = Seed> {
    let n = || 0..16usize;
    prop_oneof![
        3 => create_table(),
        1 => n().prop_map(Seed::DropTable),
        1 => (n(), n()).prop_map(|(t, to)| Seed::RenameTable(t, to)),
        3 => (n(), column()).prop_map(|(t, c)| Seed::AddColumn(t, c)),
        2 => (n(), n()).prop_map(|(t, c)| Seed::DropColumn(t, c)),
        1 => (n(), n(), n()).prop_map(|(t, c, to)| Seed::RenameColumn(t, c, to)),
        2 => (n(), n(), ty()).prop_map(|(t, c, ty)| Seed::AlterType(t, c, ty)),
        2 => (n(), n(), any::<bool>()).prop_map(|(t, c, b)| Seed::AlterNullable(t, c, b)),
        2 => (n(), n(), default()).prop_map(|(t, c, d)| Seed::AlterDefault(t, c, d)),
        2 => (n(), prop::collection::vec(n(), 1..3), any::<bool>(), prop::option::weighted(0.3, n()), 0..NAMES)
            .prop_map(|(table, columns, unique, partial, name)| Seed::CreateIndex { table, columns, unique, partial, name }),
        1 => (n(), n()).prop_map(|(t, i)| Seed::DropIndex(t, i)),
        3 => (n(), n(), n(), 0..NAMES, action())
            .prop_map(|(table, column, target, name, on_delete)| Seed::AddForeignKey { table, column, target, name, on_delete }),
        1 => (n(), n()).prop_map(|(t, i)| Seed::DropForeignKey(t, i)),
        2 => (n(), prop::collection::vec(n(), 1..3), 0..NAMES)
            .prop_map(|(table, columns, name)| Seed::AddUnique { table, columns, name }),
        1 => (n(), n()).prop_map(|(t, i)| Seed::DropUnique(t, i)),
        1 => (n(), n(), 0..NAMES).prop_map(|(table, column, name)| Seed::AddCheck { table, column, name }),
        1 => (n(), n()).prop_map(|(t, i)| Seed::DropCheck(t, i)),
        1 => Just(Seed::Sql),
        1 => n().prop_map(Seed::Data),
    ]
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    if items.is_empty() { None } else { items.get(i % items.len()) }
}

fn name(n: usize) -> String {
    format!("k{n}")
}

fn not_null(mut c: Column) -> Column {
    c.nullable = false;
    c
}

/// The column of `table` a single-column foreign key can reference: its primary key
/// or a unique constraint over one column.
fn key_column(table: &Table) -> Option<&Column> {
    let single = |cols: &[String]| (cols.len() == 1).then(|| cols[0].clone());
    let key = table
        .primary_key
        .as_ref()
        .and_then(|pk| single(&pk.columns))
        .or_else(|| table.uniques.iter().find_map(|u| single(&u.columns)))?;
    table.column(&key)
}

fn compatible(a: &ColumnType, b: &ColumnType) -> bool {
    let textual = |t: &ColumnType| matches!(t, ColumnType::Text | ColumnType::Varchar { .. } | ColumnType::Char { .. });
    a == b || (textual(a) && textual(b))
}

/// The operation `seed` stands for in `schema`, if there is one.
fn realise(seed: &Seed, schema: &SchemaModel) -> Option<Op> {
    let table = |i: usize| pick(&schema.tables, i);
    let column = |t: &Table, i: usize| pick(&t.columns, i).map(|c| c.name.clone());
    let op = match seed {
        Seed::CreateTable { name, columns, keyed, index, check } => {
            let mut t = Table::new(TABLES[name % TABLES.len()]);
            for c in columns {
                let c = c.column();
                if t.column(&c.name).is_none() {
                    t.columns.push(c);
                }
            }
            if *keyed {
                let first = t.columns[0].name.clone();
                t.columns[0] = not_null(t.columns[0].clone());
                // Identity where every dialect can have it: the sole primary key column.
                let seed = columns.iter().find(|c| COLUMNS[c.name % COLUMNS.len()] == first);
                t.columns[0].identity = seed.is_some_and(|c| c.identity) && t.columns[0].ty.is_integer();
                t.primary_key = Some(PrimaryKey { columns: vec![first], name: None });
            }
            if let Some((i, partial)) = index {
                let col = column(&t, *i)?;
                t.indexes.push(Index {
                    name: format!("{}_idx", t.name),
                    columns: vec![col.clone()],
                    unique: false,
                    predicate: partial.then(|| format!("{col} IS NOT NULL")),
                });
            }
            if *check {
                let col = t.columns[0].name.clone();
                t.checks.push(Check { name: format!("{}_check", t.name), expr: format!("{col} IS NOT NULL") });
            }
            Op::CreateTable { table: t }
        }
        Seed::DropTable(t) => Op::DropTable { table: table(*t)?.name.clone() },
        Seed::RenameTable(t, to) => {
            Op::RenameTable { from: table(*t)?.name.clone(), to: TABLES[to % TABLES.len()].into() }
        }
        Seed::AddColumn(t, c) => Op::AddColumn { table: table(*t)?.name.clone(), column: c.column() },
        Seed::DropColumn(t, c) => {
            let t = table(*t)?;
            Op::DropColumn { table: t.name.clone(), column: column(t, *c)? }
        }
        Seed::RenameColumn(t, c, to) => {
            let t = table(*t)?;
            Op::RenameColumn { table: t.name.clone(), from: column(t, *c)?, to: COLUMNS[to % COLUMNS.len()].into() }
        }
        Seed::AlterType(t, c, ty) => {
            let t = table(*t)?;
            Op::AlterColumn {
                table: t.name.clone(),
                column: column(t, *c)?,
                change: ColumnChange::Type(ty.column_type()),
            }
        }
        Seed::AlterNullable(t, c, n) => {
            let t = table(*t)?;
            Op::AlterColumn { table: t.name.clone(), column: column(t, *c)?, change: ColumnChange::Nullable(*n) }
        }
        Seed::AlterDefault(t, c, d) => {
            let t = table(*t)?;
            Op::AlterColumn { table: t.name.clone(), column: column(t, *c)?, change: ColumnChange::Default(d.value()) }
        }
        Seed::CreateIndex { table: t, columns, unique, partial, name: n } => {
            let t = table(*t)?;
            let columns = columns.iter().map(|c| column(t, *c)).collect::<Option<Vec<_>>>()?;
            let predicate = match partial {
                Some(c) => Some(format!("{} IS NOT NULL", column(t, *c)?)),
                None => None,
            };
            Op::CreateIndex {
                table: t.name.clone(),
                index: Index { name: name(*n), columns, unique: *unique, predicate },
            }
        }
        Seed::DropIndex(t, i) => {
            let t = table(*t)?;
            Op::DropIndex { table: t.name.clone(), name: pick(&t.indexes, *i)?.name.clone() }
        }
        Seed::AddForeignKey { table: t, column: c, target, name: n, on_delete } => {
            let t = table(*t)?;
            let target = table(*target)?;
            let key = key_column(target)?;
            let candidates: Vec<&Column> = t.columns.iter().filter(|col| compatible(&col.ty, &key.ty)).collect();
            let from = pick(&candidates, *c)?;
            Op::AddForeignKey {
                table: t.name.clone(),
                foreign_key: ForeignKey {
                    name: name(*n),
                    columns: vec![from.name.clone()],
                    ref_table: target.name.clone(),
                    ref_columns: vec![key.name.clone()],
                    on_delete: *on_delete,
                    on_update: None,
                },
            }
        }
        Seed::DropForeignKey(t, i) => {
            let t = table(*t)?;
            Op::DropForeignKey { table: t.name.clone(), name: pick(&t.foreign_keys, *i)?.name.clone() }
        }
        Seed::AddUnique { table: t, columns, name: n } => {
            let t = table(*t)?;
            let columns = columns.iter().map(|c| column(t, *c)).collect::<Option<Vec<_>>>()?;
            Op::AddUnique { table: t.name.clone(), unique: Unique { name: name(*n), columns } }
        }
        Seed::DropUnique(t, i) => {
            let t = table(*t)?;
            Op::DropUnique { table: t.name.clone(), name: pick(&t.uniques, *i)?.name.clone() }
        }
        Seed::AddCheck { table: t, column: c, name: n } => {
            let t = table(*t)?;
            Op::AddCheck {
                table: t.name.clone(),
                check: Check { name: name(*n), expr: format!("{} IS NOT NULL", column(t, *c)?) },
            }
        }
        Seed::DropCheck(t, i) => {
            let t = table(*t)?;
            Op::DropCheck { table: t.name.clone(), name: pick(&t.checks, *i)?.name.clone() }
        }
        Seed::Sql => Op::Sql { up: RawSql::any("CREATE VIEW v AS SELECT 1"), down: Some(RawSql::any("DROP VIEW v")) },
        Seed::Data(t) => {
            let t = table(*t)?;
            let insert = Query::insert()
                .into_table(t.name.clone())
                .columns([t.columns.first()?.name.clone()])
                .values_panic([1.into()])
                .to_owned();
            let delete = Query::delete().from_table(t.name.clone()).to_owned();
            Op::Data { up: insert.into(), down: Some(delete.into()) }
        }
    };
    Some(op)
}

/// The operations among `seeds` that apply, one after the other, from `before`, and the
/// schema they lead to.
pub(crate) fn valid_ops(before: &SchemaModel, seeds: &[Seed]) -> (Vec<Op>, SchemaModel) {
    let mut schema = before.clone();
    let mut ops = Vec::new();
    for seed in seeds {
        if let Some(op) = realise(seed, &schema)
            && schema.apply(&op).is_ok()
        {
            ops.push(op);
        }
    }
    (ops, schema)
}

/// Renames of tables and columns, many of them chained (a name freed by one rename taken by
/// the next), so that diffing with hints meets cycles such as swaps.
pub(crate) fn renames() -> impl Strategy<Value = Vec<Seed>> {
    let n = || 0..16usize;
    let one = prop_oneof![
        1 => (n(), n()).prop_map(|(t, to)| Seed::RenameTable(t, to)),
        3 => (n(), n(), n()).prop_map(|(t, c, to)| Seed::RenameColumn(t, c, to)),
    ];
    prop::collection::vec(one, 1..12)
}

/// A random schema: a few tables, then random changes to them.
pub(crate) fn schema() -> impl Strategy<Value = SchemaModel> {
    (prop::collection::vec(create_table(), 1..4), prop::collection::vec(seed(), 0..10)).prop_map(|(tables, more)| {
        let seeds: Vec<Seed> = tables.into_iter().chain(more).collect();
        valid_ops(&SchemaModel::new(), &seeds).1
    })
}

/// Up to four native objects (views `v0`..`v3`), each in one of two definitions, so that
/// two such lists differ by added, dropped and changed natives.
pub(crate) fn natives() -> impl Strategy<Value = Vec<NativeObject>> {
    prop::collection::btree_map(0..4usize, 0..2usize, 0..=4).prop_map(|picks| {
        let view = |(n, version)| NativeObject {
            kind: "view".into(),
            name: format!("v{n}"),
            table: None,
            sql: format!("CREATE VIEW v{n} AS SELECT {version}"),
            drop: format!("DROP VIEW v{n}"),
        };
        picks.into_iter().map(view).collect()
    })
}
