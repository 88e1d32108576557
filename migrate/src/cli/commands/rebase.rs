use super::Context;
use crate::cli::git;
use crate::cli::output::{Output, said};
use crate::error::{Error, Result};
use crate::history::status;
use crate::rebase::{renumber, rust_rewrite, sql_rewrites};
use serde_json::json;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(crate) struct Rebase {
    /// The versions to renumber [default: the migrations the branch added, with --base].
    versions: Vec<u64>,
    /// The git revision the branch started from or was merged with: its migrations stay,
    /// the others move after them.
    #[arg(long, value_name = "REF")]
    base: Option<String>,
    /// The first new version [default: one above the highest that stays].
    #[arg(long, value_name = "V")]
    onto: Option<u64>,
    /// Say what would be renamed and rewritten; change nothing.
    #[arg(long)]
    dry_run: bool,
}

impl Rebase {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let dir = ctx.config.sql_dir.clone();
        let files = crate::sql::load_dir(&dir).map_err(|e| Error::File(Box::new(e)))?;
        let rust = crate::registry::registered()?;
        let at_base: Option<(BTreeSet<String>, Vec<u64>)> = match &self.base {
            Some(rev) => {
                git::verify(&dir, rev)?;
                let names = git::files(&dir, rev)?.into_iter().collect();
                let sum = match git::show(&dir, rev, crate::sum::FILE_NAME)? {
                    Some(text) => crate::sum::Sum::parse(&text).map(|s| s.lines).unwrap_or_default(),
                    None => Vec::new(),
                };
                Some((names, sum.iter().filter(|l| l.kind == "rust").map(|l| l.version).collect()))
            }
            None if self.versions.is_empty() => {
                return Err(Error::Config("rebase: name the versions to renumber, or give --base REF".into()));
            }
            None => None,
        };
        let name_of = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let moved_sql: Vec<PathBuf> = files
            .iter()
            .filter(|f| match &at_base {
                Some((names, _)) => !names.contains(&name_of(&f.path)),
                None => self.versions.contains(&f.version),
            })
            .filter(|f| self.versions.is_empty() || self.versions.contains(&f.version))
            .map(|f| f.path.clone())
            .collect();
        let moved_rust: Vec<&crate::RustMigration> = rust
            .iter()
            .copied()
            .filter(|m| match &at_base {
                Some((_, base_rust)) => !base_rust.contains(&m.version) && self.versions.contains(&m.version),
                None => self.versions.contains(&m.version),
            })
            .collect();
        let moved: Vec<u64> = files
            .iter()
            .filter(|f| moved_sql.contains(&f.path))
            .map(|f| f.version)
            .chain(moved_rust.iter().map(|m| m.version))
            .collect();
        if moved.is_empty() {
            return Ok(said(json!({"renumbered": {}}), "Nothing to renumber: every migration is on the base."));
        }
        let staying = files
            .iter()
            .filter(|f| !moved_sql.contains(&f.path))
            .map(|f| f.version)
            .chain(rust.iter().filter(|m| !moved_rust.iter().any(|r| r.version == m.version)).map(|m| m.version))
            .max()
            .unwrap_or(0);
        let start = self.onto.unwrap_or(staying + 1);
        if start <= staying {
            return Err(Error::Config(format!("--onto {start}: V{staying} stays, so the first new version must be above it")));
        }
        self.refuse_applied(ctx, &files, &moved_sql, &moved_rust).await?;
        let map = renumber(&moved, start);
        let mut rewrites = sql_rewrites(&files, &moved_sql, &map)?;
        for m in &moved_rust {
            let path = PathBuf::from(m.file);
            let text = std::fs::read_to_string(&path).map_err(Error::io(format!(
                "reading {} (run rebase from the directory the crate builds in)",
                path.display()
            )))?;
            let new = map.get(&m.version).copied().unwrap_or(m.version);
            let text = rust_rewrite(&text, m.line as usize, m.version, new).ok_or_else(|| {
                Error::Config(format!("{}:{}: no `version = {}` in the #[migration] there", m.file, m.line, m.version))
            })?;
            rewrites.push(crate::rebase::Rewrite { from: path.clone(), to: path, text });
        }
        if !self.dry_run {
            for r in &rewrites {
                std::fs::write(&r.to, &r.text).map_err(Error::io(format!("writing {}", r.to.display())))?;
                if r.to != r.from {
                    std::fs::remove_file(&r.from).map_err(Error::io(format!("removing {}", r.from.display())))?;
                }
            }
            if ctx.config.has_sum() {
                let mut sum = crate::sum::Sum::of(ctx.config.migrator_from_dir()?.migrations());
                for m in &moved_rust {
                    sum = sum.with_unhashed(map.get(&m.version).copied().unwrap_or(m.version));
                }
                let path = crate::sum::path_in(&dir);
                std::fs::write(&path, sum.render()).map_err(Error::io(format!("writing {}", path.display())))?;
            }
        }
        let lines: Vec<String> = map.iter().map(|(old, new)| format!("V{old:03} -> V{new:03}")).collect();
        let verb = if self.dry_run { "Would renumber" } else { "Renumbered" };
        let rust_note = if moved_rust.is_empty() { "" } else { "; rebuild, then `migrate hash` records the Rust ones" };
        Ok(said(
            json!({"renumbered": map, "dry_run": self.dry_run,
                   "files": rewrites.iter().map(|r| r.to.display().to_string()).collect::<Vec<_>>()}),
            format!("{verb} {}{rust_note}.", lines.join(", ")),
        ))
    }

    /// A migration this database applied keeps its number: renumbered, it would run again.
    async fn refuse_applied(
        &self,
        ctx: &mut Context,
        files: &[crate::sql::SqlFile],
        moved_sql: &[PathBuf],
        moved_rust: &[&crate::RustMigration],
    ) -> Result<()> {
        if ctx.url().is_err() {
            return Ok(());
        }
        let (migrator, conn) = ctx.connect().await?;
        let rows = migrator.history(conn).await?.0;
        let applied = |v: u64, checksum: &str| {
            rows.iter().any(|r| r.version == v && r.status == status::APPLIED && r.checksum == checksum)
        };
        let mut refused: Vec<String> = files
            .iter()
            .filter(|f| moved_sql.contains(&f.path) && applied(f.version, &f.checksum))
            .map(|f| format!("V{:03} ({})", f.version, f.path.display()))
            .collect();
        refused.extend(
            moved_rust
                .iter()
                .filter(|m| rows.iter().any(|r| r.version == m.version && r.status == status::APPLIED))
                .map(|m| format!("V{:03} ({}:{})", m.version, m.file, m.line)),
        );
        if refused.is_empty() {
            return Ok(());
        }
        Err(Error::Config(format!(
            "{} already applied to this database: renumbered, it would run again. Renumber the other branch's \
             migration instead",
            refused.join(", ")
        )))
    }
}
