//! PostgreSQL's backup: `pg_dump --format=custom` and `pg_restore`, and the schema alone
//! with `pg_dump --schema-only` (for a scratch database).

use super::{Native, installed, run};
use crate::driver::Connection;
use crate::error::Result;
use crate::tables::Tables;
use std::path::Path;
use std::process::Command;

pub(super) struct Postgres;

impl Native for Postgres {
    const METHOD: &'static str = "pg_dump";
    const EXTENSION: &'static str = "dump";

    fn available() -> bool {
        installed("pg_dump") && installed("pg_restore")
    }

    async fn dump(conn: &mut Connection, url: &str, file: &Path) -> Result<()> {
        let own = conn.tables();
        let mut c = Command::new("pg_dump");
        c.args(["--format=custom", "--no-owner"]);
        for table in [&own.audit, &own.lock] {
            c.arg(format!("--exclude-table={table}"));
        }
        c.arg("--file").arg(file).arg(url);
        run(c, "pg_dump", None)
    }

    async fn load(_: &mut Connection, url: &str, file: &Path) -> Result<()> {
        let mut c = Command::new("pg_restore");
        c.args(["--no-owner", "--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--dbname"]);
        c.arg(url).arg(file);
        run(c, "pg_restore", None)
    }

    fn schema(url: &str, own: &Tables) -> Option<Vec<String>> {
        let mut c = Command::new("pg_dump");
        c.args(["--schema-only", "--no-owner", "--no-privileges"]);
        for table in [&own.history, &own.audit, &own.lock, &own.kept] {
            c.arg(format!("--exclude-table={table}"));
        }
        c.arg(url);
        let text = super::output_of(c)?;
        // One text of many statements, which PostgreSQL's simple protocol runs in order;
        // psql's meta-commands (`\restrict`) are for psql only.
        Some(vec![text.lines().filter(|l| !l.starts_with('\\')).collect::<Vec<_>>().join("\n")])
    }
}
