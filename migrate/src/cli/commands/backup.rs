use super::Context;
use crate::backup::{Backup as Taken, Kept};
use crate::cli::output::{Output, Printer, said};
use crate::error::{Error, Result};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub(crate) struct Backup {
    /// What to do [default: take one now].
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Take a backup now.
    Create,
    /// Every backup, oldest first.
    List,
    /// Delete backups older than a duration (`30d`, `12h`, `90m`).
    Purge {
        /// How old a backup must be to go.
        #[arg(long)]
        older_than: String,
    },
}

impl Backup {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let (dir, tool) = (ctx.config.backup_dir.clone(), ctx.config.backup_tool);
        let url = ctx.url()?.to_owned();
        let (_, conn) = ctx.connect().await?;
        match self.action.as_ref().unwrap_or(&Action::Create) {
            Action::Create => {
                let b = crate::backup::create_with(conn, &url, &dir, "manual", tool).await?;
                let message = format!("Backed up to {} ({} bytes).", b.file.display(), b.bytes);
                Ok(said(json!({"backup": b}), message))
            }
            Action::List => {
                let all = crate::backup::list(&dir)?;
                let kept = crate::backup::kept(conn).await?;
                Ok(Box::new(List { dir, all, kept }))
            }
            Action::Purge { older_than } => {
                let age = parse_age(older_than)?;
                let purged = crate::backup::purge(&dir, age)?;
                let kept = crate::backup::purge_kept(conn, age).await?;
                let message = format!("Purged {} backup(s) and {} table(s) of kept rows.", purged.len(), kept.len());
                Ok(said(json!({"purged": purged, "purged_kept": kept}), message))
            }
        }
    }
}

struct List {
    dir: PathBuf,
    all: Vec<Taken>,
    kept: Vec<Kept>,
}

impl Output for List {
    fn json(&self) -> Value {
        json!({"backups": self.all, "kept": self.kept})
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        if self.all.is_empty() {
            writeln!(p.err, "No backups in {}.", self.dir.display())?;
        }
        for k in &self.kept {
            let object = k.column.as_ref().map_or_else(|| k.table.clone(), |c| format!("{}.{c}", k.table));
            writeln!(p.out, "{}  {}  rows of {object} dropped by V{}  {} row(s)", k.kept_as, k.created_at, k.version, k.rows)?;
        }
        for b in &self.all {
            let version = b.version.map_or_else(|| "-".to_owned(), |v| format!("V{v}"));
            writeln!(
                p.out,
                "{}  {}  before {}  at {version}  {} bytes  {}",
                b.name,
                b.created_at,
                b.before,
                b.bytes,
                b.file.display()
            )?;
        }
        Ok(())
    }
}

/// `30d`, `12h`, `90m`, `45s`.
fn parse_age(text: &str) -> Result<Duration> {
    let bad = || Error::Config(format!("--older-than {text}: expected a number and a unit (d, h, m, s), e.g. 30d"));
    let text = text.trim();
    let unit = text.chars().last().ok_or_else(bad)?;
    let n: u64 = text[..text.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let seconds = match unit {
        'd' => 86_400,
        'h' => 3_600,
        'm' => 60,
        's' => 1,
        _ => return Err(bad()),
    };
    Ok(Duration::from_secs(n.saturating_mul(seconds)))
}
