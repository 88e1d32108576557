use super::Context;
use crate::cli::output::{Output, Printer, change_line};
use crate::error::{Error, Result};
use crate::new::template::{Template, TemplateArgs};
use crate::new::{NewFile, Target};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(crate) struct New {
    /// Its name, in words or snake_case.
    name: String,
    /// A SQL file in the migrations directory instead of a Rust file.
    #[arg(long)]
    sql: bool,
    /// Directory of Rust migrations (default: the project's, or `src/migrations`).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Write what the database has that the migrations do not (apply them all first).
    #[arg(long, conflicts_with = "template")]
    from_db: bool,
    /// With --from-db, a rename rather than a drop and an add: `table.old=new` or `old=new`.
    #[arg(long = "rename", value_name = "OLD=NEW", requires = "from_db")]
    renames: Vec<String>,
    /// Write one common change, described by the flags below.
    #[arg(long, value_enum)]
    template: Option<Template>,
    #[command(flatten)]
    params: Box<TemplateArgs>,
}

impl New {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let rust_dir = self.dir.clone().unwrap_or_else(|| ctx.config.rust_dir.clone());
        let sql_dir = ctx.config.sql_dir.clone();
        let target = Target { name: &self.name, sql: self.sql, dir: if self.sql { &sql_dir } else { &rust_dir } };
        if !self.from_db {
            let url = ctx.config.url.as_deref();
            let file = crate::new::written(&ctx.migrator, url, &target, self.template, &self.params).await?;
            crate::new::write(&file)?;
            update_sum(ctx, &file)?;
            return Ok(Box::new(Created { file, changes: None }));
        }
        let url = ctx
            .config
            .url
            .clone()
            .ok_or_else(|| Error::Config("--from-db needs the development database's URL".to_owned()))?;
        let options = crate::diff::options(&self.renames)?;
        let (migrator, conn) = ctx.connect().await?;
        let Some((file, changes)) = crate::new::from_db(migrator, conn, &url, &target, &options).await? else {
            return Ok(super::super::output::said(
                json!({"path": null, "changes": []}),
                "No changes: the database matches its migrations. Nothing written.",
            ));
        };
        crate::new::write(&file)?;
        update_sum(ctx, &file)?;
        Ok(Box::new(Created { file, changes: Some(changes) }))
    }
}

/// A written migration; for one generated from the database, its changes and how to
/// record that the database already has them.
struct Created {
    file: NewFile,
    changes: Option<Vec<migrate_schema::Change>>,
}

impl Output for Created {
    fn json(&self) -> Value {
        let path = self.file.path.display().to_string();
        json!({"path": path, "version": self.file.version, "changes": self.changes.as_deref().unwrap_or_default()})
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        let path = self.file.path.display().to_string();
        writeln!(p.err, "Created {path} (version {}).", self.file.version)?;
        let Some(changes) = &self.changes else { return Ok(()) };
        let colour = p.colour_err();
        for c in changes {
            writeln!(p.err, "  {}", change_line(c, colour))?;
        }
        if changes.iter().any(|c| c.destructive) {
            writeln!(
                p.err,
                "Destructive changes above: if one is a rename, run again with --rename table.old=new or old=new."
            )?;
        }
        if changes.iter().any(|c| c.unsupported) {
            writeln!(
                p.err,
                "Some changes have no operation: they are listed at the top of the migration, to write by hand."
            )?;
        }
        let rebuild = if path.ends_with(".rs") { "add it to your migrations module, rebuild, then " } else { "" };
        writeln!(
            p.err,
            "This database already has these changes: {rebuild}record that with `migrate resolve {} --applied`.",
            self.file.version
        )
    }
}

/// A project with migrate.sum gets the new migration's line: a SQL file's checksum now,
/// a Rust one's once it is compiled (`migrate hash`; until then any checksum matches).
fn update_sum(ctx: &Context, file: &NewFile) -> Result<()> {
    if !ctx.config.has_sum() {
        return Ok(());
    }
    if file.path.extension().is_some_and(|e| e == "rs") {
        let path = crate::sum::path_in(&ctx.config.sql_dir);
        let text = std::fs::read_to_string(&path).map_err(Error::io(format!("reading {}", path.display())))?;
        let sum = crate::sum::Sum::parse(&text)
            .map_err(|e| Error::Config(format!("{}:{}: {}", path.display(), e.line, e.message)))?
            .with_unhashed(file.version);
        return std::fs::write(&path, sum.render()).map_err(Error::io(format!("writing {}", path.display())));
    }
    ctx.config.write_sum(&ctx.config.migrator_from_dir()?).map(|_| ())
}
