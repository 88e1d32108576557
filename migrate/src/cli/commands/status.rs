use super::Context;
use crate::Result;
use crate::cli::output::{Output, Printer, change_line};
use serde_json::Value;
use std::io::{self, Write};

#[derive(clap::Args, Debug)]
pub(crate) struct Status {
    /// Exit with 3 when migrations are pending or verification finds problems.
    #[arg(long)]
    check: bool,
}

impl Status {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let url = ctx.url()?.to_owned();
        let (migrator, conn) = ctx.connect().await?;
        let status = migrator.status(conn).await?;
        // With --check, drift too: the database against what its applied migrations describe.
        let drift = if self.check { Some(migrator.drift(conn, &url).await?) } else { None };
        let no_sum = !ctx.config.has_sum() && !status.migrations.is_empty();
        Ok(Box::new(Report { status, drift, check: self.check, no_sum }))
    }
}

struct Report {
    status: crate::Status,
    drift: Option<crate::Drift>,
    check: bool,
    /// The project has no migrate.sum.
    no_sum: bool,
}

impl Report {
    fn pending(&self) -> usize {
        self.status.migrations.iter().filter(|m| m.status == "pending").count()
    }
}

impl Output for Report {
    fn json(&self) -> Value {
        let mut doc = serde_json::to_value(&self.status).unwrap_or_default();
        if let (Some(drift), Some(map)) = (&self.drift, doc.as_object_mut()) {
            map.insert("drift".to_owned(), serde_json::to_value(drift).unwrap_or_default());
        }
        doc
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        let status = &self.status;
        writeln!(p.out, "{:<8} {:<12} {:<5} {:<6} {:<28} name", "version", "status", "kind", "batch", "applied at")?;
        for m in &status.migrations {
            writeln!(
                p.out,
                "{:<8} {:<12} {:<5} {:<6} {:<28} {}",
                m.version,
                m.status,
                format!("{:?}", m.kind).to_lowercase(),
                m.batch.map(|b| b.to_string()).unwrap_or_default(),
                m.applied_at.as_deref().unwrap_or(""),
                m.name
            )?;
        }
        let pending = self.pending();
        writeln!(p.out, "{} applied, {pending} pending", status.migrations.len() - pending)?;
        if let Some(h) = &status.lock {
            writeln!(p.out, "lock: held by {h}")?;
        }
        for problem in &status.problems {
            writeln!(p.out, "problem: {}", problem.message)?;
        }
        for c in self.drift.iter().flat_map(|d| &d.changes) {
            writeln!(p.out, "drift: {}", change_line(c, false))?;
        }
        if self.no_sum {
            writeln!(
                p.err,
                "hint: `migrate hash` writes migrate.sum, so that a migration added, removed or edited without it (a \
                 merge of two branches that each added one) is caught before it runs"
            )?;
        }
        Ok(())
    }

    fn code(&self) -> u8 {
        let drifted = self.drift.as_ref().is_some_and(|d| !d.changes.is_empty());
        if self.check && (self.pending() > 0 || !self.status.problems.is_empty() || drifted) { 3 } else { 0 }
    }
}
