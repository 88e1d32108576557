use super::Context;
use crate::cli::output::{Output, Ran};
use crate::{DownTarget, Result, UpTarget};

#[derive(clap::Args, Debug)]
pub(crate) struct Redo {}

impl Redo {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        ctx.backup_before("redo").await?;
        ctx.confirm("Roll back the last migration and apply it again?")?;
        let (migrator, conn) = ctx.connect().await?;
        let down = migrator.down(conn, DownTarget::Step(1)).await?;
        let mut report = migrator.up(conn, UpTarget { to: None, step: Some(down.rolled_back.len()) }).await?;
        report.rolled_back = down.rolled_back;
        report.elapsed_ms += down.elapsed_ms;
        Ok(Box::new(Ran { dialect: conn.dialect().name(), report, note: None }))
    }
}
