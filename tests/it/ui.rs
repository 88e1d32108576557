//! Compile-time checks (trybuild): `#[migration]` and the typed builder, `#[seed]`, and the
//! typed schema module, which stops code (queries, seeds) naming a dropped column or giving
//! a column a value of another type from compiling.

use migrate::prelude::*;
use migrate::schema::SchemaModel;
use migrate::schema::codegen::schema_module;

/// The module before and after a migration that drops `users.display_name`, written where
/// the `ui/schema` cases include them (only when they change, so trybuild does not rebuild).
fn generate_schema_modules() {
    let mut v1 = Schema::new();
    v1.create_table("users", |t| {
        t.id("id");
        t.column::<String>("email").max_len(255);
        t.column::<Option<String>>("display_name");
    });
    let mut v2 = Schema::new();
    v2.drop_column("users", "display_name");
    let before = SchemaModel::from_ops(v1.ops()).unwrap();
    let after = SchemaModel::from_ops(v1.ops().iter().chain(v2.ops())).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/schema");
    for (file, model) in [("before.generated.rs", &before), ("after.generated.rs", &after)] {
        let code = schema_module(model, migrate::schema::Dialect::Sqlite, "the migrations (sqlite)", &[]);
        let path = dir.join(file);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(code.as_str()) {
            std::fs::write(&path, code).unwrap();
        }
    }
}

#[test]
fn ui() {
    generate_schema_modules();
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/schema/uses-display-name.rs");
    t.compile_fail("ui/schema/uses-dropped-display-name.rs");
    t.pass("ui/seed/typed-columns.rs");
    t.compile_fail("ui/seed/wrong-value-type.rs");
    t.compile_fail("ui/seed/dropped-column.rs");
    t.compile_fail("ui/seed/bad-arguments.rs");
    t.compile_fail("ui/seed/async-seed.rs");
}
