use super::Context;
use crate::cli::output::{Output, Plan as Planned};
use crate::{Result, UpTarget};

#[derive(clap::Args, Debug)]
pub(crate) struct Plan {}

impl Plan {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let (migrator, conn) = ctx.connect().await?;
        let planned = migrator.plan(conn, UpTarget::default()).await?;
        Ok(Box::new(Planned { dialect: conn.dialect().name(), planned }))
    }
}
