//! A private HOME, store and output directory for each CLI test, so tests never touch the
//! developer's real store and can run in parallel.

#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;

pub struct Env {
    _root: tempfile::TempDir,
    pub home: PathBuf,
    pub store: PathBuf,
    pub out: PathBuf,
}

impl Env {
    pub fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        let home = root.path().join("home");
        let out = root.path().join("out");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        Env {
            store: root.path().join("store"),
            home,
            out,
            _root: root,
        }
    }

    /// certkit with HOME, CERTKIT_STORE and the working directory pointing into this Env.
    pub fn certkit(&self) -> Command {
        let mut cmd = Command::cargo_bin("certkit").unwrap();
        cmd.current_dir(&self.out)
            .env("HOME", &self.home)
            .env("CERTKIT_STORE", &self.store)
            .env_remove("CERTKIT_PYTHON");
        cmd
    }

    /// `certkit new --subject NAME --no-password`; returns stdout.
    pub fn new_cert(&self, name: &str) -> String {
        let out = succeeded(
            self.certkit()
                .args(["new", "--subject", name, "--no-password"])
                .output()
                .unwrap(),
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn fixture(&self, relative: &str) -> PathBuf {
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(relative);
        let dest = self.out.join(src.file_name().unwrap());
        std::fs::copy(&src, &dest).unwrap();
        dest
    }
}

/// The output of a command that must succeed; on failure the assertion shows its stderr.
pub fn succeeded(out: std::process::Output) -> std::process::Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
