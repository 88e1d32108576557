use super::Context;
use crate::Result;
use crate::cli::output::{Output, Ran};
use crate::seed::SeedOptions;

#[derive(clap::Args, Debug)]
pub(crate) struct Fresh {
    /// Then run the seeds of the environment (--env).
    #[arg(long)]
    seed: bool,
}

impl Fresh {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        ctx.backup_before("fresh").await?;
        ctx.confirm("Drop every table of the database and apply every migration?")?;
        let (migrator, conn) = ctx.connect().await?;
        let report = migrator.fresh(conn).await?;
        let dialect = conn.dialect().name();
        let note = match self.seed {
            true => {
                let seeded = super::seed::run(ctx, &SeedOptions::env(&ctx.config.environment.clone())).await?;
                let names: Vec<String> =
                    seeded.applied.iter().map(|s| format!("{} (+{})", s.name, s.inserted)).collect();
                Some(format!("Seeded ({}): {}", seeded.env, if names.is_empty() { "none".to_owned() } else { names.join(", ") }))
            }
            false => None,
        };
        Ok(Box::new(Ran { dialect, report, note }))
    }
}
