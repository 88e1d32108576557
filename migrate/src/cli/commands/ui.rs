use super::Context;
use crate::cli::output::Output;
#[cfg(not(feature = "ui"))]
use crate::error::Error;
use crate::error::Result;

#[derive(clap::Args, Debug)]
pub(crate) struct Ui {
    /// The port on 127.0.0.1 (0: a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Show everything, change nothing: every action is hidden and refused.
    #[arg(long)]
    read_only: bool,
}

impl Ui {
    #[cfg(feature = "ui")]
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let url = ctx.url()?.to_owned();
        let migrator = std::mem::replace(&mut ctx.migrator, crate::Migrator::new(&[], Vec::new())?);
        let options = crate::ui::Serve { port: self.port, open: self.open, read_only: self.read_only };
        crate::ui::serve(migrator, url, options).await?;
        Ok(crate::cli::output::said(serde_json::json!({}), "The page is stopped.".to_owned()))
    }

    #[cfg(not(feature = "ui"))]
    pub(super) async fn run(&self, _ctx: &mut Context) -> Result<Box<dyn Output>> {
        Err(Error::Config("this binary was built without the web page (feature `cli-core` alone): build it with the `cli` feature, as `cargo install migrate --features cli` does".into()))
    }
}
