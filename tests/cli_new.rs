//! The real binary, run in temporary directories: `certkit new` and what it refuses.

mod cli_env;

use cli_env::Env;
use predicates::prelude::*;

#[test]
fn new_writes_four_files_and_a_store_entry() {
    let env = Env::new();
    let out = env.new_cert("surveysapp");
    let thumbprint = out.lines().next().unwrap().to_owned();
    assert_eq!(thumbprint.len(), 40, "{out}");
    assert!(thumbprint
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
    for ext in ["pfx", "cer", "pem", "key"] {
        assert!(
            env.out.join(format!("surveysapp.{ext}")).is_file(),
            "{ext} missing"
        );
    }
    assert!(env.store.join(format!("{thumbprint}.pfx")).is_file());
    let fragment: serde_json::Value = serde_json::from_str(&out[41..]).expect("fragment is JSON");
    assert_eq!(fragment["keyCredentials"][0]["type"], "AsymmetricX509Cert");
}

#[cfg(unix)]
#[test]
fn private_files_are_0600_even_with_umask_000() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    // A shell sets the umask for the child only.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" new --subject umasked --no-password --out \"$1\" --store \"$2\"")
        .arg(env!("CARGO_BIN_EXE_certkit"))
        .arg(&env.out)
        .arg(&env.store)
        .env("HOME", &env.home)
        .stdin(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mode = |p: std::path::PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(env.out.join("umasked.key")), 0o600);
    assert_eq!(mode(env.out.join("umasked.pfx")), 0o600);
    for entry in std::fs::read_dir(&env.store).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pfx") {
            assert_eq!(mode(path), 0o600);
        }
    }
    assert_eq!(mode(env.store.clone()), 0o700);
}

#[test]
fn existing_files_are_not_overwritten_without_force() {
    let env = Env::new();
    env.new_cert("app");
    let before = std::fs::read(env.out.join("app.key")).unwrap();
    env.certkit()
        .args(["new", "--subject", "app", "--no-password"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to overwrite"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read(env.out.join("app.key")).unwrap(), before);
    env.certkit()
        .args(["new", "--subject", "app", "--no-password", "--force"])
        .assert()
        .success();
    assert_ne!(std::fs::read(env.out.join("app.key")).unwrap(), before);
}

#[test]
fn a_failure_leaves_no_half_written_files() {
    let env = Env::new();
    // app.pem exists, so the batch must fail before any other file appears.
    std::fs::write(env.out.join("app.pem"), b"keep me").unwrap();
    env.certkit()
        .args(["new", "--subject", "app", "--no-password"])
        .assert()
        .code(1);
    let mut names: Vec<_> = std::fs::read_dir(&env.out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, vec!["app.pem"]);
    assert_eq!(std::fs::read(env.out.join("app.pem")).unwrap(), b"keep me");
}

#[test]
fn without_a_terminal_or_password_flag_it_fails_at_once_naming_the_flags() {
    let env = Env::new();
    env.certkit()
        .args(["new", "--subject", "app"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--password-file"))
        .stderr(predicate::str::contains("--no-password"));
    assert!(!env.out.join("app.pfx").exists());
}

#[test]
fn small_keys_are_refused() {
    let env = Env::new();
    env.certkit()
        .args([
            "new",
            "--subject",
            "app",
            "--no-password",
            "--key-size",
            "1024",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2048"));
}

#[test]
fn password_sources_never_need_argv() {
    let env = Env::new();
    env.certkit()
        .args([
            "new",
            "--subject",
            "viaenv",
            "--password-env",
            "CERTKIT_TEST_PW",
        ])
        .env("CERTKIT_TEST_PW", "s3cret")
        .assert()
        .success();
    env.certkit()
        .args(["new", "--subject", "viastdin", "--password-stdin"])
        .write_stdin("s3cret\n")
        .assert()
        .success();
    env.certkit()
        .args([
            "new",
            "--subject",
            "unset",
            "--password-env",
            "CERTKIT_TEST_UNSET_PW",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("CERTKIT_TEST_UNSET_PW"));
}

#[test]
fn json_output_has_every_documented_field() {
    let env = Env::new();
    let out = cli_env::succeeded(
        env.certkit()
            .args(["new", "--subject", "jsonapp", "--no-password", "--json"])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "pfx",
        "cer",
        "pem",
        "key",
        "store_path",
        "subject",
        "serial",
        "not_before",
        "not_after",
        "thumbprint",
        "sha256",
        "x5t",
        "custom_key_identifier",
    ] {
        assert!(!v[key].is_null(), "{key} missing in {v}");
    }
    assert_eq!(v["subject"], "CN=jsonapp");
    assert!(v["fragment"]["graph"]["keyCredentials"][0]["key"].is_string());
    assert!(v["fragment"]["aad"]["keyCredentials"][0]["value"].is_string());
}
