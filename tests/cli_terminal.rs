//! The terminal flows for real: certkit on a pseudo-terminal (tests/tty/drive.py), answering its
//! prompts as a person would, and the same commands without a terminal, which must not wait.

mod cli_env;

use std::path::Path;
use std::process::Command;

use cli_env::Env;

/// Runs certkit on a pty with `steps` ([expected text, answer]); returns (exit code, output).
fn on_terminal(env: &Env, args: &[&str], steps: &[(&str, &str)]) -> (i32, String) {
    on_terminal_with(env, args, steps, &[])
}

fn on_terminal_with(
    env: &Env,
    args: &[&str],
    steps: &[(&str, &str)],
    vars: &[(&str, &str)],
) -> (i32, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tty/drive.py");
    let steps: Vec<[&str; 2]> = steps.iter().map(|(e, a)| [*e, *a]).collect();
    let out = Command::new("python3")
        .arg(script)
        .arg("60")
        .arg(serde_json::to_string(&steps).unwrap())
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_certkit"))
        .args(args)
        .current_dir(&env.out)
        .env("HOME", &env.home)
        .env("CERTKIT_STORE", &env.store)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .envs(vars.iter().copied())
        .output()
        .expect("python3 is needed to drive a pseudo-terminal");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("drive.py failed: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(
        report["timeout"], false,
        "timed out waiting for {}: {}",
        report["waiting_for"], report["output"]
    );
    (
        report["exit"].as_i64().unwrap() as i32,
        report["output"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn new_asks_for_the_subject_and_the_password_twice() {
    let env = Env::new();
    let (code, output) = on_terminal(
        &env,
        &["new"],
        &[
            ("Subject", "termapp\r"),
            ("PFX password", "s3cret-pw\r"),
            ("Repeat", "s3cret-pw\r"),
        ],
    );
    assert_eq!(code, 0, "{output}");
    assert!(
        !output.contains("s3cret-pw"),
        "the password was echoed: {output}"
    );
    assert!(env.out.join("termapp.pfx").is_file());
    // The password typed at the prompt is the PFX's password: openssl must accept it.
    let check = Command::new("openssl")
        .args([
            "pkcs12",
            "-info",
            "-noout",
            "-passin",
            "pass:s3cret-pw",
            "-in",
        ])
        .arg(env.out.join("termapp.pfx"))
        .output()
        .expect("openssl is required");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn mismatched_passwords_are_asked_again() {
    let env = Env::new();
    let (code, output) = on_terminal(
        &env,
        &["new", "--subject", "again"],
        &[
            ("PFX password", "one\r"),
            ("Repeat", "two\r"),
            ("differ", ""),
            ("PFX password", "same-pw\r"),
            ("Repeat", "same-pw\r"),
        ],
    );
    assert_eq!(code, 0, "{output}");
    assert!(env.out.join("again.pfx").is_file());
}

#[test]
fn overwriting_asks_and_no_keeps_the_files() {
    let env = Env::new();
    env.new_cert("asked");
    let before = std::fs::read(env.out.join("asked.key")).unwrap();
    let (code, output) = on_terminal(
        &env,
        &["new", "--subject", "asked", "--no-password"],
        &[("Replace", "n\r")],
    );
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("--force"), "{output}");
    assert_eq!(std::fs::read(env.out.join("asked.key")).unwrap(), before);

    let (code, output) = on_terminal(
        &env,
        &["new", "--subject", "asked", "--no-password"],
        &[("Replace", "y\r")],
    );
    assert_eq!(code, 0, "{output}");
    assert_ne!(std::fs::read(env.out.join("asked.key")).unwrap(), before);
}

#[test]
fn yes_answers_without_asking() {
    let env = Env::new();
    env.new_cert("yes");
    let (code, output) = on_terminal(
        &env,
        &["new", "--subject", "yes", "--no-password", "--yes"],
        &[],
    );
    assert_eq!(code, 0, "{output}");
    assert!(!output.contains("Replace"), "{output}");
}

#[test]
fn without_a_terminal_nothing_waits_for_input() {
    let env = Env::new();
    // No --subject and stdin is not a terminal: an immediate usage error, not a prompt.
    env.certkit()
        .args(["new", "--no-password"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--subject"));
}

#[test]
fn colour_only_at_a_terminal_and_never_with_no_color() {
    let env = Env::new();
    let bad = ["keycred", "--thumbprint", "XYZ"];
    let (code, coloured) = on_terminal(&env, &bad, &[]);
    assert_eq!(code, 2, "{coloured}");
    assert!(
        coloured.contains("\u{1b}["),
        "a terminal gets colour: {coloured:?}"
    );
    let (_, plain) = on_terminal_with(&env, &bad, &[], &[("NO_COLOR", "1")]);
    assert!(
        plain.contains("error:") && !plain.contains("\u{1b}["),
        "NO_COLOR is honoured: {plain:?}"
    );
    let piped = env.certkit().args(bad).output().unwrap();
    let stderr = String::from_utf8_lossy(&piped.stderr).into_owned();
    assert!(
        stderr.contains("error:") && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
}
