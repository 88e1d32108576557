//! Golden tests: the SQL every kind of operation renders for each dialect, written out in
//! full. Each string was read and checked to be valid SQL for its dialect; a change in the
//! renderer shows up here as a diff to read, not as a silent change in what runs.

use crate::fixtures::{applied, blog, model};
use migrate_schema::sea_query::{Expr, ExprTrait, Query, Value};
use migrate_schema::{
    ColumnType, Date, Decimal, Dialect, ForeignKeyAction, Json, Op, RenderError, Schema, SchemaModel, Step, Time,
    Timestamp, TimestampTz, Uuid, render, render_all,
};

/// What a list of operations renders as, per dialect, as [`Step::preview`] shows it.
#[derive(Debug, PartialEq)]
struct Sql {
    postgres: Vec<String>,
    mysql: Vec<String>,
    sqlite: Vec<String>,
}

fn sql(postgres: &[&str], mysql: &[&str], sqlite: &[&str]) -> Sql {
    let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
    Sql { postgres: owned(postgres), mysql: owned(mysql), sqlite: owned(sqlite) }
}

fn preview(dialect: Dialect, before: &SchemaModel, ops: &[Op]) -> Vec<String> {
    render_all(dialect, before, ops).unwrap().steps.iter().flat_map(Step::preview).collect()
}

fn rendered(before: &SchemaModel, ops: &[Op]) -> Sql {
    Sql {
        postgres: preview(Dialect::Postgres, before, ops),
        mysql: preview(Dialect::MySql, before, ops),
        sqlite: preview(Dialect::Sqlite, before, ops),
    }
}

/// The operations `build` records.
fn ops(build: impl FnOnce(&mut Schema)) -> Vec<Op> {
    let mut s = Schema::new();
    build(&mut s);
    s.into_ops()
}

// ---------------------------------------------------------------------------------------
// CREATE TABLE
// ---------------------------------------------------------------------------------------

#[test]
fn create_table_maps_every_portable_type_to_each_dialect() {
    let ops = ops(|s| {
        s.create_table("everything", |t| {
            t.column::<i16>("small");
            t.column::<i32>("int");
            t.column::<i64>("big");
            t.column::<f32>("real");
            t.column::<f64>("double");
            t.column::<Decimal<10, 2>>("price");
            t.column::<bool>("flag");
            t.column::<String>("code").fixed_len(3);
            t.column::<String>("title").max_len(200);
            t.column::<String>("body");
            t.column::<Vec<u8>>("data");
            t.column::<Date>("day");
            t.column::<Time>("at");
            t.column::<Timestamp>("local");
            t.column::<TimestampTz>("instant");
            t.column::<Uuid>("uid");
            t.column::<Json>("doc");
            t.enumeration("mood", &["happy", "it's fine"]);
            t.column_of_type("addr", ColumnType::Native { sql: "inet".into() }).nullable();
            t.column::<Option<String>>("note");
        });
    });
    assert_eq!(
        rendered(&SchemaModel::new(), &ops),
        sql(
            &[
                r#"CREATE TYPE "everything_mood" AS ENUM ('happy', E'it\'s fine')"#,
                r#"CREATE TABLE "everything" ( "small" smallint NOT NULL, "int" integer NOT NULL, "big" bigint NOT NULL, "real" real NOT NULL, "double" double precision NOT NULL, "price" numeric(10, 2) NOT NULL, "flag" boolean NOT NULL, "code" char(3) NOT NULL, "title" varchar(200) NOT NULL, "body" text NOT NULL, "data" bytea NOT NULL, "day" date NOT NULL, "at" time NOT NULL, "local" timestamp NOT NULL, "instant" timestamptz NOT NULL, "uid" uuid NOT NULL, "doc" jsonb NOT NULL, "mood" "everything_mood" NOT NULL, "addr" inet NULL, "note" text NULL )"#,
            ],
            &[
                r#"CREATE TABLE `everything` ( `small` smallint NOT NULL, `int` int NOT NULL, `big` bigint NOT NULL, `real` float NOT NULL, `double` double NOT NULL, `price` decimal(10, 2) NOT NULL, `flag` boolean NOT NULL, `code` char(3) NOT NULL, `title` varchar(200) NOT NULL, `body` text NOT NULL, `data` blob NOT NULL, `day` date NOT NULL, `at` time(6) NOT NULL, `local` datetime(6) NOT NULL, `instant` timestamp(6) NOT NULL, `uid` char(36) NOT NULL, `doc` json NOT NULL, `mood` enum('happy', 'it\'s fine') NOT NULL, `addr` inet NULL, `note` text NULL ) ENGINE=InnoDB"#,
            ],
            &[
                r#"CREATE TABLE "everything" ( "small" smallint NOT NULL, "int" integer NOT NULL, "big" bigint NOT NULL, "real" real NOT NULL, "double" double NOT NULL, "price" numeric(10, 2) NOT NULL, "flag" boolean NOT NULL, "code" char(3) NOT NULL, "title" varchar(200) NOT NULL, "body" text NOT NULL, "data" blob NOT NULL, "day" date NOT NULL, "at" time NOT NULL, "local" timestamp NOT NULL, "instant" timestamptz NOT NULL, "uid" uuid_text NOT NULL, "doc" json_text NOT NULL, "mood" text NOT NULL CHECK ("mood" IN ('happy', 'it''s fine')), "addr" inet NULL, "note" text NULL )"#,
            ],
        )
    );
}

#[test]
fn create_table_writes_literal_current_time_and_expression_defaults() {
    let ops = ops(|s| {
        s.create_table("defaults", |t| {
            t.column::<i32>("n").default(42);
            t.column::<f64>("x").default(1.5);
            t.column::<bool>("b").default(false);
            t.column::<String>("s").max_len(20).default("it's");
            t.column::<Option<i32>>("o").default(None::<i32>);
            t.column::<TimestampTz>("created_at").default_now();
            t.column::<Date>("d").default_now();
            t.column::<Time>("tm").default_now();
            t.column::<String>("lower").default_expr("lower('X')");
        });
    });
    assert_eq!(
        rendered(&SchemaModel::new(), &ops),
        sql(
            &[
                r#"CREATE TABLE "defaults" ( "n" integer NOT NULL DEFAULT 42, "x" double precision NOT NULL DEFAULT 1.5, "b" boolean NOT NULL DEFAULT FALSE, "s" varchar(20) NOT NULL DEFAULT E'it\'s', "o" integer NULL DEFAULT NULL, "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP, "d" date NOT NULL DEFAULT CURRENT_DATE, "tm" time NOT NULL DEFAULT CURRENT_TIME, "lower" text NOT NULL DEFAULT (lower('X')) )"#,
            ],
            &[
                r#"CREATE TABLE `defaults` ( `n` int NOT NULL DEFAULT 42, `x` double NOT NULL DEFAULT 1.5, `b` boolean NOT NULL DEFAULT FALSE, `s` varchar(20) NOT NULL DEFAULT 'it\'s', `o` int NULL DEFAULT NULL, `created_at` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `d` date NOT NULL DEFAULT (CURRENT_DATE), `tm` time(6) NOT NULL DEFAULT (CURRENT_TIME), `lower` text NOT NULL DEFAULT (lower('X')) ) ENGINE=InnoDB"#,
            ],
            &[
                r#"CREATE TABLE "defaults" ( "n" integer NOT NULL DEFAULT 42, "x" double NOT NULL DEFAULT 1.5, "b" boolean NOT NULL DEFAULT FALSE, "s" varchar(20) NOT NULL DEFAULT 'it''s', "o" integer NULL DEFAULT NULL, "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP, "d" date NOT NULL DEFAULT CURRENT_DATE, "tm" time NOT NULL DEFAULT CURRENT_TIME, "lower" text NOT NULL DEFAULT (lower('X')) )"#,
            ],
        )
    );
}

#[test]
fn create_table_declares_an_identity_primary_key_the_way_each_dialect_spells_it() {
    let ops = ops(|s| {
        s.create_table("users", |t| {
            t.id("id");
            t.column::<String>("email");
        });
    });
    assert_eq!(
        rendered(&SchemaModel::new(), &ops),
        sql(
            &[
                r#"CREATE TABLE "users" ( "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "email" text NOT NULL, PRIMARY KEY ("id") )"#,
            ],
            &[
                "CREATE TABLE `users` ( `id` bigint NOT NULL AUTO_INCREMENT, `email` text NOT NULL, PRIMARY KEY (`id`) ) ENGINE=InnoDB",
            ],
            &[r#"CREATE TABLE "users" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" text NOT NULL )"#],
        )
    );
}

#[test]
fn create_table_declares_a_composite_primary_key_as_a_table_constraint() {
    let ops = ops(|s| {
        s.create_table("memberships", |t| {
            t.column::<i64>("user_id");
            t.column::<i32>("team_id");
            t.primary_key(&["user_id", "team_id"]);
        });
    });
    assert_eq!(
        rendered(&SchemaModel::new(), &ops),
        sql(
            &[
                r#"CREATE TABLE "memberships" ( "user_id" bigint NOT NULL, "team_id" integer NOT NULL, PRIMARY KEY ("user_id", "team_id") )"#,
            ],
            &[
                "CREATE TABLE `memberships` ( `user_id` bigint NOT NULL, `team_id` int NOT NULL, PRIMARY KEY (`user_id`, `team_id`) ) ENGINE=InnoDB",
            ],
            &[
                r#"CREATE TABLE "memberships" ( "user_id" bigint NOT NULL, "team_id" integer NOT NULL, PRIMARY KEY ("user_id", "team_id") )"#,
            ],
        )
    );
}

#[test]
fn create_table_declares_named_unique_and_check_constraints() {
    let ops = ops(|s| {
        s.create_table("products", |t| {
            t.column::<String>("sku").max_len(20).unique();
            t.column::<i32>("shelf");
            t.column::<i32>("slot");
            t.unique(&["shelf", "slot"]).name("products_place_key");
            t.check("shelf > 0");
            t.check("slot BETWEEN 1 AND 40").name("products_slot_check");
        });
    });
    assert_eq!(
        rendered(&SchemaModel::new(), &ops),
        sql(
            &[
                r#"CREATE TABLE "products" ( "sku" varchar(20) NOT NULL, "shelf" integer NOT NULL, "slot" integer NOT NULL, CONSTRAINT "products_sku_key" UNIQUE ("sku"), CONSTRAINT "products_place_key" UNIQUE ("shelf", "slot"), CONSTRAINT "products_check_a085bd42" CHECK (shelf > 0), CONSTRAINT "products_slot_check" CHECK (slot BETWEEN 1 AND 40) )"#,
            ],
            &[
                "CREATE TABLE `products` ( `sku` varchar(20) NOT NULL, `shelf` int NOT NULL, `slot` int NOT NULL, UNIQUE KEY `products_sku_key` (`sku`), UNIQUE KEY `products_place_key` (`shelf`, `slot`), CONSTRAINT `products_check_a085bd42` CHECK (shelf > 0), CONSTRAINT `products_slot_check` CHECK (slot BETWEEN 1 AND 40) ) ENGINE=InnoDB",
            ],
            &[
                r#"CREATE TABLE "products" ( "sku" varchar(20) NOT NULL, "shelf" integer NOT NULL, "slot" integer NOT NULL, CONSTRAINT "products_sku_key" UNIQUE ("sku"), CONSTRAINT "products_place_key" UNIQUE ("shelf", "slot"), CONSTRAINT "products_check_a085bd42" CHECK (shelf > 0), CONSTRAINT "products_slot_check" CHECK (slot BETWEEN 1 AND 40) )"#,
            ],
        )
    );
}

#[test]
fn create_table_declares_foreign_keys_with_their_actions() {
    let ops = ops(|s| {
        s.create_table("comments", |t| {
            t.id("id");
            t.column::<i64>("post_id")
                .references("posts", "id")
                .on_delete(ForeignKeyAction::Cascade)
                .on_update(ForeignKeyAction::Restrict);
            t.column::<Option<i64>>("author_id").references("users", "id").on_delete(ForeignKeyAction::SetNull);
            t.column::<Option<i64>>("parent_id")
                .references("comments", "id")
                .name("comments_parent_fkey")
                .on_delete(ForeignKeyAction::NoAction);
        });
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[
                r#"CREATE TABLE "comments" ( "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "post_id" bigint NOT NULL, "author_id" bigint NULL, "parent_id" bigint NULL, PRIMARY KEY ("id"), CONSTRAINT "comments_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE RESTRICT, CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "comments_parent_fkey" FOREIGN KEY ("parent_id") REFERENCES "comments" ("id") ON DELETE NO ACTION )"#,
            ],
            &[
                "CREATE TABLE `comments` ( `id` bigint NOT NULL AUTO_INCREMENT, `post_id` bigint NOT NULL, `author_id` bigint NULL, `parent_id` bigint NULL, PRIMARY KEY (`id`), CONSTRAINT `comments_post_id_fkey` FOREIGN KEY (`post_id`) REFERENCES `posts` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT, CONSTRAINT `comments_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`) ON DELETE SET NULL, CONSTRAINT `comments_parent_fkey` FOREIGN KEY (`parent_id`) REFERENCES `comments` (`id`) ON DELETE NO ACTION ) ENGINE=InnoDB",
            ],
            &[
                r#"CREATE TABLE "comments" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "post_id" bigint NOT NULL, "author_id" bigint NULL, "parent_id" bigint NULL, FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE ON UPDATE RESTRICT, FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE SET NULL, FOREIGN KEY ("parent_id") REFERENCES "comments" ("id") ON DELETE NO ACTION )"#,
            ],
        )
    );
}

#[test]
fn create_table_creates_its_indexes_after_the_table() {
    let ops = ops(|s| {
        s.create_table("events", |t| {
            t.column::<String>("kind").max_len(20);
            t.column::<TimestampTz>("at");
            t.column::<String>("ref").max_len(40).index().unique().name("events_ref_idx");
            t.index(&["kind", "at"]);
        });
    });
    assert_eq!(
        rendered(&SchemaModel::new(), &ops),
        sql(
            &[
                r#"CREATE TABLE "events" ( "kind" varchar(20) NOT NULL, "at" timestamptz NOT NULL, "ref" varchar(40) NOT NULL )"#,
                r#"CREATE UNIQUE INDEX "events_ref_idx" ON "events" ("ref")"#,
                r#"CREATE INDEX "idx_events_kind_at" ON "events" ("kind", "at")"#,
            ],
            &[
                "CREATE TABLE `events` ( `kind` varchar(20) NOT NULL, `at` timestamp(6) NOT NULL, `ref` varchar(40) NOT NULL ) ENGINE=InnoDB",
                "CREATE UNIQUE INDEX `events_ref_idx` ON `events` (`ref`)",
                "CREATE INDEX `idx_events_kind_at` ON `events` (`kind`, `at`)",
            ],
            &[
                r#"CREATE TABLE "events" ( "kind" varchar(20) NOT NULL, "at" timestamptz NOT NULL, "ref" varchar(40) NOT NULL )"#,
                r#"CREATE UNIQUE INDEX "events_ref_idx" ON "events" ("ref")"#,
                r#"CREATE INDEX "idx_events_kind_at" ON "events" ("kind", "at")"#,
            ],
        )
    );
}

#[test]
fn create_table_with_partial_index_creates_it_on_postgres_and_sqlite() {
    let ops = ops(|s| {
        s.create_table("jobs", |t| {
            t.column::<String>("state").max_len(10);
            t.index(&["state"]).predicate("state <> 'done'");
        });
    });
    let before = SchemaModel::new();
    assert_eq!(
        preview(Dialect::Postgres, &before, &ops),
        [
            r#"CREATE TABLE "jobs" ( "state" varchar(10) NOT NULL )"#,
            r#"CREATE INDEX "idx_jobs_state" ON "jobs" ("state") WHERE state <> 'done'"#,
        ]
    );
    assert_eq!(
        preview(Dialect::Sqlite, &before, &ops),
        [
            r#"CREATE TABLE "jobs" ( "state" varchar(10) NOT NULL )"#,
            r#"CREATE INDEX "idx_jobs_state" ON "jobs" ("state") WHERE state <> 'done'"#,
        ]
    );
}

#[test]
fn comments_are_statements_on_postgres_clauses_on_mysql_and_absent_on_sqlite() {
    let ops = ops(|s| {
        s.create_table("tags", |t| {
            t.column::<String>("label").max_len(50).comment("what it's called");
            t.comment("tags of posts");
        });
        s.add_column::<Option<String>>("tags", "note").comment("free text");
    });
    assert_eq!(
        rendered(&SchemaModel::new(), &ops),
        sql(
            &[
                r#"CREATE TABLE "tags" ( "label" varchar(50) NOT NULL )"#,
                r#"COMMENT ON TABLE "tags" IS 'tags of posts'"#,
                r#"COMMENT ON COLUMN "tags"."label" IS E'what it\'s called'"#,
                r#"ALTER TABLE "tags" ADD COLUMN "note" text NULL"#,
                r#"COMMENT ON COLUMN "tags"."note" IS 'free text'"#,
            ],
            &[
                r#"CREATE TABLE `tags` ( `label` varchar(50) NOT NULL COMMENT 'what it\'s called' ) COMMENT 'tags of posts' ENGINE=InnoDB"#,
                "ALTER TABLE `tags` ADD COLUMN `note` text NULL COMMENT 'free text'",
            ],
            &[
                r#"CREATE TABLE "tags" ( "label" varchar(50) NOT NULL )"#,
                r#"ALTER TABLE "tags" ADD COLUMN "note" text NULL"#,
            ],
        )
    );
}

// ---------------------------------------------------------------------------------------
// DROP / RENAME TABLE
// ---------------------------------------------------------------------------------------

#[test]
fn drop_table_renders_drop_table() {
    let ops = ops(|s| s.drop_table("posts"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(&[r#"DROP TABLE "posts""#], &["DROP TABLE `posts`"], &[r#"DROP TABLE "posts""#])
    );
}

#[test]
fn drop_table_drops_its_enum_types_on_postgres() {
    let before = model(&{
        let mut s = Schema::new();
        s.create_table("tickets", |t| {
            t.enumeration("state", &["open", "closed"]);
        });
        s
    });
    let ops = ops(|s| s.drop_table("tickets"));
    assert_eq!(
        rendered(&before, &ops),
        sql(
            &[r#"DROP TABLE "tickets""#, r#"DROP TYPE "tickets_state""#],
            &["DROP TABLE `tickets`"],
            &[r#"DROP TABLE "tickets""#],
        )
    );
}

#[test]
fn rename_table_renders_per_dialect() {
    let ops = ops(|s| s.rename_table("posts", "articles"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" RENAME TO "articles""#],
            &["RENAME TABLE `posts` TO `articles`"],
            &[r#"ALTER TABLE "posts" RENAME TO "articles""#],
        )
    );
}

// ---------------------------------------------------------------------------------------
// ADD / DROP / RENAME COLUMN
// ---------------------------------------------------------------------------------------

#[test]
fn add_nullable_column_alters_the_table_in_place_everywhere() {
    let ops = ops(|s| {
        s.add_column::<Option<String>>("users", "bio");
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "users" ADD COLUMN "bio" text NULL"#],
            &["ALTER TABLE `users` ADD COLUMN `bio` text NULL"],
            &[r#"ALTER TABLE "users" ADD COLUMN "bio" text NULL"#],
        )
    );
}

#[test]
fn add_not_null_column_with_literal_default_alters_the_table_in_place_everywhere() {
    let ops = ops(|s| {
        s.add_column::<bool>("users", "admin").default(false);
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "users" ADD COLUMN "admin" boolean NOT NULL DEFAULT FALSE"#],
            &["ALTER TABLE `users` ADD COLUMN `admin` boolean NOT NULL DEFAULT FALSE"],
            &[r#"ALTER TABLE "users" ADD COLUMN "admin" boolean NOT NULL DEFAULT FALSE"#],
        )
    );
}

#[test]
fn add_column_sqlite_cannot_add_in_place_rebuilds_the_table() {
    let ops = ops(|s| {
        s.add_column::<TimestampTz>("users", "seen_at").default_now();
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "users" ADD COLUMN "seen_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP"#],
            &["ALTER TABLE `users` ADD COLUMN `seen_at` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"],
            &[
                r#"CREATE TABLE "_migrate_new_users" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "name" varchar(100) NULL, "active" boolean NOT NULL DEFAULT TRUE, "seen_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "users_email_key" UNIQUE ("email") )"#,
                r#"INSERT INTO "_migrate_new_users" ("id", "email", "name", "active") SELECT "id", "email", "name", "active" FROM "users""#,
                r#"DROP TABLE "users""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_users" RENAME TO "users""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_users_name" ON "users" ("name")"#,
            ],
        )
    );
}

#[test]
fn add_enum_column_creates_its_type_first_on_postgres() {
    let ops = ops(|s| {
        s.add_column_of_type(
            "posts",
            "state",
            ColumnType::Enum { name: "post_state".into(), values: vec!["draft".into(), "live".into()] },
        );
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[
                r#"CREATE TYPE "post_state" AS ENUM ('draft', 'live')"#,
                r#"ALTER TABLE "posts" ADD COLUMN "state" "post_state" NOT NULL"#,
            ],
            &["ALTER TABLE `posts` ADD COLUMN `state` enum('draft', 'live') NOT NULL"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, "state" text NOT NULL CHECK ("state" IN ('draft', 'live')), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn add_column_with_unique_and_foreign_key_adds_the_constraints_after_it() {
    let ops = ops(|s| {
        s.add_column::<Option<String>>("posts", "slug").max_len(80).unique();
        s.add_column::<Option<i64>>("posts", "editor_id").references("users", "id");
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[
                r#"ALTER TABLE "posts" ADD COLUMN "slug" varchar(80) NULL"#,
                r#"ALTER TABLE "posts" ADD CONSTRAINT "posts_slug_key" UNIQUE ("slug")"#,
                r#"ALTER TABLE "posts" ADD COLUMN "editor_id" bigint NULL"#,
                r#"ALTER TABLE "posts" ADD CONSTRAINT "posts_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "users" ("id")"#,
            ],
            &[
                "ALTER TABLE `posts` ADD COLUMN `slug` varchar(80) NULL",
                "ALTER TABLE `posts` ADD CONSTRAINT `posts_slug_key` UNIQUE (`slug`)",
                "ALTER TABLE `posts` ADD COLUMN `editor_id` bigint NULL",
                "ALTER TABLE `posts` ADD CONSTRAINT `posts_editor_id_fkey` FOREIGN KEY (`editor_id`) REFERENCES `users` (`id`)",
            ],
            &[
                r#"ALTER TABLE "posts" ADD COLUMN "slug" varchar(80) NULL"#,
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, "slug" varchar(80) NULL, CONSTRAINT "posts_slug_key" UNIQUE ("slug"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score", "slug") SELECT "id", "user_id", "title", "body", "score", "slug" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
                r#"ALTER TABLE "posts" ADD COLUMN "editor_id" bigint NULL"#,
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, "slug" varchar(80) NULL, "editor_id" bigint NULL, CONSTRAINT "posts_slug_key" UNIQUE ("slug"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, FOREIGN KEY ("editor_id") REFERENCES "users" ("id"), CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score", "slug", "editor_id") SELECT "id", "user_id", "title", "body", "score", "slug", "editor_id" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn drop_column_renders_drop_column() {
    let ops = ops(|s| s.drop_column("users", "active"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "users" DROP COLUMN "active""#],
            &["ALTER TABLE `users` DROP COLUMN `active`"],
            &[r#"ALTER TABLE "users" DROP COLUMN "active""#],
        )
    );
}

#[test]
fn drop_indexed_column_drops_its_index_first_on_sqlite() {
    let ops = ops(|s| s.drop_column("users", "name"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "users" DROP COLUMN "name""#],
            &["ALTER TABLE `users` DROP COLUMN `name`"],
            &[r#"DROP INDEX "idx_users_name""#, r#"ALTER TABLE "users" DROP COLUMN "name""#],
        )
    );
}

#[test]
fn drop_column_with_foreign_key_drops_the_key_first_and_rebuilds_on_sqlite() {
    let ops = ops(|s| s.drop_column("posts", "user_id"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[
                r#"ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_fkey""#,
                r#"ALTER TABLE "posts" DROP COLUMN "user_id""#,
            ],
            &["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`", "ALTER TABLE `posts` DROP COLUMN `user_id`"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "title", "body", "score") SELECT "id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
            ],
        )
    );
}

#[test]
fn drop_column_with_check_drops_the_check_first_and_rebuilds_on_sqlite() {
    let ops = ops(|s| s.drop_column("posts", "score"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[
                r#"ALTER TABLE "posts" DROP CONSTRAINT "posts_score_check""#,
                r#"ALTER TABLE "posts" DROP COLUMN "score""#,
            ],
            &["ALTER TABLE `posts` DROP CONSTRAINT `posts_score_check`", "ALTER TABLE `posts` DROP COLUMN `score`"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body") SELECT "id", "user_id", "title", "body" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn drop_column_with_unique_constraint_rebuilds_on_sqlite() {
    let ops = ops(|s| s.drop_column("users", "email"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "users" DROP COLUMN "email""#],
            &["ALTER TABLE `users` DROP COLUMN `email`"],
            &[
                r#"CREATE TABLE "_migrate_new_users" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NULL, "active" boolean NOT NULL DEFAULT TRUE )"#,
                r#"INSERT INTO "_migrate_new_users" ("id", "name", "active") SELECT "id", "name", "active" FROM "users""#,
                r#"DROP TABLE "users""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_users" RENAME TO "users""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_users_name" ON "users" ("name")"#,
            ],
        )
    );
}

#[test]
fn drop_enum_column_drops_its_type_on_postgres() {
    let before = applied(
        &blog(),
        &ops(|s| {
            s.add_column_of_type(
                "posts",
                "state",
                ColumnType::Enum { name: "post_state".into(), values: vec!["a".into()] },
            );
        }),
    );
    let ops = ops(|s| s.drop_column("posts", "state"));
    assert_eq!(
        rendered(&before, &ops),
        sql(
            &[r#"ALTER TABLE "posts" DROP COLUMN "state""#, r#"DROP TYPE "post_state""#],
            &["ALTER TABLE `posts` DROP COLUMN `state`"],
            &[r#"ALTER TABLE "posts" DROP COLUMN "state""#],
        )
    );
}

#[test]
fn drop_column_named_in_a_partial_index_predicate_drops_that_index_too() {
    let before = applied(
        &blog(),
        &ops(|s| {
            s.create_index("posts", &["title"]).name("posts_scored_title").predicate("score > 0");
        }),
    );
    let ops = ops(|s| s.drop_column("posts", "score"));
    assert_eq!(
        preview(Dialect::Postgres, &before, &ops),
        [r#"ALTER TABLE "posts" DROP CONSTRAINT "posts_score_check""#, r#"ALTER TABLE "posts" DROP COLUMN "score""#]
    );
    assert_eq!(
        preview(Dialect::Sqlite, &before, &ops),
        [
            r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE )"#,
            r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body") SELECT "id", "user_id", "title", "body" FROM "posts""#,
            r#"DROP TABLE "posts""#,
            "PRAGMA legacy_alter_table = ON",
            r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
            "PRAGMA legacy_alter_table = OFF",
            r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
        ]
    );
}

#[test]
fn rename_column_renders_per_dialect() {
    let ops = ops(|s| s.rename_column("posts", "title", "headline"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" RENAME COLUMN "title" TO "headline""#],
            &["ALTER TABLE `posts` RENAME COLUMN `title` TO `headline`"],
            &[r#"ALTER TABLE "posts" RENAME COLUMN "title" TO "headline""#],
        )
    );
}

// ---------------------------------------------------------------------------------------
// ALTER COLUMN
// ---------------------------------------------------------------------------------------

#[test]
fn alter_column_type_converts_with_using_on_postgres_modifies_on_mysql_and_rebuilds_on_sqlite() {
    let ops = ops(|s| {
        s.alter_column("posts", "title").set_column_type(ColumnType::Text);
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" ALTER COLUMN "title" TYPE text USING "title"::text"#],
            &["ALTER TABLE `posts` MODIFY COLUMN `title` text NOT NULL"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" text NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn alter_column_to_enum_creates_the_type_first_on_postgres() {
    let ops = ops(|s| {
        s.alter_column("posts", "title").set_column_type(ColumnType::Enum {
            name: "title_kind".into(),
            values: vec!["news".into(), "blog".into()],
        });
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[
                r#"CREATE TYPE "title_kind" AS ENUM ('news', 'blog')"#,
                r#"ALTER TABLE "posts" ALTER COLUMN "title" TYPE "title_kind" USING "title"::"title_kind""#,
            ],
            &["ALTER TABLE `posts` MODIFY COLUMN `title` enum('news', 'blog') NOT NULL"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" text NOT NULL CHECK ("title" IN ('news', 'blog')), "body" text NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn alter_column_away_from_enum_drops_the_unused_type_on_postgres() {
    let before = applied(
        &blog(),
        &ops(|s| {
            s.alter_column("posts", "title").set_column_type(ColumnType::Enum {
                name: "title_kind".into(),
                values: vec!["news".into(), "blog".into()],
            });
        }),
    );
    let ops = ops(|s| {
        s.alter_column("posts", "title").set_column_type(ColumnType::Varchar { len: 200 });
    });
    assert_eq!(
        rendered(&before, &ops),
        sql(
            &[
                r#"ALTER TABLE "posts" ALTER COLUMN "title" TYPE varchar(200) USING "title"::varchar(200)"#,
                r#"DROP TYPE "title_kind""#,
            ],
            &["ALTER TABLE `posts` MODIFY COLUMN `title` varchar(200) NOT NULL"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn alter_column_nullable_drops_not_null() {
    let ops = ops(|s| {
        s.alter_column("posts", "title").nullable();
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" ALTER COLUMN "title" DROP NOT NULL"#],
            &["ALTER TABLE `posts` MODIFY COLUMN `title` varchar(200) NULL"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn alter_column_not_null_sets_not_null() {
    let ops = ops(|s| {
        s.alter_column("posts", "body").not_null();
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" ALTER COLUMN "body" SET NOT NULL"#],
            &["ALTER TABLE `posts` MODIFY COLUMN `body` text NOT NULL"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NOT NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn alter_column_set_default_writes_the_literal() {
    let ops = ops(|s| {
        s.alter_column("posts", "score").set_default(10i32);
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" ALTER COLUMN "score" SET DEFAULT 10"#],
            &["ALTER TABLE `posts` MODIFY COLUMN `score` int NOT NULL DEFAULT 10"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 10, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn alter_column_set_default_expression_parenthesises_it() {
    let ops = ops(|s| {
        s.alter_column("posts", "body").set_default_expr("'(empty)'");
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" ALTER COLUMN "body" SET DEFAULT ('(empty)')"#],
            &["ALTER TABLE `posts` MODIFY COLUMN `body` text NULL DEFAULT ('(empty)')"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL DEFAULT ('(empty)'), "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn alter_column_drop_default_removes_it() {
    let ops = ops(|s| {
        s.alter_column("posts", "score").drop_default();
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" ALTER COLUMN "score" DROP DEFAULT"#],
            &["ALTER TABLE `posts` MODIFY COLUMN `score` int NOT NULL"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn mysql_modify_column_restates_identity_and_comment() {
    let before = model(&{
        let mut s = Schema::new();
        s.create_table("tags", |t| {
            t.id("id");
            t.column::<String>("label").max_len(50).comment("shown");
        });
        s
    });
    let ops = ops(|s| {
        s.alter_column("tags", "id").set_column_type(ColumnType::Int);
        s.alter_column("tags", "label").set_column_type(ColumnType::Varchar { len: 80 });
    });
    assert_eq!(
        preview(Dialect::MySql, &before, &ops),
        [
            "ALTER TABLE `tags` MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT",
            "ALTER TABLE `tags` MODIFY COLUMN `label` varchar(80) NOT NULL COMMENT 'shown'",
        ]
    );
}

#[test]
fn sqlite_alters_a_column_with_one_rebuild_step_that_recreates_indexes_and_triggers() {
    let op = Op::AlterColumn {
        table: "posts".into(),
        column: "title".into(),
        change: migrate_schema::ColumnChange::Nullable(true),
    };
    let steps = render(Dialect::Sqlite, &blog(), &op).unwrap();
    let [Step::Rebuild(rebuild)] = &steps[..] else { panic!("expected one rebuild step, got {steps:?}") };
    assert_eq!(rebuild.table, "posts");
    let trigger = r#"CREATE TRIGGER "posts_touch" AFTER UPDATE ON "posts" BEGIN SELECT 1; END"#;
    assert_eq!(
        rebuild.statements(&[trigger.to_owned()]),
        [
            r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
            r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
            r#"DROP TABLE "posts""#,
            "PRAGMA legacy_alter_table = ON",
            r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
            "PRAGMA legacy_alter_table = OFF",
            r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            r#"CREATE TRIGGER "posts_touch" AFTER UPDATE ON "posts" BEGIN SELECT 1; END"#,
        ]
    );
}

// ---------------------------------------------------------------------------------------
// INDEXES
// ---------------------------------------------------------------------------------------

#[test]
fn create_index_over_several_columns() {
    let ops = ops(|s| {
        s.create_index("posts", &["user_id", "title"]);
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"CREATE INDEX "idx_posts_user_id_title" ON "posts" ("user_id", "title")"#],
            &["CREATE INDEX `idx_posts_user_id_title` ON `posts` (`user_id`, `title`)"],
            &[r#"CREATE INDEX "idx_posts_user_id_title" ON "posts" ("user_id", "title")"#],
        )
    );
}

#[test]
fn create_unique_index_with_a_name() {
    let ops = ops(|s| {
        s.create_index("posts", &["title"]).name("posts_title_uniq").unique();
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"CREATE UNIQUE INDEX "posts_title_uniq" ON "posts" ("title")"#],
            &["CREATE UNIQUE INDEX `posts_title_uniq` ON `posts` (`title`)"],
            &[r#"CREATE UNIQUE INDEX "posts_title_uniq" ON "posts" ("title")"#],
        )
    );
}

#[test]
fn create_partial_index_adds_its_predicate_on_postgres_and_sqlite() {
    let ops = ops(|s| {
        s.create_index("posts", &["title"]).name("posts_live_title").unique().predicate("body IS NOT NULL");
    });
    assert_eq!(
        preview(Dialect::Postgres, &blog(), &ops),
        [r#"CREATE UNIQUE INDEX "posts_live_title" ON "posts" ("title") WHERE body IS NOT NULL"#]
    );
    assert_eq!(
        preview(Dialect::Sqlite, &blog(), &ops),
        [r#"CREATE UNIQUE INDEX "posts_live_title" ON "posts" ("title") WHERE body IS NOT NULL"#]
    );
}

#[test]
fn mysql_refuses_a_partial_index_as_unsupported() {
    let ops = ops(|s| {
        s.create_index("posts", &["title"]).name("posts_live_title").predicate("body IS NOT NULL");
    });
    let err = render(Dialect::MySql, &blog(), &ops[0]).unwrap_err();
    assert!(
        matches!(&err, RenderError::Unsupported { dialect: Dialect::MySql, operation } if operation.contains("posts_live_title"))
    );
    assert!(err.to_string().starts_with("MySQL does not support partial index"), "{err}");
}

#[test]
fn mysql_refuses_create_table_with_a_partial_index_as_unsupported() {
    let ops = ops(|s| {
        s.create_table("jobs", |t| {
            t.column::<String>("state").max_len(10);
            t.index(&["state"]).predicate("state <> 'done'");
        });
    });
    let err = render(Dialect::MySql, &SchemaModel::new(), &ops[0]).unwrap_err();
    assert!(matches!(err, RenderError::Unsupported { dialect: Dialect::MySql, .. }), "{err:?}");
}

fn mysql_refusal(ops: &[Op], before: &SchemaModel) -> String {
    let err = render_all(Dialect::MySql, before, ops).unwrap_err();
    assert!(matches!(err, RenderError::Unsupported { dialect: Dialect::MySql, .. }), "{err:?}");
    err.to_string()
}

#[test]
fn mysql_refuses_keys_over_text_blob_and_json_columns() {
    let unique_text = ops(|s| {
        s.create_table("tags", |t| {
            t.column::<String>("slug").unique();
        })
    });
    assert!(mysql_refusal(&unique_text, &SchemaModel::new()).contains("`.max_len(n)`"));
    let index_on_body = ops(|s| {
        s.create_index("posts", &["body"]);
    });
    assert!(mysql_refusal(&index_on_body, &blog()).contains("over `body`"));
    let pk_on_blob = ops(|s| {
        s.create_table("blobs", |t| {
            t.column::<Vec<u8>>("hash").primary_key();
        })
    });
    mysql_refusal(&pk_on_blob, &SchemaModel::new());
    for dialect in [Dialect::Postgres, Dialect::Sqlite] {
        render_all(dialect, &SchemaModel::new(), &unique_text).unwrap();
        render_all(dialect, &blog(), &index_on_body).unwrap();
    }
}

#[test]
fn mysql_refuses_set_default_foreign_key_actions() {
    let ops = ops(|s| {
        s.add_foreign_key("posts", &["score"], "users", &["id"]).on_update(ForeignKeyAction::SetDefault);
    });
    let mut before = blog();
    before
        .apply(&Op::AlterColumn {
            table: "posts".into(),
            column: "score".into(),
            change: migrate_schema::ColumnChange::Type(ColumnType::BigInt),
        })
        .unwrap();
    assert!(mysql_refusal(&ops, &before).contains("SET DEFAULT"));
    render_all(Dialect::Postgres, &before, &ops).unwrap();
}

#[test]
fn auto_increment_off_the_primary_key_is_refused_on_mysql_and_sqlite() {
    let ops = ops(|s| {
        s.create_table("events", |t| {
            t.column::<String>("code").max_len(10).primary_key();
            t.column::<i64>("seq").auto_increment();
        })
    });
    assert!(mysql_refusal(&ops, &SchemaModel::new()).contains("`events.seq`"));
    let err = render_all(Dialect::Sqlite, &SchemaModel::new(), &ops).unwrap_err();
    assert!(matches!(err, RenderError::Unsupported { dialect: Dialect::Sqlite, .. }), "{err:?}");
    render_all(Dialect::Postgres, &SchemaModel::new(), &ops).unwrap();

    // MySQL accepts it when a unique key starts with the column; SQLite still cannot.
    let keyed = ops_with_unique_seq();
    render_all(Dialect::MySql, &SchemaModel::new(), &keyed).unwrap();
    assert!(render_all(Dialect::Sqlite, &SchemaModel::new(), &keyed).is_err());
}

fn ops_with_unique_seq() -> Vec<Op> {
    ops(|s| {
        s.create_table("events", |t| {
            t.column::<String>("code").max_len(10).primary_key();
            t.column::<i64>("seq").auto_increment().unique();
        })
    })
}

#[test]
fn literal_defaults_on_text_blob_and_json_are_expressions_on_mysql() {
    let ops = ops(|s| {
        s.add_column::<String>("users", "bio").default("none");
        s.add_column::<Vec<u8>>("users", "avatar").default(vec![1u8, 2]);
    });
    assert_eq!(
        preview(Dialect::MySql, &blog(), &ops),
        [
            "ALTER TABLE `users` ADD COLUMN `bio` text NOT NULL DEFAULT ('none')",
            "ALTER TABLE `users` ADD COLUMN `avatar` blob NOT NULL DEFAULT (x'0102')",
        ]
    );
    assert_eq!(
        preview(Dialect::Postgres, &blog(), &ops[..1]),
        [r#"ALTER TABLE "users" ADD COLUMN "bio" text NOT NULL DEFAULT 'none'"#]
    );
}

#[test]
fn mysql_renames_a_column_a_check_uses_by_dropping_and_restoring_the_check() {
    let ops = ops(|s| s.rename_column("posts", "score", "points"));
    assert_eq!(
        preview(Dialect::MySql, &blog(), &ops),
        [
            "ALTER TABLE `posts` DROP CONSTRAINT `posts_score_check`",
            "ALTER TABLE `posts` RENAME COLUMN `score` TO `points`",
            "ALTER TABLE `posts` ADD CONSTRAINT `posts_score_check` CHECK (points >= 0)",
        ]
    );
    assert_eq!(preview(Dialect::Postgres, &blog(), &ops), [r#"ALTER TABLE "posts" RENAME COLUMN "score" TO "points""#]);
}

#[test]
fn drop_index_names_the_table_only_on_mysql() {
    let ops = ops(|s| s.drop_index("users", "idx_users_name"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"DROP INDEX "idx_users_name""#],
            &["DROP INDEX `idx_users_name` ON `users`"],
            &[r#"DROP INDEX "idx_users_name""#],
        )
    );
}

// ---------------------------------------------------------------------------------------
// FOREIGN KEYS, UNIQUE AND CHECK CONSTRAINTS
// ---------------------------------------------------------------------------------------

#[test]
fn add_foreign_key_alters_the_table_and_rebuilds_on_sqlite() {
    let before = applied(&blog(), &ops(|s| s.drop_foreign_key("posts", "posts_user_id_fkey")));
    let ops = ops(|s| {
        s.add_foreign_key("posts", &["user_id"], "users", &["id"])
            .name("posts_author_fkey")
            .on_delete(ForeignKeyAction::Restrict)
            .on_update(ForeignKeyAction::Cascade);
    });
    assert_eq!(
        rendered(&before, &ops),
        sql(
            &[
                r#"ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE"#,
            ],
            &[
                "ALTER TABLE `posts` ADD CONSTRAINT `posts_author_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE",
            ],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn drop_foreign_key_alters_the_table_and_rebuilds_on_sqlite() {
    let ops = ops(|s| s.drop_foreign_key("posts", "posts_user_id_fkey"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_fkey""#],
            &["ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn mysql_drop_foreign_key_also_drops_the_index_innodb_created_for_it() {
    let before = applied(
        &blog(),
        &ops(|s| {
            s.create_table("likes", |t| {
                t.column::<i64>("user_id").references("users", "id");
                t.column::<i64>("post_id");
            });
        }),
    );
    let ops = ops(|s| s.drop_foreign_key("likes", "likes_user_id_fkey"));
    assert_eq!(
        preview(Dialect::MySql, &before, &ops),
        [
            "ALTER TABLE `likes` DROP FOREIGN KEY `likes_user_id_fkey`",
            "ALTER TABLE `likes` DROP INDEX `likes_user_id_fkey`",
        ]
    );
}

#[test]
fn add_unique_alters_the_table_and_rebuilds_on_sqlite() {
    let ops = ops(|s| {
        s.add_unique("posts", &["user_id", "title"]);
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_title_key" UNIQUE ("user_id", "title")"#],
            &["ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_title_key` UNIQUE (`user_id`, `title`)"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, CONSTRAINT "posts_user_id_title_key" UNIQUE ("user_id", "title"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn drop_unique_drops_the_constraint_or_mysql_index_and_rebuilds_on_sqlite() {
    let ops = ops(|s| s.drop_unique("users", "users_email_key"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "users" DROP CONSTRAINT "users_email_key""#],
            &["DROP INDEX `users_email_key` ON `users`"],
            &[
                r#"CREATE TABLE "_migrate_new_users" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(255) NOT NULL, "name" varchar(100) NULL, "active" boolean NOT NULL DEFAULT TRUE )"#,
                r#"INSERT INTO "_migrate_new_users" ("id", "email", "name", "active") SELECT "id", "email", "name", "active" FROM "users""#,
                r#"DROP TABLE "users""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_users" RENAME TO "users""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_users_name" ON "users" ("name")"#,
            ],
        )
    );
}

#[test]
fn add_check_alters_the_table_and_rebuilds_on_sqlite() {
    let ops = ops(|s| {
        s.add_check("posts", "length(title) > 0").name("posts_title_check");
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" ADD CONSTRAINT "posts_title_check" CHECK (length(title) > 0)"#],
            &["ALTER TABLE `posts` ADD CONSTRAINT `posts_title_check` CHECK (length(title) > 0)"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "posts_score_check" CHECK (score >= 0), CONSTRAINT "posts_title_check" CHECK (length(title) > 0) )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

#[test]
fn drop_check_alters_the_table_and_rebuilds_on_sqlite() {
    let ops = ops(|s| s.drop_check("posts", "posts_score_check"));
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"ALTER TABLE "posts" DROP CONSTRAINT "posts_score_check""#],
            &["ALTER TABLE `posts` DROP CONSTRAINT `posts_score_check`"],
            &[
                r#"CREATE TABLE "_migrate_new_posts" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL, "title" varchar(200) NOT NULL, "body" text NULL, "score" integer NOT NULL DEFAULT 0, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE )"#,
                r#"INSERT INTO "_migrate_new_posts" ("id", "user_id", "title", "body", "score") SELECT "id", "user_id", "title", "body", "score" FROM "posts""#,
                r#"DROP TABLE "posts""#,
                "PRAGMA legacy_alter_table = ON",
                r#"ALTER TABLE "_migrate_new_posts" RENAME TO "posts""#,
                "PRAGMA legacy_alter_table = OFF",
                r#"CREATE INDEX "idx_posts_user_id" ON "posts" ("user_id")"#,
            ],
        )
    );
}

// ---------------------------------------------------------------------------------------
// RAW SQL AND DATA
// ---------------------------------------------------------------------------------------

#[test]
fn raw_sql_uses_the_dialect_variant_over_the_shared_text() {
    let ops = ops(|s| {
        s.sql("CREATE VIEW active_users AS SELECT id FROM users WHERE active")
            .on(Dialect::MySql, "CREATE VIEW `active_users` AS SELECT `id` FROM `users` WHERE `active`");
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &["CREATE VIEW active_users AS SELECT id FROM users WHERE active"],
            &["CREATE VIEW `active_users` AS SELECT `id` FROM `users` WHERE `active`"],
            &["CREATE VIEW active_users AS SELECT id FROM users WHERE active"],
        )
    );
}

#[test]
fn raw_sql_with_no_text_for_a_dialect_is_unsupported() {
    let ops = ops(|s| {
        s.sql_on(Dialect::Postgres, "CREATE EXTENSION citext");
    });
    assert_eq!(preview(Dialect::Postgres, &blog(), &ops), ["CREATE EXTENSION citext"]);
    for dialect in [Dialect::MySql, Dialect::Sqlite] {
        let err = render(dialect, &blog(), &ops[0]).unwrap_err();
        assert!(matches!(err, RenderError::Unsupported { dialect: d, .. } if d == dialect), "{err:?}");
    }
}

#[test]
fn raw_sql_with_empty_text_for_a_dialect_renders_nothing_there() {
    let ops = ops(|s| {
        s.sql("").on(Dialect::Postgres, "CREATE EXTENSION citext");
    });
    assert_eq!(rendered(&blog(), &ops), sql(&["CREATE EXTENSION citext"], &[], &[]));
}

/// The values a data step binds.
fn bound(dialect: Dialect, op: &Op) -> Vec<Value> {
    match &render(dialect, &blog(), op).unwrap()[..] {
        [Step::Execute(statement)] => statement.values.0.clone(),
        steps => panic!("expected one statement, got {steps:?}"),
    }
}

#[test]
fn data_insert_renders_placeholders_and_binds_its_values() {
    let ops = ops(|s| {
        s.data(
            Query::insert()
                .into_table("users")
                .columns(["email", "active"])
                .values_panic(["ann@example.com".into(), true.into()])
                .to_owned(),
        );
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"INSERT INTO "users" ("email", "active") VALUES ($1, $2)"#],
            &["INSERT INTO `users` (`email`, `active`) VALUES (?, ?)"],
            &[r#"INSERT INTO "users" ("email", "active") VALUES (?, ?)"#],
        )
    );
    let values = vec![Value::from("ann@example.com"), Value::from(true)];
    for dialect in Dialect::ALL {
        assert_eq!(bound(dialect, &ops[0]), values, "{dialect}");
    }
}

#[test]
fn data_update_renders_placeholders_and_binds_its_values() {
    let ops = ops(|s| {
        s.data(
            Query::update()
                .table("users")
                .value("active", false)
                .and_where(Expr::col("email").eq("ann@example.com"))
                .to_owned(),
        );
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"UPDATE "users" SET "active" = $1 WHERE "email" = $2"#],
            &["UPDATE `users` SET `active` = ? WHERE `email` = ?"],
            &[r#"UPDATE "users" SET "active" = ? WHERE "email" = ?"#],
        )
    );
    let values = vec![Value::from(false), Value::from("ann@example.com")];
    for dialect in Dialect::ALL {
        assert_eq!(bound(dialect, &ops[0]), values, "{dialect}");
    }
}

#[test]
fn data_delete_renders_placeholders_and_binds_its_values() {
    let ops = ops(|s| {
        s.data(Query::delete().from_table("users").and_where(Expr::col("id").eq(7)).to_owned());
    });
    assert_eq!(
        rendered(&blog(), &ops),
        sql(
            &[r#"DELETE FROM "users" WHERE "id" = $1"#],
            &["DELETE FROM `users` WHERE `id` = ?"],
            &[r#"DELETE FROM "users" WHERE "id" = ?"#],
        )
    );
    for dialect in Dialect::ALL {
        assert_eq!(bound(dialect, &ops[0]), vec![Value::from(7)], "{dialect}");
    }
}
