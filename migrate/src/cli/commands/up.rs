use super::Context;
use crate::cli::output::{Output, Ran, Rehearsed};
use crate::{Kind, Result, UpTarget};

#[derive(clap::Args, Debug)]
pub(crate) struct Up {
    /// Stop after this version.
    #[arg(long)]
    to: Option<u64>,
    /// Apply at most this many.
    #[arg(long)]
    step: Option<usize>,
    /// Run them and report what they change, then undo it: in a transaction rolled back
    /// (PostgreSQL, SQLite) or on a scratch copy of the schema (MySQL).
    #[arg(long)]
    dry_run: bool,
    /// All pending migrations in one transaction (PostgreSQL, SQLite).
    #[arg(long)]
    atomic: bool,
}

impl Up {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let target = UpTarget { to: self.to, step: self.step };
        let url = ctx.url()?.to_owned();
        if self.dry_run {
            let (migrator, conn) = ctx.connect().await?;
            migrator.options.atomic = self.atomic;
            let dry = migrator.dry_run_up(conn, &url, target).await?;
            return Ok(Box::new(Rehearsed { dialect: conn.dialect().name(), dry }));
        }
        ctx.backup_before("up").await?;
        let (migrator, conn) = ctx.connect().await?;
        migrator.options.atomic = self.atomic;
        let report = migrator.up(conn, target).await?;
        // On a new database, which kinds there were: a binary that should have Rust
        // migrations and links none shows here first.
        let kinds = |kind| migrator.migrations().iter().filter(|m| m.kind == kind).count();
        let (rust, sql) = (kinds(Kind::Rust), kinds(Kind::Sql));
        let note = (report.skipped.is_empty() && !report.applied.is_empty()).then(|| match rust {
            0 => format!("Found {sql} SQL migration(s) and no Rust migrations linked into this binary."),
            _ => format!("Found {rust} Rust migration(s) and {sql} SQL migration(s)."),
        });
        Ok(Box::new(Ran { dialect: conn.dialect().name(), report, note }))
    }
}
