//! Default names for indexes and constraints the user did not name: the builder's, which
//! generated migrations and templates use too.
//!
//! ```
//! use migrate_schema::naming;
//! assert_eq!(naming::index("posts", &["user_id"]), "idx_posts_user_id");
//! assert_eq!(naming::foreign_key("posts", &["user_id"]), "posts_user_id_fkey");
//! ```
//!
//! They follow PostgreSQL's conventions (`users_email_key`, `posts_user_id_fkey`) so that
//! a schema reads the same whoever created it, and are shortened with a hash suffix to
//! fit the 63-byte identifier limit.

use sha2::{Digest, Sha256};

/// `idx_{table}_{columns}`.
pub fn index(table: &str, columns: &[&str]) -> String {
    fit(format!("idx_{table}_{}", columns.join("_")))
}

/// `{table}_{columns}_key`.
pub fn unique(table: &str, columns: &[&str]) -> String {
    fit(format!("{table}_{}_key", columns.join("_")))
}

/// `{table}_{columns}_fkey`.
pub fn foreign_key(table: &str, columns: &[&str]) -> String {
    fit(format!("{table}_{}_fkey", columns.join("_")))
}

/// `{table}_check_{hash of the expression}`.
pub fn check(table: &str, expr: &str) -> String {
    fit(format!("{table}_check_{}", &short_hash(expr)))
}

/// `{table}_{column}` for a PostgreSQL enum type.
pub fn enum_type(table: &str, column: &str) -> String {
    fit(format!("{table}_{column}"))
}

fn fit(name: String) -> String {
    const MAX: usize = 63;
    if name.len() <= MAX {
        return name;
    }
    let mut cut = MAX - 9;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}_{}", &name[..cut], short_hash(&name))
}

fn short_hash(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_shortened_to_63_bytes_with_a_stable_hash() {
        let long = "a".repeat(80);
        let name = index(&long, &["email"]);
        assert_eq!(name.len(), 63);
        assert_eq!(name, index(&long, &["email"]));
        assert_ne!(name, index(&long, &["other"]));
    }
}
