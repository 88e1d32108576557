use migrate::prelude::*;

#[migration(version = 1001, name = "copy")]
fn copy(s: &mut Schema) {
    s.create_table("c", |t| {
        t.column_of_type(
            "id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .nullable()
        .primary_key();
        t.column_of_type(
            "p_id",
            ColumnType::Native {
                sql: "INTEGER UNSIGNED".into(),
            },
        )
        .nullable();
    });
    s.create_table("d", |t| {
        t.column_of_type(
            "id",
            ColumnType::Native {
                sql: "INT(11)".into(),
            },
        );
    });
    s.create_table("g", |t| {
        t.column_of_type(
            "a",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        );
        t.column_of_type(
            "twice",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .nullable()
        .generated_virtual("a * 2");
        t.column_of_type("label", ColumnType::Native { sql: "TEXT".into() })
            .generated_stored("'#' || a");
    });
    s.create_table("n", |t| {
        t.column_of_type(
            "id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .nullable()
        .primary_key();
        t.column_of_type("name", ColumnType::Native { sql: "TEXT".into() })
            .nullable()
            .collate("NOCASE");
        t.column_of_type("code", ColumnType::Native { sql: "TEXT".into() })
            .nullable();
    });
    s.create_table("p", |t| {
        t.column_of_type("id", ColumnType::Native { sql: "INT".into() })
            .nullable()
            .primary_key();
    });
    s.add_foreign_key("c", &["p_id"], "p", &["id"])
        .name("c_p_id_fkey0");
    s.add_foreign_key("d", &["id"], "p", &["id"])
        .name("d_id_fkey0")
        .on_delete(Cascade);
    s.sql_on(
        Dialect::Sqlite,
        "CREATE UNIQUE INDEX n_name ON n (name DESC)",
    )
    .down_on(Dialect::Sqlite, r#"DROP INDEX "n_name""#);
    s.sql_on(
        Dialect::Sqlite,
        "CREATE INDEX n_code ON n (code COLLATE NOCASE)",
    )
    .down_on(Dialect::Sqlite, r#"DROP INDEX "n_code""#);
}
