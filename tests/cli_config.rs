//! The real binary: `config patch` over the appsettings and user-secrets fixtures. Each case
//! checks the exact bytes against a hand-written file in fixtures/config-expected, what
//! Python's json (after stripping comments) reads as the settings, and that a second run
//! changes nothing.

mod cli_env;
mod json_oracle;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use cli_env::Env;
use predicates::prelude::*;

const PROJECT_ID: &str = "aspnet-Surveys-7d9a1c62-4f1e-4b7a-9a35-2c8e1f0b6d41";

type Settings = BTreeMap<String, Option<String>>;

fn fixture_text(relative: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(relative),
    )
    .unwrap()
}

fn expected(name: &str, thumbprint: &str) -> String {
    let text = String::from_utf8(fixture_text(&format!("config-expected/{name}"))).unwrap();
    text.replace("{{THUMBPRINT}}", thumbprint)
}

/// A certificate in the test's store; its thumbprint.
fn new_cert(env: &Env) -> String {
    env.new_cert("surveysapp")
        .lines()
        .next()
        .unwrap()
        .to_owned()
}

/// `settings` minus `removed` keys plus `added` ones: what the output must hold.
fn changed(mut settings: Settings, removed: &[&str], added: &[(&str, &str)]) -> Settings {
    for key in removed {
        assert!(
            settings.remove(&key.to_lowercase()).is_some(),
            "{key} was not there"
        );
    }
    for (key, value) in added {
        settings.insert(key.to_lowercase(), Some(value.to_string()));
    }
    settings
}

fn run_twice(env: &Env, args: &[&str], file: &Path) -> Vec<u8> {
    env.certkit().args(args).assert().success();
    let once = fs::read(file).unwrap();
    env.certkit()
        .args(args)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "already names this certificate; nothing to do",
        ));
    assert_eq!(
        fs::read(file).unwrap(),
        once,
        "the second run changed the file"
    );
    once
}

fn asymmetric(thumbprint: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "AzureAd:Asymmetric:CertificateThumbprint",
            thumbprint.to_string(),
        ),
        ("AzureAd:Asymmetric:StoreName", "My".into()),
        ("AzureAd:Asymmetric:StoreLocation", "CurrentUser".into()),
        ("AzureAd:Asymmetric:ValidationRequired", "false".into()),
    ]
}

fn pairs<'l>(list: &'l [(&'static str, String)]) -> Vec<(&'static str, &'l str)> {
    list.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn thumbprint_description_is_updated_in_place() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    let file = env.fixture("appsettings/msidweb-clientcredentials-thumbprint.json");
    let before = json_oracle::settings(&file);
    let original = fs::read(&file).unwrap();
    env.certkit()
        .args(["config", "patch"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "style: msidweb (the file already uses it)",
        ))
        .stderr(predicate::str::contains(
            "set AzureAd:ClientCredentials:0:CertificateThumbprint",
        ));
    let text = fs::read(&file).unwrap();
    assert_eq!(
        String::from_utf8(text).unwrap(),
        expected("msidweb-clientcredentials-thumbprint.json", &thumbprint)
    );
    assert_eq!(fs::read(file.with_extension("json.bak")).unwrap(), original);
    let key = "AzureAd:ClientCredentials:0:CertificateThumbprint";
    assert_eq!(
        json_oracle::settings(&file),
        changed(before.clone(), &[key], &[(key, &thumbprint)])
    );
    run_twice(
        &env,
        &["config", "patch", "--no-backup", file.to_str().unwrap()],
        &file,
    );
}

#[test]
fn a_description_is_added_beside_comments_or_asymmetric_settings_on_request() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    let file = env.fixture("appsettings/msidweb-clientcredentials-dn-comments.jsonc");
    let before = json_oracle::settings(&file);
    let once = run_twice(&env, &["config", "patch", file.to_str().unwrap()], &file);
    assert_eq!(
        String::from_utf8(once).unwrap(),
        expected("msidweb-clientcredentials-dn-comments.jsonc", &thumbprint)
    );
    let added = [
        (
            "AzureAd:ClientCredentials:1:SourceType",
            "StoreWithThumbprint",
        ),
        (
            "AzureAd:ClientCredentials:1:CertificateStorePath",
            "CurrentUser/My",
        ),
        (
            "AzureAd:ClientCredentials:1:CertificateThumbprint",
            thumbprint.as_str(),
        ),
    ];
    assert_eq!(
        json_oracle::settings(&file),
        changed(before.clone(), &[], &added)
    );

    let copy = env.out.join("asym.jsonc");
    fs::write(
        &copy,
        fixture_text("appsettings/msidweb-clientcredentials-dn-comments.jsonc"),
    )
    .unwrap();
    let args = [
        "config",
        "patch",
        "--style",
        "asymmetric",
        copy.to_str().unwrap(),
    ];
    let once = run_twice(&env, &args, &copy);
    let want = expected(
        "msidweb-clientcredentials-dn-comments.asymmetric.jsonc",
        &thumbprint,
    );
    assert_eq!(String::from_utf8(once).unwrap(), want);
    assert_eq!(
        json_oracle::settings(&copy),
        changed(before, &[], &pairs(&asymmetric(&thumbprint)))
    );
}

/// The project file in the test's directory, and where its secrets must go.
fn project(env: &Env) -> (PathBuf, PathBuf) {
    let csproj = env.fixture("projects/Surveys/Surveys.csproj");
    let secrets = env
        .home
        .join(".microsoft/usersecrets")
        .join(PROJECT_ID)
        .join("secrets.json");
    (csproj, secrets)
}

#[test]
fn project_secrets_are_created_flat_and_private() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    let (csproj, secrets) = project(&env);
    let args = ["config", "patch", "--project", csproj.to_str().unwrap()];
    env.certkit()
        .args(args)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "UserSecretsId {PROJECT_ID}"
        )))
        .stderr(predicate::str::contains("style: msidweb (default"))
        .stderr(predicate::str::contains("created"));
    assert_eq!(
        String::from_utf8(fs::read(&secrets).unwrap()).unwrap(),
        expected("new-secrets.msidweb.json", &thumbprint)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&secrets), 0o600);
        assert_eq!(mode(secrets.parent().unwrap()), 0o700);
    }
    let want = changed(
        Settings::new(),
        &[],
        &[
            (
                "AzureAd:ClientCredentials:0:SourceType",
                "StoreWithThumbprint",
            ),
            (
                "AzureAd:ClientCredentials:0:CertificateStorePath",
                "CurrentUser/My",
            ),
            (
                "AzureAd:ClientCredentials:0:CertificateThumbprint",
                &thumbprint,
            ),
        ],
    );
    assert_eq!(json_oracle::settings(&secrets), want);
    run_twice(&env, &args, &secrets);
}

#[test]
fn flat_user_secrets_from_dotnet_stay_flat() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    let (csproj, secrets) = project(&env);
    fs::create_dir_all(secrets.parent().unwrap()).unwrap();
    fs::write(&secrets, fixture_text("usersecrets/secrets.json")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&secrets, fs::Permissions::from_mode(0o600)).unwrap();
    }
    let before = json_oracle::settings(&secrets);
    let args = [
        "config",
        "patch",
        "--style",
        "asymmetric",
        "--project",
        csproj.to_str().unwrap(),
    ];
    let once = run_twice(&env, &args, &secrets);
    assert_eq!(
        String::from_utf8(once).unwrap(),
        expected("secrets.asymmetric.json", &thumbprint)
    );
    let secret = ["AzureAd:ClientSecret"];
    assert_eq!(
        json_oracle::settings(&secrets),
        changed(before.clone(), &secret, &pairs(&asymmetric(&thumbprint)))
    );
    // The backup holds the secret, so it is as private as the file was.
    let backup = secrets.with_extension("json.bak");
    assert_eq!(
        fs::read(&backup).unwrap(),
        fixture_text("usersecrets/secrets.json")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(&secrets), mode(&backup)), (0o600, 0o600));
    }

    fs::write(&secrets, fixture_text("usersecrets/secrets.json")).unwrap();
    let args = ["config", "patch", "--no-backup", secrets.to_str().unwrap()];
    let once = run_twice(&env, &args, &secrets);
    assert_eq!(
        String::from_utf8(once).unwrap(),
        expected("secrets.msidweb.json", &thumbprint)
    );
    let added = [
        (
            "AzureAd:ClientCredentials:0:SourceType",
            "StoreWithThumbprint",
        ),
        (
            "AzureAd:ClientCredentials:0:CertificateStorePath",
            "CurrentUser/My",
        ),
        (
            "AzureAd:ClientCredentials:0:CertificateThumbprint",
            thumbprint.as_str(),
        ),
    ];
    assert_eq!(
        json_oracle::settings(&secrets),
        changed(before, &secret, &added)
    );
}

#[test]
fn nested_secrets_edited_in_visual_studio_keep_their_form() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    let file = env.out.join("secrets.json");
    fs::write(&file, fixture_text("usersecrets/secrets-nested-vs.json")).unwrap();
    let before = json_oracle::settings(&file);
    let once = run_twice(&env, &["config", "patch", file.to_str().unwrap()], &file);
    assert_eq!(
        String::from_utf8(once).unwrap(),
        expected("secrets-nested-vs.json", &thumbprint)
    );
    let removed = [
        "AzureAd:ClientSecret",
        "AzureAd:Asymmetric:CertificateThumbprint",
    ];
    let want = changed(before, &removed, &pairs(&asymmetric(&thumbprint)));
    assert_eq!(json_oracle::settings(&file), want);
}

#[test]
fn dry_run_shows_a_diff_without_the_secret_and_writes_nothing() {
    let env = Env::new();
    new_cert(&env);
    let file = env.out.join("secrets.json");
    fs::write(&file, fixture_text("usersecrets/secrets.json")).unwrap();
    env.certkit()
        .args(["config", "patch", "--dry-run"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "-  \"AzureAd:ClientSecret\": \"<redacted>\",",
        ))
        .stdout(predicate::str::contains(
            "+  \"AzureAd:ClientCredentials:0:SourceType\": \"StoreWithThumbprint\",",
        ))
        .stdout(predicate::str::contains("not-a-real-secret").not())
        .stderr(predicate::str::contains("dry run"));
    assert_eq!(
        fs::read(&file).unwrap(),
        fixture_text("usersecrets/secrets.json")
    );
    assert!(!file.with_extension("json.bak").exists());
}

#[test]
fn json_output_and_a_path_description_for_the_pfx() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    let file = env.fixture("appsettings/msidweb-clientcredentials-thumbprint.json");
    let pfx = env.out.join("surveysapp.pfx");
    let out = cli_env::succeeded(
        env.certkit()
            .args(["config", "patch", "--json", "--source", "path", "--cert"])
            .arg(&pfx)
            .arg(&file)
            .output()
            .unwrap(),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["style"], "msidweb");
    assert_eq!(report["style_from"], "detected");
    assert_eq!(report["source"], "path");
    assert_eq!(report["thumbprint"], thumbprint.as_str());
    assert_eq!(report["changed"], true);
    assert_eq!(
        report["changes"][0],
        "added a Path description to AzureAd:ClientCredentials"
    );
    let settings = json_oracle::settings(&file);
    assert_eq!(
        settings["azuread:clientcredentials:1:sourcetype"].as_deref(),
        Some("Path")
    );
    let path = settings["azuread:clientcredentials:1:certificatediskpath"]
        .clone()
        .unwrap();
    assert!(Path::new(&path).is_absolute(), "{path}");
    assert_eq!(fs::read(&path).unwrap(), fs::read(&pfx).unwrap());
    // The store description for another certificate is still there, untouched.
    assert_eq!(
        settings["azuread:clientcredentials:0:certificatethumbprint"].as_deref(),
        Some("0B7F3E2A9C4D5E6F708192A3B4C5D6E7F8091A2B")
    );
}

#[test]
fn impossible_requests_are_refused_with_a_reason() {
    let env = Env::new();
    new_cert(&env);
    let file = env.fixture("appsettings/msidweb-clientcredentials-thumbprint.json");
    env.certkit()
        .args([
            "config",
            "patch",
            "--style",
            "asymmetric",
            "--source",
            "path",
        ])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot name a file"));
    let csproj = env.out.join("NoSecrets.csproj");
    fs::write(&csproj, "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>").unwrap();
    env.certkit()
        .args(["config", "patch", "--project"])
        .arg(&csproj)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("it has no <UserSecretsId>"))
        .stderr(predicate::str::contains("dotnet user-secrets init"));
    assert_eq!(
        fs::read(&file).unwrap(),
        fixture_text("appsettings/msidweb-clientcredentials-thumbprint.json")
    );
}

/// Settings whose shape certkit cannot edit safely: each is refused with exit 1, a reason that
/// names the file, the key and what it is, no "bug" hint, and the file left byte for byte.
#[test]
fn settings_of_the_wrong_shape_are_refused_and_left_alone() {
    let env = Env::new();
    new_cert(&env);
    let secret = "TOPSECRET-a1b2c3";
    let object_list = format!(
        "{{\n  \"AzureAd\": {{\n    \"ClientCredentials\": {{\n      \"SourceType\": \"ClientSecret\",\n      \"ClientSecret\": \"{secret}\"\n    }}\n  }}\n}}\n"
    );
    let flat_unnumbered = format!(
        "{{\n  \"AzureAd:ClientCredentials:SourceType\": \"ClientSecret\",\n  \"AzureAd:ClientCredentials:ClientSecret\": \"{secret}\"\n}}"
    );
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "appsettings.json",
            object_list,
            "AzureAd:ClientCredentials is an object, not an array of credential descriptions (line 3)",
            "square brackets",
        ),
        (
            "appsettings.json",
            r#"{"AzureAd":{"ClientCertificates":{"SourceType":"StoreWithThumbprint","CertificateStorePath":"CurrentUser/My"}}}"#.into(),
            "AzureAd:ClientCertificates is an object, not an array of credential descriptions",
            "square brackets",
        ),
        (
            "appsettings.json",
            r#"{"AzureAd":{"ClientCertificates":"CN=surveysapp"}}"#.into(),
            "AzureAd:ClientCertificates is a string, not an array of credential descriptions",
            "make it an array of credential descriptions",
        ),
        (
            "appsettings.json",
            r#"{"AzureAd":{"ClientCertificates":42}}"#.into(),
            "AzureAd:ClientCertificates is a number, not an array of credential descriptions",
            "make it an array of credential descriptions",
        ),
        (
            "appsettings.json",
            r#"{"AzureAd":{"ClientCertificates":null}}"#.into(),
            "AzureAd:ClientCertificates is null, not an array of credential descriptions",
            "make it an array of credential descriptions",
        ),
        (
            "secrets.json",
            flat_unnumbered,
            "AzureAd:ClientCredentials:SourceType is not in a numbered credential description (line 2)",
            "\"AzureAd:ClientCredentials:0:SourceType\"",
        ),
        (
            "secrets.json",
            "{\n  \"AzureAd:ClientCredentials\": \"x\"\n}".into(),
            "AzureAd:ClientCredentials is a string, not an array of credential descriptions",
            "make it an array of credential descriptions",
        ),
        (
            "appsettings.json",
            r#"{"AzureAd":{"Asymmetric":"x"}}"#.into(),
            "AzureAd:Asymmetric is a string, not an object",
            "make AzureAd:Asymmetric an object, or remove it",
        ),
        (
            "appsettings.json",
            r#"{"AzureAd": "oops"}"#.into(),
            "AzureAd is a string, not an object",
            "make AzureAd an object, or remove it",
        ),
        (
            "appsettings.json",
            r#"{"AzureAd": null}"#.into(),
            "AzureAd is null, not an object",
            "make AzureAd an object, or remove it",
        ),
        (
            "appsettings.json",
            r#"{"AzureAd": []}"#.into(),
            "AzureAd is an array, not an object",
            "make AzureAd an object, or remove it",
        ),
        (
            "appsettings.json",
            "[]".into(),
            "the top-level value is an array, not an object",
            "one JSON object",
        ),
        (
            "appsettings.json",
            "\"x\"".into(),
            "the top-level value is a string, not an object",
            "one JSON object",
        ),
    ];
    for (name, text, why, hint) in cases {
        let file = env.out.join(name);
        fs::write(&file, &text).unwrap();
        let out = env
            .certkit()
            .args(["config", "patch"])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{text}\n{stderr}");
        assert!(
            stderr.contains(&format!("({}): {why}", file.display())),
            "{text}\n{stderr}"
        );
        assert!(stderr.contains(hint), "{text}\n{stderr}");
        assert!(!stderr.contains("bug"), "{text}\n{stderr}");
        assert!(!stderr.contains(secret), "{stderr}");
        assert_eq!(fs::read(&file).unwrap(), text.as_bytes(), "{text}");
        assert!(!file.with_extension("json.bak").exists(), "{text}");
        fs::remove_file(&file).unwrap();
    }
}

/// A patch that removes a client secret says the backup still holds it (even with -q), and
/// never shows the secret; without a backup, or without a secret, there is nothing to say.
#[test]
fn the_backup_of_a_removed_secret_is_pointed_out() {
    let env = Env::new();
    new_cert(&env);
    let secret = "TOPSECRET-d4e5f6";
    let text = format!(
        "{{\n  \"AzureAd\": {{\n    \"ClientId\": \"36f675cc-81e7-4ef5-a8e2-5d940ed90475\",\n    \"ClientSecret\": \"{secret}\"\n  }}\n}}\n"
    );
    let file = env.out.join("appsettings.json");
    let backup = env.out.join("appsettings.json.bak");
    let warning = format!(
        "warning: the backup {} still holds the client secret you removed; delete it once the app signs in with the certificate (or pass --no-backup)",
        backup.display()
    );
    for quiet in [false, true] {
        fs::write(&file, &text).unwrap();
        let mut cmd = env.certkit();
        if quiet {
            cmd.arg("-q");
        }
        let out = cmd.args(["config", "patch"]).arg(&file).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains(&warning), "{stderr}");
        assert!(!stderr.contains(secret), "{stderr}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains(secret));
        assert_eq!(fs::read(&backup).unwrap(), text.as_bytes());
        assert!(!String::from_utf8(fs::read(&file).unwrap())
            .unwrap()
            .contains(secret));
        fs::remove_file(&backup).unwrap();
    }

    // A flat ClientSecret description in user secrets, removed key by key, warns once.
    let secrets = env.out.join("secrets.json");
    let flat = format!(
        "{{\n  \"AzureAd:ClientCredentials:0:SourceType\": \"ClientSecret\",\n  \"AzureAd:ClientCredentials:0:ClientSecret\": \"{secret}\"\n}}"
    );
    fs::write(&secrets, &flat).unwrap();
    let out = env
        .certkit()
        .args(["config", "patch"])
        .arg(&secrets)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let backup = env.out.join("secrets.json.bak");
    assert_eq!(
        stderr
            .matches(&format!("the backup {} still holds", backup.display()))
            .count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains(secret), "{stderr}");

    // No backup, or no secret removed: no warning.
    fs::write(&file, &text).unwrap();
    env.certkit()
        .args(["config", "patch", "--no-backup"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("still holds").not());
    let plain = env.out.join("plain.json");
    fs::write(&plain, "{\"AzureAd\": {\"ClientId\": \"abc\"}}\n").unwrap();
    env.certkit()
        .args(["config", "patch"])
        .arg(&plain)
        .assert()
        .success()
        .stderr(predicate::str::contains("still holds").not());
    assert!(env.out.join("plain.json.bak").exists());
}
