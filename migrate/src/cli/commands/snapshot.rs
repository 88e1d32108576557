use super::Context;
use crate::cli::output::{Changes, Output, Printer, said};
use crate::error::{Error, Result};
use crate::snapshot::Snapshot as Saved;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct Snapshot {
    /// Where snapshots are kept.
    #[arg(long, default_value = "snapshots")]
    dir: PathBuf,
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Save the connected database's schema.
    Save {
        /// A name for it.
        #[arg(default_value = "snapshot")]
        name: String,
    },
    /// Every saved snapshot.
    List,
    /// One snapshot's tables (all of it with --json).
    Show {
        /// Its name or file.
        name: String,
    },
    /// What changed from a snapshot to another one, or to the database.
    Diff {
        /// The older snapshot.
        from: String,
        /// The newer one [default: the database].
        to: Option<String>,
    },
}

impl Snapshot {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let dir = &self.dir;
        match &self.action {
            Action::Save { name } => {
                let url = ctx.url()?.to_owned();
                let (_, conn) = ctx.connect().await?;
                let path = Saved::take(conn, &url, name).await?.save(dir)?;
                let message = format!("Saved {}.", path.display());
                Ok(said(json!({"saved": path}), message))
            }
            Action::List => Ok(Box::new(List { dir: dir.clone(), all: Saved::list(dir)? })),
            Action::Show { name } => Ok(Box::new(Show(Saved::load(&Saved::find(dir, name)?)?))),
            Action::Diff { from, to } => {
                let a = Saved::load(&Saved::find(dir, from)?)?.schema;
                let (_, conn) = ctx.connect().await?;
                let b = match to {
                    Some(to) => Saved::load(&Saved::find(dir, to)?)?.schema,
                    None => conn.introspect().await?,
                };
                let diff = migrate_schema::normalize::diff_in(conn.dialect(), &a, &b, &Default::default())
                    .map_err(|e| Error::Config(e.to_string()))?;
                let to = to.clone().unwrap_or_else(|| "database".to_owned());
                Ok(Box::new(Changes { from: from.clone(), to, changes: diff.changes, check: false }))
            }
        }
    }
}

struct List {
    dir: PathBuf,
    all: Vec<(PathBuf, Saved)>,
}

impl Output for List {
    fn json(&self) -> Value {
        let items: Vec<_> = self
            .all
            .iter()
            .map(|(p, s)| {
                json!({"file": p, "name": s.name, "taken_at": s.taken_at, "dialect": s.dialect,
                "database": s.database, "applied_version": s.applied_version, "tables": s.schema.tables.len()})
            })
            .collect();
        json!({"snapshots": items})
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        for (path, s) in &self.all {
            let version = s.applied_version.map(|v| format!("V{v}")).unwrap_or_else(|| "-".to_owned());
            let tables = s.schema.tables.len();
            writeln!(p.out, "{:<20} {:<8} {:<7} {tables:>4} tables  {}", s.taken_at, s.dialect, version, path.display())?;
        }
        if self.all.is_empty() {
            writeln!(p.err, "No snapshots in {}.", Path::new(&self.dir).display())?;
        }
        Ok(())
    }
}

struct Show(Saved);

impl Output for Show {
    fn json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or_default()
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        let s = &self.0;
        writeln!(p.out, "{} taken {} from {} ({})", s.name, s.taken_at, s.database, s.dialect)?;
        for t in &s.schema.tables {
            let columns: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
            writeln!(p.out, "  {} ({})", t.name, columns.join(", "))?;
        }
        for n in &s.schema.natives {
            writeln!(p.out, "  {} {} (native)", n.kind, n.name)?;
        }
        Ok(())
    }
}
