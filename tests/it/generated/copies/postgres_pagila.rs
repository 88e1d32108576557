use migrate::prelude::*;

#[migration(version = 1024, name = "copy")]
fn copy(s: &mut Schema) {
    s.sql_on(Dialect::Postgres, r#"CREATE DOMAIN "bıgınt" AS bigint"#)
        .down_on(Dialect::Postgres, r#"DROP DOMAIN "bıgınt""#);
    s.sql_on(Dialect::Postgres, r#"CREATE DOMAIN "year" AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))"#)
        .down_on(Dialect::Postgres, r#"DROP DOMAIN "year""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "customer_customer_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "customer_customer_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "actor_actor_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "actor_actor_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "category_category_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "category_category_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "film_film_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "film_film_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "address_address_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "address_address_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "city_city_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "city_city_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "country_country_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "country_country_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "inventory_inventory_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "inventory_inventory_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "language_language_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "language_language_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "payment_payment_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "payment_payment_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "rental_rental_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "rental_rental_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "staff_staff_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "staff_staff_id_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "store_store_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "store_store_id_seq""#);
    s.create_table("actor", |t| {
        t.column::<i32>("actor_id")
            .default_expr("nextval('actor_actor_id_seq')")
            .primary_key();
        t.column::<String>("first_name");
        t.column::<String>("last_name");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.index(&["last_name"]);
    });
    s.create_table("address", |t| {
        t.column::<i32>("address_id")
            .default_expr("nextval('address_address_id_seq')")
            .primary_key();
        t.column::<String>("address");
        t.column::<Option<String>>("address2");
        t.column::<String>("district");
        t.column::<i32>("city_id");
        t.column::<Option<String>>("postal_code");
        t.column::<String>("phone");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.index(&["city_id"]).name("idx_fk_city_id");
    });
    s.create_table("category", |t| {
        t.column::<i32>("category_id")
            .default_expr("nextval('category_category_id_seq')")
            .primary_key();
        t.column::<String>("name");
        t.column::<TimestampTz>("last_update").default_expr("now()");
    });
    s.create_table("city", |t| {
        t.column::<i32>("city_id")
            .default_expr("nextval('city_city_id_seq')")
            .primary_key();
        t.column::<String>("city");
        t.column::<i32>("country_id");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.index(&["country_id"]).name("idx_fk_country_id");
    });
    s.create_table("country", |t| {
        t.column::<i32>("country_id")
            .default_expr("nextval('country_country_id_seq')")
            .primary_key();
        t.column::<String>("country");
        t.column::<TimestampTz>("last_update").default_expr("now()");
    });
    s.create_table("customer", |t| {
        t.column::<i32>("customer_id")
            .default_expr("nextval('customer_customer_id_seq')")
            .primary_key();
        t.column::<i32>("store_id");
        t.column::<String>("first_name");
        t.column::<String>("last_name");
        t.column::<Option<String>>("email");
        t.column::<i32>("address_id");
        t.column::<bool>("activebool").default(true);
        t.column::<Date>("create_date").default_now();
        t.column::<Option<TimestampTz>>("last_update")
            .default_expr("now()");
        t.column::<Option<i32>>("active");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.index(&["uuid"]).name("customer_uuid_key").unique();
        t.index(&["address_id"]).name("idx_fk_address_id");
        t.index(&["store_id"]).name("idx_fk_store_id");
        t.index(&["last_name"]).name("idx_last_name");
    });
    s.create_table("film", |t| {
        t.column::<i32>("film_id")
            .default_expr("nextval('film_film_id_seq')")
            .primary_key();
        t.column::<String>("title");
        t.column::<Option<String>>("description");
        t.column_of_type("release_year", ColumnType::Native { sql: "year".into() })
            .nullable();
        t.column::<i32>("language_id");
        t.column::<Option<i32>>("original_language_id");
        t.column::<i16>("rental_duration").default(3);
        t.column::<Decimal<4, 2>>("rental_rate")
            .default_expr("4.99");
        t.column::<Option<i16>>("length");
        t.column::<Decimal<5, 2>>("replacement_cost")
            .default_expr("19.99");
        t.column_of_type(
            "rating",
            ColumnType::Enum {
                name: "mpaa_rating".into(),
                values: vec![
                    "G".into(),
                    "PG".into(),
                    "PG-13".into(),
                    "R".into(),
                    "NC-17".into(),
                ],
            },
        )
        .nullable()
        .default_expr("'G'");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.column_of_type(
            "special_features",
            ColumnType::Native {
                sql: "text[]".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "fulltext",
            ColumnType::Native {
                sql: "tsvector".into(),
            },
        );
        t.column::<Option<Decimal<4, 2>>>("length_hours")
            .generated_stored("round(((length)::numeric / 60.0), 2)");
        t.index(&["language_id"]).name("idx_fk_language_id");
        t.index(&["original_language_id"])
            .name("idx_fk_original_language_id");
        t.index(&["title"]).name("idx_title");
    });
    s.create_table("film_actor", |t| {
        t.column::<i32>("actor_id");
        t.column::<i32>("film_id");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.primary_key(&["actor_id", "film_id"]);
        t.index(&["film_id"]).name("idx_fk_film_id");
    });
    s.create_table("film_category", |t| {
        t.column::<i32>("film_id");
        t.column::<i32>("category_id");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.primary_key(&["film_id", "category_id"]);
    });
    s.create_table("inventory", |t| {
        t.column::<i32>("inventory_id")
            .default_expr("nextval('inventory_inventory_id_seq')")
            .primary_key();
        t.column::<i32>("film_id");
        t.column::<i32>("store_id");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.index(&["store_id", "film_id"])
            .name("idx_store_id_film_id");
    });
    s.create_table("language", |t| {
        t.column::<i32>("language_id")
            .default_expr("nextval('language_language_id_seq')")
            .primary_key();
        t.column::<String>("name");
        t.column::<TimestampTz>("last_update").default_expr("now()");
    });
    s.create_table("payment", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_uuid_key")
            .unique();
        t.partition_by("RANGE (payment_date)");
    });
    s.create_table("payment_p2022_01", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["customer_id"])
            .name("idx_fk_payment_p2022_01_customer_id");
        t.index(&["staff_id"])
            .name("idx_fk_payment_p2022_01_staff_id");
        t.index(&["customer_id"])
            .name("payment_p2022_01_customer_id_idx");
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_01_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_02", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["customer_id"])
            .name("idx_fk_payment_p2022_02_customer_id");
        t.index(&["staff_id"])
            .name("idx_fk_payment_p2022_02_staff_id");
        t.index(&["customer_id"])
            .name("payment_p2022_02_customer_id_idx");
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_02_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_03", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["customer_id"])
            .name("idx_fk_payment_p2022_03_customer_id");
        t.index(&["staff_id"])
            .name("idx_fk_payment_p2022_03_staff_id");
        t.index(&["customer_id"])
            .name("payment_p2022_03_customer_id_idx");
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_03_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_04", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["customer_id"])
            .name("idx_fk_payment_p2022_04_customer_id");
        t.index(&["staff_id"])
            .name("idx_fk_payment_p2022_04_staff_id");
        t.index(&["customer_id"])
            .name("payment_p2022_04_customer_id_idx");
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_04_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_05", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["customer_id"])
            .name("idx_fk_payment_p2022_05_customer_id");
        t.index(&["staff_id"])
            .name("idx_fk_payment_p2022_05_staff_id");
        t.index(&["customer_id"])
            .name("payment_p2022_05_customer_id_idx");
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_05_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_06", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["customer_id"])
            .name("idx_fk_payment_p2022_06_customer_id");
        t.index(&["staff_id"])
            .name("idx_fk_payment_p2022_06_staff_id");
        t.index(&["customer_id"])
            .name("payment_p2022_06_customer_id_idx");
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_06_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_07", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_07_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_08", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_08_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_09", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_09_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_10", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_10_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_11", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_11_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2022_12", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2022_12_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_01", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_01_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_02", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_02_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_03", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_03_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_04", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_04_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_05", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_05_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_06", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_06_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_07", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_07_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_08", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_08_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_09", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_09_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_10", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_10_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_11", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_11_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2023_12", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2023_12_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_01", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_01_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_02", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_02_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_03", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_03_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_04", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_04_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_05", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_05_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_06", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_06_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_07", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_07_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_08", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_08_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_09", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_09_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_10", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_10_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_11", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_11_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2024_12", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2024_12_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_01", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_01_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_02", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_02_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_03", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_03_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_04", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_04_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_05", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_05_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_06", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_06_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_07", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_07_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_08", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_08_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_09", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_09_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_10", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_10_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_11", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_11_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2025_12", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2025_12_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2026_01", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2026_01_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2026_02", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2026_02_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2026_03", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2026_03_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2026_04", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2026_04_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2026_05", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2026_05_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2026_06", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2026_06_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("payment_p2026_07", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<TimestampTz>("payment_date");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.primary_key(&["payment_date", "payment_id"]);
        t.index(&["uuid", "payment_date"])
            .name("payment_p2026_07_uuid_payment_date_idx")
            .unique();
    });
    s.create_table("rental", |t| {
        t.column::<i32>("rental_id")
            .default_expr("nextval('rental_rental_id_seq')")
            .primary_key();
        t.column::<TimestampTz>("rental_date");
        t.column::<i32>("inventory_id");
        t.column::<i32>("customer_id");
        t.column::<Option<TimestampTz>>("return_date");
        t.column::<i32>("staff_id");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.column::<Uuid>("uuid").default_expr("gen_random_uuid()");
        t.index(&["inventory_id"]).name("idx_fk_inventory_id");
        t.index(&["rental_date", "inventory_id", "customer_id"])
            .name("idx_unq_rental_rental_date_inventory_id_customer_id")
            .unique();
        t.index(&["uuid"]).name("rental_uuid_key").unique();
    });
    s.create_table("staff", |t| {
        t.column::<i32>("staff_id")
            .default_expr("nextval('staff_staff_id_seq')")
            .primary_key();
        t.column::<String>("first_name");
        t.column::<String>("last_name");
        t.column::<i32>("address_id");
        t.column::<Option<String>>("email");
        t.column::<i32>("store_id");
        t.column::<bool>("active").default(true);
        t.column::<String>("username");
        t.column::<Option<String>>("password");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.column::<Option<Vec<u8>>>("picture");
    });
    s.create_table("store", |t| {
        t.column::<i32>("store_id")
            .default_expr("nextval('store_store_id_seq')")
            .primary_key();
        t.column::<i32>("manager_staff_id");
        t.column::<i32>("address_id");
        t.column::<TimestampTz>("last_update").default_expr("now()");
        t.index(&["manager_staff_id"])
            .name("idx_unq_manager_staff_id")
            .unique();
    });
    s.add_foreign_key("address", &["city_id"], "city", &["city_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("city", &["country_id"], "country", &["country_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("customer", &["address_id"], "address", &["address_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("customer", &["store_id"], "store", &["store_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("film", &["language_id"], "language", &["language_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key(
        "film",
        &["original_language_id"],
        "language",
        &["language_id"],
    )
    .on_delete(Restrict)
    .on_update(Cascade);
    s.add_foreign_key("film_actor", &["actor_id"], "actor", &["actor_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("film_actor", &["film_id"], "film", &["film_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key(
        "film_category",
        &["category_id"],
        "category",
        &["category_id"],
    )
    .on_delete(Restrict)
    .on_update(Cascade);
    s.add_foreign_key("film_category", &["film_id"], "film", &["film_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("inventory", &["film_id"], "film", &["film_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("inventory", &["store_id"], "store", &["store_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key(
        "payment_p2022_01",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2022_01", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2022_01", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2022_02",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2022_02", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2022_02", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2022_03",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2022_03", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2022_03", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2022_04",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2022_04", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2022_04", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2022_05",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2022_05", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2022_05", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2022_06",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2022_06", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2022_06", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key("rental", &["customer_id"], "customer", &["customer_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("rental", &["inventory_id"], "inventory", &["inventory_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("rental", &["staff_id"], "staff", &["staff_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("staff", &["address_id"], "address", &["address_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("staff", &["store_id"], "store", &["store_id"]);
    s.add_foreign_key("store", &["address_id"], "address", &["address_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.sql_on(
        Dialect::Postgres,
        r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public._group_concat(text, text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$
SELECT CASE
  WHEN $2 IS NULL THEN $1
  WHEN $1 IS NULL THEN $2
  ELSE $1 || ', ' || $2
END
$function$"#,
    )
    .down_on(
        Dialect::Postgres,
        r#"DROP FUNCTION "_group_concat"(text, text)"#,
    );
    s.sql_on(Dialect::Postgres, r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.film_in_stock(p_film_id integer, p_store_id integer, OUT p_film_count integer)
 RETURNS SETOF integer
 LANGUAGE sql
AS $function$
     SELECT inventory_id
     FROM inventory
     WHERE film_id = $1
     AND store_id = $2
     AND inventory_in_stock(inventory_id);
$function$"#)
        .down_on(Dialect::Postgres, r#"DROP FUNCTION "film_in_stock"(p_film_id integer, p_store_id integer, OUT p_film_count integer)"#);
    s.sql_on(Dialect::Postgres, r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.film_not_in_stock(p_film_id integer, p_store_id integer, OUT p_film_count integer)
 RETURNS SETOF integer
 LANGUAGE sql
AS $function$
    SELECT inventory_id
    FROM inventory
    WHERE film_id = $1
    AND store_id = $2
    AND NOT inventory_in_stock(inventory_id);
$function$"#)
        .down_on(Dialect::Postgres, r#"DROP FUNCTION "film_not_in_stock"(p_film_id integer, p_store_id integer, OUT p_film_count integer)"#);
    s.sql_on(Dialect::Postgres, r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.get_customer_balance(p_customer_id integer, p_effective_date timestamp with time zone)
 RETURNS numeric
 LANGUAGE plpgsql
AS $function$
       --#OK, WE NEED TO CALCULATE THE CURRENT BALANCE GIVEN A CUSTOMER_ID AND A DATE
       --#THAT WE WANT THE BALANCE TO BE EFFECTIVE FOR. THE BALANCE IS:
       --#   1) RENTAL FEES FOR ALL PREVIOUS RENTALS
       --#   2) ONE DOLLAR FOR EVERY DAY THE PREVIOUS RENTALS ARE OVERDUE
       --#   3) IF A FILM IS MORE THAN RENTAL_DURATION * 2 OVERDUE, CHARGE THE REPLACEMENT_COST
       --#   4) SUBTRACT ALL PAYMENTS MADE BEFORE THE DATE SPECIFIED
DECLARE
    v_rentfees DECIMAL(5,2); --#FEES PAID TO RENT THE VIDEOS INITIALLY
    v_overfees INTEGER;      --#LATE FEES FOR PRIOR RENTALS
    v_payments DECIMAL(5,2); --#SUM OF PAYMENTS MADE PREVIOUSLY
BEGIN
    SELECT COALESCE(SUM(film.rental_rate),0) INTO v_rentfees
    FROM film, inventory, rental
    WHERE film.film_id = inventory.film_id
      AND inventory.inventory_id = rental.inventory_id
      AND rental.rental_date <= p_effective_date
      AND rental.customer_id = p_customer_id;

    SELECT COALESCE(SUM(IF((rental.return_date - rental.rental_date) > (film.rental_duration * '1 day'::interval),
        ((rental.return_date - rental.rental_date) - (film.rental_duration * '1 day'::interval)),0)),0) INTO v_overfees
    FROM rental, inventory, film
    WHERE film.film_id = inventory.film_id
      AND inventory.inventory_id = rental.inventory_id
      AND rental.rental_date <= p_effective_date
      AND rental.customer_id = p_customer_id;

    SELECT COALESCE(SUM(payment.amount),0) INTO v_payments
    FROM payment
    WHERE payment.payment_date <= p_effective_date
    AND payment.customer_id = p_customer_id;

    RETURN v_rentfees + v_overfees - v_payments;
END
$function$"#)
        .down_on(Dialect::Postgres, r#"DROP FUNCTION "get_customer_balance"(p_customer_id integer, p_effective_date timestamp with time zone)"#);
    s.sql_on(
        Dialect::Postgres,
        r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.inventory_held_by_customer(p_inventory_id integer)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
DECLARE
    v_customer_id INTEGER;
BEGIN

  SELECT customer_id INTO v_customer_id
  FROM rental
  WHERE return_date IS NULL
  AND inventory_id = p_inventory_id;

  RETURN v_customer_id;
END $function$"#,
    )
    .down_on(
        Dialect::Postgres,
        r#"DROP FUNCTION "inventory_held_by_customer"(p_inventory_id integer)"#,
    );
    s.sql_on(
        Dialect::Postgres,
        r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.inventory_in_stock(p_inventory_id integer)
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
DECLARE
    v_rentals INTEGER;
    v_out     INTEGER;
BEGIN
    -- AN ITEM IS IN-STOCK IF THERE ARE EITHER NO ROWS IN THE rental TABLE
    -- FOR THE ITEM OR ALL ROWS HAVE return_date POPULATED

    SELECT count(*) INTO v_rentals
    FROM rental
    WHERE inventory_id = p_inventory_id;

    IF v_rentals = 0 THEN
      RETURN TRUE;
    END IF;

    SELECT COUNT(rental_id) INTO v_out
    FROM inventory LEFT JOIN rental USING(inventory_id)
    WHERE inventory.inventory_id = p_inventory_id
    AND rental.return_date IS NULL;

    IF v_out > 0 THEN
      RETURN FALSE;
    ELSE
      RETURN TRUE;
    END IF;
END $function$"#,
    )
    .down_on(
        Dialect::Postgres,
        r#"DROP FUNCTION "inventory_in_stock"(p_inventory_id integer)"#,
    );
    s.sql_on(Dialect::Postgres, r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.last_day(timestamp with time zone)
 RETURNS date
 LANGUAGE sql
 IMMUTABLE STRICT
AS $function$
  SELECT CASE
    WHEN EXTRACT(MONTH FROM $1) = 12 THEN
      (((EXTRACT(YEAR FROM $1) + 1) operator(pg_catalog.||) '-01-01')::date - INTERVAL '1 day')::date
    ELSE
      ((EXTRACT(YEAR FROM $1) operator(pg_catalog.||) '-' operator(pg_catalog.||) (EXTRACT(MONTH FROM $1) + 1) operator(pg_catalog.||) '-01')::date - INTERVAL '1 day')::date
    END
$function$"#)
        .down_on(Dialect::Postgres, r#"DROP FUNCTION "last_day"(timestamp with time zone)"#);
    s.sql_on(
        Dialect::Postgres,
        r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.last_updated()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.last_update = CURRENT_TIMESTAMP;
    RETURN NEW;
END $function$"#,
    )
    .down_on(Dialect::Postgres, r#"DROP FUNCTION "last_updated"()"#);
    s.sql_on(Dialect::Postgres, r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.rewards_report(min_monthly_purchases integer, min_dollar_amount_purchased numeric)
 RETURNS SETOF customer
 LANGUAGE plpgsql
 SECURITY DEFINER
AS $function$
DECLARE
    last_month_start DATE;
    last_month_end DATE;
rr RECORD;
tmpSQL TEXT;
BEGIN

    /* Some sanity checks... */
    IF min_monthly_purchases = 0 THEN
        RAISE EXCEPTION 'Minimum monthly purchases parameter must be > 0';
    END IF;
    IF min_dollar_amount_purchased = 0.00 THEN
        RAISE EXCEPTION 'Minimum monthly dollar amount purchased parameter must be > $0.00';
    END IF;

    last_month_start := CURRENT_DATE - '3 month'::interval;
    last_month_start := to_date((extract(YEAR FROM last_month_start) || '-' || extract(MONTH FROM last_month_start) || '-01'),'YYYY-MM-DD');
    last_month_end := LAST_DAY(last_month_start);

    /*
    Create a temporary storage area for Customer IDs.
    */
    CREATE TEMPORARY TABLE tmpCustomer (customer_id INTEGER NOT NULL PRIMARY KEY);

    /*
    Find all customers meeting the monthly purchase requirements
    */

    tmpSQL := 'INSERT INTO tmpCustomer (customer_id)
        SELECT p.customer_id
        FROM payment AS p
        WHERE DATE(p.payment_date) BETWEEN '||quote_literal(last_month_start) ||' AND '|| quote_literal(last_month_end) || '
        GROUP BY customer_id
        HAVING SUM(p.amount) > '|| min_dollar_amount_purchased || '
        AND COUNT(customer_id) > ' ||min_monthly_purchases ;

    EXECUTE tmpSQL;

    /*
    Output ALL customer information of matching rewardees.
    Customize output as needed.
    */
    FOR rr IN EXECUTE 'SELECT c.* FROM tmpCustomer AS t INNER JOIN customer AS c ON t.customer_id = c.customer_id' LOOP
        RETURN NEXT rr;
    END LOOP;

    /* Clean up */
    tmpSQL := 'DROP TABLE tmpCustomer';
    EXECUTE tmpSQL;

RETURN;
END
$function$"#)
        .down_on(Dialect::Postgres, r#"DROP FUNCTION "rewards_report"(min_monthly_purchases integer, min_dollar_amount_purchased numeric)"#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE AGGREGATE "group_concat"(text) (SFUNC = _group_concat, STYPE = text)"#,
    )
    .down_on(Dialect::Postgres, r#"DROP AGGREGATE "group_concat"(text)"#);
    s.sql_on(
        Dialect::Postgres,
        "CREATE INDEX film_fulltext_idx ON public.film USING gist (fulltext)",
    )
    .down_on(Dialect::Postgres, r#"DROP INDEX "film_fulltext_idx""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_01" FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_01""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_02" FOR VALUES FROM ('2022-02-01 00:00:00+00') TO ('2022-03-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_02""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_03" FOR VALUES FROM ('2022-03-01 00:00:00+00') TO ('2022-04-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_03""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_04" FOR VALUES FROM ('2022-04-01 00:00:00+00') TO ('2022-05-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_04""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_05" FOR VALUES FROM ('2022-05-01 00:00:00+00') TO ('2022-06-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_05""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_06" FOR VALUES FROM ('2022-06-01 00:00:00+00') TO ('2022-07-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_06""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_07" FOR VALUES FROM ('2022-07-01 00:00:00+00') TO ('2022-08-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_07""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_08" FOR VALUES FROM ('2022-08-01 00:00:00+00') TO ('2022-09-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_08""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_09" FOR VALUES FROM ('2022-09-01 00:00:00+00') TO ('2022-10-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_09""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_10" FOR VALUES FROM ('2022-10-01 00:00:00+00') TO ('2022-11-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_10""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_11" FOR VALUES FROM ('2022-11-01 00:00:00+00') TO ('2022-12-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_11""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2022_12" FOR VALUES FROM ('2022-12-01 00:00:00+00') TO ('2023-01-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2022_12""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_01" FOR VALUES FROM ('2023-01-01 00:00:00+00') TO ('2023-02-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_01""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_02" FOR VALUES FROM ('2023-02-01 00:00:00+00') TO ('2023-03-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_02""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_03" FOR VALUES FROM ('2023-03-01 00:00:00+00') TO ('2023-04-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_03""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_04" FOR VALUES FROM ('2023-04-01 00:00:00+00') TO ('2023-05-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_04""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_05" FOR VALUES FROM ('2023-05-01 00:00:00+00') TO ('2023-06-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_05""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_06" FOR VALUES FROM ('2023-06-01 00:00:00+00') TO ('2023-07-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_06""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_07" FOR VALUES FROM ('2023-07-01 00:00:00+00') TO ('2023-08-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_07""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_08" FOR VALUES FROM ('2023-08-01 00:00:00+00') TO ('2023-09-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_08""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_09" FOR VALUES FROM ('2023-09-01 00:00:00+00') TO ('2023-10-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_09""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_10" FOR VALUES FROM ('2023-10-01 00:00:00+00') TO ('2023-11-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_10""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_11" FOR VALUES FROM ('2023-11-01 00:00:00+00') TO ('2023-12-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_11""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2023_12" FOR VALUES FROM ('2023-12-01 00:00:00+00') TO ('2024-01-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2023_12""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_01" FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_01""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_02" FOR VALUES FROM ('2024-02-01 00:00:00+00') TO ('2024-03-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_02""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_03" FOR VALUES FROM ('2024-03-01 00:00:00+00') TO ('2024-04-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_03""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_04" FOR VALUES FROM ('2024-04-01 00:00:00+00') TO ('2024-05-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_04""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_05" FOR VALUES FROM ('2024-05-01 00:00:00+00') TO ('2024-06-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_05""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_06" FOR VALUES FROM ('2024-06-01 00:00:00+00') TO ('2024-07-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_06""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_07" FOR VALUES FROM ('2024-07-01 00:00:00+00') TO ('2024-08-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_07""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_08" FOR VALUES FROM ('2024-08-01 00:00:00+00') TO ('2024-09-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_08""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_09" FOR VALUES FROM ('2024-09-01 00:00:00+00') TO ('2024-10-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_09""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_10" FOR VALUES FROM ('2024-10-01 00:00:00+00') TO ('2024-11-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_10""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_11" FOR VALUES FROM ('2024-11-01 00:00:00+00') TO ('2024-12-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_11""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2024_12" FOR VALUES FROM ('2024-12-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2024_12""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_01" FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_01""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_02" FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_02""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_03" FOR VALUES FROM ('2025-03-01 00:00:00+00') TO ('2025-04-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_03""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_04" FOR VALUES FROM ('2025-04-01 00:00:00+00') TO ('2025-05-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_04""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_05" FOR VALUES FROM ('2025-05-01 00:00:00+00') TO ('2025-06-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_05""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_06" FOR VALUES FROM ('2025-06-01 00:00:00+00') TO ('2025-07-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_06""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_07" FOR VALUES FROM ('2025-07-01 00:00:00+00') TO ('2025-08-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_07""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_08" FOR VALUES FROM ('2025-08-01 00:00:00+00') TO ('2025-09-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_08""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_09" FOR VALUES FROM ('2025-09-01 00:00:00+00') TO ('2025-10-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_09""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_10" FOR VALUES FROM ('2025-10-01 00:00:00+00') TO ('2025-11-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_10""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_11" FOR VALUES FROM ('2025-11-01 00:00:00+00') TO ('2025-12-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_11""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2025_12" FOR VALUES FROM ('2025-12-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2025_12""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2026_01" FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2026_01""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2026_02" FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2026_02""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2026_03" FOR VALUES FROM ('2026-03-01 00:00:00+00') TO ('2026-04-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2026_03""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2026_04" FOR VALUES FROM ('2026-04-01 00:00:00+00') TO ('2026-05-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2026_04""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2026_05" FOR VALUES FROM ('2026-05-01 00:00:00+00') TO ('2026-06-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2026_05""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2026_06" FOR VALUES FROM ('2026-06-01 00:00:00+00') TO ('2026-07-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2026_06""#);
    s.sql_on(Dialect::Postgres, r#"ALTER TABLE "payment" ATTACH PARTITION "payment_p2026_07" FOR VALUES FROM ('2026-07-01 00:00:00+00') TO ('2026-08-01 00:00:00+00')"#)
        .down_on(Dialect::Postgres, r#"ALTER TABLE "payment" DETACH PARTITION "payment_p2026_07""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "actor_info" AS SELECT a.actor_id,
    a.first_name,
    a.last_name,
    jsonb_object_agg(c.name, ( SELECT array_agg(f.title) AS array_agg
           FROM ((film f
             JOIN film_category fc_1 ON ((f.film_id = fc_1.film_id)))
             JOIN film_actor fa_1 ON ((f.film_id = fa_1.film_id)))
          WHERE ((fc_1.category_id = c.category_id) AND (fa_1.actor_id = a.actor_id))
          GROUP BY fa_1.actor_id)) FILTER (WHERE (c.name IS NOT NULL)) AS film_info
   FROM (((actor a
     LEFT JOIN film_actor fa ON ((a.actor_id = fa.actor_id)))
     LEFT JOIN film_category fc ON ((fa.film_id = fc.film_id)))
     LEFT JOIN category c ON ((fc.category_id = c.category_id)))
  GROUP BY a.actor_id, a.first_name, a.last_name;"#,
    )
    .down_on(Dialect::Postgres, r#"DROP VIEW "actor_info""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "customer_list" AS SELECT cu.customer_id AS id,
    ((cu.first_name || ' '::text) || cu.last_name) AS name,
    a.address,
    a.postal_code AS "zip code",
    a.phone,
    city.city,
    country.country,
        CASE
            WHEN cu.activebool THEN 'active'::text
            ELSE ''::text
        END AS notes,
    cu.store_id AS sid
   FROM (((customer cu
     JOIN address a ON ((cu.address_id = a.address_id)))
     JOIN city ON ((a.city_id = city.city_id)))
     JOIN country ON ((city.country_id = country.country_id)));"#,
    )
    .down_on(Dialect::Postgres, r#"DROP VIEW "customer_list""#);
    s.sql_on(Dialect::Postgres, r#"CREATE VIEW "film_list" AS SELECT film.film_id AS fid,
    film.title,
    film.description,
    category.name AS category,
    film.rental_rate AS price,
    film.length,
    film.rating,
    group_concat(((actor.first_name || ' '::text) || actor.last_name)) AS actors
   FROM ((((category
     LEFT JOIN film_category ON ((category.category_id = film_category.category_id)))
     LEFT JOIN film ON ((film_category.film_id = film.film_id)))
     JOIN film_actor ON ((film.film_id = film_actor.film_id)))
     JOIN actor ON ((film_actor.actor_id = actor.actor_id)))
  GROUP BY film.film_id, film.title, film.description, category.name, film.rental_rate, film.length, film.rating;"#)
        .down_on(Dialect::Postgres, r#"DROP VIEW "film_list""#);
    s.sql_on(Dialect::Postgres, r#"CREATE VIEW "nicer_but_slower_film_list" AS SELECT film.film_id AS fid,
    film.title,
    film.description,
    category.name AS category,
    film.rental_rate AS price,
    film.length,
    film.rating,
    group_concat((((upper("substring"(actor.first_name, 1, 1)) || lower("substring"(actor.first_name, 2))) || upper("substring"(actor.last_name, 1, 1))) || lower("substring"(actor.last_name, 2)))) AS actors
   FROM ((((category
     LEFT JOIN film_category ON ((category.category_id = film_category.category_id)))
     LEFT JOIN film ON ((film_category.film_id = film.film_id)))
     JOIN film_actor ON ((film.film_id = film_actor.film_id)))
     JOIN actor ON ((film_actor.actor_id = actor.actor_id)))
  GROUP BY film.film_id, film.title, film.description, category.name, film.rental_rate, film.length, film.rating;"#)
        .down_on(Dialect::Postgres, r#"DROP VIEW "nicer_but_slower_film_list""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE MATERIALIZED VIEW "rental_by_category" AS SELECT c.name AS category,
    sum(p.amount) AS total_sales
   FROM (((((payment p
     JOIN rental r ON ((p.rental_id = r.rental_id)))
     JOIN inventory i ON ((r.inventory_id = i.inventory_id)))
     JOIN film f ON ((i.film_id = f.film_id)))
     JOIN film_category fc ON ((f.film_id = fc.film_id)))
     JOIN category c ON ((fc.category_id = c.category_id)))
  GROUP BY c.name
  ORDER BY (sum(p.amount)) DESC;"#,
    )
    .down_on(
        Dialect::Postgres,
        r#"DROP MATERIALIZED VIEW "rental_by_category""#,
    );
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "sales_by_film_category" AS SELECT c.name AS category,
    sum(p.amount) AS total_sales
   FROM (((((payment p
     JOIN rental r ON ((p.rental_id = r.rental_id)))
     JOIN inventory i ON ((r.inventory_id = i.inventory_id)))
     JOIN film f ON ((i.film_id = f.film_id)))
     JOIN film_category fc ON ((f.film_id = fc.film_id)))
     JOIN category c ON ((fc.category_id = c.category_id)))
  GROUP BY c.name
  ORDER BY (sum(p.amount)) DESC;"#,
    )
    .down_on(Dialect::Postgres, r#"DROP VIEW "sales_by_film_category""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "sales_by_store" AS SELECT ((c.city || ','::text) || cy.country) AS store,
    ((m.first_name || ' '::text) || m.last_name) AS manager,
    sum(p.amount) AS total_sales
   FROM (((((((payment p
     JOIN rental r ON ((p.rental_id = r.rental_id)))
     JOIN inventory i ON ((r.inventory_id = i.inventory_id)))
     JOIN store s ON ((i.store_id = s.store_id)))
     JOIN address a ON ((s.address_id = a.address_id)))
     JOIN city c ON ((a.city_id = c.city_id)))
     JOIN country cy ON ((c.country_id = cy.country_id)))
     JOIN staff m ON ((s.manager_staff_id = m.staff_id)))
  GROUP BY cy.country, c.city, s.store_id, m.first_name, m.last_name
  ORDER BY cy.country, c.city;"#,
    )
    .down_on(Dialect::Postgres, r#"DROP VIEW "sales_by_store""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "staff_list" AS SELECT s.staff_id AS id,
    ((s.first_name || ' '::text) || s.last_name) AS name,
    a.address,
    a.postal_code AS "zip code",
    a.phone,
    city.city,
    country.country,
    s.store_id AS sid
   FROM (((staff s
     JOIN address a ON ((s.address_id = a.address_id)))
     JOIN city ON ((a.city_id = city.city_id)))
     JOIN country ON ((city.country_id = country.country_id)));"#,
    )
    .down_on(Dialect::Postgres, r#"DROP VIEW "staff_list""#);
    s.sql_on(
        Dialect::Postgres,
        "CREATE UNIQUE INDEX rental_category ON public.rental_by_category USING btree (category)",
    )
    .down_on(Dialect::Postgres, r#"DROP INDEX "rental_category""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.actor FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "actor""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.address FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "address""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.category FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "category""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.city FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "city""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.country FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "country""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.customer FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "customer""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER film_fulltext_trigger BEFORE INSERT OR UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger('fulltext', 'pg_catalog.english', 'title', 'description')")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "film_fulltext_trigger" ON "film""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "film""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.film_actor FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "film_actor""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.film_category FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "film_category""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.inventory FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "inventory""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.language FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "language""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.rental FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "rental""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.staff FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "staff""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER last_updated BEFORE UPDATE ON public.store FOR EACH ROW EXECUTE FUNCTION last_updated()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "last_updated" ON "store""#);
}
