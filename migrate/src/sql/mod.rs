//! SQL-file migrations: the file format, the loader, the statement splitter, what a
//! statement does to the schema, and which statements control transactions.

mod control;
mod file;
mod format;
mod meaning;
mod split;

pub use control::{Control, control, creates_object, moves_session};
pub use file::{FileError, Section, SqlFile, load_dir, parse_embedded};
pub use format::{format, format_file};
pub use meaning::{Meaning, meaning, tables_changed};
pub use split::{SplitError, SqlStatement, split};
