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
        Ok(Box::new(Ran { dialect: conn.dialect().name(), report, note: None }))
    }
}
