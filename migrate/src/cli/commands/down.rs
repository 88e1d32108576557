use super::Context;
use crate::cli::output::{Output, Ran, Rehearsed};
use crate::{DownTarget, Result};
use clap::ArgGroup;

#[derive(clap::Args, Debug)]
#[command(group(ArgGroup::new("which").args(["step", "to", "batch", "only"])))]
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
    /// Roll back this version alone, refused while migrations that depend on it are applied.
    #[arg(long, value_name = "VERSION")]
    only: Option<u64>,
    /// With --only: first roll back every applied migration that depends on it.
    #[arg(long, requires = "only")]
    cascade: bool,
    /// Run the rollback and report what it changes, then undo it.
    #[arg(long)]
    dry_run: bool,
}

impl Down {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let target = match (self.step, self.to, self.batch, self.only) {
            (_, _, _, Some(v)) if self.cascade => DownTarget::Cascade(v),
            (_, _, _, Some(v)) => DownTarget::Only(v),
            (_, Some(v), _, _) => DownTarget::To(v),
            (_, _, true, _) => DownTarget::Batch,
            (n, _, _, _) => DownTarget::Step(n.unwrap_or(1)),
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
