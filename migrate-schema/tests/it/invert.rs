//! Inversion: the automatic down restores what the up changed or destroyed, checked on
//! hand-picked operations and, as a property, on random valid sequences from random schemas.

use crate::fixtures::{applied, blog};
use crate::generate;
use migrate_schema::sea_query::Query;
use migrate_schema::{
    Column, ColumnChange, ColumnType, DataStatement, DefaultValue, Dialect, ForeignKeyAction, InvertError, Literal, Op,
    RawSql, RenderError, Schema, SchemaError, SchemaModel, invert, render_all,
};
use proptest::prelude::*;

/// The operations `build` records.
fn ops(build: impl FnOnce(&mut Schema)) -> Vec<Op> {
    let mut s = Schema::new();
    build(&mut s);
    s.into_ops()
}

/// `before` after `ops` and then their down.
fn round_trip(before: &SchemaModel, ops: &[Op]) -> SchemaModel {
    let down = invert(before, ops).unwrap();
    applied(&applied(before, ops), &down)
}

/// The blog with a `users.bio` column that has everything a column can have.
fn blog_with_bio() -> SchemaModel {
    applied(
        &blog(),
        &ops(|s| {
            s.add_column::<Option<String>>("users", "bio").max_len(500).default("hi").comment("about me");
        }),
    )
}

// ---------------------------------------------------------------------------------------
// Dropping columns and tables
// ---------------------------------------------------------------------------------------

#[test]
fn down_restores_dropped_column_definition() {
    let before = blog_with_bio();
    let down = invert(&before, &ops(|s| s.drop_column("users", "bio"))).unwrap();
    let bio = Column {
        nullable: true,
        default: Some(DefaultValue::Value(Literal::Text("hi".into()))),
        comment: Some("about me".into()),
        ..Column::new("bio", ColumnType::Varchar { len: 500 })
    };
    assert!(matches!(&down[..], [Op::AddColumn { table, column }] if table == "users" && *column == bio), "{down:?}");
}

#[test]
fn down_restores_the_single_column_index_unique_check_and_foreign_key_of_a_dropped_column() {
    let before = applied(
        &blog(),
        &ops(|s| {
            s.add_column::<Option<i64>>("posts", "editor_id")
                .references("users", "id")
                .name("posts_editor_fkey")
                .on_delete(ForeignKeyAction::SetNull);
            s.add_unique("posts", &["editor_id"]);
            s.create_index("posts", &["editor_id"]);
            s.add_check("posts", "editor_id <> user_id").name("posts_not_self_edited");
        }),
    );
    let up = ops(|s| s.drop_column("posts", "editor_id"));
    let down = invert(&before, &up).unwrap();
    let kinds: Vec<String> = down.iter().map(Op::describe).collect();
    assert_eq!(
        kinds,
        [
            "add column posts.editor_id",
            "create index idx_posts_editor_id on posts",
            "add unique posts_editor_id_key on posts",
            "add check posts_not_self_edited on posts",
            "add foreign key posts_editor_fkey on posts",
        ]
    );
    assert_eq!(applied(&applied(&before, &up), &down), before);
}

#[test]
fn down_restores_a_partial_index_whose_predicate_mentions_the_dropped_column() {
    let before = applied(
        &blog(),
        &ops(|s| {
            s.create_index("posts", &["title"]).name("posts_live_title").predicate("body IS NOT NULL");
        }),
    );
    let up = ops(|s| s.drop_column("posts", "body"));
    let down = invert(&before, &up).unwrap();
    let index = before.table("posts").unwrap().index("posts_live_title").unwrap();
    assert!(matches!(&down[1..], [Op::CreateIndex { index: i, .. }] if i == index), "{down:?}");
    assert_eq!(applied(&applied(&before, &up), &down), before);
}

#[test]
fn down_restores_dropped_table_with_its_full_definition() {
    let before = blog();
    let down = invert(&before, &ops(|s| s.drop_table("posts"))).unwrap();
    let posts = before.table("posts").unwrap();
    assert!(matches!(&down[..], [Op::CreateTable { table }] if table == posts), "{down:?}");
}

#[test]
fn down_restores_a_dropped_table_that_was_not_the_last_one_created() {
    let before = applied(
        &blog(),
        &ops(|s| {
            s.create_table("tags", |t| {
                t.id("id");
            })
        }),
    );
    assert_eq!(round_trip(&before, &ops(|s| s.drop_table("posts"))), before);
}

// ---------------------------------------------------------------------------------------
// Altering columns
// ---------------------------------------------------------------------------------------

/// The one column change that the down of `ops` makes.
fn down_change(before: &SchemaModel, ops: &[Op]) -> ColumnChange {
    match &invert(before, ops).unwrap()[..] {
        [Op::AlterColumn { change, .. }] => change.clone(),
        down => panic!("expected one alter column, got {down:?}"),
    }
}

#[test]
fn down_restores_previous_column_type() {
    let op = ops(|s| {
        s.alter_column("posts", "title").set_column_type(ColumnType::Text);
    });
    assert_eq!(down_change(&blog(), &op), ColumnChange::Type(ColumnType::Varchar { len: 200 }));
}

#[test]
fn down_restores_previous_nullability() {
    let op = ops(|s| {
        s.alter_column("posts", "body").not_null();
    });
    assert_eq!(down_change(&blog(), &op), ColumnChange::Nullable(true));
}

#[test]
fn down_restores_previous_default() {
    let op = ops(|s| {
        s.alter_column("posts", "score").set_default(5i32);
    });
    assert_eq!(down_change(&blog(), &op), ColumnChange::Default(Some(DefaultValue::Value(Literal::Int(0)))));
}

#[test]
fn down_of_setting_a_first_default_drops_it() {
    let op = ops(|s| {
        s.alter_column("posts", "body").set_default_expr("''");
    });
    assert_eq!(down_change(&blog(), &op), ColumnChange::Default(None));
}

#[test]
fn down_of_changing_type_and_nullability_together_restores_both() {
    let op = ops(|s| {
        s.alter_column("posts", "title").set_type::<Option<i64>>();
    });
    assert_eq!(round_trip(&blog(), &op), blog());
}

#[test]
fn down_of_changing_an_identity_column_between_integer_types_keeps_the_identity() {
    let op = ops(|s| {
        s.alter_column("users", "id").set_column_type(ColumnType::Int);
    });
    let before = applied(&blog(), &ops(|s| s.drop_table("posts")));
    assert_eq!(round_trip(&before, &op), before);
}

// ---------------------------------------------------------------------------------------
// Raw SQL, data, order
// ---------------------------------------------------------------------------------------

#[test]
fn raw_sql_without_down_is_irreversible() {
    let up = ops(|s| {
        s.sql("CREATE VIEW v AS SELECT 1");
    });
    let err = invert(&blog(), &up).unwrap_err();
    assert_eq!(err, InvertError::Irreversible { operation: "raw SQL".into() });
}

#[test]
fn data_statement_without_down_is_irreversible() {
    let insert = Query::insert().into_table("users").columns(["email"]).values_panic(["a@b.c".into()]).to_owned();
    let up = ops(|s| {
        s.data(insert);
    });
    let err = invert(&blog(), &up).unwrap_err();
    assert_eq!(err, InvertError::Irreversible { operation: "insert data".into() });
}

#[test]
fn down_of_raw_sql_runs_its_down_and_keeps_the_up_as_its_own_down() {
    let up = ops(|s| {
        s.sql("CREATE VIEW v AS SELECT 1").down_on(Dialect::MySql, "DROP VIEW `v`").down("DROP VIEW v");
    });
    let down = invert(&blog(), &up).unwrap();
    let expected_up =
        RawSql { any: Some("DROP VIEW v".into()), mysql: Some("DROP VIEW `v`".into()), ..RawSql::default() };
    assert!(
        matches!(&down[..], [Op::Sql { up, down: Some(back) }] if *up == expected_up && *back == RawSql::any("CREATE VIEW v AS SELECT 1")),
        "{down:?}"
    );
}

#[test]
fn down_of_data_statement_runs_its_down() {
    let insert = Query::insert().into_table("users").columns(["email"]).values_panic(["a@b.c".into()]).to_owned();
    let delete = Query::delete().from_table("users").to_owned();
    let up = ops(|s| {
        s.data(insert).down(delete);
    });
    let down = invert(&blog(), &up).unwrap();
    assert!(matches!(&down[..], [Op::Data { up: DataStatement::Delete(_), down: Some(DataStatement::Insert(_)) }]));
}

#[test]
fn down_undoes_operations_in_reverse_order() {
    let up = ops(|s| {
        s.create_table("tags", |t| {
            t.id("id");
        });
        s.add_column::<Option<String>>("tags", "label");
        s.rename_table("tags", "labels");
    });
    let down = invert(&blog(), &up).unwrap();
    let kinds: Vec<String> = down.iter().map(Op::describe).collect();
    assert_eq!(kinds, ["rename table labels to tags", "drop column tags.label", "drop table tags"]);
}

#[test]
fn invert_reports_the_schema_error_of_an_operation_that_does_not_apply() {
    let err = invert(&blog(), &ops(|s| s.drop_column("users", "nickname"))).unwrap_err();
    assert_eq!(
        err,
        InvertError::Schema(SchemaError::UnknownColumn { table: "users".into(), column: "nickname".into() })
    );
}

// ---------------------------------------------------------------------------------------
// Property: down after up restores any schema, and every valid sequence renders
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn down_after_up_restores_the_schema(
        before in generate::schema(),
        seeds in prop::collection::vec(generate::seed(), 1..16),
    ) {
        let (ops, after) = generate::valid_ops(&before, &seeds);
        let down = invert(&before, &ops).map_err(|e| TestCaseError::fail(format!("invert: {e}")))?;
        let mut back = after;
        for op in &down {
            back.apply(op).map_err(|e| TestCaseError::fail(format!("down {}: {e}", op.describe())))?;
        }
        prop_assert_eq!(back, before);
    }

    #[test]
    fn valid_sequences_and_their_downs_render_or_are_refused_as_unsupported(
        before in generate::schema(),
        seeds in prop::collection::vec(generate::seed(), 1..16),
    ) {
        let (ops, after) = generate::valid_ops(&before, &seeds);
        let down = invert(&before, &ops).map_err(|e| TestCaseError::fail(format!("invert: {e}")))?;
        for (from, ops) in [(&before, &ops), (&after, &down)] {
            for dialect in Dialect::ALL {
                // What a dialect cannot do (a partial index on MySQL, an identity column off
                // the primary key on SQLite, ...) must be a typed refusal; anything else fails.
                match render_all(dialect, from, ops) {
                    Ok(_) | Err(RenderError::Unsupported { .. }) => {}
                    Err(e) => return Err(TestCaseError::fail(format!("{dialect}: {e}"))),
                }
            }
        }
    }
}
