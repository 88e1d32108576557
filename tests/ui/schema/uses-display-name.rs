//! Code selecting `users.display_name` through the typed schema module generated while
//! the column exists: it compiles.

#[path = "before.generated.rs"]
mod schema;

use migrate::schema::sea_query::{Query, SqliteQueryBuilder};
use schema::{Users, UsersRow};

fn names(rows: Vec<UsersRow>) -> Vec<Option<String>> {
    rows.into_iter().map(|row| row.display_name).collect()
}

fn main() {
    let sql = Query::select().columns([Users::Id, Users::DisplayName]).from(Users::Table).to_string(SqliteQueryBuilder);
    assert_eq!(sql, r#"SELECT "id", "display_name" FROM "users""#);
    assert!(names(Vec::new()).is_empty());
}
