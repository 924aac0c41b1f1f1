//! Several files written all or nothing (`new`: four files and a store entry).

use std::fs;
use std::path::{Path, PathBuf};

use super::pending::{PendingFile, Previous};
use super::{check_destination, write_temp, Visibility};
use crate::error::{Error, Result};

/// Files staged for writing; nothing appears at a destination until `commit`.
///
/// `new` writes four files and a store entry; when the third fails, the first two must not be
/// left behind, so all are staged first and renamed together. With `force`, each file that
/// will be replaced is first kept aside under a private name in its directory (see
/// [`Previous`]), so a failure part-way puts every old file back instead of losing old and new.
pub struct Batch {
    force: bool,
    staged: Vec<(PendingFile, PathBuf)>,
}

/// How a forced commit keeps the files it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeepOld {
    /// A hard link beside each old file before anything is placed; where that fails (no hard
    /// links on this filesystem), the old file is renamed aside just before it is replaced.
    Link,
    /// Always rename aside (tests the fallback on filesystems with hard links).
    #[cfg(test)]
    Move,
}

/// What a staged file's destination holds that a failed commit must give back.
enum Old {
    /// Nothing to keep: the destination is absent (or a directory, which placing refuses), or
    /// this is the batch's last file (a failed rename leaves its old content in place, and
    /// nothing can fail after it).
    Nothing,
    Kept(Previous),
    /// Hard-linking failed; rename it aside when its turn comes.
    MoveWhenPlacing,
}

impl Batch {
    pub fn new(force: bool) -> Self {
        Batch {
            force,
            staged: Vec::new(),
        }
    }

    /// Writes `bytes` to a temporary file beside `dest` after checking `dest` may be written.
    pub fn stage(&mut self, dest: &Path, bytes: &[u8], visibility: Visibility) -> Result<()> {
        check_destination(dest, self.force)?;
        let temp = write_temp(dest, bytes, visibility)?;
        self.staged.push((temp, dest.to_path_buf()));
        Ok(())
    }

    /// Renames every staged file into place. On failure every destination is as it was: files
    /// this batch placed at free names are removed, and files it replaced (`force`) are put
    /// back from where they were kept aside. On success the kept copies are removed.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        self.commit_keeping(KeepOld::Link)
    }

    fn commit_keeping(self, keep: KeepOld) -> Result<Vec<PathBuf>> {
        let force = self.force;
        let count = self.staged.len();
        // Set aside first, so that a file which cannot even be linked is found before anything
        // has been replaced.
        let queue: Vec<(PendingFile, PathBuf, Old)> = self
            .staged
            .into_iter()
            .enumerate()
            .map(|(i, (temp, dest))| {
                let old = if !force || i + 1 == count {
                    Old::Nothing
                } else {
                    set_aside(&dest, keep)
                };
                (temp, dest, old)
            })
            .collect();
        let mut placed: Vec<(PathBuf, Option<Previous>)> = Vec::with_capacity(count);
        let mut queue = queue.into_iter();
        while let Some((temp, dest, old)) = queue.next() {
            let previous = match old {
                Old::Nothing => None,
                Old::Kept(previous) => Some(previous),
                Old::MoveWhenPlacing => match Previous::move_aside(&dest) {
                    Ok(previous) => previous,
                    Err(e) => return Err(roll_back(placed, queue, None, dest, e)),
                },
            };
            let result = if force {
                temp.place_replacing(&dest)
            } else {
                temp.place_new(&dest)
            };
            if let Err(e) = result {
                return Err(roll_back(placed, queue, previous, dest, e));
            }
            placed.push((dest, previous));
        }
        Ok(placed
            .into_iter()
            .map(|(dest, previous)| {
                if let Some(previous) = previous {
                    previous.discard();
                }
                dest
            })
            .collect())
    }
}

fn set_aside(dest: &Path, keep: KeepOld) -> Old {
    if keep == KeepOld::Link {
        match Previous::link_aside(dest) {
            Ok(Some(previous)) => return Old::Kept(previous),
            Ok(None) => return Old::Nothing,
            Err(_) => {}
        }
    }
    Old::MoveWhenPlacing
}

/// Undoes a commit that failed placing `dest` with `error`: `failed` is what was set aside for
/// `dest` itself, `placed` what went into place before it, `rest` what was still to come.
fn roll_back(
    placed: Vec<(PathBuf, Option<Previous>)>,
    rest: impl Iterator<Item = (PendingFile, PathBuf, Old)>,
    failed: Option<Previous>,
    dest: PathBuf,
    error: std::io::Error,
) -> Error {
    // Asides that could not be put back are left in place (each is the only copy of an old
    // file) and named in the error.
    let mut unrestored: Vec<String> = Vec::new();
    let mut note = |what: &Path, aside: PathBuf, e: std::io::Error| {
        unrestored.push(format!(
            "{} could not be restored ({e}); its previous content is in {}",
            what.display(),
            aside.display()
        ))
    };
    for (_, _, old) in rest {
        if let Old::Kept(previous) = old {
            previous.discard();
        }
    }
    if let Some(previous) = failed {
        let aside = previous.aside().to_path_buf();
        if let Err(e) = previous.cancel() {
            note(&dest, aside, e);
        }
    }
    for (path, previous) in placed.into_iter().rev() {
        match previous {
            Some(previous) => {
                let aside = previous.aside().to_path_buf();
                if let Err(e) = previous.restore() {
                    note(&path, aside, e);
                }
            }
            None => {
                let _ = fs::remove_file(&path);
            }
        }
    }
    if error.kind() == std::io::ErrorKind::AlreadyExists {
        return Error::AlreadyExists {
            path: dest,
            force_flag: true,
        };
    }
    if unrestored.is_empty() {
        return Error::io("write", &dest, error);
    }
    let message = format!("{error}; {}", unrestored.join("; "));
    Error::io("write", &dest, std::io::Error::new(error.kind(), message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_batch_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("b"), b"existing").unwrap();
        let mut batch = Batch::new(false);
        batch
            .stage(&dir.path().join("a"), b"1", Visibility::Private)
            .unwrap();
        assert!(batch
            .stage(&dir.path().join("b"), b"2", Visibility::Private)
            .is_err());
        drop(batch);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b")]);
    }

    /// Stages `a`, `b` and `c` over existing files, then makes `c` impossible to place (a
    /// non-empty directory takes its name after staging): the commit must fail and give every
    /// destination back its old content.
    fn forced_batch_failing_on_its_last_file(keep: KeepOld) {
        let dir = tempfile::tempdir().unwrap();
        let names = ["a", "b", "c"];
        for name in names {
            fs::write(dir.path().join(name), format!("old {name}")).unwrap();
        }
        let mut batch = Batch::new(true);
        for name in names {
            batch
                .stage(&dir.path().join(name), b"new", Visibility::Private)
                .unwrap();
        }
        fs::remove_file(dir.path().join("c")).unwrap();
        fs::create_dir(dir.path().join("c")).unwrap();
        fs::write(dir.path().join("c/inside"), b"x").unwrap();
        assert!(batch.commit_keeping(keep).is_err());
        for name in ["a", "b"] {
            let content = fs::read(dir.path().join(name)).unwrap();
            assert_eq!(
                content,
                format!("old {name}").as_bytes(),
                "{name} after {keep:?}"
            );
        }
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, ["a", "b", "c"], "no aside copies left after {keep:?}");
    }

    #[test]
    fn a_failed_forced_batch_puts_replaced_files_back() {
        forced_batch_failing_on_its_last_file(KeepOld::Link);
    }

    #[test]
    fn a_failed_forced_batch_puts_moved_files_back() {
        forced_batch_failing_on_its_last_file(KeepOld::Move);
    }

    #[test]
    fn a_forced_batch_that_succeeds_leaves_no_aside_copies() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a"), b"old").unwrap();
        let mut batch = Batch::new(true);
        for name in ["a", "b"] {
            batch
                .stage(&dir.path().join(name), b"new", Visibility::Private)
                .unwrap();
        }
        batch.commit().unwrap();
        assert_eq!(fs::read(dir.path().join("a")).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
