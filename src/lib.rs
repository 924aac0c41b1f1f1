//! certkit: certificate credentials for Microsoft Entra app registrations, on every OS.
//!
//! The binary in `main.rs` only parses arguments and renders results; everything that reads,
//! writes or decides lives here, one module per concept users know.

pub mod certificate;
pub mod error;
pub mod jsonedit;
pub mod keycred;
pub mod keys;
pub mod manifest;
pub mod pem;
pub mod subject;
pub mod thumbprint;

pub use certificate::Certificate;
pub use error::{Error, ExitKind, Result};
