use super::Context;
use crate::cli::output::{Output, said};
use crate::driver::Connection;
use crate::engine::Migration;
use crate::error::{Error, Result};
use migrate_schema::Dialect;
use serde_json::json;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("what").args(["to", "prune"]).required(true)))]
pub(crate) struct Squash {
    /// Write one migration standing for every migration up to this version (which it takes).
    #[arg(long, value_name = "VERSION")]
    to: Option<u64>,
    /// A SQL file for the connected database (the default).
    #[arg(long, conflicts_with = "rust")]
    sql: bool,
    /// Rust builder code instead, in the Rust migrations directory.
    #[arg(long)]
    rust: bool,
    /// Directory of Rust migrations (default: the project's, or `src/migrations`).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Squash although data migrations in the range are lost (the file and the audit say so).
    #[arg(long)]
    drop_data: bool,
    /// Delete the SQL files the squashes replace, once every database given has them all.
    #[arg(long, conflicts_with_all = ["to", "rust", "drop_data"])]
    prune: bool,
    /// With --prune: another database whose history must have them all (repeatable; the
    /// configured database counts too).
    #[arg(long = "database", value_name = "URL", requires = "prune")]
    databases: Vec<String>,
}

impl Squash {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        match self.to {
            Some(to) if !self.prune => self.write(ctx, to).await,
            _ => self.prune(ctx).await,
        }
    }

    async fn write(&self, ctx: &mut Context, to: u64) -> Result<Box<dyn Output>> {
        let url = ctx.url().ok().map(str::to_owned);
        let dialect = match &url {
            Some(url) => Dialect::from_url(url).ok_or_else(|| Error::Config(format!("unsupported database URL: {url}")))?,
            None if self.rust => Dialect::Postgres,
            None => {
                return Err(Error::Config(
                    "a SQL squash is written for one database: set a database URL (--database-url), or use --rust"
                        .to_owned(),
                ));
            }
        };
        let dir = if self.rust { self.dir.clone().unwrap_or_else(|| ctx.config.rust_dir.clone()) } else { ctx.config.sql_dir.clone() };
        let sql = !self.rust;
        let squashed = ctx.migrator.squash(dialect, url.as_deref(), to, self.rust, self.drop_data).await?;
        let file = crate::new::NewFile { path: dir.join(&squashed.file_name), version: to, text: squashed.text.clone() };
        crate::new::write(&file)?;
        if !squashed.dropped.is_empty() && url.is_some() {
            let detail = format!(
                "squash V{:03}..V{to:03} ({}) does not carry the data migrations {}",
                squashed.first,
                file.path.display(),
                squashed.dropped.join(", ")
            );
            let (migrator, conn) = ctx.connect().await?;
            migrator.audit_note(conn, "squash-dropped-data", detail).await?;
        }
        if ctx.config.has_sum() && sql {
            ctx.config.write_sum(&ctx.config.migrator_from_dir()?)?;
        }
        let path = file.path.display().to_string();
        let mut message = format!(
            "Wrote {path}: V{to:03} replaces V{:03}..V{to:03}. A database with none of them runs it alone; one with \
             some runs the rest, then records it; one with all records it at the next `up`.",
            squashed.first
        );
        if !sql {
            message.push_str(" Add the module to your migrations (`mod`), build, then `migrate hash`.");
        }
        if !squashed.dropped.is_empty() {
            message.push_str(&format!(" Not carried (--drop-data): {}.", squashed.dropped.join(", ")));
        }
        message.push_str(" Once every database has them all, `migrate squash --prune` deletes the replaced files.");
        Ok(said(
            json!({"path": path, "version": to, "replaces": [squashed.first, to], "dropped_data": squashed.dropped}),
            message,
        ))
    }

    async fn prune(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let mut urls: Vec<String> = ctx.url().ok().map(str::to_owned).into_iter().collect();
        urls.extend(self.databases.iter().cloned());
        if urls.is_empty() {
            return Err(Error::Config(
                "--prune deletes files other databases may still need: name every database with --database-url or \
                 --database URL (repeatable), and it deletes them once all of them have the squashed migrations"
                    .to_owned(),
            ));
        }
        let mut blocked = Vec::new();
        for url in &urls {
            let mut conn = Connection::connect(url).await?;
            let found = ctx.migrator.squashes_partway(&mut conn).await;
            let _ = conn.close().await;
            blocked.extend(found?.into_iter().map(|f| format!("{}: {f}", redacted(url))));
        }
        if !blocked.is_empty() {
            return Err(Error::Config(format!(
                "not pruned: {}. Run `migrate up` there first (it runs the rest, then records the squash)",
                blocked.join("; ")
            )));
        }
        // The kinds of database shown: a file is deleted when, on each of them it runs on, a
        // squash replaces it.
        let mut shown: Vec<Dialect> = urls.iter().filter_map(|u| Dialect::from_url(u)).collect();
        shown.dedup();
        let covered = |m: &Migration| {
            m.replaces().is_none()
                && shown.iter().any(|d| m.applies_to(*d))
                && shown.iter().filter(|d| m.applies_to(**d)).all(|d| {
                    ctx.migrator.squashes(*d).filter_map(Migration::replaces).any(|(a, b)| (a..=b).contains(&m.version))
                })
        };
        let mut deleted = Vec::new();
        let mut by_hand = Vec::new();
        for m in ctx.migrator.migrations().iter().filter(|m| covered(m)) {
            match m.kind {
                crate::engine::Kind::Sql => {
                    std::fs::remove_file(&m.origin).map_err(Error::io(format!("deleting {}", m.origin)))?;
                    deleted.push(m.origin.clone());
                }
                _ => by_hand.push(m.origin.clone()),
            }
        }
        if ctx.config.has_sum() {
            ctx.config.write_sum(&ctx.config.migrator_from_dir()?)?;
        }
        let mut message = format!("Deleted {} replaced file(s); every database given has them all.", deleted.len());
        if !by_hand.is_empty() {
            message.push_str(&format!(" Rust migrations to delete by hand: {}.", by_hand.join(", ")));
        }
        Ok(said(json!({"deleted": deleted, "by_hand": by_hand, "databases": urls.len()}), message))
    }
}

/// A URL without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let user = &url[s + 3..at];
            let user = user.split(':').next().unwrap_or_default();
            format!("{}{user}@{}", &url[..s + 3], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}
