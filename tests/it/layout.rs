//! The shape of the code (issue 16): no import cycles between modules, and no file of the
//! engine or the command line far over 500 lines.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

#[test]
fn no_module_imports_a_module_that_imports_it() {
    let script = root().join("scripts/module-cycles");
    let out = match std::process::Command::new("python3").arg(&script).output() {
        Ok(out) => out,
        Err(e) if std::env::var("CI").is_err() => return eprintln!("skipped: python3 is not installed ({e})"),
        Err(e) => panic!("python3: {e}"),
    };
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains(" 0 cycle(s)"), "{said}{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn no_file_of_the_engine_or_the_cli_is_far_over_500_lines() {
    let mut long = Vec::new();
    for dir in ["migrate/src/engine", "migrate/src/cli"] {
        let mut todo = vec![root().join(dir)];
        while let Some(d) = todo.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    todo.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let lines = std::fs::read_to_string(&path).unwrap().lines().count();
                    if lines > 520 {
                        long.push(format!("{}: {lines} lines", path.display()));
                    }
                }
            }
        }
    }
    assert!(long.is_empty(), "{long:#?}");
}
