//! Integration tests of `migrate-schema`, one binary: rendering goldens, replay
//! validation, and inversion (with a property test of the automatic down).

// A test that meets an unexpected error should panic with it: that is its report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;
mod generate;
mod golden;
mod invert;
mod replay;
