//! certkit: certificate credentials for Microsoft Entra app registrations, on every OS.
//!
//! The binary in `main.rs` only parses arguments and renders results; everything that reads,
//! writes or decides lives here, one module per concept users know.

pub mod appconfig;
pub mod assertion;
pub mod certificate;
pub mod convert;
pub mod diff;
pub mod dump;
pub mod error;
pub mod fsio;
pub mod input;
pub mod jsonedit;
pub mod keycred;
pub mod keyfile;
pub mod keys;
pub mod manifest;
pub mod newcert;
pub mod pbe;
pub mod pem;
pub mod pfx;
pub mod secret;
pub mod select;
pub mod selfsigned;
pub mod store;
pub mod storeops;
pub mod subject;
pub mod thumbprint;
pub mod validity;

pub use certificate::Certificate;
pub use error::{EmptyPassword, Error, ExitKind, Result};
