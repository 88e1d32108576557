//! The output layer: every command returns a typed report, printed here for people or as
//! the `--json` document. A reader that goes away (`migrate history | head -1`) ends the
//! run quietly; errors are printed once, each cause on its own line.

use crate::error::Error;
use serde_json::{Value, json};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// Where text goes: tables and listings on `out` (stdout), messages on `err` (stderr).
pub(super) struct Printer {
    pub(super) out: io::StdoutLock<'static>,
    pub(super) err: io::StderrLock<'static>,
}

impl Printer {
    fn new() -> Printer {
        Printer { out: io::stdout().lock(), err: io::stderr().lock() }
    }

    /// Whether stdout is a terminal (and so takes colours).
    pub(super) fn colour_out(&self) -> bool {
        io::stdout().is_terminal()
    }

    /// Whether stderr is a terminal.
    pub(super) fn colour_err(&self) -> bool {
        io::stderr().is_terminal()
    }
}

/// A command's result.
pub(super) trait Output {
    /// The `--json` document.
    fn json(&self) -> Value;
    /// For people.
    fn text(&self, p: &mut Printer) -> io::Result<()>;
    /// The exit code: 0 unless a check found something (3) or the report is of a failure (1).
    fn code(&self) -> u8 {
        0
    }
}

/// A report that is one message on stderr, or one document.
pub(super) struct Said {
    pub(super) doc: Value,
    pub(super) message: String,
    pub(super) code: u8,
}

/// `message` for people, `doc` for `--json`.
pub(super) fn said(doc: Value, message: impl Into<String>) -> Box<dyn Output> {
    Box::new(Said { doc, message: message.into(), code: 0 })
}

impl Output for Said {
    fn json(&self) -> Value {
        self.doc.clone()
    }
    fn text(&self, p: &mut Printer) -> io::Result<()> {
        writeln!(p.err, "{}", self.message)
    }
    fn code(&self) -> u8 {
        self.code
    }
}

/// Print `output` and give its exit code.
pub(super) fn emit(output: &dyn Output, json: bool) -> ExitCode {
    let mut p = Printer::new();
    let written = match json {
        true => writeln!(p.out, "{}", output.json()),
        false => output.text(&mut p),
    };
    match written.and_then(|()| p.out.flush()) {
        Ok(()) => ExitCode::from(output.code()),
        // The reader has all it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(output.code()),
        Err(e) => {
            let _ = writeln!(p.err, "error: writing the output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Print `e` once (with what a partial run applied before it) and give its exit code.
pub(super) fn failed(e: &Error, json: bool) -> ExitCode {
    let mut p = Printer::new();
    let report = match e {
        Error::Partial { report, .. } => Some(report),
        _ => None,
    };
    let chain = e.chain();
    if json {
        let applied = report.map(|r| &r.applied[..]).unwrap_or_default();
        let doc = json!({"error": chain.join(": "), "exit_code": e.exit_code(), "applied": applied, "report": report});
        let _ = writeln!(p.out, "{doc}");
    }
    for d in report.iter().flat_map(|r| &r.applied) {
        let _ = writeln!(p.err, "Applied V{} {} ({} ms)", d.version, d.name, d.execution_ms);
    }
    let mut lines = chain.iter();
    if let Some(first) = lines.next() {
        let _ = writeln!(p.err, "error: {first}");
    }
    for cause in lines {
        let _ = writeln!(p.err, "  caused by: {cause}");
    }
    ExitCode::from(e.exit_code())
}

/// Messages on stderr while a command works, unless the output is JSON.
pub(super) fn note(json: bool, message: std::fmt::Arguments<'_>) {
    if !json {
        let _ = writeln!(io::stderr().lock(), "{message}");
    }
}

/// `+ users.bio  text NULL` (green for added, red for removed, yellow for changed).
pub(super) fn change_line(c: &migrate_schema::Change, colour: bool) -> String {
    use migrate_schema::ChangeKind;
    let (sign, code) = match c.kind {
        ChangeKind::Added => ('+', "32"),
        ChangeKind::Removed => ('-', "31"),
        ChangeKind::Changed => ('~', "33"),
        ChangeKind::Renamed => ('>', "36"),
    };
    let mut line = format!("{sign} {}  {}", c.object, c.detail);
    if c.destructive {
        line.push_str("  [destructive]");
    }
    if c.unsupported {
        line.push_str("  [no operation can express this]");
    }
    if colour { format!("\x1b[{code}m{line}\x1b[0m") } else { line }
}

/// The changes from one schema to another.
pub(super) struct Changes {
    pub(super) from: String,
    pub(super) to: String,
    pub(super) changes: Vec<migrate_schema::Change>,
    /// Exit 3 when there are changes (`diff --check`).
    pub(super) check: bool,
}

impl Output for Changes {
    fn json(&self) -> Value {
        json!({"from": self.from, "to": self.to, "changes": self.changes})
    }
    fn text(&self, p: &mut Printer) -> io::Result<()> {
        if self.changes.is_empty() {
            return writeln!(p.err, "No differences between {} and {}.", self.from, self.to);
        }
        let colour = p.colour_out();
        for c in &self.changes {
            writeln!(p.out, "{}", change_line(c, colour))?;
        }
        Ok(())
    }
    fn code(&self) -> u8 {
        if self.check && !self.changes.is_empty() { 3 } else { 0 }
    }
}

/// What `up`, `down`, `redo`, `reset` and `fresh` did.
pub(super) struct Ran {
    pub(super) dialect: &'static str,
    pub(super) report: crate::Report,
    /// A line said before the report (what `up` found on a new database).
    pub(super) note: Option<String>,
}

impl Output for Ran {
    fn json(&self) -> Value {
        let r = &self.report;
        json!({
            "dialect": self.dialect,
            "applied": r.applied,
            "rolled_back": r.rolled_back,
            "kept": r.kept,
            "elapsed_ms": r.elapsed_ms,
        })
    }
    fn text(&self, p: &mut Printer) -> io::Result<()> {
        let r = &self.report;
        if let Some(note) = &self.note {
            writeln!(p.err, "{note}")?;
        }
        for note in &r.kept {
            writeln!(p.err, "Kept rows: {note}")?;
        }
        for d in &r.rolled_back {
            writeln!(p.err, "Rolled back V{} {} ({} ms)", d.version, d.name, d.execution_ms)?;
        }
        for d in &r.applied {
            writeln!(p.err, "Applied V{} {} ({} ms)", d.version, d.name, d.execution_ms)?;
        }
        if r.applied.is_empty() && r.rolled_back.is_empty() {
            return writeln!(p.err, "Nothing to do: the database is up to date.");
        }
        writeln!(p.err, "{} applied, {} rolled back in {} ms.", r.applied.len(), r.rolled_back.len(), r.elapsed_ms)
    }
}

/// The statements and risks of each migration a run would apply (`plan`).
pub(super) struct Plan {
    pub(super) dialect: &'static str,
    pub(super) planned: Vec<crate::Planned>,
}

impl Output for Plan {
    fn json(&self) -> Value {
        json!({"dialect": self.dialect, "migrations": self.planned})
    }
    fn text(&self, p: &mut Printer) -> io::Result<()> {
        if self.planned.is_empty() {
            writeln!(p.err, "Nothing to do.")?;
        }
        planned(p, &self.planned)
    }
    fn code(&self) -> u8 {
        if self.planned.iter().any(|p| !p.problems.is_empty()) { 1 } else { 0 }
    }
}

fn planned(p: &mut Printer, planned: &[crate::Planned]) -> io::Result<()> {
    for m in planned {
        let tx = if m.transaction { "" } else { " (no transaction)" };
        writeln!(p.out, "-- V{} {} [{:?}]{tx}", m.version, m.name, m.kind)?;
        for r in &m.risks {
            let accepted = if r.accepted { ", accepted" } else { "" };
            let estimate = match (r.table_bytes, r.estimate_ms) {
                (Some(bytes), Some(ms)) => format!(" ({} KiB on disk, about {ms} ms)", bytes / 1024),
                _ => String::new(),
            };
            writeln!(
                p.out,
                "--   risk {}{accepted}: {} on {}: {}{estimate} [{}]",
                r.level, r.rule, r.object, r.reason, r.at
            )?;
        }
        for problem in &m.problems {
            writeln!(p.out, "--   problem: {}", problem.message)?;
        }
        for s in &m.statements {
            writeln!(p.out, "{s};")?;
        }
        writeln!(p.out)?;
    }
    Ok(())
}

/// A dry run: each migration's statements and risks, then what it changed, and how.
pub(super) struct Rehearsed {
    pub(super) dialect: &'static str,
    pub(super) dry: crate::DryRun,
}

impl Output for Rehearsed {
    fn json(&self) -> Value {
        let dry = &self.dry;
        json!({
            "dialect": self.dialect,
            "method": dry.method,
            "migrations": dry.migrations,
            "changes": dry.changes,
            "unchanged": dry.unchanged,
            "failed": dry.failed,
        })
    }
    fn text(&self, p: &mut Printer) -> io::Result<()> {
        let dry = &self.dry;
        let all: Vec<crate::Planned> = dry.migrations.iter().map(|m| m.planned.clone()).collect();
        if all.is_empty() {
            writeln!(p.err, "Nothing to do.")?;
        }
        planned(p, &all)?;
        let colour = p.colour_out();
        for c in &dry.changes {
            writeln!(p.out, "{}", change_line(c, colour))?;
        }
        for m in &dry.migrations {
            let note = m.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
            let done = if m.executed { format!("{} row(s) affected", m.rows_affected) } else { "skipped".to_owned() };
            writeln!(p.err, "V{} {}: {done}{note}", m.planned.version, m.planned.name)?;
        }
        let method = match dry.method {
            crate::DryRunMethod::Transaction => "in a transaction that was rolled back",
            crate::DryRunMethod::ScratchDatabase => "on a scratch database copied from this one's schema, then dropped",
        };
        match &dry.failed {
            Some(f) => writeln!(p.err, "Dry run failed {method}: {f}")?,
            None => writeln!(
                p.err,
                "Dry run: {} migration(s) ran {method}; {} change(s).",
                dry.migrations.len(),
                dry.changes.len()
            )?,
        }
        if dry.unchanged {
            writeln!(p.err, "The database is as it was.")?;
        }
        Ok(())
    }
    fn code(&self) -> u8 {
        if self.dry.failed.is_some() { 1 } else { 0 }
    }
}
