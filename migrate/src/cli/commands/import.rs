use super::Context;
use crate::cli::output::{Output, Printer};
use crate::error::{Error, Result};
use crate::import::{self, Converted, Plan, Tool, Written};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The history name migrate takes when the other tool's table already has its default name.
const CLASH_NAME: &str = "migrate_history";

#[derive(clap::Args, Debug)]
pub(crate) struct Import {
    /// The tool: sqlx, diesel, refinery, sea-orm, flyway, golang-migrate, goose, dbmate,
    /// laravel or rails.
    #[arg(long, value_name = "TOOL")]
    from: String,
    /// Its migrations directory [default: where the tool keeps them, e.g. `migrations`,
    /// `db/migrate`].
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Its history table, when it is not the tool's default name.
    #[arg(long, value_name = "NAME")]
    source_table: Option<String>,
    /// Say what would be converted and adopted; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Adopt migrations whose file changed since the tool applied them, as they are now.
    #[arg(long)]
    accept_edited: bool,
    /// Drop the tool's history table after a successful import (asks first).
    #[arg(long)]
    drop_source: bool,
}

impl Import {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let tool = Tool::named(&self.from).ok_or_else(|| {
            let names: Vec<&str> = import::TOOLS.iter().map(|t| t.name()).collect();
            Error::Config(format!("--from {}: expected one of {}", self.from, names.join(", ")))
        })?;
        let dir = self.dir.clone().unwrap_or_else(|| PathBuf::from(tool.default_dir()));
        if same_dir(&dir, &ctx.config.sql_dir) {
            return Err(Error::Config(format!(
                "{} holds {tool}'s migrations and is also where migrate's go: move {tool}'s aside first (e.g. `git mv \
                 {0} {0}.{tool}`), then `migrate import --from {tool} --dir {0}.{tool}`",
                dir.display()
            )));
        }
        let found = tool.read_dir(&dir).map_err(|e| Error::File(Box::new(e)))?;
        let today = chrono_clock::Utc::now().format("%Y%m%d").to_string();
        let converted = found
            .iter()
            .map(|f| import::convert(tool, f, &today))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::File(Box::new(e)))?;
        let source_table = match &self.source_table {
            Some(name) => crate::Tables::named(name)?.history().to_owned(),
            None => tool.table().to_owned(),
        };
        let mut report = Report { tool: Some(tool), dir: dir.clone(), dry_run: self.dry_run, ..Report::default() };
        report.left_out = tool.left_out(&dir).map_err(|e| Error::File(Box::new(e)))?;
        report.to_port = converted.iter().filter(|c| matches!(c, Converted::Code { .. })).cloned().collect();
        if ctx.url().is_err() {
            report.written = import::write(&ctx.config.sql_dir, &converted, self.dry_run)?;
            if ctx.config.has_sum() && !self.dry_run {
                ctx.config.write_sum(&ctx.config.migrator_from_dir()?)?;
            }
            report.plan = import::plan(&found, None, |k| tool.version_of(k));
            return Ok(Box::new(report));
        }
        let (_, conn) = ctx.connect().await?;
        let recorded = tool.history(conn, &source_table).await?;
        let clash = source_table == conn.tables().history();
        let plan = import::plan(&found, recorded.as_ref(), |k| tool.version_of(k));
        refuse(tool, &plan, &found, self.accept_edited, &source_table)?;
        if recorded.is_none() {
            ctx.note(format_args!("{source_table} does not exist in this database: there is no history to adopt."));
        }
        if clash && recorded.is_some() {
            if ctx.config.history_table_chosen() {
                return Err(Error::Config(format!(
                    "{tool} keeps its history in `{source_table}`, the name history_table gives migrate's: set \
                     another history_table, then import again"
                )));
            }
            report.history_table = Some(CLASH_NAME.to_owned());
        }
        report.written = import::write(&ctx.config.sql_dir, &converted, self.dry_run)?;
        report.plan = plan;
        if self.dry_run {
            return Ok(Box::new(report));
        }
        if let Some(name) = &report.history_table {
            report.settings = Some(set_history_table(&ctx.config.settings_path, name)?);
        }
        // The migrations as the directory now holds them, converted files included.
        let mut migrator = ctx.config.migrator_from_dir()?;
        if ctx.config.has_sum() {
            ctx.config.write_sum(&migrator)?;
        }
        if let Some(name) = &report.history_table {
            migrator = migrator.history_table(name)?;
        }
        let (_, conn) = ctx.connect().await?;
        let adopted = migrator.adopt(conn, tool, &report.plan.adopt).await?;
        report.adopted = Some(adopted);
        if self.drop_source && recorded.is_some() {
            ctx.confirm(&format!("Drop {source_table}, {tool}'s history table?"))?;
            let (_, conn) = ctx.connect().await?;
            let drop = sea_query::Table::drop().table(sea_query::Alias::new(&source_table)).to_owned();
            let sql = match conn.dialect() {
                crate::schema::Dialect::Postgres => drop.to_string(sea_query::PostgresQueryBuilder),
                crate::schema::Dialect::MySql => drop.to_string(sea_query::MysqlQueryBuilder),
                crate::schema::Dialect::Sqlite => drop.to_string(sea_query::SqliteQueryBuilder),
            };
            conn.execute(&sql).await.map_err(Error::db(format!("dropping {source_table}")))?;
            report.dropped = Some(source_table);
        }
        Ok(Box::new(report))
    }
}

/// Stop before anything is written when the tool did not finish a migration, or when a
/// file changed since it ran (unless `accept_edited`).
fn refuse(tool: Tool, plan: &Plan, found: &[import::Found], accept_edited: bool, table: &str) -> Result<()> {
    if !plan.failed.is_empty() {
        let which: Vec<String> = plan
            .failed
            .iter()
            .map(|(key, why)| match found.iter().find(|f| &f.key == key) {
                Some(f) => format!("V{} {} ({}): {why}", f.version, f.name, f.file.display()),
                None => format!("{key}: {why}"),
            })
            .collect();
        return Err(Error::Import {
            tool: tool.name(),
            message: format!(
                "{table} says {} did not finish: {}. Look at what of it took effect; finish or undo it by hand, then \
                 record that in {tool} ({}) and import again; once imported, `migrate resolve` settles such a \
                 migration in migrate's own history",
                if which.len() == 1 { "this migration" } else { "these migrations" },
                which.join("; "),
                fix_hint(tool)
            ),
        });
    }
    if !plan.edited.is_empty() && !accept_edited {
        let which: Vec<String> =
            plan.edited.iter().map(|e| format!("{} (V{} {})", e.file.display(), e.version, e.name)).collect();
        return Err(Error::Import {
            tool: tool.name(),
            message: format!(
                "edited since {tool} applied {}: {}. Their checksum in {table} is not the file's; put back what ran \
                 (e.g. from git), or pass --accept-edited to adopt them as they are now",
                if which.len() == 1 { "it" } else { "them" },
                which.join(", ")
            ),
        });
    }
    Ok(())
}

/// Whether `a` and `b` are one directory.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// How the tool itself marks a failed migration settled.
fn fix_hint(tool: Tool) -> &'static str {
    match tool {
        Tool::Sqlx => "delete its row from _sqlx_migrations, or set success = true",
        Tool::GolangMigrate => "`migrate force VERSION`",
        Tool::Flyway => "`flyway repair`",
        _ => "its own repair command",
    }
}

/// Write `history_table = "name"` into the settings file (created if missing): the first
/// line, where a top-level key is always valid TOML.
fn set_history_table(path: &Path, name: &str) -> Result<PathBuf> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(format!("reading {}", path.display()))(e)),
    };
    let line = format!(
        "# Another tool's history table is named schema_migrations, so migrate keeps its own under this name.\n\
         history_table = \"{name}\"\n"
    );
    std::fs::write(path, format!("{line}{existing}")).map_err(Error::io(format!("writing {}", path.display())))?;
    Ok(path.to_owned())
}

/// What an import did, or with `--dry-run` would do.
#[derive(Debug, Default)]
struct Report {
    tool: Option<Tool>,
    dir: PathBuf,
    dry_run: bool,
    written: Written,
    to_port: Vec<Converted>,
    plan: Plan,
    adopted: Option<crate::Adopted>,
    history_table: Option<String>,
    settings: Option<PathBuf>,
    dropped: Option<String>,
    /// Files not converted, with why.
    left_out: Vec<(PathBuf, &'static str)>,
}

impl Output for Report {
    fn json(&self) -> Value {
        let paths = |p: &[PathBuf]| p.iter().map(|p| p.display().to_string()).collect::<Vec<_>>();
        let to_port: Vec<Value> = self
            .to_port
            .iter()
            .filter_map(|c| match c {
                Converted::Code { version, from, language, skeleton } => Some(json!({
                    "version": version, "file": from.display().to_string(), "language": language.name(),
                    "skeleton": skeleton,
                })),
                Converted::Sql { .. } => None,
            })
            .collect();
        let adopt: Vec<Value> = self
            .plan
            .adopt
            .iter()
            .map(|a| json!({"version": a.version, "name": a.name, "applied_at": a.applied_at, "applied_by": a.applied_by,
                "converted": a.code.is_none()}))
            .collect();
        json!({
            "tool": self.tool.map(Tool::name),
            "dir": self.dir.display().to_string(),
            "dry_run": self.dry_run,
            "written": paths(&self.written.written),
            "unchanged": paths(&self.written.unchanged),
            "to_port": to_port,
            "adopt": adopt,
            "adopted": self.adopted,
            "pending": self.plan.pending,
            "edited": self.plan.edited.iter().map(|e| e.file.display().to_string()).collect::<Vec<_>>(),
            "history_table": self.history_table,
            "dropped": self.dropped,
            "left_out": self.left_out.iter().map(|(p, why)| json!({"file": p.display().to_string(), "why": why})).collect::<Vec<_>>(),
        })
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        let tool = self.tool.map_or("", Tool::name);
        let would = if self.dry_run { "Would write" } else { "Wrote" };
        for path in &self.written.written {
            writeln!(p.err, "{would} {}", path.display())?;
        }
        if !self.written.unchanged.is_empty() {
            writeln!(p.err, "Already converted, unchanged: {} file(s)", self.written.unchanged.len())?;
        }
        if let Some(name) = &self.history_table {
            let settings = self.settings.as_ref().map(|s| format!(" (written to {})", s.display())).unwrap_or_default();
            writeln!(
                p.err,
                "{tool} keeps its history in schema_migrations, migrate's default name: migrate keeps its own as \
                 {name}{settings}."
            )?;
        }
        for e in &self.plan.edited {
            writeln!(p.err, "Edited since {tool} applied it, adopted as it is now: {}", e.file.display())?;
        }
        match &self.adopted {
            Some(a) => writeln!(
                p.err,
                "Adopted {} migration(s) {tool} applied as applied{}.",
                a.recorded.len(),
                if a.already.is_empty() { String::new() } else { format!(" ({} already were)", a.already.len()) }
            )?,
            None if self.dry_run && !self.plan.adopt.is_empty() => {
                writeln!(p.err, "Would adopt {} migration(s) {tool} applied.", self.plan.adopt.len())?
            }
            None => {}
        }
        if !self.plan.pending.is_empty() {
            let list: Vec<String> = self.plan.pending.iter().map(|v| format!("V{v}")).collect();
            writeln!(p.err, "Not applied by {tool}, `migrate up` runs them: {}", list.join(", "))?;
        }
        for (path, why) in &self.left_out {
            writeln!(p.err, "Not converted: {} ({why})", path.display())?;
        }
        if let Some(table) = &self.dropped {
            writeln!(p.err, "Dropped {table}.")?;
        }
        if !self.to_port.is_empty() {
            writeln!(
                p.err,
                "{} migration(s) are code, not SQL: their history is adopted; port each into a #[migration] (then \
                 `migrate repair` records its checksum). Skeletons:",
                self.to_port.len()
            )?;
            for c in &self.to_port {
                if let Converted::Code { skeleton, .. } = c {
                    writeln!(p.out, "{skeleton}")?;
                }
            }
        }
        Ok(())
    }
}
