//! `config patch` at the edges: many client secrets, hostile sizes, one-line objects, how the
//! project is named, where secrets.json may be created, and what --json says for a dry run.
//! Expected texts are hand-written fixtures (fixtures/config-expected); settings are read
//! back with Python's json (tests/json_oracle).

mod cli_env;
mod json_oracle;

use std::fs;
use std::path::{Path, PathBuf};

use cli_env::Env;
use predicates::prelude::*;

fn expected(name: &str, thumbprint: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/config-expected")
        .join(name);
    fs::read_to_string(path)
        .unwrap()
        .replace("{{THUMBPRINT}}", thumbprint)
}

fn new_cert(env: &Env) -> String {
    env.new_cert("surveysapp")
        .lines()
        .next()
        .unwrap()
        .to_owned()
}

fn patch(env: &Env, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    env.certkit()
        .args(["config", "patch"])
        .args(extra)
        .arg(file)
        .assert()
}

/// The settings Python's json reads that name a client secret.
fn secrets_left(file: &Path) -> Vec<String> {
    json_oracle::settings(file)
        .into_iter()
        .filter(|(k, v)| k.ends_with(":clientsecret") || v.as_deref() == Some("ClientSecret"))
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn many_client_secrets_go_in_one_patch() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    // 21 descriptions as `dotnet user-secrets set` writes them: 63 flat keys.
    let mut flat = String::from("{\n");
    for i in 0..21 {
        flat += &format!("  \"AzureAd:ClientCredentials:{i}:SourceType\": \"ClientSecret\",\n  \"AzureAd:ClientCredentials:{i}:ClientSecret\": \"s{i}\",\n  \"AzureAd:ClientCredentials:{i}:Note\": \"n\",\n");
    }
    flat += "  \"AzureAd:ClientId\": \"x\"\n}\n";
    let file = env.out.join("secrets.json");
    fs::write(&file, &flat).unwrap();
    assert_eq!(secrets_left(&file).len(), 42);
    patch(&env, &file, &[])
        .success()
        .stderr(predicate::str::contains(
            "removed the ClientSecret description AzureAd:ClientCredentials:20",
        ));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        expected("many-secrets-flat.json", &thumbprint)
    );
    assert!(secrets_left(&file).is_empty());

    // 63 descriptions in a JSON array.
    let items: Vec<String> = (0..63)
        .map(|i| format!("      {{\n        \"SourceType\": \"ClientSecret\",\n        \"ClientSecret\": \"s{i}\"\n      }}"))
        .collect();
    let array = format!(
        "{{\n  \"AzureAd\": {{\n    \"ClientId\": \"x\",\n    \"ClientCredentials\": [\n{}\n    ]\n  }}\n}}\n",
        items.join(",\n")
    );
    let file = env.out.join("appsettings.json");
    fs::write(&file, &array).unwrap();
    patch(&env, &file, &[]).success();
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        expected("many-secrets-array.json", &thumbprint)
    );
    assert!(secrets_left(&file).is_empty());
}

/// The hostile reproducer's file: 500 nested objects and 100,000 zeros beside AzureAd. Its
/// cost once grew with depth times size (over 5.7 GB for these 203 KB); the settings outside
/// AzureAd are now only checked, not walked, so a 1 GB address-space limit is ample.
#[cfg(target_os = "linux")]
#[test]
fn a_deep_and_wide_file_beside_azure_ad_costs_little() {
    let env = Env::new();
    new_cert(&env);
    let depth = 500;
    let zeros = vec!["0"; 100_000].join(",");
    let text = format!(
        "{{\"AzureAd\":{{}},{}\"x\":[{zeros}]{}}}",
        "\"a\":{".repeat(depth),
        "}".repeat(depth)
    );
    let file = env.out.join("appsettings.json");
    fs::write(&file, &text).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("certkit");
    let out = cli_env::succeeded(
        std::process::Command::new("bash")
            .arg("-c")
            .arg("ulimit -v 1000000 && exec \"$0\" config patch \"$1\" --dry-run --json")
            .arg(&bin)
            .arg(&file)
            .current_dir(&env.out)
            .env("HOME", &env.home)
            .env("CERTKIT_STORE", &env.store)
            .output()
            .unwrap(),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["changed"], true);
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_one_line_azure_ad_section_gets_its_spacing() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    for (style, want) in [
        (None, "inline-azuread.json"),
        (Some("asymmetric"), "inline-azuread.asymmetric.json"),
    ] {
        let file = env.fixture("appsettings/inline-azuread.json");
        let args: Vec<&str> = style.map(|s| vec!["--style", s]).unwrap_or_default();
        patch(&env, &file, &args).success();
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            expected(want, &thumbprint)
        );
        assert!(secrets_left(&file).is_empty());
    }
}

#[test]
fn json_dry_run_says_the_file_would_change() {
    let env = Env::new();
    new_cert(&env);
    let file = env.fixture("appsettings/inline-azuread.json");
    let report = |env: &Env| -> serde_json::Value {
        let out = cli_env::succeeded(
            env.certkit()
                .args(["config", "patch", "--json", "--dry-run"])
                .arg(&file)
                .output()
                .unwrap(),
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let before = fs::read(&file).unwrap();
    let first = report(&env);
    assert_eq!(first["changed"], true);
    assert_eq!(first["dry_run"], true);
    assert!(first["diff"].as_str().unwrap().contains("+  \"AzureAd\""));
    assert_eq!(fs::read(&file).unwrap(), before);
    patch(&env, &file, &[]).success();
    let again = report(&env);
    assert_eq!(again["changed"], false);
    assert_eq!(again["diff"], serde_json::Value::Null);
}

fn secrets_of(env: &Env, id: &str) -> PathBuf {
    env.home
        .join(".microsoft/usersecrets")
        .join(id)
        .join("secrets.json")
}

fn project_args(project: &Path) -> Vec<String> {
    ["config", "patch", "--project"]
        .iter()
        .map(|s| s.to_string())
        .chain([project.display().to_string()])
        .collect()
}

#[test]
fn the_user_secrets_id_is_read_as_msbuild_reads_it() {
    let env = Env::new();
    new_cert(&env);
    let cases = [
        (
            "<UserSecretsId />\n<UserSecretsId>abc</UserSecretsId>",
            "abc",
        ),
        (
            "<UserSecretsId><![CDATA[cdata-id]]></UserSecretsId>",
            "cdata-id",
        ),
        ("<UserSecretsId>a&amp;b</UserSecretsId>", "a&b"),
        (
            "<UserSecretsId>first</UserSecretsId><UserSecretsId> last </UserSecretsId>",
            "last",
        ),
    ];
    for (properties, id) in cases {
        let csproj = env.out.join("App.csproj");
        fs::write(
            &csproj,
            format!("<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    {properties}\n  </PropertyGroup>\n</Project>\n"),
        )
        .unwrap();
        env.certkit()
            .args(project_args(&csproj))
            .assert()
            .success()
            .stderr(predicate::str::contains(format!("(UserSecretsId {id})")));
        assert!(secrets_of(&env, id).is_file(), "{id}");
    }
    let csproj = env.out.join("App.csproj");
    fs::write(&csproj, "<Project><PropertyGroup><UserSecretsId>a<!-- b --></UserSecretsId></PropertyGroup></Project>").unwrap();
    env.certkit()
        .args(project_args(&csproj))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1: it has markup"))
        .stderr(predicate::str::contains("hint: fix the project file"));
}

#[test]
fn a_project_directory_stands_for_its_one_project_file() {
    let env = Env::new();
    new_cert(&env);
    let dir = env.out.join("Surveys");
    fs::create_dir(&dir).unwrap();
    env.certkit()
        .args(project_args(&dir))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the directory has no project file",
        ));
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/projects/Surveys/Surveys.csproj");
    fs::copy(&source, dir.join("Surveys.csproj")).unwrap();
    fs::write(dir.join("notes.txt"), "not a project").unwrap();
    env.certkit()
        .args(project_args(&dir))
        .assert()
        .success()
        .stderr(predicate::str::contains("Surveys.csproj (UserSecretsId"));
    assert!(secrets_of(&env, "aspnet-Surveys-7d9a1c62-4f1e-4b7a-9a35-2c8e1f0b6d41").is_file());
    let mut args = project_args(&dir);
    args.push("--json".into());
    let out = env.certkit().args(args).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["project"],
        dir.join("Surveys.csproj").display().to_string()
    );
    fs::write(dir.join("Surveys.Tests.fsproj"), "<Project/>").unwrap();
    env.certkit()
        .args(project_args(&dir))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the directory has 2 project files (Surveys.Tests.fsproj, Surveys.csproj)",
        ))
        .stderr(predicate::str::contains("hint: name one: --project"));
}

#[test]
fn without_a_file_the_error_names_both_ways() {
    let env = Env::new();
    env.certkit()
        .args(["config", "patch"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<FILE|--project <CSPROJ>>"));
}

/// A user-secrets directory every user may write to: refused with a hint to make it
/// private, and --force (which the hint offers) does create the file.
#[cfg(unix)]
#[test]
fn a_world_writable_secrets_directory_needs_chmod_or_force() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    new_cert(&env);
    let csproj = env.fixture("projects/Surveys/Surveys.csproj");
    let secrets = secrets_of(&env, "aspnet-Surveys-7d9a1c62-4f1e-4b7a-9a35-2c8e1f0b6d41");
    let dir = secrets.parent().unwrap();
    fs::create_dir_all(dir).unwrap();
    fs::set_permissions(dir, fs::Permissions::from_mode(0o777)).unwrap();
    env.certkit()
        .args(project_args(&csproj))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("writable by every user"))
        .stderr(predicate::str::contains(format!(
            "chmod 700 {}",
            dir.display()
        )))
        .stderr(predicate::str::contains("--force"));
    assert!(!secrets.exists());
    let mut args = project_args(&csproj);
    args.push("--force".into());
    env.certkit().args(args).assert().success();
    assert!(secrets.is_file());
    assert_eq!(
        fs::metadata(&secrets).unwrap().permissions().mode() & 0o777,
        0o600
    );
}
