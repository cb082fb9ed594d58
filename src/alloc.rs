//! The program's global allocator: the system allocator, with large blocks
//! marked for transparent huge pages.
//!
//! A large document's text, line table and extractions are blocks of
//! megabytes, and on Linux each 4 KiB page of a fresh block costs a page
//! fault when it is first written: 23,000 faults for a 20 MB file of short
//! lines, a tenth of its time. Where transparent huge pages are enabled for
//! the regions that ask for them (`madvise` in
//! `/sys/kernel/mm/transparent_hugepage/enabled`, the default of many
//! distributions), a block marked `MADV_HUGEPAGE` is faulted in 2 MiB at a
//! time. glibc does the same for all its mappings with
//! `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, but reads its tunables only at
//! start-up, before the program runs.
//!
//! Only blocks from `alloc` are marked, which are mostly allocated at the
//! size they keep (the text read from a file, tables sized before they are
//! filled), and only the whole 2 MiB pages inside a block of at least
//! [`HUGE_FROM`] bytes, so that the advice never reaches memory outside the
//! block. A block that grows (`realloc`, a vector doubling its capacity) is
//! not: the unused end of its capacity would be faulted in 2 MiB at a time,
//! which raised the peak on the 100 MB benchmark corpus from 68 to 79 MB.
//! Elsewhere, and where the kernel refuses, the blocks are the system
//! allocator's as they are.
//!
//! With glibc, [`map_large_blocks`] also makes every block of [`HUGE_FROM`]
//! bytes or more a mapping of its own, given back to the system when it is
//! freed. By default glibc raises that threshold each time such a block is
//! freed, and later large blocks then come from the heap, where a freed one
//! stays resident and the next, a little larger or placed elsewhere, touches
//! new pages: on the 100 MB benchmark corpus the peak resident memory moved
//! by 2 MB from one build to the next with the same allocations (the same
//! heap peak under valgrind's massif), and sat just above the memory
//! target. With the threshold fixed it is 67 MB instead of 69 MB, at the
//! same speed (the large blocks are a large file's, faulted in anyway).
//!
//! Fixing that threshold also fixes the one at which glibc gives the free
//! top of a heap back to the system, at 128 KiB. A worker's heap then shrank
//! after almost every draft and the next draft faulted the same pages in
//! again: 5,500 page faults and 150 `madvise` calls for 13 MB of drafts, a
//! tenth of the wall time. [`map_large_blocks`] raises it to [`TRIM_FROM`]:
//! a heap keeps up to 2 MiB of free pages for the next document (1,100
//! faults), and a large document hands them back before and after it is
//! read (see `engine::return_free_memory`).

use std::alloc::{GlobalAlloc, Layout, System};

/// The size of a huge page on x86-64 and of the usual one on AArch64.
const HUGE_PAGE: usize = 2 << 20;

/// Blocks from this size are marked: two huge pages, so that at least one
/// whole huge page lies inside.
pub const HUGE_FROM: usize = 2 * HUGE_PAGE;

/// A heap keeps this many free bytes at its top for the next document
/// before it hands them back to the system (glibc's default is 128 KiB; see
/// the module's documentation). One huge page: on the 100 MB benchmark
/// corpus twice as much raised the peak by 2 MB, this much does not.
pub const TRIM_FROM: usize = HUGE_PAGE;

/// [`System`], marking large blocks for transparent huge pages (see the
/// module's documentation).
pub struct HugePages;

// SAFETY: every call is passed to `System` unchanged; `advise` only gives
// the kernel a hint about memory inside a block `System` returned.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is `System`'s.
        let p = unsafe { System.alloc(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Not marked: see the module's documentation.
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Ask glibc to map every block of [`HUGE_FROM`] bytes or more on its own
/// and unmap it when it is freed, instead of raising that threshold as
/// blocks are freed, and to keep up to [`TRIM_FROM`] free bytes at the top
/// of a heap instead of 128 KiB (see the module's documentation). Call it once,
/// first thing in `main`; elsewhere than glibc it does nothing.
pub fn map_large_blocks() {
    // SAFETY: `mallopt` only changes tuning parameters of glibc's
    // allocator; a refusal (returned as 0) leaves the default in place.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, HUGE_FROM as libc::c_int);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_FROM as libc::c_int);
    }
}

/// The whole huge pages inside the block of `len` bytes at `p`, as a start
/// address and a length (none for a small block).
fn huge_pages_in(p: usize, len: usize) -> Option<(usize, usize)> {
    if len < HUGE_FROM {
        return None;
    }
    let start = p.checked_next_multiple_of(HUGE_PAGE)?;
    let end = p.checked_add(len)? / HUGE_PAGE * HUGE_PAGE;
    (end > start).then(|| (start, end - start))
}

/// Mark the whole huge pages inside the block of `len` bytes at `p` for
/// transparent huge pages.
#[inline]
fn advise(p: *mut u8, len: usize) {
    let Some((start, n)) = huge_pages_in(p as usize, len).filter(|_| !p.is_null()) else {
        return;
    };
    // SAFETY: the range lies inside a live block of this process, and the
    // advice changes how it is backed, never its contents. A refusal (no
    // transparent huge pages in this kernel) is ignored: the block stays as
    // it is.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::madvise(start as *mut libc::c_void, n, libc::MADV_HUGEPAGE);
    }
    // Other systems have no such advice.
    #[cfg(not(target_os = "linux"))]
    let _ = (start, n);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_huge_pages_inside_a_large_block_are_marked() {
        let mb = 1 << 20;
        // Too small to hold one whole huge page for certain.
        assert_eq!(huge_pages_in(4096, HUGE_FROM - 1), None);
        // Aligned: every huge page of the block.
        assert_eq!(huge_pages_in(8 * mb, 6 * mb), Some((8 * mb, 6 * mb)));
        // Unaligned at both ends: the pages the block covers wholly.
        assert_eq!(huge_pages_in(8 * mb + 16, 6 * mb), Some((10 * mb, 4 * mb)));
        assert_eq!(huge_pages_in(8 * mb + 16, 4 * mb), Some((10 * mb, 2 * mb)));
        // At the top of the address space: no overflow.
        assert_eq!(huge_pages_in(usize::MAX - mb, HUGE_FROM), None);
    }

    #[test]
    fn large_blocks_keep_their_contents_through_realloc() {
        // The allocator is used directly: the tests run on the default one.
        let a = HugePages;
        let layout = Layout::from_size_align(HUGE_FROM + 12345, 8).unwrap();
        // SAFETY: a valid layout; the block is written within its size and
        // freed with the layout it has at that moment.
        unsafe {
            let p = a.alloc(layout);
            assert!(!p.is_null());
            for i in (0..layout.size()).step_by(4096) {
                *p.add(i) = (i / 4096) as u8;
            }
            let bigger = 3 * HUGE_FROM;
            let q = a.realloc(p, layout, bigger);
            assert!(!q.is_null());
            for i in (0..layout.size()).step_by(4096) {
                assert_eq!(*q.add(i), (i / 4096) as u8);
            }
            a.dealloc(q, Layout::from_size_align(bigger, 8).unwrap());
            let z = a.alloc_zeroed(layout);
            assert!((0..layout.size()).step_by(999).all(|i| *z.add(i) == 0));
            a.dealloc(z, layout);
        }
    }

    /// The kernel records the advice on the block's mapping: `hg` among the
    /// `VmFlags` of `/proc/self/smaps`. Skipped where the kernel has no
    /// transparent huge pages (the advice is refused there) or lists no
    /// flags.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_large_block_is_advised_for_huge_pages() {
        if !std::path::Path::new("/sys/kernel/mm/transparent_hugepage").exists() {
            eprintln!("skipped: no transparent huge pages in this kernel");
            return;
        }
        let flags_at = |p: usize| -> Option<String> {
            let smaps = std::fs::read_to_string("/proc/self/smaps").ok()?;
            let mut inside = false;
            for line in smaps.lines() {
                if let Some((range, _)) = line.split_once(' ')
                    && let Some((lo, hi)) = range.split_once('-')
                    && let (Ok(lo), Ok(hi)) =
                        (usize::from_str_radix(lo, 16), usize::from_str_radix(hi, 16))
                {
                    inside = (lo..hi).contains(&p);
                } else if inside && let Some(f) = line.strip_prefix("VmFlags:") {
                    return Some(f.to_string());
                }
            }
            None
        };
        let a = HugePages;
        let layout = Layout::from_size_align(4 * HUGE_FROM, 8).unwrap();
        // SAFETY: a valid layout, freed with the same layout.
        unsafe {
            let p = a.alloc(layout);
            assert!(!p.is_null());
            let (start, _) = huge_pages_in(p as usize, layout.size()).unwrap();
            let flags = flags_at(start);
            a.dealloc(p, layout);
            // A kernel that does not list the flags of its mappings (some
            // sandboxes) cannot show the advice.
            let Some(flags) = flags else {
                eprintln!("skipped: /proc/self/smaps lists no VmFlags");
                return;
            };
            assert!(flags.split_whitespace().any(|f| f == "hg"), "{flags}");
        }
    }
}
