//! Safe writes: every file is written in full before it gets its name (see `pending`), so a
//! crash or a kill leaves either the old content or the new, never a mix.
//!
//! Pending files are created with mode 0600: private material is never readable by others, not
//! even for the moment between create and chmod; public files are widened once complete.

mod batch;
mod dest;
mod edit;
mod pending;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use batch::Batch;
use dest::check_destination;
pub use edit::{read_for_edit, rewrite, Editing};
use pending::PendingFile;

use crate::error::{Error, Result};

/// Who may read a file once it is in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// 0600: keys, PFX files, anything with a secret.
    Private,
    /// 0644 (less the umask): certificates and other public material.
    Public,
}

/// Writes one new file atomically (see `Batch`).
pub fn write_new(dest: &Path, bytes: &[u8], visibility: Visibility, force: bool) -> Result<()> {
    let mut batch = Batch::new(force);
    batch.stage(dest, bytes, visibility)?;
    batch.commit().map(|_| ())
}

/// Reads a whole file, naming it in the error.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// Creates a directory (and parents) with mode 0700, for directories that hold private files.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::io("create directory", dir, e))
}

fn write_temp(dest: &Path, bytes: &[u8], visibility: Visibility) -> Result<PendingFile> {
    temp_with(dest, visibility, |mut file| file.write_all(bytes))
}

/// A synced pending file beside `dest` holding what `fill` writes.
fn temp_with(
    dest: &Path,
    visibility: Visibility,
    fill: impl FnOnce(&fs::File) -> std::io::Result<()>,
) -> Result<PendingFile> {
    let dir = parent_dir(dest);
    let temp = PendingFile::create(&dir).map_err(|e| Error::io("create a file in", &dir, e))?;
    let file = temp.file();
    fill(file)
        .and_then(|_| file.sync_all())
        .map_err(|e| Error::io("write", dest, e))?;
    if visibility == Visibility::Public {
        make_public(file).map_err(|e| Error::io("set permissions on", dest, e))?;
    }
    Ok(temp)
}

/// 0644 less the umask, as a file created the ordinary way would get: a user with umask 077
/// keeps even certificates to themselves. (Pending files start 0600 whatever the umask, so
/// the mode is set here, once the content is complete.)
#[cfg(unix)]
fn make_public(file: &fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644 & !current_umask()))
}

#[cfg(unix)]
fn current_umask() -> u32 {
    // umask(2) can only be read by setting it; put it back at once. certkit writes files from
    // one thread, so nothing is created in between.
    // SAFETY: umask has no memory-safety preconditions.
    unsafe {
        let mask = libc::umask(0o022);
        libc::umask(mask);
        mask as u32
    }
}

#[cfg(not(unix))]
fn make_public(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.key");
        write_new(&dest, b"one", Visibility::Private, false).unwrap();
        let err = write_new(&dest, b"two", Visibility::Private, false).unwrap_err();
        assert!(matches!(err, Error::AlreadyExists { .. }));
        assert_eq!(fs::read(&dest).unwrap(), b"one");
        write_new(&dest, b"two", Visibility::Private, true).unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600_and_public_0644() {
        let dir = tempfile::tempdir().unwrap();
        write_new(&dir.path().join("k"), b"x", Visibility::Private, false).unwrap();
        write_new(&dir.path().join("c"), b"x", Visibility::Public, false).unwrap();
        assert_eq!(mode(&dir.path().join("k")), 0o600);
        assert_eq!(mode(&dir.path().join("c")), 0o644);
    }

    #[test]
    fn a_backup_replaces_an_older_one_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.json");
        fs::write(&path, b"first").unwrap();
        fs::write(dir.path().join("app.json.bak"), b"ancient").unwrap();
        rewrite(&path, b"second", true, false).unwrap();
        rewrite(&path, b"third", true, false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"third");
        assert_eq!(
            fs::read(dir.path().join("app.json.bak")).unwrap(),
            b"second"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn rewrite_keeps_permissions_and_backs_up() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.json");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let bak = rewrite(&path, b"new", true, false).unwrap().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read(&bak).unwrap(), b"old");
        assert_eq!(mode(&path), 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_not_written_through_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, b"{}").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(matches!(
            rewrite(&link, b"x", false, false),
            Err(Error::UnsafePath { .. })
        ));
        assert!(matches!(
            write_new(&link, b"x", Visibility::Private, false),
            Err(Error::UnsafePath { .. })
        ));
        assert_eq!(fs::read(&real).unwrap(), b"{}");
    }
}
