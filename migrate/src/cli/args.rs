//! The command line as clap parses it: the flags every command takes ([`Global`], with
//! the configuration they feed) and the command, whose own flags are in its file under
//! `commands/`.

use super::config::Global;
use clap::Parser;

#[derive(Parser, Debug)]
#[command(name = "migrate", about = "Compiled, typed schema migrations", version)]
pub(super) struct Args {
    #[command(flatten)]
    pub(super) global: Global,
    #[command(subcommand)]
    pub(super) command: super::commands::Command,
}
