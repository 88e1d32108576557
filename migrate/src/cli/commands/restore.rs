use super::Context;
use crate::Result;
use crate::cli::output::{Output, said};
use serde_json::json;

#[derive(clap::Args, Debug)]
pub(crate) struct Restore {
    /// The backup's name (from `backup list`) or file.
    backup: String,
}

impl Restore {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let backup = crate::backup::find(&ctx.config.backup_dir, &self.backup)?;
        let url = ctx.url()?.to_owned();
        let (_, conn) = ctx.connect().await?;
        let dialect = conn.dialect().name();
        ctx.confirm(&format!("Replace the database with backup {} (taken {})?", backup.name, backup.created_at))?;
        let (_, conn) = ctx.connect().await?;
        crate::backup::restore(conn, &url, &backup).await?;
        let message = format!("Restored {} (taken {} before {}).", backup.name, backup.created_at, backup.before);
        Ok(said(json!({"dialect": dialect, "restored": backup}), message))
    }
}
