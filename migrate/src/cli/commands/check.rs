use super::{Context, chosen_dialect};
use crate::cli::git;
use crate::cli::output::{Output, Printer};
use crate::error::{Error, Result};
use crate::sql::SqlFile;
use crate::sum::{Change, Line, Sum};
use migrate_schema::risk::Level;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;

#[derive(clap::Args, Debug)]
pub(crate) struct Check {
    /// The git revision the branch is compared with, e.g. origin/main.
    #[arg(long, value_name = "REF")]
    base: String,
    /// The dialect new migrations are checked for [default: the database URL's].
    #[arg(long)]
    dialect: Option<String>,
}

/// One thing wrong with the branch's migrations.
#[derive(Debug, serde::Serialize)]
struct Finding {
    kind: &'static str,
    version: Option<u64>,
    message: String,
}

impl Check {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let dir = ctx.config.sql_dir.clone();
        let repo = if dir.exists() { dir.clone() } else { Path::new(".").to_owned() };
        git::verify(&repo, &self.base)?;
        let dialect = chosen_dialect(self.dialect.as_deref(), ctx.config.url.as_deref())?.ok_or_else(|| {
            Error::Config("check --base needs --dialect (postgresql, mysql or sqlite) or a database URL".into())
        })?;
        let base = base_sum(&dir, &self.base)?;
        let now = Sum::of(ctx.migrator.migrations());
        let origin = |v: u64| {
            ctx.migrator.migrations().iter().find(|m| m.version == v).map_or_else(String::new, |m| m.origin.clone())
        };
        let mut findings = Vec::new();
        for change in base.changes(&now) {
            match change {
                Change::Edited(l) => findings.push(Finding {
                    kind: "edited",
                    version: Some(l.version),
                    message: format!(
                        "V{:03} ({}) differs from {}: a migration that is on the base must not change; add a new one",
                        l.version,
                        origin(l.version),
                        self.base
                    ),
                }),
                Change::Removed(l) => findings.push(Finding {
                    kind: "removed",
                    version: Some(l.version),
                    message: format!("V{:03} is on {} and gone here", l.version, self.base),
                }),
                Change::Added(_) => {}
            }
        }
        let highest = base.lines.iter().map(|l| l.version).max();
        let on_base: std::collections::BTreeSet<u64> = base.lines.iter().map(|l| l.version).collect();
        let new: Vec<&Line> = now.lines.iter().filter(|l| !on_base.contains(&l.version)).collect();
        for l in new.iter().filter(|l| highest.is_some_and(|h| l.version < h)) {
            findings.push(Finding {
                kind: "below_base",
                version: Some(l.version),
                message: format!(
                    "V{:03} ({}) is new but below V{:03}, the highest on {}: renumber it (`migrate rebase`)",
                    l.version,
                    origin(l.version),
                    highest.unwrap_or_default(),
                    self.base
                ),
            });
        }
        findings.extend(sum_findings(ctx, &now)?);
        let is_new = |v: u64| new.iter().any(|l| l.version == v);
        let crate::OfflineCheck { problems, risks } = ctx.migrator.check_offline(dialect, Level::High)?;
        for p in problems.into_iter().filter(|p| is_new(p.version)) {
            findings.push(Finding { kind: "invalid", version: Some(p.version), message: p.message });
        }
        for (v, r) in risks.into_iter().filter(|(v, _)| is_new(*v)) {
            findings.push(Finding {
                kind: "risk",
                version: Some(v),
                message: format!(
                    "V{v:03} ({}): {} risk `{}` on {}: {} (accept it with `-- Allow risk: {}` or allow_risk)",
                    origin(v),
                    r.level.name(),
                    r.rule,
                    r.object,
                    r.reason,
                    r.rule
                ),
            });
        }
        Ok(Box::new(Report { base: self.base.clone(), new: new.len(), findings }))
    }
}

/// The base's migrations: its migrate.sum, else its SQL files (Rust migrations are then
/// unknown: they need the base compiled).
fn base_sum(dir: &Path, rev: &str) -> Result<Sum> {
    if let Some(text) = git::show(dir, rev, crate::sum::FILE_NAME)? {
        return Sum::parse(&text).map_err(|e| {
            Error::Config(format!("{}:{} at {rev}: {}", crate::sum::FILE_NAME, e.line, e.message))
        });
    }
    let mut files = Vec::new();
    for name in git::files(dir, rev)?.into_iter().filter(|n| n.ends_with(".sql")) {
        let Some(text) = git::show(dir, rev, &name)? else { continue };
        let file = SqlFile::parse(&dir.join(&name), &text).map_err(|e| Error::File(Box::new(e)))?;
        files.push(file);
    }
    let migrator = crate::Migrator::new(&[], files)?;
    Ok(Sum::of(migrator.migrations()))
}

/// The branch's migrate.sum against its migrations.
fn sum_findings(ctx: &Context, now: &Sum) -> Result<Vec<Finding>> {
    let file = match ctx.config.read_sum() {
        Ok(Some(file)) => file,
        Ok(None) => return Ok(Vec::new()),
        Err(Error::Config(message)) => return Ok(vec![Finding { kind: "sum", version: None, message }]),
        Err(other) => return Err(other),
    };
    Ok(file
        .changes(now)
        .into_iter()
        .map(|c| {
            let (what, l) = match &c {
                Change::Added(l) => ("added", l),
                Change::Removed(l) => ("removed", l),
                Change::Edited(l) => ("edited", l),
            };
            Finding {
                kind: "sum",
                version: Some(l.version),
                message: format!("migrate.sum does not match: V{:03} {what} without `migrate hash`", l.version),
            }
        })
        .collect())
}

struct Report {
    base: String,
    new: usize,
    findings: Vec<Finding>,
}

impl Output for Report {
    fn json(&self) -> Value {
        json!({"base": self.base, "ok": self.findings.is_empty(), "new": self.new, "problems": self.findings})
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        for f in &self.findings {
            writeln!(p.err, "problem: {}", f.message)?;
        }
        if self.findings.is_empty() {
            writeln!(p.err, "{} new migration(s) since {}: all in order.", self.new, self.base)?;
        }
        Ok(())
    }

    fn code(&self) -> u8 {
        if self.findings.is_empty() { 0 } else { 3 }
    }
}
