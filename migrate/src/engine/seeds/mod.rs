//! The engine's side of seeds: running them under the migration lock, one transaction
//! each, with events for the listeners, and rolling them back (see [`crate::seed`] for
//! what a seed is, how it is checked and written).

mod run;
mod undo;
