//! The hash of a source's every byte, taken at every start to tell that a cache file still holds this very file.
//!
//! Read through `read(2)`, 100 MB cost 74–85 ms on this project's machine, nearly all of it the kernel's copy into
//! the buffer; hashed where the file's pages already are, in a read-only memory map, 21–24 ms. A map is not safe
//! against every writer, though: a file cut shorter while mapped takes its pages away, and reading one of them kills
//! the process (SIGBUS), leaving the reader's terminal in raw mode. So the file is mapped only under a read lease
//! (Linux's `F_SETLEASE`), which the kernel grants only while no one has the file open for writing, and which makes
//! anyone who then opens it for writing or truncates it wait until the lease is let go (at most the system's
//! `lease-break-time`, 45 s by default: only a lenaview stopped mid-hash for that long could still be cut short).
//! Where there is no lease (another system, a network file system, a file open for writing, a file of another user),
//! the file is read as before.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use xxhash_rust::xxh3::Xxh3;

/// A file is mapped this much at a time, and let go of before the next: all of it mapped at once stays in the
/// process's resident memory until unmapped (the one-shot search's peak was 131 MiB instead of 75 at 100k). Hashing
/// 100 MB took 21–24 ms in 4 MiB windows, 26–29 in 1 MiB ones.
const MAPPED_WINDOW: usize = 4 << 20;

/// The xxh3 hash of every byte of the regular file at `path`, given up (an error) as soon as `unwanted` is set.
pub(super) fn hash_file_unless(path: &Path, unwanted: &AtomicBool) -> io::Result<u128> {
    let file = File::open(path)?;
    // Reading a pipe to hash it would take its bytes from the import that follows.
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("not a regular file: not hashed"));
    }
    if let Some(lease) = lease::ReadLease::take(&file) {
        return hashed_mapped(&lease, unwanted);
    }
    hashed_read(&file, unwanted)
}

/// The file under `lease`, hashed a window at a time in a read-only map; read instead if it cannot be mapped.
fn hashed_mapped(lease: &lease::ReadLease<'_>, unwanted: &AtomicBool) -> io::Result<u128> {
    let length = lease.file().metadata()?.len();
    let mut hasher = Xxh3::new();
    let mut at = 0;
    while at < length {
        if unwanted.load(Ordering::Relaxed) {
            return Err(no_longer_wanted());
        }
        let window = (length - at).min(MAPPED_WINDOW as u64) as usize;
        match lease.map(at, window) {
            Ok(mapped) => hasher.update(&mapped),
            Err(_) if at == 0 => return hashed_read(lease.file(), unwanted),
            Err(err) => return Err(err),
        }
        at += window as u64;
    }
    Ok(hasher.digest128())
}

fn hashed_read(mut file: &File, unwanted: &AtomicBool) -> io::Result<u128> {
    let mut hasher = Xxh3::new();
    // Small enough to stay in the L2 cache, so the hash reads what the copy just wrote from there: on an earlier
    // machine, hashing the 111 MB library took 19.5–22.5 ms with 256 KiB against 21.9–35.9 ms with 1 MiB (3 rounds
    // each, one process); on this project's machine now the copy itself costs 74–85 ms (see the module's notes).
    let mut buffer = vec![0; 256 << 10];
    loop {
        if unwanted.load(Ordering::Relaxed) {
            return Err(no_longer_wanted());
        }
        match file.read(&mut buffer) {
            Ok(0) => return Ok(hasher.digest128()),
            Ok(read) => hasher.update(&buffer[..read]),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}

fn no_longer_wanted() -> io::Error {
    io::Error::other("the hash is no longer wanted")
}

#[cfg(target_os = "linux")]
mod lease {
    use std::fs::File;
    use std::io;
    use std::os::fd::AsRawFd;

    use memmap2::{Mmap, MmapOptions};

    /// `fcntl`'s command for the signal a lease break sends; the same on every Linux architecture, and not in the
    /// libc crate.
    const F_SETSIG: libc::c_int = 10;

    /// A read lease on a file open read-only: while it is held, no one else can write to the file or cut it short.
    /// Let go when dropped (closing the file would let go of it too).
    pub struct ReadLease<'a> {
        file: &'a File,
    }

    impl<'a> ReadLease<'a> {
        /// `None` when the kernel refuses it: the file is open for writing somewhere, belongs to another user, or
        /// lives where leases are not kept.
        pub fn take(file: &'a File) -> Option<ReadLease<'a>> {
            let fd = file.as_raw_fd();
            // A lease broken by a writer is told by a signal, SIGIO unless set otherwise, and SIGIO's default is to
            // end the process. SIGURG is ignored unless a program asks for it, and lenaview never does: the writer
            // just waits until the hash is done and the lease let go.
            // SAFETY: fcntl with these commands takes integers only, on a descriptor `file` keeps open.
            let taken = unsafe {
                libc::fcntl(fd, F_SETSIG, libc::SIGURG) == 0 && libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) == 0
            };
            taken.then_some(ReadLease { file })
        }

        pub fn file(&self) -> &File {
            self.file
        }

        /// `length` bytes of the file from `offset` (a multiple of the page size), mapped read-only.
        pub fn map(&self, offset: u64, length: usize) -> io::Result<Mmap> {
            // SAFETY: the lease keeps every writer out, so the mapped bytes neither change nor go away (see the
            // module's notes for the one case left: a lenaview stopped for the whole lease-break time).
            unsafe { MmapOptions::new().offset(offset).len(length).map(self.file) }
        }
    }

    impl Drop for ReadLease<'_> {
        fn drop(&mut self) {
            // SAFETY: as in `take`.
            unsafe {
                libc::fcntl(self.file.as_raw_fd(), libc::F_SETLEASE, libc::F_UNLCK);
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod lease {
    use std::fs::File;
    use std::io;

    /// No leases here: every file is read.
    pub struct ReadLease<'a> {
        file: &'a File,
        never: std::convert::Infallible,
    }

    impl<'a> ReadLease<'a> {
        pub fn take(_: &'a File) -> Option<ReadLease<'a>> {
            None
        }

        pub fn file(&self) -> &File {
            self.file
        }

        pub fn map(&self, _: u64, _: usize) -> io::Result<memmap2::Mmap> {
            match self.never {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_128;

    /// Bytes over several mapped windows and read buffers, ending mid-window.
    fn written(folder: &Path) -> (std::path::PathBuf, Vec<u8>) {
        let bytes: Vec<u8> = (0..MAPPED_WINDOW * 2 + 12_345).map(|at| (at * 7 % 251) as u8).collect();
        let path = folder.join("source.txt");
        std::fs::write(&path, &bytes).unwrap();
        (path, bytes)
    }

    #[test]
    fn read_and_mapped_hashes_are_both_the_hash_of_every_byte() {
        let folder = tempfile::tempdir().unwrap();
        let (path, bytes) = written(folder.path());
        let whole = xxh3_128(&bytes);
        let wanted = AtomicBool::new(false);
        assert_eq!(hashed_read(&File::open(&path).unwrap(), &wanted).unwrap(), whole);
        let file = File::open(&path).unwrap();
        if let Some(lease) = lease::ReadLease::take(&file) {
            assert_eq!(hashed_mapped(&lease, &wanted).unwrap(), whole);
        }
        assert_eq!(hash_file_unless(&path, &wanted).unwrap(), whole);
        let empty = folder.path().join("empty");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(hash_file_unless(&empty, &wanted).unwrap(), xxh3_128(b""));
    }

    #[test]
    fn a_hash_no_longer_wanted_stops_either_way() {
        let folder = tempfile::tempdir().unwrap();
        let (path, _) = written(folder.path());
        let unwanted = AtomicBool::new(true);
        assert!(hashed_read(&File::open(&path).unwrap(), &unwanted).is_err());
        let file = File::open(&path).unwrap();
        if let Some(lease) = lease::ReadLease::take(&file) {
            assert!(hashed_mapped(&lease, &unwanted).is_err());
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_open_for_writing_is_read_not_mapped_and_a_lease_is_let_go_when_dropped() {
        use std::os::fd::AsRawFd;
        let folder = tempfile::tempdir().unwrap();
        let (path, bytes) = written(folder.path());
        let file = File::open(&path).unwrap();
        // SAFETY: F_GETLEASE takes no pointer, on a descriptor `file` keeps open.
        let held = || unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLEASE) };
        let lease = lease::ReadLease::take(&file).expect("a file no one writes is leased (as root or its owner)");
        assert_eq!(held(), libc::F_RDLCK);
        drop(lease);
        assert_eq!(held(), libc::F_UNLCK, "let go as soon as the hash is done, not when the file closes");
        let writer = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
        assert!(lease::ReadLease::take(&file).is_none(), "no lease while someone may write");
        // Read instead, it still hashes every byte.
        assert_eq!(hash_file_unless(&path, &AtomicBool::new(false)).unwrap(), xxh3_128(&bytes));
        drop(writer);
    }
}
