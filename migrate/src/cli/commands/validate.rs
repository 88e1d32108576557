use super::{Context, chosen_dialect};
use crate::cli::output::{Output, Printer};
use crate::error::{Error, Result};
use crate::Problem;
use serde_json::{Value, json};
use std::io::{self, Write};

#[derive(clap::Args, Debug)]
pub(crate) struct Validate {
    /// No database: parse, render and follow every migration from an empty schema.
    #[arg(long)]
    offline: bool,
    /// `postgresql`, `mysql` or `sqlite`, with --offline [default: the database URL's].
    #[arg(long, requires = "offline")]
    dialect: Option<String>,
}

impl Validate {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let available = ctx.migrator.migrations().len();
        if self.offline {
            let dialect = chosen_dialect(self.dialect.as_deref(), ctx.config.url.as_deref())?.ok_or_else(|| {
                Error::Config("validate --offline needs --dialect (postgresql, mysql or sqlite) or a database URL".into())
            })?;
            let problems = ctx.migrator.validate_offline(dialect)?;
            let notes = ctx.migrator.notes(dialect);
            return Ok(Box::new(Report { problems, notes, available, rehearsed: None, dialect: dialect.name() }));
        }
        let url = ctx.url()?.to_owned();
        let (migrator, conn) = ctx.connect().await?;
        let mut problems = migrator.validate(conn).await?;
        let rehearsal = migrator.rehearse(conn, &url).await?;
        // A migration the parser already found wrong is reported once, as the parser says.
        let found: Vec<u64> = problems.iter().map(|p| p.version).collect();
        problems.extend(rehearsal.problems.iter().filter(|p| !found.contains(&p.version)).cloned());
        let mut notes = migrator.notes(conn.dialect());
        notes.extend(rehearsal.skipped.iter().map(|why| Problem {
            kind: "not_rehearsed",
            version: 0,
            message: why.clone(),
        }));
        let dialect = conn.dialect().name();
        Ok(Box::new(Report { problems, notes, available, rehearsed: Some(rehearsal.ran), dialect }))
    }
}

/// What `validate` found; exit 1 when there are problems. `rehearsed` is how many pending
/// migrations ran on a scratch database (`None` offline).
struct Report {
    problems: Vec<Problem>,
    notes: Vec<Problem>,
    available: usize,
    rehearsed: Option<usize>,
    dialect: &'static str,
}

impl Output for Report {
    fn json(&self) -> Value {
        json!({
            "dialect": self.dialect,
            "valid": self.problems.is_empty(),
            "offline": self.rehearsed.is_none(),
            "rehearsed": self.rehearsed,
            "problems": self.problems,
            "notes": self.notes,
        })
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        for n in &self.notes {
            writeln!(p.err, "note: {}", n.message)?;
        }
        let available = self.available;
        if self.problems.is_empty() {
            match self.rehearsed {
                Some(n) if n > 0 => writeln!(
                    p.err,
                    "{available} migration(s) valid; the {n} pending ran on a scratch copy of the schema without error."
                )?,
                _ => writeln!(p.err, "{available} migration(s) valid.")?,
            }
        }
        for problem in &self.problems {
            writeln!(p.err, "problem: {}", problem.message)?;
        }
        Ok(())
    }

    fn code(&self) -> u8 {
        if self.problems.is_empty() { 0 } else { 1 }
    }
}
