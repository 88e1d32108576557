//! Who runs this process, on which machine, and when: what the history, the audit and the
//! lock record about a run.

/// Who runs this process: `user@host` (read once).
pub(crate) fn actor() -> &'static str {
    static ACTOR: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ACTOR.get_or_init(|| {
        let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into());
        format!("{user}@{}", host())
    })
}

/// This machine's host name (read once).
pub(crate) fn host() -> &'static str {
    static HOST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HOST.get_or_init(|| {
        std::env::var("HOSTNAME")
            .ok()
            .filter(|h| !h.is_empty())
            .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_owned()))
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "localhost".into())
    })
}

/// The current UTC time, as file names and headers write it.
pub(crate) struct UtcNow {
    /// `YYYYMMDDHHmmss` (file names of `migrate new`).
    #[cfg_attr(not(feature = "cli-core"), allow(dead_code))]
    pub(crate) compact: String,
    /// `YYYY-MM-DD HH:mm:ss`.
    pub(crate) readable: String,
}

pub(crate) fn utc_now() -> UtcNow {
    let now = chrono_clock::Utc::now();
    UtcNow { compact: now.format("%Y%m%d%H%M%S").to_string(), readable: now.format("%Y-%m-%d %H:%M:%S").to_string() }
}
