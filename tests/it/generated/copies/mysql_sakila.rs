use migrate::prelude::*;

#[migration(version = 1012, name = "copy")]
fn copy(s: &mut Schema) {
    s.create_table("actor", |t| {
        t.column_of_type(
            "actor_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column::<String>("first_name").max_len(45);
        t.column::<String>("last_name").max_len(45);
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["last_name"]);
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("address", |t| {
        t.column_of_type(
            "address_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column::<String>("address").max_len(50);
        t.column::<Option<String>>("address2").max_len(50);
        t.column::<String>("district").max_len(20);
        t.column_of_type(
            "city_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column::<Option<String>>("postal_code").max_len(10);
        t.column::<String>("phone").max_len(20);
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["city_id"]).name("idx_fk_city_id");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("category", |t| {
        t.column_of_type(
            "category_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column::<String>("name").max_len(25);
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("city", |t| {
        t.column_of_type(
            "city_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column::<String>("city").max_len(50);
        t.column_of_type(
            "country_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["country_id"]).name("idx_fk_country_id");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("country", |t| {
        t.column_of_type(
            "country_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column::<String>("country").max_len(50);
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("customer", |t| {
        t.column_of_type(
            "customer_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "store_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column::<String>("first_name").max_len(45);
        t.column::<String>("last_name").max_len(45);
        t.column::<Option<String>>("email").max_len(50);
        t.column_of_type(
            "address_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column::<bool>("active").default(true);
        t.column_of_type(
            "create_date",
            ColumnType::Native {
                sql: "datetime".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .nullable()
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["address_id"]).name("idx_fk_address_id");
        t.index(&["store_id"]).name("idx_fk_store_id");
        t.index(&["last_name"]).name("idx_last_name");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("film", |t| {
        t.column_of_type(
            "film_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column::<String>("title").max_len(255);
        t.column::<Option<String>>("description");
        t.column_of_type(
            "release_year",
            ColumnType::Native {
                sql: "year(4)".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "language_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "original_language_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "rental_duration",
            ColumnType::Native {
                sql: "tinyint(3) unsigned".into(),
            },
        )
        .default_expr("3");
        t.column::<Decimal<4, 2>>("rental_rate")
            .default_expr("4.99");
        t.column_of_type(
            "length",
            ColumnType::Native {
                sql: "smallint(5) unsigned".into(),
            },
        )
        .nullable();
        t.column::<Decimal<5, 2>>("replacement_cost")
            .default_expr("19.99");
        t.enumeration("rating", &["G", "PG", "PG-13", "R", "NC-17"])
            .nullable()
            .default_expr("'G'");
        t.column_of_type(
            "special_features",
            ColumnType::Native {
                sql: "set('Trailers','Commentaries','Deleted Scenes','Behind the Scenes')".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["language_id"]).name("idx_fk_language_id");
        t.index(&["original_language_id"])
            .name("idx_fk_original_language_id");
        t.index(&["title"]).name("idx_title");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("film_actor", |t| {
        t.column_of_type(
            "actor_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "film_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.primary_key(&["actor_id", "film_id"]);
        t.index(&["film_id"]).name("idx_fk_film_id");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("film_category", |t| {
        t.column_of_type(
            "film_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "category_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.primary_key(&["film_id", "category_id"]);
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("film_text", |t| {
        t.column::<i32>("film_id").primary_key();
        t.column::<String>("title").max_len(255);
        t.column::<Option<String>>("description");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("inventory", |t| {
        t.column_of_type(
            "inventory_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "film_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "store_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["film_id"]).name("idx_fk_film_id");
        t.index(&["store_id", "film_id"])
            .name("idx_store_id_film_id");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("language", |t| {
        t.column_of_type(
            "language_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column::<String>("name").fixed_len(20);
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("payment", |t| {
        t.column_of_type(
            "payment_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "customer_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "staff_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column::<Option<i32>>("rental_id");
        t.column::<Decimal<5, 2>>("amount");
        t.column_of_type(
            "payment_date",
            ColumnType::Native {
                sql: "datetime".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .nullable()
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["customer_id"]).name("idx_fk_customer_id");
        t.index(&["staff_id"]).name("idx_fk_staff_id");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("rental", |t| {
        t.column::<i32>("rental_id").auto_increment().primary_key();
        t.column_of_type(
            "rental_date",
            ColumnType::Native {
                sql: "datetime".into(),
            },
        );
        t.column_of_type(
            "inventory_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "customer_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "return_date",
            ColumnType::Native {
                sql: "datetime".into(),
            },
        )
        .nullable();
        t.column_of_type(
            "staff_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["customer_id"]).name("idx_fk_customer_id");
        t.index(&["inventory_id"]).name("idx_fk_inventory_id");
        t.index(&["staff_id"]).name("idx_fk_staff_id");
        t.index(&["rental_date", "inventory_id", "customer_id"])
            .name("rental_date")
            .unique();
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("staff", |t| {
        t.column_of_type(
            "staff_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column::<String>("first_name").max_len(45);
        t.column::<String>("last_name").max_len(45);
        t.column_of_type(
            "address_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "picture",
            ColumnType::Native {
                sql: "mediumblob".into(),
            },
        )
        .nullable();
        t.column::<Option<String>>("email").max_len(50);
        t.column_of_type(
            "store_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column::<bool>("active").default(true);
        t.column::<String>("username").max_len(16);
        t.column::<Option<String>>("password")
            .max_len(40)
            .collate("utf8mb3_bin");
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["address_id"]).name("idx_fk_address_id");
        t.index(&["store_id"]).name("idx_fk_store_id");
        t.default_collation("utf8mb3_general_ci");
    });
    s.create_table("store", |t| {
        t.column_of_type(
            "store_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        )
        .auto_increment()
        .primary_key();
        t.column_of_type(
            "manager_staff_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "address_id",
            ColumnType::Native {
                sql: "int(10) unsigned".into(),
            },
        );
        t.column_of_type(
            "last_update",
            ColumnType::Native {
                sql: "timestamp".into(),
            },
        )
        .on_update_now()
        .default_expr("CURRENT_TIMESTAMP(6)");
        t.index(&["address_id"]).name("idx_fk_address_id");
        t.index(&["manager_staff_id"])
            .name("idx_unique_manager")
            .unique();
        t.default_collation("utf8mb3_general_ci");
    });
    s.add_foreign_key("address", &["city_id"], "city", &["city_id"])
        .name("fk_address_city")
        .on_update(Cascade);
    s.add_foreign_key("city", &["country_id"], "country", &["country_id"])
        .name("fk_city_country")
        .on_update(Cascade);
    s.add_foreign_key("customer", &["address_id"], "address", &["address_id"])
        .name("fk_customer_address")
        .on_update(Cascade);
    s.add_foreign_key("customer", &["store_id"], "store", &["store_id"])
        .name("fk_customer_store")
        .on_update(Cascade);
    s.add_foreign_key("film", &["language_id"], "language", &["language_id"])
        .name("fk_film_language")
        .on_update(Cascade);
    s.add_foreign_key(
        "film",
        &["original_language_id"],
        "language",
        &["language_id"],
    )
    .name("fk_film_language_original")
    .on_update(Cascade);
    s.add_foreign_key("film_actor", &["actor_id"], "actor", &["actor_id"])
        .name("fk_film_actor_actor")
        .on_update(Cascade);
    s.add_foreign_key("film_actor", &["film_id"], "film", &["film_id"])
        .name("fk_film_actor_film")
        .on_update(Cascade);
    s.add_foreign_key(
        "film_category",
        &["category_id"],
        "category",
        &["category_id"],
    )
    .name("fk_film_category_category")
    .on_update(Cascade);
    s.add_foreign_key("film_category", &["film_id"], "film", &["film_id"])
        .name("fk_film_category_film")
        .on_update(Cascade);
    s.add_foreign_key("inventory", &["film_id"], "film", &["film_id"])
        .name("fk_inventory_film")
        .on_update(Cascade);
    s.add_foreign_key("inventory", &["store_id"], "store", &["store_id"])
        .name("fk_inventory_store")
        .on_update(Cascade);
    s.add_foreign_key("payment", &["customer_id"], "customer", &["customer_id"])
        .name("fk_payment_customer")
        .on_update(Cascade);
    s.add_foreign_key("payment", &["rental_id"], "rental", &["rental_id"])
        .name("fk_payment_rental")
        .on_delete(SetNull)
        .on_update(Cascade);
    s.add_foreign_key("payment", &["staff_id"], "staff", &["staff_id"])
        .name("fk_payment_staff")
        .on_update(Cascade);
    s.add_foreign_key("rental", &["customer_id"], "customer", &["customer_id"])
        .name("fk_rental_customer")
        .on_update(Cascade);
    s.add_foreign_key("rental", &["inventory_id"], "inventory", &["inventory_id"])
        .name("fk_rental_inventory")
        .on_update(Cascade);
    s.add_foreign_key("rental", &["staff_id"], "staff", &["staff_id"])
        .name("fk_rental_staff")
        .on_update(Cascade);
    s.add_foreign_key("staff", &["address_id"], "address", &["address_id"])
        .name("fk_staff_address")
        .on_update(Cascade);
    s.add_foreign_key("staff", &["store_id"], "store", &["store_id"])
        .name("fk_staff_store")
        .on_update(Cascade);
    s.add_foreign_key("store", &["address_id"], "address", &["address_id"])
        .name("fk_store_address")
        .on_update(Cascade);
    s.add_foreign_key("store", &["manager_staff_id"], "staff", &["staff_id"])
        .name("fk_store_staff")
        .on_update(Cascade);
    s.sql_on(Dialect::MySql, r#"CREATE PROCEDURE `film_in_stock`(IN p_film_id INT, IN p_store_id INT, OUT p_film_count INT)
    READS SQL DATA
BEGIN
     SELECT inventory_id
     FROM inventory
     WHERE film_id = p_film_id
     AND store_id = p_store_id
     AND inventory_in_stock(inventory_id);

     SELECT FOUND_ROWS() INTO p_film_count;
END"#)
        .down_on(Dialect::MySql, "DROP PROCEDURE IF EXISTS `film_in_stock`");
    s.sql_on(Dialect::MySql, r#"CREATE PROCEDURE `film_not_in_stock`(IN p_film_id INT, IN p_store_id INT, OUT p_film_count INT)
    READS SQL DATA
BEGIN
     SELECT inventory_id
     FROM inventory
     WHERE film_id = p_film_id
     AND store_id = p_store_id
     AND NOT inventory_in_stock(inventory_id);

     SELECT FOUND_ROWS() INTO p_film_count;
END"#)
        .down_on(Dialect::MySql, "DROP PROCEDURE IF EXISTS `film_not_in_stock`");
    s.sql_on(Dialect::MySql, r#"CREATE FUNCTION `get_customer_balance`(p_customer_id INT, p_effective_date DATETIME) RETURNS decimal(5,2)
    READS SQL DATA
    DETERMINISTIC
BEGIN

       
       
       
       
       
       

  DECLARE v_rentfees DECIMAL(5,2); 
  DECLARE v_overfees INTEGER;      
  DECLARE v_payments DECIMAL(5,2); 

  SELECT IFNULL(SUM(film.rental_rate),0) INTO v_rentfees
    FROM film, inventory, rental
    WHERE film.film_id = inventory.film_id
      AND inventory.inventory_id = rental.inventory_id
      AND rental.rental_date <= p_effective_date
      AND rental.customer_id = p_customer_id;

  SELECT IFNULL(SUM(IF((TO_DAYS(rental.return_date) - TO_DAYS(rental.rental_date)) > film.rental_duration,
        ((TO_DAYS(rental.return_date) - TO_DAYS(rental.rental_date)) - film.rental_duration),0)),0) INTO v_overfees
    FROM rental, inventory, film
    WHERE film.film_id = inventory.film_id
      AND inventory.inventory_id = rental.inventory_id
      AND rental.rental_date <= p_effective_date
      AND rental.customer_id = p_customer_id;


  SELECT IFNULL(SUM(payment.amount),0) INTO v_payments
    FROM payment

    WHERE payment.payment_date <= p_effective_date
    AND payment.customer_id = p_customer_id;

  RETURN v_rentfees + v_overfees - v_payments;
END"#)
        .down_on(Dialect::MySql, "DROP FUNCTION IF EXISTS `get_customer_balance`");
    s.sql_on(
        Dialect::MySql,
        r#"CREATE FUNCTION `inventory_held_by_customer`(p_inventory_id INT) RETURNS int(11)
    READS SQL DATA
BEGIN
  DECLARE v_customer_id INT;
  DECLARE EXIT HANDLER FOR NOT FOUND RETURN NULL;

  SELECT customer_id INTO v_customer_id
  FROM rental
  WHERE return_date IS NULL
  AND inventory_id = p_inventory_id;

  RETURN v_customer_id;
END"#,
    )
    .down_on(
        Dialect::MySql,
        "DROP FUNCTION IF EXISTS `inventory_held_by_customer`",
    );
    s.sql_on(
        Dialect::MySql,
        r#"CREATE FUNCTION `inventory_in_stock`(p_inventory_id INT) RETURNS tinyint(1)
    READS SQL DATA
BEGIN
    DECLARE v_rentals INT;
    DECLARE v_out     INT;

    
    

    SELECT COUNT(*) INTO v_rentals
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
END"#,
    )
    .down_on(
        Dialect::MySql,
        "DROP FUNCTION IF EXISTS `inventory_in_stock`",
    );
    s.sql_on(Dialect::MySql, r#"CREATE PROCEDURE `rewards_report`(
    IN min_monthly_purchases TINYINT UNSIGNED
    , IN min_dollar_amount_purchased DECIMAL(10,2) UNSIGNED
    , OUT count_rewardees INT
)
    READS SQL DATA
    COMMENT 'Provides a customizable report on best customers'
proc: BEGIN

    DECLARE last_month_start DATE;
    DECLARE last_month_end DATE;

    
    IF min_monthly_purchases = 0 THEN
        SELECT 'Minimum monthly purchases parameter must be > 0';
        LEAVE proc;
    END IF;
    IF min_dollar_amount_purchased = 0.00 THEN
        SELECT 'Minimum monthly dollar amount purchased parameter must be > $0.00';
        LEAVE proc;
    END IF;

    
    SET last_month_start = DATE_SUB(CURRENT_DATE(), INTERVAL 1 MONTH);
    SET last_month_start = STR_TO_DATE(CONCAT(YEAR(last_month_start),'-',MONTH(last_month_start),'-01'),'%Y-%m-%d');
    SET last_month_end = LAST_DAY(last_month_start);

    
    CREATE TEMPORARY TABLE tmpCustomer (customer_id INT UNSIGNED NOT NULL PRIMARY KEY);

    
    INSERT INTO tmpCustomer (customer_id)
    SELECT p.customer_id
    FROM payment AS p
    WHERE DATE(p.payment_date) BETWEEN last_month_start AND last_month_end
    GROUP BY customer_id
    HAVING SUM(p.amount) > min_dollar_amount_purchased
    AND COUNT(customer_id) > min_monthly_purchases;

    
    SELECT COUNT(*) FROM tmpCustomer INTO count_rewardees;

    
    SELECT c.*
    FROM tmpCustomer AS t
    INNER JOIN customer AS c ON t.customer_id = c.customer_id;

    
    DROP TABLE tmpCustomer;
END"#)
        .down_on(Dialect::MySql, "DROP PROCEDURE IF EXISTS `rewards_report`");
    s.sql_on(
        Dialect::MySql,
        "CREATE FULLTEXT INDEX `idx_title_description` ON `film_text` (`title`, `description`)",
    )
    .down_on(
        Dialect::MySql,
        "DROP INDEX `idx_title_description` ON `film_text`",
    );
    s.sql_on(Dialect::MySql, r#"SET @saved_cs_client = @@character_set_client, @saved_col_connection = @@collation_connection, character_set_client = utf8mb3, collation_connection = utf8mb3_general_ci;
CREATE VIEW `actor_info` AS select `a`.`actor_id` AS `actor_id`,`a`.`first_name` AS `first_name`,`a`.`last_name` AS `last_name`,group_concat(distinct concat(`c`.`name`,': ',(select group_concat(`f`.`title` order by `f`.`title` ASC separator ', ') from ((`film` `f` join `film_category` `fc` on(`f`.`film_id` = `fc`.`film_id`)) join `film_actor` `fa` on(`f`.`film_id` = `fa`.`film_id`)) where `fc`.`category_id` = `c`.`category_id` and `fa`.`actor_id` = `a`.`actor_id`)) order by `c`.`name` ASC separator '; ') AS `film_info` from (((`actor` `a` left join `film_actor` `fa` on(`a`.`actor_id` = `fa`.`actor_id`)) left join `film_category` `fc` on(`fa`.`film_id` = `fc`.`film_id`)) left join `category` `c` on(`fc`.`category_id` = `c`.`category_id`)) group by `a`.`actor_id`,`a`.`first_name`,`a`.`last_name`;
SET character_set_client = @saved_cs_client, collation_connection = @saved_col_connection"#)
        .down_on(Dialect::MySql, "DROP VIEW `actor_info`");
    s.sql_on(Dialect::MySql, r#"SET @saved_cs_client = @@character_set_client, @saved_col_connection = @@collation_connection, character_set_client = utf8mb3, collation_connection = utf8mb3_general_ci;
CREATE VIEW `customer_list` AS select `cu`.`customer_id` AS `ID`,concat(`cu`.`first_name`,' ',`cu`.`last_name`) AS `name`,`a`.`address` AS `address`,`a`.`postal_code` AS `zip code`,`a`.`phone` AS `phone`,`city`.`city` AS `city`,`country`.`country` AS `country`,if(`cu`.`active`,'active','') AS `notes`,`cu`.`store_id` AS `SID` from (((`customer` `cu` join `address` `a` on(`cu`.`address_id` = `a`.`address_id`)) join `city` on(`a`.`city_id` = `city`.`city_id`)) join `country` on(`city`.`country_id` = `country`.`country_id`));
SET character_set_client = @saved_cs_client, collation_connection = @saved_col_connection"#)
        .down_on(Dialect::MySql, "DROP VIEW `customer_list`");
    s.sql_on(Dialect::MySql, r#"SET @saved_cs_client = @@character_set_client, @saved_col_connection = @@collation_connection, character_set_client = utf8mb3, collation_connection = utf8mb3_general_ci;
CREATE VIEW `film_list` AS select `film`.`film_id` AS `FID`,`film`.`title` AS `title`,`film`.`description` AS `description`,`category`.`name` AS `category`,`film`.`rental_rate` AS `price`,`film`.`length` AS `length`,`film`.`rating` AS `rating`,group_concat(concat(`actor`.`first_name`,' ',`actor`.`last_name`) separator ', ') AS `actors` from ((((`category` left join `film_category` on(`category`.`category_id` = `film_category`.`category_id`)) left join `film` on(`film_category`.`film_id` = `film`.`film_id`)) join `film_actor` on(`film`.`film_id` = `film_actor`.`film_id`)) join `actor` on(`film_actor`.`actor_id` = `actor`.`actor_id`)) group by `film`.`film_id`,`film`.`title`,`film`.`description`,`film`.`rental_rate`,`film`.`length`,`film`.`rating`,`category`.`name`;
SET character_set_client = @saved_cs_client, collation_connection = @saved_col_connection"#)
        .down_on(Dialect::MySql, "DROP VIEW `film_list`");
    s.sql_on(Dialect::MySql, r#"SET @saved_cs_client = @@character_set_client, @saved_col_connection = @@collation_connection, character_set_client = utf8mb3, collation_connection = utf8mb3_general_ci;
CREATE VIEW `nicer_but_slower_film_list` AS select `film`.`film_id` AS `FID`,`film`.`title` AS `title`,`film`.`description` AS `description`,`category`.`name` AS `category`,`film`.`rental_rate` AS `price`,`film`.`length` AS `length`,`film`.`rating` AS `rating`,group_concat(concat(concat(ucase(substr(`actor`.`first_name`,1,1)),lcase(substr(`actor`.`first_name`,2,octet_length(`actor`.`first_name`))),' ',concat(ucase(substr(`actor`.`last_name`,1,1)),lcase(substr(`actor`.`last_name`,2,octet_length(`actor`.`last_name`)))))) separator ', ') AS `actors` from ((((`category` left join `film_category` on(`category`.`category_id` = `film_category`.`category_id`)) left join `film` on(`film_category`.`film_id` = `film`.`film_id`)) join `film_actor` on(`film`.`film_id` = `film_actor`.`film_id`)) join `actor` on(`film_actor`.`actor_id` = `actor`.`actor_id`)) group by `film`.`film_id`,`film`.`title`,`film`.`description`,`film`.`rental_rate`,`film`.`length`,`film`.`rating`,`category`.`name`;
SET character_set_client = @saved_cs_client, collation_connection = @saved_col_connection"#)
        .down_on(Dialect::MySql, "DROP VIEW `nicer_but_slower_film_list`");
    s.sql_on(Dialect::MySql, r#"SET @saved_cs_client = @@character_set_client, @saved_col_connection = @@collation_connection, character_set_client = utf8mb3, collation_connection = utf8mb3_general_ci;
CREATE VIEW `sales_by_film_category` AS select `c`.`name` AS `category`,sum(`p`.`amount`) AS `total_sales` from (((((`payment` `p` join `rental` `r` on(`p`.`rental_id` = `r`.`rental_id`)) join `inventory` `i` on(`r`.`inventory_id` = `i`.`inventory_id`)) join `film` `f` on(`i`.`film_id` = `f`.`film_id`)) join `film_category` `fc` on(`f`.`film_id` = `fc`.`film_id`)) join `category` `c` on(`fc`.`category_id` = `c`.`category_id`)) group by `c`.`name` order by sum(`p`.`amount`) desc;
SET character_set_client = @saved_cs_client, collation_connection = @saved_col_connection"#)
        .down_on(Dialect::MySql, "DROP VIEW `sales_by_film_category`");
    s.sql_on(Dialect::MySql, r#"SET @saved_cs_client = @@character_set_client, @saved_col_connection = @@collation_connection, character_set_client = utf8mb3, collation_connection = utf8mb3_general_ci;
CREATE VIEW `sales_by_store` AS select concat(`c`.`city`,',',`cy`.`country`) AS `store`,concat(`m`.`first_name`,' ',`m`.`last_name`) AS `manager`,sum(`p`.`amount`) AS `total_sales` from (((((((`payment` `p` join `rental` `r` on(`p`.`rental_id` = `r`.`rental_id`)) join `inventory` `i` on(`r`.`inventory_id` = `i`.`inventory_id`)) join `store` `s` on(`i`.`store_id` = `s`.`store_id`)) join `address` `a` on(`s`.`address_id` = `a`.`address_id`)) join `city` `c` on(`a`.`city_id` = `c`.`city_id`)) join `country` `cy` on(`c`.`country_id` = `cy`.`country_id`)) join `staff` `m` on(`s`.`manager_staff_id` = `m`.`staff_id`)) group by `s`.`store_id` order by `cy`.`country`,`c`.`city`;
SET character_set_client = @saved_cs_client, collation_connection = @saved_col_connection"#)
        .down_on(Dialect::MySql, "DROP VIEW `sales_by_store`");
    s.sql_on(Dialect::MySql, r#"SET @saved_cs_client = @@character_set_client, @saved_col_connection = @@collation_connection, character_set_client = utf8mb3, collation_connection = utf8mb3_general_ci;
CREATE VIEW `staff_list` AS select `s`.`staff_id` AS `ID`,concat(`s`.`first_name`,' ',`s`.`last_name`) AS `name`,`a`.`address` AS `address`,`a`.`postal_code` AS `zip code`,`a`.`phone` AS `phone`,`city`.`city` AS `city`,`country`.`country` AS `country`,`s`.`store_id` AS `SID` from (((`staff` `s` join `address` `a` on(`s`.`address_id` = `a`.`address_id`)) join `city` on(`a`.`city_id` = `city`.`city_id`)) join `country` on(`city`.`country_id` = `country`.`country_id`));
SET character_set_client = @saved_cs_client, collation_connection = @saved_col_connection"#)
        .down_on(Dialect::MySql, "DROP VIEW `staff_list`");
    s.sql_on(
        Dialect::MySql,
        r#"CREATE TRIGGER `del_film` AFTER DELETE ON `film` FOR EACH ROW BEGIN
    DELETE FROM film_text WHERE film_id = old.film_id;
  END"#,
    )
    .down_on(Dialect::MySql, "DROP TRIGGER `del_film`");
    s.sql_on(
        Dialect::MySql,
        r#"CREATE TRIGGER `ins_film` AFTER INSERT ON `film` FOR EACH ROW BEGIN
    INSERT INTO film_text (film_id, title, description)
        VALUES (new.film_id, new.title, new.description);
  END"#,
    )
    .down_on(Dialect::MySql, "DROP TRIGGER `ins_film`");
    s.sql_on(
        Dialect::MySql,
        r#"CREATE TRIGGER `upd_film` AFTER UPDATE ON `film` FOR EACH ROW BEGIN
    IF (old.title != new.title) or (old.description != new.description)
    THEN
        UPDATE film_text
            SET title=new.title,
                description=new.description,
                film_id=new.film_id
        WHERE film_id=old.film_id;
    END IF;
  END"#,
    )
    .down_on(Dialect::MySql, "DROP TRIGGER `upd_film`");
}
