use super::Context;
use crate::cli::output::{Output, said};
use crate::{Resolution, Result};
use clap::ArgGroup;
use serde_json::json;

#[derive(clap::Args, Debug)]
#[command(group(ArgGroup::new("outcome").args(["applied", "rolled_back"]).required(true)))]
pub(crate) struct Resolve {
    /// The migration.
    version: u64,
    /// It was finished by hand.
    #[arg(long)]
    applied: bool,
    /// It was undone by hand.
    #[arg(long)]
    rolled_back: bool,
}

impl Resolve {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let (migrator, conn) = ctx.connect().await?;
        let resolution = if self.applied { Resolution::Applied } else { Resolution::RolledBack };
        migrator.resolve(conn, self.version, resolution).await?;
        let word = if self.applied { "applied" } else { "rolled_back" };
        let version = self.version;
        let doc = json!({"dialect": conn.dialect().name(), "version": version, "resolution": word});
        Ok(said(doc, format!("V{version} recorded as {word}.")))
    }
}
