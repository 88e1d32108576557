//! The statement splitter and the SQL file format, on real-world SQL.

use migrate::schema::Dialect;
use migrate::sql::{SqlFile, split};
use std::path::Path;

fn cut(text: &str, dialect: Dialect) -> Vec<String> {
    split(text, dialect).unwrap().into_iter().map(|s| s.sql).collect()
}

#[test]
fn semicolons_inside_strings_identifiers_and_comments_do_not_end_statements() {
    let text = "INSERT INTO t VALUES ('a;b', 'it''s;');\n\
                -- a comment; with a semicolon\n\
                SELECT \"odd;name\" FROM t; /* block; comment */ SELECT 2;";
    assert_eq!(
        cut(text, Dialect::Postgres),
        [
            "INSERT INTO t VALUES ('a;b', 'it''s;')",
            "-- a comment; with a semicolon\nSELECT \"odd;name\" FROM t",
            "/* block; comment */ SELECT 2",
        ]
    );
}

#[test]
fn mysql_backticks_backslash_escapes_and_hash_comments() {
    let text = "INSERT INTO `a;b` VALUES ('x\\';y'); # hash; comment\nSELECT 1";
    assert_eq!(cut(text, Dialect::MySql), ["INSERT INTO `a;b` VALUES ('x\\';y')", "# hash; comment\nSELECT 1"]);
}

#[test]
fn postgres_dollar_quoted_bodies_and_do_blocks_are_one_statement() {
    let text = "CREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  NEW.x := 'a;b'; RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql;\n\
                DO $$ BEGIN PERFORM 1; PERFORM 2; END $$;\n\
                SELECT $1::int;";
    let statements = split(text, Dialect::Postgres).unwrap();
    assert_eq!(statements.len(), 3, "{statements:#?}");
    assert!(statements[0].sql.ends_with("LANGUAGE plpgsql"));
    assert_eq!(statements[1].sql, "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$");
    assert_eq!((statements[1].line, statements[2].line), (6, 7));
}

#[test]
fn postgres_escape_strings_and_nested_comments() {
    let text = "SELECT E'a\\';b'; /* outer /* inner; */ still; */ SELECT 3;";
    assert_eq!(cut(text, Dialect::Postgres), ["SELECT E'a\\';b'", "/* outer /* inner; */ still; */ SELECT 3"]);
}

#[test]
fn sql_standard_function_bodies_end_with_their_end() {
    let text = "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + b; END;\nSELECT 1;";
    assert_eq!(cut(text, Dialect::Postgres).len(), 2);
}

#[test]
fn sqlite_triggers_keep_their_body_including_case_end() {
    let text = "CREATE TRIGGER t_ai AFTER INSERT ON t\nBEGIN\n  UPDATE t SET n = CASE WHEN NEW.n > 0 THEN 1 ELSE 0 END;\n  \
                INSERT INTO log VALUES ('x;y');\nEND;\nCREATE TEMP TRIGGER t2 BEFORE DELETE ON t BEGIN SELECT 1; END;\nSELECT 2;";
    let statements = cut(text, Dialect::Sqlite);
    assert_eq!(statements.len(), 3, "{statements:#?}");
    assert!(statements[0].starts_with("CREATE TRIGGER") && statements[0].ends_with("END"));
    assert_eq!(statements[1], "CREATE TEMP TRIGGER t2 BEFORE DELETE ON t BEGIN SELECT 1; END");
}

#[test]
fn a_transaction_begin_is_not_a_trigger_body() {
    assert_eq!(cut("BEGIN; SELECT 1; COMMIT;", Dialect::Sqlite), ["BEGIN", "SELECT 1", "COMMIT"]);
}

#[test]
fn mysql_delimiter_changes_the_terminator_and_is_not_sent() {
    let text =
        "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  IF 1 THEN SELECT 1; END IF;\nEND$$\nDELIMITER ;\nSELECT 2;";
    let statements = split(text, Dialect::MySql).unwrap();
    assert_eq!(statements.len(), 2, "{statements:#?}");
    assert!(statements[0].sql.starts_with("CREATE PROCEDURE") && statements[0].sql.ends_with("END"));
    assert_eq!((statements[0].line, statements[1].sql.as_str()), (2, "SELECT 2"));
}

#[test]
fn mysql_executable_comments_are_statements_as_mysqldump_writes_them() {
    let dump = "/*!40101 SET NAMES utf8mb4 */;\n-- a comment\n/*!50001 CREATE ALGORITHM=UNDEFINED */\n\
                /*!50013 DEFINER=`root`@`%` SQL SECURITY DEFINER */\n/*!50001 VIEW `v` AS select 1 AS `one` */;\n\
                /*M!100100 SET @x = 1 */;\n/* only a comment */;\nSELECT 1;";
    let statements = cut(dump, Dialect::MySql);
    assert_eq!(statements.len(), 4, "{statements:?}");
    assert!(statements[1].contains("/*!50001 CREATE") && statements[1].ends_with("select 1 AS `one` */"));
    // Elsewhere they are comments.
    assert_eq!(cut("/*!40101 SET NAMES utf8mb4 */;\nSELECT 1;", Dialect::Postgres), ["SELECT 1"]);
}

#[test]
fn mysql_trigger_bodies_with_if_case_and_loops_are_one_statement() {
    let body = "CREATE TRIGGER upd_film AFTER UPDATE ON film FOR EACH ROW BEGIN\n\
                IF (old.title != new.title) THEN\n  UPDATE film_text SET title = new.title WHERE film_id = old.film_id;\n\
                END IF;\nCASE new.kind WHEN 1 THEN SET @a = 1; ELSE SET @a = 2; END CASE;\n\
                l: LOOP LEAVE l; END LOOP l;\nWHILE @a > 0 DO SET @a = @a - 1; END WHILE;\nEND;\nSELECT 1;";
    let statements = cut(body, Dialect::MySql);
    assert_eq!(statements.len(), 2, "{statements:#?}");
    assert!(statements[0].ends_with("END WHILE;\nEND"), "{}", statements[0]);
}

#[test]
fn mysql_double_quoted_strings_take_backslash_escapes() {
    let text = "CREATE TABLE t (a varchar(5) DEFAULT \"\\\"\", b varchar(5) DEFAULT \"\\\\\");\nSELECT \"x;y\";";
    assert_eq!(
        cut(text, Dialect::MySql),
        ["CREATE TABLE t (a varchar(5) DEFAULT \"\\\"\", b varchar(5) DEFAULT \"\\\\\")", "SELECT \"x;y\""]
    );
}

#[test]
fn a_mysql_delimiter_that_is_a_word_ends_statements_even_right_after_text() {
    let text = "DELIMITER MySQL\nselect * from t1MySQL\nselect 'MySQL';MySQL\nDELIMITER ;\nselect 2;";
    assert_eq!(cut(text, Dialect::MySql), ["select * from t1", "select 'MySQL';", "select 2"]);
}

#[test]
fn postgres_dollar_bodies_may_hold_other_dollar_quotes_and_names_may_hold_dollars() {
    let text = "CREATE FUNCTION f() RETURNS text AS $fn$ SELECT $$a;b$$ $fn$ LANGUAGE sql;\nSELECT a$b$ FROM t;";
    assert_eq!(
        cut(text, Dialect::Postgres),
        ["CREATE FUNCTION f() RETURNS text AS $fn$ SELECT $$a;b$$ $fn$ LANGUAGE sql", "SELECT a$b$ FROM t"]
    );
}

#[test]
fn postgres_escape_strings_in_either_case_hide_semicolons_behind_backslashes() {
    let text = "INSERT INTO t VALUES (e'it\\'s;', E'\\\\');\nSELECT 'plain\\';";
    assert_eq!(cut(text, Dialect::Postgres), ["INSERT INTO t VALUES (e'it\\'s;', E'\\\\')", "SELECT 'plain\\'"]);
}

#[test]
fn a_last_statement_without_semicolon_and_an_empty_text_are_read_like_the_clients_do() {
    for dialect in [Dialect::Postgres, Dialect::MySql, Dialect::Sqlite] {
        assert_eq!(cut("SELECT 1;\nSELECT 2", dialect), ["SELECT 1", "SELECT 2"], "{dialect}");
        assert!(cut("", dialect).is_empty(), "{dialect}");
    }
    let empty = parse("V003_20250114_empty.sql", "").unwrap();
    assert!(empty.up_statements(Dialect::Postgres).unwrap().is_empty());
}

#[test]
fn an_empty_down_section_is_a_down_that_does_nothing() {
    let f = parse(
        "V004_20250114_empty_down.sql",
        "-- === UP Migration ===\nCREATE TABLE t (id int);\n-- === DOWN Migration ===\n-- nothing to undo\n",
    )
    .unwrap();
    assert_eq!(f.down_statements(Dialect::Sqlite).unwrap(), Some(Vec::new()));
    assert!(f.has_empty_down());
    let none = parse("V005_20250114_no_down.sql", "CREATE TABLE t (id int);\n").unwrap();
    assert_eq!(none.down_statements(Dialect::Sqlite).unwrap(), None);
    assert!(!none.has_empty_down());
}

#[test]
fn text_that_is_only_comments_has_no_statements() {
    assert!(cut("-- nothing here\n/* nor; here */\n\n", Dialect::Sqlite).is_empty());
}

#[test]
fn unterminated_constructs_are_errors_naming_the_line_they_open_on() {
    let cases = [
        ("SELECT 1;\nSELECT 'open;\n", Dialect::Sqlite, 2, "unterminated string"),
        ("SELECT 1;\n\n/* never closed", Dialect::Postgres, 3, "unterminated /* comment"),
        ("DO $x$ BEGIN END", Dialect::Postgres, 1, "unterminated dollar-quoted body"),
        ("SELECT \"a;\nFROM t;", Dialect::MySql, 1, "unterminated string"),
        ("SELECT \"a;\nFROM t;", Dialect::Postgres, 1, "unterminated quoted identifier"),
        ("CREATE TRIGGER t AFTER INSERT ON x BEGIN\nSELECT 1;", Dialect::Sqlite, 1, "never closed by END"),
    ];
    for (text, dialect, line, message) in cases {
        let err = split(text, dialect).unwrap_err();
        assert_eq!(err.line, line, "{text:?}: {err}");
        assert!(err.message.contains(message), "{text:?}: {err}");
    }
}

const FILE: &str = "-- Migration: Create users table\n-- Version: 001\n-- Database: postgresql            (optional)\n\
-- Dependencies: V000\n\n-- === UP Migration ===\nCREATE TABLE users (id int);\nCREATE INDEX idx ON users (id);\n\n\
-- === DOWN Migration ===\nDROP INDEX IF EXISTS idx;\nDROP TABLE IF EXISTS users;\n";

fn parse(name: &str, text: &str) -> Result<SqlFile, migrate::sql::FileError> {
    SqlFile::parse(&Path::new("migrations").join(name), text)
}

#[test]
fn a_file_in_the_seed_format_parses_with_its_header_and_sections() {
    let f = parse("V001_20250114200000_create_users.sql", FILE).unwrap();
    assert_eq!((f.version, f.timestamp.as_str(), f.name.as_str()), (1, "20250114200000", "Create users table"));
    assert_eq!((f.database, f.dependencies.clone(), f.transaction), (Some(Dialect::Postgres), vec![0], true));
    let up = f.up_statements(Dialect::Postgres).unwrap();
    assert_eq!((up.len(), up[0].line, up[1].line), (2, 7, 8));
    assert_eq!(f.down_statements(Dialect::Postgres).unwrap().unwrap().len(), 2);
    assert!(!f.applies_to(Dialect::Sqlite));
}

#[test]
fn the_checksum_ignores_formatting_and_sees_every_change() {
    let base = parse("V001_20250114_create_users.sql", FILE).unwrap().checksum;
    let reformatted =
        FILE.replace('\n', "\r\n").replace("CREATE TABLE users (id int);", "CREATE   TABLE users\n  (id int); -- why");
    assert_eq!(parse("V001_20250114_create_users.sql", &reformatted).unwrap().checksum, base);
    for changed in [
        FILE.replace("(id int)", "(id bigint)"),
        FILE.replace("DROP TABLE IF EXISTS users;", ""),
        FILE.replace("postgresql", "any"),
        FILE.replace("-- Dependencies: V000\n", ""),
        FILE.replace("-- === UP Migration ===", "-- migrate:no-transaction\n-- === UP Migration ==="),
    ] {
        assert_ne!(parse("V001_20250114_create_users.sql", &changed).unwrap().checksum, base, "{changed}");
    }
}

#[test]
fn misnamed_files_are_errors_naming_the_file_and_the_expected_form() {
    for name in [
        "V1_create.sql",
        "001_20250114_create.sql",
        "Vx_20250114_create.sql",
        "V001_2025_create.sql",
        "V001_20250114_Create-Users.sql",
    ] {
        let err = parse(name, FILE).unwrap_err();
        assert!(err.to_string().starts_with(&format!("migrations/{name}: ")), "{err}");
        assert!(err.to_string().contains("V001_20250114200000_create_users.sql"), "{err}");
    }
}

#[test]
fn header_and_section_errors_name_the_line() {
    let cases = [
        (FILE.replace("-- Version: 001", "-- Version: 002"), 2, "does not match version 1"),
        (FILE.replace("postgresql", "oracle"), 3, "unknown `Database: oracle`"),
        (FILE.replace("V000", "latest"), 4, "not a version"),
        (format!("{FILE}-- === UP Migration ===\n"), 13, "a second UP section"),
        ("-- === DOWN Migration ===\nDROP TABLE t;\n".to_owned(), 1, "without an UP section"),
        (FILE.replace("CREATE INDEX idx ON users (id);", "CREATE INDEX 'idx ON users (id);"), 8, "unterminated string"),
    ];
    for (text, line, message) in cases {
        let err = match parse("V001_20250114_create_users.sql", &text) {
            Err(e) => e,
            Ok(f) => f.up_statements(Dialect::Postgres).unwrap_err(),
        };
        assert_eq!(err.line, Some(line), "{err}");
        assert!(err.message.contains(message), "{err}");
    }
}

#[test]
fn a_file_without_markers_is_all_up_and_has_no_down() {
    let f = parse("V002_20250114_plain.sql", "-- just SQL\nCREATE TABLE t (id int);\n").unwrap();
    assert_eq!(f.up_statements(Dialect::Sqlite).unwrap().len(), 1);
    assert!(f.down.is_none());
    assert_eq!(f.name, "plain");
}
