use super::Context;
use crate::cli::output::{Output, Printer, said};
use crate::error::{Error, Result};
use crate::seed::{SeedOptions, SeedReport, SeedStatus};
use serde_json::{Value, json};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(crate) struct Seed {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Run the seeds of the environment (--env) that are new or changed since they ran.
    Run {
        /// Only these seeds.
        #[arg(long, value_name = "NAME", num_args = 1..)]
        only: Vec<String>,
        /// Run them in a transaction that is rolled back: what they would write.
        #[arg(long)]
        dry_run: bool,
        /// Run them even when they did not change since they ran.
        #[arg(long)]
        force: bool,
    },
    /// Every seed and where it stands: applied, changed since it ran, pending, waiting for
    /// its migration, of another environment.
    Status,
    /// Write a new seed: Rust (default), or a file in the seeds directory.
    New {
        /// Its name (snake_case).
        name: String,
        /// A SQL file.
        #[arg(long, conflicts_with_all = ["json", "csv"])]
        sql: bool,
        /// A JSON file.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// A CSV file (one table).
        #[arg(long)]
        csv: bool,
    },
    /// Delete the rows seeds inserted and put back the values they replaced (asks first).
    Rollback {
        /// The seeds to roll back.
        #[arg(required_unless_present = "all")]
        names: Vec<String>,
        /// Every seed that ran, the last one first.
        #[arg(long, conflicts_with = "names")]
        all: bool,
    },
}

/// Whether `env` is a production environment, where seeding asks first.
pub(super) fn is_production(env: &str) -> bool {
    matches!(env.to_ascii_lowercase().as_str(), "prod" | "production")
}

impl Seed {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let env = ctx.config.environment.clone();
        match &self.action {
            Action::Run { only, dry_run, force } => {
                let options = SeedOptions { env, only: only.clone(), dry_run: *dry_run, force: *force, any_env: false };
                let report = run(ctx, &options).await?;
                Ok(Box::new(Seeded(report)))
            }
            Action::Status => {
                let (migrator, conn) = ctx.connect().await?;
                let seeds = migrator.seed_status(conn, &env).await?;
                Ok(Box::new(Statuses { env, seeds }))
            }
            Action::New { name, sql, json, csv } => new(ctx, name, *sql, *json, *csv),
            Action::Rollback { names, all } => {
                let which = if *all { "every seed that ran".to_owned() } else { names.join(", ") };
                ctx.confirm(&format!("Delete the rows {which} inserted and restore what it updated?"))?;
                let (migrator, conn) = ctx.connect().await?;
                let report = migrator.roll_back_seeds(conn, names).await?;
                Ok(Box::new(Seeded(report)))
            }
        }
    }
}

/// Run seeds, asking first in a production environment.
pub(super) async fn run(ctx: &mut Context, options: &SeedOptions) -> Result<SeedReport> {
    if is_production(&options.env) && !options.dry_run && !ctx.config.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::Config(format!(
                "seeding the `{}` environment: pass --yes to confirm (stdin is not a terminal to ask)",
                options.env
            )));
        }
        ctx.confirm(&format!("Run seeds in the `{}` environment?", options.env))?;
    }
    let (migrator, conn) = ctx.connect().await?;
    migrator.run_seeds(conn, options).await
}

fn new(ctx: &Context, name: &str, sql: bool, json: bool, csv: bool) -> Result<Box<dyn Output>> {
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.is_empty();
    if !plain {
        return Err(Error::Config(format!("seed name `{name}`: use letters, digits and _")));
    }
    let env = &ctx.config.environment;
    let (path, text): (PathBuf, String) = match (sql, json, csv) {
        (true, _, _) => (
            ctx.config.seeds_dir.join(format!("{name}.sql")),
            format!(
                "-- Seed: {name}\n-- Env: {env}\n-- e.g. After: 3              (runs once V3 is applied)\n-- e.g. Key: \
                 roles(name)        (what identifies its rows: rerunnable, and `seed rollback` undoes it)\n\n"
            ),
        ),
        (_, true, _) => (
            ctx.config.seeds_dir.join(format!("{name}.json")),
            format!("{{\n  \"$seed\": {{\"env\": [\"{env}\"], \"key\": {{}}}}\n}}\n"),
        ),
        (_, _, true) => {
            (ctx.config.seeds_dir.join(format!("{name}.csv")), format!("# Table: {name}\n# Env: {env}\n# Key: id\nid\n"))
        }
        _ => (
            ctx.config.rust_seeds_dir.join(format!("{name}.rs")),
            format!(
                "use migrate::prelude::*;\n\n#[seed(name = \"{name}\", env = [\"{env}\"])]\nfn {name}(s: &mut Seeds) {{\n    \
                 // s.upsert(\"roles\").key([\"name\"]).row(|r| r.set(\"name\", \"admin\").set(\"level\", 10));\n    \
                 let _ = s;\n}}\n"
            ),
        ),
    };
    if path.exists() {
        return Err(Error::Config(format!("{} exists already", path.display())));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(Error::io(format!("creating {}", dir.display())))?;
    }
    std::fs::write(&path, text).map_err(Error::io(format!("writing {}", path.display())))?;
    let hint = if sql || json || csv {
        String::new()
    } else {
        format!(
            " Declare the directory once, e.g. `mod seeds {{ migrate::migrations!(\"{}\"); }}` in the library",
            ctx.config.rust_seeds_dir.display()
        )
    };
    Ok(said(json!({"path": path.display().to_string()}), format!("Created {}.{hint}", path.display())))
}

/// A run or rollback, for people and as JSON.
pub(super) struct Seeded(pub(super) SeedReport);

impl Output for Seeded {
    fn json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or_default()
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        let r = &self.0;
        let dry = if r.dry_run { " (dry run: rolled back)" } else { "" };
        for s in &r.applied {
            let again = if s.rerun { ", changed since it ran" } else { "" };
            writeln!(
                p.err,
                "Seeded {} ({}{again}): inserted {}, updated {} in {} ms{dry}",
                s.name,
                s.kind.as_str(),
                s.inserted,
                s.updated,
                s.execution_ms
            )?;
        }
        for s in &r.rolled_back {
            writeln!(p.err, "Rolled back {}: deleted {}, restored {}", s.name, s.deleted, s.restored)?;
        }
        let list = |names: &[String]| names.join(", ");
        if !r.unchanged.is_empty() {
            writeln!(p.err, "Unchanged since they ran: {}", list(&r.unchanged))?;
        }
        if !r.waiting.is_empty() {
            writeln!(p.err, "Waiting for the migration they need (`after`): {}", list(&r.waiting))?;
        }
        if !r.other_env.is_empty() {
            writeln!(p.err, "Not for `{}`: {}", r.env, list(&r.other_env))?;
        }
        if r.applied.is_empty() && r.rolled_back.is_empty() && r.unchanged.is_empty() && r.waiting.is_empty() {
            writeln!(p.err, "No seeds to run in `{}`.", r.env)?;
        }
        Ok(())
    }
}

struct Statuses {
    env: String,
    seeds: Vec<SeedStatus>,
}

impl Output for Statuses {
    fn json(&self) -> Value {
        json!({"env": self.env, "seeds": self.seeds})
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        writeln!(p.out, "{:<24} {:<5} {:<10} {:<14} {:<22} rows", "seed", "kind", "status", "env", "applied at")?;
        for s in &self.seeds {
            let env = if s.env.is_empty() { "any".to_owned() } else { s.env.join(",") };
            let rows = s.rows.map(|r| format!("+{} ~{}", r.inserted, r.updated)).unwrap_or_default();
            writeln!(
                p.out,
                "{:<24} {:<5} {:<10} {:<14} {:<22} {rows}",
                s.name,
                s.kind,
                s.status,
                env,
                s.applied_at.as_deref().unwrap_or("")
            )?;
        }
        if self.seeds.is_empty() {
            writeln!(p.err, "No seeds: none linked into this binary and no files in the seeds directory.")?;
        }
        Ok(())
    }
}
