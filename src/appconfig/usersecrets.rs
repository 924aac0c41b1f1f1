//! .NET user secrets: the project's `<UserSecretsId>` and where its secrets.json lives
//! (formats.md section 6), exactly as Microsoft.Extensions.Configuration.UserSecrets'
//! PathHelper finds it: `%APPDATA%\Microsoft\UserSecrets\<id>\secrets.json` when APPDATA is
//! set (Windows), else `$HOME/.microsoft/usersecrets/<id>/secrets.json`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A new secrets.json before any setting: `dotnet user-secrets` writes `{}` for no secrets
/// and one flat key per line otherwise, with the platform's line end and no final newline.
pub fn new_secrets_file() -> &'static str {
    if cfg!(windows) {
        "{\r\n}"
    } else {
        "{\n}"
    }
}

/// The `<UserSecretsId>` of a project file.
pub fn secrets_id(csproj: &[u8], path: &Path) -> Result<String> {
    let text = String::from_utf8_lossy(csproj);
    let text = without_comments(&text);
    let mut ids: Vec<&str> = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("<UserSecretsId") {
        rest = &rest[at + "<UserSecretsId".len()..];
        // `<UserSecretsId>` or `<UserSecretsId Condition="...">`, not `<UserSecretsIdFoo>`.
        if !rest.starts_with(['>', ' ', '\t', '\r', '\n']) {
            continue;
        }
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let body = &rest[open_end + 1..];
        let Some(close) = body.find("</UserSecretsId>") else {
            break;
        };
        ids.push(body[..close].trim());
        rest = &body[close..];
    }
    ids.sort_unstable();
    ids.dedup();
    match ids.as_slice() {
        [] => Err(bad_project(
            path,
            "it has no <UserSecretsId>",
            "run `dotnet user-secrets init` in the project's directory, or pass the secrets.json path instead of --project (the id may be set in Directory.Build.props)",
        )),
        [id] => check_id(id, path),
        _ => Err(bad_project(
            path,
            &format!("it sets <UserSecretsId> to different values ({})", ids.join(", ")),
            "keep one, or pass the secrets.json path instead of --project",
        )),
    }
}

/// Where the secrets of project `id` live, as .NET looks for them.
pub fn secrets_path(id: &str) -> Result<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(app_data) = var("APPDATA") {
        return Ok(PathBuf::from(app_data)
            .join("Microsoft")
            .join("UserSecrets")
            .join(id)
            .join("secrets.json"));
    }
    let home = var("HOME")
        .map(PathBuf::from)
        .or_else(dirs::home_dir)
        .ok_or_else(|| {
            Error::invalid(
                "environment",
                "HOME",
                "neither APPDATA nor HOME is set, so there is no user-secrets directory",
                "set HOME, or pass the secrets.json path instead of --project",
            )
        })?;
    Ok(home
        .join(".microsoft")
        .join("usersecrets")
        .join(id)
        .join("secrets.json"))
}

/// .NET refuses ids with characters invalid in file names; certkit also refuses ids that
/// would lead out of the secrets directory, and MSBuild properties it cannot evaluate.
fn check_id(id: &str, path: &Path) -> Result<String> {
    let why = if id.is_empty() {
        Some("its <UserSecretsId> is empty".to_string())
    } else if id.contains("$(") {
        Some(format!(
            "its <UserSecretsId> {id:?} uses an MSBuild property, which certkit cannot evaluate"
        ))
    } else if id == "."
        || id == ".."
        || id
            .chars()
            .any(|c| matches!(c, '/' | '\\' | '\0') || c.is_control())
    {
        Some(format!(
            "its <UserSecretsId> {id:?} is not a valid directory name"
        ))
    } else {
        None
    };
    match why {
        None => Ok(id.to_string()),
        Some(why) => Err(bad_project(
            path,
            &why,
            "pass the secrets.json path instead of --project",
        )),
    }
}

fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<!--") {
        out.push_str(&rest[..at]);
        rest = rest[at..]
            .find("-->")
            .map_or("", |end| &rest[at + end + 3..]);
    }
    out.push_str(rest);
    out
}

fn bad_project(path: &Path, why: &str, hint: &str) -> Error {
    Error::bad_file("cannot find the project's user secrets", path, why, hint)
}
