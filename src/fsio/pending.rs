//! A file that has no name until its content is complete.
//!
//! On Linux the content is written to an anonymous O_TMPFILE inode (mode 0600) and linked into
//! place only when complete: a process killed at any moment (even by SIGKILL, which runs no
//! clean-up) leaves no partial file and no stray temporary holding a key. Elsewhere, or where
//! the filesystem lacks O_TMPFILE, a named 0600 temporary beside the destination is renamed.

use std::fs::File;
use std::io;
use std::path::Path;

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
                let dir = dest
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let temp = tempfile::Builder::new()
                    .prefix(".certkit-")
                    .suffix(".tmp")
                    .make_in(dir, |p| link(&file, p))?;
                temp.persist(dest).map(|_| ()).map_err(|e| e.error)
            }
            Inner::Named(named) => named.persist(dest).map(|_| ()).map_err(|e| e.error),
        }
    }
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
