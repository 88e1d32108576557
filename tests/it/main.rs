//! Workspace integration tests: one binary, one module per area.

mod db;
mod execution;
mod ui;
