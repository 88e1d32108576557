use super::Context;
use crate::Result;
use crate::cli::output::{Output, said};
use serde_json::json;

#[derive(clap::Args, Debug)]
pub(crate) struct Unlock {
    /// Clear it even if its holder may be alive (terminating its session).
    #[arg(long)]
    force: bool,
}

impl Unlock {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let (migrator, conn) = ctx.connect().await?;
        let cleared = migrator.unlock(conn, self.force).await?;
        let message = match &cleared {
            Some(h) => format!("Cleared the lock held by {h}."),
            None => "The lock was not held.".to_owned(),
        };
        Ok(said(json!({"dialect": conn.dialect().name(), "cleared": cleared}), message))
    }
}
