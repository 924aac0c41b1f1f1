//! A file that has no name until its content is complete.
//!
//! On Linux the content is written to an anonymous O_TMPFILE inode (mode 0600) and linked into
//! place only when complete: a process killed at any moment (even by SIGKILL, which runs no
//! clean-up) leaves no partial file and no stray temporary holding a key. Elsewhere, or where
//! the filesystem lacks O_TMPFILE, a named 0600 temporary beside the destination is renamed.
//!
//! [`Previous`] is the other half of replacing: the old file kept under a private name beside
//! its destination while a batch places several files, so a failure part-way can put every old
//! file back.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

pub struct PendingFile {
    inner: Inner,
}

enum Inner {
    #[cfg(target_os = "linux")]
    Anonymous(File),
    Named(NamedTempFile),
}

impl PendingFile {
    /// Creates an empty pending file in `dir` (the destination's directory, so placing it is a
    /// link or rename within one filesystem).
    pub fn create(dir: &Path) -> io::Result<Self> {
        #[cfg(target_os = "linux")]
        if let Some(file) = anonymous(dir)? {
            return Ok(PendingFile {
                inner: Inner::Anonymous(file),
            });
        }
        let named = tempfile::Builder::new()
            .prefix(".certkit-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(PendingFile {
            inner: Inner::Named(named),
        })
    }

    pub fn file(&self) -> &File {
        match &self.inner {
            #[cfg(target_os = "linux")]
            Inner::Anonymous(file) => file,
            Inner::Named(named) => named.as_file(),
        }
    }

    /// Gives the file the name `dest`; fails with `AlreadyExists` when `dest` exists.
    pub fn place_new(self, dest: &Path) -> io::Result<()> {
        match self.inner {
            #[cfg(target_os = "linux")]
            Inner::Anonymous(file) => link(&file, dest),
            Inner::Named(named) => named
                .persist_noclobber(dest)
                .map(|_| ())
                .map_err(|e| e.error),
        }
    }

    /// Gives the file the name `dest`, atomically replacing whatever had it.
    pub fn place_replacing(self, dest: &Path) -> io::Result<()> {
        match self.inner {
            #[cfg(target_os = "linux")]
            Inner::Anonymous(file) => {
                // linkat cannot replace, so link under a fresh name and rename over `dest`; a
                // kill between the two leaves a complete file, never a partial one.
                let temp = tempfile::Builder::new()
                    .prefix(".certkit-")
                    .suffix(".tmp")
                    .make_in(parent_of(dest), |p| link(&file, p))?;
                temp.persist(dest).map(|_| ()).map_err(|e| e.error)
            }
            Inner::Named(named) => named.persist(dest).map(|_| ()).map_err(|e| e.error),
        }
    }
}

/// A destination's previous file, kept under a temporary name (`.certkit-old-*.tmp`) in the
/// same directory until the batch replacing it has succeeded (`discard`) or failed (`restore`).
///
/// The aside name is the same inode (a hard link, or the file renamed), so it keeps the file's
/// mode (0600 for a key) and owner, and restoring is one rename: no copy, nothing that can run
/// out of space. A hard link leaves the destination in place meanwhile; a rename (where hard
/// links are not supported) leaves it absent until the new file is placed. A SIGKILL during a
/// batch can leave an aside behind: it holds the old content, never a partial one.
#[derive(Debug)]
pub struct Previous {
    dest: PathBuf,
    aside: PathBuf,
    /// Renamed, not linked: the destination no longer has it.
    moved: bool,
}

impl Previous {
    /// Hard-links `dest` to a fresh name beside it. None when nothing is there to keep (absent,
    /// or a directory, which placing a file will refuse anyway).
    pub fn link_aside(dest: &Path) -> io::Result<Option<Previous>> {
        if !keepable(dest)? {
            return Ok(None);
        }
        // make_in retries with another random name while the name is taken; linkat never
        // replaces. std's hard_link does not follow a symbolic link: the link itself is kept.
        let aside = aside_builder()
            .make_in(parent_of(dest), |p| std::fs::hard_link(dest, p))?
            .into_temp_path()
            .keep()
            .map_err(|e| e.error)?;
        Ok(Some(Previous {
            dest: dest.to_path_buf(),
            aside,
            moved: false,
        }))
    }

    /// Renames `dest` to a fresh name beside it (for where hard links are not supported).
    /// None when nothing is there to keep.
    pub fn move_aside(dest: &Path) -> io::Result<Option<Previous>> {
        if !keepable(dest)? {
            return Ok(None);
        }
        // A 0600 placeholder reserves the name exclusively; the rename then replaces only it.
        let placeholder = aside_builder().tempfile_in(parent_of(dest))?;
        std::fs::rename(dest, placeholder.path())?;
        let aside = placeholder.into_temp_path().keep().map_err(|e| e.error)?;
        Ok(Some(Previous {
            dest: dest.to_path_buf(),
            aside,
            moved: true,
        }))
    }

    /// Where the previous file is kept meanwhile.
    pub fn aside(&self) -> &Path {
        &self.aside
    }

    /// The destination was replaced: puts the previous file back, atomically replacing the new
    /// one. On failure the aside is left where it is (it is the only copy of the old file).
    pub fn restore(self) -> io::Result<()> {
        std::fs::rename(&self.aside, &self.dest)
    }

    /// The destination was not replaced: undoes setting the file aside (renames it back, or
    /// drops the extra link). On failure the aside is left where it is.
    pub fn cancel(self) -> io::Result<()> {
        if self.moved {
            std::fs::rename(&self.aside, &self.dest)
        } else {
            std::fs::remove_file(&self.aside)
        }
    }

    /// Forgets the previous file: the batch succeeded.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.aside);
    }
}

/// Whether `dest` exists and is not a directory.
fn keepable(dest: &Path) -> io::Result<bool> {
    match std::fs::symlink_metadata(dest) {
        Ok(meta) => Ok(!meta.is_dir()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

fn aside_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".certkit-old-").suffix(".tmp");
    builder
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// An O_TMPFILE in `dir` with mode 0600, or None where the filesystem does not support it.
#[cfg(target_os = "linux")]
fn anonymous(dir: &Path) -> io::Result<Option<File>> {
    use std::os::unix::fs::OpenOptionsExt;
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(dir);
    match opened {
        Ok(file) => Ok(Some(file)),
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(libc::EOPNOTSUPP | libc::EISDIR | libc::ENOENT)
            ) =>
        {
            // ENOENT from an old kernel that ignores O_TMPFILE: check the directory really exists.
            if dir.is_dir() {
                Ok(None)
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

/// linkat(2) through /proc/self/fd, which works without privileges (AT_EMPTY_PATH needs them).
#[cfg(target_os = "linux")]
fn link(file: &File, dest: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let source = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).expect("no NUL");
    let target = CString::new(dest.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path contains a NUL byte"))?;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            source.as_ptr(),
            libc::AT_FDCWD,
            target.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
