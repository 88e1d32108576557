use migrate::prelude::*;

#[migration(version = 1022, name = "copy")]
fn copy(s: &mut Schema) {
    s.sql_on(Dialect::Postgres, r#"CREATE DOMAIN "year" AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))"#)
        .down_on(Dialect::Postgres, r#"DROP DOMAIN "year""#);
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
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "customer_customer_id_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "customer_customer_id_seq""#);
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
        t.column::<String>("first_name").max_len(45);
        t.column::<String>("last_name").max_len(45);
        t.column::<Timestamp>("last_update").default_expr("now()");
        t.index(&["last_name"]);
    });
    s.create_table("address", |t| {
        t.column::<i32>("address_id")
            .default_expr("nextval('address_address_id_seq')")
            .primary_key();
        t.column::<String>("address").max_len(50);
        t.column::<Option<String>>("address2").max_len(50);
        t.column::<String>("district").max_len(20);
        t.column::<i32>("city_id");
        t.column::<Option<String>>("postal_code").max_len(10);
        t.column::<String>("phone").max_len(20);
        t.column::<Timestamp>("last_update").default_expr("now()");
        t.index(&["city_id"]).name("idx_fk_city_id");
    });
    s.create_table("category", |t| {
        t.column::<i32>("category_id")
            .default_expr("nextval('category_category_id_seq')")
            .primary_key();
        t.column::<String>("name").max_len(25);
        t.column::<Timestamp>("last_update").default_expr("now()");
    });
    s.create_table("city", |t| {
        t.column::<i32>("city_id")
            .default_expr("nextval('city_city_id_seq')")
            .primary_key();
        t.column::<String>("city").max_len(50);
        t.column::<i32>("country_id");
        t.column::<Timestamp>("last_update").default_expr("now()");
        t.index(&["country_id"]).name("idx_fk_country_id");
    });
    s.create_table("country", |t| {
        t.column::<i32>("country_id")
            .default_expr("nextval('country_country_id_seq')")
            .primary_key();
        t.column::<String>("country").max_len(50);
        t.column::<Timestamp>("last_update").default_expr("now()");
    });
    s.create_table("customer", |t| {
        t.column::<i32>("customer_id")
            .default_expr("nextval('customer_customer_id_seq')")
            .primary_key();
        t.column::<i32>("store_id");
        t.column::<String>("first_name").max_len(45);
        t.column::<String>("last_name").max_len(45);
        t.column::<Option<String>>("email").max_len(50);
        t.column::<i32>("address_id");
        t.column::<bool>("activebool").default(true);
        t.column::<Date>("create_date")
            .default_expr("('now'::text)::date");
        t.column::<Option<Timestamp>>("last_update")
            .default_expr("now()");
        t.column::<Option<i32>>("active");
        t.index(&["address_id"]).name("idx_fk_address_id");
        t.index(&["store_id"]).name("idx_fk_store_id");
        t.index(&["last_name"]).name("idx_last_name");
    });
    s.create_table("film", |t| {
        t.column::<i32>("film_id")
            .default_expr("nextval('film_film_id_seq')")
            .primary_key();
        t.column::<String>("title").max_len(255);
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
        t.column::<Timestamp>("last_update").default_expr("now()");
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
        t.index(&["language_id"]).name("idx_fk_language_id");
        t.index(&["original_language_id"])
            .name("idx_fk_original_language_id");
        t.index(&["title"]).name("idx_title");
    });
    s.create_table("film_actor", |t| {
        t.column::<i32>("actor_id");
        t.column::<i32>("film_id");
        t.column::<Timestamp>("last_update").default_expr("now()");
        t.primary_key(&["actor_id", "film_id"]);
        t.index(&["film_id"]).name("idx_fk_film_id");
    });
    s.create_table("film_category", |t| {
        t.column::<i32>("film_id");
        t.column::<i32>("category_id");
        t.column::<Timestamp>("last_update").default_expr("now()");
        t.primary_key(&["film_id", "category_id"]);
    });
    s.create_table("inventory", |t| {
        t.column::<i32>("inventory_id")
            .default_expr("nextval('inventory_inventory_id_seq')")
            .primary_key();
        t.column::<i32>("film_id");
        t.column::<i32>("store_id");
        t.column::<Timestamp>("last_update").default_expr("now()");
        t.index(&["store_id", "film_id"])
            .name("idx_store_id_film_id");
    });
    s.create_table("language", |t| {
        t.column::<i32>("language_id")
            .default_expr("nextval('language_language_id_seq')")
            .primary_key();
        t.column::<String>("name").fixed_len(20);
        t.column::<Timestamp>("last_update").default_expr("now()");
    });
    s.create_table("payment", |t| {
        t.column::<i32>("payment_id")
            .default_expr("nextval('payment_payment_id_seq')")
            .primary_key();
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<Timestamp>("payment_date");
        t.index(&["customer_id"]).name("idx_fk_customer_id");
        t.index(&["staff_id"]).name("idx_fk_staff_id");
    });
    s.create_table("payment_p2007_01", |t| {
        t.column::<i32>("payment_id").default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<Timestamp>("payment_date");
        t.index(&["customer_id"]).name("idx_fk_payment_p2007_01_customer_id");
        t.index(&["staff_id"]).name("idx_fk_payment_p2007_01_staff_id");
        t.check("((payment_date >= '2007-01-01 00:00:00'::timestamp without time zone) AND (payment_date < '2007-02-01 00:00:00'::timestamp without time zone))").name("payment_p2007_01_payment_date_check");
    });
    s.create_table("payment_p2007_02", |t| {
        t.column::<i32>("payment_id").default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<Timestamp>("payment_date");
        t.index(&["customer_id"]).name("idx_fk_payment_p2007_02_customer_id");
        t.index(&["staff_id"]).name("idx_fk_payment_p2007_02_staff_id");
        t.check("((payment_date >= '2007-02-01 00:00:00'::timestamp without time zone) AND (payment_date < '2007-03-01 00:00:00'::timestamp without time zone))").name("payment_p2007_02_payment_date_check");
    });
    s.create_table("payment_p2007_03", |t| {
        t.column::<i32>("payment_id").default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<Timestamp>("payment_date");
        t.index(&["customer_id"]).name("idx_fk_payment_p2007_03_customer_id");
        t.index(&["staff_id"]).name("idx_fk_payment_p2007_03_staff_id");
        t.check("((payment_date >= '2007-03-01 00:00:00'::timestamp without time zone) AND (payment_date < '2007-04-01 00:00:00'::timestamp without time zone))").name("payment_p2007_03_payment_date_check");
    });
    s.create_table("payment_p2007_04", |t| {
        t.column::<i32>("payment_id").default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<Timestamp>("payment_date");
        t.index(&["customer_id"]).name("idx_fk_payment_p2007_04_customer_id");
        t.index(&["staff_id"]).name("idx_fk_payment_p2007_04_staff_id");
        t.check("((payment_date >= '2007-04-01 00:00:00'::timestamp without time zone) AND (payment_date < '2007-05-01 00:00:00'::timestamp without time zone))").name("payment_p2007_04_payment_date_check");
    });
    s.create_table("payment_p2007_05", |t| {
        t.column::<i32>("payment_id").default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<Timestamp>("payment_date");
        t.index(&["customer_id"]).name("idx_fk_payment_p2007_05_customer_id");
        t.index(&["staff_id"]).name("idx_fk_payment_p2007_05_staff_id");
        t.check("((payment_date >= '2007-05-01 00:00:00'::timestamp without time zone) AND (payment_date < '2007-06-01 00:00:00'::timestamp without time zone))").name("payment_p2007_05_payment_date_check");
    });
    s.create_table("payment_p2007_06", |t| {
        t.column::<i32>("payment_id").default_expr("nextval('payment_payment_id_seq')");
        t.column::<i32>("customer_id");
        t.column::<i32>("staff_id");
        t.column::<i32>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column::<Timestamp>("payment_date");
        t.index(&["customer_id"]).name("idx_fk_payment_p2007_06_customer_id");
        t.index(&["staff_id"]).name("idx_fk_payment_p2007_06_staff_id");
        t.check("((payment_date >= '2007-06-01 00:00:00'::timestamp without time zone) AND (payment_date < '2007-07-01 00:00:00'::timestamp without time zone))").name("payment_p2007_06_payment_date_check");
    });
    s.create_table("rental", |t| {
        t.column::<i32>("rental_id")
            .default_expr("nextval('rental_rental_id_seq')")
            .primary_key();
        t.column::<Timestamp>("rental_date");
        t.column::<i32>("inventory_id");
        t.column::<i32>("customer_id");
        t.column::<Option<Timestamp>>("return_date");
        t.column::<i32>("staff_id");
        t.column::<Timestamp>("last_update").default_expr("now()");
        t.index(&["inventory_id"]).name("idx_fk_inventory_id");
        t.index(&["rental_date", "inventory_id", "customer_id"])
            .name("idx_unq_rental_rental_date_inventory_id_customer_id")
            .unique();
    });
    s.create_table("staff", |t| {
        t.column::<i32>("staff_id")
            .default_expr("nextval('staff_staff_id_seq')")
            .primary_key();
        t.column::<String>("first_name").max_len(45);
        t.column::<String>("last_name").max_len(45);
        t.column::<i32>("address_id");
        t.column::<Option<String>>("email").max_len(50);
        t.column::<i32>("store_id");
        t.column::<bool>("active").default(true);
        t.column::<String>("username").max_len(16);
        t.column::<Option<String>>("password").max_len(40);
        t.column::<Timestamp>("last_update").default_expr("now()");
        t.column::<Option<Vec<u8>>>("picture");
    });
    s.create_table("store", |t| {
        t.column::<i32>("store_id")
            .default_expr("nextval('store_store_id_seq')")
            .primary_key();
        t.column::<i32>("manager_staff_id");
        t.column::<i32>("address_id");
        t.column::<Timestamp>("last_update").default_expr("now()");
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
    s.add_foreign_key("payment", &["customer_id"], "customer", &["customer_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key("payment", &["rental_id"], "rental", &["rental_id"])
        .on_delete(SetNull)
        .on_update(Cascade);
    s.add_foreign_key("payment", &["staff_id"], "staff", &["staff_id"])
        .on_delete(Restrict)
        .on_update(Cascade);
    s.add_foreign_key(
        "payment_p2007_01",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2007_01", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2007_01", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2007_02",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2007_02", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2007_02", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2007_03",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2007_03", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2007_03", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2007_04",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2007_04", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2007_04", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2007_05",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2007_05", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2007_05", &["staff_id"], "staff", &["staff_id"]);
    s.add_foreign_key(
        "payment_p2007_06",
        &["customer_id"],
        "customer",
        &["customer_id"],
    );
    s.add_foreign_key("payment_p2007_06", &["rental_id"], "rental", &["rental_id"]);
    s.add_foreign_key("payment_p2007_06", &["staff_id"], "staff", &["staff_id"]);
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
    s.add_foreign_key("store", &["manager_staff_id"], "staff", &["staff_id"])
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
CREATE OR REPLACE FUNCTION public.get_customer_balance(p_customer_id integer, p_effective_date timestamp without time zone)
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
        .down_on(Dialect::Postgres, r#"DROP FUNCTION "get_customer_balance"(p_customer_id integer, p_effective_date timestamp without time zone)"#);
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
CREATE OR REPLACE FUNCTION public.last_day(timestamp without time zone)
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
        .down_on(Dialect::Postgres, r#"DROP FUNCTION "last_day"(timestamp without time zone)"#);
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
    s.sql_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_01" INHERIT "payment""#,
    )
    .down_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_01" NO INHERIT "payment""#,
    );
    s.sql_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_02" INHERIT "payment""#,
    )
    .down_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_02" NO INHERIT "payment""#,
    );
    s.sql_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_03" INHERIT "payment""#,
    )
    .down_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_03" NO INHERIT "payment""#,
    );
    s.sql_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_04" INHERIT "payment""#,
    )
    .down_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_04" NO INHERIT "payment""#,
    );
    s.sql_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_05" INHERIT "payment""#,
    )
    .down_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_05" NO INHERIT "payment""#,
    );
    s.sql_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_06" INHERIT "payment""#,
    )
    .down_on(
        Dialect::Postgres,
        r#"ALTER TABLE "payment_p2007_06" NO INHERIT "payment""#,
    );
    s.sql_on(Dialect::Postgres, r#"CREATE VIEW "actor_info" AS SELECT a.actor_id,
    a.first_name,
    a.last_name,
    group_concat(DISTINCT (((c.name)::text || ': '::text) || ( SELECT group_concat((f.title)::text) AS group_concat
           FROM ((film f
             JOIN film_category fc_1 ON ((f.film_id = fc_1.film_id)))
             JOIN film_actor fa_1 ON ((f.film_id = fa_1.film_id)))
          WHERE ((fc_1.category_id = c.category_id) AND (fa_1.actor_id = a.actor_id))
          GROUP BY fa_1.actor_id))) AS film_info
   FROM (((actor a
     LEFT JOIN film_actor fa ON ((a.actor_id = fa.actor_id)))
     LEFT JOIN film_category fc ON ((fa.film_id = fc.film_id)))
     LEFT JOIN category c ON ((fc.category_id = c.category_id)))
  GROUP BY a.actor_id, a.first_name, a.last_name;"#)
        .down_on(Dialect::Postgres, r#"DROP VIEW "actor_info""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "customer_list" AS SELECT cu.customer_id AS id,
    (((cu.first_name)::text || ' '::text) || (cu.last_name)::text) AS name,
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
    group_concat((((actor.first_name)::text || ' '::text) || (actor.last_name)::text)) AS actors
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
    group_concat((((upper("substring"((actor.first_name)::text, 1, 1)) || lower("substring"((actor.first_name)::text, 2))) || upper("substring"((actor.last_name)::text, 1, 1))) || lower("substring"((actor.last_name)::text, 2)))) AS actors
   FROM ((((category
     LEFT JOIN film_category ON ((category.category_id = film_category.category_id)))
     LEFT JOIN film ON ((film_category.film_id = film.film_id)))
     JOIN film_actor ON ((film.film_id = film_actor.film_id)))
     JOIN actor ON ((film_actor.actor_id = actor.actor_id)))
  GROUP BY film.film_id, film.title, film.description, category.name, film.rental_rate, film.length, film.rating;"#)
        .down_on(Dialect::Postgres, r#"DROP VIEW "nicer_but_slower_film_list""#);
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
    s.sql_on(Dialect::Postgres, r#"CREATE VIEW "sales_by_store" AS SELECT (((c.city)::text || ','::text) || (cy.country)::text) AS store,
    (((m.first_name)::text || ' '::text) || (m.last_name)::text) AS manager,
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
  ORDER BY cy.country, c.city;"#)
        .down_on(Dialect::Postgres, r#"DROP VIEW "sales_by_store""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "staff_list" AS SELECT s.staff_id AS id,
    (((s.first_name)::text || ' '::text) || (s.last_name)::text) AS name,
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
    s.sql_on(Dialect::Postgres, r#"CREATE RULE payment_insert_p2007_01 AS
    ON INSERT TO public.payment
   WHERE ((new.payment_date >= '2007-01-01 00:00:00'::timestamp without time zone) AND (new.payment_date < '2007-02-01 00:00:00'::timestamp without time zone)) DO INSTEAD  INSERT INTO payment_p2007_01 (payment_id, customer_id, staff_id, rental_id, amount, payment_date)
  VALUES (DEFAULT, new.customer_id, new.staff_id, new.rental_id, new.amount, new.payment_date)"#)
        .down_on(Dialect::Postgres, r#"DROP RULE "payment_insert_p2007_01" ON "payment""#);
    s.sql_on(Dialect::Postgres, r#"CREATE RULE payment_insert_p2007_02 AS
    ON INSERT TO public.payment
   WHERE ((new.payment_date >= '2007-02-01 00:00:00'::timestamp without time zone) AND (new.payment_date < '2007-03-01 00:00:00'::timestamp without time zone)) DO INSTEAD  INSERT INTO payment_p2007_02 (payment_id, customer_id, staff_id, rental_id, amount, payment_date)
  VALUES (DEFAULT, new.customer_id, new.staff_id, new.rental_id, new.amount, new.payment_date)"#)
        .down_on(Dialect::Postgres, r#"DROP RULE "payment_insert_p2007_02" ON "payment""#);
    s.sql_on(Dialect::Postgres, r#"CREATE RULE payment_insert_p2007_03 AS
    ON INSERT TO public.payment
   WHERE ((new.payment_date >= '2007-03-01 00:00:00'::timestamp without time zone) AND (new.payment_date < '2007-04-01 00:00:00'::timestamp without time zone)) DO INSTEAD  INSERT INTO payment_p2007_03 (payment_id, customer_id, staff_id, rental_id, amount, payment_date)
  VALUES (DEFAULT, new.customer_id, new.staff_id, new.rental_id, new.amount, new.payment_date)"#)
        .down_on(Dialect::Postgres, r#"DROP RULE "payment_insert_p2007_03" ON "payment""#);
    s.sql_on(Dialect::Postgres, r#"CREATE RULE payment_insert_p2007_04 AS
    ON INSERT TO public.payment
   WHERE ((new.payment_date >= '2007-04-01 00:00:00'::timestamp without time zone) AND (new.payment_date < '2007-05-01 00:00:00'::timestamp without time zone)) DO INSTEAD  INSERT INTO payment_p2007_04 (payment_id, customer_id, staff_id, rental_id, amount, payment_date)
  VALUES (DEFAULT, new.customer_id, new.staff_id, new.rental_id, new.amount, new.payment_date)"#)
        .down_on(Dialect::Postgres, r#"DROP RULE "payment_insert_p2007_04" ON "payment""#);
    s.sql_on(Dialect::Postgres, r#"CREATE RULE payment_insert_p2007_05 AS
    ON INSERT TO public.payment
   WHERE ((new.payment_date >= '2007-05-01 00:00:00'::timestamp without time zone) AND (new.payment_date < '2007-06-01 00:00:00'::timestamp without time zone)) DO INSTEAD  INSERT INTO payment_p2007_05 (payment_id, customer_id, staff_id, rental_id, amount, payment_date)
  VALUES (DEFAULT, new.customer_id, new.staff_id, new.rental_id, new.amount, new.payment_date)"#)
        .down_on(Dialect::Postgres, r#"DROP RULE "payment_insert_p2007_05" ON "payment""#);
    s.sql_on(Dialect::Postgres, r#"CREATE RULE payment_insert_p2007_06 AS
    ON INSERT TO public.payment
   WHERE ((new.payment_date >= '2007-06-01 00:00:00'::timestamp without time zone) AND (new.payment_date < '2007-07-01 00:00:00'::timestamp without time zone)) DO INSTEAD  INSERT INTO payment_p2007_06 (payment_id, customer_id, staff_id, rental_id, amount, payment_date)
  VALUES (DEFAULT, new.customer_id, new.staff_id, new.rental_id, new.amount, new.payment_date)"#)
        .down_on(Dialect::Postgres, r#"DROP RULE "payment_insert_p2007_06" ON "payment""#);
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
