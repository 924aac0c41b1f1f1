//! Checked-in completion scripts must match what the current clap definition generates.

use assert_cmd::Command;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "certkit.bash"),
    ("zsh", "_certkit"),
    ("fish", "certkit.fish"),
    ("powershell", "_certkit.ps1"),
    ("elvish", "certkit.elv"),
];

#[test]
fn checked_in_completions_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let generated = Command::cargo_bin("certkit")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(generated.status.success());
        let checked_in = std::fs::read(dir.join(file)).unwrap_or_default();
        if checked_in != generated.stdout {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run scripts/gen-completions.sh and commit completions/"
    );
}

#[test]
fn man_page_names_every_command() {
    let out = Command::cargo_bin("certkit")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(".ie") || text.contains(".TH"),
        "not roff: {}",
        &text[..80.min(text.len())]
    );
    for command in ["new", "thumbprint", "manifest", "keycred"] {
        assert!(
            text.contains(command),
            "{command} missing from the man page"
        );
    }
}
