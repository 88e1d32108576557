//! The same code once a migration dropped `users.display_name` and the module was
//! generated again: it no longer compiles.

#[path = "after.generated.rs"]
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
