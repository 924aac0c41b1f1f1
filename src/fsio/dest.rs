//! Whether a destination may be written: never a directory, a device, a FIFO or a socket (not
//! even with `--force`: renaming a file over /dev/null would wreck /dev for everyone), never a
//! symbolic link without `--force`, and never into a directory others may write to without it.

use std::fs;
use std::path::Path;

use super::parent_dir;
use crate::error::{Error, Result};

/// Checked when a file is staged: `force` replaces an existing regular file or a link to one.
pub(super) fn check_destination(dest: &Path, force: bool) -> Result<()> {
    match fs::symlink_metadata(dest) {
        Ok(meta) if meta.file_type().is_symlink() => {
            if !force {
                return Err(unsafe_path(
                    dest,
                    "it is a symbolic link, and writing through it could replace another file",
                    "write to the file it points to, or to another path",
                    Some("to replace the link itself with a regular file"),
                ));
            }
            // A link to a device (/dev/stdout -> /proc/self/fd/1) is refused like the device.
            if let Ok(target) = fs::metadata(dest) {
                if !target.is_file() {
                    return Err(not_regular(dest, &target, true));
                }
            }
        }
        Ok(meta) if !meta.is_file() => return Err(not_regular(dest, &meta, false)),
        Ok(_) if !force => {
            return Err(Error::AlreadyExists {
                path: dest.to_path_buf(),
                force_flag: true,
            })
        }
        _ => {}
    }
    if !force {
        check_directory_is_private(&parent_dir(dest))?;
    }
    Ok(())
}

/// The refusal for a destination that is not a regular file; `via_link`: `meta` describes
/// what the symbolic link `path` points to.
pub(super) fn not_regular(path: &Path, meta: &fs::Metadata, via_link: bool) -> Error {
    let it = if via_link {
        "it is a symbolic link to"
    } else {
        "it is"
    };
    if meta.is_dir() {
        return unsafe_path(
            path,
            format!("{it} a directory"),
            "choose another file name, or move the directory out of the way",
            None,
        );
    }
    unsafe_path(
        path,
        format!(
            "{it} {}, not a regular file; certkit replaces only regular files",
            kind(meta)
        ),
        "name a regular file (to see the output, write it to a file and print that)",
        None,
    )
}

/// What kind of file `meta` describes, for messages.
pub(super) fn kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() {
            return "a character device";
        } else if t.is_block_device() {
            return "a block device";
        } else if t.is_fifo() {
            return "a named pipe (FIFO)";
        } else if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

pub(super) fn unsafe_path(
    path: &Path,
    why: impl Into<String>,
    fix: impl Into<String>,
    force: Option<&'static str>,
) -> Error {
    Error::UnsafePath {
        path: path.to_path_buf(),
        why: why.into(),
        fix: fix.into(),
        force,
    }
}

/// A directory that others may write to (without the sticky bit) lets them swap our files.
#[cfg(unix)]
fn check_directory_is_private(dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = fs::metadata(dir).map_err(|e| Error::io("open directory", dir, e))?;
    let mode = meta.permissions().mode();
    let others_may_write = mode & 0o002 != 0;
    let sticky = mode & 0o1000 != 0;
    if others_may_write && !sticky {
        return Err(unsafe_path(
            dir,
            "the directory is writable by every user, who could replace the files",
            format!(
                "make it private (chmod o-w {}) or write somewhere else",
                dir.display()
            ),
            Some("if you trust this location"),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_directory_is_private(_dir: &Path) -> Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::super::{write_new, Visibility};
    use super::*;

    fn hint(err: &Error) -> String {
        format!("{err} / {}", err.hint())
    }

    #[test]
    fn devices_fifos_and_links_to_them_are_refused_even_with_force() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.pem");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let null = dir.path().join("null.pem");
        std::os::unix::fs::symlink("/dev/null", &null).unwrap();
        for force in [false, true] {
            let err = write_new(&fifo, b"x", Visibility::Public, force).unwrap_err();
            assert!(hint(&err).contains("named pipe (FIFO)"), "{}", hint(&err));
            assert!(!err.hint().contains("--force"), "{}", hint(&err));
        }
        let err = write_new(&null, b"x", Visibility::Public, true).unwrap_err();
        assert!(
            hint(&err).contains("symbolic link to a character device"),
            "{}",
            hint(&err)
        );
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn a_link_to_a_regular_file_is_replaced_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.pem");
        fs::write(&real, b"precious").unwrap();
        let link = dir.path().join("link.pem");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let err = write_new(&link, b"x", Visibility::Public, false).unwrap_err();
        assert!(err.hint().contains("--force"), "{}", hint(&err));
        write_new(&link, b"new", Visibility::Public, true).unwrap();
        assert_eq!(fs::read(&real).unwrap(), b"precious");
        assert_eq!(fs::read(&link).unwrap(), b"new");
    }

    #[test]
    fn hints_name_force_only_where_it_helps() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let taken = dir.path().join("taken");
        fs::create_dir(&taken).unwrap();
        let err = write_new(&taken, b"x", Visibility::Public, true).unwrap_err();
        assert!(
            hint(&err).contains("directory") && !err.hint().contains("--force"),
            "{}",
            hint(&err)
        );
        let open = dir.path().join("open");
        fs::create_dir(&open).unwrap();
        fs::set_permissions(&open, fs::Permissions::from_mode(0o777)).unwrap();
        let err = write_new(&open.join("f"), b"x", Visibility::Public, false).unwrap_err();
        assert!(err.hint().contains("chmod o-w") && err.hint().contains("--force"));
        let err = err.without_force_flag();
        assert!(!err.hint().contains("--force"), "{}", hint(&err));
        fs::write(taken.join("f"), b"old").unwrap();
        let err = write_new(&taken.join("f"), b"x", Visibility::Public, false).unwrap_err();
        assert!(err.hint().contains("--force"));
        assert!(!err.without_force_flag().hint().contains("--force"));
    }
}
