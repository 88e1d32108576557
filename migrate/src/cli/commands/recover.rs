use super::Context;
use crate::cli::output::{Output, Printer, said};
use crate::error::{Error, Result};
use crate::{RecoverAction, Recovery, Resolution};
use clap::ArgGroup;
use serde_json::{Value, json};
use std::io::{self, Write};

#[derive(clap::Args, Debug)]
#[command(group(ArgGroup::new("way").args(["retry", "rollback", "skip", "mark"])))]
pub(crate) struct Recover {
    /// The migration [default: the one that stopped, when only one did].
    version: Option<u64>,
    /// Run the statements after those that took effect.
    #[arg(long)]
    retry: bool,
    /// Undo the statements that took effect (computed from the operation model); the
    /// migration is pending again.
    #[arg(long)]
    rollback: bool,
    /// Leave the database as it is and record the migration as applied.
    #[arg(long)]
    skip: bool,
    /// Record what was done by hand: `applied` or `rolled-back`.
    #[arg(long, value_name = "OUTCOME", value_parser = ["applied", "rolled-back"])]
    mark: Option<String>,
}

impl Recover {
    fn action(&self) -> Option<RecoverAction> {
        match (self.retry, self.rollback, self.skip, self.mark.as_deref()) {
            (true, ..) => Some(RecoverAction::Retry),
            (_, true, ..) => Some(RecoverAction::Rollback),
            (_, _, true, _) => Some(RecoverAction::Skip),
            (.., Some("applied")) => Some(RecoverAction::Mark(Resolution::Applied)),
            (.., Some(_)) => Some(RecoverAction::Mark(Resolution::RolledBack)),
            _ => None,
        }
    }

    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let json = ctx.config.json;
        let (migrator, conn) = ctx.connect().await?;
        let dialect = conn.dialect().name();
        let plan = migrator.recover_plan(conn).await?;
        let Some(action) = self.action() else {
            return Ok(Box::new(Plan { dialect, plan }));
        };
        let version = match (self.version, plan.as_slice()) {
            (Some(v), _) => v,
            (None, [only]) => only.version,
            (None, []) => return Err(Error::Config("no migration stopped half-way: nothing to recover".into())),
            (None, _) => {
                let all: Vec<String> = plan.iter().map(|r| format!("V{}", r.version)).collect();
                return Err(Error::Config(format!("several migrations stopped half-way ({}): name one", all.join(", "))));
            }
        };
        if !json {
            let mut err = io::stderr().lock();
            let _ = explain(&mut err, plan.iter().filter(|r| r.version == version));
        }
        if matches!(action, RecoverAction::Rollback | RecoverAction::Retry) {
            ctx.confirm(&format!("Run these statements on the database for V{version}?"))?;
        }
        let (migrator, conn) = ctx.connect().await?;
        let done = migrator.recover(conn, version, action).await?;
        let word = match action {
            RecoverAction::Retry => "retried",
            RecoverAction::Rollback => "rolled back",
            RecoverAction::Skip => "skipped",
            RecoverAction::Mark(Resolution::Applied) => "marked applied",
            RecoverAction::Mark(Resolution::RolledBack) => "marked rolled back",
        };
        let message = format!("V{version} {} {word}.", done.name);
        Ok(said(json!({"dialect": dialect, "version": version, "action": word, "recovery": done}), message))
    }
}

/// The migrations that stopped half-way, and the ways on for each.
struct Plan {
    dialect: &'static str,
    plan: Vec<Recovery>,
}

impl Output for Plan {
    fn json(&self) -> Value {
        json!({"dialect": self.dialect, "recoveries": self.plan})
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        explain(&mut p.err, &self.plan)
    }
}

fn explain<'a>(w: &mut impl Write, plan: impl IntoIterator<Item = &'a Recovery>) -> io::Result<()> {
    let mut any = false;
    for r in plan {
        any = true;
        let why = r.error.as_deref().unwrap_or("its process stopped while it ran");
        writeln!(w, "V{} {} is {}: {why}", r.version, r.name, r.status)?;
        writeln!(w, "  the history counts {} statement(s) committed; the database shows {} took effect", r.recorded, r.ran)?;
        for s in &r.statements {
            let effect = match s.effect {
                crate::Effect::Done => "in effect",
                crate::Effect::NotDone => "not in effect",
                crate::Effect::Partial => "partly in effect",
                crate::Effect::Unknown => "not visible in the schema",
            };
            let first = s.sql.lines().next().unwrap_or_default();
            writeln!(w, "  {:>3}. [{effect}{}] {first}", s.index, if s.committed { ", committed" } else { "" })?;
        }
        for note in &r.notes {
            writeln!(w, "  note: {note}")?;
        }
        match (&r.rollback_blocked, r.statements.is_empty()) {
            // Without its statements (edited, gone, async code), neither way on is offered.
            (Some(reason), true) => writeln!(w, "  --retry is not possible: {reason}")?,
            _ => writeln!(w, "  --retry runs {} statement(s)", r.retry.len())?,
        }
        match &r.rollback_blocked {
            Some(reason) => writeln!(w, "  --rollback is not possible: {reason}")?,
            None => {
                writeln!(w, "  --rollback runs:")?;
                for sql in &r.rollback {
                    writeln!(w, "      {sql};")?;
                }
            }
        }
        writeln!(w, "  --skip records it applied as it is; --mark applied|rolled-back records what you did by hand")?;
    }
    if !any {
        writeln!(w, "No migration stopped half-way.")?;
    }
    Ok(())
}
