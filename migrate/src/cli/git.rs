//! Reading a git revision's files through the `git` command (the one the user's CI already
//! has; a library would bring its own idea of the repository's configuration).

use crate::error::{Error, Result};
use std::path::Path;
use std::process::Command;

/// The text of `name` in directory `dir` as revision `rev` has it, `None` when `rev` has
/// no such file.
pub(super) fn show(dir: &Path, rev: &str, name: &str) -> Result<Option<String>> {
    let out = git(dir, &["show", &format!("{rev}:./{name}")])?;
    Ok(out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned()))
}

/// The file names in directory `dir` at revision `rev` (none when `rev` lacks it).
pub(super) fn files(dir: &Path, rev: &str) -> Result<Vec<String>> {
    let out = git(dir, &["ls-tree", "--name-only", rev, "."])?;
    if !out.status.success() {
        return Ok(Vec::new());
    }
    Ok(String::from_utf8_lossy(&out.stdout).lines().map(|l| l.rsplit('/').next().unwrap_or(l).to_owned()).collect())
}

/// Fail unless `rev` names a commit.
pub(super) fn verify(dir: &Path, rev: &str) -> Result<()> {
    let out = git(dir, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?;
    if out.status.success() {
        return Ok(());
    }
    Err(Error::Config(format!(
        "--base {rev}: not a commit of the repository at {} (fetch it first, e.g. `git fetch origin main`)",
        dir.display()
    )))
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git").arg("-C").arg(dir).args(args).output().map_err(Error::io("running git (is it installed?)"))
}
