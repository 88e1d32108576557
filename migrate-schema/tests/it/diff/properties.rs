//! Properties on generated schemas: the diff leads from one schema to the other, and settles.

use super::*;

/// The renames `ops` make, from `before`'s names to the names they end with: what a user
/// would tell diff. A table or column that is dropped has none, even if the name returns.
fn renames_made(before: &SchemaModel, ops: &[Op]) -> Vec<Rename> {
    // (original name, current name) of tables, and (original table, original, current) of columns.
    let mut tables: Vec<(String, Option<String>)> =
        before.tables.iter().map(|t| (t.name.clone(), Some(t.name.clone()))).collect();
    let mut columns: Vec<(String, String, Option<String>)> = before
        .tables
        .iter()
        .flat_map(|t| t.columns.iter().map(|c| (t.name.clone(), c.name.clone(), Some(c.name.clone()))))
        .collect();
    let original = |tables: &[(String, Option<String>)], now: &str| {
        tables.iter().find(|(_, current)| current.as_deref() == Some(now)).map(|(o, _)| o.clone())
    };
    for op in ops {
        match op {
            Op::RenameTable { from, to } => set(&mut tables, from, Some(to)),
            Op::DropTable { table } => set(&mut tables, table, None),
            Op::RenameColumn { table, from, to } => {
                if let Some(t) = original(&tables, table) {
                    set_column(&mut columns, &t, from, Some(to));
                }
            }
            Op::DropColumn { table, column } => {
                if let Some(t) = original(&tables, table) {
                    set_column(&mut columns, &t, column, None);
                }
            }
            _ => {}
        }
    }
    let kept = |t: &str| tables.iter().any(|(o, current)| o == t && current.is_some());
    let table_renames = tables.iter().filter_map(|(o, c)| c.as_ref().filter(|c| *c != o).map(|c| Rename::table(o, c)));
    let column_renames = columns
        .iter()
        .filter(|(t, ..)| kept(t))
        .filter_map(|(t, o, c)| c.as_ref().filter(|c| *c != o).map(|c| Rename::column(t, o, c)));
    table_renames.chain(column_renames).collect()
}

fn set(tables: &mut [(String, Option<String>)], now: &str, to: Option<&String>) {
    for (_, current) in tables.iter_mut().filter(|(_, c)| c.as_deref() == Some(now)) {
        *current = to.cloned();
    }
}

fn set_column(columns: &mut [(String, String, Option<String>)], table: &str, now: &str, to: Option<&String>) {
    for (_, _, current) in columns.iter_mut().filter(|(t, _, c)| t == table && c.as_deref() == Some(now)) {
        *current = to.cloned();
    }
}

/// The diff from `a` to `b` leads to `b` when it is complete, and reports changes exactly
/// when the schemas differ.
fn check(a: &SchemaModel, b: &SchemaModel, renames: Vec<Rename>) -> Result<Diff, TestCaseError> {
    let d = diff(a, b, &DiffOptions { renames }).map_err(|e| TestCaseError::fail(format!("diff: {e}")))?;
    prop_assert_eq!(d.changes.is_empty(), a == b, "{:#?}", d.changes);
    if d.is_complete() {
        let replayed = replay(a, &d.ops, b).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&replayed, b, "{:#?}", d.ops);
    }
    Ok(d)
}

/// `s` with its tables and natives in reverse order.
fn reversed(s: &SchemaModel) -> SchemaModel {
    let mut s = s.clone();
    s.tables.reverse();
    s.natives.reverse();
    // A table's indexes and constraints keep their order: the diff adds them in the order
    // they were declared (SQLite numbers foreign keys by it).
    s
}

/// The diff as text, with the indexes and constraints of created tables sorted: a created
/// table is defined as the new schema orders it.
fn canonical(d: &Diff) -> String {
    let sorted = |t: &Table| {
        let mut t = t.clone();
        t.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        t.uniques.sort_by(|a, b| a.name.cmp(&b.name));
        t.checks.sort_by(|a, b| a.name.cmp(&b.name));
        t
    };
    let ops: Vec<Op> = d
        .ops
        .iter()
        .map(|op| match op {
            Op::CreateTable { table } => Op::CreateTable { table: sorted(table) },
            op => op.clone(),
        })
        .collect();
    format!("{ops:?}\n{:?}", d.changes)
}

fn with_natives(mut s: SchemaModel, natives: Vec<NativeObject>) -> SchemaModel {
    s.natives = natives;
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn diff_leads_from_a_schema_to_the_same_after_random_operations(
        a in generate::schema(),
        seeds in prop::collection::vec(generate::seed(), 1..16),
        natives in (generate::natives(), generate::natives()),
    ) {
        let (ops, b) = generate::valid_ops(&a, &seeds);
        let renames = renames_made(&a, &ops);
        let (a, b) = (with_natives(a, natives.0), with_natives(b, natives.1));
        check(&a, &b, Vec::new())?;
        check(&b, &a, Vec::new())?;
        check(&a, &b, renames)?;
    }

    #[test]
    fn diff_with_rename_hints_leads_to_the_renamed_schema(
        a in generate::schema(),
        renames in generate::renames(),
        seeds in prop::collection::vec(generate::seed(), 0..8),
    ) {
        let seeds: Vec<_> = renames.into_iter().chain(seeds).collect();
        let (ops, b) = generate::valid_ops(&a, &seeds);
        check(&a, &b, renames_made(&a, &ops))?;
    }

    #[test]
    fn diff_leads_from_a_schema_to_an_unrelated_one(a in generate::schema(), b in generate::schema()) {
        check(&a, &b, Vec::new())?;
    }

    #[test]
    fn diff_of_a_schema_with_itself_is_empty(a in generate::schema(), natives in generate::natives()) {
        let a = with_natives(a, natives);
        let d = check(&a, &a, Vec::new())?;
        prop_assert!(d.is_empty());
    }

    #[test]
    fn diff_does_not_depend_on_the_order_of_tables_and_natives(
        a in generate::schema(),
        seeds in prop::collection::vec(generate::seed(), 1..16),
    ) {
        let b = generate::valid_ops(&a, &seeds).1;
        let once = diff(&a, &b, &DiffOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = diff(&reversed(&a), &reversed(&b), &DiffOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(canonical(&once), canonical(&again));
    }
}
