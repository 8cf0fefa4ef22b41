//! What goes to the terminal: messages and tables (unless `--quiet`),
//! JSON documents (`--format json`), progress bars and spinners (on stderr,
//! only on a terminal, never with `--quiet`).

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// How a command prints.
pub struct Out {
    /// `--quiet`: no messages, tables or progress.
    pub quiet: bool,
    /// `--format json`: print a JSON document instead of text.
    pub json: bool,
}

impl Out {
    /// Whether text for people is printed: not quiet, not JSON.
    pub fn text(&self) -> bool {
        !self.quiet && !self.json
    }

    /// Prints a line for people.
    pub fn say(&self, line: impl std::fmt::Display) {
        if self.text() {
            println!("{line}");
        }
    }

    /// Prints a JSON document (with `--format json`, quiet or not: it is
    /// the output asked for).
    pub fn json(&self, value: &serde_json::Value) {
        if self.json {
            println!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
        }
    }

    /// A progress bar over `len` steps; hidden when quiet (indicatif also
    /// hides it when stderr is not a terminal).
    pub fn bar(&self, len: u64, message: &'static str) -> ProgressBar {
        if self.quiet {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(len);
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} {eta}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message);
        bar
    }

    /// A spinner for a step of unknown length (reading, importing,
    /// evaluating); finish it with `finish_and_clear`.
    pub fn spinner(&self, message: &'static str) -> ProgressBar {
        if self.quiet {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new_spinner();
        bar.set_message(message);
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }
}
