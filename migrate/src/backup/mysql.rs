//! MySQL/MariaDB's backup: `mysqldump --single-transaction` (routines and triggers
//! included) and the `mysql` client, and the schema alone with `mysqldump --no-data`; the
//! client tools get the server from the URL and the password through the environment.

use super::{Native, installed, run};
use crate::driver::{Connection, redact};
use crate::error::{Error, Result};
use crate::tables::Tables;
use migrate_schema::Dialect;
use std::path::Path;
use std::process::Command;

pub(super) struct MySql;

impl Native for MySql {
    const METHOD: &'static str = "mysqldump";
    const EXTENSION: &'static str = "sql";

    fn available() -> bool {
        installed("mysqldump") && installed("mysql")
    }

    async fn dump(conn: &mut Connection, url: &str, file: &Path) -> Result<()> {
        let own = conn.tables();
        let target = MySqlTarget::parse(url)?;
        let mut c = target.command("mysqldump");
        c.args(["--single-transaction", "--routines", "--triggers", "--no-tablespaces"]);
        for table in [&own.audit, &own.lock] {
            c.arg(format!("--ignore-table={}.{table}", target.database));
        }
        c.arg(&target.database);
        let out = std::fs::File::create(file).map_err(Error::io(format!("creating {}", file.display())))?;
        c.stdout(out);
        run(c, "mysqldump", None)
    }

    async fn load(_: &mut Connection, url: &str, file: &Path) -> Result<()> {
        let target = MySqlTarget::parse(url)?;
        let mut c = target.command("mysql");
        c.arg(&target.database);
        let input = std::fs::File::open(file).map_err(Error::io(format!("reading {}", file.display())))?;
        run(c, "mysql", Some(input))
    }

    fn schema(url: &str, own: &Tables) -> Option<Vec<String>> {
        let target = MySqlTarget::parse(url).ok()?;
        let mut c = target.command("mysqldump");
        c.args(["--no-data", "--routines", "--triggers", "--skip-comments", "--no-tablespaces"]);
        for table in [&own.history, &own.audit, &own.lock, &own.kept] {
            c.arg(format!("--ignore-table={}.{table}", target.database));
        }
        c.arg(&target.database);
        let text = super::output_of(c)?;
        // Statement by statement, reading the dump's DELIMITER lines.
        crate::sql::split(&text, Dialect::MySql).ok().map(|s| s.into_iter().map(|s| s.sql).collect())
    }
}

/// Where a `mysql://user:password@host:port/database` URL points, for the client tools.
struct MySqlTarget {
    host: String,
    port: String,
    user: String,
    password: String,
    database: String,
}

impl MySqlTarget {
    fn parse(url: &str) -> Result<MySqlTarget> {
        let bad = || Error::Config(format!("{}: expected mysql://user[:password]@host[:port]/database", redact(url)));
        let rest = url.strip_prefix("mysql://").or_else(|| url.strip_prefix("mariadb://")).ok_or_else(bad)?;
        let rest = rest.split('?').next().unwrap_or_default();
        let (auth, location) = rest.rsplit_once('@').unwrap_or(("root", rest));
        let (host_port, database) = location.split_once('/').ok_or_else(bad)?;
        let (host, port) = host_port.split_once(':').unwrap_or((host_port, "3306"));
        let (user, password) = auth.split_once(':').unwrap_or((auth, ""));
        if database.is_empty() {
            return Err(bad());
        }
        Ok(MySqlTarget {
            host: host.to_owned(),
            port: port.to_owned(),
            user: user.to_owned(),
            password: password.to_owned(),
            database: database.to_owned(),
        })
    }

    /// The tool, pointed at the server; the password goes through the environment, not
    /// the command line other users can read.
    fn command(&self, tool: &str) -> Command {
        let mut c = Command::new(tool);
        c.args(["-h", &self.host, "-P", &self.port, "-u", &self.user, "--protocol=TCP"]);
        c.env("MYSQL_PWD", &self.password);
        c
    }
}
