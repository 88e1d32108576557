use super::{Context, chosen_dialect};
use crate::cli::output::{Output, Printer};
use crate::error::{Error, Result};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(crate) struct Schema {
    /// Rust (the only form so far).
    #[arg(long, required = true)]
    rust: bool,
    /// The module's file [default: `schema_module` in migrate.toml, else src/schema.rs].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write nothing; exit 3 when the file differs from what the migrations produce.
    #[arg(long)]
    check: bool,
    /// `postgresql`, `mysql` or `sqlite` [default: the database URL's].
    #[arg(long)]
    dialect: Option<String>,
}

impl Schema {
    pub(super) async fn run(&self, ctx: &mut Context) -> Result<Box<dyn Output>> {
        let out = self.out.clone().unwrap_or_else(|| ctx.config.schema_module.clone());
        let dialect = chosen_dialect(self.dialect.as_deref(), ctx.config.url.as_deref())?
            .unwrap_or(crate::schema::Dialect::Sqlite);
        let (code, followed) = ctx.migrator.schema_module(dialect)?;
        let current = std::fs::read_to_string(&out).ok();
        let fresh = current.as_deref() == Some(code.as_str());
        if !fresh && !self.check {
            if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(Error::io(format!("creating {}", parent.display())))?;
            }
            std::fs::write(&out, &code).map_err(Error::io(format!("writing {}", out.display())))?;
        }
        let features = migrate_schema::codegen::features(&followed.model, dialect);
        let missing = features.iter().copied().filter(|f| !enabled(f)).collect();
        Ok(Box::new(Report {
            features,
            missing,
            out,
            dialect: dialect.name(),
            fresh,
            existed: current.is_some(),
            check: self.check,
            tables: followed.model.tables.len(),
            opaque: followed.opaque,
        }))
    }
}

/// Whether this build of `migrate` has `feature`, which the module's types need.
fn enabled(feature: &str) -> bool {
    match feature {
        "chrono" => cfg!(feature = "chrono"),
        "uuid" => cfg!(feature = "uuid"),
        "rust_decimal" => cfg!(feature = "rust_decimal"),
        "json" => cfg!(feature = "json"),
        _ => false,
    }
}

/// The typed module written, or with `--check` compared.
struct Report {
    /// The features of `migrate` its types need, and those this build lacks.
    features: Vec<&'static str>,
    missing: Vec<&'static str>,
    out: PathBuf,
    dialect: &'static str,
    fresh: bool,
    existed: bool,
    check: bool,
    tables: usize,
    opaque: Vec<String>,
}

impl Output for Report {
    fn json(&self) -> Value {
        let mut doc = match self.check {
            true => json!({"file": self.out, "fresh": self.fresh, "dialect": self.dialect}),
            false => json!({"file": self.out, "written": !self.fresh, "tables": self.tables}),
        };
        doc["features"] = json!(self.features);
        doc["missing_features"] = json!(self.missing);
        doc
    }

    fn text(&self, p: &mut Printer) -> io::Result<()> {
        let out = self.out.display();
        if !self.missing.is_empty() {
            let all: Vec<String> = self.features.iter().map(|f| format!("\"{f}\"")).collect();
            writeln!(
                p.err,
                "{out} uses types of migrate's feature(s) {}, which this build lacks: it compiles once the \
                 dependency turns them on, `migrate = {{ version = \"{}\", features = [{}] }}` (and `--features \
                 {}` for `cargo install migrate`).",
                self.missing.join(", "),
                env!("CARGO_PKG_VERSION"),
                all.join(", "),
                self.missing.join(",")
            )?;
        }
        match (self.check, self.fresh) {
            (true, true) => writeln!(p.err, "{out} is up to date."),
            (true, false) => {
                let state = if self.existed { "stale" } else { "missing" };
                writeln!(p.err, "{out} is {state}: run `migrate schema --rust` and commit it.")
            }
            (false, fresh) => {
                let what = if fresh { "already up to date" } else { "written" };
                writeln!(p.err, "{out} {what} ({} tables).", self.tables)?;
                for note in &self.opaque {
                    writeln!(p.err, "  not followed: {note}")?;
                }
                Ok(())
            }
        }
    }

    fn code(&self) -> u8 {
        if self.check && !self.fresh { 3 } else { 0 }
    }
}
