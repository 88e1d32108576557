//! What a run tells the application: events before and after each run and each migration
//! (and on failure), to listeners registered on the [`Migrator`], and as `tracing` events
//! (target `migrate`) inside one span per run and one per migration.
//!
//! A listener that returns an error at [`Event::RunStarted`] or [`Event::MigrationStarted`]
//! stops the run before that migration; at [`Event::MigrationDone`], before the next one.
//! What was applied stays applied. Errors returned from the other events are ignored: they
//! report an outcome that already happened.

use super::{Migrator, Report};
use crate::error::{Error, Result};
use migrate_schema::Dialect;
use std::sync::Arc;

/// Which way a run goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Applying (`up`).
    Up,
    /// Rolling back (`down`).
    Down,
}

/// Something that happened in a run.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// The run has the lock and its work: the versions it will apply or roll back, in order.
    RunStarted {
        /// Up or down.
        direction: Direction,
        /// The database.
        dialect: Dialect,
        /// The versions, in the order they run.
        versions: &'a [u64],
    },
    /// A migration is about to run.
    MigrationStarted {
        /// Up or down.
        direction: Direction,
        /// Its version.
        version: u64,
        /// Its name.
        name: &'a str,
    },
    /// A migration was applied or rolled back (on SQLite, within the run's transaction,
    /// which commits at the end of the run).
    MigrationDone {
        /// Up or down.
        direction: Direction,
        /// Its version.
        version: u64,
        /// Its name.
        name: &'a str,
        /// How long it took.
        execution_ms: i64,
    },
    /// A migration failed.
    MigrationFailed {
        /// Up or down.
        direction: Direction,
        /// Its version.
        version: u64,
        /// Its name.
        name: &'a str,
        /// What failed.
        error: &'a str,
    },
    /// The run ended well.
    RunFinished {
        /// Up or down.
        direction: Direction,
        /// What it did.
        report: &'a Report,
    },
    /// The run ended with an error.
    RunFailed {
        /// Up or down.
        direction: Direction,
        /// The error.
        error: &'a Error,
    },
    /// A seed is about to run (or be rolled back: `direction`).
    SeedStarted {
        /// Up (run) or down (rollback).
        direction: Direction,
        /// Its name.
        name: &'a str,
    },
    /// A seed ran, or was rolled back, and committed.
    SeedDone {
        /// Up (run) or down (rollback).
        direction: Direction,
        /// Its name.
        name: &'a str,
        /// Rows inserted (run) or deleted (rollback).
        inserted: u64,
        /// Rows updated (run) or restored (rollback).
        updated: u64,
        /// How long it took.
        execution_ms: i64,
    },
    /// A seed failed; nothing of it was kept.
    SeedFailed {
        /// Up (run) or down (rollback).
        direction: Direction,
        /// Its name.
        name: &'a str,
        /// What failed.
        error: &'a str,
    },
}

impl Event<'_> {
    /// A short name: `run_started`, `migration_started`, `migration_done`,
    /// `migration_failed`, `run_finished`, `run_failed`, `seed_started`, `seed_done`,
    /// `seed_failed`.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::RunStarted { .. } => "run_started",
            Event::MigrationStarted { .. } => "migration_started",
            Event::MigrationDone { .. } => "migration_done",
            Event::MigrationFailed { .. } => "migration_failed",
            Event::RunFinished { .. } => "run_finished",
            Event::RunFailed { .. } => "run_failed",
            Event::SeedStarted { .. } => "seed_started",
            Event::SeedDone { .. } => "seed_done",
            Event::SeedFailed { .. } => "seed_failed",
        }
    }

    /// Whether a listener's error at this event stops the run.
    fn can_stop(&self) -> bool {
        matches!(
            self,
            Event::RunStarted { .. }
                | Event::MigrationStarted { .. }
                | Event::MigrationDone { .. }
                | Event::SeedStarted { .. }
        )
    }
}

type ListenerFn = dyn Fn(&Event<'_>) -> std::result::Result<(), String> + Send + Sync;

/// The listeners of a [`Migrator`].
#[derive(Clone, Default)]
pub(crate) struct Listeners(Vec<Arc<ListenerFn>>);

impl std::fmt::Debug for Listeners {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} listener(s)", self.0.len())
    }
}

impl Listeners {
    /// Run `run` inside the run's `tracing` span, then tell how it ended.
    pub(crate) async fn observe(
        &self,
        direction: Direction,
        dialect: Dialect,
        run: impl std::future::Future<Output = Result<Report>>,
    ) -> Result<Report> {
        let span = tracing::info_span!(target: "migrate", "migrate_run", ?direction, %dialect);
        let result = tracing::Instrument::instrument(run, span).await;
        match &result {
            Ok(report) => self.emit(&Event::RunFinished { direction, report })?,
            Err(error) => self.emit(&Event::RunFailed { direction, error })?,
        }
        result
    }

    /// Tell every listener and `tracing`; the first listener error stops the run where
    /// the event allows it.
    pub(crate) fn emit(&self, event: &Event<'_>) -> Result<()> {
        trace(event);
        for listener in &self.0 {
            if let Err(message) = listener(event)
                && event.can_stop()
            {
                tracing::warn!(target: "migrate", event = event.kind(), %message, "a listener stopped the run");
                return Err(Error::Stopped { event: event.kind(), message });
            }
        }
        Ok(())
    }
}

fn trace(event: &Event<'_>) {
    match event {
        Event::RunStarted { direction, dialect, versions } => {
            tracing::info!(target: "migrate", ?direction, %dialect, count = versions.len(), "run started");
        }
        Event::MigrationStarted { direction, version, name } => {
            tracing::info!(target: "migrate", ?direction, version, name, "migration started");
        }
        Event::MigrationDone { direction, version, name, execution_ms } => {
            tracing::info!(target: "migrate", ?direction, version, name, execution_ms, "migration done");
        }
        Event::MigrationFailed { direction, version, name, error } => {
            tracing::error!(target: "migrate", ?direction, version, name, error, "migration failed");
        }
        Event::RunFinished { direction, report } => tracing::info!(
            target: "migrate",
            ?direction,
            applied = report.applied.len(),
            rolled_back = report.rolled_back.len(),
            elapsed_ms = u64::try_from(report.elapsed_ms).unwrap_or(u64::MAX),
            "run finished"
        ),
        Event::RunFailed { direction, error } => {
            tracing::error!(target: "migrate", ?direction, %error, "run failed");
        }
        Event::SeedStarted { direction, name } => tracing::info!(target: "migrate", ?direction, name, "seed started"),
        Event::SeedDone { direction, name, inserted, updated, execution_ms } => {
            tracing::info!(target: "migrate", ?direction, name, inserted, updated, execution_ms, "seed done");
        }
        Event::SeedFailed { direction, name, error } => {
            tracing::error!(target: "migrate", ?direction, name, error, "seed failed");
        }
    }
}

impl Migrator {
    /// Call `listener` at every [`Event`] of this migrator's runs. An error it returns at
    /// `RunStarted`, `MigrationStarted` or `MigrationDone` stops the run before the next
    /// migration (see the module documentation).
    ///
    /// ```
    /// use migrate::{Event, Migrator};
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let log = Arc::clone(&seen);
    /// let migrator = Migrator::new(&[], Vec::new()).unwrap().on_event(move |e: &Event<'_>| {
    ///     log.lock().unwrap().push(e.kind());
    ///     Ok(())
    /// });
    /// # let _ = (migrator, seen);
    /// ```
    pub fn on_event(
        mut self,
        listener: impl Fn(&Event<'_>) -> std::result::Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.listeners.0.push(Arc::new(listener));
        self
    }
}
