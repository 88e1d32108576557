//! Before a seed writes anything, everything it would write is checked against the
//! database's schema (read from its catalog): that each table and column exists, that each
//! value has the column's type, that the key is the table's primary key or a unique
//! constraint, that every row gives its key and no two rows share one. What passes comes
//! out as groups of rows with the same columns, the key first, ready to be written in
//! multi-row statements. Pure: no I/O.

use super::builder::{Mode, Seeds};
use super::value::{Family, SeedValue};
use migrate_schema::{ColumnType, Dialect, SchemaModel, Table};
use std::collections::HashMap;

/// A column as a seed writes it.
#[derive(Debug, Clone)]
pub(crate) struct ColumnInfo {
    /// Its name in the database.
    pub(crate) name: String,
    pub(crate) family: Family,
    /// Its SQL type, for `CAST(? AS type)` where the dialect needs one.
    pub(crate) sql_type: String,
    /// A UUID: compared without case.
    pub(crate) uuid: bool,
}

impl ColumnInfo {
    pub(crate) fn of(column: &migrate_schema::Column, dialect: Dialect) -> ColumnInfo {
        ColumnInfo {
            name: column.name.clone(),
            family: Family::of(&column.ty),
            sql_type: dialect.type_sql(&column.ty, false),
            uuid: column.ty == ColumnType::Uuid,
        }
    }
}

/// Rows of one table with the same columns, the key columns first.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub(crate) table: String,
    pub(crate) mode: Mode,
    pub(crate) key_len: usize,
    pub(crate) columns: Vec<ColumnInfo>,
    pub(crate) rows: Vec<Vec<SeedValue>>,
}

/// A table a SQL seed writes, with its key and every column (what is compared and kept).
#[derive(Debug, Clone)]
pub(crate) struct Keyed {
    pub(crate) table: String,
    pub(crate) key_len: usize,
    /// The key columns, then the others.
    pub(crate) columns: Vec<ColumnInfo>,
}

/// The canonical text of a key, by which a row the database returns is matched with the
/// row of the seed.
pub(crate) fn key_text(columns: &[ColumnInfo], values: &[SeedValue]) -> String {
    if !columns.iter().any(|c| c.uuid) {
        return serde_json::to_string(values).unwrap_or_default();
    }
    let normal: Vec<SeedValue> = columns
        .iter()
        .zip(values)
        .map(|(c, v)| match v {
            SeedValue::Text(t) if c.uuid => SeedValue::Text(t.to_ascii_lowercase()),
            other => other.clone(),
        })
        .collect();
    serde_json::to_string(&normal).unwrap_or_default()
}

/// A JSON array the database built (`[1, "a"]`), as values.
pub(crate) fn parse_array(text: &str) -> Vec<SeedValue> {
    match serde_json::from_str::<Vec<serde_json::Value>>(text) {
        Ok(values) => values.into_iter().map(SeedValue::from_json).collect(),
        Err(_) => Vec::new(),
    }
}

/// [`key_text`] of a key the database returned as a JSON array.
pub(crate) fn key_of_json(columns: &[ColumnInfo], text: &str) -> String {
    key_text(columns, &parse_array(text))
}

/// The columns of a table by name, as the dialect compares names.
struct Columns<'a> {
    table: &'a Table,
    by_name: HashMap<String, &'a migrate_schema::Column>,
    ignore_case: bool,
}

impl<'a> Columns<'a> {
    fn new(table: &'a Table, dialect: Dialect) -> Self {
        let ignore_case = dialect.capabilities().names_ignore_case;
        let fold = |n: &str| if ignore_case { n.to_ascii_lowercase() } else { n.to_owned() };
        Columns { table, by_name: table.columns.iter().map(|c| (fold(&c.name), c)).collect(), ignore_case }
    }

    fn get(&self, name: &str) -> Option<&'a migrate_schema::Column> {
        match self.ignore_case {
            true => self.by_name.get(&name.to_ascii_lowercase()).copied(),
            false => self.by_name.get(name).copied(),
        }
    }

    fn names(&self) -> String {
        self.table.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// The key columns: `given`, else the primary key; they must be the primary key or a
    /// unique constraint (which the upsert's conflict target needs) of comparable types.
    fn key(&self, given: &[String], how: &str) -> Result<Vec<&'a migrate_schema::Column>, String> {
        let table = &self.table.name;
        let names: Vec<String> = match (given.is_empty(), &self.table.primary_key) {
            (false, _) => given.to_vec(),
            (true, Some(pk)) => pk.columns.clone(),
            (true, None) => return Err(format!("`{table}` has no primary key: give the seed a key ({how})")),
        };
        let columns = names
            .iter()
            .map(|n| {
                self.get(n)
                    .ok_or_else(|| format!("key column `{n}` does not exist in `{table}` (columns: {})", self.names()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let same = |set: &[String]| {
            set.len() == columns.len() && set.iter().all(|s| columns.iter().any(|c| c.name.eq_ignore_ascii_case(s)))
        };
        let t = self.table;
        let unique = t.primary_key.as_ref().is_some_and(|pk| same(&pk.columns))
            || t.uniques.iter().any(|u| same(&u.columns))
            || t.indexes.iter().any(|i| i.unique && i.predicate.is_none() && same(&i.columns));
        if !unique {
            return Err(format!(
                "the key ({}) of `{table}` is not its primary key nor a unique constraint, which an upsert needs: \
                 add a unique index on it in a migration, or key the seed on another column",
                names.join(", ")
            ));
        }
        if let Some(c) = columns
            .iter()
            .find(|c| !matches!(Family::of(&c.ty), Family::Integer | Family::Text) && c.ty != ColumnType::Uuid)
        {
            return Err(format!(
                "key column `{}` of `{table}` is of type {}: a seed's key is made of integer, text or UUID columns",
                c.name,
                Dialect::Postgres.type_sql(&c.ty, false)
            ));
        }
        Ok(columns)
    }
}

/// Where a row is, for messages: the file's line, or its number in the table's rows.
fn place(origin: &str, line: Option<usize>, table: &str, index: usize) -> String {
    match line {
        Some(line) => format!("{}:{line}: `{table}` row {}", origin.split(':').next().unwrap_or(origin), index + 1),
        None => format!("{origin}: `{table}` row {}", index + 1),
    }
}

/// The rows of `seeds`, checked against `model` and grouped for writing; or every problem.
pub(crate) fn rows(
    origin: &str,
    seeds: Seeds,
    from_text: bool,
    model: &SchemaModel,
    dialect: Dialect,
) -> Result<Vec<Group>, Vec<String>> {
    let (mut groups, mut problems): (Vec<Group>, Vec<String>) = (Vec::new(), Vec::new());
    // Per table and key, the first row that has it: its line and number.
    let mut seen: HashMap<(&str, String), (Option<usize>, usize)> = HashMap::new();
    for t in seeds.tables {
        let Some(table) = model.find_table(dialect, &t.table) else {
            problems.push(format!("{origin}: table `{}` does not exist in the database", t.table));
            continue;
        };
        let columns = Columns::new(table, dialect);
        let key = match columns.key(&t.key, "`.key([...])`, `-- Key:`, or `\"$seed\": {\"key\": ...}`") {
            Ok(key) => key,
            Err(message) => {
                problems.push(format!("{origin}: {message}"));
                continue;
            }
        };
        let key_infos: Vec<ColumnInfo> = key.iter().map(|c| ColumnInfo::of(c, dialect)).collect();
        let mut by_columns: HashMap<Vec<&str>, usize> = HashMap::new();
        // The rows of a table mostly name the same columns in the same order: each name is
        // looked up once, and a row with the columns of the one before goes to its group.
        let mut resolved: HashMap<String, Option<&migrate_schema::Column>> = HashMap::new();
        let mut last: Option<(Vec<&migrate_schema::Column>, usize)> = None;
        for (i, row) in t.rows.into_iter().enumerate() {
            let line = row.line;
            let here = || place(origin, line, &table.name, i);
            let width = row.values.len().max(key.len());
            let mut names: Vec<&migrate_schema::Column> = Vec::with_capacity(width);
            names.extend(key.iter().copied());
            let mut values: Vec<SeedValue> = Vec::with_capacity(width);
            values.resize(key.len(), SeedValue::Null);
            let mut given = vec![false; key.len()];
            let mut ok = true;
            for (name, value) in row.values {
                let column = match resolved.get(name.as_str()) {
                    Some(column) => *column,
                    None => *resolved.entry(name.clone()).or_insert(columns.get(&name)),
                };
                let Some(column) = column else {
                    problems.push(format!("{}: column `{name}` does not exist (columns: {})", here(), columns.names()));
                    ok = false;
                    continue;
                };
                let value = match typed(column, value, from_text) {
                    Ok(value) => value,
                    Err(m) => {
                        problems.push(format!("{}: {m}", here()));
                        ok = false;
                        continue;
                    }
                };
                match names.iter().position(|c| std::ptr::eq(*c, column)) {
                    Some(at) => {
                        if at < given.len() {
                            given[at] = value != SeedValue::Null;
                        }
                        values[at] = value;
                    }
                    None => {
                        names.push(column);
                        values.push(value);
                    }
                }
            }
            if given.iter().any(|g| !g) {
                let missing: Vec<&str> =
                    key.iter().zip(&given).filter(|(_, g)| !**g).map(|(c, _)| c.name.as_str()).collect();
                problems.push(format!("{}: no value for key column(s) {}", here(), missing.join(", ")));
                ok = false;
            }
            if !ok || problems.len() > 20 {
                continue;
            }
            let k = key_text(&key_infos, &values[..key.len()]);
            match seen.entry((table.name.as_str(), k)) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let (first_line, first) = *e.get();
                    let first = place(origin, first_line, &table.name, first);
                    problems.push(format!("{}: the same key as {first} ({})", here(), e.key().1));
                    continue;
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert((line, i));
                }
            }
            let same_as_last = last.as_ref().filter(|(cols, _)| {
                cols.len() == names.len() && cols.iter().zip(&names).all(|(a, b)| std::ptr::eq(*a, *b))
            });
            let at = match same_as_last {
                Some((_, at)) => *at,
                None => {
                    let signature: Vec<&str> = names.iter().map(|c| c.name.as_str()).collect();
                    let at = match by_columns.get(&signature) {
                        Some(at) => *at,
                        None => {
                            let columns = names.iter().map(|c| ColumnInfo::of(c, dialect)).collect();
                            let table = table.name.clone();
                            groups.push(Group { table, mode: t.mode, key_len: key.len(), columns, rows: Vec::new() });
                            by_columns.insert(signature, groups.len() - 1);
                            groups.len() - 1
                        }
                    };
                    last = Some((names, at));
                    at
                }
            };
            groups[at].rows.push(values);
        }
    }
    if problems.is_empty() { Ok(groups) } else { Err(problems) }
}

/// `value` for `column`: as given when the column takes it, read from text for a CSV cell.
fn typed(column: &migrate_schema::Column, value: SeedValue, from_text: bool) -> Result<SeedValue, String> {
    let family = Family::of(&column.ty);
    let value = match value {
        SeedValue::Text(t) if from_text && family != Family::Text => family
            .parse(&t)
            .ok_or_else(|| format!("column `{}` takes {}; `{t}` is not one", column.name, family.describe()))?,
        other => other,
    };
    if value == SeedValue::Null && !column.nullable {
        return Err(format!("column `{}` is NOT NULL; the value is null", column.name));
    }
    if !family.accepts(&value) {
        return Err(format!("column `{}` takes {}; the value is {}", column.name, family.describe(), value.describe()));
    }
    Ok(value)
}

/// The tables of a SQL seed's `Key:` lines, checked against `model`.
pub(crate) fn keyed(
    origin: &str,
    keys: &[(String, Vec<String>)],
    model: &SchemaModel,
    dialect: Dialect,
) -> Result<Vec<Keyed>, Vec<String>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (name, key) in keys {
        let Some(table) = model.find_table(dialect, name) else {
            problems.push(format!("{origin}: `Key: {name}(...)`: table `{name}` does not exist in the database"));
            continue;
        };
        let columns = Columns::new(table, dialect);
        match columns.key(key, "`-- Key: table(column)`") {
            Ok(key) => {
                let mut infos: Vec<ColumnInfo> = key.iter().map(|c| ColumnInfo::of(c, dialect)).collect();
                infos.extend(
                    table
                        .columns
                        .iter()
                        .filter(|c| !key.iter().any(|k| k.name == c.name))
                        .map(|c| ColumnInfo::of(c, dialect)),
                );
                out.push(Keyed { table: table.name.clone(), key_len: key.len(), columns: infos });
            }
            Err(message) => problems.push(format!("{origin}: {message}")),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use migrate_schema::Schema;

    fn model() -> SchemaModel {
        let mut s = Schema::new();
        s.create_table("roles", |t| {
            t.id("id");
            t.column::<String>("name").max_len(50).unique();
            t.column::<i32>("level");
            t.column::<Option<String>>("note");
        });
        SchemaModel::from_ops(s.ops()).unwrap()
    }

    fn seeds(build: impl FnOnce(&mut Seeds)) -> Seeds {
        let mut s = Seeds::new();
        build(&mut s);
        s
    }

    #[test]
    fn a_value_of_the_wrong_type_is_refused_naming_the_column() {
        let s = seeds(|s| {
            s.upsert("roles").key(["name"]).row(|r| r.set("name", "admin").set("level", "high"));
        });
        let problems = rows("src/seeds.rs:3", s, false, &model(), Dialect::Sqlite).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("column `level` takes an integer; the value is text"), "{problems:?}");
    }

    #[test]
    fn a_missing_column_is_refused_with_the_columns_there_are() {
        let s = seeds(|s| {
            s.upsert("roles").key(["name"]).row(|r| r.set("name", "admin").set("levle", 1));
        });
        let problems = rows("src/seeds.rs:3", s, false, &model(), Dialect::Postgres).unwrap_err();
        assert!(problems[0].contains("column `levle` does not exist (columns: id, name, level, note)"), "{problems:?}");
    }

    #[test]
    fn a_key_that_is_not_unique_is_refused() {
        let s = seeds(|s| {
            s.upsert("roles").key(["level"]).row(|r| r.set("level", 1));
        });
        let problems = rows("x", s, false, &model(), Dialect::MySql).unwrap_err();
        assert!(problems[0].contains("not its primary key nor a unique constraint"), "{problems:?}");
    }

    #[test]
    fn rows_group_by_their_columns_with_the_key_first() {
        let s = seeds(|s| {
            s.upsert("roles")
                .key(["name"])
                .row(|r| r.set("level", 1).set("name", "a"))
                .row(|r| r.set("name", "b").set("level", 2))
                .row(|r| r.set("name", "c").set("level", 3).set("note", "x"));
        });
        let groups = rows("x", s, false, &model(), Dialect::Sqlite).unwrap();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["name", "level"]);
        assert_eq!(groups[0].rows[0], [SeedValue::Text("a".into()), SeedValue::Int(1)]);
    }

    #[test]
    fn two_rows_with_one_key_are_refused() {
        let s = seeds(|s| {
            s.upsert("roles")
                .key(["name"])
                .row(|r| r.set("name", "a").set("level", 1))
                .row(|r| r.set("name", "a").set("level", 2));
        });
        let problems = rows("x", s, false, &model(), Dialect::Sqlite).unwrap_err();
        assert!(problems[0].contains("row 2: the same key as x: `roles` row 1"), "{problems:?}");
    }

    #[test]
    fn csv_cells_are_read_as_the_column_type() {
        let mut s = Seeds::new();
        s.upsert("roles")
            .key(["name"])
            .push(vec![("name".into(), SeedValue::Text("a".into())), ("level".into(), SeedValue::Text("x".into()))], 4);
        let problems = rows("seeds/roles.csv", s, true, &model(), Dialect::Sqlite).unwrap_err();
        assert!(
            problems[0]
                .starts_with("seeds/roles.csv:4: `roles` row 1: column `level` takes an integer; `x` is not one"),
            "{problems:?}"
        );
    }
}
