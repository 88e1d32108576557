//! Snapshots: a database's schema saved in the project as JSON (gzip-compressed when large),
//! with when, from which database and at which applied version it was taken, so that it
//! can be listed, shown and compared with `migrate diff` later.

use crate::driver::{Connection, redact};
use crate::error::{Error, Result};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use migrate_schema::{Dialect, SchemaModel};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Snapshots larger than this are written gzip-compressed (`.json.gz`).
const COMPRESS_ABOVE: usize = 256 * 1024;

/// A saved schema and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The snapshot format (1).
    pub format: u32,
    /// Its name, as given to `snapshot save`.
    pub name: String,
    /// When it was taken (UTC, `YYYY-MM-DD HH:MM:SS`).
    pub taken_at: String,
    /// The database's dialect.
    pub dialect: Dialect,
    /// The database's URL, without its password.
    pub database: String,
    /// The highest applied migration at the time, if any.
    pub applied_version: Option<u64>,
    /// The schema.
    pub schema: SchemaModel,
}

impl Snapshot {
    /// The schema of the database behind `conn` (reached at `url`), now.
    pub async fn take(conn: &mut Connection, url: &str, name: &str) -> Result<Snapshot> {
        let schema = conn.introspect().await?;
        let applied_version = crate::history::highest_applied(&crate::history::rows(conn).await?);
        Ok(Snapshot {
            format: 1,
            name: name.to_owned(),
            taken_at: crate::actor::utc_now().readable,
            dialect: conn.dialect(),
            database: redact(url),
            applied_version,
            schema,
        })
    }

    /// Write it into `dir` as `YYYYMMDDHHMMSS_name.json` (`.json.gz` when large).
    pub fn save(&self, dir: &Path) -> Result<PathBuf> {
        let io = |path: &Path, e: std::io::Error| Error::io(format!("writing {}", path.display()))(e);
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::Custom(format!("writing the snapshot: {e}")))?;
        let stamp: String = self.taken_at.chars().filter(char::is_ascii_digit).collect();
        let base = dir.join(format!("{stamp}_{}", file_safe(&self.name)));
        if json.len() <= COMPRESS_ABOVE {
            let path = base.with_extension("json");
            std::fs::write(&path, json).map_err(|e| io(&path, e))?;
            return Ok(path);
        }
        let path = base.with_extension("json.gz");
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        let bytes = encoder.write_all(&json).and_then(|()| encoder.finish()).map_err(|e| io(&path, e))?;
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        Ok(path)
    }

    /// Read a snapshot file (`.json` or `.json.gz`). A bare schema model is accepted too.
    pub fn load(path: &Path) -> Result<Snapshot> {
        let bytes = std::fs::read(path).map_err(Error::io(format!("reading {}", path.display())))?;
        let text = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut text = String::new();
            GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .map_err(Error::io(format!("reading {}", path.display())))?;
            text
        } else {
            String::from_utf8(bytes).map_err(|e| Error::Config(format!("{}: {e}", path.display())))?
        };
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| Error::Config(format!("{}:{}:{}: {e}", path.display(), e.line(), e.column())))?;
        if value.get("schema").is_some() {
            return serde_json::from_value(value)
                .map_err(|e| Error::Config(format!("{}: not a snapshot: {e}", path.display())));
        }
        let schema: SchemaModel = serde_json::from_value(value)
            .map_err(|e| Error::Config(format!("{}: neither a snapshot nor a schema: {e}", path.display())))?;
        Ok(Snapshot {
            format: 1,
            name: path.display().to_string(),
            taken_at: String::new(),
            dialect: Dialect::Postgres,
            database: String::new(),
            applied_version: None,
            schema,
        })
    }

    /// Every snapshot in `dir`, oldest first (an absent directory has none).
    pub fn list(dir: &Path) -> Result<Vec<(PathBuf, Snapshot)>> {
        let Ok(entries) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".json") || p.to_string_lossy().ends_with(".json.gz"))
            .collect();
        paths.sort();
        paths.into_iter().map(|p| Snapshot::load(&p).map(|s| (p, s))).collect()
    }

    /// `what` as a file, else the newest snapshot in `dir` whose file or name contains it.
    pub fn find(dir: &Path, what: &str) -> Result<PathBuf> {
        let path = Path::new(what);
        if path.is_file() {
            return Ok(path.to_owned());
        }
        let found = Snapshot::list(dir)?
            .into_iter()
            .rev()
            .find(|(p, s)| s.name == what || p.file_name().is_some_and(|f| f.to_string_lossy().contains(what)));
        found.map(|(p, _)| p).ok_or_else(|| {
            Error::Config(format!("no snapshot `{what}` in {} (see `migrate snapshot list`)", dir.display()))
        })
    }
}

/// A name fit for a file: letters, digits, `-` and `_`.
fn file_safe(name: &str) -> String {
    let safe: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if safe.is_empty() { "snapshot".to_owned() } else { safe }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use migrate_schema::{Column, ColumnType, Table};

    fn snapshot(tables: usize) -> Snapshot {
        let mut schema = SchemaModel::new();
        for i in 0..tables {
            let mut t = Table::new(format!("table_{i}"));
            t.columns.push(Column::new("id", ColumnType::BigInt));
            schema.tables.push(t);
        }
        Snapshot {
            format: 1,
            name: "before release".into(),
            taken_at: "2026-11-22 10:00:00".into(),
            dialect: Dialect::Sqlite,
            database: "sqlite://app.db".into(),
            applied_version: Some(3),
            schema,
        }
    }

    #[test]
    fn saves_loads_lists_and_finds_plain_and_compressed() {
        let dir = std::env::temp_dir().join(format!("migrate_snapshots_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let small = snapshot(2);
        let path = small.save(&dir).unwrap();
        assert_eq!(path.file_name().unwrap(), "20261122100000_before_release.json");
        assert_eq!(Snapshot::load(&path).unwrap(), small);
        let mut large = snapshot(5000);
        large.name = "big".into();
        let path = large.save(&dir).unwrap();
        assert!(path.to_string_lossy().ends_with(".json.gz"));
        assert!(std::fs::metadata(&path).unwrap().len() < 256 * 1024);
        assert_eq!(Snapshot::load(&path).unwrap(), large);
        assert_eq!(Snapshot::list(&dir).unwrap().len(), 2);
        assert_eq!(Snapshot::find(&dir, "big").unwrap(), path);
        assert!(Snapshot::find(&dir, "nothing").unwrap_err().to_string().contains("snapshot list"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
