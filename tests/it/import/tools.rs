//! Each tool's directory and history table, as the tool lays them out (its source cited
//! per table).

use super::{T1, T2};
use migrate::schema::Dialect;

/// Another tool, as it lays out its directory and history table.
pub(super) struct Tool {
    pub(super) name: &'static str,
    pub(super) files: &'static [(&'static str, &'static str)],
    /// The history table as the tool creates it, on `dialect`.
    pub(super) ddl: fn(Dialect) -> Vec<&'static str>,
    /// The rows the tool writes after applying the two migrations (t1, t2).
    pub(super) rows: fn(Dialect) -> Vec<String>,
    /// A version above the tool's, for the migration added after the import.
    pub(super) next: u64,
    /// The versions the two applied migrations get.
    pub(super) versions: [u64; 2],
    /// The tool's table is `schema_migrations`, migrate's default.
    pub(super) clash: bool,
}

pub(super) fn bool_lit(d: Dialect, b: bool) -> &'static str {
    match (d, b) {
        (Dialect::Sqlite, true) => "1",
        (Dialect::Sqlite, false) => "0",
        (_, true) => "true",
        (_, false) => "false",
    }
}

pub(super) const DIESEL: Tool = Tool {
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

pub(super) const REFINERY: Tool = Tool {
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

pub(super) const FLYWAY: Tool = Tool {
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
pub(super) const FLYWAY_BASELINE: Tool = Tool {
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

pub(super) const GOLANG_MIGRATE: Tool = Tool {
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

pub(super) const GOOSE: Tool = Tool {
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

pub(super) const DBMATE: Tool = Tool {
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

pub(super) const SEA_ORM: Tool = Tool {
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

pub(super) const LARAVEL: Tool = Tool {
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

pub(super) const RAILS: Tool = Tool {
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
