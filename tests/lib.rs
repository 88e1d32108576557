//! Integration tests live in `it/`, UI tests in `ui/`.
