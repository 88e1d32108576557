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
        let project = Box::new(Files(ctx.config.clone()));
        crate::ui::serve(migrator, project, url, options).await?;
        Ok(crate::cli::output::said(serde_json::json!({}), "The page is stopped.".to_owned()))
    }

    #[cfg(not(feature = "ui"))]
    pub(super) async fn run(&self, _ctx: &mut Context) -> Result<Box<dyn Output>> {
        Err(Error::Config("this binary was built without the web page (feature `cli-core` alone): build it with the `cli` feature, as `cargo install migrate --features cli` does".into()))
    }
}

/// The page's files are the command line's: the configured directory (or the files
/// compiled in) and its migrate.sum.
#[cfg(feature = "ui")]
struct Files(super::Config);

#[cfg(feature = "ui")]
impl crate::ui::Project for Files {
    fn migrations(&self) -> Result<crate::Migrator> {
        self.0.migrator()
    }

    fn embedded(&self) -> bool {
        self.0.embedded()
    }

    fn sql_dir(&self) -> std::path::PathBuf {
        self.0.sql_dir.clone()
    }

    fn backups(&self) -> Option<(std::path::PathBuf, crate::backup::Tool)> {
        self.0.auto_backup.then(|| (self.0.backup_dir.clone(), self.0.backup_tool))
    }

    fn saved(&self) -> Result<Option<std::path::PathBuf>> {
        if !self.0.has_sum() {
            return Ok(None);
        }
        // The files on disk, where the edit is, also when the binary compiles them in.
        let (path, _) = self.0.write_sum(&self.0.migrator_from_dir()?)?;
        Ok(Some(path))
    }
}
