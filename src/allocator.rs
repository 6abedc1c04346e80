//! What the reader asks of glibc's allocator so that its resident memory follows what it holds: a reader keeps a
//! whole library in memory for hours, and memory freed but kept by the allocator counts against it all that time.
//! Other allocators (musl, other systems) are left as they are.

/// Blocks of this size and more are mapped on their own, and so given back to the system the moment they are
/// freed: a library's pages of publications (70 KB for 200), a keystroke's result lists.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MAPPED_APART_FROM: std::ffi::c_int = 64 * 1024;

/// Keeps large blocks mapped apart for the rest of the process. By default glibc raises that threshold each time
/// a mapped block is freed (up to 32 MB), after which such blocks come from the heap and stay resident when freed:
/// the decoded pages' publications, freed as the catalog takes them in, stayed beside the catalog's own copy until
/// the next trim (the 100k reader's peak 118 MiB instead of 105 while loading, 134 instead of 125 after a search).
pub fn map_large_blocks_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const M_MMAP_THRESHOLD: std::ffi::c_int = -3;
        unsafe extern "C" {
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        // SAFETY: mallopt only sets a tuning value of the allocator; it takes no pointers. Called before the
        // reader's threads start, as glibc asks.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, MAPPED_APART_FROM);
        }
    }
}

/// Hands the memory the load and the index building freed back to the system: glibc keeps it in the arenas of
/// the threads that freed it, where the reader's own thread never reuses it.
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free memory to the system; it takes no pointers and keeps no state.
        unsafe {
            malloc_trim(0);
        }
    }
}
