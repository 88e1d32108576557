//! Integration tests of `migrate-schema`, one binary: rendering goldens, replay
//! validation, inversion (with a property test of the automatic down), and diff (with a
//! property test that its operations lead to the new schema).

// A test that meets an unexpected error should panic with it: that is its report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod diff;
mod fixtures;
mod generate;
mod golden;
mod invert;
mod replay;
