// A hot type guarded by a size assertion, after a field was added: the build fails.

/// Used in large numbers: its size is guarded below.
pub struct HotType {
    pub id: u64,
    pub position: [f64; 3],
    pub velocity: [f64; 3],
    pub flags: u32,
    pub owner: u32,
    // ANCHOR: grown
    /// The field that grows the type past its budget.
    pub label: Option<Box<str>>,
    // ANCHOR_END: grown
}

// ANCHOR: assert
// The budget: 64 bytes on x86_64 (sizes differ between targets, so the check is for this one only).
#[cfg(target_arch = "x86_64")]
const _: () = assert!(size_of::<HotType>() <= 64, "HotType grew past 64 bytes");
// ANCHOR_END: assert

fn main() {}
