//! `migrate new --template`: parameters checked before anything is written, against the
//! schema the migrations replay to; the SQL a template writes applies and rolls back.

use super::from_db::run;
use crate::db::TestDb;
use crate::engine::Dir;
use crate::process::text;
use migrate::schema::Dialect;

fn files(dir: &Dir) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    names.sort();
    names
}

#[test]
fn template_parameters_are_checked_before_anything_is_written() {
    let (sql, rust) = (Dir::new(), Dir::new());
    let dir = rust.path().to_str().unwrap();
    let url = format!("sqlite://{}/never-opened.db", sql.path().display());
    for (args, message) in [
        (
            &["--template", "add-column", "--table", "nope", "--column", "c", "--type", "String"][..],
            "table `nope` does not exist",
        ),
        (&["--template", "add-column", "--table", "users", "--column", "email", "--type", "String"], "users.email"),
        (&["--template", "add-column", "--table", "users", "--column", "c", "--type", "Strng"], "unknown type `Strng`"),
        (
            &["--template", "add-column", "--table", "users", "--column", "1c", "--type", "i32"],
            "not a plain identifier",
        ),
        (&["--template", "drop-table", "--table", "users", "--column", "c"], "does not take --column"),
        (&["--template", "rename-column", "--table", "users", "--column", "email"], "needs --to"),
        (&["--template", "drop-constraint", "--table", "users", "--object", "nope"], "no unique, check or foreign-key"),
        (&["--template", "update", "--table", "users", "--columns", "email"], "needs --where"),
        (&["--template", "insert", "--table", "users", "--columns", "mail"], "has no column `mail`"),
        (&["--table", "users"], "add --template KIND"),
    ] {
        let out = run(&url, &sql, &[&["new", "t", "--dir", dir][..], args].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: expected `{message}` in: {stderr}");
    }
    assert!(files(&rust).is_empty() && files(&sql).is_empty(), "nothing written");
}

#[test]
fn a_template_writes_builder_code() {
    let (sql, rust) = (Dir::new(), Dir::new());
    let url = format!("sqlite://{}/never-opened.db", sql.path().display());
    let dir = rust.path().to_str().unwrap();
    let args = ["new", "add bio", "--dir", dir, "--template", "add-column", "--table", "users", "--column", "bio"];
    let out = run(&url, &sql, &[&args[..], &["--type", "varchar(500)", "--nullable", "--default", "'none'"]].concat());
    assert!(out.status.success(), "{}", text(&out));
    let code = std::fs::read_to_string(rust.path().join("v002_add_bio.rs")).unwrap();
    let compact: String = code.split_whitespace().collect();
    assert!(
        compact.contains(r#"s.add_column::<Option<String>>("users","bio").max_len(500).default("none");"#),
        "{code}"
    );
}

#[tokio::test]
async fn template_sql_applies_and_rolls_back() {
    let db = TestDb::new(Dialect::Sqlite).await.unwrap();
    let sql = Dir::new();
    assert!(run(&db.url, &sql, &["up"]).status.success());
    for args in [
        &[
            "--template",
            "create-table",
            "--table",
            "tags",
            "--columns",
            "label:varchar(50),weight:decimal(10,2)?,user_id:i64?",
        ][..],
        &["--template", "add-foreign-key", "--table", "tags", "--columns", "user_id", "--references", "users.id"],
        &["--template", "create-index", "--table", "tags", "--columns", "label", "--unique"],
        &["--template", "modify-column", "--table", "users", "--column", "name", "--not-null", "--default", "'x'"],
    ] {
        let out = run(&db.url, &sql, &[&["new", "step", "--sql"][..], args].concat());
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    }
    assert_eq!(files(&sql).len(), 4);
    for args in [&["up"][..], &["down", "--step", "4"], &["up"]] {
        let out = run(&db.url, &sql, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    }
    let out =
        run(&db.url, &sql, &["new", "seed", "--sql", "--template", "insert", "--table", "tags", "--columns", "label"]);
    assert!(out.status.success(), "{}", text(&out));
    let up = run(&db.url, &sql, &["up"]);
    assert!(up.status.success(), "{}", text(&up));
    db.drop().await;
}
