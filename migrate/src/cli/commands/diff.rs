use super::Context;
use crate::cli::output::{Changes, Output};
use crate::error::{Error, Result};

#[derive(clap::Args, Debug)]
pub(crate) struct Diff {
    /// Where to start [default: migrations].
    #[arg(long, default_value = "migrations")]
    from: String,
    /// Where to end [default: database].
    #[arg(long, default_value = "database")]
    to: String,
    /// Exit with 3 when the two differ.
    #[arg(long)]
    check: bool,
    /// A rename, not a drop and an add: `table.old=new` (column) or `old=new` (table).
    #[arg(long = "rename", value_name = "OLD=NEW")]
    renames: Vec<String>,
}

impl Diff {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let options = crate::diff::options(&self.renames)?;
        let url = ctx.url()?.to_owned();
        let (migrator, conn) = ctx.connect().await?;
        let from = crate::diff::source(migrator, conn, &url, &self.from).await?;
        let to = crate::diff::source(migrator, conn, &url, &self.to).await?;
        let diff = migrate_schema::normalize::diff_in(conn.dialect(), &from, &to, &options)
            .map_err(|e| Error::Config(e.to_string()))?;
        Ok(Box::new(Changes { from: self.from.clone(), to: self.to.clone(), changes: diff.changes, check: self.check }))
    }
}
