//! The two shapes of the `generics` and `generics-inner` crates, each used with 1 to 8 types: a series
//! for tests/claims/compile_times.rs, which compiles this one file with rustc directly (it is not a crate of
//! the lab's workspace). Module `generic_k` holds a fully generic `checksum` used with the first k
//! types of the list; module `inner_k`, a thin generic wrapper around a non-generic `inner`, used with
//! the same k types.

// ANCHOR: shapes
/// A module whose `checksum` is generic through and through, used once with each given type.
macro_rules! fully_generic {
    ($module:ident; $($arg:ident: $ty:ty),+) => {
        pub mod $module {
            pub fn checksum<T: AsRef<[u8]>>(data: T) -> u64 {
                let bytes = data.as_ref();
                let mut sum = 0u64;
                for (i, &b) in bytes.iter().enumerate() {
                    sum = sum.rotate_left(5) ^ (b as u64).wrapping_mul(i as u64 + 1);
                    if b == 0 {
                        sum = sum.wrapping_add(1000);
                    }
                }
                sum
            }

            pub fn uses($($arg: $ty),+) -> u64 {
                0 $(^ checksum($arg))+
            }
        }
    };
}

/// The same work with only the conversion generic: the loop is in `inner`, compiled once.
macro_rules! with_inner {
    ($module:ident; $($arg:ident: $ty:ty),+) => {
        pub mod $module {
            pub fn checksum<T: AsRef<[u8]>>(data: T) -> u64 {
                inner(data.as_ref())
            }

            fn inner(bytes: &[u8]) -> u64 {
                let mut sum = 0u64;
                for (i, &b) in bytes.iter().enumerate() {
                    sum = sum.rotate_left(5) ^ (b as u64).wrapping_mul(i as u64 + 1);
                    if b == 0 {
                        sum = sum.wrapping_add(1000);
                    }
                }
                sum
            }

            pub fn uses($($arg: $ty),+) -> u64 {
                0 $(^ checksum($arg))+
            }
        }
    };
}
// ANCHOR_END: shapes

/// Both shapes, used with the first k types of one list, for k = 1 to 8.
macro_rules! both {
    ($generic:ident, $inner:ident; $($arg:ident: $ty:ty),+) => {
        fully_generic!($generic; $($arg: $ty),+);
        with_inner!($inner; $($arg: $ty),+);
    };
}

// ANCHOR: types
both!(generic_1, inner_1; a: &str);
both!(generic_2, inner_2; a: &str, b: [u8; 4]);
both!(generic_3, inner_3; a: &str, b: [u8; 4], c: &[u8]);
both!(generic_4, inner_4; a: &str, b: [u8; 4], c: &[u8], d: String);
both!(generic_5, inner_5; a: &str, b: [u8; 4], c: &[u8], d: String, e: Vec<u8>);
both!(generic_6, inner_6; a: &str, b: [u8; 4], c: &[u8], d: String, e: Vec<u8>, f: Box<[u8]>);
both!(generic_7, inner_7; a: &str, b: [u8; 4], c: &[u8], d: String, e: Vec<u8>, f: Box<[u8]>, g: std::rc::Rc<[u8]>);
both!(generic_8, inner_8; a: &str, b: [u8; 4], c: &[u8], d: String, e: Vec<u8>, f: Box<[u8]>, g: std::rc::Rc<[u8]>, h: std::sync::Arc<[u8]>);
// ANCHOR_END: types
