use migrate::prelude::*;

#[migration(version = 1021, name = "copy")]
fn copy(s: &mut Schema) {
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE EXTENSION IF NOT EXISTS "pg_trgm""#,
    )
    .down_on(Dialect::Postgres, r#"DROP EXTENSION IF EXISTS "pg_trgm""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE TYPE "spare" AS ENUM ('x', 'y')"#,
    )
    .down_on(Dialect::Postgres, r#"DROP TYPE "spare""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE TYPE "pair" AS (a integer, b text)"#,
    )
    .down_on(Dialect::Postgres, r#"DROP TYPE "pair""#);
    s.sql_on(Dialect::Postgres, r#"CREATE DOMAIN "year" AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))"#)
        .down_on(Dialect::Postgres, r#"DROP DOMAIN "year""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "contacts_seq" AS bigint INCREMENT BY 5 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100 CACHE 1"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "contacts_seq""#);
    s.sql_on(Dialect::Postgres, r#"CREATE SEQUENCE "loose_seq" AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 9000 START WITH 1 CACHE 1 CYCLE"#)
        .down_on(Dialect::Postgres, r#"DROP SEQUENCE "loose_seq""#);
    s.create_table("ack", |t| {
        t.column::<i32>("id").primary_key();
        t.column::<Option<String>>("code");
        t.unique(&["code"]).name("ack_code_unique");
        t.check("(length(code) < 9)").name("ack_code_short");
        t.primary_key_name("pk_acknowledgement_id");
    });
    s.create_table("coll", |t| {
        t.column::<i32>("id").primary_key();
        t.column::<Option<String>>("code").collate("C");
    });
    s.create_table("contacts", |t| {
        t.column::<i32>("id")
            .default_expr("nextval('contacts_seq')");
        t.column::<i32>("i").auto_increment().primary_key();
    });
    s.create_table("film", |t| {
        t.column::<i32>("id").primary_key();
        t.column::<Option<String>>("title");
        t.column_of_type("released", ColumnType::Native { sql: "year".into() })
            .nullable();
        t.column_of_type(
            "feeling",
            ColumnType::Enum {
                name: "mood".into(),
                values: vec!["sad".into(), "ok".into()],
            },
        )
        .nullable();
        t.column::<Option<TimestampTz>>("at");
    });
    s.create_table("gen", |t| {
        t.column::<i32>("a");
        t.column::<Option<Decimal<4, 2>>>("hours")
            .generated_stored("round(((a)::numeric / 60.0), 2)");
        t.column::<String>("label")
            .generated_stored("('#'::text || a)");
    });
    s.create_table("m", |t| {
        t.column::<i32>("a").generated_always();
        t.column::<i64>("b").auto_increment();
        t.column::<i16>("c").generated_always();
    });
    s.create_table("s", |t| {
        t.column::<i32>("c").serial();
        t.column::<i64>("d").serial();
    });
    s.sql_on(
        Dialect::Postgres,
        r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN NEW.at = now(); RETURN NEW; END $function$"#,
    )
    .down_on(Dialect::Postgres, r#"DROP FUNCTION "touch"()"#);
    s.sql_on(
        Dialect::Postgres,
        r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.titles()
 RETURNS SETOF text
 LANGUAGE sql
AS $function$ SELECT title FROM film $function$"#,
    )
    .down_on(Dialect::Postgres, r#"DROP FUNCTION "titles"()"#);
    s.sql_on(
        Dialect::Postgres,
        r#"SET LOCAL check_function_bodies = false;
CREATE OR REPLACE FUNCTION public._concat(text, text)
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT $1 || $2 $function$"#,
    )
    .down_on(Dialect::Postgres, r#"DROP FUNCTION "_concat"(text, text)"#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE AGGREGATE "concat_all"(text) (SFUNC = _concat, STYPE = text, INITCOND = '')"#,
    )
    .down_on(Dialect::Postgres, r#"DROP AGGREGATE "concat_all"(text)"#);
    s.sql_on(
        Dialect::Postgres,
        r#"ALTER SEQUENCE "contacts_seq" OWNED BY contacts.id"#,
    )
    .down_on(
        Dialect::Postgres,
        r#"ALTER SEQUENCE "contacts_seq" OWNED BY NONE"#,
    );
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE INDEX ack_code_c ON public.ack USING btree (code COLLATE "C" DESC)"#,
    )
    .down_on(Dialect::Postgres, r#"DROP INDEX "ack_code_c""#);
    s.sql_on(
        Dialect::Postgres,
        "CREATE INDEX film_title_trgm ON public.film USING gin (title gin_trgm_ops)",
    )
    .down_on(Dialect::Postgres, r#"DROP INDEX "film_title_trgm""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "film_titles" AS SELECT film.title
   FROM film;"#,
    )
    .down_on(Dialect::Postgres, r#"DROP VIEW "film_titles""#);
    s.sql_on(
        Dialect::Postgres,
        r#"CREATE VIEW "film_titles_too" AS SELECT film_titles.title
   FROM film_titles;"#,
    )
    .down_on(Dialect::Postgres, r#"DROP VIEW "film_titles_too""#);
    s.sql_on(Dialect::Postgres, "CREATE TRIGGER film_touch BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION touch()")
        .down_on(Dialect::Postgres, r#"DROP TRIGGER "film_touch" ON "film""#);
}
