//! The blog's migrations, registered by `#[migration]`.

mod v001_create_users;
mod v002_create_posts;
mod v003_backfill_display_names;
