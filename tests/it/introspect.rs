//! Introspection: what the database reports, read into the model, equals what the
//! migrations replay into (after normalising both for the dialect).

use migrate::Connection;
use migrate_schema::SchemaModel;
use migrate_schema::normalize::comparable;

/// The tables of `conn`'s database, introspected, equal `expected`'s (natives aside);
/// otherwise panic with the first table that differs, side by side.
pub(crate) async fn assert_matches(conn: &mut Connection, expected: &SchemaModel, what: &str) {
    let found = conn.introspect().await.unwrap_or_else(|e| panic!("{what}: introspection failed: {e}"));
    let (mut expected, mut found) = comparable(expected, &found, conn.dialect());
    expected.natives.clear();
    found.natives.clear();
    if expected == found {
        return;
    }
    for t in &expected.tables {
        match found.table(&t.name) {
            Some(f) if f == t => {}
            Some(f) => panic!("{what}: table {} differs\n{}", t.name, line_diff(t, f)),
            None => panic!(
                "{what}: table {} not found; found {:?}",
                t.name,
                found.tables.iter().map(|t| &t.name).collect::<Vec<_>>()
            ),
        }
    }
    panic!(
        "{what}: extra tables {:?}",
        found.tables.iter().map(|t| &t.name).filter(|n| expected.table(n).is_none()).collect::<Vec<_>>()
    );
}

/// The lines of the two tables' JSON that only one side has.
fn line_diff(expected: &migrate_schema::Table, found: &migrate_schema::Table) -> String {
    let lines = |t: &migrate_schema::Table| -> Vec<String> {
        let mut sorted = t.clone();
        sorted.columns.sort_by(|a, b| a.name.cmp(&b.name));
        sorted.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        sorted.checks.sort_by(|a, b| a.name.cmp(&b.name));
        sorted.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        sorted.uniques.sort_by(|a, b| a.name.cmp(&b.name));
        serde_json::to_value(&sorted)
            .unwrap()
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(k, v)| match v.as_array() {
                Some(items) => items.iter().map(|i| format!("{k}: {i}")).collect::<Vec<_>>(),
                None => vec![format!("{k}: {v}")],
            })
            .collect()
    };
    let (e, f) = (lines(expected), lines(found));
    let mut out = String::new();
    for l in e.iter().filter(|l| !f.contains(l)) {
        out.push_str(&format!("  expected {l}\n"));
    }
    for l in f.iter().filter(|l| !e.contains(l)) {
        out.push_str(&format!("  found    {l}\n"));
    }
    out
}
