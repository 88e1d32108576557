//! `migrate.sum`: `migrate hash` writes it, every command checks it, and two git branches
//! that each add a migration conflict on it when merged.

use crate::db::{TestDb, strings};
use crate::engine::Dir;
use crate::process::{migrate_at, text};
use migrate::schema::Dialect;
use std::process::{Command, Output};

fn run(db: &TestDb, dir: &Dir, args: &[&str]) -> Output {
    migrate_at(&db.url, dir, args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

async fn a_migration_changed_without_hash_is_refused_by_name(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", Some("DROP TABLE one;"));
    dir.write(2, "two", "CREATE TABLE two (id integer);", Some("DROP TABLE two;"));
    let hash = run(&db, &dir, &["hash"]);
    assert!(hash.status.success(), "{}", text(&hash));
    assert!(run(&db, &dir, &["up"]).status.success());

    dir.write(2, "two", "CREATE TABLE two (id bigint);", Some("DROP TABLE two;"));
    let edited = run(&db, &dir, &["status"]);
    assert_eq!(edited.status.code(), Some(1), "{}", text(&edited));
    assert!(stderr(&edited).contains("V002 (") && stderr(&edited).contains("_two.sql) edited"), "{}", text(&edited));
    assert!(stderr(&edited).contains("migrate hash"), "{}", text(&edited));

    dir.write(2, "two", "CREATE TABLE two (id integer);", Some("DROP TABLE two;"));
    dir.write(3, "three", "CREATE TABLE three (id integer);", None);
    let added = run(&db, &dir, &["up"]);
    assert_eq!(added.status.code(), Some(1), "{}", text(&added));
    assert!(stderr(&added).contains("_three.sql) added"), "{}", text(&added));
    assert!(!db.conn.table_exists("three").await.unwrap(), "nothing ran");

    // In an emergency: --no-sum-check goes on, and the audit says so.
    let forced = run(&db, &dir, &["--no-sum-check", "up"]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert!(db.conn.table_exists("three").await.unwrap());
    let audit =
        strings(&mut db.conn, "SELECT detail FROM schema_migrations_audit WHERE action = 'sum-check-skipped'").await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(audit[0].contains("_three.sql) added"), "{audit:?}");

    assert!(run(&db, &dir, &["hash"]).status.success());
    assert!(run(&db, &dir, &["status", "--check"]).status.success());
    db.drop().await;
}

#[tokio::test]
async fn new_keeps_the_sum_current_and_a_project_without_one_is_not_checked() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    let status = run(&db, &dir, &["status"]);
    assert!(status.status.success(), "{}", text(&status));
    assert_eq!(stderr(&status).matches("`migrate hash`").count(), 1, "hinted once: {}", text(&status));

    assert!(run(&db, &dir, &["hash"]).status.success());
    let new = run(&db, &dir, &["new", "add_two", "--sql"]);
    assert!(new.status.success(), "{}", text(&new));
    let status = run(&db, &dir, &["status"]);
    assert!(status.status.success(), "{}", text(&status));
    assert!(!stderr(&status).contains("hint"), "{}", text(&status));
    let sum = std::fs::read_to_string(dir.path().join("migrate.sum")).unwrap();
    assert!(sum.contains("\nV002 sql "), "{sum}");
    db.drop().await;
}

#[tokio::test]
async fn a_hand_edited_sum_file_is_an_error_naming_its_line() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    assert!(run(&db, &dir, &["hash"]).status.success());
    let path = dir.path().join("migrate.sum");
    let text_now = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text_now.replace(" sql ", " sql 0")).unwrap();
    let o = run(&db, &dir, &["status"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(stderr(&o).contains("migrate.sum:3: the total does not match"), "{}", text(&o));
    db.drop().await;
}

fn git(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"])
        .args(args)
        .output()
        .unwrap()
}

#[tokio::test]
async fn two_branches_adding_the_same_version_conflict_on_the_sum_file_when_merged() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    assert!(run(&db, &dir, &["hash"]).status.success());
    git(dir.path(), &["add", "."]);
    assert!(git(dir.path(), &["commit", "-qm", "base"]).status.success());
    for (branch, table) in [("alice", "posts"), ("bob", "tags")] {
        git(dir.path(), &["checkout", "-qb", branch, "main"]);
        dir.write(42, table, &format!("CREATE TABLE {table} (id integer);"), None);
        assert!(run(&db, &dir, &["hash"]).status.success());
        git(dir.path(), &["add", "."]);
        assert!(git(dir.path(), &["commit", "-qm", branch]).status.success());
    }
    git(dir.path(), &["checkout", "-q", "alice"]);
    let merge = git(dir.path(), &["merge", "-q", "bob"]);
    assert!(!merge.status.success(), "the merge must conflict: {}", text(&merge));
    let conflicted = git(dir.path(), &["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(String::from_utf8_lossy(&conflicted.stdout).trim(), "migrate.sum");
    // Whatever runs next names the conflict.
    let o = run(&db, &dir, &["status"]);
    assert_ne!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        stderr(&o).contains("merge conflict") || stderr(&o).contains("duplicate migration version 42"),
        "{}",
        text(&o)
    );
    db.drop().await;
}

/// `check --base main --json` in `dir`: the exit code and the kinds of its problems.
fn check_base(db: &TestDb, dir: &Dir) -> (Option<i32>, Vec<String>) {
    let o = run(db, dir, &["--json", "check", "--base", "main", "--dialect", "sqlite"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&o)));
    let kinds = doc["problems"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap().to_owned()).collect();
    (o.status.code(), kinds)
}

#[tokio::test]
async fn check_against_a_git_base_catches_edits_low_versions_and_a_missing_hash() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    dir.write(5, "five", "CREATE TABLE five (id integer);", None);
    assert!(run(&db, &dir, &["hash"]).status.success());
    git(dir.path(), &["add", "."]);
    assert!(git(dir.path(), &["commit", "-qm", "base"]).status.success());
    git(dir.path(), &["checkout", "-qb", "feature"]);

    dir.write(6, "six", "CREATE TABLE six (id integer);", None);
    assert!(run(&db, &dir, &["hash"]).status.success());
    assert_eq!(check_base(&db, &dir), (Some(0), vec![]));

    // A migration that is on the base, edited (and hashed, so only the base sees it).
    dir.write(1, "one", "CREATE TABLE one (id bigint);", None);
    assert!(run(&db, &dir, &["hash"]).status.success());
    assert_eq!(check_base(&db, &dir), (Some(3), vec!["edited".to_owned()]));
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);

    // A new migration below the base's highest.
    dir.write(3, "three", "CREATE TABLE three (id integer);", None);
    assert!(run(&db, &dir, &["hash"]).status.success());
    assert_eq!(check_base(&db, &dir), (Some(3), vec!["below_base".to_owned()]));
    std::fs::remove_file(dir.path().join("V003_20250114200000_three.sql")).unwrap();

    // A new migration without `migrate hash`.
    assert!(run(&db, &dir, &["hash"]).status.success());
    dir.write(7, "seven", "CREATE TABLE seven (id integer);", None);
    assert_eq!(check_base(&db, &dir), (Some(3), vec!["sum".to_owned()]));

    // A new migration with a high risk it does not accept; then a base that does not exist.
    dir.write(7, "seven", "DROP TABLE five;", None);
    assert!(run(&db, &dir, &["hash"]).status.success());
    assert_eq!(check_base(&db, &dir), (Some(3), vec!["risk".to_owned()]));
    let unknown_base = run(&db, &dir, &["check", "--base", "no-such-branch", "--dialect", "sqlite"]);
    assert_eq!(unknown_base.status.code(), Some(2), "{}", text(&unknown_base));
    db.drop().await;
}

/// Alice and Bob each add V042 on a branch; a database gets Alice's; Bob merges hers,
/// which conflicts on migrate.sum, and `rebase --base alice` moves his to V043: the
/// database that had Alice's applies his next, and a new one applies all in order.
async fn rebase_after_a_merge_lets_both_branches_apply_in_order(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    dir.write(1, "one", "CREATE TABLE one (id integer);", None);
    assert!(run(&db, &dir, &["hash"]).status.success());
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "base"]);
    for (branch, table) in [("alice", "posts"), ("bob", "tags")] {
        git(dir.path(), &["checkout", "-qb", branch, "main"]);
        dir.write(42, table, &format!("CREATE TABLE {table} (id integer);"), Some(&format!("DROP TABLE {table};")));
        assert!(run(&db, &dir, &["hash"]).status.success());
        git(dir.path(), &["add", "."]);
        git(dir.path(), &["commit", "-qm", branch]);
    }
    git(dir.path(), &["checkout", "-q", "alice"]);
    assert!(run(&db, &dir, &["up"]).status.success());
    git(dir.path(), &["checkout", "-q", "bob"]);
    assert!(!git(dir.path(), &["merge", "-q", "alice"]).status.success(), "conflicts on migrate.sum");

    let rebase = run(&db, &dir, &["rebase", "--base", "alice"]);
    assert!(rebase.status.success(), "{}", text(&rebase));
    assert!(stderr(&rebase).contains("V042 -> V043"), "{}", text(&rebase));
    assert!(dir.path().join("V043_20250114200000_tags.sql").exists());
    git(dir.path(), &["add", "-A"]);
    assert!(git(dir.path(), &["commit", "-qm", "merge alice"]).status.success());

    let up = run(&db, &dir, &["up"]);
    assert!(up.status.success(), "{}", text(&up));
    let applied = strings(&mut db.conn, "SELECT CAST(version AS char(20)) FROM schema_migrations ORDER BY id").await;
    assert_eq!(applied.iter().map(|v| v.trim()).collect::<Vec<_>>(), ["1", "42", "43"]);
    assert!(db.conn.table_exists("tags").await.unwrap() && db.conn.table_exists("posts").await.unwrap());
    let check = run(&db, &dir, &["status", "--check"]);
    assert!(check.status.success(), "{}", text(&check));
    // Alice's V042 is applied here: renumbering it is refused.
    let refused = run(&db, &dir, &["rebase", "42"]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    assert!(stderr(&refused).contains("already applied to this database"), "{}", text(&refused));
    db.drop().await;
}

on_every_database!(
    a_migration_changed_without_hash_is_refused_by_name,
    rebase_after_a_merge_lets_both_branches_apply_in_order,
);
