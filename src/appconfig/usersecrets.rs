//! .NET user secrets: the project's `<UserSecretsId>` and where its secrets.json lives
//! (formats.md section 6), exactly as Microsoft.Extensions.Configuration.UserSecrets'
//! PathHelper finds it: `%APPDATA%\Microsoft\UserSecrets\<id>\secrets.json` when APPDATA is
//! set (Windows), else `$HOME/.microsoft/usersecrets/<id>/secrets.json`.

use std::path::{Path, PathBuf};

use super::csproj;
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

/// The `<UserSecretsId>` of a project file, as MSBuild evaluates it: properties are set in
/// document order, so the last definition wins (an empty one clears the id). Definitions
/// under a Condition cannot be evaluated here: when they disagree, the project is refused
/// rather than guessed at.
pub fn secrets_id(csproj: &[u8], path: &Path) -> Result<String> {
    let text = String::from_utf8_lossy(csproj);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let found = csproj::definitions(text).map_err(|e| {
        bad_project(
            path,
            &format!("line {}: {}", e.line, e.why),
            "fix the project file (it must be XML MSBuild reads), or pass the secrets.json path instead of --project",
        )
    })?;
    let Some(last) = found.last() else {
        return Err(bad_project(
            path,
            "it has no <UserSecretsId> in a <PropertyGroup>",
            "run `dotnet user-secrets init` in the project's directory, or pass the secrets.json path instead of --project (the id may be set in Directory.Build.props)",
        ));
    };
    let id = if found.iter().any(|d| d.conditional) {
        one_value(&found, path)?
    } else {
        if last.value.trim().is_empty() {
            if let Some(earlier) = found.iter().rev().find(|d| !d.value.trim().is_empty()) {
                let why = format!(
                    "its last <UserSecretsId> (line {}) is empty, which clears the one on line {} (MSBuild uses the last definition)",
                    last.line, earlier.line
                );
                return Err(bad_project(path, &why, "remove the empty <UserSecretsId>, or pass the secrets.json path instead of --project"));
            }
        }
        last.value.trim()
    };
    check_id(id, path)
}

/// The one value conditional definitions agree on (empty ones aside).
fn one_value<'d>(found: &'d [csproj::Definition], path: &Path) -> Result<&'d str> {
    let mut values: Vec<&csproj::Definition> = Vec::new();
    for d in found.iter().filter(|d| !d.value.trim().is_empty()) {
        if !values.iter().any(|v| v.value.trim() == d.value.trim()) {
            values.push(d);
        }
    }
    match values.as_slice() {
        [] => Ok(""),
        [one] => Ok(one.value.trim()),
        several => {
            let listed: Vec<String> = several
                .iter()
                .map(|d| format!("{:?} on line {}", d.value.trim(), d.line))
                .collect();
            Err(bad_project(
                path,
                &format!(
                    "it sets <UserSecretsId> to different values under conditions certkit cannot evaluate ({})",
                    listed.join(", ")
                ),
                "keep one <UserSecretsId>, or pass the secrets.json path instead of --project",
            ))
        }
    }
}

/// The project file `--project` names: the path itself, or for a directory the one MSBuild
/// project in it (`*.*proj`), as `dotnet user-secrets --project DIR` finds it.
pub fn project_file(path: &Path) -> Result<PathBuf> {
    if !path.is_dir() {
        return Ok(path.to_path_buf());
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::io("list", path, e))?;
    let mut found: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("list", path, e))?;
        let name = entry.file_name();
        let is_project = Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.len() > 4 && e.to_ascii_lowercase().ends_with("proj"));
        if is_project && entry.path().is_file() {
            found.push(entry.path());
        }
    }
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(bad_project(
            path,
            "the directory has no project file (*.csproj, *.fsproj, *.vbproj)",
            "pass the project's directory or its .csproj, or the secrets.json path instead of --project",
        )),
        _ => {
            let names: Vec<String> = found
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            Err(bad_project(
                path,
                &format!(
                    "the directory has {} project files ({})",
                    names.len(),
                    names.join(", ")
                ),
                &format!(
                    "name one: --project {}",
                    path.join(&names[0]).display()
                ),
            ))
        }
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

fn bad_project(path: &Path, why: &str, hint: &str) -> Error {
    Error::bad_file("cannot find the project's user secrets", path, why, hint)
}
