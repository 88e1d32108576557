use super::Context;
use crate::Result;
use crate::cli::output::{Output, said};
use serde_json::json;

#[derive(clap::Args, Debug)]
pub(crate) struct Baseline {
    /// The version the existing schema corresponds to.
    version: u64,
}

impl Baseline {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let (migrator, conn) = ctx.connect().await?;
        let marked = migrator.baseline(conn, self.version).await?;
        let message = format!("Recorded {} migration(s) up to V{} as applied.", marked.len(), self.version);
        Ok(said(json!({"dialect": conn.dialect().name(), "baselined": marked}), message))
    }
}
