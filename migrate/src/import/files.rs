//! Reading another tool's migration directory: its entries in name order, their text, and
//! the checks every tool's reader shares.

use super::Found;
use crate::sql::FileError;
use std::path::{Path, PathBuf};

/// A problem with `path`, not on a particular line.
pub(super) fn error(path: &Path, message: impl Into<String>) -> FileError {
    FileError { path: path.to_owned(), line: None, message: message.into(), unreadable: false }
}

/// The entries of `dir` (files and directories), sorted by name. A directory that does not
/// exist is an error: an import from nowhere is a mistake, not an empty project.
pub(super) fn entries(dir: &Path) -> Result<Vec<(String, PathBuf)>, FileError> {
    let read = std::fs::read_dir(dir).map_err(|e| FileError {
        path: dir.to_owned(),
        line: None,
        message: format!("cannot be read: {e}"),
        unreadable: true,
    })?;
    let mut out = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| error(dir, format!("cannot be read: {e}")))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
        if name.starts_with('.') {
            continue;
        }
        out.push((name, entry.path()));
    }
    out.sort();
    Ok(out)
}

/// The bytes of `path`.
pub(super) fn bytes(path: &Path) -> Result<Vec<u8>, FileError> {
    std::fs::read(path).map_err(|e| FileError {
        path: path.to_owned(),
        line: None,
        message: format!("cannot be read: {e}"),
        unreadable: true,
    })
}

/// The text of `path`, which must be UTF-8.
pub(super) fn text(path: &Path) -> Result<String, FileError> {
    String::from_utf8(bytes(path)?).map_err(|_| error(path, "is not UTF-8 text"))
}

/// `digits` as a version, or an error naming `path`.
pub(super) fn number(path: &Path, digits: &str) -> Result<u64, FileError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(path, format!("`{digits}` is not a version number")));
    }
    digits.parse().map_err(|_| error(path, format!("version `{digits}` is too large")))
}

/// A file name's words: `create_users_table` is "create users table".
pub(super) fn words(name: &str) -> String {
    name.replace('_', " ").trim().to_owned()
}

/// `found` unless two migrations share a version, which our history cannot tell apart.
pub(super) fn unique_versions(dir: &Path, mut found: Vec<Found>) -> Result<Vec<Found>, FileError> {
    found.sort_by(|a, b| a.version.cmp(&b.version).then_with(|| a.key.cmp(&b.key)));
    for pair in found.windows(2) {
        if pair[0].version == pair[1].version {
            return Err(error(
                dir,
                format!(
                    "{} and {} both have version {}: give one of them another version before importing",
                    pair[0].file.display(),
                    pair[1].file.display(),
                    pair[0].version
                ),
            ));
        }
    }
    Ok(found)
}

/// Attach each DOWN file's text to the UP migration of its version.
pub(super) fn attach_downs(found: &mut [Found], downs: Vec<(u64, PathBuf, String)>) -> Result<(), FileError> {
    for (version, path, text) in downs {
        let Some(up) = found.iter_mut().find(|f| f.version == version) else {
            return Err(error(&path, format!("a DOWN file without an UP file of version {version}")));
        };
        if let super::Body::Sql { down, .. } = &mut up.body {
            *down = Some(text);
        }
    }
    Ok(())
}

/// Lowercase hexadecimal of `bytes`.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn words_replace_underscores() {
        assert_eq!(words("create_users_table"), "create users table");
    }

    #[test]
    fn a_version_is_digits_only() {
        let p = Path::new("x.sql");
        assert_eq!(number(p, "0042").ok(), Some(42));
        assert!(number(p, "4a").is_err());
        assert!(number(p, "").is_err());
        assert!(number(p, "99999999999999999999999").is_err());
    }
}
