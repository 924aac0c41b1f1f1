//! Editing a file in place (`manifest patch|remove`, `config patch`): read, change, replace
//! atomically, without losing a concurrent edit.
//!
//! Two runs on one file at once would both read the original and the second rename would drop
//! the first one's entry. So the file is locked (flock, advisory) from the read to the rename,
//! and just before the rename certkit checks that the file is still the one it read: an editor
//! that does not lock (or a filesystem without locks) makes the run fail instead of losing
//! the other change.

use std::fs::{self, File};
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use super::dest::{not_regular, unsafe_path};
use super::{temp_with, with_suffix, write_temp, Visibility};
use crate::error::{Error, Result};

/// A file opened for editing, locked until this is dropped.
pub struct Editing {
    path: PathBuf,
    /// The file as opened: the lock is on it, and its identity is what `rewrite` compares.
    file: File,
    stamp: Stamp,
}

/// What identifies a file's state: a rename over it changes the inode, an in-place write the
/// length or the modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    id: (u64, u64),
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            id: file_id(meta),
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// Opens and locks `path` and reads it whole.
pub fn read_for_edit(path: &Path) -> Result<(Vec<u8>, Editing)> {
    let editing = Editing::open(path)?;
    let mut bytes = Vec::with_capacity(editing.stamp.len as usize);
    (&editing.file)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    Ok((bytes, editing))
}

/// Replaces an existing file's content atomically (see [`Editing::rewrite`]), for a caller
/// that did not read it through [`read_for_edit`].
pub fn rewrite(path: &Path, bytes: &[u8], backup: bool, force: bool) -> Result<Option<PathBuf>> {
    Editing::open(path)?.rewrite(bytes, backup, force)
}

impl Editing {
    /// Opens `path` (a regular file) and waits for the lock. When another certkit replaced the
    /// file meanwhile, the name now has a new file: that one is opened and locked instead.
    pub fn open(path: &Path) -> Result<Editing> {
        // Each turn means another program replaced the file meanwhile; one that never stops
        // doing so is an error, not a reason to spin.
        for _ in 0..100 {
            let file = open_regular(path)?;
            lock(&file).map_err(|e| Error::io("lock", path, e))?;
            let meta = file.metadata().map_err(|e| Error::io("read", path, e))?;
            let now = fs::metadata(path).map_err(|e| Error::io("read", path, e))?;
            if file_id(&meta) == file_id(&now) {
                return Ok(Editing {
                    path: path.to_path_buf(),
                    file,
                    stamp: Stamp::of(&meta),
                });
            }
        }
        Err(Error::bad_file(
            "not edited",
            path,
            "another program keeps replacing the file",
            "stop the program that rewrites it, then run the command again",
        ))
    }

    /// Whether the file has no write permission for anyone (`chmod 444`). It is replaced
    /// anyway, as `sed -i` does; the caller says so.
    pub fn read_only(&self) -> bool {
        self.file
            .metadata()
            .is_ok_and(|m| m.permissions().readonly())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the file's content atomically, keeping its permissions, owner and group,
    /// optionally keeping the previous content as `<name>.bak`. A symbolic link is refused
    /// unless `force`, since renaming over it would silently turn the link into a regular
    /// file; with `force` the file it points to is replaced.
    pub fn rewrite(&self, bytes: &[u8], backup: bool, force: bool) -> Result<Option<PathBuf>> {
        let target = resolve_link(&self.path, force)?;
        let meta = fs::metadata(&target).map_err(|e| Error::io("read", &target, e))?;
        if !meta.is_file() {
            return Err(not_regular(&target, &meta, false));
        }
        self.check_unchanged(&target)?;
        let backup_path = if backup {
            Some(self.write_backup(&target, &meta)?)
        } else {
            None
        };
        let temp = write_temp(&target, bytes, Visibility::Private)?;
        same_owner(temp.file(), &meta).map_err(|e| Error::io("set the owner of", &target, e))?;
        temp.file()
            .set_permissions(meta.permissions())
            .map_err(|e| Error::io("set permissions on", &target, e))?;
        self.check_unchanged(&target)?;
        temp.place_replacing(&target)
            .map_err(|e| Error::io("write", &target, e))?;
        Ok(backup_path)
    }

    /// Fails when `target` is no longer the file that was read: another program replaced or
    /// changed it, and writing now would lose that change.
    fn check_unchanged(&self, target: &Path) -> Result<()> {
        let now = fs::metadata(target).map_err(|e| Error::io("read", target, e))?;
        if Stamp::of(&now) == self.stamp {
            return Ok(());
        }
        Err(Error::bad_file(
            "not written",
            target,
            format!("{} changed while certkit was editing it", target.display()),
            "run the command again (it starts from the new content)",
        ))
    }

    /// Copies the file as read to `<target>.bak` with its permissions and owner. The copy is
    /// complete before it gets the name, and it gets the name by an exclusive link, not a
    /// link-then-rename: a kill at any moment leaves no stray temporary holding the old text
    /// (which can hold a client secret). Removing an older backup first is safe: `target`
    /// itself is untouched at that point.
    fn write_backup(&self, target: &Path, meta: &fs::Metadata) -> Result<PathBuf> {
        let bak = with_suffix(target, ".bak");
        // Streamed from the locked file, not read whole: the caller already holds two copies
        // of a file that can be 50 MB (the input and its edit).
        let mut original = &self.file;
        original
            .rewind()
            .map_err(|e| Error::io("read", target, e))?;
        let temp = temp_with(&bak, Visibility::Private, |mut file| {
            std::io::copy(&mut original, &mut file).map(|_| ())
        })?;
        same_owner(temp.file(), meta).map_err(|e| Error::io("set the owner of", &bak, e))?;
        temp.file()
            .set_permissions(meta.permissions())
            .map_err(|e| Error::io("set permissions on", &bak, e))?;
        match fs::remove_file(&bak) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io("replace the backup", &bak, e))
            }
            _ => {}
        }
        temp.place_new(&bak).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::bad_file(
                "not written",
                &bak,
                "another program created the backup while certkit was writing it",
                "run the command again",
            ),
            _ => Error::io("write backup", &bak, e),
        })?;
        Ok(bak)
    }
}

/// Opens a regular file for reading without blocking on a FIFO (whose open waits for a writer).
fn open_regular(path: &Path) -> Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| Error::io("read", path, e))?;
    let meta = file.metadata().map_err(|e| Error::io("read", path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta, false));
    }
    Ok(file)
}

fn resolve_link(path: &Path, force: bool) -> Result<PathBuf> {
    let meta = fs::symlink_metadata(path).map_err(|e| Error::io("read", path, e))?;
    if !meta.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    if !force {
        return Err(unsafe_path(
            path,
            "it is a symbolic link; replacing it would not update the file it points to",
            "edit the file it points to",
            Some("to write through the link"),
        ));
    }
    fs::canonicalize(path).map_err(|e| Error::io("resolve link", path, e))
}

/// An exclusive advisory lock, released when the file is closed. Where the filesystem has no
/// locks, editing goes on: the check before the rename still catches a concurrent change.
#[cfg(unix)]
fn lock(file: &File) -> std::io::Result<()> {
    match file.lock() {
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(libc::ENOLCK | libc::EOPNOTSUPP | libc::EBADF)
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

#[cfg(not(unix))]
fn lock(_file: &File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Gives the new file the old one's owner and group: `sudo certkit manifest patch` on a
/// user's file must leave it the user's. Without the privilege to do so (not root), the
/// owner is the caller already, and only the group can differ: that is kept where allowed.
#[cfg(unix)]
fn same_owner(file: &File, meta: &fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::{fchown, MetadataExt};
    let denied = |r: std::io::Result<()>| match r {
        Err(e) if e.raw_os_error() == Some(libc::EPERM) => None,
        other => Some(other),
    };
    denied(fchown(file, Some(meta.uid()), Some(meta.gid())))
        .or_else(|| denied(fchown(file, None, Some(meta.gid()))))
        .unwrap_or(Ok(()))
}

#[cfg(not(unix))]
fn same_owner(_file: &File, _meta: &fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join("app.json");
        fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_change_made_after_the_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "original");
        // In place (an editor that writes the file itself)...
        let (_, editing) = read_for_edit(&path).unwrap();
        fs::write(&path, "their edit, longer").unwrap();
        let err = editing.rewrite(b"ours", true, false).unwrap_err();
        assert!(err.to_string().contains("changed while certkit"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"their edit, longer");
        assert!(!dir.path().join("app.json.bak").exists());
        drop(editing);
        // ...or by renaming a new file over it.
        let (_, editing) = read_for_edit(&path).unwrap();
        let theirs = dir.path().join("theirs");
        fs::write(&theirs, "their edit, longer").unwrap();
        fs::rename(&theirs, &path).unwrap();
        assert!(editing.rewrite(b"ours", false, false).is_err());
        assert_eq!(fs::read(&path).unwrap(), b"their edit, longer");
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_is_held_from_the_read_until_the_edit_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "x");
        let (_, editing) = read_for_edit(&path).unwrap();
        let other = File::open(&path).unwrap();
        assert!(matches!(
            other.try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        drop(editing);
        other.try_lock().unwrap();
    }

    /// A second editor that waited for the lock must edit what the first one wrote, although
    /// the first one's rename gave the name a new file while it waited.
    #[cfg(unix)]
    #[test]
    fn a_waiting_editor_reads_what_the_one_before_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "v1");
        let (_, first) = read_for_edit(&path).unwrap();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                let (text, editing) = read_for_edit(&path).unwrap();
                let mut next = text.clone();
                next.extend_from_slice(b"+v3");
                editing.rewrite(&next, false, false).unwrap();
                text
            })
        };
        first.rewrite(b"v2", false, false).unwrap();
        drop(first);
        assert_eq!(waiter.join().unwrap(), b"v2");
        assert_eq!(fs::read(&path).unwrap(), b"v2+v3");
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_edited() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read_for_edit(&fifo).err().unwrap();
        assert!(err.to_string().contains("named pipe"), "{err}");
        let err = read_for_edit(dir.path()).err().unwrap();
        assert!(err.to_string().contains("directory"), "{err}");
    }
}
