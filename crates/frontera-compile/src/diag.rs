//! Errors the compiler reports: one line each, naming the file and, when known, the line.

use std::fmt;

/// A problem with one input file, printed as `file:line: message` (or `file: message` when no
/// line applies), the form editors and terminals turn into a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    /// The file as the user named it (content directory joined with the file name).
    pub file: String,
    /// 1-based line within the file; the opening `+++` is line 1.
    pub line: Option<usize>,
    pub message: String,
}

impl Diag {
    /// A problem located at `line` of `file`.
    pub fn at(file: &str, line: usize, message: impl Into<String>) -> Diag {
        Diag {
            file: file.to_string(),
            line: Some(line),
            message: message.into(),
        }
    }

    /// A problem with `file` as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> Diag {
        Diag {
            file: file.to_string(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Why a compile failed.
#[derive(Debug)]
pub enum Error {
    /// One or more input files are bad; all of them are listed.
    Content(Vec<Diag>),
    /// The site configuration is unusable.
    Config(String),
    /// Reading or writing failed.
    Io(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(diags) => {
                for d in diags {
                    writeln!(f, "{d}")?;
                }
                let files: std::collections::BTreeSet<&str> =
                    diags.iter().map(|d| d.file.as_str()).collect();
                write!(
                    f,
                    "error: {} problem(s) in {} file(s); nothing was written",
                    diags.len(),
                    files.len()
                )
            }
            Error::Config(msg) => write!(f, "error: config: {msg}"),
            Error::Io(msg) => write!(f, "error: {msg}"),
        }
    }
}

impl std::error::Error for Error {}

/// Wraps an I/O error with the path it concerns.
pub fn io_error(what: &str, path: &std::path::Path, err: std::io::Error) -> Error {
    Error::Io(format!("{what} {}: {err}", path.display()))
}
