use migrate::prelude::*;

#[migration(version = 1011, name = "copy")]
fn copy(s: &mut Schema) {
    s.create_table("a", |t| {
        t.column::<Option<i32>>("x");
        t.index(&["x"]).name("idx_x");
    });
    s.create_table("b", |t| {
        t.column::<Option<i32>>("x");
        t.index(&["x"]).name("idx_x");
    });
    s.create_table("film", |t| {
        t.column::<i32>("id").primary_key();
        t.column::<Option<String>>("title").max_len(50);
    });
    s.create_table("film_text", |t| {
        t.column::<i32>("id").primary_key();
        t.column::<Option<String>>("title").max_len(50);
    });
    s.create_table("g", |t| {
        t.column::<i32>("a");
        t.column::<Option<i32>>("twice")
            .generated_virtual("`a` * 2");
        t.column::<Option<String>>("label")
            .max_len(20)
            .generated_stored("concat('#',`a`)");
        t.index(&["twice"]).name("g_twice");
    });
    s.create_table("job", |t| {
        t.column::<i32>("JobId").primary_key();
    });
    s.create_table("m", |t| {
        t.column::<i32>("id").primary_key();
        t.engine("MyISAM");
    });
    s.create_table("s", |t| {
        t.column::<i32>("id").auto_increment().primary_key();
        t.column::<String>("code")
            .max_len(10)
            .collate("ascii_general_ci");
        t.column::<Option<String>>("tag")
            .max_len(20)
            .collate("utf8mb4_bin")
            .default(r#"it's \ here"#);
        t.column_of_type(
            "hash",
            ColumnType::Native {
                sql: "binary(32)".into(),
            },
        )
        .default_expr(r#"'\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0'"#);
        t.column::<Decimal<10, 4>>("amount").default_expr("0.0000");
        t.column_of_type(
            "changed",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.default_collation("latin1_swedish_ci");
        t.row_format("DYNAMIC");
    });
    s.create_table("task", |t| {
        t.column::<i32>("id").primary_key();
        t.column::<Option<i32>>("JobId");
    });
    s.add_foreign_key("task", &["JobId"], "job", &["JobId"])
        .name("JobId");
    s.sql_on(
        Dialect::MySql,
        r#"CREATE TRIGGER `upd_film` AFTER UPDATE ON `film` FOR EACH ROW BEGIN
IF (old.title != new.title) THEN
 UPDATE film_text SET title = new.title WHERE id = old.id;
END IF;
END"#,
    )
    .down_on(Dialect::MySql, "DROP TRIGGER `upd_film`");
}
