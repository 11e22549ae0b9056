//! Counts occurrences of byte strings in a fixed-size open-addressing table (linear probing).

use crate::hash::{fnv1a, mix64};

pub struct Counter {
    keys: Vec<Option<Vec<u8>>>,
    counts: Vec<u64>,
}

impl Counter {
    /// A table with room for `capacity` distinct keys (rounded up to a power of two, at least 16).
    pub fn new(capacity: usize) -> Self {
        let size = (capacity * 2).next_power_of_two().max(16);
        Counter { keys: vec![None; size], counts: vec![0; size] }
    }

    /// Adds one to the count of `key`. Panics if the table is full.
    pub fn add(&mut self, key: &[u8]) {
        let mask = self.keys.len() - 1;
        let mut slot = (mix64(fnv1a(key)) as usize) & mask;
        for _ in 0..self.keys.len() {
            match &self.keys[slot] {
                Some(k) if k.as_slice() == key => break,
                Some(_) => slot = (slot + 1) & mask,
                None => {
                    self.keys[slot] = Some(key.to_vec());
                    break;
                }
            }
        }
        self.counts[slot] += 1;
    }

    /// (key, count) pairs, sorted by key.
    pub fn sorted(&self) -> Vec<(&[u8], u64)> {
        let mut v: Vec<(&[u8], u64)> =
            self.keys.iter().zip(&self.counts).filter_map(|(k, &c)| k.as_deref().map(|k| (k, c))).collect();
        v.sort();
        v
    }
}
