use super::Context;
use crate::cli::output::{Output, Ran};
use crate::{DownTarget, Result};

#[derive(clap::Args, Debug)]
pub(crate) struct Reset {}

impl Reset {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        ctx.backup_before("reset").await?;
        ctx.confirm("Roll back every migration?")?;
        let (migrator, conn) = ctx.connect().await?;
        let report = migrator.down(conn, DownTarget::To(0)).await?;
        // The seeded rows went with the tables; the seeds run again after the next `up`.
        let forgotten = migrator.forget_seeds(conn).await?;
        let note = (forgotten > 0).then(|| format!("{forgotten} seed(s) forgotten: `migrate seed run` runs them again"));
        Ok(Box::new(Ran { dialect: conn.dialect().name(), report, note }))
    }
}
