use super::Context;
use crate::Result;
use crate::cli::output::{Output, said};
use serde_json::json;

#[derive(clap::Args, Debug)]
pub(crate) struct Repair {
    /// Show what would change, change nothing.
    #[arg(long)]
    dry_run: bool,
}

impl Repair {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let (migrator, conn) = ctx.connect().await?;
        let dialect = conn.dialect().name();
        let planned = migrator.repair_plan(conn).await?;
        for a in &planned {
            let what = if a.fixes { "fix" } else { "to do by you" };
            ctx.note(format_args!("{} V{} ({what}): {}", a.action, a.version, a.detail));
        }
        let fixes = planned.iter().filter(|a| a.fixes).count();
        let actions = if fixes == 0 || self.dry_run {
            planned
        } else {
            ctx.confirm(&format!("Make these {fixes} change(s) to the history?"))?;
            let (migrator, conn) = ctx.connect().await?;
            migrator.repair(conn).await?
        };
        let fixed = actions.iter().filter(|a| a.fixes).count();
        let message = match (actions.is_empty(), self.dry_run) {
            (true, _) => "Nothing to repair.".to_owned(),
            (false, true) => format!("Dry run: {fixed} change(s) would be made; nothing was changed."),
            (false, false) => format!("Repaired {fixed} row(s)."),
        };
        Ok(said(json!({"dialect": dialect, "dry_run": self.dry_run, "actions": actions}), message))
    }
}
