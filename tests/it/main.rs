//! Workspace integration tests: one binary, one module per area.

// A test that cannot set up its database should stop right there, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// Run `scenario` on each of the three databases.
macro_rules! on_every_database {
    ($($name:ident),* $(,)?) => {
        mod every_database {
            $(
                mod $name {
                    use migrate::schema::Dialect;
                    #[tokio::test]
                    async fn sqlite() { super::super::$name(Dialect::Sqlite).await }
                    #[tokio::test]
                    async fn postgres() { super::super::$name(Dialect::Postgres).await }
                    #[tokio::test]
                    async fn mysql() { super::super::$name(Dialect::MySql).await }
                }
            )*
        }
    };
}

mod app;
mod browser;
mod corpus;
mod db;
mod drift;
mod engine;
mod errors;
mod execution;
mod generated;
mod graph;
mod import;
mod interrupt;
mod introspect;
mod layout;
mod native;
mod process;
mod realworld;
mod recovery;
mod roundtrip;
mod safety;
mod seeds;
mod split;
mod squash;
mod sum;
mod ui;
