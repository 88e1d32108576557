//! Statements that decide transactions themselves: top-level `BEGIN`, `COMMIT`, `ROLLBACK`,
//! `SAVEPOINT` and their kin, and statements a database refuses to run inside a
//! transaction. A file holding one must say `-- migrate:no-transaction`, so that its
//! statements run as written instead of inside the tool's own transaction.

use migrate_schema::Dialect;

/// Why a statement cannot run inside the tool's transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    /// It opens, ends or nests a transaction (`BEGIN`, `COMMIT`, `SAVEPOINT` …), written
    /// as it starts.
    Transaction(String),
    /// The database refuses it inside a transaction block (`CREATE INDEX CONCURRENTLY`).
    OutsideTransaction(String),
}

impl Control {
    /// What the statement is, as its first words say.
    pub fn statement(&self) -> &str {
        match self {
            Control::Transaction(s) | Control::OutsideTransaction(s) => s,
        }
    }
}

/// Whether `sql` (one statement, as the splitter cut it) controls transactions or must run
/// outside one in `dialect`.
///
/// ```
/// use migrate::sql::{Control, control};
/// use migrate::schema::Dialect;
///
/// assert!(matches!(control(Dialect::Postgres, "BEGIN"), Some(Control::Transaction(_))));
/// assert!(matches!(control(Dialect::Postgres, "CREATE INDEX CONCURRENTLY i ON t (a)"), Some(Control::OutsideTransaction(_))));
/// assert_eq!(control(Dialect::Sqlite, "CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END"), None);
/// assert_eq!(control(Dialect::Postgres, "DO $$ BEGIN PERFORM 1; END $$"), None);
/// ```
pub fn control(dialect: Dialect, sql: &str) -> Option<Control> {
    let words = leading_words(sql, 5);
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or_default();
    let head = |n: usize| words.iter().take(n).cloned().collect::<Vec<_>>().join(" ");
    let transaction = match w(0) {
        // `BEGIN ATOMIC` is a function body; MySQL's `BEGIN NOT ATOMIC` a compound statement.
        "BEGIN" => !matches!(w(1), "ATOMIC" | "NOT"),
        "START" => w(1) == "TRANSACTION",
        "COMMIT" | "ROLLBACK" | "SAVEPOINT" | "RELEASE" => true,
        "END" => dialect != Dialect::MySql,
        "ABORT" => dialect == Dialect::Postgres,
        _ => false,
    };
    if transaction {
        return Some(Control::Transaction(head(2)));
    }
    let outside = match dialect {
        Dialect::Postgres => {
            let concurrently = words.iter().take(4).any(|x| x == "CONCURRENTLY")
                && matches!(w(0), "CREATE" | "DROP" | "REINDEX" | "REFRESH");
            concurrently
                || matches!(w(0), "VACUUM")
                || (w(0) == "ALTER" && w(1) == "SYSTEM")
                || (matches!(w(0), "CREATE" | "DROP") && matches!(w(1), "DATABASE" | "TABLESPACE"))
        }
        Dialect::Sqlite => w(0) == "VACUUM" || (w(0) == "PRAGMA" && is_outside_pragma(sql)),
        Dialect::MySql => false,
    };
    outside.then(|| Control::OutsideTransaction(head(3)))
}

/// Whether `sql` changes the session for the statements after it in a way the database's
/// own client forgets when the file's session ends: a PostgreSQL `SET` (not `SET LOCAL`)
/// or `set_config(…)`, such as dump files start with (`search_path`,
/// `standard_conforming_strings`), and MySQL `USE other_db`.
///
/// ```
/// use migrate::schema::Dialect;
/// assert!(migrate::sql::moves_session(Dialect::Postgres, "SET search_path TO app, public"));
/// assert!(migrate::sql::moves_session(Dialect::Postgres, "SELECT pg_catalog.set_config('search_path', '', false)"));
/// assert!(migrate::sql::moves_session(Dialect::MySql, "-- the app's database\nUSE `app`"));
/// assert!(!migrate::sql::moves_session(Dialect::Postgres, "SET LOCAL search_path TO app"));
/// assert!(!migrate::sql::moves_session(Dialect::MySql, "UPDATE t SET used = 1"));
/// ```
pub fn moves_session(dialect: Dialect, sql: &str) -> bool {
    let words = leading_words(sql, 2);
    let word = |i: usize| words.get(i).map(String::as_str);
    match dialect {
        Dialect::Postgres => {
            (word(0) == Some("SET") && word(1) != Some("LOCAL") && word(1) != Some("CONSTRAINTS"))
                || (word(0) == Some("SELECT") && sql.to_ascii_lowercase().contains("set_config("))
        }
        Dialect::MySql => word(0) == Some("USE"),
        Dialect::Sqlite => false,
    }
}

/// Whether `sql` only creates a table, index, view or trigger (`CREATE [TEMP|TEMPORARY]
/// [UNIQUE] TABLE|INDEX|VIEW|TRIGGER ...`): nothing that changes rows or drops anything.
///
/// ```
/// assert!(migrate::sql::creates_object("-- posts\nCREATE UNIQUE INDEX i ON t (a)"));
/// assert!(!migrate::sql::creates_object("CREATE VIRTUAL TABLE f USING fts5(x)"));
/// ```
pub fn creates_object(sql: &str) -> bool {
    let words = leading_words(sql, 4);
    let mut words = words.iter().map(String::as_str);
    if words.next() != Some("CREATE") {
        return false;
    }
    for word in words {
        match word {
            "TEMP" | "TEMPORARY" | "UNIQUE" => continue,
            "TABLE" | "INDEX" | "VIEW" | "TRIGGER" => return true,
            _ => return false,
        }
    }
    false
}

/// The first `n` words of `sql`, upper-cased, after any leading comments.
fn leading_words(sql: &str, n: usize) -> Vec<String> {
    let mut rest = sql.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("--").or_else(|| rest.strip_prefix('#')) {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_ascii_uppercase)
        .collect()
}

/// Whether `PRAGMA [schema.]name …` sets a pragma that has no effect, or fails, inside a
/// transaction.
fn is_outside_pragma(sql: &str) -> bool {
    let words = leading_words(sql, 3);
    words.iter().skip(1).take(2).any(|w| matches!(w.as_str(), "FOREIGN_KEYS" | "JOURNAL_MODE"))
}

#[cfg(test)]
mod tests {
    use super::creates_object as creates;

    #[test]
    fn only_statements_that_create_objects_skip_the_foreign_key_check() {
        for sql in [
            "CREATE TABLE t (id integer REFERENCES p (id))",
            "-- the table\n/* of posts */ create unique index i ON t (a)",
            "CREATE TEMP VIEW v AS SELECT 1",
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END",
        ] {
            assert!(creates(sql), "{sql}");
        }
        for sql in [
            "INSERT INTO t VALUES (1)",
            "DROP TABLE p",
            "ALTER TABLE t ADD COLUMN p integer REFERENCES p (id) DEFAULT 7",
            "CREATE VIRTUAL TABLE f USING fts5(x)",
            "-- CREATE TABLE\nDELETE FROM p",
            "",
        ] {
            assert!(!creates(sql), "{sql}");
        }
    }
}
