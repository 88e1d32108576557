//! The databases' own clients, run on SQL text as a user would run a migration file by
//! hand: `psql -f`, `mariadb < file`, `sqlite3 < file`. What they leave is what `migrate`
//! must leave on the same files.

use crate::db::{TestDb, catalog, strings};
use crate::engine::{Dir, migrator};
use migrate::schema::Dialect;
use migrate::{Connection, DownTarget, UpTarget};
use std::io::Write;
use std::process::{Command, Stdio};

/// Run `sql` on the database of `url` with its own client, stopping at the first error
/// (`ON_ERROR_STOP`, the MariaDB client's default, `-bail`). Returns the client's error
/// output when it fails.
pub(crate) fn run(url: &str, sql: &str) -> Result<(), String> {
    let mut command = if let Some(path) = url.strip_prefix("sqlite://") {
        let mut c = Command::new("sqlite3");
        c.args(["-bail", path.split('?').next().unwrap_or(path)]);
        c
    } else if url.starts_with("postgres") {
        let mut c = Command::new("psql");
        c.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url]);
        c
    } else {
        let (user, host, port, database) = mysql_parts(url);
        let mut c = Command::new("mariadb");
        c.args(["--protocol=tcp", "-h", &host, "-P", &port, "-u", &user, &database]);
        c
    };
    command.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| format!("starting the client: {e}"))?;
    child.stdin.take().map(|mut s| s.write_all(sql.as_bytes())).transpose().map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    match out.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
    }
}

/// `mysql://user@host:port/database` in parts (the test URLs have no password).
fn mysql_parts(url: &str) -> (String, String, String, String) {
    let rest = url.trim_start_matches("mysql://");
    let (userinfo, rest) = rest.split_once('@').unwrap_or(("root", rest));
    let user = userinfo.split(':').next().unwrap_or("root").to_owned();
    let (hostport, database) = rest.split_once('/').unwrap_or((rest, ""));
    let (host, port) = hostport.split_once(':').unwrap_or((hostport, "3306"));
    let database = database.split('?').next().unwrap_or_default().to_owned();
    (user, host.to_owned(), port.to_owned(), database)
}

/// The catalog the database reports, without the tool's own tables: tables, columns,
/// indexes and constraints ([`catalog`]), and views, triggers, functions and sequences.
pub(crate) async fn schema(conn: &mut Connection) -> Vec<String> {
    let more: &[&str] = match conn.dialect() {
        Dialect::Postgres => &[
            "SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'",
            "SELECT 'trigger ' || tgname || ' on ' || tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal",
            "SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace",
            "SELECT 'sequence ' || sequence_name || ' ' || increment FROM information_schema.sequences WHERE sequence_schema = 'public'",
        ],
        Dialect::MySql => &[
            "SELECT CONCAT('view ', table_name) FROM information_schema.views WHERE table_schema = DATABASE()",
            "SELECT CONCAT('trigger ', trigger_name, ' on ', event_object_table) FROM information_schema.triggers WHERE trigger_schema = DATABASE()",
            "SELECT CONCAT('routine ', routine_type, ' ', routine_name) FROM information_schema.routines WHERE routine_schema = DATABASE()",
        ],
        Dialect::Sqlite => &[],
    };
    let mut lines = catalog(conn).await;
    for q in more {
        lines.extend(strings(conn, q).await);
    }
    // The tool's own tables, and SQLite's counter of their AUTOINCREMENT keys.
    // The tests' own history table names: the default and `migrate_history`.
    lines.retain(|l| {
        !l.contains("schema_migrations") && !l.contains("migrate_history") && !l.starts_with("sqlite_sequence")
    });
    lines.sort();
    lines
}

/// One directory of SQL files applied twice: file by file with the database's own client
/// into one database, with `migrate` into another.
pub(crate) struct SideBySide {
    pub(crate) ours: TestDb,
    pub(crate) theirs: TestDb,
    pub(crate) dir: Dir,
    files: Vec<(String, Option<String>)>,
    history_table: Option<String>,
}

impl SideBySide {
    /// Two fresh databases of `dialect` and the files (UP, DOWN) as versions 1, 2, ….
    pub(crate) async fn new(dialect: Dialect, files: &[(&str, Option<&str>)]) -> Option<Self> {
        let ours = TestDb::new(dialect).await?;
        let theirs = TestDb::new(dialect).await.expect("a second database");
        let dir = Dir::new();
        for (i, (up, down)) in files.iter().enumerate() {
            dir.write(i as u64 + 1, &format!("step_{}", i + 1), up, *down);
        }
        let files = files.iter().map(|(u, d)| ((*u).to_owned(), d.map(str::to_owned))).collect();
        Some(Self { ours, theirs, dir, files, history_table: None })
    }

    /// `migrate` keeps its history under `name` (`history_table`).
    pub(crate) fn history_table(mut self, name: &str) -> Self {
        self.history_table = Some(name.to_owned());
        self
    }

    /// Run `sql` on both databases first (what was there before the migrations).
    pub(crate) async fn before(&mut self, sql: &str) {
        run(&self.ours.url, sql).unwrap();
        run(&self.theirs.url, sql).unwrap();
    }

    fn migrator(&self) -> migrate::Migrator {
        let m = migrator(&self.dir, &[]);
        match &self.history_table {
            Some(name) => m.history_table(name).unwrap(),
            None => m,
        }
    }

    /// Apply every file with the native client and with `migrate up`; the catalogs must
    /// be equal.
    pub(crate) async fn up(&mut self) {
        for (i, (up, _)) in self.files.iter().enumerate() {
            run(&self.theirs.url, up).unwrap_or_else(|e| panic!("the native client refused file {}: {e}", i + 1));
        }
        let m = self.migrator();
        m.up(&mut self.ours.conn, UpTarget::default()).await.unwrap_or_else(|e| panic!("migrate up: {e}"));
        self.same("after up").await;
    }

    /// Roll every file back, newest first, with the native client running the DOWN
    /// sections and with `migrate down`, comparing the catalogs after each.
    pub(crate) async fn down_to_zero(&mut self) {
        let m = self.migrator();
        for (i, (_, down)) in self.files.clone().iter().enumerate().rev() {
            let down = down.as_deref().unwrap_or_else(|| panic!("file {} has no DOWN section", i + 1));
            run(&self.theirs.url, down).unwrap_or_else(|e| panic!("the native client refused down {}: {e}", i + 1));
            m.down(&mut self.ours.conn, DownTarget::Step(1)).await.unwrap_or_else(|e| panic!("migrate down: {e}"));
            self.same(&format!("after rolling back V{}", i + 1)).await;
        }
    }

    async fn same(&mut self, when: &str) {
        let (ours, theirs) = (schema(&mut self.ours.conn).await, schema(&mut self.theirs.conn).await);
        assert_eq!(
            ours,
            theirs,
            "{}: {when}, migrate (left) and the native client (right) differ",
            self.ours.conn.dialect()
        );
    }

    pub(crate) async fn drop(self) {
        self.ours.drop().await;
        self.theirs.drop().await;
    }
}
