//! The round trip of `roundtrip.rs` through the Rust output (the cases, Sakila,
//! Chinook, Pagila): `migrate new --from-db`
//! (Rust, the default) on a database the native client built, the migration it writes
//! committed under `copies/` and compiled with the tests, then applied to an empty database;
//! the catalogs of the two, as the databases report them, must be equal line for line.
//!
//! Regenerate with `UPDATE_GENERATED=1 cargo test -p migrate-tests --test it generated`
//! (twice: the second run compiles what the first wrote).

use super::assert_generated;
use crate::db::TestDb;
use crate::engine::Dir;
use crate::process::text;
use crate::roundtrip::{cases, differences, full_catalog, sakila};
use migrate::schema::Dialect;
use migrate::{Migrator, UpTarget};
use std::process::{Command, Stdio};

#[rustfmt::skip]
mod mysql_cases;
#[rustfmt::skip]
mod mysql_chinook;
#[rustfmt::skip]
mod mysql_sakila;
#[rustfmt::skip]
mod postgres_cases;
#[rustfmt::skip]
mod postgres_chinook;
#[rustfmt::skip]
mod postgres_pagila;
#[rustfmt::skip]
mod postgres_sakila;
#[rustfmt::skip]
mod sqlite_cases;
#[rustfmt::skip]
mod sqlite_chinook;
#[rustfmt::skip]
mod sqlite_sakila;

const BIN: &str = env!("CARGO_BIN_EXE_migrate-sql-only");

/// The schemas of `dialect`, each with the name of its committed copy and the version the
/// copy carries (one crate holds them all, so each has its own).
fn schemas(dialect: Dialect) -> Vec<(String, Option<String>, u64)> {
    let (prefix, base) = match dialect {
        Dialect::Sqlite => ("sqlite", 1000),
        Dialect::MySql => ("mysql", 1010),
        Dialect::Postgres => ("postgres", 1020),
    };
    let all_cases = cases(dialect).iter().map(|(_, sql)| *sql).collect::<Vec<_>>().join("\n");
    let chinook = match dialect {
        Dialect::Sqlite => "chinook/Chinook_Sqlite_AutoIncrementPKs.sql",
        Dialect::MySql => "chinook/Chinook_MySql_AutoIncrementPKs.sql",
        Dialect::Postgres => "chinook/Chinook_PostgreSql_SerialPKs.sql",
    };
    let mut schemas = vec![
        (format!("{prefix}_cases"), Some(all_cases), base + 1),
        (format!("{prefix}_sakila"), sakila(dialect), base + 2),
        (format!("{prefix}_chinook"), crate::roundtrip::corpus_schema(dialect, chinook, |t| t), base + 3),
    ];
    if dialect == Dialect::Postgres {
        schemas.push(("postgres_pagila".to_owned(), crate::roundtrip::pagila(), base + 4));
    }
    schemas
}

async fn rust_copies_are_exact(dialect: Dialect) {
    let mut missing = Vec::new();
    for (name, sql, version) in schemas(dialect) {
        let Some(sql) = sql else { return };
        let Some(mut original) = TestDb::new(dialect).await else { return };
        crate::native::run(&original.url, &sql).unwrap_or_else(|e| panic!("{dialect} {name}: the native client: {e}"));
        let (empty, rust_dir) = (Dir::new(), Dir::new());
        let out = Command::new(BIN)
            .arg("--database-url")
            .arg(&original.url)
            .arg("--migrations")
            .arg(empty.path())
            .args(["new", "copy", "--from-db", "--dir"])
            .arg(rust_dir.path())
            .env_remove("DATABASE_URL")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{dialect} {name}: new --from-db: {}", text(&out));
        let written = std::fs::read_to_string(rust_dir.path().join("v001_copy.rs")).unwrap();
        assert_generated(
            &format!("copies/{name}.rs"),
            &written.replace("version = 1,", &format!("version = {version},")),
        );

        let module = format!("::generated::copies::{name}");
        let registered = migrate::registered().unwrap();
        let Some(copy_migration) = registered.iter().find(|m| m.module.ends_with(&module)) else {
            missing.push(name);
            continue;
        };
        let mut copy = TestDb::new(dialect).await.expect("a second database");
        let migrator = Migrator::new(&[copy_migration], Vec::new()).unwrap();
        if let Err(e) = migrator.up(&mut copy.conn, UpTarget::default()).await {
            panic!("{dialect} {name}: the generated Rust migration fails: {e}");
        }
        let (a, c) = (full_catalog(&mut original.conn).await, full_catalog(&mut copy.conn).await);
        assert!(a == c, "{dialect} {name}: the Rust copy differs:\n{}", differences(&a, &c));
        original.drop().await;
        copy.drop().await;
    }
    assert!(missing.is_empty(), "{dialect}: not compiled in yet (run the tests again): {missing:?}");
}

on_every_database!(rust_copies_are_exact);
