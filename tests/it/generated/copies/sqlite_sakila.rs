use migrate::prelude::*;

#[migration(version = 1002, name = "copy")]
fn copy(s: &mut Schema) {
    s.create_table("actor", |t| {
        t.column_of_type(
            "actor_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "first_name",
            ColumnType::Native {
                sql: "VARCHAR(45)".into(),
            },
        );
        t.column_of_type(
            "last_name",
            ColumnType::Native {
                sql: "VARCHAR(45)".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["last_name"]);
    });
    s.create_table("address", |t| {
        t.column_of_type(
            "address_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "address",
            ColumnType::Native {
                sql: "VARCHAR(50)".into(),
            },
        );
        t.column_of_type(
            "address2",
            ColumnType::Native {
                sql: "VARCHAR(50)".into(),
            },
        )
        .nullable()
        .default_null();
        t.column_of_type(
            "district",
            ColumnType::Native {
                sql: "VARCHAR(20)".into(),
            },
        );
        t.column_of_type("city_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "postal_code",
            ColumnType::Native {
                sql: "VARCHAR(10)".into(),
            },
        )
        .nullable()
        .default_null();
        t.column_of_type(
            "phone",
            ColumnType::Native {
                sql: "VARCHAR(20)".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["city_id"]).name("idx_fk_city_id");
    });
    s.create_table("category", |t| {
        t.column_of_type(
            "category_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "name",
            ColumnType::Native {
                sql: "VARCHAR(25)".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
    });
    s.create_table("city", |t| {
        t.column_of_type(
            "city_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "city",
            ColumnType::Native {
                sql: "VARCHAR(50)".into(),
            },
        );
        t.column_of_type("country_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["country_id"]).name("idx_fk_country_id");
    });
    s.create_table("country", |t| {
        t.column_of_type(
            "country_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "country",
            ColumnType::Native {
                sql: "VARCHAR(50)".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        )
        .nullable();
    });
    s.create_table("customer", |t| {
        t.column_of_type(
            "customer_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type("store_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "first_name",
            ColumnType::Native {
                sql: "VARCHAR(45)".into(),
            },
        );
        t.column_of_type(
            "last_name",
            ColumnType::Native {
                sql: "VARCHAR(45)".into(),
            },
        );
        t.column_of_type(
            "email",
            ColumnType::Native {
                sql: "VARCHAR(50)".into(),
            },
        )
        .nullable()
        .default_null();
        t.column_of_type("address_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "active",
            ColumnType::Native {
                sql: "CHAR(1)".into(),
            },
        )
        .default_expr("'Y'");
        t.column_of_type(
            "create_date",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["last_name"]);
        t.index(&["address_id"]).name("idx_customer_fk_address_id");
        t.index(&["store_id"]).name("idx_customer_fk_store_id");
    });
    s.create_table("film", |t| {
        t.column_of_type("film_id", ColumnType::Native { sql: "INTEGER".into() }).primary_key();
        t.column_of_type("title", ColumnType::Native { sql: "VARCHAR(255)".into() });
        t.column_of_type("description", ColumnType::Native { sql: "BLOB SUB_TYPE TEXT".into() }).nullable().default_null();
        t.column_of_type("release_year", ColumnType::Native { sql: "VARCHAR(4)".into() }).nullable().default_null();
        t.column_of_type("language_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("original_language_id", ColumnType::Native { sql: "INT".into() }).nullable().default_null();
        t.column_of_type("rental_duration", ColumnType::Native { sql: "SMALLINT".into() }).default_expr("3");
        t.column_of_type("rental_rate", ColumnType::Native { sql: "DECIMAL(4,2)".into() }).default_expr("4.99");
        t.column_of_type("length", ColumnType::Native { sql: "SMALLINT".into() }).nullable().default_null();
        t.column_of_type("replacement_cost", ColumnType::Native { sql: "DECIMAL(5,2)".into() }).default_expr("19.99");
        t.column_of_type("rating", ColumnType::Native { sql: "VARCHAR(10)".into() }).nullable().default_expr("'G'");
        t.column_of_type("special_features", ColumnType::Native { sql: "VARCHAR(100)".into() }).nullable().default_null();
        t.column_of_type("last_update", ColumnType::Native { sql: "TIMESTAMP".into() });
        t.index(&["original_language_id"]).name("idx_fk_original_language_id");
        t.index(&["language_id"]).name("idx_fk_language_id");
        t.check(r#"special_features is null or
                                                           special_features like '%Trailers%' or
                                                           special_features like '%Commentaries%' or
                                                           special_features like '%Deleted Scenes%' or
                                                           special_features like '%Behind the Scenes%'"#).name("CHECK_special_features");
        t.check("rating in ('G','PG','PG-13','R','NC-17')").name("CHECK_special_rating");
    });
    s.create_table("film_actor", |t| {
        t.column_of_type("actor_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("film_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.primary_key(&["actor_id", "film_id"]);
        t.index(&["actor_id"]).name("idx_fk_film_actor_actor");
        t.index(&["film_id"]).name("idx_fk_film_actor_film");
    });
    s.create_table("film_category", |t| {
        t.column_of_type("film_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("category_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.primary_key(&["film_id", "category_id"]);
        t.index(&["category_id"])
            .name("idx_fk_film_category_category");
        t.index(&["film_id"]).name("idx_fk_film_category_film");
    });
    s.create_table("film_text", |t| {
        t.column_of_type(
            "film_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "title",
            ColumnType::Native {
                sql: "VARCHAR(255)".into(),
            },
        );
        t.column_of_type(
            "description",
            ColumnType::Native {
                sql: "BLOB SUB_TYPE TEXT".into(),
            },
        )
        .nullable();
    });
    s.create_table("inventory", |t| {
        t.column_of_type(
            "inventory_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type("film_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("store_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["store_id", "film_id"])
            .name("idx_fk_film_id_store_id");
        t.index(&["film_id"]).name("idx_fk_film_id");
    });
    s.create_table("language", |t| {
        t.column_of_type(
            "language_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "name",
            ColumnType::Native {
                sql: "CHAR(20)".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
    });
    s.create_table("payment", |t| {
        t.column_of_type(
            "payment_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type("customer_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("staff_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("rental_id", ColumnType::Native { sql: "INT".into() })
            .nullable()
            .default_null();
        t.column_of_type(
            "amount",
            ColumnType::Native {
                sql: "DECIMAL(5,2)".into(),
            },
        );
        t.column_of_type(
            "payment_date",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["customer_id"]).name("idx_fk_customer_id");
        t.index(&["staff_id"]).name("idx_fk_staff_id");
    });
    s.create_table("rental", |t| {
        t.column_of_type(
            "rental_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "rental_date",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.column_of_type("inventory_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("customer_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "return_date",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        )
        .nullable()
        .default_null();
        t.column_of_type("staff_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["rental_date", "inventory_id", "customer_id"])
            .name("idx_rental_uq")
            .unique();
        t.index(&["staff_id"]).name("idx_rental_fk_staff_id");
        t.index(&["customer_id"]).name("idx_rental_fk_customer_id");
        t.index(&["inventory_id"])
            .name("idx_rental_fk_inventory_id");
    });
    s.create_table("staff", |t| {
        t.column_of_type(
            "staff_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type(
            "first_name",
            ColumnType::Native {
                sql: "VARCHAR(45)".into(),
            },
        );
        t.column_of_type(
            "last_name",
            ColumnType::Native {
                sql: "VARCHAR(45)".into(),
            },
        );
        t.column_of_type("address_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("picture", ColumnType::Native { sql: "BLOB".into() })
            .nullable()
            .default_null();
        t.column_of_type(
            "email",
            ColumnType::Native {
                sql: "VARCHAR(50)".into(),
            },
        )
        .nullable()
        .default_null();
        t.column_of_type("store_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "active",
            ColumnType::Native {
                sql: "SMALLINT".into(),
            },
        )
        .default_expr("1");
        t.column_of_type(
            "username",
            ColumnType::Native {
                sql: "VARCHAR(16)".into(),
            },
        );
        t.column_of_type(
            "password",
            ColumnType::Native {
                sql: "VARCHAR(40)".into(),
            },
        )
        .nullable()
        .default_null();
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["address_id"]).name("idx_fk_staff_address_id");
        t.index(&["store_id"]).name("idx_fk_staff_store_id");
    });
    s.create_table("store", |t| {
        t.column_of_type(
            "store_id",
            ColumnType::Native {
                sql: "INTEGER".into(),
            },
        )
        .primary_key();
        t.column_of_type("manager_staff_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type("address_id", ColumnType::Native { sql: "INT".into() });
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "TIMESTAMP".into(),
            },
        );
        t.index(&["address_id"]).name("idx_fk_store_address");
        t.index(&["manager_staff_id"])
            .name("idx_store_fk_manager_staff_id");
    });
    s.add_foreign_key("address", &["city_id"], "city", &["city_id"])
        .name("fk_address_city")
        .on_update(Cascade);
    s.add_foreign_key("city", &["country_id"], "country", &["country_id"])
        .name("fk_city_country")
        .on_update(Cascade);
    s.add_foreign_key("customer", &["store_id"], "store", &["store_id"])
        .name("fk_customer_store")
        .on_update(Cascade);
    s.add_foreign_key("customer", &["address_id"], "address", &["address_id"])
        .name("fk_customer_address")
        .on_update(Cascade);
    s.add_foreign_key("film", &["language_id"], "language", &["language_id"])
        .name("fk_film_language");
    s.add_foreign_key(
        "film",
        &["original_language_id"],
        "language",
        &["language_id"],
    )
    .name("fk_film_language_original");
    s.add_foreign_key("film_actor", &["actor_id"], "actor", &["actor_id"])
        .name("fk_film_actor_actor")
        .on_update(Cascade);
    s.add_foreign_key("film_actor", &["film_id"], "film", &["film_id"])
        .name("fk_film_actor_film")
        .on_update(Cascade);
    s.add_foreign_key("film_category", &["film_id"], "film", &["film_id"])
        .name("fk_film_category_film")
        .on_update(Cascade);
    s.add_foreign_key(
        "film_category",
        &["category_id"],
        "category",
        &["category_id"],
    )
    .name("fk_film_category_category")
    .on_update(Cascade);
    s.add_foreign_key("inventory", &["store_id"], "store", &["store_id"])
        .name("fk_inventory_store")
        .on_update(Cascade);
    s.add_foreign_key("inventory", &["film_id"], "film", &["film_id"])
        .name("fk_inventory_film")
        .on_update(Cascade);
    s.add_foreign_key("payment", &["rental_id"], "rental", &["rental_id"])
        .name("fk_payment_rental")
        .on_delete(SetNull)
        .on_update(Cascade);
    s.add_foreign_key("payment", &["customer_id"], "customer", &["customer_id"])
        .name("fk_payment_customer");
    s.add_foreign_key("payment", &["staff_id"], "staff", &["staff_id"])
        .name("fk_payment_staff");
    s.add_foreign_key("rental", &["staff_id"], "staff", &["staff_id"])
        .name("fk_rental_staff");
    s.add_foreign_key("rental", &["inventory_id"], "inventory", &["inventory_id"])
        .name("fk_rental_inventory");
    s.add_foreign_key("rental", &["customer_id"], "customer", &["customer_id"])
        .name("fk_rental_customer");
    s.add_foreign_key("staff", &["store_id"], "store", &["store_id"])
        .name("fk_staff_store")
        .on_update(Cascade);
    s.add_foreign_key("staff", &["address_id"], "address", &["address_id"])
        .name("fk_staff_address")
        .on_update(Cascade);
    s.add_foreign_key("store", &["manager_staff_id"], "staff", &["staff_id"])
        .name("fk_store_staff");
    s.add_foreign_key("store", &["address_id"], "address", &["address_id"])
        .name("fk_store_address");
    s.sql_on(Dialect::Sqlite, r#"CREATE VIEW customer_list
AS
SELECT cu.customer_id AS ID,
       cu.first_name||' '||cu.last_name AS name,
       a.address AS address,
       a.postal_code AS zip_code,
       a.phone AS phone,
       city.city AS city,
       country.country AS country,
       case when cu.active=1 then 'active' else '' end AS notes,
       cu.store_id AS SID
FROM customer AS cu JOIN address AS a ON cu.address_id = a.address_id JOIN city ON a.city_id = city.city_id
    JOIN country ON city.country_id = country.country_id"#)
        .down_on(Dialect::Sqlite, r#"DROP VIEW "customer_list""#);
    s.sql_on(Dialect::Sqlite, r#"CREATE VIEW film_list
AS
SELECT film.film_id AS FID,
       film.title AS title,
       film.description AS description,
       category.name AS category,
       film.rental_rate AS price,
       film.length AS length,
       film.rating AS rating,
       actor.first_name||' '||actor.last_name AS actors
FROM category LEFT JOIN film_category ON category.category_id = film_category.category_id LEFT JOIN film ON film_category.film_id = film.film_id
        JOIN film_actor ON film.film_id = film_actor.film_id
    JOIN actor ON film_actor.actor_id = actor.actor_id"#)
        .down_on(Dialect::Sqlite, r#"DROP VIEW "film_list""#);
    s.sql_on(Dialect::Sqlite, r#"CREATE VIEW staff_list
AS
SELECT s.staff_id AS ID,
       s.first_name||' '||s.last_name AS name,
       a.address AS address,
       a.postal_code AS zip_code,
       a.phone AS phone,
       city.city AS city,
       country.country AS country,
       s.store_id AS SID
FROM staff AS s JOIN address AS a ON s.address_id = a.address_id JOIN city ON a.city_id = city.city_id
    JOIN country ON city.country_id = country.country_id"#)
        .down_on(Dialect::Sqlite, r#"DROP VIEW "staff_list""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE VIEW sales_by_store
AS
SELECT
  s.store_id
 ,c.city||','||cy.country AS store
 ,m.first_name||' '||m.last_name AS manager
 ,SUM(p.amount) AS total_sales
FROM payment AS p
INNER JOIN rental AS r ON p.rental_id = r.rental_id
INNER JOIN inventory AS i ON r.inventory_id = i.inventory_id
INNER JOIN store AS s ON i.store_id = s.store_id
INNER JOIN address AS a ON s.address_id = a.address_id
INNER JOIN city AS c ON a.city_id = c.city_id
INNER JOIN country AS cy ON c.country_id = cy.country_id
INNER JOIN staff AS m ON s.manager_staff_id = m.staff_id
GROUP BY  
  s.store_id
, c.city||','||cy.country
, m.first_name||' '||m.last_name"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP VIEW "sales_by_store""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE VIEW sales_by_film_category
AS
SELECT
c.name AS category
, SUM(p.amount) AS total_sales
FROM payment AS p
INNER JOIN rental AS r ON p.rental_id = r.rental_id
INNER JOIN inventory AS i ON r.inventory_id = i.inventory_id
INNER JOIN film AS f ON i.film_id = f.film_id
INNER JOIN film_category AS fc ON f.film_id = fc.film_id
INNER JOIN category AS c ON fc.category_id = c.category_id
GROUP BY c.name"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP VIEW "sales_by_film_category""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER actor_trigger_ai AFTER INSERT ON actor
 BEGIN
  UPDATE actor SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "actor_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER actor_trigger_au AFTER UPDATE ON actor
 BEGIN
  UPDATE actor SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "actor_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER country_trigger_ai AFTER INSERT ON country
 BEGIN
  UPDATE country SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "country_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER country_trigger_au AFTER UPDATE ON country
 BEGIN
  UPDATE country SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "country_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER city_trigger_ai AFTER INSERT ON city
 BEGIN
  UPDATE city SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "city_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER city_trigger_au AFTER UPDATE ON city
 BEGIN
  UPDATE city SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "city_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER address_trigger_ai AFTER INSERT ON address
 BEGIN
  UPDATE address SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "address_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER address_trigger_au AFTER UPDATE ON address
 BEGIN
  UPDATE address SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "address_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER language_trigger_ai AFTER INSERT ON language
 BEGIN
  UPDATE language SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "language_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER language_trigger_au AFTER UPDATE ON language
 BEGIN
  UPDATE language SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "language_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER category_trigger_ai AFTER INSERT ON category
 BEGIN
  UPDATE category SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "category_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER category_trigger_au AFTER UPDATE ON category
 BEGIN
  UPDATE category SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "category_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER customer_trigger_ai AFTER INSERT ON customer
 BEGIN
  UPDATE customer SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "customer_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER customer_trigger_au AFTER UPDATE ON customer
 BEGIN
  UPDATE customer SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "customer_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER film_trigger_ai AFTER INSERT ON film
 BEGIN
  UPDATE film SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "film_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER film_trigger_au AFTER UPDATE ON film
 BEGIN
  UPDATE film SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "film_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER film_actor_trigger_ai AFTER INSERT ON film_actor
 BEGIN
  UPDATE film_actor SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "film_actor_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER film_actor_trigger_au AFTER UPDATE ON film_actor
 BEGIN
  UPDATE film_actor SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "film_actor_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER film_category_trigger_ai AFTER INSERT ON film_category
 BEGIN
  UPDATE film_category SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(
        Dialect::Sqlite,
        r#"DROP TRIGGER "film_category_trigger_ai""#,
    );
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER film_category_trigger_au AFTER UPDATE ON film_category
 BEGIN
  UPDATE film_category SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(
        Dialect::Sqlite,
        r#"DROP TRIGGER "film_category_trigger_au""#,
    );
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER inventory_trigger_ai AFTER INSERT ON inventory
 BEGIN
  UPDATE inventory SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "inventory_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER inventory_trigger_au AFTER UPDATE ON inventory
 BEGIN
  UPDATE inventory SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "inventory_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER staff_trigger_ai AFTER INSERT ON staff
 BEGIN
  UPDATE staff SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "staff_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER staff_trigger_au AFTER UPDATE ON staff
 BEGIN
  UPDATE staff SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "staff_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER store_trigger_ai AFTER INSERT ON store
 BEGIN
  UPDATE store SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "store_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER store_trigger_au AFTER UPDATE ON store
 BEGIN
  UPDATE store SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "store_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER payment_trigger_ai AFTER INSERT ON payment
 BEGIN
  UPDATE payment SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "payment_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER payment_trigger_au AFTER UPDATE ON payment
 BEGIN
  UPDATE payment SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "payment_trigger_au""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER rental_trigger_ai AFTER INSERT ON rental
 BEGIN
  UPDATE rental SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "rental_trigger_ai""#);
    s.sql_on(
        Dialect::Sqlite,
        r#"CREATE TRIGGER rental_trigger_au AFTER UPDATE ON rental
 BEGIN
  UPDATE rental SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;
 END"#,
    )
    .down_on(Dialect::Sqlite, r#"DROP TRIGGER "rental_trigger_au""#);
}
