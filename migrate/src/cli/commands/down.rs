use super::Context;
use crate::cli::output::{Output, Ran, Rehearsed};
use crate::{DownTarget, Result};
use clap::ArgGroup;

#[derive(clap::Args, Debug)]
#[command(group(ArgGroup::new("which").args(["step", "to", "batch"])))]
pub(crate) struct Down {
    /// Roll back this many.
    #[arg(long)]
    step: Option<usize>,
    /// Roll back everything above this version.
    #[arg(long)]
    to: Option<u64>,
    /// Roll back the last batch.
    #[arg(long)]
    batch: bool,
    /// Run the rollback and report what it changes, then undo it.
    #[arg(long)]
    dry_run: bool,
}

impl Down {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let target = match (self.step, self.to, self.batch) {
            (_, Some(v), _) => DownTarget::To(v),
            (_, _, true) => DownTarget::Batch,
            (n, _, _) => DownTarget::Step(n.unwrap_or(1)),
        };
        let url = ctx.url()?.to_owned();
        if self.dry_run {
            let (migrator, conn) = ctx.connect().await?;
            let dry = migrator.dry_run_down(conn, &url, target).await?;
            return Ok(Box::new(Rehearsed { dialect: conn.dialect().name(), dry }));
        }
        ctx.backup_before("down").await?;
        ctx.confirm("Roll back migrations?")?;
        let (migrator, conn) = ctx.connect().await?;
        let report = migrator.down(conn, target).await?;
        Ok(Box::new(Ran { dialect: conn.dialect().name(), report, note: None }))
    }
}
