//! The plain `migrate` binary for SQL-only projects: SQL files from `migrations/` (or
//! `--migrations DIR`), the database from `--database-url` or `DATABASE_URL`.

fn main() -> std::process::ExitCode {
    migrate::cli::main()
}
