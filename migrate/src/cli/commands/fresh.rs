use super::Context;
use crate::Result;
use crate::cli::output::{Output, Ran};

#[derive(clap::Args, Debug)]
pub(crate) struct Fresh {}

impl Fresh {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        ctx.backup_before("fresh").await?;
        ctx.confirm("Drop every table of the database and apply every migration?")?;
        let (migrator, conn) = ctx.connect().await?;
        let report = migrator.fresh(conn).await?;
        Ok(Box::new(Ran { dialect: conn.dialect().name(), report, note: None }))
    }
}
