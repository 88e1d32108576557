use super::Context;
use crate::Result;
use crate::cli::output::{Output, said};
use serde_json::json;

#[derive(clap::Args, Debug)]
pub(crate) struct Hash {}

impl Hash {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let (path, sum) = ctx.config.write_sum(&ctx.migrator)?;
        let message =
            format!("Wrote {}: {} migration(s), total {}.", path.display(), sum.lines.len(), &sum.total()[..12]);
        Ok(said(json!({"path": path.display().to_string(), "migrations": sum.lines.len(), "total": sum.total()}), message))
    }
}
