//! A `migrate` binary with no Rust migrations linked: the SQL-only case, run as a real
//! process by the race and kill tests.

fn main() -> std::process::ExitCode {
    migrate::cli::main()
}
