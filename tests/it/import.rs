//! `migrate import`: another tool's directory and history table, made as that tool makes
//! them, adopted so that the next `up` runs only what is new. For sqlx the tool itself
//! (sqlx's `Migrator`) applies the directory first; for the others the history table is
//! created and filled as the tool's source does it (cited per tool below).

use crate::db::{TestDb, strings};
use crate::engine::Dir;
use crate::process::text;
use migrate::schema::Dialect;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_migrate-sql-only");

const T1: &str = "CREATE TABLE t1 (id integer PRIMARY KEY);\n";
const T2: &str = "CREATE TABLE t2 (id integer PRIMARY KEY);\n";

/// The SQL-only binary in `work` (where it looks for migrate.toml), with our migrations
/// in `work/migrations`.
fn migrate(db: &TestDb, work: &Dir, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(work.path())
        .arg("--database-url")
        .arg(&db.url)
        .arg("--migrations")
        .arg(work.path().join("migrations"))
        .args(args)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(o)))
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, body) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

/// The tables of the database, from its catalog.
async fn tables(db: &mut TestDb) -> Vec<String> {
    let sql = match db.conn.dialect() {
        Dialect::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
        }
        Dialect::MySql => {
            "SELECT CAST(table_name AS char) FROM information_schema.tables WHERE table_schema = DATABASE()"
        }
        Dialect::Sqlite => "SELECT name FROM sqlite_schema WHERE type = 'table'",
    };
    let mut names = strings(&mut db.conn, sql).await;
    names.sort();
    names
}

/// `status --json` as (version, status, batch) per migration.
fn statuses(db: &TestDb, work: &Dir) -> Vec<(u64, String, Option<i64>)> {
    let o = migrate(db, work, &["--json", "status"]);
    assert!(o.status.success(), "{}", text(&o));
    json(&o)["migrations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["version"].as_u64().unwrap(), m["status"].as_str().unwrap().to_owned(), m["batch"].as_i64()))
        .collect()
}

fn new_migration(work: &Dir, version: u64) {
    let dir = work.path().join("migrations");
    std::fs::create_dir_all(&dir).unwrap();
    let text = "-- Migration: create t3\n-- === UP Migration ===\nCREATE TABLE t3 (id integer PRIMARY KEY);\n\
                -- === DOWN Migration ===\nDROP TABLE t3;\n";
    std::fs::write(dir.join(format!("V{version:03}_20260101_create_t3.sql")), text).unwrap();
}

async fn exec(db: &mut TestDb, sql: &str) {
    db.conn.execute(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// sqlx's own `Migrator` applies `dir` to the test's database.
async fn sqlx_applies(db: &mut TestDb, dir: &Path) {
    let migrator = sqlx::migrate::Migrator::new(dir).await.unwrap();
    match &mut db.conn {
        migrate::Connection::Postgres(c) => migrator.run(&mut **c).await.unwrap(),
        migrate::Connection::MySql(c) => migrator.run(&mut **c).await.unwrap(),
        migrate::Connection::Sqlite(c) => migrator.run(&mut **c).await.unwrap(),
    }
}

const SQLX_FILES: &[(&str, &str)] =
    &[("1_create_t1.sql", T1), ("2_create_t2.up.sql", T2), ("2_create_t2.down.sql", "DROP TABLE t2;\n")];

async fn sqlx_history_is_adopted_and_up_runs_only_the_new_migration(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), SQLX_FILES);
    sqlx_applies(&mut db, src.path()).await;
    let src_dir = src.path().to_str().unwrap();

    let imported = migrate(&db, &work, &["--json", "import", "--from", "sqlx", "--dir", src_dir]);
    assert!(imported.status.success(), "{}", text(&imported));
    assert_eq!(json(&imported)["adopted"]["recorded"], serde_json::json!([1, 2]), "{}", text(&imported));
    new_migration(&work, 3);
    let up = migrate(&db, &work, &["up"]);
    assert!(up.status.success(), "{}", text(&up));
    assert_eq!(
        statuses(&db, &work),
        [(1, "applied".into(), Some(0)), (2, "applied".into(), Some(0)), (3, "applied".into(), Some(1))]
    );
    assert!(tables(&mut db).await.contains(&"t3".to_owned()));
    let validate = migrate(&db, &work, &["validate"]);
    assert!(validate.status.success(), "{}", text(&validate));
    // The tool's table is left as it was, and drift says so until it is dropped.
    let check = migrate(&db, &work, &["status", "--check"]);
    assert_eq!(check.status.code(), Some(3), "{}", text(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("_sqlx_migrations"), "{}", text(&check));
    // An import run again adopts nothing new; --drop-source then drops sqlx's table.
    let again =
        migrate(&db, &work, &["--yes", "--json", "import", "--from", "sqlx", "--dir", src_dir, "--drop-source"]);
    assert!(again.status.success(), "{}", text(&again));
    assert_eq!(json(&again)["adopted"]["already"], serde_json::json!([1, 2]), "{}", text(&again));
    assert!(!tables(&mut db).await.contains(&"_sqlx_migrations".to_owned()));
    let check = migrate(&db, &work, &["status", "--check"]);
    assert!(check.status.success(), "{}", text(&check));
    // The adopted V2 kept its down: rolling back two migrations drops t3, then t2.
    let down = migrate(&db, &work, &["--yes", "down", "--step", "2"]);
    assert!(down.status.success(), "{}", text(&down));
    let left = tables(&mut db).await;
    assert!(left.contains(&"t1".to_owned()) && !left.contains(&"t2".to_owned()), "{left:?}");
    db.drop().await;
}

async fn sqlx_import_names_a_file_edited_since_sqlx_applied_it(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), SQLX_FILES);
    sqlx_applies(&mut db, src.path()).await;
    std::fs::write(src.path().join("2_create_t2.up.sql"), "CREATE TABLE t2 (id bigint PRIMARY KEY);\n").unwrap();

    let o = migrate(&db, &work, &["import", "--from", "sqlx", "--dir", src.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("2_create_t2.up.sql") && stderr.contains("edited since sqlx applied it"), "{stderr}");
    assert!(!stderr.contains("1_create_t1.sql"), "only the edited file is named: {stderr}");
    assert_eq!(stderr.matches("edited since").count(), 1, "said once: {stderr}");
    assert!(!work.path().join("migrations").exists(), "nothing was written");
    assert!(!tables(&mut db).await.contains(&"schema_migrations".to_owned()), "no history was written");
    db.drop().await;
}

async fn sqlx_import_refuses_a_migration_sqlx_did_not_finish(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), SQLX_FILES);
    sqlx_applies(&mut db, src.path()).await;
    exec(&mut db, "UPDATE _sqlx_migrations SET success = false WHERE version = 2").await;

    let o = migrate(&db, &work, &["import", "--from", "sqlx", "--dir", src.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("V2 create t2") && stderr.contains("success = false"), "{stderr}");
    assert!(stderr.contains("migrate resolve"), "{stderr}");
    assert!(!tables(&mut db).await.contains(&"schema_migrations".to_owned()));
    db.drop().await;
}

/// Another tool, as it lays out its directory and history table.
struct Tool {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// The history table as the tool creates it, on `dialect`.
    ddl: fn(Dialect) -> Vec<&'static str>,
    /// The rows the tool writes after applying the two migrations (t1, t2).
    rows: fn(Dialect) -> Vec<String>,
    /// A version above the tool's, for the migration added after the import.
    next: u64,
    /// The versions the two applied migrations get.
    versions: [u64; 2],
    /// The tool's table is `schema_migrations`, migrate's default.
    clash: bool,
}

fn bool_lit(d: Dialect, b: bool) -> &'static str {
    match (d, b) {
        (Dialect::Sqlite, true) => "1",
        (Dialect::Sqlite, false) => "0",
        (_, true) => "true",
        (_, false) => "false",
    }
}

const DIESEL: Tool = Tool {
    name: "diesel",
    files: &[
        ("2023-01-01-000001_create_t1/up.sql", T1),
        ("2023-01-01-000001_create_t1/down.sql", "DROP TABLE t1;\n"),
        ("2023-01-01-000002_create_t2/up.sql", T2),
        ("2023-01-01-000002_create_t2/down.sql", "DROP TABLE t2;\n"),
    ],
    // diesel_migrations 2.x, src/migration_harness.rs, CREATE_MIGRATIONS_TABLE.
    ddl: |_| {
        vec![
            "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, \
             run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
        ]
    },
    rows: |_| {
        vec!["INSERT INTO __diesel_schema_migrations (version) VALUES ('20230101000001'), ('20230101000002')".into()]
    },
    next: 20230201000000,
    versions: [20230101000001, 20230101000002],
    clash: false,
};

const REFINERY: Tool = Tool {
    name: "refinery",
    files: &[("V1__create_t1.sql", T1), ("V2__create_t2.sql", T2)],
    // refinery_core 0.8, src/drivers/config.rs and traits/mod.rs (ASSERT_MIGRATIONS_TABLE_QUERY).
    ddl: |_| {
        vec![
            "CREATE TABLE IF NOT EXISTS refinery_schema_history (version INT4 PRIMARY KEY, name VARCHAR(255), \
             applied_on VARCHAR(255), checksum VARCHAR(255))",
        ]
    },
    rows: |_| {
        vec![format!(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES \
             (1, 'create_t1', '2024-01-02T03:04:05.123456789Z', '{}'), \
             (2, 'create_t2', '2024-01-02T03:04:06.5Z', '{}')",
            refinery_checksum("create_t1", 1, T1),
            refinery_checksum("create_t2", 2, T2)
        )]
    },
    next: 3,
    versions: [1, 2],
    clash: false,
};

/// refinery_core 0.8 `Migration::unapplied`: SipHasher13 (zero keys) over name, version
/// and SQL through `Hash`.
fn refinery_checksum(name: &str, version: i32, sql: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = siphasher::sip::SipHasher13::new();
    name.hash(&mut hasher);
    version.hash(&mut hasher);
    sql.hash(&mut hasher);
    hasher.finish()
}

const FLYWAY: Tool = Tool {
    name: "flyway",
    files: &[
        ("V1__create_t1.sql", T1),
        ("V2__create_t2.sql", T2),
        ("U2__create_t2.sql", "DROP TABLE t2;\n"),
        ("R__views.sql", "CREATE VIEW v AS SELECT 1 AS one;\n"),
    ],
    // flyway-core, .../database/{postgresql,mysql,sqlite}/createMetaDataTable.sql.
    ddl: |d| match d {
        Dialect::Postgres => vec![
            "CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL, \"version\" VARCHAR(50), \
             \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, \
             \"checksum\" INTEGER, \"installed_by\" VARCHAR(100) NOT NULL, \"installed_on\" TIMESTAMP NOT NULL DEFAULT \
             now(), \"execution_time\" INTEGER NOT NULL, \"success\" BOOLEAN NOT NULL)",
            "ALTER TABLE \"flyway_schema_history\" ADD CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY \
             (\"installed_rank\")",
            "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")",
        ],
        Dialect::MySql => vec![
            "CREATE TABLE `flyway_schema_history` (`installed_rank` INT NOT NULL, `version` VARCHAR(50), \
             `description` VARCHAR(200) NOT NULL, `type` VARCHAR(20) NOT NULL, `script` VARCHAR(1000) NOT NULL, \
             `checksum` INT, `installed_by` VARCHAR(100) NOT NULL, `installed_on` TIMESTAMP NOT NULL DEFAULT \
             CURRENT_TIMESTAMP, `execution_time` INT NOT NULL, `success` BOOL NOT NULL, CONSTRAINT \
             `flyway_schema_history_pk` PRIMARY KEY (`installed_rank`)) ENGINE=InnoDB",
            "CREATE INDEX `flyway_schema_history_s_idx` ON `flyway_schema_history` (`success`)",
        ],
        Dialect::Sqlite => vec![
            "CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL PRIMARY KEY, \"version\" \
             VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL, \"script\" \
             VARCHAR(1000) NOT NULL, \"checksum\" INT, \"installed_by\" VARCHAR(100) NOT NULL, \"installed_on\" TEXT \
             NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), \"execution_time\" INT NOT NULL, \"success\" \
             BOOLEAN NOT NULL)",
            "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")",
        ],
    },
    // The checksums are CRC-32 of each script's one line, computed with Python's zlib.crc32.
    rows: |d| {
        let t = bool_lit(d, true);
        vec![format!(
            "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, \
             installed_by, installed_on, execution_time, success) VALUES \
             (1, '1', 'create t1', 'SQL', 'V1__create_t1.sql', 1561221916, 'alice', '2024-01-02 03:04:05', 12, {t}), \
             (2, '2', 'create t2', 'SQL', 'V2__create_t2.sql', -291866913, 'bob', '2024-01-02 03:04:06', 7, {t})"
        )]
    },
    next: 3,
    versions: [1, 2],
    clash: false,
};

/// Flyway after `flyway baseline` at 1 (a database that existed before Flyway), then V2.
const FLYWAY_BASELINE: Tool = Tool {
    rows: |d| {
        let t = bool_lit(d, true);
        vec![format!(
            "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, \
             installed_by, installed_on, execution_time, success) VALUES \
             (1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'alice', \
             '2024-01-02 03:04:05', 0, {t}), \
             (2, '2', 'create t2', 'SQL', 'V2__create_t2.sql', -291866913, 'bob', '2024-01-02 03:04:06', 7, {t})"
        )]
    },
    ..FLYWAY
};

const GOLANG_MIGRATE: Tool = Tool {
    name: "golang-migrate",
    files: &[
        ("000001_create_t1.up.sql", T1),
        ("000001_create_t1.down.sql", "DROP TABLE t1;\n"),
        ("000002_create_t2.up.sql", T2),
        ("000002_create_t2.down.sql", "DROP TABLE t2;\n"),
    ],
    // golang-migrate v4, database/{postgres,mysql,sqlite3}/*.go, ensureVersionTable.
    ddl: |d| match d {
        Dialect::Postgres => {
            vec![
                "CREATE TABLE IF NOT EXISTS \"schema_migrations\" (version bigint not null primary key, dirty boolean not null)",
            ]
        }
        Dialect::MySql => {
            vec![
                "CREATE TABLE IF NOT EXISTS `schema_migrations` (version bigint not null primary key, dirty boolean not null)",
            ]
        }
        Dialect::Sqlite => vec![
            "CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)",
            "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)",
        ],
    },
    rows: |d| vec![format!("INSERT INTO schema_migrations (version, dirty) VALUES (2, {})", bool_lit(d, false))],
    next: 3,
    versions: [1, 2],
    clash: true,
};

const GOOSE: Tool = Tool {
    name: "goose",
    files: &[
        (
            "00001_create_t1.sql",
            "-- +goose Up\nCREATE TABLE t1 (id integer PRIMARY KEY);\n\n-- +goose Down\nDROP TABLE t1;\n",
        ),
        (
            "00002_create_t2.sql",
            "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE t2 (id integer PRIMARY KEY);\n-- +goose StatementEnd\n\n\
             -- +goose Down\nDROP TABLE t2;\n",
        ),
    ],
    // goose v3, internal/dialect/dialectquery/{postgres,mysql,sqlite3}.go, CreateTable.
    ddl: |d| match d {
        Dialect::Postgres => vec![
            "CREATE TABLE goose_db_version (id integer PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, version_id bigint \
             NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NOT NULL DEFAULT now())",
        ],
        Dialect::MySql => vec![
            "CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT \
             NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id))",
        ],
        Dialect::Sqlite => vec![
            "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, \
             is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))",
        ],
    },
    rows: |d| {
        let t = bool_lit(d, true);
        vec![format!("INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, {t}), (1, {t}), (2, {t})")]
    },
    next: 3,
    versions: [1, 2],
    clash: false,
};

const DBMATE: Tool = Tool {
    name: "dbmate",
    files: &[
        (
            "20240101000001_create_t1.sql",
            "-- migrate:up\nCREATE TABLE t1 (id integer PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE t1;\n",
        ),
        (
            "20240101000002_create_t2.sql",
            "-- migrate:up\nCREATE TABLE t2 (id integer PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE t2;\n",
        ),
    ],
    // dbmate v2, pkg/driver/{postgres,mysql,sqlite}/*.go, CreateMigrationsTable.
    ddl: |d| match d {
        Dialect::MySql => vec!["create table if not exists schema_migrations (version varchar(128) primary key)"],
        _ => vec!["create table if not exists schema_migrations (version varchar(128) primary key)"],
    },
    rows: |_| vec!["insert into schema_migrations (version) values ('20240101000001'), ('20240101000002')".into()],
    next: 20240201000000,
    versions: [20240101000001, 20240101000002],
    clash: true,
};

const SEA_ORM: Tool = Tool {
    name: "sea-orm",
    files: &[
        ("m20220101_000001_create_t1.rs", "// a MigrationTrait creating t1\n"),
        ("m20220101_000002_create_t2.rs", "// a MigrationTrait creating t2\n"),
        ("lib.rs", "pub struct Migrator;\n"),
    ],
    // sea-orm-migration 1.x, src/seaql_migrations.rs (a sea-query table: version string
    // primary key, applied_at big integer).
    ddl: |d| match d {
        Dialect::MySql => vec![
            "CREATE TABLE IF NOT EXISTS `seaql_migrations` (`version` varchar(255) NOT NULL PRIMARY KEY, \
             `applied_at` bigint NOT NULL)",
        ],
        _ => vec![
            "CREATE TABLE IF NOT EXISTS \"seaql_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY, \"applied_at\" bigint NOT NULL)",
        ],
    },
    rows: |_| {
        vec![
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20220101_000001_create_t1', 1704164645), \
              ('m20220101_000002_create_t2', 1704164646)"
                .into(),
        ]
    },
    next: 20240101000000,
    versions: [20220101000001, 20220101000002],
    clash: false,
};

const LARAVEL: Tool = Tool {
    name: "laravel",
    files: &[
        ("2014_10_12_000000_create_t1_table.php", "<?php // Schema::create('t1', ...)\n"),
        ("2014_10_12_100000_create_t2_table.php", "<?php // Schema::create('t2', ...)\n"),
    ],
    // laravel/framework 11, Illuminate/Database/Migrations/DatabaseMigrationRepository.php,
    // createRepository, as the schema grammars render it.
    ddl: |d| match d {
        Dialect::Postgres => vec![
            "create table \"migrations\" (\"id\" serial not null primary key, \"migration\" varchar(255) not null, \
             \"batch\" integer not null)",
        ],
        Dialect::MySql => vec![
            "create table `migrations` (`id` int unsigned not null auto_increment primary key, `migration` \
             varchar(255) not null, `batch` int not null) default character set utf8mb4 collate 'utf8mb4_unicode_ci'",
        ],
        Dialect::Sqlite => vec![
            "create table \"migrations\" (\"id\" integer primary key autoincrement not null, \"migration\" varchar \
             not null, \"batch\" integer not null)",
        ],
    },
    rows: |_| {
        vec![
            "insert into migrations (migration, batch) values ('2014_10_12_000000_create_t1_table', 1), \
              ('2014_10_12_100000_create_t2_table', 2)"
                .into(),
        ]
    },
    next: 20240101000000,
    versions: [20141012000000, 20141012100000],
    clash: false,
};

const RAILS: Tool = Tool {
    name: "rails",
    files: &[
        ("20240101000001_create_t1.rb", "class CreateT1 < ActiveRecord::Migration[7.1]\nend\n"),
        ("20240101000002_create_t2.rb", "class CreateT2 < ActiveRecord::Migration[7.1]\nend\n"),
    ],
    // activerecord 7.1, lib/active_record/schema_migration.rb, create_table.
    ddl: |d| match d {
        Dialect::Postgres => {
            vec!["CREATE TABLE \"schema_migrations\" (\"version\" character varying NOT NULL PRIMARY KEY)"]
        }
        Dialect::MySql => vec!["CREATE TABLE `schema_migrations` (`version` varchar(255) NOT NULL PRIMARY KEY)"],
        Dialect::Sqlite => vec!["CREATE TABLE \"schema_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY)"],
    },
    rows: |_| vec!["INSERT INTO schema_migrations (version) VALUES ('20240101000001'), ('20240101000002')".into()],
    next: 20240201000000,
    versions: [20240101000001, 20240101000002],
    clash: true,
};

/// `tool`'s directory and history on a database whose schema the tool built: the import
/// adopts both applied migrations, the next `up` runs only the one added after it.
async fn adopted(tool: &Tool, dialect: Dialect) {
    adopted_with(tool, dialect, None).await
}

/// [`adopted`] in a project whose migrate.toml says `settings`.
async fn adopted_with(tool: &Tool, dialect: Dialect, settings: Option<&str>) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    if let Some(text) = settings {
        std::fs::write(work.path().join("migrate.toml"), text).unwrap();
    }
    write(src.path(), tool.files);
    exec(&mut db, T1.trim()).await;
    exec(&mut db, T2.trim()).await;
    for sql in (tool.ddl)(dialect) {
        exec(&mut db, sql).await;
    }
    for sql in (tool.rows)(dialect) {
        exec(&mut db, &sql).await;
    }
    let source_table = strings_of_table(&mut db, tool).await;
    let o = migrate(&db, &work, &["--json", "import", "--from", tool.name, "--dir", src.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}: {}", tool.name, text(&o));
    let doc = json(&o);
    assert_eq!(doc["adopted"]["recorded"], serde_json::json!(tool.versions), "{}: {doc}", tool.name);
    if tool.clash && settings.is_none() {
        assert_eq!(doc["history_table"], "migrate_history", "{}", tool.name);
        let settings = std::fs::read_to_string(work.path().join("migrate.toml")).unwrap();
        assert!(settings.contains("history_table = \"migrate_history\""), "{settings}");
    }
    let code = matches!(tool.name, "sea-orm" | "laravel" | "rails");
    let to_port = doc["to_port"].as_array().unwrap();
    assert_eq!(to_port.len(), if code { 2 } else { 0 }, "{}: {doc}", tool.name);
    if code {
        let skeleton = to_port[0]["skeleton"].as_str().unwrap();
        let want = format!("#[migration(version = {}, name = \"create t1", tool.versions[0]);
        assert!(skeleton.contains(&want), "{skeleton}");
    }
    if tool.name == "flyway" {
        let left_out = doc["left_out"].as_array().unwrap();
        assert_eq!(left_out.len(), 1, "{doc}");
        assert!(left_out[0]["file"].as_str().unwrap().ends_with("R__views.sql"), "{doc}");
        // When and by whom Flyway ran V2, as its history says.
        let at = match dialect {
            Dialect::Postgres => "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
            Dialect::MySql => "DATE_FORMAT(applied_at, '%Y-%m-%d %H:%i:%s')",
            Dialect::Sqlite => "applied_at",
        };
        let sql = format!("SELECT {at} FROM schema_migrations WHERE version = 2");
        assert_eq!(strings(&mut db.conn, &sql).await, ["2024-01-02 03:04:06"], "flyway");
        let by = strings(&mut db.conn, "SELECT applied_by FROM schema_migrations WHERE version = 2").await;
        assert_eq!(by, ["bob"]);
        let audit = strings(&mut db.conn, "SELECT detail FROM schema_migrations_audit WHERE action = 'import'").await;
        assert!(
            audit.iter().any(|d| d.starts_with("adopted from flyway: applied at 2024-01-02 03:04:06 UTC by bob")),
            "{audit:?}"
        );
    }
    // The tool's table is left as it was.
    assert_eq!(strings_of_table(&mut db, tool).await, source_table, "{}", tool.name);

    new_migration(&work, tool.next);
    let up = migrate(&db, &work, &["up"]);
    assert!(up.status.success(), "{}: {}", tool.name, text(&up));
    let all = statuses(&db, &work);
    let want: Vec<(u64, String, Option<i64>)> = vec![
        (tool.versions[0], "applied".into(), Some(0)),
        (tool.versions[1], "applied".into(), Some(0)),
        (tool.next, "applied".into(), Some(1)),
    ];
    assert_eq!(all, want, "{}", tool.name);
    let all_tables = tables(&mut db).await;
    assert!(all_tables.contains(&"t3".to_owned()), "{}", tool.name);
    if settings.is_some() {
        assert!(all_tables.contains(&"app_history".to_owned()), "{}: {all_tables:?}", tool.name);
        assert_eq!(doc["history_table"], Value::Null, "{}", tool.name);
    }
    let validate = migrate(&db, &work, &["validate"]);
    assert!(validate.status.success(), "{}: {}", tool.name, text(&validate));
    db.drop().await;
}

/// The tool's history rows, as text: to see that the import left them alone.
async fn strings_of_table(db: &mut TestDb, tool: &Tool) -> Vec<String> {
    let table = match tool.name {
        "diesel" => "__diesel_schema_migrations",
        "refinery" => "refinery_schema_history",
        "flyway" => "flyway_schema_history",
        "goose" => "goose_db_version",
        "sea-orm" => "seaql_migrations",
        "laravel" => "migrations",
        _ => "schema_migrations",
    };
    let sql = match db.conn.dialect() {
        Dialect::MySql => format!("SELECT CAST(COUNT(*) AS char) FROM {table}"),
        _ => format!("SELECT CAST(COUNT(*) AS text) FROM {table}"),
    };
    strings(&mut db.conn, &sql).await
}

async fn diesel_history_is_adopted(d: Dialect) {
    adopted(&DIESEL, d).await
}
async fn refinery_history_is_adopted(d: Dialect) {
    adopted(&REFINERY, d).await
}
async fn flyway_history_is_adopted(d: Dialect) {
    adopted(&FLYWAY, d).await
}
async fn flyway_baseline_counts_what_came_before_it(d: Dialect) {
    adopted(&FLYWAY_BASELINE, d).await
}
async fn golang_migrate_history_is_adopted_under_another_name(d: Dialect) {
    adopted(&GOLANG_MIGRATE, d).await
}
async fn golang_migrate_history_goes_to_the_history_table_the_settings_name(d: Dialect) {
    adopted_with(&GOLANG_MIGRATE, d, Some("history_table = \"app_history\"\n")).await;
}
async fn goose_history_is_adopted(d: Dialect) {
    adopted(&GOOSE, d).await
}
async fn dbmate_history_is_adopted_under_another_name(d: Dialect) {
    adopted(&DBMATE, d).await
}
async fn sea_orm_history_is_adopted_and_its_code_listed(d: Dialect) {
    adopted(&SEA_ORM, d).await
}
async fn laravel_history_is_adopted_and_its_code_listed(d: Dialect) {
    adopted(&LARAVEL, d).await
}
async fn rails_history_is_adopted_under_another_name(d: Dialect) {
    adopted(&RAILS, d).await
}

/// The tool's setup with `change` made to it before the import, which must fail with exit
/// 1 and a message containing `expect`, leaving no history of ours.
async fn refused(tool: &Tool, dialect: Dialect, change: &str, edit: Option<(&str, &str)>, expect: &[&str]) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), tool.files);
    if let Some((file, body)) = edit {
        std::fs::write(src.path().join(file), body).unwrap();
    }
    for sql in (tool.ddl)(dialect) {
        exec(&mut db, sql).await;
    }
    for sql in (tool.rows)(dialect) {
        exec(&mut db, &sql).await;
    }
    if !change.is_empty() {
        exec(&mut db, change).await;
    }
    let o = migrate(&db, &work, &["import", "--from", tool.name, "--dir", src.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}: {}", tool.name, text(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    for e in expect {
        assert!(stderr.contains(e), "{}: expected {e:?} in {stderr}", tool.name);
    }
    assert!(!work.path().join("migrations").exists(), "{}: nothing was written", tool.name);
    assert!(!tables(&mut db).await.iter().any(|t| t == "migrate_history"), "{}", tool.name);
    db.drop().await;
}

async fn golang_migrate_dirty_version_is_refused(d: Dialect) {
    let dirty = format!("UPDATE schema_migrations SET dirty = {}", bool_lit(d, true));
    refused(&GOLANG_MIGRATE, d, &dirty, None, &["V2 create t2", "dirty = true", "migrate force"]).await
}
async fn flyway_failed_migration_is_refused(d: Dialect) {
    let failed = format!("UPDATE flyway_schema_history SET success = {} WHERE installed_rank = 2", bool_lit(d, false));
    refused(&FLYWAY, d, &failed, None, &["V2 create t2", "success = 0", "flyway repair"]).await
}
async fn flyway_edited_script_is_named(d: Dialect) {
    let edit = ("V2__create_t2.sql", "CREATE TABLE t2 (id bigint PRIMARY KEY);\n");
    refused(&FLYWAY, d, "", Some(edit), &["V2__create_t2.sql", "edited since flyway applied it"]).await
}
async fn refinery_edited_migration_is_named(d: Dialect) {
    let edit = ("V1__create_t1.sql", "CREATE TABLE t1 (id bigint PRIMARY KEY);\n");
    refused(&REFINERY, d, "", Some(edit), &["V1__create_t1.sql", "edited since refinery applied it"]).await
}

on_every_database!(
    sqlx_history_is_adopted_and_up_runs_only_the_new_migration,
    sqlx_import_names_a_file_edited_since_sqlx_applied_it,
    sqlx_import_refuses_a_migration_sqlx_did_not_finish,
    diesel_history_is_adopted,
    refinery_history_is_adopted,
    flyway_history_is_adopted,
    flyway_baseline_counts_what_came_before_it,
    golang_migrate_history_is_adopted_under_another_name,
    golang_migrate_history_goes_to_the_history_table_the_settings_name,
    goose_history_is_adopted,
    dbmate_history_is_adopted_under_another_name,
    sea_orm_history_is_adopted_and_its_code_listed,
    laravel_history_is_adopted_and_its_code_listed,
    rails_history_is_adopted_under_another_name,
    golang_migrate_dirty_version_is_refused,
    flyway_failed_migration_is_refused,
    flyway_edited_script_is_named,
    refinery_edited_migration_is_named,
);

#[test]
fn a_dry_run_without_a_database_says_what_it_would_write_and_writes_nothing() {
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), SQLX_FILES);
    let o = Command::new(BIN)
        .current_dir(work.path())
        .args(["--json", "import", "--from", "sqlx", "--dry-run", "--dir"])
        .arg(src.path())
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(json(&o)["written"].as_array().map(Vec::len), Some(2), "{}", text(&o));
    assert!(!work.path().join("migrations").exists());
}

#[test]
fn an_unknown_tool_is_a_usage_error_listing_the_tools() {
    let work = Dir::new();
    let o = Command::new(BIN).current_dir(work.path()).args(["import", "--from", "liquibase"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("sqlx, diesel, refinery, sea-orm"), "{}", text(&o));
}

#[test]
fn the_tools_directory_cannot_be_migrates_own() {
    let work = Dir::new();
    write(&work.path().join("migrations"), SQLX_FILES);
    let o = Command::new(BIN)
        .current_dir(work.path())
        .args(["import", "--from", "sqlx", "--dir", "migrations"])
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("git mv migrations migrations.sqlx"), "{}", text(&o));
    assert_eq!(std::fs::read_dir(work.path().join("migrations")).unwrap().count(), 3, "nothing was written");
}
