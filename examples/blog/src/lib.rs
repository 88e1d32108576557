//! The example blog application: its migrations live in `migrations/`.

pub mod migrations;
