// The same hot type and size assertion, without the added field: the build succeeds.

/// Used in large numbers: its size is guarded below.
pub struct HotType {
    pub id: u64,
    pub position: [f64; 3],
    pub velocity: [f64; 3],
    pub flags: u32,
    pub owner: u32,
}

// The budget: 64 bytes on x86_64 (sizes differ between targets, so the check is for this one only).
#[cfg(target_arch = "x86_64")]
const _: () = assert!(size_of::<HotType>() <= 64, "HotType grew past 64 bytes");

fn main() {}
