//! Safety under abuse (issue 6): SIGKILL at random moments, hostile umask, symbolic links,
//! world-writable directories, and secrets that must never leak.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use common::{openssl_try, Sandbox, PW, PW_ENV};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_certkit")
}

/// A random delay in `0..=max`, from the OS (no test may be reproducible into blindness).
fn random_delay(max: Duration) -> Duration {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).unwrap();
    max.mul_f64(f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX))
}

/// Starts `args`, kills it with SIGKILL after `delay` (if still running), and waits.
fn run_and_kill(args: &[&std::ffi::OsStr], home: &Path, delay: Duration) {
    let mut child = StdCommand::new(bin())
        .args(args)
        .env("HOME", home)
        .env_remove("CERTKIT_STORE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + delay;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A Graph manifest of about `megabytes`, so that a patch takes long enough to be interrupted.
fn big_manifest(path: &Path, megabytes: usize) -> Vec<u8> {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/manifests/msgraph-portal-with-existing-cert-crlf.json");
    let text = std::fs::read_to_string(fixture).unwrap();
    let role = "{\r\n            \"allowedMemberTypes\": [ \"User\" ],\r\n            \"description\": \"Readers of the survey results, padded to make the manifest large\",\r\n            \"id\": \"5d1949bf-e569-417f-8b20-c88415e94b56\",\r\n            \"isEnabled\": true,\r\n            \"value\": \"Survey.Read\"\r\n        }";
    let count = megabytes * 1_000_000 / role.len();
    let roles = vec![role; count].join(",\r\n        ");
    let text = text.replacen(
        "\"appRoles\": [],",
        &format!("\"appRoles\": [\r\n        {roles}\r\n    ],"),
        1,
    );
    std::fs::write(path, &text).unwrap();
    text.into_bytes()
}

fn key_credential_count(bytes: &[u8]) -> usize {
    let value: serde_json::Value = serde_json::from_slice(bytes).expect("valid JSON after a kill");
    value["keyCredentials"].as_array().unwrap().len()
}

#[test]
fn manifest_patch_killed_at_random_moments_leaves_old_or_new_content() {
    let sandbox = Sandbox::new();
    let cert = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/certs/fixture-cert.cer");
    let dir = sandbox.out();
    let manifest = dir.join("app.json");
    let original = big_manifest(&manifest, 3);
    let args = |m: &Path| -> Vec<std::ffi::OsString> {
        vec![
            "manifest".into(),
            "patch".into(),
            m.into(),
            "--cert".into(),
            cert.clone().into(),
        ]
    };
    // One undisturbed run tells how long a patch takes here.
    let started = Instant::now();
    let full = args(&manifest);
    run_and_kill(
        &full.iter().map(|a| a.as_os_str()).collect::<Vec<_>>(),
        &sandbox.home(),
        Duration::from_secs(60),
    );
    let duration = started.elapsed();
    let patched = std::fs::read(&manifest).unwrap();
    assert_eq!(
        key_credential_count(&patched),
        2,
        "the undisturbed run must patch"
    );

    let (mut old, mut new, mut strays) = (0, 0, 0);
    for _ in 0..40 {
        std::fs::write(&manifest, &original).unwrap();
        let _ = std::fs::remove_file(dir.join("app.json.bak"));
        let a = args(&manifest);
        let delay = random_delay(duration.mul_f64(1.3));
        run_and_kill(
            &a.iter().map(|a| a.as_os_str()).collect::<Vec<_>>(),
            &sandbox.home(),
            delay,
        );
        let now = std::fs::read(&manifest).unwrap();
        if now == original {
            old += 1;
        } else {
            assert_eq!(
                key_credential_count(&now),
                2,
                "partial manifest after kill at {delay:?}"
            );
            assert!(
                now.starts_with(&original[..1000]),
                "bytes before the insertion changed"
            );
            new += 1;
        }
        if let Ok(bak) = std::fs::read(dir.join("app.json.bak")) {
            assert_eq!(bak, original, "partial backup after kill at {delay:?}");
        }
        // A kill between linking the finished file and renaming it over app.json can leave the
        // complete new text under a temporary name (a manifest holds no secret); a partial one,
        // a copy of the old text (the backup is linked into place exclusively, never renamed),
        // or any other file, would be a bug.
        for name in names_in(&dir) {
            if name == "app.json" || name == "app.json.bak" {
                continue;
            }
            assert!(
                name.starts_with(".certkit-"),
                "stray file {name} after kill at {delay:?}"
            );
            let stray = std::fs::read(dir.join(&name)).unwrap();
            assert!(
                key_credential_count(&stray) == 2,
                "partial temporary {name}"
            );
            std::fs::remove_file(dir.join(&name)).unwrap();
            strays += 1;
        }
    }
    eprintln!(
        "killed 40 patches over {duration:?}: {old} kept the old content, {new} the new, {strays} complete temporaries"
    );
}

#[test]
fn config_patch_killed_at_random_moments_leaves_old_or_new_content() {
    let sandbox = Sandbox::new();
    let cert = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/certs/fixture-cert.cer");
    let dir = sandbox.out();
    let settings = dir.join("appsettings.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/appsettings/msidweb-clientcredentials-dn-comments.jsonc");
    let original = std::fs::read(&fixture).unwrap();
    let args: Vec<std::ffi::OsString> = vec![
        "config".into(),
        "patch".into(),
        settings.clone().into(),
        "--cert".into(),
        cert.into(),
    ];
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    std::fs::write(&settings, &original).unwrap();
    let started = Instant::now();
    run_and_kill(&args, &sandbox.home(), Duration::from_secs(60));
    let duration = started.elapsed();
    let patched = std::fs::read(&settings).unwrap();
    assert_ne!(patched, original, "the undisturbed run must patch");

    let (mut old, mut new) = (0, 0);
    for _ in 0..40 {
        std::fs::write(&settings, &original).unwrap();
        let _ = std::fs::remove_file(dir.join("appsettings.json.bak"));
        let delay = random_delay(duration.mul_f64(1.3));
        run_and_kill(&args, &sandbox.home(), delay);
        // The edit is deterministic for one certificate: all or nothing means one of the two.
        let now = std::fs::read(&settings).unwrap();
        if now == original {
            old += 1;
        } else {
            assert_eq!(now, patched, "partial settings after kill at {delay:?}");
            new += 1;
        }
        if let Ok(bak) = std::fs::read(dir.join("appsettings.json.bak")) {
            assert_eq!(bak, original, "partial backup after kill at {delay:?}");
        }
        for name in names_in(&dir) {
            if name == "appsettings.json" || name == "appsettings.json.bak" {
                continue;
            }
            // Only the finished new text may remain under a temporary name (it holds no
            // secret: the patch removed it); anything else is a bug.
            assert!(
                name.starts_with(".certkit-"),
                "stray {name} after kill at {delay:?}"
            );
            assert_eq!(
                std::fs::read(dir.join(&name)).unwrap(),
                patched,
                "partial {name}"
            );
            std::fs::remove_file(dir.join(&name)).unwrap();
        }
    }
    eprintln!(
        "killed 40 config patches over {duration:?}: {old} kept the old content, {new} the new"
    );
}

#[test]
fn store_import_killed_at_random_moments_leaves_no_partial_or_stray_file() {
    let sandbox = Sandbox::new();
    let (cert, key) = common::openssl_self_signed(&sandbox.out(), "killed");
    let pfx = sandbox.out().join("killed.pfx");
    let exported = openssl_try([
        "pkcs12",
        "-export",
        "-passout",
        "pass:",
        "-in",
        cert.to_str().unwrap(),
        "-inkey",
        key.to_str().unwrap(),
        "-out",
        pfx.to_str().unwrap(),
    ]);
    assert!(exported.status.success());
    let store = sandbox
        .home()
        .join(".dotnet/corefx/cryptography/x509stores/my");
    let args: Vec<std::ffi::OsString> = vec![
        "store".into(),
        "import".into(),
        pfx.clone().into(),
        "--no-password".into(),
    ];
    let os_args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let started = Instant::now();
    run_and_kill(&os_args, &sandbox.home(), Duration::from_secs(60));
    let duration = started.elapsed();
    assert_eq!(
        names_in(&store)
            .iter()
            .filter(|n| n.ends_with(".pfx"))
            .count(),
        1
    );

    for _ in 0..30 {
        let _ = std::fs::remove_dir_all(&store);
        let delay = random_delay(duration.mul_f64(1.3));
        run_and_kill(&os_args, &sandbox.home(), delay);
        for name in names_in(&store) {
            let path = store.join(&name);
            if name.ends_with(".pfx") {
                let info = openssl_try([
                    "pkcs12",
                    "-info",
                    "-noout",
                    "-passin",
                    "pass:",
                    "-in",
                    path.to_str().unwrap(),
                ]);
                assert!(
                    info.status.success(),
                    "partial store file after kill at {delay:?}"
                );
            } else {
                assert_eq!(
                    name, ".certkit-created",
                    "stray file {name} after kill at {delay:?}"
                );
            }
        }
    }
}

/// Certificates are public, but a user whose umask keeps everything private keeps them too;
/// keys are 0600 whatever the umask.
#[cfg(unix)]
#[test]
fn public_files_follow_the_umask_and_private_ones_stay_0600() {
    use std::os::unix::fs::PermissionsExt;
    for (umask, public_mode) in [("077", 0o600), ("022", 0o644), ("000", 0o644)] {
        let sandbox = Sandbox::new();
        let status = StdCommand::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && \"$CERTKIT\" new --subject um --no-password --no-store"
            ))
            .env("CERTKIT", bin())
            .env("HOME", sandbox.home())
            .current_dir(sandbox.out())
            .stdin(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "umask {umask}");
        let mode = |name: &str| {
            let meta = std::fs::metadata(sandbox.out().join(name)).unwrap();
            meta.permissions().mode() & 0o777
        };
        for name in ["um.cer", "um.pem"] {
            assert_eq!(mode(name), public_mode, "{name} under umask {umask}");
        }
        for name in ["um.pfx", "um.key"] {
            assert_eq!(mode(name), 0o600, "{name} under umask {umask}");
        }
    }
}

#[cfg(unix)]
#[test]
fn private_files_are_0600_with_umask_000_for_store_import_export_and_convert() {
    let sandbox = Sandbox::new();
    let (cert, key) = common::openssl_self_signed(&sandbox.out(), "umask");
    let bundle = sandbox.out().join("bundle.pem");
    let text = std::fs::read_to_string(&key).unwrap() + &std::fs::read_to_string(&cert).unwrap();
    std::fs::write(&bundle, text).unwrap();
    let sh = |cmd: &str| {
        let status = StdCommand::new("sh")
            .arg("-c")
            .arg(format!("umask 000 && {cmd}"))
            .env("CERTKIT", bin())
            .env("HOME", sandbox.home())
            .env(PW_ENV, PW)
            .current_dir(sandbox.out())
            .stdin(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{cmd}");
    };
    sh("\"$CERTKIT\" store import bundle.pem");
    sh(&format!(
        "\"$CERTKIT\" store export umask --pfx out.pfx --password-env {PW_ENV}"
    ));
    sh("\"$CERTKIT\" store export umask --pem out.pem");
    sh(&format!(
        "\"$CERTKIT\" convert bundle.pem conv.pfx --password-env {PW_ENV}"
    ));
    sh("\"$CERTKIT\" convert bundle.pem conv.key");
    sh("\"$CERTKIT\" convert bundle.pem conv-bundle.pem --to bundle");
    let store = sandbox
        .home()
        .join(".dotnet/corefx/cryptography/x509stores/my");
    let mut private: Vec<PathBuf> = [
        "out.pfx",
        "out.pem",
        "conv.pfx",
        "conv.key",
        "conv-bundle.pem",
    ]
    .iter()
    .map(|name| sandbox.out().join(name))
    .collect();
    private.extend(
        names_in(&store)
            .iter()
            .filter(|n| n.ends_with(".pfx"))
            .map(|n| store.join(n)),
    );
    for path in private {
        assert_eq!(common::mode(&path), 0o600, "{}", path.display());
    }
}

#[cfg(unix)]
#[test]
fn outputs_behind_symbolic_links_are_not_written_through() {
    let sandbox = Sandbox::new();
    let victim = sandbox.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, sandbox.out().join("linked.key")).unwrap();
    sandbox
        .certkit()
        .args(["new", "--subject", "linked", "--no-password", "--store"])
        .arg(sandbox.store())
        .arg("--out")
        .arg(sandbox.out())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("symbolic link"));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        !sandbox.out().join("linked.pfx").exists(),
        "nothing may be half-written"
    );
}

#[cfg(unix)]
#[test]
fn a_world_writable_output_directory_is_refused_without_force() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let open_dir = sandbox.path().join("open");
    std::fs::create_dir(&open_dir).unwrap();
    std::fs::set_permissions(&open_dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let new = |force: bool| {
        let mut cmd = sandbox.certkit();
        cmd.args(["new", "--subject", "open", "--no-password", "--out"])
            .arg(&open_dir)
            .arg("--store")
            .arg(sandbox.store());
        if force {
            cmd.arg("--force");
        }
        cmd.assert()
    };
    new(false)
        .code(1)
        .stderr(predicates::str::contains("writable by every user"));
    assert!(names_in(&open_dir).is_empty());
    new(true).success();
}

#[test]
fn secrets_never_appear_in_output_errors_or_child_processes() {
    let sandbox = Sandbox::new();
    // Every program certkit could conceivably run is a shim that records its arguments.
    let shims = sandbox.path().join("shims");
    std::fs::create_dir(&shims).unwrap();
    let log = sandbox.path().join("exec.log");
    for tool in [
        "sh", "bash", "openssl", "curl", "python3", "dotnet", "security", "certutil", "keytool",
    ] {
        let shim = shims.join(tool);
        std::fs::write(
            &shim,
            format!("#!/bin/sh\necho \"{tool} $*\" >> {}\n", log.display()),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    let run = |args: &[&str]| {
        let out = sandbox
            .certkit()
            .env("PATH", &shims)
            .env(PW_ENV, PW)
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            !text.contains(PW),
            "the password leaked in the output of {args:?}: {text}"
        );
        text
    };
    let store = sandbox.store();
    let store = store.to_str().unwrap();
    run(&[
        "new",
        "--subject",
        "secret",
        "--password-env",
        PW_ENV,
        "--json",
        "--store",
        store,
    ]);
    // A wrong password and a damaged file: errors must not echo what was typed.
    run(&[
        "thumbprint",
        "secret.pfx",
        "--password-env",
        "CERTKIT_UNSET_VAR",
    ]);
    std::fs::write(sandbox.path().join("wrongpw"), "not the password\n").unwrap();
    let wrong = run(&["thumbprint", "secret.pfx", "--password-file", "wrongpw"]);
    assert!(
        wrong.contains("wrong password") && !wrong.contains("not the password"),
        "{wrong}"
    );
    run(&[
        "store",
        "export",
        "secret",
        "--pfx",
        "again.pfx",
        "--password-env",
        PW_ENV,
        "--store",
        store,
    ]);
    run(&["dump", "secret.pfx", "--password-env", PW_ENV, "--json"]);
    assert!(
        !log.exists(),
        "certkit ran other programs: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
}

/// Two `manifest patch` runs on one file at once (two terminals, a CI matrix) must both land:
/// the second waits for the first's lock and edits what it wrote, so no entry is lost and no
/// run reports success for an entry that is not there.
#[test]
fn concurrent_manifest_patches_lose_no_entry() {
    let sandbox = Sandbox::new();
    let dir = sandbox.out();
    let manifest = dir.join("app.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/certs/fixture-cert.cer");
    let (other, _) = common::openssl_self_signed(&dir, "other");
    let original = big_manifest(&manifest, 3);
    for round in 0..4 {
        std::fs::write(&manifest, &original).unwrap();
        let _ = std::fs::remove_file(dir.join("app.json.bak"));
        let children: Vec<_> = [&fixture, &other]
            .iter()
            .map(|cert| {
                StdCommand::new(bin())
                    .args(["manifest", "patch", "-q", "--cert"])
                    .arg(cert)
                    .arg(&manifest)
                    .env("HOME", sandbox.home())
                    .env_remove("CERTKIT_STORE")
                    .stdin(Stdio::null())
                    .output_in_background()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let patched = std::fs::read(&manifest).unwrap();
        assert_eq!(
            key_credential_count(&patched),
            3,
            "round {round}: an entry was lost"
        );
        let bak = std::fs::read(dir.join("app.json.bak")).unwrap();
        assert_eq!(
            key_credential_count(&bak),
            2,
            "round {round}: the backup is the middle state"
        );
    }
}

trait Background {
    fn output_in_background(&mut self) -> std::process::Child;
}

impl Background for StdCommand {
    fn output_in_background(&mut self) -> std::process::Child {
        self.stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }
}

/// `sudo certkit manifest patch` on a user's file must leave it (and its backup) the user's.
/// Run as root, the file belongs to nobody; otherwise the test can only check its own owner.
#[cfg(unix)]
#[test]
fn an_edited_file_and_its_backup_keep_their_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let sandbox = Sandbox::new();
    let manifest = sandbox.out().join("app.json");
    std::fs::write(&manifest, r#"{"api":{},"keyCredentials":[]}"#).unwrap();
    std::fs::set_permissions(&manifest, std::fs::Permissions::from_mode(0o600)).unwrap();
    // SAFETY: geteuid has no preconditions.
    let owner = if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&manifest, Some(65534), Some(65534)).unwrap();
        (65534, 65534)
    } else {
        let meta = std::fs::metadata(&manifest).unwrap();
        (meta.uid(), meta.gid())
    };
    let cert = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/certs/fixture-cert.cer");
    sandbox
        .certkit()
        .args(["manifest", "patch", "-q", "--cert"])
        .arg(&cert)
        .arg(&manifest)
        .assert()
        .success();
    for path in [manifest.clone(), sandbox.out().join("app.json.bak")] {
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), owner, "{}", path.display());
        assert_eq!(meta.mode() & 0o777, 0o600, "{}", path.display());
    }
    let text = std::fs::read(&manifest).unwrap();
    assert_eq!(key_credential_count(&text), 1);
}

/// `--force` replaces a regular file or a link, never a device, a FIFO or what a link to one
/// points to: as root, `convert in.pem /dev/null --force` would otherwise wreck /dev. Editing a
/// FIFO is refused at once rather than waiting for a writer.
#[cfg(unix)]
#[test]
fn force_never_replaces_devices_fifos_or_links_to_them() {
    use std::os::unix::fs::FileTypeExt;
    let sandbox = Sandbox::new();
    let dir = sandbox.out();
    let (cert, _) = common::openssl_self_signed(&dir, "t");
    let fifo = dir.join("fifo.pem");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let to_null = dir.join("null.pem");
    std::os::unix::fs::symlink("/dev/null", &to_null).unwrap();
    let to_stdout = dir.join("stdout.pem");
    std::os::unix::fs::symlink("/proc/self/fd/1", &to_stdout).unwrap();
    let mut targets = vec![fifo.clone(), to_null.clone(), to_stdout.clone()];
    let device = dir.join("device.pem");
    // SAFETY: geteuid has no preconditions; mknod gets a valid NUL-terminated path.
    if unsafe { libc::geteuid() } == 0 {
        let c = std::ffi::CString::new(device.to_str().unwrap()).unwrap();
        let rc = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 3)) };
        assert_eq!(rc, 0, "mknod as root");
        targets.push(device.clone());
    }
    for target in &targets {
        sandbox
            .certkit()
            .arg("convert")
            .arg(&cert)
            .arg(target)
            .args(["--to", "pem", "--force"])
            .assert()
            .code(1)
            .stderr(predicates::str::contains("not a regular file"));
    }
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    for link in [&to_null, &to_stdout] {
        assert!(std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
    if targets.contains(&device) {
        assert!(std::fs::metadata(&device)
            .unwrap()
            .file_type()
            .is_char_device());
    }
    sandbox
        .certkit()
        .args(["manifest", "patch", "--force", "--cert"])
        .arg(&cert)
        .arg(&fifo)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("named pipe"));
}
