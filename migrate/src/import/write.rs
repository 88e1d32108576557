//! Writing converted migrations into our migrations directory: a file already there with
//! the same version is left alone when it says the same, and stops the import otherwise.

use super::Converted;
use crate::error::{Error, Result};
use crate::sql::SqlFile;
use std::path::{Path, PathBuf};

/// What [`write`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files that were already there, the same (an import run again).
    pub unchanged: Vec<PathBuf>,
}

/// Write the SQL of `converted` into `dir` (created if missing), or with `dry_run` only say
/// what would be written. Every conflict is found before anything is written.
pub fn write(dir: &Path, converted: &[Converted], dry_run: bool) -> Result<Written> {
    let existing = crate::sql::load_dir(dir).map_err(|e| Error::File(Box::new(e)))?;
    let mut out = Written::default();
    let mut todo = Vec::new();
    for c in converted {
        let Converted::Sql { version, file_name, text, from } = c else { continue };
        match existing.iter().find(|f| f.version == *version) {
            Some(f) if same(f, text, file_name) => out.unchanged.push(f.path.clone()),
            Some(f) => {
                return Err(Error::Config(format!(
                    "{} already has version {version} ({}), which differs from {} converted: move one of them \
                     aside, then import again",
                    dir.display(),
                    f.path.display(),
                    from.display()
                )));
            }
            None => todo.push((dir.join(file_name), text)),
        }
    }
    if !dry_run && !todo.is_empty() {
        std::fs::create_dir_all(dir).map_err(Error::io(format!("creating {}", dir.display())))?;
    }
    for (path, text) in todo {
        if !dry_run {
            std::fs::write(&path, text).map_err(Error::io(format!("writing {}", path.display())))?;
        }
        out.written.push(path);
    }
    Ok(out)
}

/// Whether the file already there says what `text` says (formatting aside).
fn same(existing: &SqlFile, text: &str, file_name: &str) -> bool {
    SqlFile::parse(Path::new(file_name), text).is_ok_and(|f| f.checksum == existing.checksum)
}
