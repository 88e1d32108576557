//! SQL-file migrations: the file format, the loader and the statement splitter.

mod file;
mod meaning;
mod split;

pub use file::{FileError, Section, SqlFile, load_dir, parse_embedded};
pub use meaning::{Meaning, meaning};
pub use split::{SplitError, SqlStatement, split};
