use super::Context;
use crate::cli::output::{Output, Printer};
use crate::{AuditRow, HistoryRow, Result};
use serde_json::{Value, json};
use std::io::{self, Write};

#[derive(clap::Args, Debug)]
pub(crate) struct History {
    /// Show the audit trail too.
    #[arg(long)]
    audit: bool,
}

impl History {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let (migrator, conn) = ctx.connect().await?;
        let (rows, trail) = migrator.history(conn).await?;
        Ok(Box::new(Report { dialect: conn.dialect().name(), rows, trail, audit: self.audit }))
    }
}

struct Report {
    dialect: &'static str,
    rows: Vec<HistoryRow>,
    trail: Vec<AuditRow>,
    audit: bool,
}

impl Output for Report {
    fn json(&self) -> Value {
        json!({"dialect": self.dialect, "history": self.rows, "audit": self.trail})
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        writeln!(p.out, "{:<8} {:<12} {:<6} {:<8} {:<28} name", "version", "status", "batch", "ms", "applied at")?;
        for r in &self.rows {
            writeln!(
                p.out,
                "{:<8} {:<12} {:<6} {:<8} {:<28} {}{}",
                r.version,
                r.status,
                r.batch,
                r.execution_ms,
                r.applied_at,
                r.name,
                r.error_message.as_deref().map(|e| format!(" ({e})")).unwrap_or_default()
            )?;
        }
        if !self.audit {
            return Ok(());
        }
        writeln!(p.out, "\n{:<28} {:<10} {:<8} {:<8} {:<24} detail", "at", "action", "version", "outcome", "who")?;
        for a in &self.trail {
            writeln!(
                p.out,
                "{:<28} {:<10} {:<8} {:<8} {:<24} {}",
                a.at,
                a.action,
                a.version.map(|v| v.to_string()).unwrap_or_default(),
                a.outcome,
                a.actor.as_deref().unwrap_or(""),
                a.detail.as_deref().unwrap_or("")
            )?;
        }
        Ok(())
    }
}
